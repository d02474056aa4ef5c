package rules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// Every values path a rule reads must exist in the model of each chart
// version the rule holds for: a rule reading a key the chart does not have
// would check nothing and say so with confidence. The rules run over every
// fixture for every modelled version, with the paths they read traced.
func TestRulesReadOnlyModelledPaths(t *testing.T) {
	fixtures, err := filepath.Glob("testdata/*/*.yaml")
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, name := range schema.Supported() {
		v, err := schema.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		read := map[string]string{} // path -> first fixture that read it
		for _, f := range fixtures {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := values.Parse(f, src)
			if err != nil {
				continue // fixtures of bad input
			}
			in := Input{Chart: v, Layers: []*values.Document{doc}, Trace: func(p string) {
				if _, seen := read[p]; !seen {
					read[p] = f
				}
			}}
			Run(in, Applicable(v.Chart))
		}
		var missing []string
		for p, f := range read {
			ok, err := v.Admits(p)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				missing = append(missing, p+" (read on "+f+")")
			}
		}
		sort.Strings(missing)
		for _, m := range missing {
			t.Errorf("chart %s: rules read %s, which the model does not have", v.Chart, m)
		}
		if len(read) < 100 {
			t.Errorf("chart %s: only %d paths traced; is tracing wired?", v.Chart, len(read))
		}
	}
}

// valuesPathRE matches string literals that look like values paths.
var valuesPathRE = regexp.MustCompile(`^(langfuse|postgresql|redis|clickhouse|s3|global)(\.[A-Za-z0-9_]+)+$`)

// Paths spelled as literals must exist in a model, even on branches no
// fixture reaches: in the rules and the manifest checks, some modelled
// version; in the shared model, every version; in a version's home, that
// version.
func TestLiteralPathsExist(t *testing.T) {
	var all []*schema.Version
	for _, name := range schema.Supported() {
		v, _ := schema.Lookup(name)
		all = append(all, v)
	}
	dirs := []struct {
		dir   string
		every bool // every version must admit the path, not just one
		only  []*schema.Version
	}{
		{dir: ".", only: all},
		{dir: "../chart", only: all},
		{dir: "../../schema/model", every: true, only: all},
	}
	for _, v := range all {
		dirs = append(dirs, struct {
			dir   string
			every bool
			only  []*schema.Version
		}{dir: "../../schema/" + v.Dir, every: true, only: []*schema.Version{v}})
	}
	checked := 0
	for _, d := range dirs {
		for _, lit := range pathLiterals(t, d.dir) {
			checked++
			admitted := 0
			for _, v := range d.only {
				if ok, _ := v.Admits(lit.path); ok {
					admitted++
				}
			}
			if admitted == 0 || d.every && admitted < len(d.only) {
				t.Errorf("%s: %q is not in the model of every version it is read for", lit.pos, lit.path)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d path literals found; is the pattern right?", checked)
	}
}

type pathLiteral struct {
	path string
	pos  token.Position
}

// pathLiterals lists the string literals of a package's non-test files
// that look like values paths.
func pathLiterals(t *testing.T, dir string) []pathLiteral {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	fset := token.NewFileSet()
	var out []pathLiteral
	for _, f := range files {
		// A home's moves and upgrade facts name keys of the release before
		// it; the schema tests check those against that release's model
		// (and the new side against the home's model and defaults).
		if strings.HasSuffix(f, "_test.go") || filepath.Base(f) == "moves.go" || filepath.Base(f) == "upgrade.go" {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && valuesPathRE.MatchString(s) {
				out = append(out, pathLiteral{path: s, pos: fset.Position(lit.Pos())})
			}
			return true
		})
	}
	return out
}
