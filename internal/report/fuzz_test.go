package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/schema"
)

// FuzzCheckOutputs checks any bytes as a values file with every rule, and
// writes the result as text, JSON and SARIF: never a panic or an error of
// the tool, the JSON and SARIF are valid JSON, and the text holds no
// control character of the input (each finding stays on its line).
//
//	go test ./internal/report -run '^$' -fuzz FuzzCheckOutputs -fuzztime 3m
func FuzzCheckOutputs(f *testing.F) {
	f.Add([]byte("langfuse:\n  web:\n    replicas: 1\n"))
	f.Add([]byte("nameOverride: \"\\e[2J\"\nlangfuse: {\"k\\u202e\": 1}\n"))
	f.Add([]byte("# valuesmith:ignore signup-open a reason\nlangfuse: {features: {signUpDisabled: false}}\n"))
	f.Add([]byte("langfuse:\r\n  # valuesmith:ignore image-tag-floating a reason\r\n  image:\r\n    tag: latest\r\n  additionalEnv:\r\n    # valuesmith:ignore secret-plaintext r\r\n    - {name: A_PASSWORD, value: x}\r\n"))
	f.Add([]byte(`{"extraManifests":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}]}`))
	seeds, _ := filepath.Glob("../../testdata/bad/*.yaml")
	more, _ := filepath.Glob("../rules/testdata/*/fail.yaml")
	for i, p := range append(seeds, more...) {
		if i%3 != 0 && strings.Contains(p, "rules") {
			continue // a third of the rule fixtures keeps go test quick
		}
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	v, _ := schema.Lookup(schema.DefaultChartVersion)
	sel, err := check.Select(nil, nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	var ids []string
	for _, r := range sel.Rules {
		ids = append(ids, r.ID)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := check.Run(check.Options{Version: v, Rules: sel.Rules, Policy: sel.Policy},
			[]check.Release{{Layers: []check.Input{{Name: "values.yaml", Data: data}}}})
		if err != nil {
			t.Fatalf("check failed (not an input problem): %v", err)
		}
		var text, js, sarif bytes.Buffer
		if err := Text(&text, res); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(text.String(), "\n"), "\n") {
			if strings.ContainsAny(l, "\x1b\r\u202e") {
				t.Fatalf("raw control character in the text output: %q", l)
			}
		}
		meta := Meta{ToolVersion: "test", ChartVersion: schema.DefaultChartVersion, FailOn: finding.Error, Rules: ids}
		if err := JSON(&js, res, meta); err != nil || !json.Valid(js.Bytes()) {
			t.Fatalf("JSON: %v\n%s", err, js.String())
		}
		if err := SARIF(&sarif, res, meta); err != nil || !json.Valid(sarif.Bytes()) {
			t.Fatalf("SARIF: %v\n%s", err, sarif.String())
		}
	})
}
