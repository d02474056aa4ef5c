// Command gen writes the JSON Schema of every supported chart version, the
// same schema without annotations for validation and the key path index
// generated from it into the schema package. It runs through go generate
// from the schema directory. (Each home's defaults_tree.go is written by
// internal/values/gotree/gen, through go generate in the home, since this
// command imports the homes.)
package main

import (
	"fmt"
	"os"

	"github.com/valuesmith/valuesmith/internal/atomicfile"
	"github.com/valuesmith/valuesmith/schema"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
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
		if err := atomicfile.Write(v.SchemaFile(), out, 0o644); err != nil {
			return err
		}
		validation, err := schema.GenerateValidation(out)
		if err != nil {
			return err
		}
		if err := atomicfile.Write(v.ValidationFile(), validation, 0o644); err != nil {
			return err
		}
		paths, err := schema.GeneratePaths(out)
		if err != nil {
			return err
		}
		if err := atomicfile.Write(v.PathsFile(), paths, 0o644); err != nil {
			return err
		}
	}
	return nil
}
