package templates

import "testing"

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
