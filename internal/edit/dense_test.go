package edit

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"
)

var update = flag.Bool("update", false, "rewrite golden files")

// denseEdits touch a handful of keys of testdata/dense.yaml; changed lists
// the lines of the original those edits may change (1-based). Every other
// line must come out byte for byte.
var denseEdits = []Edit{
	Set(p("langfuse.image.tag"), Str("4.5.0")),
	Set(p("langfuse.image.pullPolicy"), Str("Always")),
	Set(p("langfuse.nextauth.url"), Str("https://langfuse.example.com")),
	Set(p("langfuse.features.signUpDisabled"), Bool(true)),
	Set(p("langfuse.web.replicas"), Int(2)),
	Set(p("langfuse.web.pod.additionalEnv.1.value"), Str("http://proxy.internal:3128")),
	Append(p("langfuse.web.pod.additionalEnv"), Map("name", Str("NO_PROXY"), "value", Str("localhost"))),
	Set(p("langfuse.worker.resources.requests"), Map("cpu", Str("2"))),
	Delete(p("langfuse.pdb.create")),
	Set(p("langfuse.web.pdb.create"), Bool(true)),
	Set(p("redis.valkeyConfig"), Str("# the content of a block scalar\nmaxmemory 1gb\n\nappendonly yes\nmaxmemory-policy noeviction\n")),
	Move(p("postgresql.port"), p("postgresql.auth.port")),
	Set([]string{"langfuse", "ingress", "annotations", "nginx.ingress.kubernetes.io/proxy-body-size"}, Str("100m")),
}

var denseChanged = map[int]bool{
	12: true, 13: true, 15: true, 16: true, 18: true, // scalars set in place
	25: true,           // HTTPS_PROXY's value, in a flow map
	30: true, 31: true, // langfuse.pdb.create, deleted with its map
	48: true, // postgresql.port, moved under auth
}

func TestDenseFilePreserved(t *testing.T) {
	lf, err := os.ReadFile("testdata/dense.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, variant := range []struct {
		name string
		src  []byte
		eol  string
	}{
		{"LF", lf, "\n"},
		{"CRLF", bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n")), "\r\n"},
	} {
		t.Run(variant.name, func(t *testing.T) {
			got, err := Apply("dense.yaml", variant.src, denseEdits...)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "dense.golden.yaml")
			if variant.name == "LF" && *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			want = bytes.ReplaceAll(want, []byte("\n"), []byte(variant.eol))
			if !bytes.Equal(got, want) {
				t.Errorf("result differs from %s:\n%s", golden, Diff("dense.yaml", want, got))
			}
			if variant.eol == "\r\n" && bytes.Count(got, []byte("\n")) != bytes.Count(got, []byte("\r\n")) {
				t.Errorf("a line lost its CRLF ending")
			}
			// Every line of the original outside the changed set is in
			// the result unchanged, in order.
			old := string(variant.src)
			for _, e := range udiff.Lines(old, string(got)) {
				first := strings.Count(old[:e.Start], "\n") + 1
				last := strings.Count(old[:e.End], "\n")
				if e.End > 0 && old[e.End-1] != '\n' {
					last++
				}
				for l := first; l <= last; l++ {
					if !denseChanged[l] {
						t.Errorf("line %d changed but no edit targets it: %q", l, strings.Split(old, "\n")[l-1])
					}
				}
			}
		})
	}
}
