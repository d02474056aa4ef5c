package check

import (
	"fmt"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/lazyre"
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
	used   bool
}

// directive is an inline `# valuesmith:ignore <rule> <reason>` comment.
type directive struct {
	file   string
	line   int // the line of the comment
	col    int
	target int // the line it applies to
	rules  []string
	reason string
	bad    string // why the directive is invalid, if it is
	used   bool
}

var directiveRE = lazyre.New(`(^|\s)#\s*valuesmith:ignore\b(.*)$`)

// directives finds the ignore comments of a document. A comment after a
// value applies to its own line; a comment alone on its line applies to the
// next line that holds a value. Text that only looks like one, inside a
// quoted or block scalar, is not a comment.
func directives(doc *values.Document) []*directive {
	lines := strings.Split(string(doc.Source), "\n")
	var spans []span
	if doc.YAML != nil {
		spans = scalarSpans(doc.YAML, lines)
	}
	var out []*directive
	for i, l := range lines {
		if !strings.Contains(l, "valuesmith:ignore") {
			continue
		}
		var m []int
		hash := -1
		for from := 0; from < len(l); {
			mm := directiveRE.FindStringSubmatchIndex(l[from:])
			if mm == nil {
				break
			}
			for k := range mm {
				if mm[k] >= 0 {
					mm[k] += from
				}
			}
			h := strings.Index(l[mm[0]:], "#") + mm[0]
			if !inSpans(spans, i+1, len([]rune(l[:h]))+1) {
				m, hash = mm, h
				break
			}
			from = h + 1
		}
		if m == nil {
			continue
		}
		d := &directive{file: doc.File, line: i + 1, col: len([]rune(l[:hash])) + 1, target: i + 1}
		if strings.TrimSpace(l[:hash]) == "" {
			d.target = 0
			for j := i + 1; j < len(lines); j++ {
				t := strings.TrimSpace(lines[j])
				if t != "" && (!strings.HasPrefix(t, "#") || inSpans(spans, j+1, len([]rune(lines[j]))-len([]rune(strings.TrimLeft(lines[j], " \t")))+1)) {
					d.target = j + 1
					break
				}
			}
		}
		rest := strings.TrimSpace(l[m[4]:m[5]])
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
		out = append(out, d)
	}
	return out
}

// span is the text of one quoted or block scalar, from its first character
// to just past its last (lines 1-based, columns 1-based in characters, as
// yaml.v3 counts them).
type span struct{ fromLine, fromCol, toLine, toCol int }

func inSpans(spans []span, line, col int) bool {
	for _, s := range spans {
		after := line > s.fromLine || (line == s.fromLine && col >= s.fromCol)
		before := line < s.toLine || (line == s.toLine && col < s.toCol)
		if after && before {
			return true
		}
	}
	return false
}

// scalarSpans finds where the quoted and block scalars of a document are:
// a '#' inside one is text, not a comment.
func scalarSpans(n *yaml.Node, lines []string) []span {
	var out []span
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		if n.Kind == yaml.ScalarNode && n.Line > 0 {
			if s, ok := scalarSpan(n, lines); ok {
				out = append(out, s)
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return out
}

func scalarSpan(n *yaml.Node, lines []string) (span, bool) {
	if n.Line > len(lines) {
		return span{}, false
	}
	line := []rune(lines[n.Line-1])
	col := n.Column - 1 // index of the scalar's first character
	if col < 0 || col >= len(line) {
		return span{}, false
	}
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		// The block's lines: every following line that is blank or
		// indented at least as far as its first content line.
		end, indent := n.Line, -1
		for j := n.Line; j < len(lines); j++ {
			t := strings.TrimLeft(lines[j], " ")
			if strings.TrimSpace(t) == "" {
				continue
			}
			ind := len(lines[j]) - len(t)
			if indent < 0 {
				indent = ind
			}
			if ind < indent || ind == 0 {
				break
			}
			end = j + 1
		}
		return span{n.Line, n.Column, end + 1, 1}, true
	case n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0:
		q := line[col]
		if q != '\'' && q != '"' {
			return span{}, false
		}
		l, c := n.Line, col+1
		for l <= len(lines) {
			r := []rune(lines[l-1])
			for ; c < len(r); c++ {
				switch {
				case q == '"' && r[c] == '\\':
					c++
				case r[c] == q && q == '\'' && c+1 < len(r) && r[c+1] == '\'':
					c++
				case r[c] == q:
					return span{n.Line, n.Column, l, c + 2}, true
				}
			}
			l, c = l+1, 0
		}
	}
	return span{}, false
}

func (d *directive) matches(f finding.Finding) bool {
	if d.bad != "" || f.File != d.file || f.Line != d.target || d.target == 0 {
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
	var kept []finding.Finding
	suppressed := 0
	for _, f := range fs {
		if sev, ok := p.Severity[f.RuleID]; ok {
			f.Severity = sev
		}
		hidden := false
		for _, d := range dirs {
			if d.matches(f) {
				d.used, hidden = true, true
			}
		}
		for i := range p.Ignores {
			if p.Ignores[i].matches(f, p.ConfigFile) {
				p.Ignores[i].used, hidden = true, true
			}
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
	for _, ig := range p.Ignores {
		if !ig.used && p.enabled([]string{ig.Rule}) {
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
