package chart

import (
	"testing"

	sigsyaml "sigs.k8s.io/yaml"
)

// headError answers as decoding every head the way Helm does would.
func TestHeadErrorAgreesWithHelmDecode(t *testing.T) {
	docs := map[string]string{
		"plain":               "kind: ConfigMap\nmetadata:\n  name: a\n  annotations: {x: y}\n",
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
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			var m map[string]any
			if err := sigsyaml.Unmarshal([]byte(doc), &m); err != nil {
				t.Fatal(err)
			}
			var head struct {
				Metadata *struct {
					Name        string            `json:"name"`
					Annotations map[string]string `json:"annotations"`
				} `json:"metadata"`
			}
			want := sigsyaml.Unmarshal([]byte(doc), &head)
			got := headError(doc, m)
			if (got == nil) != (want == nil) {
				t.Errorf("headError = %v, Helm's decode: %v", got, want)
			}
		})
	}
}
