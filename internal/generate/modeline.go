package generate

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// WithSchemaLine puts the yaml-language-server modeline in front of a values
// file: editors with the YAML language server (VS Code's YAML extension,
// Neovim's yamlls, JetBrains IDEs) then validate and complete the file
// against the schema at ref. The line is a comment, so it changes nothing
// the self-check saw.
func WithSchemaLine(values []byte, ref string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n", ref)
	b.Write(values)
	return b.Bytes()
}

// SchemaRef is how a values file at valuesPath names the schema file at
// schemaPath: relative to the values file's directory, with forward slashes
// (the language server resolves a relative $schema against the file).
// valuesPath "" stands for standard output: relative to the current
// directory.
func SchemaRef(valuesPath, schemaPath string) (string, error) {
	dir := "."
	if valuesPath != "" {
		dir = filepath.Dir(valuesPath)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	absSchema, err := filepath.Abs(schemaPath)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absDir, absSchema)
	if err != nil {
		// Another volume: only an absolute path reaches it.
		return filepath.ToSlash(absSchema), nil
	}
	rel = filepath.ToSlash(rel)
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel, nil
}
