package rules

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/valuesmith/valuesmith/internal/finding"
)

//go:generate go run ./gendocs ../../docs/rules.md

// Categories returns the categories in catalogue order.
func Categories() []Category {
	var out []Category
	seen := map[Category]bool{}
	for _, r := range catalogue {
		if !seen[r.Category] {
			seen[r.Category] = true
			out = append(out, r.Category)
		}
	}
	return out
}

// Markdown renders the catalogue as docs/rules.md.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# valuesmith rules\n\n")
	b.WriteString("<!-- Generated from internal/rules by `go generate ./internal/rules`; do not edit. A test fails when this file is stale. -->\n\n")
	b.WriteString("`valuesmith check` validates each values file against the chart's JSON Schema (findings with the rule ID\n")
	b.WriteString("`schema`), then runs these rules on the effective values of each release: the chart's defaults with\n")
	b.WriteString("every values file layered on top the way Helm does it, read with the chart's own fallbacks. Each\n")
	b.WriteString("finding is reported at the line that set the value, or at the nearest parent you wrote when a key is\n")
	b.WriteString("missing.\n\n")
	b.WriteString("Severities: **error**: the install breaks, data or availability is at risk, or a secret leaks;\n")
	b.WriteString("**warning**: not production-grade; **info**: advice. `--fail-on` (default `error`) sets which make the\n")
	b.WriteString("exit code 1. Opt-in rules run only with `--enable <id>` or `rules: {<id>: on}` in `.valuesmith.yaml`.\n\n")
	b.WriteString("Each rule holds for the chart versions it names (a semver constraint; \"all\" for every version).\n")
	b.WriteString("`valuesmith rules --chart-version V` lists the rules that hold for V.\n\n")
	b.WriteString("Suppress a finding with `# valuesmith:ignore <rule-id> <reason>` on its line or the line above, or with\n")
	b.WriteString("an `ignore` entry in `.valuesmith.yaml`. A reason is required, and an ignore that suppresses nothing is\n")
	b.WriteString("reported.\n\n")
	b.WriteString("`valuesmith fix` applies the fixes marked **safe** (and, with `--secrets-out`, those marked **secret**);\n")
	b.WriteString("for the rules marked **decision** it lists what a person has to decide. Rules without a mark are fixed as\n")
	b.WriteString("their **Fix** says.\n\n")
	for _, cat := range Categories() {
		fmt.Fprintf(&b, "- [%s](#%s)\n", cat, anchor(string(cat)))
	}
	for _, cat := range Categories() {
		fmt.Fprintf(&b, "\n## %s\n\n", cat)
		b.WriteString("| rule | severity | chart versions | fix | finds |\n|---|---|---|---|---|\n")
		for _, r := range catalogue {
			if r.Category == cat {
				fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s | %s |\n", r.ID, r.ID, severityLabel(r), escapePipes(r.VersionsText()), r.FixKind(), escapePipes(r.Summary))
			}
		}
		for _, r := range catalogue {
			if r.Category != cat {
				continue
			}
			fmt.Fprintf(&b, "\n### %s\n\n", r.ID)
			fmt.Fprintf(&b, "%s. Default severity: **%s**. Chart versions: %s.\n\n", strings.TrimSuffix(r.Summary, "."), r.Severity, versionsProse(r))
			if r.OptIn {
				b.WriteString("Opt-in: enable with `--enable " + r.ID + "`.\n\n")
			}
			fmt.Fprintf(&b, "**Why.** %s\n\n", r.Rationale)
			fmt.Fprintf(&b, "**Fix.** %s\n", r.Remediation)
			if e := r.echoesProse(); e != "" {
				fmt.Fprintf(&b, "\n%s\n", e)
			}
			if d := r.Describe(); d != "" {
				fmt.Fprintf(&b, "\n**valuesmith fix.** %s\n", upperFirst(d))
			}
		}
	}
	return b.String()
}

func severityLabel(r *Rule) string {
	if r.OptIn {
		return r.Severity.String() + " (opt-in)"
	}
	return r.Severity.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func escapePipes(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// anchor is the GitHub heading anchor of a title.
func anchor(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// versionsProse says which chart versions a rule holds for, in a sentence.
func versionsProse(r *Rule) string {
	if r.Versions == "" {
		return "all"
	}
	return "`" + r.Versions + "`"
}

// Applicable lists the rules that hold for a chart version, in catalogue
// order; an empty version lists them all.
func Applicable(chartVersion string) []*Rule {
	if chartVersion == "" {
		return catalogue
	}
	var out []*Rule
	for _, r := range catalogue {
		if r.AppliesTo(chartVersion) {
			out = append(out, r)
		}
	}
	return out
}

// Table renders rules as an aligned text table.
func Table(list []*Rule) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "RULE\tSEVERITY\tVERSIONS\tFIX\tCATEGORY\tSUMMARY")
	for _, r := range list {
		kind := r.FixKind()
		if kind == "" {
			kind = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, severityLabel(r), r.VersionsText(), kind, r.Category, r.Summary)
	}
	w.Flush()
	return b.String()
}

// echoesProse says where the rule stays silent because a values rule names
// the same root cause; empty for a rule that echoes none.
func (r *Rule) echoesProse() string {
	if len(r.Echoes) == 0 {
		return ""
	}
	ids := make([]string, len(r.Echoes))
	for i, id := range r.Echoes {
		ids[i] = "`" + id + "`"
	}
	return "Not reported at a key where " + strings.Join(ids, " or ") + " already reports: one root cause, one finding."
}

// Explain renders one rule in full for a terminal.
func Explain(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, %s; chart versions: %s)\n\n", r.ID, severityLabel(r), r.Category, r.VersionsText())
	fmt.Fprintf(&b, "%s\n\n", r.Summary)
	fmt.Fprintf(&b, "Why:\n%s\n\n", wrap(r.Rationale, 78, "  "))
	fmt.Fprintf(&b, "Fix:\n%s\n\n", wrap(r.Remediation, 78, "  "))
	if d := r.Describe(); d != "" {
		fmt.Fprintf(&b, "valuesmith fix:\n%s\n\n", wrap(upperFirst(d), 78, "  "))
	}
	b.WriteString("Suppress one finding with a comment on its line or the line above:\n")
	fmt.Fprintf(&b, "  # valuesmith:ignore %s <reason>\n", r.ID)
	if r.OptIn {
		fmt.Fprintf(&b, "\nThis rule is opt-in: valuesmith check --enable %s\n", r.ID)
	} else {
		fmt.Fprintf(&b, "Turn it off with --disable %s, or in .valuesmith.yaml: rules: {%s: off}\n", r.ID, r.ID)
	}
	return b.String()
}

func wrap(s string, width int, indent string) string {
	var lines []string
	line := indent
	for _, w := range strings.Fields(s) {
		if len(line)+len(w)+1 > width && strings.TrimSpace(line) != "" {
			lines = append(lines, line)
			line = indent
		}
		if strings.TrimSpace(line) != "" {
			line += " "
		}
		line += w
	}
	if strings.TrimSpace(line) != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// JSONRule is the stable JSON form of a rule.
type JSONRule struct {
	ID       string           `json:"id"`
	Severity finding.Severity `json:"severity"`
	Category Category         `json:"category"`
	OptIn    bool             `json:"optIn"`
	// Versions is the semver constraint of the chart versions the rule
	// holds for; empty for every version.
	Versions    string `json:"chartVersions"`
	Summary     string `json:"summary"`
	Rationale   string `json:"rationale"`
	Remediation string `json:"remediation"`
	// Fix is safe, secret or decision (see valuesmith fix); absent when
	// the rule has no fix.
	Fix            string `json:"fix,omitempty"`
	FixDescription string `json:"fixDescription,omitempty"`
}

// JSON renders rules as a JSON array.
func JSON(list []*Rule) ([]byte, error) {
	out := make([]JSONRule, 0, len(list))
	for _, r := range list {
		out = append(out, JSONRule{ID: r.ID, Severity: r.Severity, Category: r.Category, OptIn: r.OptIn, Versions: r.VersionsText(),
			Summary: r.Summary, Rationale: r.Rationale, Remediation: r.Remediation, Fix: r.FixKind(), FixDescription: upperFirst(r.Describe())})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
