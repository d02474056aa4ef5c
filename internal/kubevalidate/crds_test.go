package kubevalidate

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/valuesmith/valuesmith/internal/kubevalidate/crdgen"
)

// The embedded bundle names the KEDA version the generator pins, carries
// every keda.sh kind, and each schema compiles.
func TestEmbeddedKEDASchemas(t *testing.T) {
	set, err := kedaSchemas()
	if err != nil {
		t.Fatal(err)
	}
	if set.version != crdgen.Version {
		t.Errorf("crds/keda.sh.json is from KEDA %s, gencrd pins %s: run go generate ./internal/kubevalidate", set.version, crdgen.Version)
	}
	if KEDAVersion() != set.version {
		t.Errorf("KEDAVersion() = %q", KEDAVersion())
	}
	notice, err := os.ReadFile(filepath.Join("crds", "NOTICE.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{crdgen.Module, "`" + set.version + "`", "Apache-2.0", "generated"} {
		if !bytes.Contains(notice, []byte(want)) {
			t.Errorf("crds/NOTICE.md does not mention %q", want)
		}
	}
	for _, kind := range []string{"ScaledObject", "ScaledJob", "TriggerAuthentication", "ClusterTriggerAuthentication"} {
		gvk := schema.GroupVersionKind{Group: "keda.sh", Version: "v1alpha1", Kind: kind}
		cs := set.byGVK[gvk]
		if cs == nil {
			t.Errorf("no schema for %s", gvkString(gvk))
			continue
		}
		if _, err := cs.schema(); err != nil {
			t.Errorf("schema for %s does not compile: %v", kind, err)
		}
	}
}

// If the KEDA module is in the module cache, regenerate the bundle and make
// sure the committed files match (nothing is downloaded here).
func TestKEDASchemaDrift(t *testing.T) {
	modcache := os.Getenv("GOMODCACHE")
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		if s := strings.TrimSpace(string(out)); s != "" {
			modcache = s
		}
	}
	if modcache == "" {
		t.Skip("drift check skipped: cannot tell the module cache (go env GOMODCACHE failed)")
	}
	dir, err := crdgen.CachedModuleDir(modcache, crdgen.Version)
	if err != nil {
		t.Skipf("drift check skipped: %s@%s is not in the module cache %s; "+
			"`go generate ./internal/kubevalidate` downloads it", crdgen.Module, crdgen.Version, modcache)
	}
	data, src, err := crdgen.Generate(dir, crdgen.Version)
	if err != nil {
		t.Fatalf("regenerate from %s: %v", dir, err)
	}
	if !bytes.Equal(data, kedaBundle) {
		t.Errorf("crds/keda.sh.json differs from what gencrd makes from %s; run go generate ./internal/kubevalidate", dir)
	}
	notice, err := os.ReadFile(filepath.Join("crds", "NOTICE.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(notice, crdgen.Notice(src)) {
		t.Errorf("crds/NOTICE.md is stale; run go generate ./internal/kubevalidate")
	}
}
