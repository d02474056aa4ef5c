// Command gen writes answers.schema.json, the JSON Schema of the
// generator's answers file. It runs through go generate in internal/spec.
package main

import (
	"fmt"
	"os"

	"github.com/valuesmith/valuesmith/internal/atomicfile"
	"github.com/valuesmith/valuesmith/internal/spec"
)

func main() {
	out, err := spec.GenerateSchema(".")
	if err == nil {
		err = atomicfile.Write("answers.schema.json", out, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
