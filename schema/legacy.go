package schema

import (
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
		hits = append(hits, legacyHit{key: k, field: loc.Field, path: loc.Path})
	}
	return hits
}

type legacyHit struct {
	key   LegacyKey
	field *values.Field
	path  string
}

func (h legacyHit) message(chart string) string {
	if h.key.NewPath != "" {
		return "chart 1.x key; chart " + chart + " reads " + h.key.NewPath + " instead (" + h.key.Note + ")"
	}
	return "chart 1.x key, removed in chart " + chart + ": " + h.key.Note
}
