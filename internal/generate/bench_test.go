package generate

import (
	"testing"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/spec"
)

// BenchmarkCheckGenerated is what BenchmarkGenerate is measured against:
// check (parse, model detection, schema, rules, policy) of the file the
// generator writes for the example answers. Generating includes such a
// check of its own output, so generate costs at least this much plus the
// template; the goal is that it costs no more than checking the output
// afresh.
func BenchmarkCheckGenerated(b *testing.B) {
	a, err := spec.Assemble(spec.Inputs{Example: true})
	if err != nil {
		b.Fatal(err)
	}
	out, err := Values(a)
	if err != nil {
		b.Fatal(err)
	}
	sel, err := check.Select(nil, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	in := []check.Release{{Layers: []check.Input{{Name: "values.yaml", Data: out.Values}}}}
	b.ReportAllocs()
	for b.Loop() {
		res, err := check.Run(check.Options{Rules: sel.Rules, Policy: sel.Policy}, in)
		if err != nil || len(res.InputErrors) > 0 {
			b.Fatal(err, res.InputErrors)
		}
	}
}
