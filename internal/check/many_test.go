package check

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

// manyReleases writes n copies of the production example and returns them
// as releases read lazily, as the CLI gives them.
func manyReleases(tb testing.TB, n int) []Release {
	tb.Helper()
	data, err := os.ReadFile("../../examples/production.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	var rels []Release
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("values-%04d.yaml", i))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			tb.Fatal(err)
		}
		rels = append(rels, Release{Layers: []Input{{Name: p, Read: func() ([]byte, error) { return values.ReadFile(p) }}}})
	}
	return rels
}

// BenchmarkCheckManyFiles checks 100 and 1,000 production files in one
// run, spread over the cores. Its peak-heap metric (the most heap in use
// at any GC during the run) shows memory flat in the number of files.
func BenchmarkCheckManyFiles(b *testing.B) {
	sel, _ := Select(nil, nil, nil)
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			rels := manyReleases(b, n)
			b.ReportAllocs()
			var peak uint64
			for b.Loop() {
				runtime.GC()
				res, err := Run(Options{Rules: sel.Rules, Policy: sel.Policy}, rels)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Files) != n || len(res.InputErrors) > 0 {
					b.Fatalf("checked %d files, input errors %v", len(res.Files), res.InputErrors)
				}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			b.ReportMetric(float64(peak)/(1<<20), "MiB-heap-end")
		})
	}
}
