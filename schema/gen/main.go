// Command gen writes the JSON Schema of every supported chart version, the
// same schema without annotations for validation, the key path index
// generated from it, and the chart's defaults as static Go data, into the
// schema package. It runs through go generate from the schema directory.
package main

import (
	"fmt"
	"os"
	"path"

	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/internal/values/gotree"
	"github.com/valuesmith/valuesmith/schema"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// writeDefaults writes the home's defaults_tree.go: its defaults file as
// values.Parse reads it, as static data.
func writeDefaults(v *schema.Version) error {
	doc, err := values.Parse("", v.Defaults)
	if err != nil {
		return fmt.Errorf("chart %s defaults: %w", v.Chart, err)
	}
	src, err := defaultsSource(v, doc.Root)
	if err != nil {
		return fmt.Errorf("chart %s defaults: %w", v.Chart, err)
	}
	return schema.WriteFileAtomic(v.DefaultsTreeFile(), src, 0o644)
}

// defaultsSource is the home's defaults_tree.go for its parsed defaults.
func defaultsSource(v *schema.Version, root *values.Node) ([]byte, error) {
	return gotree.Source("schema/gen", path.Base(v.Dir), []gotree.Var{{Name: "defaultsTree", From: "defaults-" + v.Chart + ".yaml", Root: root}}, "")
}

func run() error {
	for _, name := range schema.Supported() {
		v, err := schema.Lookup(name)
		if err != nil {
			return err
		}
		out, err := schema.Generate(v, ".")
		if err != nil {
			return err
		}
		if err := schema.WriteFileAtomic(v.SchemaFile(), out, 0o644); err != nil {
			return err
		}
		validation, err := schema.GenerateValidation(out)
		if err != nil {
			return err
		}
		if err := schema.WriteFileAtomic(v.ValidationFile(), validation, 0o644); err != nil {
			return err
		}
		if err := writeDefaults(v); err != nil {
			return err
		}
		paths, err := schema.GeneratePaths(out)
		if err != nil {
			return err
		}
		if err := schema.WriteFileAtomic(v.PathsFile(), paths, 0o644); err != nil {
			return err
		}
	}
	return nil
}
