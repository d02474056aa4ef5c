package check

import (
	"testing"

	"github.com/valuesmith/valuesmith/internal/finding"
)

// A render that succeeded overrules predictions that it fails; a render
// failure at (or above) a predicted key is the same root cause, reported
// once at the entry; other render failures and other findings stay.
func TestReconcile(t *testing.T) {
	claim := finding.Finding{RuleID: "env-conflicts-structured-key", Path: "langfuse.additionalEnv[0]", Message: "SALT is also derived; the chart refuses to render"}
	other := finding.Finding{RuleID: "signup-open", Path: "langfuse.features.signUpDisabled", Message: "sign-up is open"}
	sameCause := finding.Finding{RuleID: chartRender, Path: "langfuse.additionalEnv", Message: "SALT conflicts"}
	otherCause := finding.Finding{RuleID: chartRender, Path: "clickhouse", Message: "CRD missing"}
	manifest := finding.Finding{RuleID: "manifest-invalid", Path: "Deployment/x"}

	kept, rendered := reconcile([]finding.Finding{claim, other}, []finding.Finding{manifest})
	if len(kept) != 1 || kept[0].RuleID != "signup-open" || len(rendered) != 1 {
		t.Errorf("render succeeded: kept %v, rendered %v", kept, rendered)
	}
	kept, rendered = reconcile([]finding.Finding{claim, other}, []finding.Finding{sameCause, otherCause})
	if len(kept) != 2 || len(rendered) != 1 || rendered[0].Path != "clickhouse" {
		t.Errorf("render failed: kept %v, rendered %v", kept, rendered)
	}
	fs := dropRepeatedRenders([]finding.Finding{
		{RuleID: finding.SchemaRule, Path: "langfuse.web.service.annotations", Message: "expected object; the chart refuses to render: x"},
		{RuleID: chartRender, Path: "langfuse.web.service.annotations"},
	})
	if len(fs) != 1 || fs[0].RuleID != finding.SchemaRule {
		t.Errorf("schema claim and render failure at one key: %v", fs)
	}
	fs = reconcileSchema([]finding.Finding{{File: "a.yaml", RuleID: finding.SchemaRule, Message: "bad; the chart refuses to render: why"}}, []string{"a.yaml"}, nil)
	if fs[0].Message != "bad" {
		t.Errorf("a rendered file keeps a refusal claim: %q", fs[0].Message)
	}
}
