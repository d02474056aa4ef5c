package values

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	helmvalues "helm.sh/helm/v3/pkg/cli/values"
	"helm.sh/helm/v3/pkg/getter"
)

// mergeCase is one release to compute the effective values of: a chart
// (its values.yaml, optionally one sub-chart) and the user's -f files in
// order.
type mergeCase struct {
	name     string
	defaults string
	sub      *subCase
	files    []string
}

// subCase is a sub-chart of the test chart, stored under charts/sub and
// read under key (its alias in the parent's Chart.yaml).
type subCase struct {
	key       string
	defaults  string
	condition string
	tags      []string
}

// helmEffective computes what the chart's templates see as .Values, the
// way `helm template -f f1 -f f2 CHART` does: the -f files through
// pkg/cli/values (mergeMaps), the chart through the real loader, then
// ProcessDependenciesWithMerge and ToRenderValues as action.Install does.
func helmEffective(t testing.TB, dir string, tc mergeCase) (any, error) {
	var paths []string
	for i, f := range tc.files {
		p := filepath.Join(dir, fmt.Sprintf("f%d.yaml", i))
		if err := os.WriteFile(p, []byte(f), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	opts := helmvalues.Options{ValueFiles: paths}
	vals, err := opts.MergeValues(getter.Providers{})
	if err != nil {
		return nil, fmt.Errorf("merge -f files: %w", err)
	}
	chartYAML := "apiVersion: v2\nname: top\nversion: 0.1.0\n"
	files := []*loader.BufferedFile{{Name: "values.yaml", Data: []byte(tc.defaults)}}
	if tc.sub != nil {
		chartYAML += "dependencies:\n- name: sub\n  version: 0.1.0\n  alias: " + tc.sub.key + "\n"
		if tc.sub.condition != "" {
			chartYAML += "  condition: " + tc.sub.condition + "\n"
		}
		for i, tag := range tc.sub.tags {
			if i == 0 {
				chartYAML += "  tags:\n"
			}
			chartYAML += "  - " + tag + "\n"
		}
		files = append(files,
			&loader.BufferedFile{Name: "charts/sub/Chart.yaml", Data: []byte("apiVersion: v2\nname: sub\nversion: 0.1.0\n")},
			&loader.BufferedFile{Name: "charts/sub/values.yaml", Data: []byte(tc.sub.defaults)})
	}
	files = append(files, &loader.BufferedFile{Name: "Chart.yaml", Data: []byte(chartYAML)})
	c, err := loader.LoadFiles(files)
	if err != nil {
		t.Fatalf("load test chart: %v", err)
	}
	if err := chartutil.ProcessDependenciesWithMerge(c, vals); err != nil {
		return nil, fmt.Errorf("process dependencies: %w", err)
	}
	top, err := chartutil.ToRenderValues(c, vals, chartutil.ReleaseOptions{Name: "r", Namespace: "ns", Revision: 1, IsInstall: true}, nil)
	if err != nil {
		return nil, fmt.Errorf("render values: %w", err)
	}
	return map[string]any(top["Values"].(chartutil.Values)), nil
}

// ourEffective computes the effective values with Layer and Coalesce (or
// CoalesceChart, for a chart with a sub-chart) from the same texts.
func ourEffective(t testing.TB, tc mergeCase) (*Node, error) {
	var layers []*Node
	for i, f := range tc.files {
		doc, err := Parse(fmt.Sprintf("f%d.yaml", i), []byte(f))
		if err != nil {
			t.Fatalf("parse f%d.yaml: %v", i, err)
		}
		layers = append(layers, doc.Root)
	}
	defs := parseDefaults(t, "values.yaml", tc.defaults)
	if tc.sub == nil {
		return Coalesce(Layer(layers...), defs), nil
	}
	ch := &Chart{Defaults: defs, Subcharts: []Subchart{{
		Key:       tc.sub.key,
		Condition: tc.sub.condition,
		Tags:      tc.sub.tags,
		Chart:     Chart{Defaults: parseDefaults(t, "charts/sub/values.yaml", tc.sub.defaults)},
	}}}
	return CoalesceChart(Layer(layers...), ch)
}

func parseDefaults(t testing.TB, name, text string) *Node {
	doc, err := Parse(name, []byte(text))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return doc.Root
}

// normalise turns every number into the float64 Helm holds (it reads YAML
// through JSON), so 3 and 3.0 compare the way Helm prints them.
func normalise(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = normalise(e)
		}
		return m
	case chartutil.Values:
		return normalise(map[string]any(x))
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = normalise(e)
		}
		return l
	case int64:
		return float64(x)
	case int:
		return float64(x)
	}
	return v
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}

var mergeCases = []mergeCase{
	{
		name:     "user null over a default",
		defaults: "a: 1\nb: 2\n",
		files:    []string{"a: null\n"},
	},
	{
		name:     "user null where the defaults lack the key",
		defaults: "b: 2\n",
		files:    []string{"x: null\n"},
	},
	{
		name:     "nested user null where the defaults lack the key",
		defaults: "m:\n  a: 1\n",
		files:    []string{"m:\n  z: null\n"},
	},
	{
		name:     "nested user null over a nested default",
		defaults: "m:\n  a: 1\n  b: 2\n",
		files:    []string{"m:\n  a: null\n"},
	},
	{
		name:     "nested maps merge key by key",
		defaults: "m:\n  a: 1\n  sub:\n    b: 2\n    c: 3\n",
		files:    []string{"m:\n  sub:\n    c: 4\n    d: 5\n"},
	},
	{
		name:     "lists are replaced whole",
		defaults: "l: [1, 2, 3]\nm:\n  l:\n  - a: 1\n    b: 2\n",
		files:    []string{"l: [9]\nm:\n  l: []\n"},
	},
	{
		name:     "later file's null over an earlier file's value, key in defaults",
		defaults: "a: 1\nb: 2\n",
		files:    []string{"a: 5\n", "a: null\n"},
	},
	{
		name:     "later file's null over an earlier file's value, key not in defaults",
		defaults: "b: 2\n",
		files:    []string{"x: 5\n", "x: null\n"},
	},
	{
		name:     "later file's map over an earlier file's scalar",
		defaults: "a: 0\n",
		files:    []string{"a: 1\n", "a:\n  b: 2\n  c: null\n"},
	},
	{
		name:     "later file's scalar over an earlier file's map",
		defaults: "a:\n  b: 0\n  c: 0\n",
		files:    []string{"a:\n  b: 1\n", "a: 3\n"},
	},
	{
		name:     "later file's map merges into an earlier file's map",
		defaults: "a:\n  z: 0\n",
		files:    []string{"a:\n  b: 1\n  c: 1\n", "a:\n  c: 2\n  d: null\n", "a:\n  e: 3\n"},
	},
	{
		name:     "null inside a list",
		defaults: "l: []\n",
		files:    []string{"l: [1, null, {a: null, b: 1}]\nk: [null]\n"},
	},
	{
		name:     "default null the user does not set",
		defaults: "a: null\nm:\n  b: null\n  c: 1\n",
		files:    []string{"c: 1\n"},
	},
	{
		name:     "user null over a default null, top level and nested",
		defaults: "a: null\nm:\n  b: null\n",
		files:    []string{"a: null\nm:\n  b: null\n"},
	},
	{
		name:     "user map over a default null",
		defaults: "a: null\n",
		files:    []string{"a:\n  b: 1\n  c: null\n"},
	},
	{
		name:     "user map under a key whose default is a scalar",
		defaults: "a: 5\nm:\n  s: text\n",
		files:    []string{"a:\n  b: 1\n  c: null\nm:\n  s:\n    x: null\n"},
	},
	{
		name:     "user scalar over a default map",
		defaults: "a:\n  b: 1\nm:\n  sub:\n    c: 1\n",
		files:    []string{"a: 2\nm:\n  sub: [1]\n"},
	},
	{
		name:     "user null over a default map",
		defaults: "a:\n  b: 1\nm:\n  sub:\n    c: 1\n  k: 1\n",
		files:    []string{"a: null\nm:\n  sub: null\n"},
	},
	{
		name:     "user map without defaults keeps its nulls",
		defaults: "a: 1\n",
		files:    []string{"new:\n  x: null\n  deep:\n    w: null\n    z: 1\n"},
	},
	{
		name:     "empty maps",
		defaults: "m:\n  a: 1\ne: {}\n",
		files:    []string{"m: {}\ne:\n  x: 1\nk: {}\n"},
	},
	{
		name:     "keys with dots",
		defaults: "a.b: 1\na:\n  b: 2\n  c.d: 3\n",
		files:    []string{"\"a.b\": null\na:\n  b: 4\n  \"c.d\": null\n"},
	},
	{
		name:     "global is an ordinary key of a chart without sub-charts",
		defaults: "global:\n  region: eu\n  tls:\n    enabled: true\n",
		files:    []string{"global:\n  region: null\n  tls:\n    ca: x\n"},
	},
	{
		name:     "sub-chart: its defaults appear under its key, with a global",
		defaults: "db:\n  host: h\n",
		sub:      &subCase{key: "db", defaults: "auth:\n  username: app\nport: 5432\n"},
		files:    []string{"other: 1\n"},
	},
	{
		name:     "sub-chart: user null over a parent default the sub-chart lacks stays",
		defaults: "db:\n  host: h\n  auth:\n    password: p\n",
		sub:      &subCase{key: "db", defaults: "auth:\n  username: app\n"},
		files:    []string{"db:\n  auth:\n    password: null\n"},
	},
	{
		name:     "sub-chart: user null over a sub-chart default removes the key",
		defaults: "db:\n  host: h\n",
		sub:      &subCase{key: "db", defaults: "auth:\n  username: app\n  password: s\n"},
		files:    []string{"db:\n  auth:\n    password: null\n  host: null\n"},
	},
	{
		name:     "sub-chart: globals are copied into its section",
		defaults: "global:\n  region: eu\n  tls:\n    enabled: true\n",
		sub:      &subCase{key: "db", defaults: "global:\n  region: us\n  extra: 1\n"},
		files:    []string{"global:\n  tls:\n    ca: x\ndb:\n  global:\n    region: local\n    tls:\n      enabled: false\n      mode: strict\n"},
	},
	{
		name:     "sub-chart: a user null under global",
		defaults: "global:\n  region: eu\n  zone: a\n",
		sub:      &subCase{key: "db", defaults: "global:\n  region: us\n"},
		files:    []string{"global:\n  region: null\n  zone: null\n"},
	},
	{
		name:     "sub-chart: a global map two levels deep is shared with the section",
		defaults: "global:\n  a:\n    b:\n      c: 1\n",
		sub:      &subCase{key: "db", defaults: "x: 1\n"},
		files:    []string{"db:\n  global:\n    a:\n      b:\n        d: 2\n      e: 3\n"},
	},
	{
		name:     "sub-chart: a null section drops the parent's defaults for it",
		defaults: "db:\n  host: h\n",
		sub:      &subCase{key: "db", defaults: "port: 5432\n"},
		files:    []string{"db: null\n"},
	},
	{
		name:     "sub-chart: disabled by its condition, its key is an ordinary key",
		defaults: "db:\n  enabled: true\n  host: h\n",
		sub:      &subCase{key: "db", defaults: "port: 5432\n", condition: "db.enabled"},
		files:    []string{"db:\n  enabled: false\n  host: null\n  extra: null\n"},
	},
	{
		name:     "sub-chart: the first condition that holds a boolean decides",
		defaults: "db:\n  enabled: false\n  host: h\n",
		sub:      &subCase{key: "db", defaults: "port: 5432\n", condition: "db.missing,db.host,db.enabled,other"},
		files:    []string{"db:\n  enabled: true\n"},
	},
	{
		name:     "sub-chart: a false tag disables it",
		defaults: "tags:\n  store: false\n",
		sub:      &subCase{key: "db", defaults: "port: 5432\n", condition: "db.enabled", tags: []string{"store"}},
		files:    []string{"db:\n  host: h\n"},
	},
	{
		name:     "sub-chart: a condition that holds a boolean overrides a false tag",
		defaults: "tags:\n  store: false\n",
		sub:      &subCase{key: "db", defaults: "port: 5432\n", condition: "db.enabled", tags: []string{"store"}},
		files:    []string{"db:\n  enabled: true\n"},
	},
	{
		name:     "sub-chart: a scalar section fails to render",
		defaults: "db:\n  host: h\n",
		sub:      &subCase{key: "db", defaults: "port: 5432\n"},
		files:    []string{"db: 5\n"},
	},
}

func TestLayerCoalesceMatchHelm(t *testing.T) {
	log.SetOutput(io.Discard)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	for _, tc := range mergeCases {
		t.Run(tc.name, func(t *testing.T) {
			compareWithHelm(t, t.TempDir(), tc)
		})
	}
}

// compareWithHelm requires valuesmith's effective values of tc to equal
// Helm's, and their positions to say truly where each value came from.
func compareWithHelm(t *testing.T, dir string, tc mergeCase) {
	helm, herr := helmEffective(t, dir, tc)
	ours, oerr := ourEffective(t, tc)
	if (herr != nil) != (oerr != nil) {
		t.Fatalf("helm fails with %v, valuesmith with %v", herr, oerr)
	}
	if herr != nil {
		return
	}
	h, o := normalise(helm), normalise(ours.Interface())
	if !reflect.DeepEqual(h, o) {
		t.Fatalf("effective values differ\nhelm:       %s\nvaluesmith: %s", show(h), show(o))
	}
	checkPositions(t, tc, ours)
	t.Logf("helm and valuesmith: %s", show(h))
}

// checkPositions requires every value with a position to be the value
// written there in a user's file, and every value without one to sit where
// the user wrote nothing (or under a global, which a parent's default may
// override in a sub-chart's section).
func checkPositions(t *testing.T, tc mergeCase, eff *Node) {
	written := map[Pos]*Node{}
	var layers []*Node
	for i, f := range tc.files {
		doc, err := Parse(fmt.Sprintf("f%d.yaml", i), []byte(f))
		if err != nil {
			t.Fatal(err)
		}
		layers = append(layers, doc.Root)
		walk(doc.Root, nil, func(_ []string, n *Node) { written[n.Pos] = n })
	}
	user := Layer(layers...)
	walk(eff, nil, func(path []string, n *Node) {
		if !n.Pos.IsZero() {
			w := written[n.Pos]
			if w == nil || w.Kind != n.Kind || (n.Kind != Map && !reflect.DeepEqual(w.Interface(), n.Interface())) {
				t.Errorf("%v: the value %s at %s is not what the user wrote there", path, show(n.Interface()), n.Pos)
			}
			return
		}
		if slices.Contains(path, globalKey) {
			return
		}
		// A sub-chart's section the user set to null comes back empty.
		if u := lookupPath(user, path); u != nil && !(u.Kind == Null && n.Kind == Map) {
			t.Errorf("%v: the user wrote %s at %s, the effective value %s has no position", path, show(u.Interface()), u.Pos, show(n.Interface()))
		}
	})
}

func walk(n *Node, path []string, fn func([]string, *Node)) {
	fn(path, n)
	for _, f := range n.Fields {
		walk(f.Value, append(slices.Clip(path), f.Key), fn)
	}
}

func lookupPath(n *Node, path []string) *Node {
	for _, k := range path {
		if n = n.Get(k); n == nil {
			return nil
		}
	}
	return n
}

// FuzzLayerCoalesce builds small random charts and -f files from the fuzz
// input and requires valuesmith's effective values to equal Helm's. The
// input drives a generator rather than being YAML itself, so the fuzzer
// explores how values merge, not how YAML is read (FuzzParse does that).
func FuzzLayerCoalesce(f *testing.F) {
	// More seeds, each named for what it builds, are in
	// testdata/fuzz/FuzzLayerCoalesce.
	f.Add([]byte{})
	log.SetOutput(io.Discard)
	// Fuzz workers are processes that run one input at a time: one
	// directory for the -f files serves every input of a process.
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		compareWithHelm(t, dir, generateCase(data))
	})
}

// genKeys are few, so trees written independently collide: "db" is the
// sub-chart's key when the chart has one, "enabled" and "tags" may decide
// whether it renders, and a dotted key is a plain key.
var genKeys = []string{"a", "c.d", "global", "db", "enabled", "tags"}

type valueGen struct {
	data []byte
	i    int
}

// next returns a number below n from the input, 0 once it is used up.
func (g *valueGen) next(n int) int {
	if g.i >= len(g.data) {
		return 0
	}
	v := int(g.data[g.i]) % n
	g.i++
	return v
}

func (g *valueGen) tree(depth int) map[string]any {
	m := map[string]any{}
	for range g.next(4) {
		m[genKeys[g.next(len(genKeys))]] = g.value(depth + 1)
	}
	return m
}

// value draws one value; maps and lists stop five levels down.
func (g *valueGen) value(depth int) any {
	deep := depth >= 5
	switch g.next(10) {
	case 0:
		return g.next(3)
	case 1:
		return nil
	case 2, 3, 4:
		if deep {
			return nil
		}
		return g.tree(depth)
	case 5:
		if deep {
			return "x"
		}
		l := []any{}
		for range g.next(3) {
			l = append(l, g.value(depth+1))
		}
		return l
	case 6:
		return []string{"x", "", "1.5"}[g.next(3)]
	case 7:
		return g.next(2) == 1
	case 8:
		return map[string]any{}
	}
	return 1.5
}

// generateCase turns fuzz input into a chart, maybe with a sub-chart under
// "db", and one to three -f files, each written as JSON (which is YAML).
func generateCase(data []byte) mergeCase {
	g := &valueGen{data: data}
	text := func(m map[string]any) string {
		b, err := json.Marshal(m)
		if err != nil {
			panic(err)
		}
		return string(b) + "\n"
	}
	layers, hasSub := 1+g.next(3), g.next(2) == 1
	tc := mergeCase{name: "fuzz", defaults: text(g.tree(0))}
	if hasSub {
		tc.sub = &subCase{key: "db", defaults: text(g.tree(0))}
		tc.sub.condition = []string{"", "db.enabled", "enabled,db.enabled"}[g.next(3)]
		if g.next(2) == 1 {
			tc.sub.tags = []string{"a"}
		}
	}
	for range layers {
		tc.files = append(tc.files, text(g.tree(0)))
	}
	return tc
}
