package migrate

import (
	"fmt"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/schema"
)

// Report says what changed in each file, what needs a person, and what the
// check of the result found. written says whether the files were written.
func (r *Result) Report(to *schema.Version, written bool) string {
	var b strings.Builder
	changes, human, changed := 0, 0, 0
	for _, fr := range r.Files {
		if fr.Nothing != "" {
			fmt.Fprintf(&b, "%s: %s\n", fr.Name, fr.Nothing)
			continue
		}
		fmt.Fprintf(&b, "%s: chart %s values (%s), migrated to chart %s\n", fr.Name, fr.From, fr.Why, to.Chart)
		for _, c := range fr.Changes {
			fmt.Fprintf(&b, "%s: %s\n", where(fr.Name, c.Line, c.Col), c)
		}
		if len(fr.Human) > 0 {
			b.WriteString("needs you:\n")
		}
		for _, it := range fr.Human {
			fmt.Fprintf(&b, "  %s: %s\n", where(fr.Name, it.Line, it.Col), it.What)
		}
		fr.remaining(&b, to)
		changes += len(fr.Changes)
		human += len(fr.Human)
		if fr.Changed() {
			changed++
		}
	}
	if changes == 0 {
		b.WriteString("valuesmith migrate: nothing to migrate\n")
		return b.String()
	}
	fmt.Fprintf(&b, "valuesmith migrate: %s in %s; %s for you", count(changes, "change", "changes"), count(changed, "file", "files"), count(human, "item", "items"))
	if written {
		b.WriteString("; written\n")
	} else {
		b.WriteString("; --write applies them\n")
	}
	return b.String()
}

func where(file string, line, col int) string {
	if line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

// String says what the change did and why.
func (c Change) String() string {
	switch c.Kind {
	case Moved, Converted:
		return fmt.Sprintf("%s %s to %s (%s)", c.Kind, c.Path, c.To, c.Why)
	case Pinned:
		return fmt.Sprintf("pinned %s: %s (%s)", c.Path, c.Value, c.Why)
	}
	return fmt.Sprintf("%s %s: %s", c.Kind, c.Path, c.Why)
}

// remaining says what the check of the migrated file found: schema
// findings and errors in full, the rest counted.
func (f *FileResult) remaining(b *strings.Builder, to *schema.Version) {
	var shown []finding.Finding
	schemaN := 0
	for _, x := range f.Remaining {
		if x.RuleID == finding.SchemaRule {
			schemaN++
		}
		if x.RuleID == finding.SchemaRule || x.Severity == finding.Error {
			shown = append(shown, x)
		}
	}
	n := finding.Count(f.Remaining)
	state := "after the migration"
	if f.Changed() {
		state += " (at the lines of the migrated file)"
	}
	fmt.Fprintf(b, "checked as chart %s %s: %s, %s, %s, %s\n", to.Chart, state,
		count(schemaN, "schema finding", "schema findings"), count(n[finding.Error], "error", "errors"),
		count(n[finding.Warning], "warning", "warnings"), count(n[finding.Info], "info", "infos"))
	for _, x := range shown {
		fmt.Fprintf(b, "  %s\n", x)
	}
	if len(f.Remaining) > len(shown) {
		fmt.Fprintf(b, "  valuesmith check --chart-version %s %s lists them all; valuesmith fix applies the safe fixes\n", to.Chart, f.Name)
	}
}

func count(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
