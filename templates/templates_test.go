package templates

import (
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/spec"
)

func TestIsExampleHost(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"langfuse.example.com", true},
		{"example.org", true},
		{"postgres.example.internal:5432", true},
		{"https://clickhouse.example.internal", true},
		{"https://minio.example.net:9000/", true},
		{"db.test", true},
		{"redis.cache.invalid:6379", true},
		{"LANGFUSE.EXAMPLE.COM.", true},
		{"langfuse.acme.io", false},
		{"examples.acme.io", false},
		{"myexample.com", false},
		{"https://ch.acme.internal:8443", false},
		{"10.0.0.7:5432", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsExampleHost(tt.host); got != tt.want {
			t.Errorf("IsExampleHost(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}

// A line break in any input would end the comment it is printed in and
// start a YAML key. Validate refuses such inputs; Render refuses them too,
// for callers that skip Validate.
func TestRenderRefusesLineBreaks(t *testing.T) {
	tamper := []func(s *spec.Spec){
		func(s *spec.Spec) { s.Postgres.User = "x\nfullnameOverride: pwned" },
		func(s *spec.Spec) { s.Namespace = "ns\rfullnameOverride: pwned" },
		func(s *spec.Spec) {
			s.Accept = append(s.Accept, spec.Accepted{Rule: "redis-tls-off", Reason: "vpn only\nfullnameOverride: pwned"})
		},
		func(s *spec.Spec) {
			s.ServiceAccountAnnotations = map[string]string{"a": "b\u2028fullnameOverride: pwned"}
		},
		func(s *spec.Spec) { s.Redis.Nodes = []string{"r0:6379\nfullnameOverride: pwned"} },
	}
	for i, f := range tamper {
		a, err := spec.Assemble(spec.Inputs{Example: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Render(a, nil); err != nil {
			t.Fatalf("the example does not render: %v", err)
		}
		f(a.Spec)
		out, err := Render(a, nil)
		if err == nil {
			t.Errorf("case %d: rendered:\n%s", i, out)
			continue
		}
		if strings.Contains(err.Error(), "\nfullnameOverride") {
			t.Errorf("case %d: the error repeats the line break: %v", i, err)
		}
	}
}
