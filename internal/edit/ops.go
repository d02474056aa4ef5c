package edit

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/valuesmith/valuesmith/internal/values"
)

// step is one node on the way down a path.
type step struct {
	// parent is the mapping or sequence that holds node.
	parent *yaml.Node
	// key is node's key in a mapping, nil in a sequence.
	key  *yaml.Node
	node *yaml.Node
	// index is node's pair index in a mapping or item index in a sequence.
	index int
	// indent is the indentation of the block holding node: its key's
	// column, or its dash's, minus one.
	indent int
	// flow is set when parent is a flow collection or inside one.
	flow bool
}

// splice replaces src[from:to] with text.
type splice struct {
	from, to int
	text     string
}

// splice applies non-overlapping splices to the source and returns the new
// source, or nil when it is unchanged.
func (d *doc) splice(ss ...splice) []byte {
	sort.Slice(ss, func(i, j int) bool { return ss[i].from > ss[j].from })
	out := append([]byte{}, d.src...)
	for _, s := range ss {
		out = slices.Concat(out[:s.from:s.from], []byte(s.text), out[s.to:])
	}
	if bytes.Equal(out, d.src) {
		return nil
	}
	return out
}

// insertAt inserts whole lines at a line start, ending the last line of
// the file first when it has no line break.
func (d *doc) insertAt(at int, text string) splice {
	if at == len(d.src) && at > 0 && d.src[at-1] != '\n' {
		text = d.eol + text
	}
	return splice{at, at, text}
}

func display(path []string) string { return values.DisplayPath(path) }

// walk follows path from the top level as far as the file goes and returns
// the steps that exist; path[len(steps)] is then the first token missing.
// merged is set when that token is a key only a merge key (<<) provides.
// It refuses to go through an alias or into an anchor that aliases repeat:
// the change would reach every copy.
func (d *doc) walk(path []string) (steps []step, merged bool, err error) {
	cur := d.root
	flow := d.root.Style&yaml.FlowStyle != 0
	for i, tok := range path {
		if err := d.checkAnchor(cur, path[:i]); err != nil {
			return nil, false, err
		}
		switch {
		case cur.Kind == yaml.MappingNode:
			ki := findKey(cur, tok)
			if ki < 0 {
				if m := mergeSource(cur, tok); m != nil {
					if i < len(path)-1 {
						return nil, true, &Error{Reason: fmt.Sprintf("%s comes from the merge key (<<) at line %d; a change below it would change the merged map and every map that merges it", display(path[:i+1]), m.Line)}
					}
					return steps, true, nil
				}
				return steps, false, nil
			}
			k, v := cur.Content[ki], cur.Content[ki+1]
			steps = append(steps, step{parent: cur, key: k, node: v, index: ki / 2, indent: k.Column - 1, flow: flow})
			flow = flow || cur.Style&yaml.FlowStyle != 0
			cur = v
		case cur.Kind == yaml.SequenceNode:
			idx, convErr := strconv.Atoi(tok)
			if convErr != nil || idx < 0 || idx >= len(cur.Content) {
				return nil, false, &Error{Reason: fmt.Sprintf("%s has no item %s", display(path[:i]), tok)}
			}
			it := cur.Content[idx]
			indent := 0
			inFlow := flow || cur.Style&yaml.FlowStyle != 0
			if !inFlow {
				dash, ok := d.dashBefore(it)
				if !ok {
					return nil, false, d.lost(it)
				}
				indent = d.colOf(dash) - 1
			}
			steps = append(steps, step{parent: cur, node: it, index: idx, indent: indent, flow: flow})
			flow = inFlow
			cur = it
		case cur.Kind == yaml.AliasNode:
			return nil, false, &Error{Reason: fmt.Sprintf("%s is the alias *%s (line %d); a change inside it would change the anchor &%s and every alias of it", display(path[:i]), cur.Value, cur.Line, cur.Value)}
		case cur.Kind == yaml.ScalarNode && cur.ShortTag() == "!!null":
			return steps, false, nil
		default:
			return nil, false, &Error{Reason: fmt.Sprintf("%s is a single value, not a map", display(path[:i]))}
		}
	}
	if err := d.checkAnchor(cur, path); err != nil {
		return nil, false, err
	}
	return steps, false, nil
}

// checkAnchor refuses a node that aliases repeat.
func (d *doc) checkAnchor(n *yaml.Node, path []string) error {
	if d.aliases[n] == 0 {
		return nil
	}
	where := display(path)
	if where == "" {
		where = "the top level"
	}
	copies := "an alias repeats"
	if c := d.aliases[n]; c > 1 {
		copies = itoa(c) + " aliases repeat"
	}
	return &Error{Reason: fmt.Sprintf("%s is the anchor &%s (line %d), which %s (first at line %d): a change would change every copy; edit the file by hand",
		where, n.Anchor, n.Line, copies, d.aliasLine[n])}
}

func findKey(m *yaml.Node, tok string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.ShortTag() == "!!merge" {
			continue
		}
		if key, ok := values.KeyOf(k); ok && key == tok {
			return i
		}
	}
	return -1
}

// mergeSource returns the merge key that provides tok to m, if one does.
func mergeSource(m *yaml.Node, tok string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.ShortTag() != "!!merge" {
			continue
		}
		sources := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			sources = v.Content
		}
		for _, src := range sources {
			if src.Kind == yaml.AliasNode && src.Alias != nil {
				src = src.Alias
			}
			if src.Kind == yaml.MappingNode && (findKey(src, tok) >= 0 || mergeSource(src, tok) != nil) {
				return k
			}
		}
	}
	return nil
}

// emptyFlowInBlock reports an empty {} or [] that is the value of a block
// key: filled, it becomes a block, as a person would write it.
func (d *doc) emptyFlowInBlock(s step) bool {
	n := s.node
	return (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && n.Style&yaml.FlowStyle != 0 &&
		len(n.Content) == 0 && !s.flow && s.parent.Style&yaml.FlowStyle == 0 && s.key != nil
}

// nest wraps v in maps for the keys: nest([a b], v) is {a: {b: v}}.
func nest(keys []string, v *values.Node) *values.Node {
	if len(keys) == 0 {
		return v
	}
	return Map(keys[0], nest(keys[1:], v))
}

func (d *doc) set(path []string, v *values.Node) ([]byte, error) {
	steps, _, err := d.walk(path)
	if err != nil {
		return nil, err
	}
	if len(steps) == len(path) {
		return d.replace(steps[len(steps)-1], v)
	}
	i := len(steps)
	if i == 0 {
		return d.insertPair(d.root, false, path[0], nest(path[1:], v))
	}
	up := steps[i-1]
	if up.node.Kind == yaml.ScalarNode || d.emptyFlowInBlock(up) {
		// A null, or an empty {} where a person would write a block: it
		// becomes a map holding the rest of the path.
		return d.replace(up, nest(path[i:], v))
	}
	return d.insertPair(up.node, up.flow, path[i], nest(path[i+1:], v))
}

// inlineText writes v where a value starts on the line of its key or dash:
// a scalar in the quoting of the one it replaces, a multi-line string as a
// literal block when the old value was one (or absent), anything else on
// one line.
func (d *doc) inlineText(v *values.Node, old *yaml.Node, indent int) string {
	if v.Kind == values.String && (old == nil || nullEmpty(old) || old.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0) {
		ci := indent + d.step
		if old != nil && old.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			if l := d.lineOf(d.start(old)) + 1; l <= len(d.lines) && !d.blankLine(l) && d.indentOf(l) > indent {
				ci = d.indentOf(l)
			}
		}
		if h, lines, ok := literalLines(v.Str, ci); ok {
			return h + d.eol + strings.Join(lines, d.eol)
		}
	}
	if collection(v) || v.Kind == values.Map || v.Kind == values.List {
		return flowText(v, nil)
	}
	return scalarText(v, old, false)
}

// childLines writes a map's pairs or a list's items as the block value of a
// key at keyIndent, at the indentation old (the block value being
// replaced) used, or the file's.
func (d *doc) childLines(v *values.Node, keyIndent int, old *yaml.Node) []string {
	var lines []string
	if v.Kind == values.Map {
		ci := keyIndent + d.step
		if old != nil && old.Kind == yaml.MappingNode && blockCollection(old) {
			ci = old.Content[0].Column - 1
		}
		for _, f := range v.Fields {
			lines = append(lines, d.pairLines(f.Key, f.Value, ci)...)
		}
		return lines
	}
	di := keyIndent + d.seqIndent
	if old != nil && old.Kind == yaml.SequenceNode && blockCollection(old) {
		if dash, ok := d.dashBefore(old.Content[0]); ok {
			di = d.colOf(dash) - 1
		}
	}
	for _, it := range v.Items {
		lines = append(lines, d.itemLines(it, di)...)
	}
	return lines
}

// replace sets the value of an existing step to v.
func (d *doc) replace(s step, v *values.Node) ([]byte, error) {
	old := s.node
	if s.flow || s.parent.Style&yaml.FlowStyle != 0 {
		en, err := d.end(old, s.indent, true)
		if err != nil {
			return nil, err
		}
		return d.splice(splice{d.start(old), en, flowText(v, old)}), nil
	}
	// A flow collection with entries stays one; only a block value needs
	// lines.
	inline := !collection(v) || (old.Kind != yaml.ScalarNode && old.Kind != yaml.AliasNode && old.Style&yaml.FlowStyle != 0 && len(old.Content) > 0)
	if s.key == nil {
		return d.replaceItem(s, v, inline)
	}
	colon, err := d.colonAfter(s.key, false)
	if err != nil {
		return nil, err
	}
	keyLine := d.lineOf(colon)
	switch {
	case nullEmpty(old):
		if inline {
			return d.splice(splice{colon, colon, " " + d.inlineText(v, old, s.indent)}), nil
		}
		return d.splice(d.insertAt(d.nextLine(keyLine), d.block(d.childLines(v, s.indent, nil)))), nil
	case !blockCollection(old):
		st := d.start(old)
		en, err := d.end(old, s.indent, false)
		if err != nil {
			return nil, err
		}
		if inline {
			return d.splice(splice{st, en, d.inlineText(v, old, s.indent)}), nil
		}
		// The old value leaves the key's line (a comment after it stays);
		// the new one goes below.
		return d.splice(splice{colon, en, ""}, d.insertAt(d.nextLine(d.lastLine(st, en)), d.block(d.childLines(v, s.indent, nil)))), nil
	}
	// A block map or list: its lines go.
	first := d.start(old.Content[0])
	if old.Kind == yaml.SequenceNode {
		dash, ok := d.dashBefore(old.Content[0])
		if !ok {
			return nil, d.lost(old)
		}
		first = dash
	}
	en, err := d.end(old, s.indent, false)
	if err != nil {
		return nil, err
	}
	firstLine, lastLine := d.lineOf(first), d.lastLine(first, en)
	if firstLine == keyLine {
		return nil, d.lost(old)
	}
	body := splice{d.lineStart(firstLine), d.nextLine(lastLine), ""}
	if !inline {
		body.text = d.block(d.childLines(v, s.indent, old))
		return d.splice(body), nil
	}
	// An anchor or tag on the key's line belonged to the old value.
	tokEnd := colon
	if d.lineOf(d.start(old)) == keyLine {
		tokEnd = d.contentStart(old)
	}
	text := " " + d.inlineText(v, nil, s.indent)
	if tokEnd < len(d.src) && d.src[tokEnd] == '#' {
		text += " "
	}
	return d.splice(splice{colon, tokEnd, text}, body), nil
}

// replaceItem sets a block list item.
func (d *doc) replaceItem(s step, v *values.Node, inline bool) ([]byte, error) {
	old := s.node
	en, err := d.end(old, s.indent, false)
	if err != nil {
		return nil, err
	}
	if inline && !blockCollection(old) && !nullEmpty(old) {
		return d.splice(splice{d.start(old), en, d.inlineText(v, old, s.indent)}), nil
	}
	dash, ok := d.dashBefore(old)
	if !ok || !d.firstOnLine(dash) {
		return nil, &Error{Reason: "the list item at line " + itoa(old.Line) + " shares its line with another item"}
	}
	lines := d.itemLines(v, s.indent)
	if inline {
		lines = []string{spaces(s.indent) + "- " + d.inlineText(v, nil, s.indent)}
	}
	return d.splice(splice{d.lineStart(d.lineOf(dash)), d.nextLine(d.lastLine(dash, en)), d.block(lines)}), nil
}

// insertPair adds key: v as the last pair of mapping m.
func (d *doc) insertPair(m *yaml.Node, inFlow bool, key string, v *values.Node) ([]byte, error) {
	if inFlow || m.Style&yaml.FlowStyle != 0 {
		text := keyText(key, true) + ": " + flowText(v, nil)
		if len(m.Content) == 0 {
			at := d.contentStart(m) + 1
			return d.splice(splice{at, at, text}), nil
		}
		lk, lv := m.Content[len(m.Content)-2], m.Content[len(m.Content)-1]
		en, err := d.end(lv, lk.Column-1, true)
		if err != nil {
			return nil, err
		}
		return d.splice(splice{en, en, ", " + text}), nil
	}
	at, err := d.afterLastPair(m)
	if err != nil {
		return nil, err
	}
	return d.splice(d.insertAt(at, d.block(d.pairLines(key, v, m.Content[0].Column-1)))), nil
}

// afterLastPair is the start of the line after a block mapping's last pair.
func (d *doc) afterLastPair(m *yaml.Node) (int, error) {
	lk, lv := m.Content[len(m.Content)-2], m.Content[len(m.Content)-1]
	en, err := d.end(lv, lk.Column-1, false)
	if err != nil {
		return 0, err
	}
	return d.nextLine(d.lastLine(d.start(lk), en)), nil
}

func (d *doc) delete(path []string) ([]byte, error) {
	steps, merged, err := d.walk(path)
	if err != nil {
		return nil, err
	}
	if len(steps) < len(path) {
		if merged && len(steps) == len(path)-1 {
			return nil, &Error{Reason: display(path) + " comes from a merge key (<<); deleting it would change the merged map and every map that merges it"}
		}
		return nil, nil
	}
	return d.deleteSteps(steps)
}

func (d *doc) deleteSteps(steps []step) ([]byte, error) {
	s := steps[len(steps)-1]
	p := s.parent
	n := len(p.Content)
	if p.Kind == yaml.MappingNode {
		n /= 2
	}
	switch {
	case n == 1:
		return d.emptied(steps)
	case s.flow || p.Style&yaml.FlowStyle != 0:
		return d.deleteFlowEntry(s, n)
	case p.Kind == yaml.MappingNode:
		return d.deleteBlockPair(s)
	}
	return d.deleteBlockItem(s)
}

// emptied deletes the only entry of a collection: a map goes from its
// parent map too, a map in a list becomes {}, a list becomes [], and the
// top level becomes {}.
func (d *doc) emptied(steps []step) ([]byte, error) {
	s := steps[len(steps)-1]
	if len(steps) == 1 {
		en, err := d.end(s.node, s.indent, s.flow)
		if err != nil {
			return nil, err
		}
		from := d.start(s.key)
		if s.parent.Style&yaml.FlowStyle != 0 {
			from = d.contentStart(s.parent)
			if en, err = d.flowEnd(from); err != nil {
				return nil, err
			}
		}
		return d.splice(splice{from, en, "{}"}), nil
	}
	up := steps[len(steps)-2]
	switch {
	case s.parent.Kind == yaml.MappingNode && up.key != nil:
		return d.deleteSteps(steps[:len(steps)-1])
	case s.parent.Kind == yaml.MappingNode:
		return d.replace(up, Map())
	}
	return d.replace(up, List())
}

func (d *doc) deleteFlowEntry(s step, n int) ([]byte, error) {
	p := s.parent
	entryStart := func(j int) int {
		if p.Kind == yaml.MappingNode {
			return d.start(p.Content[2*j])
		}
		return d.start(p.Content[j])
	}
	entryEnd := func(j int) (int, error) {
		if p.Kind == yaml.MappingNode {
			return d.end(p.Content[2*j+1], 0, true)
		}
		return d.end(p.Content[j], 0, true)
	}
	i := s.index
	if i < n-1 {
		return d.splice(splice{entryStart(i), entryStart(i + 1), ""}), nil
	}
	from, err := entryEnd(i - 1)
	if err != nil {
		return nil, err
	}
	to, err := entryEnd(i)
	if err != nil {
		return nil, err
	}
	return d.splice(splice{from, to, ""}), nil
}

func (d *doc) deleteBlockPair(s step) ([]byte, error) {
	ks := d.start(s.key)
	en, err := d.end(s.node, s.indent, false)
	if err != nil {
		return nil, err
	}
	if !d.firstOnLine(ks) {
		// The first pair of a map in a list item, on the dash's line: the
		// next pair moves up to the dash.
		if s.index != 0 {
			return nil, d.lost(s.key)
		}
		return d.splice(splice{ks, d.start(s.parent.Content[2]), ""}), nil
	}
	return d.deleteLines(d.attached(d.lineOf(ks), s.indent), d.trailing(d.lastLine(ks, en), s.indent)), nil
}

func (d *doc) deleteBlockItem(s step) ([]byte, error) {
	dash, ok := d.dashBefore(s.node)
	if !ok || !d.firstOnLine(dash) {
		return nil, &Error{Reason: "the list item at line " + itoa(s.node.Line) + " shares its line with another item"}
	}
	en, err := d.end(s.node, s.indent, false)
	if err != nil {
		return nil, err
	}
	return d.deleteLines(d.attached(d.lineOf(dash), s.indent), d.trailing(d.lastLine(dash, en), s.indent)), nil
}

// trailing returns the last of the comment lines directly below line that
// are indented deeper than indent: they are inside the deleted block (a
// commented-out setting of it) and go with it.
func (d *doc) trailing(line, indent int) int {
	l := line
	for l < len(d.lines) && d.commentLine(l+1) && d.indentOf(l+1) > indent {
		l++
	}
	return l
}

// attached returns the first of the comment lines directly above line at
// the same indentation: they describe it and go with it. A comment block
// that starts the document is its header and stays.
func (d *doc) attached(line, indent int) int {
	l := line
	for l > 1 && d.commentLine(l-1) && d.indentOf(l-1) == indent {
		l--
	}
	if l < line && (l == 1 || d.docMarker(l-1)) {
		return line
	}
	return l
}

func (d *doc) docMarker(line int) bool {
	t := strings.TrimSpace(string(d.src[d.lineStart(line):d.lineEnd(line)]))
	return t == "---" || strings.HasPrefix(t, "--- ")
}

// deleteLines removes whole lines; when blank lines stood on both sides of
// them, the ones after go too.
func (d *doc) deleteLines(first, last int) []byte {
	to := d.nextLine(last)
	if (first == 1 || d.blankLine(first-1)) && d.blankLine(last+1) {
		l := last + 1
		for l <= len(d.lines) && d.blankLine(l) && d.lineStart(l) < len(d.src) {
			l++
		}
		to = d.nextLine(l - 1)
	}
	return d.splice(splice{d.lineStart(first), to, ""})
}

// fragment is a pair's text, lifted out to be written elsewhere.
type fragment struct {
	// comments are the comment lines above the key.
	comments []string
	// inline is the text after "key:" on the key's line.
	inline string
	// body are the lines after the key's line; lines of comments, body
	// and the key's line are relative to the key's indentation.
	body []string
	// node is the value, for a destination in flow style.
	node *yaml.Node
}

func (d *doc) fragment(s step) (fragment, error) {
	f := fragment{node: s.node}
	if s.flow || s.parent.Style&yaml.FlowStyle != 0 {
		txt, err := flowNode(s.node)
		if err != nil {
			return f, err
		}
		f.inline = txt
		return f, nil
	}
	ks := d.start(s.key)
	keyLine := d.lineOf(ks)
	colon, err := d.colonAfter(s.key, false)
	if err != nil {
		return f, err
	}
	f.inline = strings.TrimLeft(string(d.src[colon:d.lineEnd(keyLine)]), " \t")
	en, err := d.end(s.node, s.indent, false)
	if err != nil {
		return f, err
	}
	unindent := func(l int) string {
		text := string(d.src[d.lineStart(l):d.lineEnd(l)])
		for i := 0; i < s.indent && strings.HasPrefix(text, " "); i++ {
			text = text[1:]
		}
		if strings.TrimSpace(text) == "" {
			return ""
		}
		return text
	}
	for l := keyLine + 1; l <= d.lastLine(ks, en); l++ {
		f.body = append(f.body, unindent(l))
	}
	if d.firstOnLine(ks) {
		for l := d.attached(keyLine, s.indent); l < keyLine; l++ {
			f.comments = append(f.comments, unindent(l))
		}
	}
	return f, nil
}

// lines writes the fragment as key at indent.
func (f fragment) lines(key string, indent int) []string {
	var out []string
	add := func(rel string) {
		if rel == "" {
			out = append(out, "")
			return
		}
		out = append(out, spaces(indent)+rel)
	}
	for _, c := range f.comments {
		add(c)
	}
	head := keyText(key, false) + ":"
	if f.inline != "" {
		head += " " + f.inline
	}
	add(head)
	for _, b := range f.body {
		add(b)
	}
	return out
}

func (d *doc) move(from, to []string) ([]byte, error) {
	fs, merged, err := d.walk(from)
	if err != nil {
		return nil, err
	}
	if len(fs) < len(from) {
		if merged && len(fs) == len(from)-1 {
			return nil, &Error{Reason: display(from) + " comes from a merge key (<<); moving it would change the merged map"}
		}
		return nil, nil
	}
	if len(to) >= len(from) && slices.Equal(to[:len(from)], from) {
		return nil, &Error{Reason: "a key cannot move into itself"}
	}
	s := fs[len(fs)-1]
	if s.key == nil {
		return nil, &Error{Reason: "only map keys move; " + display(from) + " is a list item"}
	}
	ts, _, err := d.walk(to)
	if err != nil {
		return nil, err
	}
	if len(ts) == len(to) {
		return nil, &Error{Reason: display(to) + " is already set; merge the two by hand"}
	}
	if slices.Equal(from[:len(from)-1], to[:len(to)-1]) {
		flow := s.flow || s.parent.Style&yaml.FlowStyle != 0
		en, err := d.end(s.key, s.indent, flow)
		if err != nil {
			return nil, err
		}
		return d.splice(splice{d.start(s.key), en, keyText(to[len(to)-1], flow)}), nil
	}
	frag, err := d.fragment(s)
	if err != nil {
		return nil, err
	}
	out, err := d.insertFragment(ts, to, frag)
	if err != nil {
		return nil, err
	}
	next, err := load(d.file, out)
	if err != nil {
		return nil, refusedParse(err)
	}
	res, err := next.delete(from)
	if err != nil || res == nil {
		return nil, &Error{Reason: "the old key could not be removed after the move"}
	}
	return res, nil
}

// insertFragment writes a lifted pair at path to, below the deepest part of
// it that exists (ts), creating the maps in between.
func (d *doc) insertFragment(ts []step, to []string, f fragment) ([]byte, error) {
	i := len(ts)
	rest := to[i:]
	parent, inFlow := d.root, d.root.Style&yaml.FlowStyle != 0
	if i > 0 {
		parent, inFlow = ts[i-1].node, ts[i-1].flow || ts[i-1].node.Style&yaml.FlowStyle != 0
	}
	if inFlow {
		if f.node == nil {
			return nil, &Error{Reason: "cannot write the value in flow style"}
		}
		txt, err := flowNode(f.node)
		if err != nil {
			return nil, err
		}
		for j := len(rest) - 1; j >= 1; j-- {
			txt = "{" + keyText(rest[j], true) + ": " + txt + "}"
		}
		text := keyText(rest[0], true) + ": " + txt
		if len(parent.Content) == 0 {
			at := d.contentStart(parent) + 1
			return d.splice(splice{at, at, text}), nil
		}
		lk, lv := parent.Content[len(parent.Content)-2], parent.Content[len(parent.Content)-1]
		en, err := d.end(lv, lk.Column-1, true)
		if err != nil {
			return nil, err
		}
		return d.splice(splice{en, en, ", " + text}), nil
	}
	nested := func(indent int) []string {
		var lines []string
		for j, k := range rest[:len(rest)-1] {
			lines = append(lines, spaces(indent+j*d.step)+keyText(k, false)+":")
		}
		return append(lines, f.lines(rest[len(rest)-1], indent+(len(rest)-1)*d.step)...)
	}
	if parent.Kind == yaml.ScalarNode {
		// A null becomes a map holding the fragment.
		up := ts[i-1]
		colon, err := d.colonAfter(up.key, false)
		if err != nil {
			return nil, err
		}
		en, err := d.end(parent, up.indent, false)
		if err != nil {
			return nil, err
		}
		return d.splice(splice{colon, en, ""}, d.insertAt(d.nextLine(d.lastLine(colon, en)), d.block(nested(up.indent+d.step)))), nil
	}
	at, err := d.afterLastPair(parent)
	if err != nil {
		return nil, err
	}
	return d.splice(d.insertAt(at, d.block(nested(parent.Content[0].Column-1)))), nil
}

func (d *doc) append(path []string, v *values.Node) ([]byte, error) {
	steps, merged, err := d.walk(path)
	if err != nil {
		return nil, err
	}
	if len(steps) < len(path) {
		if merged && len(steps) == len(path)-1 {
			return nil, &Error{Reason: display(path) + " comes from a merge key (<<)"}
		}
		return d.set(path, List(v))
	}
	s := steps[len(steps)-1]
	l := s.node
	switch {
	case l.Kind == yaml.ScalarNode && l.ShortTag() == "!!null", d.emptyFlowInBlock(s):
		return d.replace(s, List(v))
	case l.Kind != yaml.SequenceNode:
		return nil, &Error{Reason: display(path) + " is not a list"}
	case s.flow || l.Style&yaml.FlowStyle != 0:
		if len(l.Content) == 0 {
			at := d.contentStart(l) + 1
			return d.splice(splice{at, at, flowText(v, nil)}), nil
		}
		en, err := d.end(l.Content[len(l.Content)-1], 0, true)
		if err != nil {
			return nil, err
		}
		return d.splice(splice{en, en, ", " + flowText(v, nil)}), nil
	}
	dash, ok := d.dashBefore(l.Content[0])
	if !ok {
		return nil, d.lost(l)
	}
	di := d.colOf(dash) - 1
	last := l.Content[len(l.Content)-1]
	en, err := d.end(last, di, false)
	if err != nil {
		return nil, err
	}
	return d.splice(d.insertAt(d.nextLine(d.lastLine(d.start(last), en)), d.block(d.itemLines(v, di)))), nil
}
