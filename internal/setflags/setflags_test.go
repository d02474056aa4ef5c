package setflags

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"helm.sh/helm/v3/pkg/strvals"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/valuesmith/valuesmith/internal/values"
)

const baseYAML = `web:
  replicas: 2
  env:
    - name: A
      value: "1"
    - name: B
      value: "2"
ingress:
  hosts:
    - host: old.example.com
      paths:
        - path: /
          pathType: Prefix
name: plain
`

// helmMerge is what helm install would see: the file read as Helm reads it
// (sigs.k8s.io/yaml), then each flag through Helm's parser in the order of
// helm.sh/helm/v3/pkg/cli/values.Options.MergeValues. (That function itself
// would pull Helm's remote getters into this module's dependencies.)
func helmMerge(t *testing.T, base string, flags map[string][]string) any {
	t.Helper()
	m := map[string]any{}
	if err := sigsyaml.Unmarshal([]byte(base), &m); err != nil {
		t.Fatal(err)
	}
	for _, v := range flags[JSON] {
		if err := strvals.ParseJSON(v, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range flags[Set] {
		if err := strvals.ParseInto(v, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range flags[String] {
		if err := strvals.ParseIntoString(v, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range flags[File] {
		read := func(rs []rune) (any, error) {
			b, err := os.ReadFile(string(rs))
			return string(b), err
		}
		if err := strvals.ParseIntoFile(v, m, read); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range flags[Literal] {
		if err := strvals.ParseLiteralInto(v, m); err != nil {
			t.Fatal(err)
		}
	}
	return normal(t, m)
}

// normal makes numbers comparable: Helm reads YAML numbers as float64.
func normal(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	json.Unmarshal(b, &out)
	return out
}

func apply(t *testing.T, base string, flags map[string][]string) *values.Node {
	t.Helper()
	doc, err := values.Parse("base.yaml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(flags, os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Apply(doc.Root)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// posOf finds a node by a path of keys and list indexes.
func posOf(t *testing.T, n *values.Node, path ...any) values.Pos {
	t.Helper()
	cur := n
	for _, p := range path {
		switch k := p.(type) {
		case string:
			f := cur.Field(k)
			if f == nil {
				t.Fatalf("no key %s", k)
			}
			cur = f.Value
		case int:
			cur = cur.Items[k]
		}
	}
	return cur.Pos
}

func TestApplyMatchesHelm(t *testing.T) {
	dir := t.TempDir()
	cert := filepath.Join(dir, "ca.pem")
	os.WriteFile(cert, []byte("-----BEGIN CERTIFICATE-----\nMIIB\n"), 0o644)
	tests := []map[string][]string{
		{Set: {"web.replicas=3"}},
		{Set: {"web.replicas=3,name=other", "web.replicas=4"}},
		{Set: {"ingress.hosts[0].host=new.example.com"}},
		{Set: {"web.env[1].value=x"}},
		{Set: {"web.env[3].name=D"}},
		{Set: {"list={a,b,c},after=1"}},
		{Set: {`name=a\,b`, "web.replicas=null"}},
		{Set: {"name=007,flag=true,n=0"}},
		{String: {"web.replicas=5", "flag=true"}, Set: {"web.replicas=3"}},
		{JSON: {`web.resources={"limits":{"cpu":"1"}},x=[1,2]`}, Set: {"web.resources.limits.cpu=2"}},
		{Literal: {"name=a,b=c"}},
		{File: {"ca=" + cert}},
		{Set: {"new.deep.key=1", "new.deep.other=2"}},
	}
	for _, flags := range tests {
		got := normal(t, apply(t, baseYAML, flags).Interface())
		want := helmMerge(t, baseYAML, flags)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%v:\ngot  %v\nwant %v", flags, got, want)
		}
	}
}

func TestApplyPlacesValuesAtTheFlag(t *testing.T) {
	n := apply(t, baseYAML, map[string][]string{
		Set:    {"web.replicas=1,name=x", "ingress.hosts[0].host=new.example.com"},
		String: {"é=1,web.env[1].value=3"},
	})
	tests := []struct {
		path []any
		want values.Pos
	}{
		{[]any{"web", "replicas"}, values.Pos{File: Set, Line: 1, Col: 1}},
		{[]any{"name"}, values.Pos{File: Set, Line: 1, Col: 16}},
		{[]any{"ingress", "hosts", 0, "host"}, values.Pos{File: Set, Line: 2, Col: 1}},
		// Untouched values keep their place in the file.
		{[]any{"ingress", "hosts", 0, "paths"}, values.Pos{File: "base.yaml", Line: 12, Col: 9}},
		{[]any{"web", "env", 0, "value"}, values.Pos{File: "base.yaml", Line: 5, Col: 14}},
		// Columns count characters.
		{[]any{"web", "env", 1, "value"}, values.Pos{File: String, Line: 1, Col: 5}},
		{[]any{"é"}, values.Pos{File: String, Line: 1, Col: 1}},
	}
	for _, tt := range tests {
		if got := posOf(t, n, tt.path...); got != tt.want {
			t.Errorf("%v at %v, want %v", tt.path, got, tt.want)
		}
	}
	// A key whose value the flag replaced is the flag's too (findings sit
	// at keys); a key the flag only reached through keeps its place.
	if f := n.Lookup("web").Field("replicas"); f.KeyPos != (values.Pos{File: Set, Line: 1, Col: 1}) {
		t.Errorf("web.replicas, replaced by the flag, has its key at %v", f.KeyPos)
	}
	if f := n.Field("web"); f.KeyPos.File != "base.yaml" {
		t.Errorf("web, only reached through, moved to %v", f.KeyPos)
	}
}

func TestErrorsNameTheFlag(t *testing.T) {
	tests := []struct {
		flags map[string][]string
		want  string
	}{
		{map[string][]string{Set: {"a=1", "novalue"}}, `--set:2:1: --set novalue: key "novalue" has no value`},
		{map[string][]string{Set: {"a[x]=1"}}, "--set:1:1: --set a[x]=1: error parsing index"},
		{map[string][]string{File: {"ca=/nonexistent/ca.pem"}}, "--set-file:1:1: --set-file ca=/nonexistent/ca.pem:"},
		{map[string][]string{JSON: {"a={bad"}}, "--set-json:1:1: --set-json a={bad:"},
	}
	for _, tt := range tests {
		_, err := New(tt.flags, os.ReadFile)
		var se *Error
		if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want %q", tt.flags, err, tt.want)
		}
	}
	// A key below a value that is not a map fails in Helm too; here it is
	// an error at the flag.
	doc, _ := values.Parse("base.yaml", []byte(baseYAML))
	s, err := New(map[string][]string{Set: {"name.sub=1"}}, os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(doc.Root); err == nil || !strings.HasPrefix(err.Error(), "--set:1:1: --set name.sub=1:") {
		t.Errorf("got %v", err)
	}
}

func TestSplitFollowsHelmsGrammar(t *testing.T) {
	tests := []struct {
		flag Flag
		want []segment
	}{
		{Flag{Name: Set, Arg: "a=1,b=2"}, []segment{{1, "a=1"}, {5, "b=2"}}},
		{Flag{Name: Set, Arg: `a=x\,y,b=2`}, []segment{{1, `a=x\,y`}, {8, "b=2"}}},
		{Flag{Name: Set, Arg: "a={1,2},b=3"}, []segment{{1, "a={1,2}"}, {9, "b=3"}}},
		{Flag{Name: JSON, Arg: `a={"x":[1,2]},b=3`}, []segment{{1, `a={"x":[1,2]}`}, {15, "b=3"}}},
		{Flag{Name: Literal, Arg: "a=1,b=2"}, []segment{{1, "a=1,b=2"}}},
	}
	for _, tt := range tests {
		if got := split(tt.flag); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("split(%q) = %v, want %v", tt.flag.Arg, got, tt.want)
		}
	}
}

func FuzzApplyMatchesHelm(f *testing.F) {
	for _, s := range []string{"a=1,b=2", `a=x\,y`, "a[2].b=1", "a={1,2}", "web.env[0].name=X", "a.b.c=", "=1", "a[0][1]=2"} {
		f.Add(s)
	}
	doc, _ := values.Parse("base.yaml", []byte(baseYAML))
	f.Fuzz(func(t *testing.T, arg string) {
		flags := map[string][]string{Set: {arg}}
		s, err := New(flags, os.ReadFile)
		if err != nil {
			return
		}
		n, err := s.Apply(doc.Root)
		if err != nil {
			return
		}
		want := doc.Root.Interface().(map[string]any)
		if err := s.parse(Flag{Name: Set}, arg, want); err != nil {
			t.Fatalf("Apply succeeded where Helm's parser fails: %v", err)
		}
		if !reflect.DeepEqual(n.Interface(), any(want)) {
			t.Fatalf("%q: got %v, want %v", arg, n.Interface(), want)
		}
	})
}
