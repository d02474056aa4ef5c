package values

// Effective values are what the chart's templates see as .Values: the
// chart's defaults with the user's files (helm -f a.yaml -f b.yaml) put
// over them the way Helm 3 does it. Helm computes them in two steps, and so
// does this package:
//
//  1. Layer merges the -f files with each other (helm's pkg/cli/values,
//     mergeMaps). Nothing is removed in this step: a null is a value.
//  2. Coalesce (or CoalesceChart, for a chart with sub-charts) puts the
//     merged user values over the chart's values.yaml (chartutil
//     CoalesceValues, reached through ToRenderValues). This is where a null
//     removes a key, or stays, depending on what the defaults hold.
//
// Every value keeps the position it was written at in a user's file; a
// value that comes from the chart's defaults has a zero position (FromUser
// is false). Both steps are proven equal to Helm's own code on the same
// inputs by TestLayerCoalesceMatchHelm and FuzzLayerCoalesce.

// Layer merges user layers in order, exactly as helm merges several -f
// files (pkg/cli/values mergeMaps):
//
//   - a key only one layer has is taken as written, nulls included;
//   - where the earlier and the later layer both hold a map, the two maps
//     merge key by key, by these same rules;
//   - otherwise the later layer's value replaces the earlier one whole: a
//     list replaces a list (lists never merge), a scalar or a null replaces
//     a map, a map replaces a scalar, a list or a null.
//
// The result shares nodes with the layers; neither is modified.
func Layer(layers ...*Node) *Node {
	var out *Node
	for _, l := range layers {
		out = mergeLayer(out, l)
	}
	return out
}

func mergeLayer(base, over *Node) *Node {
	if base == nil || over == nil || base.Kind != Map || over.Kind != Map {
		if over == nil {
			return base
		}
		return over
	}
	out := &Node{Kind: Map, Pos: over.Pos, Fields: make([]*Field, len(base.Fields), len(base.Fields)+len(over.Fields))}
	copy(out.Fields, base.Fields)
	index := make(map[string]int, len(out.Fields))
	for i, f := range out.Fields {
		index[f.Key] = i
	}
	for _, f := range over.Fields {
		i, ok := index[f.Key]
		if !ok {
			index[f.Key] = len(out.Fields)
			out.Fields = append(out.Fields, f)
			continue
		}
		merged := mergeLayer(out.Fields[i].Value, f.Value)
		out.Fields[i] = &Field{Key: f.Key, KeyPos: f.KeyPos, Value: merged}
	}
	return out
}

// Coalesce puts the merged user values (Layer's result, nil for none) over
// the defaults of a chart without sub-charts, exactly as Helm's
// chartutil.CoalesceValues does before rendering. The rules, where "user"
// is the merged user value and "default" the chart's value at the same
// place:
//
//   - A key the user does not set takes the default as it is, a null
//     default included (the templates see the key, holding nil).
//   - A key the defaults lack keeps the user's value as written: a null
//     stays a null, and a map keeps every null inside it.
//   - User map over default map: the two merge key by key, by the rules
//     below for keys inside maps.
//   - User map over a default scalar, list or null: the user's map as
//     written, nulls inside it kept (Helm merges nothing into it).
//   - User scalar or list over a default map: the user's value; the
//     default map is dropped.
//   - User null over a default, at the top level of the values: the key is
//     removed, whatever the default (even a null default).
//   - User null over a default inside a map: the key is removed when the
//     default is not null; over a null default the key stays, holding null.
//   - Lists are never merged and never looked into: nulls in a list stay.
//
// The result takes the user's positions for what the user wrote and none
// for what comes from the defaults; neither input is modified.
func Coalesce(user, defaults *Node) *Node {
	dest := userTable(user)
	// Without sub-charts there is no step that can fail.
	coalesceValues(&Chart{Defaults: defaults}, dest, false)
	return dest.node()
}

// FromUser reports whether a value was written in a user's file rather than
// taken from the chart's defaults.
func (n *Node) FromUser() bool { return n != nil && !n.Pos.IsZero() }
