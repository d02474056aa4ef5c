package check

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
)

// Policy decides the final severity of findings and which are suppressed.
type Policy struct {
	// Severity overrides a rule's default severity.
	Severity map[string]finding.Severity
	// Ignores come from the config file.
	Ignores []ConfigIgnore
	// ConfigFile is where Ignores were read from.
	ConfigFile string
	// Disabled are rules switched off; ignores of them are not reported as
	// unused.
	Disabled map[string]bool
}

// ConfigIgnore suppresses findings of one rule, optionally only for a key
// path or a file.
type ConfigIgnore struct {
	Rule   string
	Path   string
	File   string
	Reason string
	Pos    values.Pos
}

// directive is an inline `# valuesmith:ignore <rule> <reason>` comment.
type directive struct {
	file   string
	line   int // the line of the comment
	col    int
	target int // the line it applies to
	// blocks maps, for the document's lines that start a key or a list
	// item, the line of the entry that holds it (nil without a document
	// tree): an ignore on a line that opens a block (a key over a nested
	// map or list, a list item) covers the lines of that block too.
	blocks map[int]int
	rules  []string
	reason string
	bad    string // why the directive is invalid, if it is
	used   bool
}

// directiveWord is what an ignore comment says after its '#'.
const directiveWord = "valuesmith:ignore"

// directives finds the ignore comments of a document. A comment after a
// value applies to its own line; a comment alone on its line applies to the
// next line that holds a value. Text that only looks like one, inside a
// quoted or block scalar, is not a comment. The work is linear in the size
// of the document: each line is searched once, each scalar's extent is
// scanned once, and positions are looked up by binary search.
func directives(doc *values.Document) []*directive {
	if !strings.Contains(string(doc.Source), directiveWord) {
		return nil
	}
	t := newText(doc.Source)
	var blocks map[int]int
	if doc.YAML != nil {
		t.spans = scalarSpans(doc.YAML, t)
		blocks = blockParents(doc.YAML)
	}
	var out []*directive
	var next []int
	for i, l := range t.lines {
		if !strings.Contains(l, directiveWord) {
			continue
		}
		hash, restAt, ok := t.findDirective(i+1, l)
		if !ok {
			continue
		}
		d := &directive{file: doc.File, line: i + 1, col: utf8.RuneCountInString(l[:hash]) + 1, target: i + 1, blocks: blocks}
		if strings.TrimSpace(l[:hash]) == "" {
			if next == nil {
				next = t.nextValueLines()
			}
			d.target = next[i+1]
		}
		d.parse(strings.TrimSpace(l[restAt:]))
		out = append(out, d)
	}
	return out
}

// parse reads the rule IDs and the reason after "valuesmith:ignore".
func (d *directive) parse(rest string) {
	ids, reason, _ := strings.Cut(rest, " ")
	reason = strings.TrimSpace(reason)
	switch {
	case ids == "":
		d.bad = "names no rule; write # valuesmith:ignore <rule-id> <reason>"
	case reason == "":
		d.bad = fmt.Sprintf("gives no reason for ignoring %s; write the reason after the rule ID", ids)
	}
	for _, id := range strings.Split(ids, ",") {
		if id == "" {
			continue
		}
		d.rules = append(d.rules, id)
		if _, ok := rules.Lookup(id); !ok && id != finding.SchemaRule && d.bad == "" {
			d.bad = "names " + rules.UnknownRuleError(id).Error()
		}
	}
	d.reason = reason
}

// text is a document split into lines, with the quoted and block scalars'
// extents in byte offsets.
type text struct {
	lines []string
	spans []span // sorted by start, not overlapping
	// chars holds, for a line that is not ASCII, the byte offset of each
	// of its characters; built when first needed.
	chars map[int][]int
}

func newText(src []byte) *text {
	return &text{lines: strings.Split(string(src), "\n")}
}

// offset turns a 1-based character column of a 1-based line, as yaml.v3
// counts them, into a byte offset in the line; -1 past its end.
func (t *text) offset(line, col int) int {
	l := t.lines[line-1]
	c := col - 1
	if c < 0 {
		return -1
	}
	offs, ok := t.chars[line]
	if !ok {
		if isASCII(l) {
			if c >= len(l) {
				return -1
			}
			return c
		}
		offs = make([]int, 0, len(l))
		for b := range l {
			offs = append(offs, b)
		}
		if t.chars == nil {
			t.chars = map[int][]int{}
		}
		t.chars[line] = offs
	}
	if c >= len(offs) {
		return -1
	}
	return offs[c]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// findDirective finds the first "# valuesmith:ignore" of a line that is a
// comment, not text inside a scalar: the offset of its '#' and of the text
// after it.
func (t *text) findDirective(line int, l string) (hash, rest int, ok bool) {
	for from := 0; ; {
		k := strings.Index(l[from:], directiveWord)
		if k < 0 {
			return 0, 0, false
		}
		k += from
		end := k + len(directiveWord)
		from = end
		if end < len(l) && isWordByte(l[end]) {
			continue
		}
		h := k
		for h > 0 && isSpaceByte(l[h-1]) {
			h--
		}
		if h == 0 || l[h-1] != '#' {
			continue
		}
		h--
		if h > 0 && !isSpaceByte(l[h-1]) {
			continue
		}
		if !t.inSpans(line, h) {
			return h, end, true
		}
	}
}

func isWordByte(c byte) bool {
	return c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

// nextValueLines maps each 1-based line to the first line at or after it
// that holds a value (not blank, not only a comment); 0 when none does.
func (t *text) nextValueLines() []int {
	next := make([]int, len(t.lines)+2)
	for j := len(t.lines) - 1; j >= 0; j-- {
		next[j+1] = next[j+2]
		l := t.lines[j]
		s := strings.TrimSpace(l)
		if s != "" && (!strings.HasPrefix(s, "#") || t.inSpans(j+1, len(l)-len(strings.TrimLeft(l, " \t")))) {
			next[j+1] = j + 1
		}
	}
	return next
}

// span is the text of one quoted or block scalar, from its first byte to
// just past its last (lines 1-based, offsets 0-based bytes in the line).
type span struct{ fromLine, fromOff, toLine, toOff int }

// inSpans reports whether the byte at off of the 1-based line is inside a
// scalar.
func (t *text) inSpans(line, off int) bool {
	// The last span starting at or before the position is the only one
	// that can hold it.
	i := sort.Search(len(t.spans), func(i int) bool {
		s := t.spans[i]
		return s.fromLine > line || (s.fromLine == line && s.fromOff > off)
	}) - 1
	if i < 0 {
		return false
	}
	s := t.spans[i]
	return line < s.toLine || (line == s.toLine && off < s.toOff)
}

// scalarSpans finds where the quoted and block scalars of a document are:
// a '#' inside one is text, not a comment.
func scalarSpans(n *yaml.Node, t *text) []span {
	var out []span
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		if n.Kind == yaml.ScalarNode && n.Line > 0 {
			if s, ok := t.scalarSpan(n); ok {
				out = append(out, s)
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.fromLine < b.fromLine || (a.fromLine == b.fromLine && a.fromOff < b.fromOff)
	})
	return out
}

func (t *text) scalarSpan(n *yaml.Node) (span, bool) {
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle|yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) == 0 || n.Line > len(t.lines) {
		return span{}, false
	}
	at := t.offset(n.Line, n.Column)
	if at < 0 {
		return span{}, false
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return span{n.Line, at, t.blockEnd(n.Line) + 1, 0}, true
	}
	return t.quotedSpan(n.Line, at)
}

// blockEnd is the last line of a block scalar whose header is on line: every
// following line that is blank or indented at least as far as its first
// content line.
func (t *text) blockEnd(line int) int {
	end, indent := line, -1
	for j := line; j < len(t.lines); j++ {
		s := strings.TrimLeft(t.lines[j], " ")
		if strings.TrimSpace(s) == "" {
			continue
		}
		ind := len(t.lines[j]) - len(s)
		if indent < 0 {
			indent = ind
		}
		if ind < indent || ind == 0 {
			break
		}
		end = j + 1
	}
	return end
}

// quotedSpan scans a quoted scalar that starts at byte at of line to its
// closing quote.
func (t *text) quotedSpan(line, at int) (span, bool) {
	q := t.lines[line-1][at]
	if q != '\'' && q != '"' {
		return span{}, false
	}
	l, c := line, at+1
	for l <= len(t.lines) {
		r := t.lines[l-1]
		for ; c < len(r); c++ {
			switch {
			case q == '"' && r[c] == '\\':
				c++
			case r[c] == q && q == '\'' && c+1 < len(r) && r[c+1] == '\'':
				c++
			case r[c] == q:
				return span{line, at, l, c + 1}, true
			}
		}
		l, c = l+1, 0
	}
	return span{}, false
}

// blockParents maps each line that starts a map key or a list item to the
// line of the key or item whose block holds it, for the entries below
// another entry's line. The walk is linear in the document.
func blockParents(root *yaml.Node) map[int]int {
	parents := map[int]int{}
	var walk func(n *yaml.Node, enclosing int)
	record := func(line, enclosing int) {
		if _, seen := parents[line]; !seen && enclosing > 0 && enclosing < line {
			parents[line] = enclosing
		}
	}
	walk = func(n *yaml.Node, enclosing int) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, enclosing)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				record(k.Line, enclosing)
				walk(n.Content[i+1], k.Line)
			}
		case yaml.SequenceNode:
			for _, it := range n.Content {
				record(it.Line, enclosing)
				walk(it, it.Line)
			}
		}
	}
	walk(root, 0)
	return parents
}

// covers reports whether the directive applies to a finding on line: its
// target line, its own line when it stands alone (a finding placed at line
// 1 of a file that starts with the comment), or a line in the block its
// target line opens.
func (d *directive) covers(line int) bool {
	if line == d.target || line == d.line {
		return true
	}
	for p := d.blocks[line]; p > 0; p = d.blocks[p] {
		if p == d.target {
			return true
		}
	}
	return false
}

func (d *directive) matches(f finding.Finding) bool {
	if d.bad != "" || f.File != d.file || d.target == 0 || !d.covers(f.Line) {
		return false
	}
	for _, r := range d.rules {
		if r == f.RuleID {
			return true
		}
	}
	return false
}

// matches reports whether the ignore applies to f. A file pattern matches
// the finding's file as given, its base name, or its path relative to the
// config file's directory (so ./v.yaml, v.yaml and an absolute path name the
// same file).
func (ig *ConfigIgnore) matches(f finding.Finding, configFile string) bool {
	if ig.Rule != f.RuleID {
		return false
	}
	if ig.Path != "" && f.Path != ig.Path && !strings.HasPrefix(f.Path, ig.Path+".") && !strings.HasPrefix(f.Path, ig.Path+"[") {
		return false
	}
	if ig.File != "" {
		full, _ := filepath.Match(ig.File, f.File)
		base, _ := filepath.Match(ig.File, filepath.Base(f.File))
		if !full && !base && !matchFromConfigDir(ig.File, f.File, configFile) {
			return false
		}
	}
	return true
}

// matchFromConfigDir matches a file pattern, read relative to the config
// file's directory, against a file named relative to the working directory
// or absolutely.
func matchFromConfigDir(pattern, file, configFile string) bool {
	if configFile == "" {
		return false
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		return false
	}
	if !filepath.IsAbs(pattern) {
		dir, err := filepath.Abs(filepath.Dir(configFile))
		if err != nil {
			return false
		}
		pattern = filepath.Join(dir, pattern)
	}
	ok, _ := filepath.Match(filepath.Clean(pattern), absFile)
	return ok
}

// directiveIndex finds the ignore comments that may apply to a finding:
// those aimed at its line, standing alone on its line, or aimed at a line
// that opens a block holding it (found by walking up the finding's
// enclosing entries: as many steps as the block is deep).
type directiveIndex struct {
	lines  map[lineKey][]*directive
	blocks map[string]map[int]int // by file
}

func newDirectiveIndex(dirs []*directive) *directiveIndex {
	ix := &directiveIndex{lines: map[lineKey][]*directive{}, blocks: map[string]map[int]int{}}
	for _, d := range dirs {
		ix.lines[lineKey{d.file, d.target}] = append(ix.lines[lineKey{d.file, d.target}], d)
		if d.line != d.target {
			ix.lines[lineKey{d.file, d.line}] = append(ix.lines[lineKey{d.file, d.line}], d)
		}
		if d.blocks != nil {
			ix.blocks[d.file] = d.blocks
		}
	}
	return ix
}

func (ix *directiveIndex) at(f finding.Finding) []*directive {
	out := ix.lines[lineKey{f.File, f.Line}]
	blocks := ix.blocks[f.File]
	for p := blocks[f.Line]; p > 0; p = blocks[p] {
		out = append(out[:len(out):len(out)], ix.lines[lineKey{f.File, p}]...)
	}
	return out
}

// lineKey is a line of a file.
type lineKey struct {
	file string
	line int
}

// ignoreIndex finds the config ignores that may match a finding by its rule
// and key path; which of them were used is kept per run.
type ignoreIndex struct {
	all  []ConfigIgnore
	used []bool
	// byRulePath maps rule and path (empty: every path) to the ignores.
	byRulePath map[[2]string][]int
}

func newIgnoreIndex(igs []ConfigIgnore) *ignoreIndex {
	x := &ignoreIndex{all: igs, used: make([]bool, len(igs)), byRulePath: map[[2]string][]int{}}
	for i, ig := range igs {
		k := [2]string{ig.Rule, ig.Path}
		x.byRulePath[k] = append(x.byRulePath[k], i)
	}
	return x
}

// match marks every ignore that applies to f as used and reports whether
// any did. The candidates are the ignores of f's rule whose path is empty,
// f's path, or a parent of it (ending before a '.' or a '[').
func (x *ignoreIndex) match(f finding.Finding, configFile string) bool {
	if len(x.all) == 0 {
		return false
	}
	hit := false
	try := func(path string) {
		for _, i := range x.byRulePath[[2]string{f.RuleID, path}] {
			if (hit && x.used[i]) || !x.all[i].matches(f, configFile) {
				continue
			}
			x.used[i], hit = true, true
		}
	}
	try("")
	if f.Path != "" {
		try(f.Path)
	}
	for i := 0; i < len(f.Path); i++ {
		if c := f.Path[i]; c == '.' || c == '[' {
			try(f.Path[:i])
		}
	}
	return hit
}

// isMeta reports findings about suppressions themselves, which cannot be
// suppressed.
func isMeta(id string) bool { return id == ruleIgnoreUnused || id == ruleIgnoreInvalid }

const (
	ruleIgnoreUnused  = "ignore-unused"
	ruleIgnoreInvalid = "ignore-invalid"
)

// apply sets severities, drops findings of rules turned off, suppresses
// ignored findings and reports ignores that are invalid or unused.
// dirs are the ignore comments of the files read, in the order read.
func (p *Policy) apply(fs []finding.Finding, dirs []*directive) ([]finding.Finding, int) {
	// Each finding looks up the directives of its own line and the
	// ignores of its own rule and key path (or a parent of it), so the
	// work grows with findings plus ignores, not their product.
	byLine := newDirectiveIndex(dirs)
	ignores := newIgnoreIndex(p.Ignores)
	var kept []finding.Finding
	suppressed := 0
	for _, f := range fs {
		if p.Disabled[f.RuleID] {
			continue
		}
		if sev, ok := p.Severity[f.RuleID]; ok {
			f.Severity = sev
		}
		hidden := false
		for _, d := range byLine.at(f) {
			if d.matches(f) {
				d.used, hidden = true, true
			}
		}
		if ignores.match(f, p.ConfigFile) {
			hidden = true
		}
		if hidden {
			suppressed++
			continue
		}
		kept = append(kept, f)
	}

	meta := func(id, file string, line, col int, path, msg string) {
		if p.Disabled[id] {
			return
		}
		r, _ := rules.Lookup(id)
		f := finding.Finding{RuleID: id, Severity: r.Severity, File: file, Line: line, Col: col, Path: path, Message: msg, Remediation: r.Remediation}
		if sev, ok := p.Severity[id]; ok {
			f.Severity = sev
		}
		kept = append(kept, f)
	}
	for _, d := range dirs {
		switch {
		case d.bad != "":
			meta(ruleIgnoreInvalid, d.file, d.line, d.col, "", "this ignore "+d.bad)
		case d.target == 0:
			meta(ruleIgnoreInvalid, d.file, d.line, d.col, "", "this ignore has no line after it to apply to")
		case !d.used && p.enabled(d.rules):
			meta(ruleIgnoreUnused, d.file, d.line, d.col, "", fmt.Sprintf("this ignore of %s suppresses nothing on line %d", strings.Join(d.rules, ", "), d.target))
		}
	}
	for i, ig := range p.Ignores {
		if !ignores.used[i] && p.enabled([]string{ig.Rule}) {
			meta(ruleIgnoreUnused, p.ConfigFile, ig.Pos.Line, ig.Pos.Col, "", fmt.Sprintf("this ignore of %s suppresses nothing", ig.Rule))
		}
	}
	return kept, suppressed
}

// enabled is false when every rule named is switched off, so an ignore of a
// disabled rule is not reported as unused.
func (p *Policy) enabled(ids []string) bool {
	for _, id := range ids {
		if !p.off(id) {
			return true
		}
	}
	return false
}

func (p *Policy) off(id string) bool { return p.Disabled[id] }
