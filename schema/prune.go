package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// Compiling the whole values schema (190 KB, most of it Kubernetes container
// and volume types) costs far more than validating a values file. A document
// only ever meets the parts of the schema its own keys lead to, so each
// document is validated against the schema pruned to those parts: a property
// the document does not have cannot produce an error (required keys are kept
// in "required"), so the pruned schema reports exactly what the full one
// reports. prune_test.go checks this on every document the tests have.

// RawSchema is a schema document decoded for pruning and navigation. Its
// definitions are decoded on first use: a document reaches a few dozen of
// them, and decoding all of the Kubernetes types would cost more than
// validating.
type RawSchema struct {
	// Root is the document without its definitions.
	Root map[string]any

	mu      sync.Mutex
	encoded map[string]json.RawMessage
	decoded map[string]any
}

// decodeRaw decodes a schema document the way the validator expects it
// (numbers as json.Number), leaving definitions encoded until used.
func decodeRaw(data []byte) (*RawSchema, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, err
	}
	r := &RawSchema{Root: map[string]any{}, decoded: map[string]any{}}
	for k, v := range top {
		if k == "definitions" {
			if err := json.Unmarshal(v, &r.encoded); err != nil {
				return nil, err
			}
			continue
		}
		var x any
		if err := decodeNumber(v, &x); err != nil {
			return nil, err
		}
		r.Root[k] = x
	}
	return r, nil
}

func decodeNumber(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}

// Def returns a definition by name.
func (r *RawSchema) Def(name string) (any, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if d, ok := r.decoded[name]; ok {
		return d, true
	}
	enc, ok := r.encoded[name]
	if !ok {
		return nil, false
	}
	var d any
	if err := decodeNumber(enc, &d); err != nil {
		return nil, false
	}
	r.decoded[name] = d
	return d, true
}

// Ref resolves a "#/definitions/<name>" reference.
func (r *RawSchema) Ref(ref string) (any, error) {
	name, ok := strings.CutPrefix(ref, "#/definitions/")
	if !ok {
		return nil, fmt.Errorf("unsupported $ref %q", ref)
	}
	def, ok := r.Def(name)
	if !ok {
		return nil, fmt.Errorf("$ref %q names no definition", ref)
	}
	return def, nil
}

// pruner inlines references and drops what an instance does not reach.
type pruner struct {
	raw   *RawSchema
	depth int
}

// prune returns a self-contained draft-07 schema that validates inst as
// the whole document does.
func prune(raw *RawSchema, inst any) (map[string]any, error) {
	p := &pruner{raw: raw}
	out, err := p.schema(raw.Root, inst)
	if err != nil {
		return nil, err
	}
	m, _ := out.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	m["$schema"] = draft07
	delete(m, "definitions")
	return m, nil
}

func (p *pruner) resolve(ref string) (any, error) { return p.raw.Ref(ref) }

// schema prunes s against inst.
func (p *pruner) schema(s any, inst any) (any, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 200 {
		return nil, fmt.Errorf("schema nesting too deep while pruning")
	}
	m, ok := s.(map[string]any)
	if !ok {
		return s, nil // a boolean schema
	}
	if ref, ok := m["$ref"].(string); ok {
		// Draft-07 ignores the siblings of $ref.
		def, err := p.resolve(ref)
		if err != nil {
			return nil, err
		}
		return p.schema(def, inst)
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch k {
		case "definitions", "description", "title", "$comment", "examples", "default":
			// Not needed to validate.
		case "properties":
			props, _ := v.(map[string]any)
			obj, _ := inst.(map[string]any)
			kept := map[string]any{}
			for name, sub := range props {
				iv, present := obj[name]
				if !present {
					continue
				}
				ps, err := p.schema(sub, iv)
				if err != nil {
					return nil, err
				}
				kept[name] = ps
			}
			out[k] = kept
		case "additionalProperties":
			if _, isBool := v.(bool); isBool {
				out[k] = v
				continue
			}
			obj, _ := inst.(map[string]any)
			var union any
			for name, iv := range obj {
				if props, _ := m["properties"].(map[string]any); props[name] != nil {
					continue
				}
				union = merge(union, iv)
			}
			ps, err := p.schema(v, union)
			if err != nil {
				return nil, err
			}
			out[k] = ps
		case "items":
			if list, isList := v.([]any); isList {
				// Positional items: each against its own element.
				arr, _ := inst.([]any)
				var l []any
				for i, sub := range list {
					var iv any
					if i < len(arr) {
						iv = arr[i]
					}
					ps, err := p.schema(sub, iv)
					if err != nil {
						return nil, err
					}
					l = append(l, ps)
				}
				out[k] = l
				continue
			}
			var union any
			arr, _ := inst.([]any)
			for _, iv := range arr {
				union = merge(union, iv)
			}
			ps, err := p.schema(v, union)
			if err != nil {
				return nil, err
			}
			out[k] = ps
		case "anyOf", "oneOf", "allOf":
			list, _ := v.([]any)
			l := make([]any, 0, len(list))
			for _, sub := range list {
				ps, err := p.schema(sub, inst)
				if err != nil {
					return nil, err
				}
				l = append(l, ps)
			}
			out[k] = l
		default:
			// Keywords this pruner does not narrow keep their whole
			// subschemas, with references inlined.
			full, err := p.inline(v)
			if err != nil {
				return nil, err
			}
			out[k] = full
		}
	}
	return out, nil
}

// inline copies a value with every $ref replaced by its definition.
func (p *pruner) inline(v any) (any, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 200 {
		return nil, fmt.Errorf("schema nesting too deep while inlining")
	}
	switch x := v.(type) {
	case map[string]any:
		if ref, ok := x["$ref"].(string); ok {
			def, err := p.resolve(ref)
			if err != nil {
				return nil, err
			}
			return p.inline(def)
		}
		out := make(map[string]any, len(x))
		for k, sub := range x {
			c, err := p.inline(sub)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, sub := range x {
			c, err := p.inline(sub)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	return v, nil
}

// merge is the union of two instances for pruning: maps merge their keys,
// lists concatenate; otherwise the first non-nil wins. Only key presence
// matters to pruning, so a union prunes safely for every instance in it.
func merge(a, b any) any {
	am, aIsMap := a.(map[string]any)
	bm, bIsMap := b.(map[string]any)
	if aIsMap && bIsMap {
		out := make(map[string]any, len(am)+len(bm))
		for k, v := range am {
			out[k] = v
		}
		for k, v := range bm {
			out[k] = merge(out[k], v)
		}
		return out
	}
	al, aIsList := a.([]any)
	bl, bIsList := b.([]any)
	if aIsList && bIsList {
		return append(append([]any{}, al...), bl...)
	}
	if a == nil {
		return b
	}
	if aIsMap {
		return a
	}
	if bIsMap || bIsList {
		return b
	}
	return a
}
