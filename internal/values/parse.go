package values

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/valuesmith/valuesmith/internal/lazyre"
)

// MaxFileSize is the largest values file accepted. Real values files are a
// few kilobytes; anything this big is the wrong file, and refusing it keeps
// memory and time bounded.
const MaxFileSize = 10 << 20

// maxExpandedNodes bounds the values produced, counting those repeated by
// aliases, so a "billion laughs" document fails fast instead of eating memory.
const maxExpandedNodes = 200_000

// InputError is a problem reading a values file: it cannot be checked at all.
// Line and Col are zero when the problem has no position.
type InputError struct {
	File string
	Line int
	Col  int
	Msg  string
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Document is a parsed values file.
type Document struct {
	File string
	// Root is the top-level map.
	Root *Node
	// YAML is the yaml.v3 tree, kept for comments (inline ignores).
	YAML *yaml.Node
	// Source is the file's text.
	Source []byte
	// Duplicates are keys written twice in one mapping; the value written
	// last is kept, as Helm keeps it.
	Duplicates []Duplicate
}

// Duplicate is a key written again in the same mapping: Pos is the
// occurrence kept (the last), First the one dropped.
type Duplicate struct {
	Key        string
	Pos, First Pos
}

// empty is the document of a file that holds no values: Helm reads an
// empty or comment-only file as no values.
func empty(file string, data []byte) *Document {
	return &Document{File: file, Root: &Node{Kind: Map, Pos: Pos{File: file, Line: 1, Col: 1}}, Source: data}
}

// Parse reads a values file. Every failure is an *InputError with the
// position of the problem where there is one.
func Parse(file string, data []byte) (*Document, error) {
	fail := func(line, col int, format string, args ...any) error {
		return &InputError{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
	}
	if len(data) > MaxFileSize {
		return nil, fail(0, 0, "%s", tooBig(int64(len(data))))
	}
	if err := checkEncoding(file, data); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))) == 0 {
		return empty(file, data), nil
	}

	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return empty(file, data), nil
		}
		return nil, syntaxError(file, data, err)
	}
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, syntaxError(file, data, err)
		}
		if emptyDocument(&next) {
			continue
		}
		line, col := next.Line, next.Column
		if len(doc.Content) > 0 {
			from := offsetOfLine(data, doc.Content[0].Line)
			if loc := docMarker.FindIndex(data[from:]); loc != nil {
				line, col = lineCol(data, from+loc[0])
			}
		}
		return nil, fail(line, col, "file holds several YAML documents; a values file holds exactly one")
	}
	if len(doc.Content) == 0 {
		return empty(file, data), nil
	}
	top := doc.Content[0]
	if top.Kind == yaml.ScalarNode && top.ShortTag() == "!!null" {
		return empty(file, data), nil // Helm reads a null document as no values
	}
	if top.Kind == yaml.AliasNode && top.Alias != nil {
		top = top.Alias
	}
	if top.Kind != yaml.MappingNode {
		return nil, fail(top.Line, top.Column, "top level is %s; a values file must be a mapping of keys", describeYAML(top))
	}

	c := &converter{file: file}
	root, err := c.convert(top)
	if err != nil {
		return nil, err
	}
	return &Document{File: file, Root: root, YAML: &doc, Source: data, Duplicates: c.dups}, nil
}

// emptyDocument reports whether a document holds nothing, as after a
// trailing "---".
func emptyDocument(d *yaml.Node) bool {
	return len(d.Content) == 0 || (len(d.Content) == 1 && d.Content[0].Kind == yaml.ScalarNode && d.Content[0].Value == "" && d.Content[0].ShortTag() == "!!null")
}

var docMarker = lazyre.New(`(?m)^(---|\.\.\.)`)

func describeYAML(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if tag := n.ShortTag(); isCoreTag(tag) {
			return "a single value (" + tag[2:] + ")"
		}
		return "a single value"
	}
	return "not a mapping"
}

// checkEncoding rejects what is not UTF-8 text, naming the position of the
// first bad byte.
func checkEncoding(file string, data []byte) error {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return &InputError{File: file, Line: 1, Col: 1, Msg: "file is UTF-16 encoded; save it as UTF-8"}
	case bytes.HasPrefix(data, []byte{0, 0, 0xfe, 0xff}):
		return &InputError{File: file, Line: 1, Col: 1, Msg: "file is UTF-32 encoded; save it as UTF-8"}
	}
	for off := 0; off < len(data); {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size <= 1 {
			line, col := lineCol(data, off)
			return &InputError{File: file, Line: line, Col: col, Msg: fmt.Sprintf("byte 0x%02x is not valid UTF-8; values files must be UTF-8 text", data[off])}
		}
		if r == 0 {
			line, col := lineCol(data, off)
			return &InputError{File: file, Line: line, Col: col, Msg: "NUL byte: this looks like a binary file, not YAML"}
		}
		if !yamlPrintable(r) {
			line, col := lineCol(data, off)
			return &InputError{File: file, Line: line, Col: col, Msg: fmt.Sprintf("control character %U is not allowed in YAML; remove it or write it as an escape in a double-quoted string", r)}
		}
		off += size
	}
	return nil
}

// yamlPrintable reports whether YAML allows r in a file (YAML 1.1 c-printable,
// which yaml.v3 enforces without saying where).
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r', r >= 0x20 && r <= 0x7e, r == 0x85:
		return true
	case r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

// converter turns a yaml.v3 tree into Nodes, expanding aliases and merge keys
// within a budget.
type converter struct {
	file string
	// dups are keys written twice in one mapping.
	dups     []Duplicate
	expanded int
	depth    int
	// alias is the outermost alias being expanded, nil outside aliases;
	// viaAlias counts the values produced by expanding aliases.
	alias    *yaml.Node
	viaAlias int
	// expanding holds the anchored nodes being expanded, to catch an alias
	// inside its own anchor.
	expanding map[*yaml.Node]bool
}

func (c *converter) pos(n *yaml.Node) Pos { return Pos{File: c.file, Line: n.Line, Col: n.Column} }

func (c *converter) errAt(n *yaml.Node, format string, args ...any) error {
	return &InputError{File: c.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
}

func (c *converter) convert(n *yaml.Node) (*Node, error) {
	c.expanded++
	if c.alias != nil {
		c.viaAlias++
	}
	if c.expanded > maxExpandedNodes {
		switch {
		case c.alias != nil:
			// Point at the alias in the document, not inside the anchor
			// it repeats.
			return nil, c.errAt(c.alias, "expanding alias *%s here brings the values to more than %d (an alias bomb?); refusing to read further", c.alias.Value, maxExpandedNodes)
		case c.viaAlias > 0:
			return nil, c.errAt(n, "aliases expand to more than %d values (an alias bomb?); refusing to read further", maxExpandedNodes)
		}
		return nil, c.errAt(n, "file holds more than %d values; refusing to read further", maxExpandedNodes)
	}
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > 500 {
		return nil, c.errAt(n, "values nested more than 500 levels deep")
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, c.errAt(n, "alias *%s has no anchor", n.Value)
		}
		if c.expanding[n.Alias] {
			return nil, c.errAt(n, "alias *%s is inside its own anchor &%s; a value cannot contain itself", n.Value, n.Value)
		}
		if c.expanding == nil {
			c.expanding = map[*yaml.Node]bool{}
		}
		c.expanding[n.Alias] = true
		defer delete(c.expanding, n.Alias)
		if c.alias == nil {
			c.alias = n
			defer func() { c.alias = nil }()
		}
		return c.convert(n.Alias)
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.SequenceNode:
		out := &Node{Kind: List, Pos: c.pos(n), Items: make([]*Node, 0, len(n.Content))}
		for _, it := range n.Content {
			v, err := c.convert(it)
			if err != nil {
				return nil, err
			}
			out.Items = append(out.Items, v)
		}
		return out, nil
	case yaml.MappingNode:
		return c.mapping(n)
	}
	return nil, c.errAt(n, "unsupported YAML node")
}

func (c *converter) scalar(n *yaml.Node) (*Node, error) {
	out := &Node{Pos: c.pos(n), Str: n.Value, Quoted: n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0}
	var v any
	switch {
	case n.Style&yaml.TaggedStyle != 0:
		// An explicit tag. Standard tags are honoured; other tags are
		// ignored and the text kept, as go-yaml v2 does.
		tag := n.ShortTag()
		if !isCoreTag(tag) {
			v = n.Value
			break
		}
		tv, ok := resolveTagged(tag, n.Value)
		if !ok {
			// The value itself is not quoted: it may be a secret.
			return nil, c.errAt(n, "value tagged %s is not %s", tag, tagKinds[tag])
		}
		v = tv
	case n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		v = n.Value
	default:
		v = resolvePlain(n.Value)
	}
	switch x := v.(type) {
	case nil:
		out.Kind = Null
	case bool:
		out.Kind, out.Bool = Bool, x
	case int64:
		out.Kind, out.Int = Int, x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, c.errAt(n, "%s is not a number Helm can read (JSON has no NaN or infinity)", n.Value)
		}
		out.Kind, out.Float = Float, x
	case string:
		out.Kind, out.Str = String, x
	}
	return out, nil
}

// tagKinds names what the values of the tags resolveTagged can refuse are.
var tagKinds = map[string]string{"!!int": "an integer", "!!float": "a number", "!!bool": "true or false"}

func isCoreTag(t string) bool {
	switch t {
	case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!!timestamp":
		return true
	}
	return false
}

func (c *converter) mapping(n *yaml.Node) (*Node, error) {
	out := &Node{Kind: Map, Pos: c.pos(n)}
	seen := map[string]*yaml.Node{}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		key, err := c.key(k)
		if err != nil {
			return nil, err
		}
		val, err := c.convert(v)
		if err != nil {
			return nil, err
		}
		f := &Field{Key: key, KeyPos: c.pos(k), Value: val}
		if first, dup := seen[key]; dup {
			// Helm keeps the value written last.
			c.dups = append(c.dups, Duplicate{Key: key, Pos: c.pos(k), First: c.pos(first)})
			for j, old := range out.Fields {
				if old.Key == key {
					out.Fields[j] = f
				}
			}
			seen[key] = k
			continue
		}
		seen[key] = k
		out.Fields = append(out.Fields, f)
	}
	// Merge keys (<<: *base) add the keys the map does not set itself; the
	// first merged map wins among several.
	for _, m := range merges {
		sources := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			sources = m.Content
		}
		for _, src := range sources {
			merged, err := c.convert(src)
			if err != nil {
				return nil, err
			}
			if merged.Kind != Map {
				return nil, c.errAt(src, "merge key << needs a mapping or a list of mappings, found %s", merged.Kind)
			}
			for _, f := range merged.Fields {
				if out.Field(f.Key) == nil {
					out.Fields = append(out.Fields, f)
				}
			}
		}
	}
	return out, nil
}

// key returns a map key as the string Helm uses: non-string keys are turned
// into their text, like sigs.k8s.io/yaml does.
func (c *converter) key(k *yaml.Node) (string, error) {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		return "", c.errAt(k, "a map key must be a plain value, not a %s", map[yaml.Kind]string{yaml.MappingNode: "mapping", yaml.SequenceNode: "list"}[k.Kind])
	}
	n, err := c.scalar(k)
	if err != nil {
		return "", err
	}
	switch n.Kind {
	case Null:
		return "", c.errAt(k, "null map key; Helm cannot read it")
	case Float:
		return strconv.FormatFloat(n.Float, 'g', -1, 32), nil
	}
	return n.Text(), nil
}

func offsetOfLine(data []byte, line int) int {
	off := 0
	for l := 1; l < line && off < len(data); l++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	return off
}

// lineCol converts a byte offset into a 1-based line and a 1-based column
// counted in characters.
func lineCol(data []byte, off int) (int, int) {
	line, start := 1, 0
	for i := 0; i < off && i < len(data); i++ {
		if data[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(data[start:off]) + 1
}

func humanSize(n int64) string {
	var s string
	switch {
	case n >= 1<<20:
		s = fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		s = fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
	return strings.Replace(s, ".0 ", " ", 1)
}

// tooBig says that a file of n bytes is over MaxFileSize, in bytes when the
// rounded size would read as the limit itself.
func tooBig(n int64) string {
	size := humanSize(n)
	if size == humanSize(MaxFileSize) {
		size = fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("file is %s, larger than the %s limit for an input file", size, humanSize(MaxFileSize))
}

// ReadFile reads an input file (values, config, answers, --set-file),
// refusing what is missing, unreadable, not a regular file or larger than
// MaxFileSize, each with a one-line InputError. The file's type is checked
// before it is opened: opening a named pipe with no writer would wait
// forever.
func ReadFile(name string) ([]byte, error) {
	if err := CheckRegular(name); err != nil {
		return nil, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, &InputError{File: name, Msg: "cannot read: " + describeOSError(err)}
	}
	defer f.Close()
	// The name may have been replaced between the two looks.
	st, err := f.Stat()
	if err != nil {
		return nil, &InputError{File: name, Msg: "cannot read: " + describeOSError(err)}
	}
	if msg := notRegular(st.Mode()); msg != "" {
		return nil, &InputError{File: name, Msg: msg}
	}
	if st.Size() > MaxFileSize {
		return nil, &InputError{File: name, Msg: tooBig(st.Size())}
	}
	return ReadLimited(name, f)
}

// CheckRegular refuses, with a one-line InputError, a name that does not
// exist or is not a regular file (after symbolic links): a directory, a
// named pipe, a socket or a device.
func CheckRegular(name string) error {
	st, err := os.Stat(name)
	if err != nil {
		return &InputError{File: name, Msg: "cannot read: " + describeOSError(err)}
	}
	if msg := notRegular(st.Mode()); msg != "" {
		return &InputError{File: name, Msg: msg}
	}
	return nil
}

// notRegular says what a file of mode m is when it is not a regular file,
// or "" when it is one.
func notRegular(m fs.FileMode) string {
	switch k := FileKind(m); {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "is a directory, not a file"
	case k == kindOther:
		return "is not a regular file"
	default:
		return "is " + k + ", not a regular file"
	}
}

const kindOther = "not a regular file"

// FileKind names what a file of mode m is that is not a regular file ("a
// named pipe"), for messages that refuse it.
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return kindOther
}

// ReadLimited reads at most MaxFileSize bytes from r (a pipe or stdin).
func ReadLimited(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, &InputError{File: name, Msg: "cannot read: " + describeOSError(err)}
	}
	if len(data) > MaxFileSize {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("input is larger than the %s limit for an input file", humanSize(MaxFileSize))}
	}
	return data, nil
}

func describeOSError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// KeyOf returns a map key of a yaml.v3 tree as the string Helm uses for it
// (a plain "on" is "true", a plain 1.0 is "1"), and false for a key Helm
// cannot read.
func KeyOf(k *yaml.Node) (string, bool) {
	c := &converter{}
	s, err := c.key(k)
	return s, err == nil
}
