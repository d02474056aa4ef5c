package rules

import "github.com/valuesmith/valuesmith/internal/finding"

// Suppression rules are reported by the policy layer (internal/check) about
// ignore comments and config ignores; they have no values check of their
// own.
var suppressionRules = []*Rule{
	{
		ID:       "ignore-unused",
		Severity: finding.Warning,
		Category: Suppression,
		Summary:  "An ignore (inline comment or config entry) suppresses nothing.",
		Rationale: "An ignore that matches no finding is either stale (the problem was fixed) or misplaced (it sits on " +
			"the wrong line, or names the wrong rule) and hides nothing while looking as if it did.",
		Remediation: "Delete the ignore, or move it onto (or directly above) the line the finding is reported at.",
	},
	{
		ID:       "ignore-invalid",
		Severity: finding.Warning,
		Category: Suppression,
		Summary:  "An inline ignore comment names no rule, an unknown rule, or gives no reason.",
		Rationale: "Every suppression must say which rule it silences and why, so that a reviewer can judge it later. " +
			"An ignore without a reason or with an unknown rule ID suppresses nothing.",
		Remediation: "Write it as # valuesmith:ignore <rule-id> <reason>, with an ID from valuesmith rules.",
	},
}
