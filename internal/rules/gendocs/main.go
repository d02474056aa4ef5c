// Command gendocs writes docs/rules.md from the rule catalogue. It runs
// through go generate in internal/rules.
package main

import (
	"fmt"
	"os"

	"github.com/valuesmith/valuesmith/internal/atomicfile"
	"github.com/valuesmith/valuesmith/internal/rules"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendocs OUTPUT.md")
		os.Exit(2)
	}
	if err := atomicfile.Write(os.Args[1], []byte(rules.Markdown()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
