package chart

import (
	"testing"

	"helm.sh/helm/v3/pkg/releaseutil"
	sigsyaml "sigs.k8s.io/yaml"
)

// headError answers as Helm does: it fails exactly the manifests whose
// head Helm's install and template fail on, which they find by sorting
// the rendered manifests (releaseutil.SortManifests, decoding each head
// into releaseutil.SimpleHead).
func TestHeadErrorAgreesWithHelmDecode(t *testing.T) {
	docs := map[string]string{
		"plain":               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: {x: y}\n",
		"no metadata":         "kind: ConfigMap\n",
		"null metadata":       "kind: ConfigMap\nmetadata: null\n",
		"null annotations":    "metadata:\n  name: a\n  annotations: null\n",
		"number annotation":   "metadata:\n  annotations: {replicas: 3}\n",
		"bool annotation":     "metadata:\n  annotations: {enabled: true}\n",
		"list annotation":     "metadata:\n  annotations: {hosts: [a, b]}\n",
		"map annotation":      "metadata:\n  annotations: {nested: {a: b}}\n",
		"annotations list":    "metadata:\n  annotations: [a, b]\n",
		"number name":         "metadata:\n  name: 42\n",
		"map name":            "metadata:\n  name: {a: b}\n",
		"metadata list":       "metadata: [a]\n",
		"metadata string":     "metadata: text\n",
		"null annotation":     "metadata:\n  annotations: {x: null}\n",
		"timestamp-like name": "metadata:\n  name: 2024-01-01\n",
		"capital metadata":    "kind: ConfigMap\nMetadata: text\n",
		"capital name":        "metadata:\n  NAME: {a: b}\n",
		"capital annotations": "metadata:\n  Annotations: [x]\n",
		// kind and apiVersion are strings in Helm's head: a list or a map
		// fails; a number or a bool is decoded as its text; null is
		// skipped.
		"number kind":             "apiVersion: v1\nkind: 3\n",
		"bool kind":               "kind: true\n",
		"list kind":               "apiVersion: v1\nkind: [a]\n",
		"map kind":                "apiVersion: v1\nkind: {x: 1}\n",
		"empty map kind":          "kind: {}\n",
		"null kind":               "apiVersion: v1\nkind: null\n",
		"list apiVersion":         "apiVersion: [a]\nkind: ConfigMap\n",
		"map apiVersion":          "apiVersion: {a: b}\nkind: ConfigMap\n",
		"number apiVersion":       "apiVersion: 1\nkind: ConfigMap\n",
		"null apiVersion":         "apiVersion: ~\nkind: ConfigMap\n",
		"capital kind number":     "Kind: 3\nmetadata:\n  name: a\n",
		"capital kind list":       "Kind: [a]\nmetadata:\n  name: a\n",
		"upper apiVersion map":    "APIVERSION: {a: b}\nkind: ConfigMap\n",
		"lower apiVersion string": "apiversion: v1\nkind: ConfigMap\n",
		"capital kind null":       "KIND: null\n",
		"both kinds, one a list":  "kind: ConfigMap\nKind: [a]\n",
		"list kind, plain head":   "kind: [ConfigMap]\nmetadata:\n  name: a\n  annotations: {x: y}\n",
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			var m map[string]any
			if err := sigsyaml.Unmarshal([]byte(doc), &m); err != nil {
				t.Fatal(err)
			}
			_, _, want := releaseutil.SortManifests(map[string]string{"c/templates/x.yaml": doc}, nil, releaseutil.InstallOrder)
			got := headError(doc, m)
			if (got == nil) != (want == nil) {
				t.Errorf("headError = %v, Helm: %v", got, want)
			}
		})
	}
}
