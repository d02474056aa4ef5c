package rules

import (
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/schema"
)

// versionRules are reported by the check pipeline while it picks the model
// of each release: they have no Check of their own.
var versionRules = []*Rule{
	{
		ID:       "chart-era-unsupported",
		Severity: finding.Error,
		Category: Versions,
		Summary:  "The values were written for a chart release older than every release valuesmith models (chart 0.x).",
		Rationale: "Chart 0.x kept the web settings at the top level (service, ingress, image, replicaCount) and took the " +
			"application secrets as plain strings. Chart 1.x and later ignore those keys or refuse them, so such a file " +
			"installs something other than written. valuesmith reports the era once instead of a finding for every key, " +
			"and checks neither the schema nor the rules on the file: their findings would not be true for the chart " +
			"the file was written for.",
		Remediation: "Move the values to chart 1.x as the chart's upgrade example shows (examples/upgrade-v0.13-to-v1.0 " +
			"in langfuse/langfuse-k8s), then run valuesmith migrate --to 2.0.0 and check the result.",
		// Reported by the check pipeline when it detects the chart version.
		Check: nil,
	},
	{
		ID:       schema.NotModelledRule,
		Severity: finding.Info,
		Category: Versions,
		Summary:  "A key the chart's own values.yaml has, but valuesmith's model of the chart does not (a chart newer than the model).",
		Rationale: "When the chart passed with --chart is newer than valuesmith's models, its values.yaml supplies the " +
			"defaults and the keys it knows. A key you set that only the newer chart knows is accepted rather than " +
			"reported as unknown, and said once, so that you know valuesmith checked nothing about it.",
		Remediation: "Nothing to change in your values; check the key against the chart's own documentation.",
		// Reported by schema validation with the chart's own keys.
		Check: nil,
	},
}
