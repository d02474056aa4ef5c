// Package finding defines what every check of valuesmith reports: a problem
// at a position in a values file, with a rule ID, a severity, a reason and a
// fix.
package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/valuesmith/valuesmith/internal/edit"
)

// Severity ranks findings. The order matters: a higher value is worse.
type Severity int

// Severities, from least to most severe.
const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "unknown"
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads error, warning or info.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// SchemaRule is the rule ID of schema validation findings.
const SchemaRule = "schema"

// Finding is one problem. Line and Col are 1-based; zero when the problem has
// no place in a file (then File may name the file, or be empty).
type Finding struct {
	RuleID      string   `json:"ruleId"`
	Severity    Severity `json:"severity"`
	File        string   `json:"file,omitempty"`
	Line        int      `json:"line,omitempty"`
	Col         int      `json:"column,omitempty"`
	Path        string   `json:"path,omitempty"`
	Message     string   `json:"message"`
	Remediation string   `json:"remediation,omitempty"`
	// ChartDefault is set when the key the finding is about is not in the
	// user's values: the chart's default is what is wrong, and the finding
	// is placed at the nearest parent the user wrote (or line 1 of the
	// file). Text output lists these after the file's own findings.
	ChartDefault bool `json:"chartDefault,omitempty"`
	// Fix is what valuesmith fix can do about the finding; nil when the
	// rule has no fix.
	Fix *Fix `json:"-"`
}

// Fix is what valuesmith fix can do about a finding.
type Fix struct {
	// Safe is set when Edits can be applied without a person deciding
	// anything.
	Safe bool
	// Edits change the release's values, on key paths; valuesmith fix
	// applies each to the file that sets the key (for a key no file sets,
	// the release's last layer).
	Edits []edit.Edit
	// Decide says what a person must decide, when the fix is not safe.
	Decide string
	// Secret, when set, moves a literal secret into a Kubernetes Secret,
	// which valuesmith fix does only when asked to (--secrets-out).
	Secret *SecretMove
}

// SecretMove is a literal secret and how to read it from a Secret instead.
type SecretMove struct {
	// Path is where the literal is written, as a key path of the values.
	Path []string
	// Key is the key the value gets in the Secret.
	Key string
	// Ref returns the edits that replace the literal with a reference to
	// key (Key, or another name when Key is taken) in the Secret called
	// name.
	Ref func(name, key string) []edit.Edit
}

// Same reports whether two findings are the same problem: every field but
// the fix (which follows from the others) is equal.
func Same(a, b Finding) bool {
	a.Fix, b.Fix = nil, nil
	return a == b
}

// Location is file:line:col, or as much of it as is known.
func (f Finding) Location() string {
	switch {
	case f.File == "" && f.Line == 0:
		return "(values)"
	case f.Line == 0:
		return Printable(f.File)
	}
	return fmt.Sprintf("%s:%d:%d", Printable(f.File), f.Line, f.Col)
}

// String is the compiler-style one-line form:
// values.yaml:42:7: error [worker-probe-port] langfuse.worker.port: message
func (f Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s [%s] ", f.Location(), f.Severity, f.RuleID)
	if f.Path != "" {
		b.WriteString(Printable(f.Path))
		b.WriteString(": ")
	}
	b.WriteString(Printable(f.Message))
	return b.String()
}

// Sort orders findings by file, line, column, rule and message, so output is
// stable.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Count returns how many findings have each severity.
func Count(fs []Finding) map[Severity]int {
	m := map[Severity]int{}
	for _, f := range fs {
		m[f.Severity]++
	}
	return m
}

// SplitDefaults separates the findings about keys the user wrote (own)
// from those about chart defaults the user never set, keeping the order of
// each.
func SplitDefaults(fs []Finding) (own, defaults []Finding) {
	for _, f := range fs {
		if f.ChartDefault {
			defaults = append(defaults, f)
		} else {
			own = append(own, f)
		}
	}
	return own, defaults
}

// Worst returns the highest severity among fs, or 0 when fs is empty.
func Worst(fs []Finding) Severity {
	var w Severity
	for _, f := range fs {
		w = max(w, f.Severity)
	}
	return w
}
