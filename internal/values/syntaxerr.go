package values

// Diagnosis of YAML syntax errors: yaml.v3 reports a line (not always the
// right one) and no column, so these helpers find the line and column of the
// actual problem and say it in plain words.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/valuesmith/valuesmith/internal/lazyre"
)

var yamlLineRE = lazyre.New(`^yaml: (?:line (\d+): )?(.*)$`)

// parserProblems are the messages of yaml.v3's parser, as opposed to its
// scanner. The two count the line they report differently (see yamlLine).
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// splitYAMLError splits a yaml.v3 error into its message and the line it
// names (0 when it names none).
func splitYAMLError(err error) (string, int) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	if line == 0 {
		if m := regexp.MustCompile(`line (\d+)`).FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
	}
	return msg, line
}

// decodeAll decodes every document in data and returns the first error.
func decodeAll(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// yamlLine finds the 1-based line of a yaml.v3 syntax error with message msg,
// or 0. yaml.v3 names the line where the construct being read starts (the
// quoted string, the flow mapping, the block mapping) or, when that is the
// first line, the line of the problem itself; it counts from 0 for parser
// errors and from 1 for scanner errors, and names no line for a problem on
// the first line. Parsing again with one more line on top removes the
// ambiguity: the construct then never starts on the first line, and the line
// named is always the construct's.
func yamlLine(data []byte, msg string) int {
	shifted := make([]byte, 0, len(data)+1)
	bom := []byte("\xef\xbb\xbf")
	if bytes.HasPrefix(data, bom) {
		shifted = append(shifted, bom...)
		data = data[len(bom):]
	}
	shifted = append(append(shifted, '\n'), data...)
	err := decodeAll(shifted)
	if err == nil {
		return 0
	}
	m, line := splitYAMLError(err)
	if m != msg || line == 0 {
		return 0
	}
	if parserProblems[msg] {
		// 0-based in the shifted text: 1-based in the original.
		return line
	}
	return line - 1
}

// problemLine returns the line of the token yaml.v3 stumbled on, for errors
// where yaml.v3 names only the line where the enclosing block starts (from).
// ok is false when it cannot tell.
func problemLine(data []byte, msg string, from int) (line int, ok bool) {
	if from < 1 {
		return from, false
	}
	// fails reports whether the text up to line k fails with msg: true from
	// the problem's line on.
	fails := func(k int) bool {
		err := decodeAll(data[:offsetOfLine(data, k+1)])
		if err == nil {
			return false
		}
		m, _ := splitYAMLError(err)
		return m == msg
	}
	// yaml.v3 names the problem's own line when the block starts on the
	// first line: parse from the block on, then confirm.
	if err := decodeAll(data[offsetOfLine(data, from):]); err != nil {
		if m, l := splitYAMLError(err); m == msg {
			p := from + l // counted from 0, being a parser error
			if fails(p) && (p == from || !fails(p-1)) {
				return p, true
			}
		}
	}
	// Else gallop from the block's first line, then bisect, on files small
	// enough to parse a few dozen times.
	if len(data) > 1<<20 {
		return from, false
	}
	total := bytes.Count(data, []byte("\n")) + 1
	lo, hi := from-1, from
	for step := 1; !fails(hi); step *= 2 {
		if hi >= total {
			return from, false
		}
		lo, hi = hi, min(hi+step, total)
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, true
}

// syntaxError turns a yaml.v3 error into an InputError. yaml.v3 reports a
// line but no column, in terms of its own grammar; the line is made exact
// (yamlLine, problemLine), the column is found from the text for the common
// mistakes, and their messages say what is wrong in plain words. Otherwise the
// column is that of the first character of the line's content.
func syntaxError(file string, data []byte, err error) error {
	msg, line := splitYAMLError(err)
	if l := yamlLine(data, msg); l > 0 {
		line = l
	}
	// For a block mapping or list, yaml.v3 names the line where the block
	// starts; find the line that broke it.
	blockStart := false
	blockLine := line
	if msg == "did not find expected key" || msg == "did not find expected '-' indicator" {
		var ok bool
		line, ok = problemLine(data, msg, line)
		blockStart = !ok
	}
	lines := strings.Split(string(data), "\n")
	// A tab in indentation is the commonest cause; yaml.v3 may report it on
	// the line before or after, so look around.
	for _, l := range []int{line, line + 1, line - 1} {
		if l < 1 || l > len(lines) {
			continue
		}
		text := lines[l-1]
		indent := len(text) - len(strings.TrimLeft(text, " \t"))
		if i := strings.IndexByte(text[:indent], '\t'); i >= 0 && strings.TrimSpace(text) != "" {
			return &InputError{File: file, Line: l, Col: i + 1, Msg: "tab character in indentation; YAML indents with spaces only"}
		}
	}
	text := ""
	if line >= 1 && line <= len(lines) {
		text = strings.TrimSuffix(lines[line-1], "\r")
	}
	// at converts a byte index in text into a column.
	at := func(i int) int { return utf8.RuneCountInString(text[:i]) + 1 }
	col := at(len(text) - len(strings.TrimLeft(text, " \t")))
	switch {
	case msg == "found unexpected end of stream":
		if i := openingQuote(text); i >= 0 {
			col = at(i)
			msg = fmt.Sprintf("this %c opens a string that is never closed", text[i])
		}
	case msg == "did not find expected ',' or '}'":
		if i := openingBracket(text, '{', '}'); i >= 0 {
			col = at(i)
			msg = "the flow mapping { starting here lacks a ',' between entries or its closing '}'"
		}
	case msg == "did not find expected ',' or ']'":
		if i := openingBracket(text, '[', ']'); i >= 0 {
			col = at(i)
			msg = "the flow list [ starting here lacks a ',' between items or its closing ']'"
		}
	case blockStart:
		msg = "a line below is not indented like the block starting here; check the indentation"
	case msg == "did not find expected key":
		switch i := trailingText(text); {
		case i >= 0:
			col = at(i)
			msg = "text after the end of a value; quote the whole value, or start a new line for a new key"
		case strings.HasPrefix(strings.TrimSpace(text), "-"):
			msg = "a list item where a key was expected; check this line's indentation"
		case sameIndent(lines, blockLine, line):
			msg = "expected a key here"
		default:
			msg = "this line is not indented like any key above it; check its indentation"
		}
	case msg == "did not find expected '-' indicator":
		msg = "this line is not indented like the list items above it; check its indentation"
	case msg == "did not find expected node content":
		if strings.TrimSpace(strings.Join(lines[min(line, len(lines)):], "")) == "" && strings.TrimSpace(text) == "" {
			msg = "the file ends where a value was expected"
		} else {
			msg = "expected a value here"
		}
	case msg == "could not find expected ':'":
		msg = "this line holds a key without a ':' after it"
	case msg == "mapping values are not allowed in this context":
		if i := valueColon(text); i >= 0 {
			col = at(i)
		}
		msg = "a ':' here starts a key inside a plain value; quote the value if the ':' is part of it, or fix the indentation"
	case msg == "found character that cannot start any token":
		if i := reservedStart(text); i >= 0 {
			col = at(i)
			msg = fmt.Sprintf("a plain value cannot start with %q; quote the value", text[i])
		}
	case strings.HasPrefix(msg, "unknown anchor '"):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		if off := aliasOffset(data, name); off >= 0 {
			line, col = lineCol(data, off)
		}
		msg = fmt.Sprintf("alias *%s refers to no anchor; define &%s before using it", name, name)
	}
	if line == 0 {
		line, col = 1, 1
	}
	return &InputError{File: file, Line: line, Col: col, Msg: "invalid YAML: " + msg}
}

// tokenStart reports whether a token can start at byte i of text: at the start
// of the content or after a space or a flow indicator.
func tokenStart(text string, i int) bool {
	return i == 0 || strings.IndexByte(" \t[{,", text[i-1]) >= 0
}

// sameIndent reports whether line is indented like a line from first to the
// line before it, ignoring blank and comment lines.
func sameIndent(lines []string, first, line int) bool {
	indent := func(l int) (int, bool) {
		if l < 1 || l > len(lines) {
			return 0, false
		}
		t := strings.TrimRight(lines[l-1], " \t\r")
		c := strings.TrimLeft(t, " ")
		return len(t) - len(c), c != "" && c[0] != '#'
	}
	want, ok := indent(line)
	if !ok {
		return false
	}
	for l := max(first, 1); l < line; l++ {
		if got, ok := indent(l); ok && got == want {
			return true
		}
	}
	return first == line
}

// trailingText returns the byte index of text that follows a complete
// quoted string or flow collection on the line (as in a: "x" y), or -1.
func trailingText(text string) int {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '#' && tokenStart(text, i) {
			return -1
		}
		if !strings.ContainsRune("\"'[{", rune(c)) || !(tokenStart(text, i) || text[i-1] == ':') {
			continue
		}
		end := valueEnd(text, i)
		if end < 0 {
			return -1
		}
		j := end
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j < len(text) && !strings.ContainsRune("#,]}:\r", rune(text[j])) {
			return j
		}
		i = end - 1
	}
	return -1
}

// valueEnd returns the byte index just after the quoted string or flow
// collection starting at byte i of text, or -1 when it does not end on the
// line.
func valueEnd(text string, i int) int {
	depth := 0
	quote := byte(0)
	for j := i; j < len(text); j++ {
		c := text[j]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				j++
			} else if c == quote {
				if quote == '\'' && j+1 < len(text) && text[j+1] == '\'' {
					j++
					continue
				}
				quote = 0
				if depth == 0 {
					return j + 1
				}
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return -1
}

// openingQuote returns the byte index of the quote that opens a string left
// open at the end of text, or -1.
func openingQuote(text string) int {
	open := -1
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case open >= 0:
			if c == '\\' && text[open] == '"' {
				i++
			} else if c == text[open] {
				if c == '\'' && i+1 < len(text) && text[i+1] == '\'' {
					i++
				} else {
					open = -1
				}
			}
		case c == '#' && tokenStart(text, i):
			return -1
		case (c == '"' || c == '\'') && (tokenStart(text, i) || text[i-1] == ':'):
			open = i
		}
	}
	return open
}

// openingBracket returns the byte index of the innermost open bracket left
// unclosed at the end of text, else of the first open bracket, or -1.
// Quoted strings and comments are skipped.
func openingBracket(text string, open, close byte) int {
	var stack []int
	first := -1
	quote := byte(0)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '#' && tokenStart(text, i):
			i = len(text)
		case c == '"' || c == '\'':
			if tokenStart(text, i) {
				quote = c
			}
		case c == open:
			if first < 0 {
				first = i
			}
			stack = append(stack, i)
		case c == close && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return stack[len(stack)-1]
	}
	return first
}

// valueColon returns the byte index of the ':' that yaml.v3 refused as
// "mapping values are not allowed": the second key-like ':' on the line (as
// in "image: repo: tag"), else the first, or -1.
func valueColon(text string) int {
	var found []int
	for i := 0; i < len(text); i++ {
		if text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t') {
			found = append(found, i)
		}
	}
	switch {
	case len(found) >= 2:
		return found[1]
	case len(found) == 1:
		return found[0]
	}
	return -1
}

// reservedStart returns the byte index of a reserved indicator ('@' or '`')
// that starts a token, or -1.
func reservedStart(text string) int {
	for i := 0; i < len(text); i++ {
		if (text[i] == '@' || text[i] == '`') && (tokenStart(text, i) || text[i-1] == ':') {
			return i
		}
	}
	return -1
}

// aliasOffset returns the offset of the first use of alias *name in data, or
// -1.
func aliasOffset(data []byte, name string) int {
	re := regexp.MustCompile(`(?:^|[\s\[{,:])(\*` + regexp.QuoteMeta(name) + `)(?:$|[\s\]},])`)
	if m := re.FindSubmatchIndex(data); m != nil {
		return m[2]
	}
	return -1
}
