package rules

import "github.com/valuesmith/valuesmith/internal/finding"

// Schema is the category of what validation against the chart's values
// schema reports.
const Schema Category = "Schema"

// schemaRules are reported by schema validation and the check pipeline's
// reading of the values files; they have no Check of their own.
var schemaRules = []*Rule{
	{
		ID:       finding.SchemaRule,
		Severity: finding.Error,
		Category: Schema,
		Summary:  "A key or value the chart's values schema rejects: an unknown key, a wrong type, a value outside its choices.",
		Rationale: "The chart ignores a key it does not know (a typo, or a key of another chart release), renders a wrong type as " +
			"something other than written, and refuses some values outright (its validations of the log level and format, " +
			"the storage provider and the auth provider names, and Helm's parse of the rendered objects' annotations); such " +
			"a finding says that the chart refuses to render. Each finding is at the key or value at fault, with the likely " +
			"intended key for an unknown one.",
		Remediation: "Correct the key or value as the message says: the suggested key, the allowed choices, the expected type.",
	},
	{
		ID:       ruleDuplicateKey,
		Severity: finding.Error,
		Category: Schema,
		Summary:  "A key appears twice in one mapping: Helm keeps the last value and silently drops the first.",
		Rationale: "YAML forbids duplicate keys, but Helm reads them and keeps the value written last, so whatever the first " +
			"occurrence sets (often a whole section) is not deployed. The rest of the file is checked as Helm reads it.",
		Remediation: "Merge the two occurrences into one key.",
	},
	{
		ID:       "spelling-noncanonical",
		Severity: finding.Info,
		Category: Schema,
		Summary:  "A spelling the schema does not list but the chart reads exactly as the canonical one.",
		Rationale: "Some spellings render the same as the canonical form: an auth provider key that the chart snake-cases to an " +
			"allowed name (github-enterprise, GithubEnterprise and githubEnterprise all give AUTH_GITHUB_ENTERPRISE_*), a " +
			"quoted number at a key the templates print unquoted, a comma-separated string where the chart joins a list with " +
			"commas. Nothing deploys differently, so this is no error; the canonical form keeps the values uniform.",
		Remediation: "Write the canonical form the message names.",
	},
	{
		ID:       "null-deletes-default",
		Severity: finding.Info,
		Category: Schema,
		Summary:  "A key is set to null, which Helm treats as deleting it together with the chart's default.",
		Rationale: "Helm removes a key set to null from the merged values, so the templates see neither your value nor the " +
			"chart's default. That is the documented way to unset a default, but often a leftover of an empty value.",
		Remediation: "Remove the key to keep the chart's default, or set the value you want; keep the null only to delete the default on purpose.",
	},
}

// ruleDuplicateKey is reported by the check pipeline for a key written
// twice in one mapping.
const ruleDuplicateKey = "duplicate-key"
