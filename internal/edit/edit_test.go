package edit

import (
	"errors"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

func p(s string) []string { return Path(s) }

func TestApply(t *testing.T) {
	cases := []struct {
		name  string
		src   string
		edits []Edit
		want  string
	}{
		{"scalar keeps its comment", "a: 1 # one\n", []Edit{Set(p("a"), Int(2))}, "a: 2 # one\n"},
		{"double quotes stay", "tag: \"1.0\"\n", []Edit{Set(p("tag"), Str("2.0"))}, "tag: \"2.0\"\n"},
		{"single quotes stay", "tag: '1.0'\n", []Edit{Set(p("tag"), Str("it's"))}, "tag: 'it''s'\n"},
		{"plain becomes quoted when Helm would read a boolean", "x: a\n", []Edit{Set(p("x"), Str("yes"))}, "x: \"yes\"\n"},
		{"tag goes with the old value", "a: !!str 1\n", []Edit{Set(p("a"), Int(2))}, "a: 2\n"},
		{"set in a flow map", "m: {a: 1, b: 2} # c\n", []Edit{Set(p("m.b"), Int(3))}, "m: {a: 1, b: 3} # c\n"},
		{"insert into a flow map", "m: {a: 1, b: 2}\n", []Edit{Set(p("m.c.d"), Str("x y"))}, "m: {a: 1, b: 2, c: {d: x y}}\n"},
		{"an empty flow map becomes a block", "m: {} # c\n", []Edit{Set(p("m.c"), Int(3))}, "m: # c\n  c: 3\n"},
		{"an empty flow map inside a flow map stays flow", "m: {k: {}}\n", []Edit{Set(p("m.k.c"), Int(3))}, "m: {k: {c: 3}}\n"},
		{"insert into a null", "m:\nn: 1\n", []Edit{Set(p("m.c"), Int(3))}, "m:\n  c: 3\nn: 1\n"},
		{"insert into a written null keeps the comment", "m: ~ # c\n", []Edit{Set(p("m.c"), Int(3))}, "m: # c\n  c: 3\n"},
		{"insert after the last pair, not after trailing comments", "a:\n  b: 1\n  # later: 2\nz: 0\n", []Edit{Set(p("a.c"), Int(2))}, "a:\n  b: 1\n  c: 2\n  # later: 2\nz: 0\n"},
		{"missing parents at the end of a file without a final newline", "a: 1", []Edit{Set(p("b.c"), Int(2))}, "a: 1\nb:\n  c: 2\n"},
		{"CRLF line endings", "a:\r\n  b: 1 # x\r\n", []Edit{Set(p("a.c.d"), Int(2)), Set(p("a.b"), Int(3))}, "a:\r\n  b: 3 # x\r\n  c:\r\n    d: 2\r\n"},
		{"document markers", "---\na: 1\n---\n", []Edit{Set(p("b"), Int(2))}, "---\na: 1\nb: 2\n---\n"},
		{"four-space indentation", "a:\n    b: 1\n", []Edit{Set(p("a.c.d"), Int(2))}, "a:\n    b: 1\n    c:\n        d: 2\n"},
		{"a new list follows the file's sequence indentation", "a:\n- x\n", []Edit{Set(p("b"), List(Map("name", Str("n"), "value", Str("1"))))}, "a:\n- x\nb:\n- name: \"n\"\n  value: \"1\"\n"},
		{"keys as Helm reads them (YAML 1.1)", "x:\n  y:\n    z: 1\n", []Edit{Set([]string{"x", "true", "z"}, Int(3)), Set([]string{"x", "n"}, Int(4))}, "x:\n  y:\n    z: 3\n  \"n\": 4\n"},
		{"scalar becomes a map", "a:\n  pw: x # old\n", []Edit{Set(p("a.pw"), Map("secretKeyRef", Map("name", Str("s"), "key", Str("k"))))}, "a:\n  pw: # old\n    secretKeyRef:\n      name: s\n      key: k\n"},
		{"block map becomes a scalar", "a: # c\n  b: 1\n  c: 2\nz: 0\n", []Edit{Set(p("a"), Str("x"))}, "a: x # c\nz: 0\n"},
		{"block map replaced by a block map", "a:\n    b: 1\nz: 0\n", []Edit{Set(p("a"), Map("c", Int(2)))}, "a:\n    c: 2\nz: 0\n"},
		{"literal block keeps its style", "cfg: |\n  a\n  b\nnext: 1\n", []Edit{Set(p("cfg"), Str("a\nb\nc\n"))}, "cfg: |\n  a\n  b\n  c\nnext: 1\n"},
		{"block scalar lines that look like comments", "cfg: |\n  a\n  # b\nnext: 1\n", []Edit{Delete(p("cfg"))}, "next: 1\n"},
		{"plain scalar over two lines", "a: one\n  two\nb: 1\n", []Edit{Set(p("a"), Str("x"))}, "a: x\nb: 1\n"},
		{"key after a multi-byte character", "ä: 1 # c\n", []Edit{Set(p("ä"), Int(2))}, "ä: 2 # c\n"},
		{"byte order mark stays", "\xef\xbb\xbfa: 1\nb: 2\n", []Edit{Delete(p("a")), Set(p("b"), Int(3))}, "\xef\xbb\xbfb: 3\n"},
		{"annotation key with dots and a slash", "ann: {a: b}\n", []Edit{Set([]string{"ann", "nginx.ingress.kubernetes.io/proxy-body-size"}, Str("100m"))}, "ann: {a: b, nginx.ingress.kubernetes.io/proxy-body-size: 100m}\n"},
		{"delete takes the comment above", "a: 1\n# about b\nb: 2\nc: 3\n", []Edit{Delete(p("b"))}, "a: 1\nc: 3\n"},
		{"delete leaves a file header", "# header\nb: 2\nc: 3\n", []Edit{Delete(p("b"))}, "# header\nc: 3\n"},
		{"delete leaves one blank line", "a: 1\n\nb: 2\n\nc: 3\n", []Edit{Delete(p("b"))}, "a: 1\n\nc: 3\n"},
		{"delete takes the commented-out lines inside the block", "s:\n  image:\n    repository: r\n    # image: old:1\n\n  # about tls\n  tls: 1\n", []Edit{Delete(p("s.image"))}, "s:\n\n  # about tls\n  tls: 1\n"},
		{"delete leaves the comment of the next key", "a:\n  b: 1\n  # about c\n  c: 2\n", []Edit{Delete(p("a.b"))}, "a:\n  # about c\n  c: 2\n"},
		{"delete of a list item takes its commented-out lines", "l:\n  - a: 1\n    # b: 2\n  - c\n", []Edit{Delete([]string{"l", "0"})}, "l:\n  - c\n"},
		{"delete of a map's last key removes the map", "x:\n  q:\n    z: 1\nw: 2\n", []Edit{Delete(p("x.q.z"))}, "w: 2\n"},
		{"delete of the only key leaves an empty file's {}", "a: 1 # c\n", []Edit{Delete(p("a"))}, "{} # c\n"},
		{"delete in a flow map, first", "m: {a: 1, b: 2}\n", []Edit{Delete(p("m.a"))}, "m: {b: 2}\n"},
		{"delete in a flow map, last", "m: {a: 1, b: 2}\n", []Edit{Delete(p("m.b"))}, "m: {a: 1}\n"},
		{"delete of a list's last item leaves []", "l:\n  - a\nz: 0\n", []Edit{Delete([]string{"l", "0"})}, "l: []\nz: 0\n"},
		{"delete of the first key of a list item", "l:\n  - name: A # a\n    value: B\n", []Edit{Delete([]string{"l", "0", "name"})}, "l:\n  - value: B\n"},
		{"delete of a missing key changes nothing", "a: 1\n", []Edit{Delete(p("b.c"))}, "a: 1\n"},
		{"delete a list item with its comment", "l:\n  # first\n  - a\n  - b\n", []Edit{Delete([]string{"l", "0"})}, "l:\n  - b\n"},
		{"replace a list item", "l:\n  - a # x\n  - b\n", []Edit{Set([]string{"l", "0"}, Str("c"))}, "l:\n  - c # x\n  - b\n"},
		{"replace a list item that is a map", "l:\n  - name: A\n    value: B\n  - x\n", []Edit{Set([]string{"l", "0"}, Map("name", Str("A"), "valueFrom", Map("k", Str("v"))))}, "l:\n  - name: A\n    valueFrom:\n      k: v\n  - x\n"},
		{"append to a block list", "l:\n- name: a\nz: 0\n", []Edit{Append(p("l"), Map("name", Str("b")))}, "l:\n- name: a\n- name: b\nz: 0\n"},
		{"append to a flow list", "l: [a] # c\n", []Edit{Append(p("l"), Str("b"))}, "l: [a, b] # c\n"},
		{"append to an empty flow list makes a block list", "l: []\n", []Edit{Append(p("l"), Str("b"))}, "l:\n  - b\n"},
		{"append to an empty flow list in a flow map", "m: {l: []}\n", []Edit{Append(p("m.l"), Str("b"))}, "m: {l: [b]}\n"},
		{"append creates the list", "a: 1\n", []Edit{Append(p("x.l"), Str("b"))}, "a: 1\nx:\n  l:\n    - b\n"},
		{"rename", "a:\n  old: 1 # c\n", []Edit{Move(p("a.old"), p("a.new"))}, "a:\n  new: 1 # c\n"},
		{"rename in a flow map", "a: {old: 1}\n", []Edit{Move(p("a.old"), p("a.new"))}, "a: {new: 1}\n"},
		{"move to a new parent with comments", "s3:\n  # the image\n  image:\n    tag: \"1\" # t\n\n    pull: x\n  bucket: b\n", []Edit{Move(p("s3.image"), p("s3.allInOne.image"))},
			"s3:\n  bucket: b\n  allInOne:\n    # the image\n    image:\n      tag: \"1\" # t\n\n      pull: x\n"},
		{"move of a parent's only key", "c:\n  zk:\n    a: 1\n", []Edit{Move(p("c.zk"), p("c.keeper.zk"))}, "c:\n  keeper:\n    zk:\n      a: 1\n"},
		{"move into a null", "c:\n  old: 1\nd:\n", []Edit{Move(p("c.old"), p("d.new"))}, "d:\n  new: 1\n"},
		{"move into a flow map", "c:\n  old:\n    a: 1\nd: {x: 2}\n", []Edit{Move(p("c.old"), p("d.new"))}, "d: {x: 2, new: {a: 1}}\n"},
		{"move of a missing key changes nothing", "a: 1\n", []Edit{Move(p("b"), p("c"))}, "a: 1\n"},
		{"unused anchor can change", "base: &b\n  cpu: 1\n", []Edit{Set(p("base.cpu"), Int(2))}, "base: &b\n  cpu: 2\n"},
		{"an alias is replaced, its anchor kept", "base: &b\n  cpu: 1\nweb: *b\n", []Edit{Set(p("web"), Map("cpu", Int(2)))}, "base: &b\n  cpu: 1\nweb:\n  cpu: 2\n"},
		{"a key over a merge key overrides it for this map only", "base: &b\n  cpu: 1\nweb:\n  <<: *b\n  mem: 2\n", []Edit{Set(p("web.cpu"), Int(3))}, "base: &b\n  cpu: 1\nweb:\n  <<: *b\n  mem: 2\n  cpu: 3\n"},
		{"several edits in order", "a: 1\n", []Edit{Set(p("b"), Int(2)), Set(p("b"), Int(3)), Delete(p("a"))}, "b: 3\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Apply("v.yaml", []byte(tc.src), tc.edits...)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestApplyRefuses(t *testing.T) {
	cases := []struct {
		name  string
		src   string
		edits []Edit
		want  string
	}{
		{"inside an anchor aliases repeat", "base: &b\n  cpu: 1\nweb: *b\n", []Edit{Set(p("base.cpu"), Int(2))}, "base is the anchor &b (line 1), which an alias repeats (first at line 3)"},
		{"the anchored value itself", "base: &b 1\nweb: *b\nx: *b\n", []Edit{Delete(p("base"))}, "which 2 aliases repeat"},
		{"through an alias", "base: &b\n  cpu: 1\nweb: *b\n", []Edit{Set(p("web.cpu"), Int(2))}, "web is the alias *b (line 3)"},
		{"below a merged key", "base: &b\n  res:\n    cpu: 1\nweb:\n  <<: *b\n", []Edit{Set(p("web.res.cpu"), Int(2))}, "web.res comes from the merge key (<<) at line 5"},
		{"delete a merged key", "base: &b\n  cpu: 1\nweb:\n  <<: *b\n  mem: 1\n", []Edit{Delete(p("web.cpu"))}, "comes from a merge key"},
		{"into a scalar", "a: 1\n", []Edit{Set(p("a.b"), Int(2))}, "a is a single value, not a map"},
		{"a missing list item", "l: [a]\n", []Edit{Set([]string{"l", "3"}, Int(2))}, "l has no item 3"},
		{"a move onto a key that exists", "a: 1\nb: 2\n", []Edit{Move(p("a"), p("b"))}, "b is already set"},
		{"a move into itself", "a:\n  b: 1\n", []Edit{Move(p("a"), p("a.c"))}, "cannot move into itself"},
		{"append to a map", "a: {b: 1}\n", []Edit{Append(p("a"), Int(2))}, "a is not a list"},
		{"a nested list item on one line", "l:\n  - - a\n    - b\n", []Edit{Delete([]string{"l", "0", "0"})}, "shares its line"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Apply("v.yaml", []byte(tc.src), tc.edits...)
			var ee *Error
			if !errors.As(err, &ee) {
				t.Fatalf("want *Error, got %v and\n%s", err, got)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q lacks %q", err, tc.want)
			}
			if got != nil {
				t.Errorf("output despite the error:\n%s", got)
			}
		})
	}
}

func TestApplyRefusesBadInput(t *testing.T) {
	_, err := Apply("v.yaml", []byte("a: [1\n"), Set(p("a"), Int(1)))
	var ie *values.InputError
	if !errors.As(err, &ie) || ie.Line == 0 {
		t.Fatalf("want a positioned *values.InputError, got %v", err)
	}
}
