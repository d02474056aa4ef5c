// Command gen writes trees.go: every embedded profile and the example
// answers as values.Parse reads them, as static Go data, so that no run
// parses them. It runs through go generate in profiles.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode"

	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/internal/values/gotree"
	"github.com/valuesmith/valuesmith/profiles"
	"github.com/valuesmith/valuesmith/schema"
)

func main() {
	src, err := source(os.DirFS("."))
	if err == nil {
		err = schema.WriteFileAtomic("trees.go", src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// source is trees.go for the YAML files of dir: a variable per file and
// treeOf, which names them by file.
func source(dir fs.FS) ([]byte, error) {
	names, err := fs.Glob(dir, "*.yaml")
	if err != nil {
		return nil, err
	}
	var vars []gotree.Var
	var cases strings.Builder
	for _, file := range names {
		data, err := fs.ReadFile(dir, file)
		if err != nil {
			return nil, err
		}
		doc, err := values.Parse(profiles.DocName(file), data)
		if err != nil {
			return nil, err
		}
		name := varName(file)
		vars = append(vars, gotree.Var{Name: name, From: file, Root: doc.Root})
		fmt.Fprintf(&cases, "\tcase %q:\n\t\treturn %s\n", file, name)
	}
	extra := "\n// treeOf is the tree of an embedded file, nil for another name.\n" +
		"func treeOf(file string) *values.Node {\n\tswitch file {\n" + cases.String() + "\t}\n\treturn nil\n}\n"
	return gotree.Source("profiles/gen", "profiles", vars, extra)
}

// varName is the variable of a file: high-availability.yaml is
// highAvailabilityTree.
func varName(file string) string {
	var b strings.Builder
	upper := false
	for _, r := range strings.TrimSuffix(file, ".yaml") {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = b.Len() > 0
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String() + "Tree"
}
