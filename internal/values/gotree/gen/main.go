// Command gen writes YAML files, as values.Parse reads them, into one Go
// file of static data (gotree.Source), so that no run parses them. It
// imports none of the packages it writes into (only internal/values,
// gotree and atomicfile), so `go generate` can rewrite a generated file
// that is missing or no longer compiles. It runs through go:generate in
// the package that holds the files:
//
//	gen -o FILE [-var NAME] [-doc NAME] [-doc-for FILE=NAME]... [-lookup FUNC] YAML...
//
// Each YAML argument is a file or a glob pattern (go:generate does not
// glob) in the package's directory. Each file becomes a variable, named by
// -var when there is one file and otherwise after the file
// (high-availability.yaml is highAvailabilityTree). -doc is the document
// name that the positions carry, "{name}" standing for the file's name
// without its extension; -doc-for sets it for one file. -lookup also
// writes FUNC(file string) *values.Node, the tree of a file by its name.
//
// The generated file's first line records the arguments; a test in this
// package checks every go:generate directive that runs gen against the
// file it writes.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/valuesmith/valuesmith/internal/atomicfile"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/internal/values/gotree"
)

// command is the generator's name in the files it writes.
const command = "internal/values/gotree/gen"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gotree/gen:", err)
		if errors.As(err, new(usageError)) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// run writes the file that args describe in the current directory, the
// package that go generate names in $GOPACKAGE.
func run(args []string) error {
	pkg := os.Getenv("GOPACKAGE")
	if pkg == "" {
		return errors.New("$GOPACKAGE is not set: run gen through go generate")
	}
	out, src, err := generate(os.DirFS("."), pkg, args)
	if err != nil {
		return err
	}
	return atomicfile.Write(out, src, 0o644)
}

// usageError is a bad command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// options are gen's flags and arguments.
type options struct {
	out    string
	name   string
	doc    string
	docFor map[string]string
	lookup string
	inputs []string
}

// parseArgs reads gen's command line.
func parseArgs(args []string) (*options, error) {
	o := &options{docFor: map[string]string{}}
	fl := flag.NewFlagSet("gen", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	fl.StringVar(&o.out, "o", "", "the Go `file` to write")
	fl.StringVar(&o.name, "var", "", "the variable's `name`, for one YAML file")
	fl.StringVar(&o.doc, "doc", "", "the document `name` the positions carry; {name} is the file's name without its extension")
	fl.Func("doc-for", "the document name of one file, `FILE=NAME`", func(s string) error {
		file, name, ok := strings.Cut(s, "=")
		if !ok || file == "" {
			return fmt.Errorf("-doc-for %q is not FILE=NAME", s)
		}
		o.docFor[file] = name
		return nil
	})
	fl.StringVar(&o.lookup, "lookup", "", "also write `FUNC`(file string) *values.Node")
	if err := fl.Parse(args); err != nil {
		return nil, usageError{err.Error()}
	}
	o.inputs = fl.Args()
	switch {
	case o.out == "" || !strings.HasSuffix(o.out, ".go") || path.Base(o.out) != o.out:
		return nil, usageError{"-o must name a .go file in the package's directory"}
	case len(o.inputs) == 0:
		return nil, usageError{"no YAML files given"}
	}
	return o, nil
}

// generate is the output file's name and its source for the command
// line args, with the YAML files read from dir, as a file of package pkg.
func generate(dir fs.FS, pkg string, args []string) (string, []byte, error) {
	o, err := parseArgs(args)
	if err != nil {
		return "", nil, err
	}
	files, err := expand(dir, o.inputs)
	if err != nil {
		return "", nil, err
	}
	if o.name != "" && len(files) != 1 {
		return "", nil, usageError{fmt.Sprintf("-var names one file's variable; the arguments name %d files", len(files))}
	}
	for file := range o.docFor {
		if !slices.Contains(files, file) {
			return "", nil, usageError{fmt.Sprintf("-doc-for names %s, which the arguments do not", file)}
		}
	}
	var vars []gotree.Var
	var cases strings.Builder
	for _, file := range files {
		v, err := parse(dir, file, o)
		if err != nil {
			return "", nil, err
		}
		vars = append(vars, v)
		fmt.Fprintf(&cases, "\tcase %q:\n\t\treturn %s\n", file, v.Name)
	}
	extra := ""
	if o.lookup != "" {
		extra = "\n// " + o.lookup + " is the tree of an embedded file, nil for another name.\n" +
			"func " + o.lookup + "(file string) *values.Node {\n\tswitch file {\n" + cases.String() + "\t}\n\treturn nil\n}\n"
	}
	src, err := gotree.Source(command+" "+quoteArgs(args), pkg, vars, extra)
	if err != nil {
		return "", nil, err
	}
	return o.out, src, nil
}

// parse reads one YAML file into its variable.
func parse(dir fs.FS, file string, o *options) (gotree.Var, error) {
	data, err := fs.ReadFile(dir, file)
	if err != nil {
		return gotree.Var{}, err
	}
	doc, err := values.Parse(docName(file, o), data)
	if err != nil {
		return gotree.Var{}, fmt.Errorf("parse %s: %w", file, err)
	}
	name := o.name
	if name == "" {
		name = varName(file)
	}
	return gotree.Var{Name: name, From: file, Root: doc.Root}, nil
}

// expand is the files that the arguments name, in their order, each once.
func expand(dir fs.FS, patterns []string) ([]string, error) {
	var files []string
	for _, p := range patterns {
		matches, err := fs.Glob(dir, p)
		if err != nil {
			return nil, usageError{fmt.Sprintf("pattern %q: %v", p, err)}
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s: no such file", p)
		}
		for _, m := range matches {
			if !slices.Contains(files, m) {
				files = append(files, m)
			}
		}
	}
	return files, nil
}

// docName is the document name of file: its -doc-for, or -doc with
// {name} replaced.
func docName(file string, o *options) string {
	if name, ok := o.docFor[file]; ok {
		return name
	}
	base := path.Base(file)
	return strings.ReplaceAll(o.doc, "{name}", strings.TrimSuffix(base, path.Ext(base)))
}

// varName is the variable of a file: high-availability.yaml is
// highAvailabilityTree.
func varName(file string) string {
	var b strings.Builder
	upper := false
	for _, r := range strings.TrimSuffix(path.Base(file), ".yaml") {
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

// quoteArgs is args as a go:generate line spells them: a word that is
// empty, holds a blank, a quote, a backslash, a $ or a character Go
// escapes is a quoted Go string.
func quoteArgs(args []string) string {
	words := make([]string, len(args))
	for i, a := range args {
		words[i] = a
		if q := strconv.Quote(a); a == "" || q[1:len(q)-1] != a || strings.ContainsAny(a, " \t$") {
			words[i] = q
		}
	}
	return strings.Join(words, " ")
}
