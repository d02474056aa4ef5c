package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
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
	top, err := members(data)
	if err != nil {
		return nil, err
	}
	r := &RawSchema{Root: map[string]any{}, decoded: map[string]any{}}
	for k, v := range top {
		if k == "definitions" {
			if r.encoded, err = members(v); err != nil {
				return nil, fmt.Errorf("definitions: %w", err)
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

// members splits a JSON object into its members, each value left encoded.
// It only finds where each value ends (strings and nesting), which is many
// times faster than encoding/json's full scan of the 190 KB schema that a
// one-shot check would otherwise pay on every run; a value is checked when
// it is decoded. Anything it does not understand goes to encoding/json,
// whose error is returned.
func members(data []byte) (map[string]json.RawMessage, error) {
	out, ok := splitMembers(data)
	if ok {
		return out, nil
	}
	out = nil
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func splitMembers(data []byte) (map[string]json.RawMessage, bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	out := map[string]json.RawMessage{}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return out, skipSpace(data, i+1) == len(data)
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return nil, false
		}
		end, ok := stringEnd(data, i)
		if !ok {
			return nil, false
		}
		rawKey := data[i+1 : end-1]
		if !plainKey(rawKey) {
			return nil, false // escapes, control or non-ASCII bytes: leave them to encoding/json
		}
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return nil, false
		}
		start := skipSpace(data, i+1)
		if end, ok = valueEnd(data, start); !ok {
			return nil, false
		}
		out[string(rawKey)] = json.RawMessage(data[start:end])
		i = skipSpace(data, end)
		if i >= len(data) {
			return nil, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return out, skipSpace(data, i+1) == len(data)
		default:
			return nil, false
		}
	}
}

// plainKey reports whether a key's bytes are its value: printable ASCII
// without escapes.
func plainKey(k []byte) bool {
	for _, c := range k {
		if c < 0x20 || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// stringEnd returns the index just past the string that starts at i.
func stringEnd(data []byte, i int) (int, bool) {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1, true
		}
	}
	return 0, false
}

// valueEnd returns the index just past the value that starts at i.
func valueEnd(data []byte, i int) (int, bool) {
	if i >= len(data) {
		return 0, false
	}
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, ok := stringEnd(data, j)
				if !ok {
					return 0, false
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return 0, false
	}
	// A number, true, false or null runs to the next delimiter.
	j := i
scalar:
	for ; j < len(data); j++ {
		switch data[j] {
		case ' ', '\t', '\r', '\n', ',', '}', ']':
			break scalar
		}
	}
	return j, j > i
}

func decodeNumber(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}

// Def returns a definition by name.
func (r *RawSchema) Def(name string) (any, bool) {
	d, err := r.def(name)
	return d, err == nil && d != nil
}

func (r *RawSchema) def(name string) (any, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if d, ok := r.decoded[name]; ok {
		return d, nil
	}
	enc, ok := r.encoded[name]
	if !ok {
		return nil, nil
	}
	var d any
	if err := decodeNumber(enc, &d); err != nil {
		return nil, fmt.Errorf("definition %q: %w", name, err)
	}
	r.decoded[name] = d
	return d, nil
}

// Ref resolves a "#/definitions/<name>" reference.
func (r *RawSchema) Ref(ref string) (any, error) {
	name, ok := strings.CutPrefix(ref, "#/definitions/")
	if !ok {
		return nil, fmt.Errorf("unsupported $ref %q", ref)
	}
	def, err := r.def(name)
	if err != nil {
		return nil, err
	}
	if def == nil {
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
	out, err := p.schema(raw.Root, inst, true)
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
//
// exact is false below a list or map whose elements were merged into one
// instance (a union stands for each of them only as far as their keys go,
// not their values). Under a mixed union (see merge) s is kept whole.
func (p *pruner) schema(s any, inst any, exact bool) (any, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 200 {
		return nil, fmt.Errorf("schema nesting too deep while pruning")
	}
	if _, ok := inst.(mixed); ok {
		return p.inline(s)
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
		return p.schema(def, inst, exact)
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
				ps, err := p.schema(sub, iv, exact)
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
			extra := 0
			for name, iv := range obj {
				if props, _ := m["properties"].(map[string]any); props[name] != nil {
					continue
				}
				union = merge(union, iv)
				extra++
			}
			ps, err := p.schema(v, union, exact && extra <= 1)
			if err != nil {
				return nil, err
			}
			out[k] = ps
		case "items":
			if list, isList := v.([]any); isList {
				l, err := p.positional(list, inst, exact)
				if err != nil {
					return nil, err
				}
				out[k] = l
				continue
			}
			var union any
			arr, _ := inst.([]any)
			for _, iv := range arr {
				union = merge(union, iv)
			}
			ps, err := p.schema(v, union, exact && len(arr) <= 1)
			if err != nil {
				return nil, err
			}
			out[k] = ps
		case "anyOf", "oneOf", "allOf":
			list, _ := v.([]any)
			l := make([]any, 0, len(list))
			for _, sub := range list {
				ps, err := p.schema(sub, inst, exact)
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
	if exact && len(out) == 1 && typeHolds(out["type"], inst) {
		// Nothing but a type the instance has: the validator would pass
		// it, and true compiles to nothing.
		return true, nil
	}
	return out, nil
}

// positional prunes positional items (items as a list), each against its
// own element. Under a union they are kept whole: merge concatenated the
// lists, so position i of the union is not element i of each list.
func (p *pruner) positional(list []any, inst any, exact bool) (any, error) {
	if !exact {
		return p.inline(list)
	}
	arr, _ := inst.([]any)
	l := make([]any, 0, len(list))
	for i, sub := range list {
		var iv any
		if i < len(arr) {
			iv = arr[i]
		}
		ps, err := p.schema(sub, iv, exact)
		if err != nil {
			return nil, err
		}
		l = append(l, ps)
	}
	return l, nil
}

// typeHolds reports whether inst has one of the JSON types t names (a
// type keyword's value), judged as the validator judges them. Numbers
// that YAML reads as floats are left to the validator.
func typeHolds(t any, inst any) bool {
	var names []any
	switch x := t.(type) {
	case string:
		names = []any{x}
	case []any:
		names = x
	default:
		return false
	}
	var have []string
	switch inst.(type) {
	case string:
		have = []string{"string"}
	case bool:
		have = []string{"boolean"}
	case int64:
		have = []string{"integer", "number"}
	case map[string]any:
		have = []string{"object"}
	case []any:
		have = []string{"array"}
	default:
		return false
	}
	for _, n := range names {
		if s, _ := n.(string); slices.Contains(have, s) {
			return true
		}
	}
	return false
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
// lists concatenate; otherwise the first non-nil wins, except that a map or
// a list wins over a scalar. Only key presence matters to pruning, so a
// union prunes safely for every instance in it. A list and a map at the
// same place have no such union (the list needs the items subschema, the
// map the properties): their union is mixed, under which the pruner keeps
// the subschema whole, and mixed absorbs whatever is merged with it.
func merge(a, b any) any {
	if _, ok := a.(mixed); ok {
		return a
	}
	if _, ok := b.(mixed); ok {
		return b
	}
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
	if aIsMap && bIsList || aIsList && bIsMap {
		return mixed{}
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

// mixed is the union of a list and a map (see merge): the pruner keeps
// every subschema it meets whole.
type mixed struct{}
