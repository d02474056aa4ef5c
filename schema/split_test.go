package schema

import (
	"os"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

// Split parts share the compile work about evenly and compile nothing
// twice; that they report what the whole does is TestPrunedValidationEqualsFull's.
func TestSplitBalancesWithoutOverlap(t *testing.T) {
	data, err := os.ReadFile("../examples/production.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := values.Parse("production.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	ck, err := Newest().Checker()
	if err != nil {
		t.Fatal(err)
	}
	pruned, err := prune(ck.Raw, doc.Root.Interface())
	if err != nil {
		t.Fatal(err)
	}
	total := subschemas(pruned)
	for _, n := range []int{1, 2, 3} {
		parts := split(pruned, n)
		if len(parts) != n {
			t.Fatalf("%d parts wanted, got %d", n, len(parts))
		}
		sum, largest := 0, 0
		for _, p := range parts {
			size := subschemas(p)
			sum += size
			largest = max(largest, size)
		}
		// Each further part adds the few schemas that lead to its units.
		if sum > total+8*(n-1) {
			t.Errorf("%d parts: %d schemas in all, the whole has %d: some are compiled twice", n, sum, total)
		}
		if n > 1 && largest > total*2/(n+1) {
			t.Errorf("%d parts: the largest has %d of %d schemas", n, largest, total)
		}
	}
	if subschemas(pruned) != total {
		t.Error("split changed the pruned schema it was given")
	}
}
