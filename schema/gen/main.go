// Command gen writes the JSON Schema of every supported chart version into
// the schema package. It runs through go generate from the schema directory.
package main

import (
	"fmt"
	"os"
	"path/filepath"

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
		tmp, err := os.CreateTemp(".", ".schema-*.json")
		if err != nil {
			return fmt.Errorf("create temp file: %w", err)
		}
		if _, err := tmp.Write(out); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return fmt.Errorf("write %s: %w", tmp.Name(), err)
		}
		if err := tmp.Close(); err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("close %s: %w", tmp.Name(), err)
		}
		if err := os.Chmod(tmp.Name(), 0o644); err != nil {
			return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
		}
		if err := os.Rename(tmp.Name(), filepath.Join(".", v.SchemaFile)); err != nil {
			return fmt.Errorf("replace %s: %w", v.SchemaFile, err)
		}
	}
	return nil
}
