package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/schema"
)

// An ignore comment on the line above a finding suppresses it, as README
// says: above the key itself, above a key or list item whose block holds
// the finding, on a line with a trailing comment, in a CRLF file, and at
// the top of a file for findings placed at line 1. It reaches no further:
// an ignore above a sibling block stays unused.
func TestIgnoreOnTheLineAbove(t *testing.T) {
	tests := []struct {
		name, src string
		rule      string
		// hidden: the rule's finding is suppressed and the ignore used.
		hidden bool
	}{
		{"above the key", "langfuse:\n  features:\n    # valuesmith:ignore signup-open demo\n    signUpDisabled: false\n", "signup-open", true},
		{"above the key, trailing comment on the key's line", "langfuse:\n  features:\n    # valuesmith:ignore signup-open demo\n    signUpDisabled: false # kept open\n", "signup-open", true},
		{"on the line, after another comment's text", "langfuse:\n  features:\n    signUpDisabled: false # kept open # valuesmith:ignore signup-open demo\n", "signup-open", true},
		{"above the parent of a nested key", "langfuse:\n  # valuesmith:ignore image-tag-floating we follow latest\n  image:\n    tag: latest\n", "image-tag-floating", true},
		{"above the grandparent", "# valuesmith:ignore image-tag-floating we follow latest\nlangfuse:\n  image:\n    tag: latest\n", "image-tag-floating", true},
		{"trailing on the parent's line", "langfuse:\n  image: # valuesmith:ignore image-tag-floating we follow latest\n    tag: latest\n", "image-tag-floating", true},
		{"above a list entry", "langfuse:\n  additionalEnv:\n    # valuesmith:ignore secret-plaintext test key\n    - name: LANGFUSE_INIT_USER_PASSWORD\n      value: hunter2hunter2\n", "secret-plaintext", true},
		{"above the list entry's own key", "langfuse:\n  additionalEnv:\n    - name: LANGFUSE_INIT_USER_PASSWORD\n      # valuesmith:ignore secret-plaintext test key\n      value: hunter2hunter2\n", "secret-plaintext", true},
		{"above a sibling block", "langfuse:\n  # valuesmith:ignore image-tag-floating wrong place\n  features:\n    signUpDisabled: true\n  image:\n    tag: latest\n", "image-tag-floating", false},
		{"above an earlier list entry", "langfuse:\n  additionalEnv:\n    # valuesmith:ignore secret-plaintext only the first\n    - name: A\n      value: b\n    - name: LANGFUSE_INIT_USER_PASSWORD\n      value: hunter2hunter2\n", "secret-plaintext", false},
		{"top of the file, finding at line 1", "# valuesmith:ignore signup-open public demo\nlangfuse:\n  image:\n    tag: 4.4.0\n", "signup-open", true},
	}
	v, err := schema.Lookup("2.0.0")
	if err != nil {
		t.Fatal(err)
	}
	sel, err := Select(nil, rules.IDs(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		for _, eol := range []string{"\n", "\r\n"} {
			t.Run(fmt.Sprintf("%s/%q", tt.name, eol), func(t *testing.T) {
				src := strings.ReplaceAll(tt.src, "\n", eol)
				res, err := Run(Options{Version: v, Rules: sel.Rules, Policy: sel.Policy},
					[]Release{{Layers: []Input{{Name: "v.yaml", Data: []byte(src)}}}})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.InputErrors) > 0 {
					t.Fatal(res.InputErrors[0])
				}
				shown, unused := 0, 0
				for _, f := range res.Findings {
					switch f.RuleID {
					case tt.rule:
						shown++
					case "ignore-unused", "ignore-invalid":
						unused++
					}
				}
				if tt.hidden && (shown != 0 || unused != 0 || res.Suppressed == 0) {
					t.Errorf("want the finding suppressed: %d shown, %d ignore findings, %d suppressed\n%v", shown, unused, res.Suppressed, res.Findings)
				}
				if !tt.hidden && (shown == 0 || unused != 1) {
					t.Errorf("want the finding shown and the ignore unused: %d shown, %d ignore findings\n%v", shown, unused, res.Findings)
				}
			})
		}
	}
}
