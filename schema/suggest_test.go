package schema

import (
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

// Unknown keys are pointed to a home under the same parent, and chart 0.x
// top-level keys to their home under langfuse or langfuse.web, never into a
// store section.
func TestUnknownKeySuggestions(t *testing.T) {
	cases := []struct {
		chart, doc, path string
		want             string // the message's suggestion; "" for none
	}{
		{"2.0.0", "service: {type: ClusterIP}", "service", "did you mean langfuse.web.service?"},
		{"2.0.0", "replicaCount: 2", "replicaCount", "did you mean langfuse.replicas?"},
		{"2.0.0", "livenessProbe: {initialDelaySeconds: 5}", "livenessProbe", "did you mean langfuse.web.livenessProbe?"},
		{"2.0.0", "readinessProbe: {initialDelaySeconds: 5}", "readinessProbe", "did you mean langfuse.web.readinessProbe?"},
		{"2.0.0", "image: {tag: x}", "image", "did you mean langfuse.image?"},
		{"2.0.0", "resources: {}", "resources", "did you mean langfuse.resources?"},
		{"2.0.0", "ingress: {enabled: true}", "ingress", "did you mean langfuse.ingress?"},
		{"2.0.0", "autoscaling: {enabled: true}", "autoscaling", "did you mean langfuse.web.hpa?"},
		{"2.0.0", "clickhouse: {startupProbe: {periodSeconds: 5}}", "clickhouse.startupProbe", ""},
		{"2.0.0", "clickhouse: {livenessProbe: {periodSeconds: 5}}", "clickhouse.livenessProbe", ""},
		// kept: a near spelling, the same key one level down, a sibling
		// below the top level
		{"2.0.0", "langfuse: {web: {replica: 2}}", "langfuse.web.replica", `did you mean "replicas"?`},
		{"2.0.0", "langfuse: {hostAliases: []}", "langfuse.hostAliases", "did you mean langfuse.web.hostAliases or langfuse.worker.hostAliases?"},
		{"2.0.0", "langfuse: {worker: {service: {}}}", "langfuse.worker.service", "did you mean langfuse.web.service?"},
		// chart 1.5.x has no older model: the application homes decide
		{"1.5.41", "livenessProbe: {initialDelaySeconds: 5}", "livenessProbe", "did you mean langfuse.web.livenessProbe?"},
		{"1.5.41", "readinessProbe: {periodSeconds: 5}", "readinessProbe", "did you mean langfuse.web.readinessProbe?"},
	}
	for _, tc := range cases {
		t.Run(tc.chart+" "+tc.path, func(t *testing.T) {
			v, err := Lookup(tc.chart)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := values.Parse("t.yaml", []byte(tc.doc+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			fs, err := v.Validate(doc)
			if err != nil {
				t.Fatal(err)
			}
			var msg string
			n := 0
			for _, f := range fs {
				if f.Path == tc.path {
					msg, n = f.Message, n+1
				}
			}
			if n != 1 || !strings.HasPrefix(msg, "unknown key") {
				t.Fatalf("want one unknown-key finding at %s, got %d: %v", tc.path, n, fs)
			}
			if tc.want == "" && strings.Contains(msg, "did you mean") || tc.want != "" && !strings.HasSuffix(msg, "; "+tc.want) {
				t.Errorf("%s: %q, want the suggestion %q", tc.path, msg, tc.want)
			}
		})
	}
}
