package generate

import (
	"path/filepath"
	"testing"
)

func TestSchemaRef(t *testing.T) {
	tests := []struct{ values, schema, want string }{
		{"values.yaml", "values.schema.json", "./values.schema.json"},
		{"deploy/values.yaml", "deploy/values.schema.json", "./values.schema.json"},
		{"deploy/prod/values.yaml", "deploy/values.schema.json", "../values.schema.json"},
		{"values.yaml", "schemas/langfuse.json", "./schemas/langfuse.json"},
		{"", "deploy/values.schema.json", "./deploy/values.schema.json"},
	}
	for _, tt := range tests {
		got, err := SchemaRef(filepath.FromSlash(tt.values), filepath.FromSlash(tt.schema))
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("SchemaRef(%q, %q) = %q, want %q", tt.values, tt.schema, got, tt.want)
		}
	}
}

func TestWithSchemaLine(t *testing.T) {
	got := string(WithSchemaLine([]byte("# Values\nkey: 1\n"), "./values.schema.json"))
	want := "# yaml-language-server: $schema=./values.schema.json\n# Values\nkey: 1\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
