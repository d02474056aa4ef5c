// Command gendocs writes docs/rules.md from the rule catalogue. It runs
// through go generate in internal/rules.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/valuesmith/valuesmith/internal/rules"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendocs OUTPUT.md")
		os.Exit(2)
	}
	if err := write(os.Args[1], []byte(rules.Markdown())); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

// write replaces path atomically.
func write(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".rules-*.md")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
