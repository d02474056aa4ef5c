package values

import (
	"errors"
	"fmt"
	"strings"
)

// This file ports chartutil's coalescing (helm.sh/helm/v3 v3.22.0,
// pkg/chartutil/coalesce.go, and the defaults preparation of
// pkg/chartutil/dependencies.go) from Go maps onto Nodes with positions.
// It follows Helm step by step on purpose, mutation and sharing included:
// for a chart with sub-charts Helm copies some maps shallowly and then
// changes them in place, and only a faithful port gives the same result
// (see coalesceGlobals).

// Chart is what Helm coalesces the user's values with: a chart's own
// values.yaml and its dependencies.
type Chart struct {
	// Defaults is the chart's values.yaml; nil for none.
	Defaults *Node
	// Subcharts are the dependencies Chart.yaml declares, in its order.
	// Import-values, and charts in charts/ that Chart.yaml does not declare,
	// are not modelled.
	Subcharts []Subchart
}

// Subchart is one dependency of a chart, as Chart.yaml declares it.
type Subchart struct {
	// Key is where its values live in the parent's values: the
	// dependency's alias, or its name.
	Key string
	// Condition is Chart.yaml's condition: value paths separated by
	// commas; the first that holds a boolean enables or disables the
	// sub-chart.
	Condition string
	// Tags are Chart.yaml's tags: with none of them true under the
	// values' tags and one false, the sub-chart is disabled (a condition
	// that decides overrides them).
	Tags  []string
	Chart Chart
}

// globalKey is the section Helm copies from a chart into each sub-chart.
const globalKey = "global"

// CoalesceChart puts the merged user values (Layer's result, nil for none)
// over the defaults of ch and its sub-charts, exactly as helm template and
// helm install do before rendering (action.Install runs
// ProcessDependenciesWithMerge, then ToRenderValues). For a chart without
// dependencies the rules are Coalesce's. With dependencies Helm adds:
//
//  1. Which sub-charts render: every declared one is enabled, then tags and
//     conditions are read from the user's values coalesced with all of
//     them, and the disabled ones are dropped (level by level down the
//     tree). A disabled sub-chart's key is an ordinary key from then on.
//  2. The parent's defaults become its values.yaml merged with every
//     enabled sub-chart's defaults and globals, nulls kept (Helm's
//     processImportValues runs MergeValues(chart, nil)); each sub-chart is
//     prepared the same way first, from the bottom up.
//  3. Under an enabled sub-chart's key, the user's values merge with the
//     parent's defaults with nulls kept: a user null over a parent default
//     stays a null at this step.
//  4. The parent's global map is copied into the section's global (a
//     parent value wins over the section's own; a map merges with the
//     section's map of the same key; a map never replaces a scalar of the
//     section, nor a scalar a map). Every section gets a global key, empty
//     when there are no globals. A user null under the parent's global
//     removes the parent's key but not the copy step 2 made in the section.
//  5. Then each section is coalesced with that sub-chart's own defaults by
//     Coalesce's rules: there a user null over a non-null sub-chart default
//     removes the key, and one over a key the sub-chart lacks stays. A
//     section that is missing starts empty; one that holds something other
//     than a map fails, as Helm fails to render (in step 1 already, for a
//     disabled sub-chart too).
//
// The result takes the user's positions for what the user wrote (globals
// copied into sections keep theirs) and none for what comes from defaults;
// neither input is modified.
func CoalesceChart(user *Node, ch *Chart) (*Node, error) {
	enabled, err := enabledChart(ch, userTable(user), "")
	if err != nil {
		return nil, err
	}
	prepared, err := prepareChart(enabled)
	if err != nil {
		return nil, err
	}
	dest := userTable(user)
	if err := coalesceChart(prepared, dest, false); err != nil {
		return nil, err
	}
	return dest.node(), nil
}

// enabledChart drops the sub-charts Helm does not render, Helm's
// processDependencyEnabled: conditions and tags are read from v coalesced
// with ch and all its sub-charts, path being the prefix of ch's conditions.
// Like Helm it hands the whole coalesced values, not the sub-chart's
// section, down to the next level.
func enabledChart(ch *Chart, v *table, path string) (*Chart, error) {
	if len(ch.Subcharts) == 0 {
		return ch, nil
	}
	cvals := v.deepCopy()
	if err := coalesceChart(ch, cvals, false); err != nil {
		return nil, err
	}
	out := &Chart{Defaults: ch.Defaults}
	for _, sc := range ch.Subcharts {
		if !sc.enabled(cvals, path) {
			continue
		}
		sub, err := enabledChart(&sc.Chart, cvals, path+sc.Key+".")
		if err != nil {
			return nil, err
		}
		sc.Chart = *sub
		out.Subcharts = append(out.Subcharts, sc)
	}
	return out, nil
}

// enabled decides a sub-chart the way Helm's processDependencyTags and
// processDependencyConditions do.
func (sc *Subchart) enabled(cvals *table, path string) bool {
	on := true
	if tags, ok := cvals.get("tags"); ok && tags.t != nil {
		var hasTrue, hasFalse bool
		for _, k := range sc.Tags {
			if b, ok := tags.t.get(k); ok && b.t == nil && b.n.Kind == Bool {
				hasTrue = hasTrue || b.n.Bool
				hasFalse = hasFalse || !b.n.Bool
			}
		}
		on = hasTrue || !hasFalse
	}
	for _, c := range strings.Split(strings.TrimSpace(sc.Condition), ",") {
		if c == "" {
			continue
		}
		if b := cvals.pathValue(path + c); b != nil && b.Kind == Bool {
			return b.Bool
		}
	}
	return on
}

// pathValue is Helm's Values.PathValue: the value at a dotted path, nil
// where there is none or it is a map.
func (t *table) pathValue(path string) *Node {
	keys := strings.Split(path, ".")
	for _, k := range keys[:len(keys)-1] {
		e, ok := t.get(k)
		if !ok || e.t == nil {
			return nil
		}
		t = e.t
	}
	e, ok := t.get(keys[len(keys)-1])
	if !ok || e.t != nil {
		return nil
	}
	return e.n
}

// prepareChart gives ch the defaults Helm renders it with: with enabled
// sub-charts, its values.yaml merged with theirs (Helm's
// processDependencyImportValues, bottom up, without import-values).
func prepareChart(ch *Chart) (*Chart, error) {
	if len(ch.Subcharts) == 0 {
		return ch, nil
	}
	out := &Chart{Defaults: ch.Defaults, Subcharts: make([]Subchart, len(ch.Subcharts))}
	for i, sc := range ch.Subcharts {
		p, err := prepareChart(&sc.Chart)
		if err != nil {
			return nil, err
		}
		sc.Chart = *p
		out.Subcharts[i] = sc
	}
	dest := newTable(Pos{})
	if err := coalesceChart(out, dest, true); err != nil {
		return nil, fmt.Errorf("chart defaults: %w", err)
	}
	out.Defaults = dest.node()
	return out, nil
}

// coalesceChart is Helm's coalesce: the chart's own defaults, then its
// sub-charts. merge keeps nulls (Helm's MergeValues) instead of letting
// them remove keys (CoalesceValues).
func coalesceChart(ch *Chart, dest *table, merge bool) error {
	coalesceValues(ch, dest, merge)
	return coalesceDeps(ch, dest, merge)
}

// coalesceValues puts the defaults of ch under v, top level of a chart.
func coalesceValues(ch *Chart, v *table, merge bool) {
	vc := defaultsTable(ch.Defaults)
	for _, key := range vc.keys() {
		val := vc.vals[key]
		value, ok := v.get(key)
		switch {
		case !ok:
			v.set(key, val)
		case value.isNull() && !merge:
			// At the top level a user null removes the key, even over a
			// null default.
			v.del(key)
		case value.t != nil && val.t != nil:
			coalesceTables(value.t, val.t, merge || ch.hasSubchart(key))
		}
		// Anything else keeps the user's value as written.
	}
}

func (ch *Chart) hasSubchart(key string) bool {
	for _, sc := range ch.Subcharts {
		if sc.Key == key {
			return true
		}
	}
	return false
}

// coalesceTables merges src (lower precedence) into dst in place, Helm's
// coalesceTablesFullKey. A null in dst removes its key when src holds
// something there and merge is off; a null over a null, or over nothing,
// stays. Like Helm it records dst's nulls in src first, which is visible
// only where src is shared (globals).
func coalesceTables(dst, src *table, merge bool) {
	srcNonNull := make(map[string]bool, len(src.vals))
	for k, e := range src.vals {
		if !e.isNull() {
			srcNonNull[k] = true
		}
	}
	for _, k := range dst.keys() {
		if e := dst.vals[k]; e.isNull() {
			src.set(k, e)
		}
	}
	for _, key := range src.keys() {
		val := src.vals[key]
		dv, ok := dst.get(key)
		switch {
		case ok && !merge && dv.isNull() && srcNonNull[key]:
			dst.del(key)
		case !ok:
			dst.set(key, val)
		case val.t != nil && dv.t != nil:
			coalesceTables(dv.t, val.t, merge)
		}
		// Anything else keeps dst's value.
	}
}

// coalesceDeps coalesces each sub-chart's section of dest with the
// sub-chart's defaults, after copying the globals into it.
func coalesceDeps(ch *Chart, dest *table, merge bool) error {
	for i := range ch.Subcharts {
		sc := &ch.Subcharts[i]
		e, ok := dest.get(sc.Key)
		if !ok {
			e = &entry{t: newTable(Pos{})}
			dest.set(sc.Key, e)
		} else if e.t == nil {
			return subchartNotMap(sc.Key, e.n)
		}
		coalesceGlobals(e.t, dest)
		if err := coalesceChart(&sc.Chart, e.t, merge); err != nil {
			return err
		}
	}
	return nil
}

func subchartNotMap(key string, n *Node) error {
	msg := fmt.Sprintf("%s holds the values of a sub-chart and must be a map, not %s", key, n.Kind)
	if n.Pos.IsZero() {
		return errors.New(msg)
	}
	return fmt.Errorf("%s: %s", n.Pos, msg)
}

// coalesceGlobals copies the global map of src (a chart's values) into
// dest (a sub-chart's section), Helm's coalesceGlobals. Like Helm, a map
// under global is copied one level deep only: where the section holds a
// map of the same key, the maps two levels down are merged in place, so
// keys of the section's global.a.b also appear in the parent's global.a.b.
func coalesceGlobals(dest, src *table) {
	dge, hasDest := dest.get(globalKey)
	dg := newTable(Pos{})
	if hasDest {
		if dge.t == nil {
			return
		}
		dg = dge.t
	}
	sg := newTable(Pos{})
	if sge, ok := src.get(globalKey); ok {
		if sge.t == nil {
			return
		}
		sg = sge.t
	}
	for _, key := range sg.keys() {
		val := sg.vals[key]
		destv, ok := dg.get(key)
		switch {
		case val.t != nil && !ok:
			dg.set(key, &entry{keyPos: val.keyPos, t: val.t.shallowCopy()})
		case val.t != nil && destv.t != nil:
			vv := &entry{keyPos: val.keyPos, t: val.t.shallowCopy()}
			coalesceTables(vv.t, destv.t, true)
			dg.set(key, vv)
		case val.t != nil:
			// A map does not replace the section's scalar or null.
		case ok && destv.t != nil:
			// Nor a scalar or null the section's map.
		default:
			dg.set(key, val)
		}
	}
	if hasDest {
		return
	}
	dest.set(globalKey, &entry{t: dg})
}

// table is a map being coalesced. Tables have identity, like Go maps: Helm
// shares some maps between two places and then changes them, and so does
// the port.
type table struct {
	pos   Pos
	order []string // keys in first-set order, for the result; may hold deleted or repeated keys
	vals  map[string]*entry
}

// entry is one value in a table with the position of its key. Entries are
// never changed, only the tables inside them.
type entry struct {
	keyPos Pos
	t      *table // a map
	n      *Node  // anything else: a scalar, a list or a null
}

func newTable(pos Pos) *table { return &table{pos: pos, vals: map[string]*entry{}} }

func (e *entry) isNull() bool { return e.t == nil && e.n.Kind == Null }

func (t *table) get(k string) (*entry, bool) {
	e, ok := t.vals[k]
	return e, ok
}

func (t *table) set(k string, e *entry) {
	if _, ok := t.vals[k]; !ok {
		t.order = append(t.order, k)
	}
	t.vals[k] = e
}

func (t *table) del(k string) { delete(t.vals, k) }

// keys lists the present keys in first-set order, and compacts order.
func (t *table) keys() []string {
	out := make([]string, 0, len(t.vals))
	seen := make(map[string]bool, len(t.vals))
	for _, k := range t.order {
		if _, ok := t.vals[k]; ok && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	t.order = append(t.order[:0], out...)
	return out
}

func (t *table) deepCopy() *table {
	c := newTable(t.pos)
	for _, k := range t.keys() {
		e := t.vals[k]
		if e.t != nil {
			e = &entry{keyPos: e.keyPos, t: e.t.deepCopy()}
		}
		c.set(k, e)
	}
	return c
}

func (t *table) shallowCopy() *table {
	c := newTable(t.pos)
	for _, k := range t.keys() {
		c.set(k, t.vals[k])
	}
	return c
}

// userTable deep-copies the user's values into tables (Helm copies them
// too, so nothing the user passed is changed). nil is an empty map.
func userTable(n *Node) *table {
	if n == nil || n.Kind != Map {
		return newTable(Pos{})
	}
	return toEntry(Field{Value: n}, false).t
}

// defaultsTable deep-copies a chart's defaults into tables, with every
// position cleared: nothing may point into the chart's own file.
func defaultsTable(n *Node) *table {
	if n == nil || n.Kind != Map {
		return newTable(Pos{})
	}
	return toEntry(Field{Value: n}, true).t
}

func toEntry(f Field, strip bool) *entry {
	n := f.Value
	e := &entry{keyPos: f.KeyPos}
	if strip {
		e.keyPos = Pos{}
	}
	if n.Kind != Map {
		if strip {
			n = stripPositions(n)
		}
		e.n = n
		return e
	}
	pos := n.Pos
	if strip {
		pos = Pos{}
	}
	e.t = newTable(pos)
	for _, sub := range n.Fields {
		e.t.set(sub.Key, toEntry(*sub, strip))
	}
	return e
}

// node turns a table back into a map Node.
func (t *table) node() *Node {
	out := &Node{Kind: Map, Pos: t.pos}
	for _, k := range t.keys() {
		e := t.vals[k]
		out.Fields = append(out.Fields, &Field{Key: k, KeyPos: e.keyPos, Value: e.node()})
	}
	return out
}

func (e *entry) node() *Node {
	if e.t != nil {
		return e.t.node()
	}
	return e.n
}

// stripPositions copies a defaults tree with every position cleared.
func stripPositions(n *Node) *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Pos = Pos{}
	if n.Fields != nil {
		c.Fields = make([]*Field, len(n.Fields))
		for i, f := range n.Fields {
			c.Fields[i] = &Field{Key: f.Key, Value: stripPositions(f.Value)}
		}
	}
	if n.Items != nil {
		c.Items = make([]*Node, len(n.Items))
		for i, it := range n.Items {
			c.Items[i] = stripPositions(it)
		}
	}
	return &c
}
