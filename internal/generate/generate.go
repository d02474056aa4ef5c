// Package generate turns an assembled Spec into a values file and proves it
// before anyone writes it: the rendered text is parsed, validated against the
// chart's schema and run through every rule. Any error, or any warning the
// profile or the answers do not accept, stops the generator: it is a bug in
// the generator, not something to hand to a user.
package generate

import (
	"fmt"
	"strings"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/schema"
	"github.com/valuesmith/valuesmith/templates"
)

// OutputName is how the generated file is named in self-check findings.
const OutputName = "generated values.yaml"

// Result is a generated values file.
type Result struct {
	Values []byte
	// Findings are what the self-check reported and the policy allowed
	// (accepted warnings and infos).
	Findings []finding.Finding
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

// Values renders and self-checks the values file of a.
func Values(a *spec.Assembled) (*Result, error) {
	out, err := templates.Render(a)
	if err != nil {
		return nil, err
	}
	v, err := schema.Lookup(a.Spec.ChartVersion)
	if err != nil {
		return nil, err
	}
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
	var bad, kept []finding.Finding
	for _, f := range res.Findings {
		switch {
		case f.Severity == finding.Error, f.RuleID == finding.SchemaRule:
			bad = append(bad, f)
		case f.Severity == finding.Warning && !a.Accepts(f.RuleID):
			bad = append(bad, f)
		default:
			kept = append(kept, f)
		}
	}
	if len(bad) > 0 {
		return nil, &SelfCheckError{Findings: bad}
	}
	return &Result{Values: out, Findings: kept}, nil
}
