package check

import (
	"path/filepath"
	"testing"

	"github.com/valuesmith/valuesmith/internal/finding"
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
