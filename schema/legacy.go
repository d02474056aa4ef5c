package schema

import (
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema/model"
)

// LegacyKey is a key of an older chart major that a version no longer reads.
type LegacyKey = model.Move

// LegacyKeys returns the keys of older chart majors that this version no
// longer reads.
func (v *Version) LegacyKeys() []LegacyKey { return v.Moves }

// legacyFindings reports every legacy key present in doc, at its key.
func legacyFindings(keys []LegacyKey, doc *values.Document) []legacyHit {
	var hits []legacyHit
	for _, k := range keys {
		parts := strings.Split(k.Path, ".")
		loc := doc.Root.Follow(parts)
		if loc.Field == nil {
			continue
		}
		if k.When != nil && !k.When(loc.Field.Value) {
			continue
		}
		hits = append(hits, legacyHit{key: k, field: loc.Field, path: loc.Path})
	}
	return withoutCoveredParents(hits)
}

// withoutCoveredParents drops a hit on a map whose every key the user wrote
// is reported by a hit of its own (redis.primary holding only extraFlags):
// one root cause, one finding, at the entry the user wrote.
func withoutCoveredParents(hits []legacyHit) []legacyHit {
	hit := map[string]bool{}
	for _, h := range hits {
		hit[h.path] = true
	}
	out := hits[:0]
	for _, h := range hits {
		if !coveredByChildren(h, hit) {
			out = append(out, h)
		}
	}
	return out
}

func coveredByChildren(h legacyHit, hit map[string]bool) bool {
	v := h.field.Value
	if v == nil || v.Kind != values.Map || len(v.Fields) == 0 {
		return false
	}
	for _, f := range v.Fields {
		if !hit[values.JoinKey(h.path, f.Key)] {
			return false
		}
	}
	return true
}

type legacyHit struct {
	key   LegacyKey
	field *values.Field
	path  string
}

// message words the hit for chart version chart, whose previous major is
// prev.
func (h legacyHit) message(chart, prev string) string {
	era := "older chart"
	if prev != "" {
		era = "chart " + prev + ".x"
	}
	what := era + " key"
	if h.key.When != nil {
		what = era + " form (a plain value)"
	}
	if h.key.NewPath != "" {
		return what + "; chart " + chart + " reads " + h.key.NewPath + " instead (" + h.key.Note + ")"
	}
	return what + ", removed in chart " + chart + ": " + h.key.Note
}

// majorBefore is the major before chart's ("1" for 2.0.0): the release
// whose keys its moves name; empty when chart is no version.
func majorBefore(chart string) string {
	n, err := strconv.Atoi(strings.SplitN(chart, ".", 2)[0])
	if err != nil || n < 1 {
		return ""
	}
	return strconv.Itoa(n - 1)
}

// olderMoves are the moves of every modelled release of an earlier major
// than v's: the keys of chart majors before the one v's own moves name.
func (v *Version) olderMoves() []LegacyKey {
	major, err := strconv.Atoi(v.Major())
	if err != nil {
		return nil
	}
	var out []LegacyKey
	for _, o := range registry() {
		if m, err := strconv.Atoi(o.Major()); err == nil && m < major {
			out = append(out, o.Moves...)
		}
	}
	return out
}

// appHomes are the values prefixes of the application's settings: those
// every component shares, then each component's own.
func (v *Version) appHomes() []string {
	if v.Workloads == nil {
		return nil
	}
	homes := []string{v.Workloads.Global}
	for _, c := range v.Workloads.Components {
		homes = append(homes, c.Values)
	}
	return homes
}
