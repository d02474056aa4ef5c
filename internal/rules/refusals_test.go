package rules

import (
	"testing"

	"github.com/Masterminds/semver/v3"

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

// Every rule's chart-version constraint must parse, or the rule would never
// run.
func TestRuleVersionsParse(t *testing.T) {
	for _, r := range All() {
		if r.Versions == "" {
			continue
		}
		if _, err := semver.NewConstraint(r.Versions); err != nil {
			t.Errorf("%s: chart versions %q: %v", r.ID, r.Versions, err)
		}
	}
}

func TestRuleAppliesTo(t *testing.T) {
	cases := []struct {
		versions, chart string
		want            bool
	}{
		{"", "1.5.41", true},
		{">= 2.0.0-0", "2.0.0", true},
		{">= 2.0.0-0", "2.1.3", true},
		{">= 2.0.0-0", "1.5.41", false},
		{"~2.0.0", "2.0.0", true},
		{"~2.0.0", "2.1.1", false},
		{"< 2.0.0-0", "1.5.21", true},
		{">= 2.0.0-0", "not-a-version", false},
	}
	for _, tc := range cases {
		r := &Rule{ID: "x", Versions: tc.versions}
		if got := r.AppliesTo(tc.chart); got != tc.want {
			t.Errorf("Versions %q, chart %s: applies = %v, want %v", tc.versions, tc.chart, got, tc.want)
		}
	}
}
