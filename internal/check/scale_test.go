package check

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/schema"
)

// The scale benchmarks feed check inputs of one shape at two or three sizes,
// each ten times the last. Time and memory per byte (MB/s, B/op divided by
// the size) stay flat when every path is linear in its input:
//
//	go test ./internal/check -run '^$' -bench Scale -benchmem
//
// A path that grows faster shows as MB/s falling by ten at each step.

// scaleCase builds an input of size n.
type scaleCase struct {
	name  string
	sizes []int
	input func(n int) []byte
	// config, when set, is a config file for size n.
	config func(n int) []byte
}

func scaleCases() []scaleCase {
	return []scaleCase{
		// helm get values -o json: everything on one line.
		{name: "json-line-configmaps", sizes: []int{200, 2000, 20000}, input: jsonConfigMaps},
		{name: "json-line-map", sizes: []int{2000, 20000}, input: jsonMap},
		{name: "json-line-list", sizes: []int{15000, 150000}, input: jsonList},
		{name: "ignore-lines", sizes: []int{10000, 100000}, input: ignoreLines},
		{name: "ignore-one-line", sizes: []int{4800, 48000}, input: ignoreOneLine},
		{name: "unknown-keys", sizes: []int{4000, 40000}, input: unknownKeys},
		{name: "additional-env", sizes: []int{1000, 10000}, input: additionalEnv},
		{name: "config-ignores", sizes: []int{2000, 20000}, input: func(n int) []byte { return unknownKeys(n / 4) }, config: configIgnores},
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// jsonConfigMaps is n ConfigMaps under extraManifests, about 520 bytes and
// 8 values each: 2,000 make 1 MB, 20,000 make 10 MB (and 160,000 values,
// under the parser's cap of 200,000).
func jsonConfigMaps(n int) []byte {
	cms := make([]any, n)
	for i := range cms {
		data := map[string]string{}
		for j := range 2 {
			data[fmt.Sprintf("key%d", j)] = strings.Repeat("v", 200)
		}
		cms[i] = map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{"name": fmt.Sprintf("cm-%d", i)}, "data": data}
	}
	return mustJSON(map[string]any{"extraManifests": cms})
}

func jsonMap(n int) []byte {
	m := map[string]string{}
	for i := range n {
		m[fmt.Sprintf("k%d", i)] = fmt.Sprintf("v%d", i)
	}
	return mustJSON(map[string]any{"langfuse": map[string]any{"nodeSelector": m}})
}

// jsonList is a list of n strings, inside an object the chart passes
// through (extraManifests items are open).
func jsonList(n int) []byte {
	l := make([]string, n)
	for i := range l {
		l[i] = fmt.Sprintf("item-%d", i)
	}
	obj := map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{"name": "list"}, "items": l}
	return mustJSON(map[string]any{"extraManifests": []any{obj}})
}

func ignoreLines(n int) []byte {
	return []byte(strings.Repeat("# valuesmith:ignore replicas-single a reason\n", n) + "langfuse:\n  web:\n    replicas: 1\n")
}

func ignoreOneLine(n int) []byte {
	return []byte("langfuse: {} " + strings.Repeat("# valuesmith:ignore x y ", n) + "\n")
}

func unknownKeys(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "unknown%d: 1\n", i)
	}
	return []byte(b.String())
}

func additionalEnv(n int) []byte {
	var b strings.Builder
	b.WriteString("langfuse:\n  additionalEnv:\n")
	for i := range n {
		fmt.Fprintf(&b, "    - name: ENV_%d\n      value: v\n", i)
	}
	return []byte(b.String())
}

// configIgnores is n ignores of the unknown keys' findings: a quarter of
// them match one (unknownKeys(n/4) makes n/4 findings), the rest nothing.
func configIgnores(n int) []byte {
	var b strings.Builder
	b.WriteString("ignore:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - rule: schema\n    path: unknown%d\n    reason: r\n", i)
	}
	return []byte(b.String())
}

func BenchmarkScale(b *testing.B) {
	v, _ := schema.Lookup(schema.DefaultChartVersion)
	for _, sc := range scaleCases() {
		for _, n := range sc.sizes {
			b.Run(fmt.Sprintf("%s/n=%d", sc.name, n), func(b *testing.B) {
				in := Input{Name: "values.yaml", Data: sc.input(n)}
				var cfg *Config
				if sc.config != nil {
					p := filepath.Join(b.TempDir(), ConfigFileName)
					if err := os.WriteFile(p, sc.config(n), 0o600); err != nil {
						b.Fatal(err)
					}
					var err error
					if cfg, err = LoadConfig(p); err != nil {
						b.Fatal(err)
					}
				}
				sel, err := Select(cfg, nil, nil)
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(len(in.Data)))
				b.ReportAllocs()
				for b.Loop() {
					res, err := Run(Options{Version: v, Rules: sel.Rules, Policy: sel.Policy}, []Release{{Layers: []Input{in}}})
					if err != nil {
						b.Fatal(err)
					}
					if len(res.InputErrors) > 0 {
						b.Fatal(res.InputErrors[0])
					}
				}
			})
		}
	}
}
