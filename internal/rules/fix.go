package rules

import (
	"github.com/valuesmith/valuesmith/internal/edit"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
)

// Fixer is what valuesmith fix does about a rule's findings. The fixers
// live in fixes.go, one constructor per rule, and are found by rule ID, so
// that a rule's check and its fix stay apart.
type Fixer struct {
	// Safe fixes change the values without a person deciding anything;
	// valuesmith fix applies them.
	Safe bool
	// Does says what the fix changes, for the catalogue.
	Does string
	// Decide says what a person must decide: for a fix that is not safe,
	// and for the findings of a safe fix that it cannot handle.
	Decide string
	// Edits returns the edits that fix one finding, on key paths of the
	// release's values; nil when this finding needs a person after all.
	Edits func(c *Context, f finding.Finding) []edit.Edit
	// Secret returns how to move the literal secret of a finding into a
	// Kubernetes Secret (valuesmith fix --secrets-out), or nil.
	Secret func(c *Context, f finding.Finding) *finding.SecretMove
}

// Fixer returns the rule's fixer, or nil when the rule has no fix.
func (r *Rule) Fixer() *Fixer { return fixers[r.ID] }

// FixKind names what valuesmith fix does with a rule's findings: "safe"
// (applied), "secret" (applied with --secrets-out), "decision" (listed with
// what to decide) or "" (no fix: the remediation says what to do).
func (r *Rule) FixKind() string {
	fx := r.Fixer()
	switch {
	case fx == nil:
		return ""
	case fx.Secret != nil:
		return "secret"
	case fx.Safe:
		return "safe"
	}
	return "decision"
}

// fix builds the fix of one finding.
func (fx *Fixer) fix(c *Context, f finding.Finding) *finding.Fix {
	out := &finding.Fix{Decide: fx.Decide}
	if fx.Edits != nil {
		out.Edits = fx.Edits(c, f)
		out.Safe = fx.Safe && len(out.Edits) > 0
	}
	if fx.Secret != nil {
		out.Secret = fx.Secret(c, f)
	}
	return out
}

// attachFixes gives each finding of rule r its fix.
func attachFixes(r *Rule, c *Context, fs []finding.Finding) {
	fx := r.Fixer()
	if fx == nil {
		return
	}
	for i := range fs {
		fs[i].Fix = fx.fix(c, fs[i])
	}
}

// at returns the tokens of a path with more tokens after it.
func at(path string, more ...string) []string {
	return append(values.SplitPath(path), more...)
}
