package check

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
)

// A config ignore's file pattern names the same file however the file was
// given on the command line.
func TestConfigIgnoreFileResolvesFromConfigDir(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	cfg := filepath.Join(root, "env", ".valuesmith.yaml")
	tests := []struct {
		pattern, file string
		want          bool
	}{
		{"./v.yaml", "env/v.yaml", true},
		{"v.yaml", "env/v.yaml", true},
		{"./v.yaml", filepath.Join(root, "env", "v.yaml"), true},
		{"prod/*.yaml", "env/prod/a.yaml", true},
		{"../base.yaml", "base.yaml", true},
		{"./v.yaml", "other/w.yaml", false},
		{"./prod/a.yaml", "env/staging/a.yaml", false},
	}
	for _, tt := range tests {
		ig := &ConfigIgnore{Rule: "signup-open", File: tt.pattern}
		f := finding.Finding{RuleID: "signup-open", File: tt.file}
		if got := ig.matches(f, cfg); got != tt.want {
			t.Errorf("file: %s vs %s = %v, want %v", tt.pattern, tt.file, got, tt.want)
		}
	}
}

// Directives are found by byte offsets, while yaml.v3 counts columns in
// characters: lines with multi-byte text before or inside a quoted scalar
// must still tell a comment from text in a string.
func TestDirectivesWithMultiByteText(t *testing.T) {
	tests := []struct {
		name, src string
		want      []int // lines of the directives found, with their targets
	}{
		{"comment after a string with accents", "a: \"héllo # valuesmith:ignore x y\" # valuesmith:ignore signup-open r\n", []int{1, 1}},
		{"only text in a string", "a: 'çà # valuesmith:ignore signup-open r'\n", nil},
		{"string spanning lines", "a: \"é\n  # valuesmith:ignore signup-open r\n  end\"\nb: 1\n", nil},
		{"standalone before a value", "# valuesmith:ignore signup-open r\n\n# other\nb: ü\n", []int{1, 4}},
		{"standalone before a block scalar line", "a: |\n  ü\n# valuesmith:ignore signup-open r\nb: 1\n", []int{3, 4}},
		{"not a word boundary", "a: 1 # valuesmith:ignored x y\n", nil},
		{"no space before the hash", "a: b# valuesmith:ignore signup-open r\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := values.Parse("v.yaml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, d := range directives(doc) {
				got = append(got, d.line, d.target)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// The ignore index finds an ignore by its rule and its path or a parent of
// it, exactly as a scan of every ignore would.
func TestIgnoreIndexMatchesPathAndParents(t *testing.T) {
	igs := []ConfigIgnore{
		{Rule: "signup-open", Path: "langfuse.features"},
		{Rule: "signup-open", Path: "a[0]"},
		{Rule: "signup-open"},
		{Rule: "schema", Path: "x"},
	}
	tests := []struct {
		rule, path string
		want       []bool // used flags after matching
	}{
		{"signup-open", "langfuse.features.signUpDisabled", []bool{true, false, true, false}},
		{"signup-open", "langfuse.featuresX", []bool{false, false, true, false}},
		{"signup-open", "a[0].b", []bool{false, true, true, false}},
		{"schema", "x[1]", []bool{false, false, false, true}},
		{"schema", "xy", []bool{false, false, false, false}},
	}
	for _, tt := range tests {
		x := newIgnoreIndex(igs)
		hit := x.match(finding.Finding{RuleID: tt.rule, Path: tt.path}, "")
		if !slices.Equal(x.used, tt.want) || hit != slices.Contains(tt.want, true) {
			t.Errorf("%s %s: used %v hit %v, want %v", tt.rule, tt.path, x.used, hit, tt.want)
		}
	}
}
