package edit

import (
	"errors"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

func TestDiffAndMask(t *testing.T) {
	old := []byte("a: 1\nauth:\n  password: \"hunter2\" # c\n  user: x\nurl: {u: 'postgres://u:hunter2@h/db'}\n")
	edited, err := Apply("v.yaml", old, Set(p("a"), Int(2)), Set(p("auth.user"), Str("y")))
	if err != nil {
		t.Fatal(err)
	}
	secret := func(s string) bool { return s == "hunter2" || strings.Contains(s, ":hunter2@") }
	mo, err := Mask("v.yaml", old, secret)
	if err != nil {
		t.Fatal(err)
	}
	mn, err := Mask("v.yaml", edited, secret)
	if err != nil {
		t.Fatal(err)
	}
	got := Diff("v.yaml", mo, mn)
	want := `--- a/v.yaml
+++ b/v.yaml
@@ -1,5 +1,5 @@
-a: 1
+a: 2
 auth:
   password: "<redacted>" # c
-  user: x
+  user: "y"
 url: {u: "<redacted>"}
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if Diff("v.yaml", old, old) != "" {
		t.Error("a diff of equal files is not empty")
	}
}

// FuzzApply runs a fixed set of edits on arbitrary files: Apply never
// panics, and what it returns parses and holds the values the edits mean.
func FuzzApply(f *testing.F) {
	f.Add([]byte("a: 1\n"))
	f.Add([]byte("a:\n  b: [1, 2]\n  c: {d: e}\n"))
	f.Add([]byte("a: &x\n  b: 1\nc: *x\n"))
	f.Add([]byte("a: |\n  x\n  y\nb:\n- 1\n- k: v\n"))
	f.Add([]byte("---\na: \"q\" # c\r\nb: 'r'\r\n...\n"))
	f.Add([]byte("a:\n  <<: {b: 1}\n  c: 2\n"))
	edits := [][]Edit{
		{Set(p("a"), Int(2))},
		{Set(p("a.b"), Str("x"))},
		{Delete(p("a"))},
		{Delete(p("a.b"))},
		{Move(p("a"), p("z.a"))},
		{Append(p("b"), Map("k", Str("v")))},
		{Set(p("a.c"), Map("secretKeyRef", Map("name", Str("n"), "key", Str("k"))))},
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := values.Parse("f.yaml", src); err != nil {
			return
		}
		for _, e := range edits {
			out, err := Apply("f.yaml", src, e...)
			if err != nil {
				var ee *Error
				if !errors.As(err, &ee) {
					t.Fatalf("%v: error of type %T: %v", e, err, err)
				}
				continue
			}
			if _, err := values.Parse("f.yaml", out); err != nil {
				t.Fatalf("%v: output does not parse: %v\n%s", e, err, out)
			}
		}
	})
}
