// Command gencrd regenerates crds/keda.sh.json and crds/NOTICE.md from the
// KEDA CRDs (config/crd/bases/keda.sh_*.yaml of github.com/kedacore/keda/v2).
//
// Run it from internal/kubevalidate with `go generate` (or `go run ./gencrd`).
// It locates the module with `go mod download -json` in a scratch directory,
// so valuesmith's go.mod and go.sum are not touched and KEDA is never a
// dependency of the binary.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/valuesmith/valuesmith/internal/kubevalidate/crdgen"
)

func main() {
	version := flag.String("version", crdgen.Version, "KEDA module version")
	outDir := flag.String("out", "crds", "output directory")
	from := flag.String("dir", "", "use this KEDA module directory instead of `go mod download`")
	flag.Parse()

	if err := run(*version, *outDir, *from); err != nil {
		fmt.Fprintln(os.Stderr, "gencrd:", err)
		os.Exit(1)
	}
}

func run(version, outDir, from string) error {
	dir := from
	if dir == "" {
		var err error
		if dir, err = crdgen.ModuleDir(version); err != nil {
			return err
		}
	}
	data, src, err := crdgen.Generate(dir, version)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, "keda.sh.json"), data, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, "NOTICE.md"), crdgen.Notice(src), 0o644); err != nil {
		return err
	}
	fmt.Printf("gencrd: wrote %s (%d bytes) from %s@%s\n", filepath.Join(outDir, "keda.sh.json"), len(data), crdgen.Module, version)
	return nil
}
