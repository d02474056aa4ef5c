package fix

import (
	"strings"
	"testing"
)

func pendingFor(res *Result, rule string) []Pending {
	var out []Pending
	for _, p := range res.Pending {
		if p.Finding.RuleID == rule {
			out = append(out, p)
		}
	}
	return out
}

// Layers given with -f are read, never edited: a scalar they set is
// overridden from the release's own file, a key they set that must go is
// left with the reason, and a missing key goes into the release's file.
func TestLayers(t *testing.T) {
	base := &File{Name: "base.yaml", Data: []byte("langfuse:\n  features:\n    signUpDisabled: false\n  web:\n    pdb:\n      minAvailable: 2\n      maxUnavailable: 1\n")}
	top := &File{Name: "prod.yaml", Data: []byte("# prod\nlangfuse:\n  web:\n    replicas: 2\n"), Editable: true}
	res, err := Run(options(t, "signup-open", "pdb-disabled", "service-account-token-mounted"), []Release{{Layers: []*File{base, top}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 1 || res.Changes[0].Name != "prod.yaml" {
		t.Fatalf("changes: %+v", res.Changes)
	}
	want := "# prod\nlangfuse:\n  web:\n    replicas: 2\n  features:\n    signUpDisabled: true\n  serviceAccount:\n    automountServiceAccountToken: false\n"
	if got := string(res.Changes[0].After); got != want {
		t.Errorf("prod.yaml:\n%s\nwant:\n%s", got, want)
	}
}

func TestLayerDeleteIsLeft(t *testing.T) {
	base := &File{Name: "base.yaml", Data: []byte("langfuse:\n  web:\n    replicas: 2\n    pdb:\n      minAvailable: 2\n")}
	top := &File{Name: "prod.yaml", Data: []byte("langfuse:\n  worker:\n    replicas: 2\n"), Editable: true}
	res, err := Run(options(t, "pdb-blocks-drain"), []Release{{Layers: []*File{base, top}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 0 {
		t.Fatalf("a -f layer's key was handled in another file: %s", res.Changes[0].After)
	}
	p := pendingFor(res, "pdb-blocks-drain")
	if len(p) != 1 || !strings.Contains(p[0].Why, "set in base.yaml, which valuesmith fix does not edit") {
		t.Errorf("pending: %+v", p)
	}
}

// Ignored findings are not fixed, whether the ignore is inline or in the
// config.
func TestIgnoresAreRespected(t *testing.T) {
	src := "langfuse:\n  features:\n    # valuesmith:ignore signup-open sign-up happens behind the SSO proxy\n    signUpDisabled: false\n  worker:\n    pdb:\n      create: false\n"
	o := options(t, "signup-open", "pdb-disabled")
	o.Check.Policy.Ignores = append(o.Check.Policy.Ignores, checkIgnore("pdb-disabled", "langfuse.worker"))
	res := runOne(t, o, "values.yaml", []byte(src))
	if len(res.Changes) != 0 {
		t.Errorf("an ignored finding was fixed:\n%s", res.Changes[0].After)
	}
	for _, p := range res.Pending {
		if p.Finding.RuleID == "signup-open" || p.Finding.RuleID == "pdb-disabled" {
			t.Errorf("ignored finding listed: %+v", p)
		}
	}
}

// A fix whose key lies in an anchor that aliases repeat is left, with the
// reason, and the file is not touched.
func TestAnchoredKeyIsLeft(t *testing.T) {
	src := "probe: &probe\n  path: /api/public/health\n  timeoutSeconds: 1\nlangfuse:\n  web:\n    livenessProbe: *probe\n"
	res := runOne(t, options(t, "probe-timeout-short"), "values.yaml", []byte(src))
	if len(res.Changes) != 0 {
		t.Fatalf("changed:\n%s", res.Changes[0].After)
	}
	p := pendingFor(res, "probe-timeout-short")
	if len(p) != 1 || !strings.Contains(p[0].Why, "alias *probe") {
		t.Errorf("pending: %+v", p)
	}
}

// Literal secrets never reach the diff: not the ones moved, not the ones
// left, not an ignored one.
func TestDiffMasksSecrets(t *testing.T) {
	src := `langfuse:
  salt:
    value: "s4lt-literal"
  encryptionKey:
    # valuesmith:ignore secret-plaintext test key, rotated before go-live
    value: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
  features:
    signUpDisabled: false
  additionalEnv:
    - name: DATABASE_URL
      value: postgresql://lf:pw-in-url@db/langfuse
`
	for _, move := range []bool{false, true} {
		o := options(t)
		if move {
			o.SecretName = "s"
		}
		res := runOne(t, o, "values.yaml", []byte(src))
		diff, err := res.Diff()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(diff, "signUpDisabled: true") {
			t.Fatalf("no diff of the fixes:\n%s", diff)
		}
		for _, secret := range []string{"s4lt-literal", "0123456789abcdef0123456789abcdef", "pw-in-url"} {
			if strings.Contains(diff, secret) {
				t.Errorf("move=%v: the diff shows a secret:\n%s", move, diff)
			}
		}
		if move && len(res.Secrets) == 0 {
			t.Errorf("no secret moved")
		}
	}
}

// --rule limits the fixes; the others are listed as not selected.
func TestOnlySelectedRules(t *testing.T) {
	src := "langfuse:\n  features:\n    signUpDisabled: false\n  worker:\n    pdb:\n      create: false\n"
	res := runOne(t, options(t, "pdb-disabled"), "values.yaml", []byte(src))
	if len(res.Applied) != 1 || res.Applied[0].Finding.RuleID != "pdb-disabled" {
		t.Fatalf("applied: %+v", res.Applied)
	}
	if p := pendingFor(res, "signup-open"); len(p) != 1 || p[0].Kind != NotSelected {
		t.Errorf("pending: %+v", p)
	}
}
