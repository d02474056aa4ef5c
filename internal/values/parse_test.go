package values

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestParsePositions(t *testing.T) {
	src := `# comment
langfuse:
  web:
    replicas: 3
    image:
      tag: "4.4.0"
  additionalEnv:
    - name: A
      value: "1"
    - name: B
`
	doc, err := Parse("v.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path      []string
		wantPath  string
		line, col int
	}{
		{[]string{"langfuse"}, "langfuse", 3, 3},
		{[]string{"langfuse", "web", "replicas"}, "langfuse.web.replicas", 4, 15},
		{[]string{"langfuse", "web", "image", "tag"}, "langfuse.web.image.tag", 6, 12},
		{[]string{"langfuse", "additionalEnv", "1", "name"}, "langfuse.additionalEnv[1].name", 10, 13},
	}
	for _, tc := range cases {
		loc := doc.Root.Follow(tc.path)
		if loc.Node == nil {
			t.Fatalf("%v: not found", tc.path)
		}
		if loc.Path != tc.wantPath {
			t.Errorf("path = %q, want %q", loc.Path, tc.wantPath)
		}
		if loc.Node.Pos.Line != tc.line || loc.Node.Pos.Col != tc.col {
			t.Errorf("%s at %d:%d, want %d:%d", tc.wantPath, loc.Node.Pos.Line, loc.Node.Pos.Col, tc.line, tc.col)
		}
	}
	if f := doc.Root.Follow([]string{"langfuse", "web"}).Field; f == nil || f.KeyPos.Line != 3 || f.KeyPos.Col != 3 {
		t.Errorf("key position of langfuse.web = %+v", f)
	}
	if loc := doc.Root.Follow([]string{"langfuse", "worker", "port"}); loc.Node != nil || loc.Path != "langfuse" {
		t.Errorf("missing path: node %v, deepest path %q", loc.Node, loc.Path)
	}
}

func TestAliasesAndMergeKeys(t *testing.T) {
	src := `base: &res
  requests: {cpu: 500m, memory: 1Gi}
  limits: {memory: 1Gi}
langfuse:
  web:
    resources: *res
  worker:
    resources:
      <<: *res
      limits: {memory: 2Gi}
`
	doc, err := Parse("v.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	web := doc.Root.Lookup("langfuse.web.resources.requests.cpu")
	if web == nil || web.Str != "500m" {
		t.Fatalf("alias not expanded: %v", web)
	}
	if web.Pos.Line != 2 {
		t.Errorf("aliased value should point at the anchor's line 2, got %d", web.Pos.Line)
	}
	if got := doc.Root.Lookup("langfuse.worker.resources.limits.memory"); got == nil || got.Str != "2Gi" {
		t.Errorf("explicit key should win over merged one, got %v", got)
	}
	if got := doc.Root.Lookup("langfuse.worker.resources.requests.memory"); got == nil || got.Str != "1Gi" {
		t.Errorf("merged key missing, got %v", got)
	}
}

func TestDisplayPathQuotesOddKeys(t *testing.T) {
	got := JoinKey(JoinKey("langfuse.ingress", "annotations"), "nginx.ingress.kubernetes.io/proxy-body-size")
	want := `langfuse.ingress.annotations["nginx.ingress.kubernetes.io/proxy-body-size"]`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestParseErrorsArePositioned(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"tab", "a:\n\tb: 1\n", "v.yaml:2:1: tab character in indentation"},
		{"list root", "- a\n- b\n", "v.yaml:1:1: top level is a list"},
		{"two docs", "a: 1\n---\nb: 2\n", "v.yaml:2:1: file holds several YAML documents"},
		{"bad utf8", "a: 1\nb: x\xffy\n", "v.yaml:2:5: byte 0xff is not valid UTF-8"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("v.yaml", []byte(tc.src))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("want *InputError, got %v", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %q, want prefix %q", err, tc.want)
			}
		})
	}
}

// Helm keeps the value of a key written last and reads an empty or
// comment-only file as no values; so does Parse, recording the duplicate.
func TestParseLikeHelm(t *testing.T) {
	doc, err := Parse("v.yaml", []byte("a: 1\nb: {c: 1}\nb: {d: 2}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Root.Lookup("b.d"); got == nil || got.Int != 2 || doc.Root.Lookup("b.c") != nil || len(doc.Root.Fields) != 2 {
		t.Errorf("the last b does not win: %v", doc.Root.Interface())
	}
	if len(doc.Duplicates) != 1 || doc.Duplicates[0].Key != "b" || doc.Duplicates[0].Pos.Line != 3 || doc.Duplicates[0].First.Line != 2 {
		t.Errorf("duplicates: %+v", doc.Duplicates)
	}
	for _, src := range []string{"", "  \n", "# only a comment\n", "---\n# x\n"} {
		doc, err := Parse("v.yaml", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if len(doc.Root.Fields) != 0 || doc.Root.Kind != Map {
			t.Errorf("%q: want no values, got %v", src, doc.Root.Interface())
		}
	}
}

func TestTrailingDocumentMarkerIsAccepted(t *testing.T) {
	if _, err := Parse("v.yaml", []byte("---\na: 1\n---\n")); err != nil {
		t.Fatal(err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("a: 1\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("a: &a {b: *a}\n"))
	f.Add([]byte("<<: {a: 1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("f.yaml", data)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error is not an InputError: %v", err)
			}
			if strings.Contains(ie.Msg, "\n") {
				t.Fatalf("multi-line error: %q", ie.Msg)
			}
			return
		}
		_ = doc.Root.Interface()
	})
}

// The worst inputs of the bad-input corpus fail within a bounded budget:
// these benchmarks show how fast.
func BenchmarkParseAliasBomb(b *testing.B) {
	benchmarkBad(b, "../../testdata/bad/alias-bomb.yaml", "alias")
}

func BenchmarkParseDeepNesting(b *testing.B) {
	benchmarkBad(b, "../../testdata/bad/deep-nesting.yaml", "deep")
}

func benchmarkBad(b *testing.B, path, want string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Parse(path, data); err == nil || !strings.Contains(err.Error(), want) {
			b.Fatalf("want an error about %s, got %v", want, err)
		}
	}
}

func TestSplitPathInvertsJoin(t *testing.T) {
	cases := [][]string{
		{"langfuse", "web", "replicas"},
		{"langfuse", "additionalEnv", "2", "value"},
		{"langfuse", "ingress", "annotations", "nginx.ingress.kubernetes.io/proxy-body-size"},
		{"a", `we"ird]`, "0"},
	}
	for _, tokens := range cases {
		display := DisplayPath(tokens)
		if got := SplitPath(display); strings.Join(got, "\x00") != strings.Join(tokens, "\x00") {
			t.Errorf("SplitPath(%q) = %q, want %q", display, got, tokens)
		}
	}
}
