// Command gen writes bench/floor/main.go: a program that imports, blank,
// every third-party package valuesmith links (as `go list -deps` of
// ./cmd/valuesmith lists them) and does nothing else. Packages under an
// internal/ directory cannot be imported from here; they are linked through
// the packages that import them. Run by `go generate ./bench/floor`.
package main

import (
	"fmt"
	"os"

	"github.com/valuesmith/valuesmith/bench/floor/deps"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	pkgs, err := deps.ThirdParty("../../cmd/valuesmith")
	if err != nil {
		return err
	}
	return os.WriteFile("main.go", deps.Source(deps.Importable(pkgs)), 0o644)
}
