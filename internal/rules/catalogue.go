package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// catalogue is every rule, in documentation order. Each category lives in
// its own file.
var catalogue = slices.Concat(
	imageRules,
	probeRules,
	availabilityRules,
	secretRules,
	storeRules,
	edgeRules,
	renderRules,
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
		if strings.Contains(known, id) || strings.Contains(id, known) || levenshtein(id, known) <= 3 {
			near = append(near, known)
		}
	}
	if len(near) > 0 {
		return fmt.Errorf("unknown rule %q (did you mean %s?)", id, strings.Join(near, ", "))
	}
	return fmt.Errorf("unknown rule %q (valuesmith rules lists them)", id)
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
