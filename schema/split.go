package schema

import (
	"maps"
	"slices"
	"strings"
)

// Compiling the pruned schema is most of a one-shot check, and the
// validator compiles on one core. The subschemas under "properties" are
// independent of each other, so the pruned schema is split into parts
// compiled and validated side by side:
//
//   - each part but the first holds a set of property subschemas (units),
//     each at its place under a chain of schemas that have nothing but
//     "properties";
//   - the first part is the pruned schema with every such unit replaced by
//     true: it keeps every other keyword (type, required,
//     additionalProperties, ...).
//
// A document passes the pruned schema exactly when it passes every part,
// and each failing keyword fails in exactly one part, at the same instance
// location: together the parts report what the pruned schema reports.

// unit is a property subschema, by the property names that lead to it.
type unit struct {
	path []string
	size int
}

// split returns the parts of a pruned schema, at most n, balanced by the
// number of subschemas in each.
func split(pruned map[string]any, n int) []map[string]any {
	if n < 2 {
		return []map[string]any{pruned}
	}
	units, total := units(pruned, n)
	if len(units) < 2 {
		return []map[string]any{pruned}
	}
	// The first part keeps what no unit holds; deal the units so that
	// every part ends near total/n.
	load := make([]int, n)
	load[0] = total
	for _, u := range units {
		load[0] -= u.size
	}
	groups := make([][]unit, n)
	for _, u := range units {
		i := slices.Index(load, slices.Min(load))
		groups[i] = append(groups[i], u)
		load[i] += u.size
	}
	first := pruned
	var parts []map[string]any
	for _, g := range groups[1:] {
		if len(g) == 0 {
			continue
		}
		part := map[string]any{"$schema": pruned["$schema"]}
		for _, u := range g {
			place(part, u.path, at(pruned, u.path))
			first = replaced(first, u.path)
		}
		parts = append(parts, part)
	}
	return append([]map[string]any{first}, parts...)
}

// units picks the property subschemas to deal out: the top-level ones,
// with any that is too big to balance (over total/n) opened into its own
// properties, largest first. It returns them, largest first, and the size
// of the whole schema.
func units(pruned map[string]any, n int) ([]unit, int) {
	total := subschemas(pruned)
	var out []unit
	open := []unit{{size: total}}
	for len(open) > 0 {
		u := open[0]
		open = open[1:]
		props := propertiesOf(at(pruned, u.path))
		if len(props) < 2 && u.path != nil || u.path != nil && u.size <= total/n {
			out = append(out, u)
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(props)) {
			p := append(slices.Clone(u.path), k)
			open = append(open, unit{path: p, size: subschemas(props[k])})
		}
	}
	slices.SortStableFunc(out, func(a, b unit) int { return b.size - a.size })
	return out, total
}

// propertiesOf is the "properties" of a schema object, nil for anything
// else.
func propertiesOf(s any) map[string]any {
	m, _ := s.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	return props
}

// at is the subschema at a path of property names.
func at(s any, path []string) any {
	for _, k := range path {
		s = propertiesOf(s)[k]
	}
	return s
}

// place puts sub at path in part, through schemas of "properties" only.
func place(part map[string]any, path []string, sub any) {
	for _, k := range path[:len(path)-1] {
		props, _ := part["properties"].(map[string]any)
		if props == nil {
			props = map[string]any{}
			part["properties"] = props
		}
		next, _ := props[k].(map[string]any)
		if next == nil {
			next = map[string]any{}
			props[k] = next
		}
		part = next
	}
	props, _ := part["properties"].(map[string]any)
	if props == nil {
		props = map[string]any{}
		part["properties"] = props
	}
	props[path[len(path)-1]] = sub
}

// replaced is s with the subschema at path replaced by true, copying the
// schemas on the way and sharing the rest.
func replaced(s map[string]any, path []string) map[string]any {
	out := maps.Clone(s)
	props := maps.Clone(propertiesOf(s))
	out["properties"] = props
	if len(path) == 1 {
		props[path[0]] = true
		return out
	}
	sub, _ := props[path[0]].(map[string]any)
	props[path[0]] = replaced(sub, path[1:])
	return out
}

// subschemas counts the objects in a pruned schema: about what compiling
// it costs.
func subschemas(v any) int {
	switch x := v.(type) {
	case map[string]any:
		c := 1
		for k, e := range x {
			if !strings.HasPrefix(k, "$") {
				c += subschemas(e)
			}
		}
		return c
	case []any:
		c := 0
		for _, e := range x {
			c += subschemas(e)
		}
		return c
	}
	return 0
}
