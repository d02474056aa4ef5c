package edit

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// yaml.v3 gives the line and column where a node starts but not where it
// ends. The functions here find the end of a node's text in the source, so
// that an edit replaces exactly that text. Each one is checked against what
// yaml.v3 read where it can be, and Apply re-parses every result, so a
// layout these functions misread is refused rather than written.

// start is the offset where a node's text starts, anchor and tag included.
func (d *doc) start(n *yaml.Node) int { return d.offset(n.Line, n.Column) }

// contentStart skips a node's anchor and tag, and the spaces after them.
func (d *doc) contentStart(n *yaml.Node) int {
	i := d.start(n)
	for i < len(d.src) && ((d.src[i] == '&' && n.Anchor != "") || (d.src[i] == '!' && n.Style&yaml.TaggedStyle != 0)) {
		for i < len(d.src) && !isBlank(d.src[i]) && d.src[i] != '\r' && d.src[i] != '\n' {
			i++
		}
		for i < len(d.src) && isBlank(d.src[i]) {
			i++
		}
	}
	return i
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' }

// nullEmpty reports a null written as nothing at all ("key:").
func nullEmpty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Value == "" && n.ShortTag() == "!!null" && n.Style == 0
}

// blockCollection reports a mapping or sequence in block style.
func blockCollection(n *yaml.Node) bool {
	return (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && n.Style&yaml.FlowStyle == 0 && len(n.Content) > 0
}

// end returns the offset just after the last character of a node's text,
// comments after it excluded. indent is the indentation of the block that
// holds the node (the column of its key, or of its list dash, minus one);
// flow says whether the node sits inside a flow collection.
func (d *doc) end(n *yaml.Node, indent int, flow bool) (int, error) {
	switch {
	case n.Kind == yaml.AliasNode:
		s := d.contentStart(n)
		if s >= len(d.src) || d.src[s] != '*' {
			return 0, d.lost(n)
		}
		return s + 1 + len(n.Value), nil
	case n.Kind == yaml.ScalarNode:
		return d.scalarEnd(n, indent, flow)
	case n.Style&yaml.FlowStyle != 0 || flow:
		return d.flowEnd(d.contentStart(n))
	case len(n.Content) == 0:
		return 0, d.lost(n)
	case n.Kind == yaml.MappingNode:
		k := n.Content[len(n.Content)-2]
		return d.end(n.Content[len(n.Content)-1], k.Column-1, false)
	case n.Kind == yaml.SequenceNode:
		it := n.Content[len(n.Content)-1]
		dash, ok := d.dashBefore(it)
		if !ok {
			return 0, d.lost(it)
		}
		return d.end(it, d.colOf(dash)-1, false)
	}
	return 0, d.lost(n)
}

// lost is the error for text this package cannot delimit.
func (d *doc) lost(n *yaml.Node) error {
	return &Error{Reason: "cannot find where the value at line " + itoa(n.Line) + " ends in the file"}
}

func (d *doc) scalarEnd(n *yaml.Node, indent int, flow bool) (int, error) {
	s := d.contentStart(n)
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		return d.quotedEnd(n, s, '"')
	case n.Style&yaml.SingleQuotedStyle != 0:
		return d.quotedEnd(n, s, '\'')
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return d.blockScalarEnd(n, s, indent)
	case n.Value == "" && n.ShortTag() == "!!null":
		return s, nil
	}
	return d.plainEnd(n, s, indent, flow)
}

func (d *doc) quotedEnd(n *yaml.Node, s int, q byte) (int, error) {
	if s >= len(d.src) || d.src[s] != q {
		return 0, d.lost(n)
	}
	for i := s + 1; i < len(d.src); i++ {
		switch {
		case q == '"' && d.src[i] == '\\':
			i++
		case d.src[i] == q && q == '\'' && i+1 < len(d.src) && d.src[i+1] == '\'':
			i++
		case d.src[i] == q:
			return i + 1, nil
		}
	}
	return 0, d.lost(n)
}

// blockScalarEnd finds the last content line of a literal (|) or folded (>)
// scalar: the lines after its header that are blank or indented at least as
// far as its first non-blank line (or as its indentation indicator says).
func (d *doc) blockScalarEnd(n *yaml.Node, s, indent int) (int, error) {
	if s >= len(d.src) || (d.src[s] != '|' && d.src[s] != '>') {
		return 0, d.lost(n)
	}
	i := s + 1
	content := -1
	for i < len(d.src) && strings.IndexByte("+-0123456789", d.src[i]) >= 0 {
		if c := d.src[i]; c >= '1' && c <= '9' {
			content = indent + int(c-'0')
		}
		i++
	}
	last := i
	for l := d.lineOf(s) + 1; l <= len(d.lines); l++ {
		if d.blankLine(l) {
			continue
		}
		ind := d.indentOf(l)
		if content < 0 {
			if ind <= indent {
				break
			}
			content = ind
		}
		if ind < content {
			break
		}
		last = d.lineEnd(l)
	}
	return last, nil
}

// plainEnd finds the end of a plain scalar: the rest of its line up to a
// comment (or, in a flow collection, up to an indicator), and for a scalar
// that folds over several lines, the more indented lines that follow.
func (d *doc) plainEnd(n *yaml.Node, s, indent int, flow bool) (int, error) {
	line := d.lineOf(s)
	end, comment := d.plainLineEnd(s, d.lineEnd(line), flow)
	if string(d.src[s:end]) == n.Value {
		return end, nil
	}
	if flow || comment {
		return 0, d.lost(n)
	}
	// A plain scalar folded over several lines: single line breaks read as
	// spaces, blank lines as line breaks.
	var b strings.Builder
	b.Write(d.src[s:end])
	breaks := 0
	for l := line + 1; l <= len(d.lines); l++ {
		if d.blankLine(l) {
			breaks++
			continue
		}
		if d.indentOf(l) <= indent || d.commentLine(l) {
			break
		}
		ls := d.lineStart(l) + d.indentOf(l)
		e, c := d.plainLineEnd(ls, d.lineEnd(l), false)
		if breaks == 0 {
			b.WriteByte(' ')
		}
		for ; breaks > 0; breaks-- {
			b.WriteByte('\n')
		}
		b.Write(d.src[ls:e])
		end = e
		if b.String() == n.Value {
			return end, nil
		}
		if c {
			break
		}
	}
	return 0, d.lost(n)
}

// plainLineEnd scans one line of a plain scalar from s to at most lineEnd
// and returns where the scalar's text ends on it, and whether a comment
// follows.
func (d *doc) plainLineEnd(s, lineEnd int, flow bool) (int, bool) {
	end, comment := lineEnd, false
	for i := s; i < lineEnd; i++ {
		c := d.src[i]
		if c == '#' && i > s && isBlank(d.src[i-1]) {
			end, comment = i, true
			break
		}
		if c == ':' && (i+1 == lineEnd || isBlank(d.src[i+1]) || (flow && strings.IndexByte(",]}", d.src[i+1]) >= 0)) {
			end = i
			break
		}
		if flow && strings.IndexByte(",[]{}", c) >= 0 {
			end = i
			break
		}
	}
	for end > s && isBlank(d.src[end-1]) {
		end--
	}
	return end, comment
}

// flowEnd finds the bracket that closes the flow collection opening at s.
func (d *doc) flowEnd(s int) (int, error) {
	if s >= len(d.src) || (d.src[s] != '[' && d.src[s] != '{') {
		return 0, &Error{Reason: "cannot find the end of a flow collection at line " + itoa(d.lineOf(s))}
	}
	depth := 0
	for i := s; i < len(d.src); i++ {
		c := d.src[i]
		atToken := i == s || strings.IndexByte(" \t\r\n[{,:", d.src[i-1]) >= 0
		switch {
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		case (c == '"' || c == '\'') && atToken:
			j := i + 1
			for ; j < len(d.src); j++ {
				if c == '"' && d.src[j] == '\\' {
					j++
					continue
				}
				if d.src[j] == c {
					if c == '\'' && j+1 < len(d.src) && d.src[j+1] == '\'' {
						j++
						continue
					}
					break
				}
			}
			i = j
		case c == '#' && i > s && strings.IndexByte(" \t\r\n", d.src[i-1]) >= 0:
			for i < len(d.src) && d.src[i] != '\n' {
				i++
			}
		}
	}
	return 0, &Error{Reason: "cannot find the end of a flow collection at line " + itoa(d.lineOf(s))}
}

// dashBefore finds the "-" that introduces a block sequence item.
func (d *doc) dashBefore(item *yaml.Node) (int, bool) {
	i := d.start(item) - 1
	for i >= 0 && (d.src[i] == ' ' || d.src[i] == '\r' || d.src[i] == '\n') {
		i--
	}
	if i >= 0 && d.src[i] == '-' {
		return i, true
	}
	return 0, false
}

// colonAfter returns the offset just after the ":" that follows a key.
func (d *doc) colonAfter(k *yaml.Node, flow bool) (int, error) {
	e, err := d.end(k, k.Column-1, flow)
	if err != nil {
		return 0, err
	}
	for e < len(d.src) && isBlank(d.src[e]) {
		e++
	}
	if e >= len(d.src) || d.src[e] != ':' {
		return 0, &Error{Reason: "the key at line " + itoa(k.Line) + " is not a simple key"}
	}
	return e + 1, nil
}

// lastLine is the line holding the last character of a node that ends at
// end and starts at start.
func (d *doc) lastLine(start, end int) int {
	if end > start {
		return d.lineOf(end - 1)
	}
	return d.lineOf(start)
}
