package edit

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/valuesmith/valuesmith/internal/values"
)

// doc is a values file being edited: its bytes, the yaml.v3 tree read from
// them, and the layout conventions the file uses, so that new text looks like
// the text around it.
type doc struct {
	file string
	src  []byte
	// parsed is the file as Helm reads it.
	parsed *values.Document
	// root is the top-level mapping.
	root *yaml.Node
	// lines holds the offset of the start of each line; lines[0] is line 1.
	lines []int
	// bom is the length of a byte order mark at the start, if any: yaml.v3
	// does not count it in columns.
	bom int
	// eol is the file's line ending: "\n" or "\r\n".
	eol string
	// step is the file's indentation step for nested mappings.
	step int
	// seqIndent is how far block sequence dashes sit to the right of the key
	// that holds the sequence (0 or the step, usually).
	seqIndent int
	// aliases counts, for each anchored node, the aliases that repeat it.
	aliases map[*yaml.Node]int
	// aliasLine is the line of the first alias of each anchored node.
	aliasLine map[*yaml.Node]int
}

// load parses src with the project's parser (so that anything Helm would
// refuse is refused here too) and prepares it for editing.
func load(file string, src []byte) (*doc, error) {
	parsed, err := values.Parse(file, src)
	if err != nil {
		return nil, err
	}
	d := &doc{file: file, src: src, parsed: parsed, aliases: map[*yaml.Node]int{}, aliasLine: map[*yaml.Node]int{}}
	if parsed.YAML == nil || len(parsed.YAML.Content) == 0 {
		return nil, errors.New("no document")
	}
	d.root = parsed.YAML.Content[0]
	if d.root.Kind != yaml.MappingNode {
		return nil, &Error{Reason: "the top level is an alias, which cannot be edited in place"}
	}
	if err := plainLineBreaks(src); err != nil {
		return nil, err
	}
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		d.bom = 3
	}
	d.lines = append(d.lines, 0)
	for i, b := range src {
		if b == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	d.eol = "\n"
	if crlf := bytes.Count(src, []byte("\r\n")); crlf > 0 && crlf*2 >= bytes.Count(src, []byte("\n")) {
		d.eol = "\r\n"
	}
	d.countAliases(d.root)
	d.detectStyle()
	return d, nil
}

// plainLineBreaks refuses line breaks other than "\n" and "\r\n": YAML also
// breaks lines at a lone "\r" and at U+0085, U+2028 and U+2029, which no
// editor writes on purpose and which would make lines count differently
// here than in yaml.v3.
func plainLineBreaks(src []byte) error {
	for i := 0; i < len(src); i++ {
		if src[i] == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			line := bytes.Count(src[:i], []byte("\n")) + 1
			return &Error{Reason: "line " + itoa(line) + " ends in a carriage return alone; save the file with \\n or \\r\\n line endings"}
		}
	}
	for _, r := range []string{"\u0085", "\u2028", "\u2029"} {
		if i := bytes.Index(src, []byte(r)); i >= 0 {
			line := bytes.Count(src[:i], []byte("\n")) + 1
			return &Error{Reason: fmt.Sprintf("line %d holds the line separator %U, which this tool does not edit around", line, []rune(r)[0])}
		}
	}
	return nil
}

func (d *doc) countAliases(n *yaml.Node) {
	if n.Kind == yaml.AliasNode {
		if n.Alias != nil {
			if d.aliases[n.Alias] == 0 {
				d.aliasLine[n.Alias] = n.Line
			}
			d.aliases[n.Alias]++
		}
		return
	}
	for _, c := range n.Content {
		d.countAliases(c)
	}
}

// detectStyle reads the indentation step and the sequence indentation from
// the file's own block collections; a file without nested blocks gets two
// spaces and indented sequences, as valuesmith writes them.
func (d *doc) detectStyle() {
	steps, seqs := map[int]int{}, map[int]int{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0 {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				switch {
				case v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0:
					if s := v.Content[0].Column - k.Column; s > 0 {
						steps[s]++
					}
				case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0:
					if dash, ok := d.dashBefore(v.Content[0]); ok {
						if s := d.colOf(dash) - k.Column; s >= 0 {
							seqs[s]++
						}
					}
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(d.root)
	d.step = mostCommon(steps, 2)
	d.seqIndent = mostCommon(seqs, d.step)
}

func mostCommon(counts map[int]int, fallback int) int {
	best, bestN := fallback, 0
	keys := make([]int, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		if counts[k] > bestN {
			best, bestN = k, counts[k]
		}
	}
	return best
}

// offset converts a yaml.v3 line and column (1-based, counted in
// characters) into a byte offset.
func (d *doc) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(d.lines) {
		return len(d.src)
	}
	off := d.lineStart(line)
	for c := 1; c < col && off < len(d.src) && d.src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(d.src[off:])
		off += size
	}
	return off
}

// lineOf returns the 1-based line of a byte offset.
func (d *doc) lineOf(off int) int {
	return sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off })
}

// lineStart is the offset of the first byte of a line (after a byte order
// mark on line 1, which stays where it is).
func (d *doc) lineStart(line int) int {
	if line > len(d.lines) {
		return len(d.src)
	}
	if line == 1 {
		return d.bom
	}
	return d.lines[line-1]
}

// lineEnd is the offset of the line break ending a line, or the end of the
// file: the "\r" of a "\r\n".
func (d *doc) lineEnd(line int) int {
	end := len(d.src)
	if line < len(d.lines) {
		end = d.lines[line] - 1
	}
	if end > d.lineStart(line) && d.src[end-1] == '\r' {
		end--
	}
	return end
}

// nextLine is the offset where the line after line starts (the end of the
// file for the last line).
func (d *doc) nextLine(line int) int {
	if line < len(d.lines) {
		return d.lines[line]
	}
	return len(d.src)
}

// colOf returns the 1-based column (in characters) of an offset.
func (d *doc) colOf(off int) int {
	return utf8.RuneCount(d.src[d.lineStart(d.lineOf(off)):off]) + 1
}

// indentOf counts the spaces that start a line.
func (d *doc) indentOf(line int) int {
	s := d.lineStart(line)
	i := s
	for i < len(d.src) && d.src[i] == ' ' {
		i++
	}
	return i - s
}

// blankLine reports whether a line holds only spaces.
func (d *doc) blankLine(line int) bool {
	if line < 1 || line > len(d.lines) {
		return false
	}
	for _, b := range d.src[d.lineStart(line):d.lineEnd(line)] {
		if b != ' ' && b != '\t' {
			return false
		}
	}
	return true
}

// commentLine reports whether a line holds only a comment.
func (d *doc) commentLine(line int) bool {
	if line < 1 || line > len(d.lines) {
		return false
	}
	s := d.lineStart(line) + d.indentOf(line)
	return s < d.lineEnd(line) && d.src[s] == '#'
}

// firstOnLine reports whether only spaces precede off on its line.
func (d *doc) firstOnLine(off int) bool {
	for _, b := range d.src[d.lineStart(d.lineOf(off)):off] {
		if b != ' ' {
			return false
		}
	}
	return true
}

// spaces returns n spaces.
func spaces(n int) string { return string(bytes.Repeat([]byte{' '}, max(n, 0))) }
