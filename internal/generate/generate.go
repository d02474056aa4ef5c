// Package generate turns an assembled Spec into a values file and proves it
// before anyone writes it: the rendered text is parsed, validated against the
// chart's schema and run through every rule. An error stops the generator:
// it is a bug in the generator, not something to hand to a user. A warning
// stops it unless the profile or the answers accept it; accepted warnings
// are marked at their lines, so the file passes check --fail-on warning.
package generate

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/profiles"
	"github.com/valuesmith/valuesmith/schema"
	"github.com/valuesmith/valuesmith/templates"
)

// OutputName is how the generated file is named in self-check findings.
const OutputName = "generated values.yaml"

// Result is a generated values file.
type Result struct {
	Values []byte
	// Findings are the infos the self-check reported, at their lines in
	// Values.
	Findings []finding.Finding
	// Accepted are the warnings the profile or the answers accept, at their
	// lines in Values, where a valuesmith:ignore comment above each marks
	// it, so that valuesmith check --fail-on warning passes.
	Accepted []finding.Finding
}

// SelfCheckError carries the findings that made the self-check fail.
type SelfCheckError struct {
	Findings []finding.Finding
}

func (e *SelfCheckError) Error() string {
	lines := []string{"the generated values failed valuesmith's own checks (a bug in the generator; nothing was written):"}
	for _, f := range e.Findings {
		lines = append(lines, "  "+f.String())
	}
	return strings.Join(lines, "\n")
}

// Values renders and self-checks the values file of a. An error or a schema
// finding is a defect of the generator (*SelfCheckError). A warning the
// inputs do not accept is theirs to decide: it comes back as
// spec.Problems naming the rule to accept. Accepted warnings are marked in
// the file with valuesmith:ignore comments, and the marked file is checked
// once more: it must have no finding at warning level or above.
func Values(a *spec.Assembled) (*Result, error) {
	v, err := schema.Lookup(a.Spec.ChartVersion)
	if err != nil {
		return nil, err
	}
	out, err := render(a, v)
	if err != nil {
		return nil, err
	}
	res, err := selfCheck(a, v, out)
	if err != nil {
		return nil, err
	}
	var bad, accepted []finding.Finding
	var unaccepted spec.Problems
	for _, f := range res.Findings {
		switch {
		case f.Severity == finding.Error, f.RuleID == finding.SchemaRule:
			bad = append(bad, f)
		case f.Severity == finding.Warning && a.Accepts(f.RuleID):
			accepted = append(accepted, f)
		case f.Severity == finding.Warning:
			msg, _, _ := strings.Cut(f.Message, " (not set in your values")
			unaccepted = append(unaccepted, spec.Problem{Key: spec.AcceptFlag, Rule: f.RuleID,
				Msg: fmt.Sprintf("the generated values raise warning %s at %s: %s%s", f.RuleID, f.Path, msg, spec.AcceptHint(f.RuleID))})
		}
	}
	if len(bad) > 0 {
		return nil, &SelfCheckError{Findings: bad}
	}
	if len(unaccepted) > 0 {
		return nil, unaccepted
	}
	marked, moved, final := out, []finding.Finding(nil), res
	if len(accepted) > 0 {
		marked, moved = markAccepted(out, accepted, a.Accepted())
		if final, err = selfCheck(a, v, marked); err != nil {
			return nil, err
		}
	}
	var infos []finding.Finding
	for _, f := range final.Findings {
		if f.Severity != finding.Info {
			bad = append(bad, f)
		} else {
			infos = append(infos, f)
		}
	}
	if len(bad) > 0 {
		return nil, &SelfCheckError{Findings: bad}
	}
	return &Result{Values: marked, Findings: infos, Accepted: moved}, nil
}

// render writes the values file, with the API versions an offline render
// needs (read from the effective values, as the rules read them) in its
// header.
func render(a *spec.Assembled, v *schema.Version) ([]byte, error) {
	out, err := templates.Render(a, nil)
	if err != nil || a.Spec.ClickHouse.Mode != "bundled" {
		// Only the chart's own ClickHouse brings resources whose APIs the
		// chart checks for; the rules say which.
		return out, err
	}
	doc, err := values.Parse(OutputName, out)
	if err != nil {
		return nil, fmt.Errorf("the generated values do not parse (a bug in the generator): %w", err)
	}
	apis := rules.Effective(rules.Input{Chart: v, Layers: []*values.Document{doc}}).OfflineAPIVersions()
	if len(apis) == 0 {
		return out, nil
	}
	return templates.Render(a, apis)
}

// selfCheck runs the schema and every default rule over the generated
// values, with the release and start-up budget of the answers.
func selfCheck(a *spec.Assembled, v *schema.Version, out []byte) (*check.Result, error) {
	sel, err := check.Select(nil, nil, nil)
	if err != nil {
		return nil, err
	}
	res, err := check.Run(check.Options{
		Version: v,
		Rules:   sel.Rules,
		Policy:  sel.Policy,
		Settings: rules.Settings{
			Release:           a.Spec.Release,
			StartupSeconds:    a.Spec.StartupSeconds,
			StartupSecondsSet: true,
		},
	}, []check.Release{{Layers: []check.Input{{Name: OutputName, Data: out}}}})
	if err != nil {
		return nil, err
	}
	if len(res.InputErrors) > 0 {
		return nil, fmt.Errorf("the generated values do not parse (a bug in the generator): %s", res.InputErrors[0])
	}
	return res, nil
}

// markAccepted writes "# valuesmith:ignore RULE reason" above each line
// that has accepted warnings, indented like that line, once per rule and
// line, with the reason the profile or the answers give. It returns the
// marked text and the findings at their new lines.
func markAccepted(out []byte, fs []finding.Finding, accepted []profiles.Accepted) ([]byte, []finding.Finding) {
	if len(fs) == 0 {
		return out, nil
	}
	reason := map[string]string{}
	for _, acc := range accepted {
		if _, seen := reason[acc.Rule]; !seen {
			reason[acc.Rule] = acc.Reason
		}
	}
	byLine := map[int][]string{}
	for _, f := range fs {
		if !slices.Contains(byLine[f.Line], f.RuleID) {
			byLine[f.Line] = append(byLine[f.Line], f.RuleID)
		}
	}
	lines := strings.SplitAfter(string(out), "\n")
	var b strings.Builder
	shift := map[int]int{} // old line -> new line
	added := 0
	for i, l := range lines {
		n := i + 1
		ids := byLine[n]
		slices.Sort(ids)
		indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
		for _, id := range ids {
			fmt.Fprintf(&b, "%s# valuesmith:ignore %s %s\n", indent, id, reason[id])
			added++
		}
		shift[n] = n + added
		b.WriteString(l)
	}
	moved := make([]finding.Finding, len(fs))
	for i, f := range fs {
		f.Line = shift[f.Line]
		moved[i] = f
	}
	return []byte(b.String()), moved
}

// FromInputs resolves the inputs and generates their values. Every input
// problem comes back at once (as spec.Problems): those of the inputs and,
// when the only ones are warnings to accept, also the warnings the values
// would raise beyond them, found by generating with those warnings
// accepted for the look.
func FromInputs(in spec.Inputs) (*spec.Assembled, *Result, error) {
	// Rendering needs the templates parsed; parse them on the core that
	// waits while the inputs are resolved.
	go templates.Warm()
	a, ps, err := spec.Resolve(in)
	if err != nil {
		return nil, nil, err
	}
	if len(ps) == 0 {
		res, err := Values(a)
		if err != nil {
			return nil, nil, err
		}
		return a, res, nil
	}
	look := in
	look.Accept = slices.Clone(in.Accept)
	for _, p := range ps {
		if p.Rule == "" {
			return nil, nil, ps
		}
		look.Accept = append(look.Accept, p.Rule+"=looking for further warnings")
	}
	if la, lps, err := spec.Resolve(look); err == nil && len(lps) == 0 {
		var more spec.Problems
		if _, err := Values(la); errors.As(err, &more) {
			ps = append(ps, more...)
		}
	}
	return nil, nil, ps
}
