package rules

import (
	"testing"

	"github.com/valuesmith/valuesmith/schema/model"
)

// Every rule a chart version's refusals name must be in the catalogue, or
// the refusal would never be reported.
func TestRefusalRulesAreInTheCatalogue(t *testing.T) {
	for _, id := range model.RefusalRules() {
		if _, ok := Lookup(id); !ok {
			t.Errorf("refusals name rule %q, which the catalogue lacks", id)
		}
	}
}
