// Package buildinfo says which build of valuesmith is running. Every output
// that names the tool's version (version, --version, JSON, SARIF) takes it
// from here.
package buildinfo

import (
	"runtime/debug"
	"strings"
)

// version is set for release builds:
//
//	go build -ldflags "-X github.com/valuesmith/valuesmith/internal/buildinfo.version=v1.2.3" ./cmd/valuesmith
//
// It wins over everything the Go toolchain records.
var version string

// devel is what the Go toolchain calls a build it knows no version of.
const devel = "(devel)"

// Version is the running build's version: the -ldflags override when set;
// else the module version the Go toolchain recorded (v1.2.3 for go install
// ...@v1.2.3, a pseudo-version with +dirty for go build in a modified clone);
// else, for a build without a module version, "devel" with the VCS revision
// and a -dirty mark (devel-0123456789ab-dirty); else "(devel)".
func Version() string {
	bi, _ := debug.ReadBuildInfo()
	return resolve(version, bi)
}

func resolve(override string, bi *debug.BuildInfo) string {
	if v := strings.TrimSpace(override); v != "" {
		return v
	}
	if bi == nil {
		return devel
	}
	if v := bi.Main.Version; v != "" && v != devel {
		return v
	}
	var rev string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return devel
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "devel-" + rev
	if dirty {
		v += "-dirty"
	}
	return v
}
