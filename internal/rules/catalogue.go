package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/valuesmith/valuesmith/internal/suggest"
)

// catalogue is every rule, in documentation order. Each category lives in
// its own file.
var catalogue = slices.Concat(
	schemaRules,
	imageRules,
	probeRules,
	availabilityRules,
	memoryRules,
	secretRules,
	storeRules,
	subchartRules,
	edgeRules,
	renderRules,
	versionRules,
	manifestRules,
	suppressionRules,
)

// All returns the catalogue in documentation order.
func All() []*Rule { return catalogue }

// Lookup finds a rule by ID.
func Lookup(id string) (*Rule, bool) {
	for _, r := range catalogue {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// IDs returns every rule ID, sorted.
func IDs() []string {
	ids := make([]string, 0, len(catalogue))
	for _, r := range catalogue {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}

// UnknownRuleError names a rule ID that is not in the catalogue, with the
// nearest IDs as suggestions.
func UnknownRuleError(id string) error {
	var near []string
	for _, known := range IDs() {
		if strings.Contains(known, id) || strings.Contains(id, known) || suggest.Distance(id, known) <= 3 {
			near = append(near, known)
		}
	}
	if len(near) > 0 {
		return fmt.Errorf("unknown rule %q (did you mean %s?)", id, strings.Join(near, ", "))
	}
	return fmt.Errorf("unknown rule %q (valuesmith rules lists them)", id)
}
