package edit

import (
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/valuesmith/valuesmith/internal/values"
)

// Rendering of new text in the file's style: block lines at the file's
// indentation step, flow text inside flow collections, scalars quoted only
// when Helm would otherwise read something else (and in the quoting of the
// scalar they replace, where that still reads back the same).

// plainOK reports whether s can be written without quotes and be read back
// by Helm as the same string.
func plainOK(s string, flow bool) bool {
	if s == "" || !values.ReadsBackAs(s) {
		return false
	}
	out, err := yaml.Marshal(s)
	if err != nil || strings.TrimSuffix(string(out), "\n") != s {
		return false
	}
	return !flow || !strings.ContainsAny(s, ",[]{}#")
}

// doubleQuoted writes s in double quotes. Go's escapes are a subset of
// YAML's.
func doubleQuoted(s string) string { return strconv.Quote(s) }

func singleQuotable(s string) bool {
	for _, r := range s {
		if r == '\n' || r == '\r' || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// scalarText writes a scalar. like is the scalar being replaced, if any:
// a string keeps its quoting.
func scalarText(v *values.Node, like *yaml.Node, flow bool) string {
	switch v.Kind {
	case values.Null:
		return "null"
	case values.Bool:
		return strconv.FormatBool(v.Bool)
	case values.Int:
		return strconv.FormatInt(v.Int, 10)
	case values.Float:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	}
	s := v.Str
	if like != nil && like.Kind == yaml.ScalarNode {
		switch {
		case like.Style&yaml.SingleQuotedStyle != 0 && singleQuotable(s):
			return "'" + strings.ReplaceAll(s, "'", "''") + "'"
		case like.Style&yaml.DoubleQuotedStyle != 0:
			return doubleQuoted(s)
		}
	}
	if plainOK(s, flow) {
		return s
	}
	return doubleQuoted(s)
}

// keyText writes a map key.
func keyText(k string, flow bool) string {
	if plainOK(k, flow) {
		return k
	}
	return doubleQuoted(k)
}

// collection reports a non-empty map or list, which needs lines of its own
// in block style.
func collection(v *values.Node) bool {
	return (v.Kind == values.Map && len(v.Fields) > 0) || (v.Kind == values.List && len(v.Items) > 0)
}

// flowText writes v on one line: {a: 1, b: [x, y]}.
func flowText(v *values.Node, like *yaml.Node) string {
	switch v.Kind {
	case values.Map:
		parts := make([]string, 0, len(v.Fields))
		for _, f := range v.Fields {
			parts = append(parts, keyText(f.Key, true)+": "+flowText(f.Value, nil))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case values.List:
		parts := make([]string, 0, len(v.Items))
		for _, it := range v.Items {
			parts = append(parts, flowText(it, nil))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return scalarText(v, like, true)
}

// literalLines writes a multi-line string as a literal block scalar: the
// header and the content lines at indent. ok is false when the string
// cannot be written so (it ends in blank lines, starts with a space, or
// holds characters a block cannot).
func literalLines(s string, indent int) (header string, lines []string, ok bool) {
	if !strings.Contains(strings.TrimSuffix(s, "\n"), "\n") || strings.HasSuffix(s, "\n\n") || strings.HasPrefix(s, " ") {
		return "", nil, false
	}
	header = "|"
	if !strings.HasSuffix(s, "\n") {
		header = "|-"
	}
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if !singleQuotable(strings.ReplaceAll(l, "\t", " ")) {
			return "", nil, false
		}
		if l == "" {
			lines = append(lines, "")
			continue
		}
		lines = append(lines, spaces(indent)+l)
	}
	return header, lines, true
}

// pairLines writes "key: value" at indent, in block style.
func (d *doc) pairLines(key string, v *values.Node, indent int) []string {
	head := spaces(indent) + keyText(key, false) + ":"
	switch {
	case v.Kind == values.Map && len(v.Fields) > 0:
		lines := []string{head}
		for _, f := range v.Fields {
			lines = append(lines, d.pairLines(f.Key, f.Value, indent+d.step)...)
		}
		return lines
	case v.Kind == values.List && len(v.Items) > 0:
		lines := []string{head}
		for _, it := range v.Items {
			lines = append(lines, d.itemLines(it, indent+d.seqIndent)...)
		}
		return lines
	case v.Kind == values.String:
		if h, body, ok := literalLines(v.Str, indent+d.step); ok {
			return append([]string{head + " " + h}, body...)
		}
	}
	return []string{head + " " + flowText(v, nil)}
}

// itemLines writes "- value" with its dash at dashIndent.
func (d *doc) itemLines(v *values.Node, dashIndent int) []string {
	var lines []string
	switch {
	case v.Kind == values.Map && len(v.Fields) > 0:
		for _, f := range v.Fields {
			lines = append(lines, d.pairLines(f.Key, f.Value, dashIndent+2)...)
		}
	case v.Kind == values.List && len(v.Items) > 0:
		for _, it := range v.Items {
			lines = append(lines, d.itemLines(it, dashIndent+2)...)
		}
	case v.Kind == values.String:
		if h, body, ok := literalLines(v.Str, dashIndent+2); ok {
			return append([]string{spaces(dashIndent) + "- " + h}, body...)
		}
		return []string{spaces(dashIndent) + "- " + flowText(v, nil)}
	default:
		return []string{spaces(dashIndent) + "- " + flowText(v, nil)}
	}
	lines[0] = spaces(dashIndent) + "- " + lines[0][dashIndent+2:]
	return lines
}

// block joins lines with the file's line ending, each line ended.
func (d *doc) block(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteString(d.eol)
	}
	return b.String()
}

// flowNode writes a yaml.v3 subtree of the file on one line, for a value
// that moves into a flow collection. Comments inside it cannot follow.
func flowNode(n *yaml.Node) (string, error) {
	c := flowCopy(n)
	out, err := yaml.Marshal(c)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(string(out), "\n"), nil
}

func flowCopy(n *yaml.Node) *yaml.Node {
	c := *n
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	if c.Kind == yaml.MappingNode || c.Kind == yaml.SequenceNode {
		c.Style |= yaml.FlowStyle
	}
	if c.Kind == yaml.ScalarNode && c.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		c.Style = yaml.DoubleQuotedStyle
	}
	c.Content = nil
	for _, k := range n.Content {
		c.Content = append(c.Content, flowCopy(k))
	}
	return &c
}
