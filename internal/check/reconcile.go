package check

import (
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
)

// chartRender is the rule of a failure the chart's render hit.
const chartRender = "chart-render"

// claimsRefusal reports whether a finding predicts, from the values alone,
// that the chart refuses to render.
func claimsRefusal(f finding.Finding) bool {
	return f.RuleID != chartRender && strings.Contains(f.Message, "the chart refuses to render")
}

// reconcile puts what the values predict next to what the chart did with
// them (--chart), so that one root cause is one finding and nothing
// contradicts the render: a render that succeeded overrules every
// prediction that it fails; a render failure at a key (or below a key, or
// above an entry) where a prediction already says why is dropped.
func reconcile(predicted, rendered []finding.Finding) (kept []finding.Finding, renderedOut []finding.Finding) {
	rendered = dropEchoes(rendered, predicted)
	failed := false
	for _, f := range rendered {
		failed = failed || f.RuleID == chartRender
	}
	if !failed {
		for _, f := range predicted {
			if !claimsRefusal(f) {
				kept = append(kept, f)
			}
		}
		return kept, rendered
	}
	var claims []finding.Finding
	for _, f := range predicted {
		if claimsRefusal(f) {
			claims = append(claims, f)
		}
	}
	for _, f := range rendered {
		if f.RuleID == chartRender && repeats(f, claims) {
			continue
		}
		renderedOut = append(renderedOut, f)
	}
	return predicted, renderedOut
}

// dropEchoes drops each manifest finding that repeats a values rule's
// finding at the same key (rules.Echoed): the values rule names the cause.
func dropEchoes(rendered, predicted []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range rendered {
		if !rules.Echoed(f, predicted) {
			out = append(out, f)
		}
	}
	return out
}

// repeats reports whether a render failure is at the key of a prediction,
// or at a parent of it (the chart names langfuse.additionalEnv where the
// prediction names the entry).
func repeats(f finding.Finding, claims []finding.Finding) bool {
	if f.Path == "" || f.Path == "template" {
		return false
	}
	for _, c := range claims {
		if c.Path == f.Path || strings.HasPrefix(c.Path, f.Path+".") || strings.HasPrefix(c.Path, f.Path+"[") {
			return true
		}
	}
	return false
}

// reconcileSchema does for schema findings what reconcile does for the
// rules' predictions: a schema finding in a file of a release the chart
// rendered no longer claims a refusal (the render overrules it); the
// render failure a schema finding explains was dropped by reconcile, as
// the rendered findings are compared with every claim at the same key.
func reconcileSchema(fs []finding.Finding, renderedOK, renderFailed []string) []finding.Finding {
	ok := map[string]bool{}
	for _, f := range renderedOK {
		ok[f] = true
	}
	for _, f := range renderFailed {
		delete(ok, f) // a file shared with a refused release keeps its claims
	}
	for i, f := range fs {
		if ok[f.File] && claimsRefusal(f) {
			msg, _, _ := strings.Cut(f.Message, "; the chart refuses to render")
			fs[i].Message = msg
		}
	}
	return fs
}

// dropRepeatedRenders drops each render failure that repeats a claim of
// any finding (rules or schema) at the same key: one root cause, one
// finding, at the key the user wrote.
func dropRepeatedRenders(fs []finding.Finding) []finding.Finding {
	var claims []finding.Finding
	for _, f := range fs {
		if claimsRefusal(f) {
			claims = append(claims, f)
		}
	}
	out := fs[:0]
	for _, f := range fs {
		if f.RuleID == chartRender && repeats(f, claims) {
			continue
		}
		out = append(out, f)
	}
	return out
}
