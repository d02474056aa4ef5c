package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// The committed values.schema.json is for people and editors: more than
// half of it is descriptions. Validation reads none of them, and decoding
// them was a third of pruning a one-shot check. go generate therefore also
// writes validation.schema.json, the same schema without its annotations,
// and validation decodes that one.

// keywordKind is what a draft-07 keyword holds, as far as stripping
// annotations goes.
type keywordKind int

const (
	keepsValue  keywordKind = iota // a value kept as it is (enum, pattern, ...)
	annotation                     // describes and does not validate
	namedSchema                    // maps names to schemas (properties, ...)
	subSchemas                     // a schema or a list of schemas
)

func kindOf(keyword string) keywordKind {
	switch keyword {
	case "title", "description", "default", "examples", "$comment":
		return annotation
	case "properties", "definitions", "patternProperties", "dependencies":
		return namedSchema
	case "items", "additionalItems", "additionalProperties", "contains", "propertyNames",
		"not", "if", "then", "else", "allOf", "anyOf", "oneOf":
		return subSchemas
	}
	return keepsValue
}

// GenerateValidation is the content of a version's validation.schema.json:
// its schema without annotations, compact. Values of enum, const and other
// keywords are kept as they are.
func GenerateValidation(schemaJSON []byte) ([]byte, error) {
	d := json.NewDecoder(bytes.NewReader(schemaJSON))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("decode the schema: %w", err)
	}
	var out bytes.Buffer
	e := json.NewEncoder(&out)
	e.SetEscapeHTML(false)
	if err := e.Encode(withoutAnnotations(doc)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// withoutAnnotations copies a schema without its annotation keywords.
func withoutAnnotations(s any) any {
	m, ok := s.(map[string]any)
	if !ok {
		return s // a boolean schema
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch kindOf(k) {
		case annotation:
		case namedSchema:
			named, _ := v.(map[string]any)
			c := make(map[string]any, len(named))
			for name, sub := range named {
				c[name] = withoutAnnotations(sub)
			}
			out[k] = c
		case subSchemas:
			if list, isList := v.([]any); isList {
				c := make([]any, len(list))
				for i, sub := range list {
					c[i] = withoutAnnotations(sub)
				}
				out[k] = c
			} else {
				out[k] = withoutAnnotations(v)
			}
		default:
			out[k] = v
		}
	}
	return out
}
