package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/eval"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
	"github.com/valuesmith/valuesmith/schema/model"
)

// Rules the schema revision reports instead of a schema error.
const (
	ruleSpelling = "spelling-noncanonical"
	ruleNull     = "null-deletes-default"
)

// reviseSchema makes the schema findings of one file as true as the
// chart: a spelling the chart reads the same way as the canonical one is
// info naming the canonical form, a null says that it deletes the default,
// and a schema error at a key where the chart refuses the value says that
// the chart refuses to render. ctx gives the effective values of a release
// that reads the file (nil when none was checked); it is called only for a
// refusal that depends on them.
func reviseSchema(fs []finding.Finding, doc *values.Document, v *schema.Version, ctx func() *rules.Context) []finding.Finding {
	out := fs[:0]
	for _, f := range fs {
		if f.RuleID != finding.SchemaRule || f.File != doc.File {
			out = append(out, f)
			continue
		}
		n := doc.Root.Lookup(f.Path)
		if g, ok := lenient(f, n); ok {
			out = append(out, g)
			continue
		}
		out = append(out, refuses(f, n, v, ctx))
	}
	return out
}

// lenient turns a schema finding about a spelling the chart treats the
// same way into an info naming the canonical form.
func lenient(f finding.Finding, n *values.Node) (finding.Finding, bool) {
	g := f
	g.Severity = finding.Info
	g.RuleID = ruleSpelling
	g.Remediation = ruleRemediation(ruleSpelling)
	switch {
	case n != nil && n.Kind == values.Null:
		g.RuleID, g.Remediation = ruleNull, ruleRemediation(ruleNull)
		g.Message = "set to null: Helm deletes a key set to null, so the chart's default for " + f.Path +
			" is gone too and the templates render as if the key were not there"
		return g, true
	case strings.HasPrefix(f.Path, "langfuse.auth.providers.") && strings.HasPrefix(f.Message, "unknown key") &&
		strings.Count(f.Path, ".") == 3:
		key := f.Path[strings.LastIndex(f.Path, ".")+1:]
		name, canonical, ok := model.ProviderName(key)
		if !ok {
			return f, false
		}
		g.Message = fmt.Sprintf("the chart reads provider %q as %s (env AUTH_%s_*), the same as the canonical key %s", key, name, name, canonical)
		return g, true
	case n != nil && n.Kind == values.String && n.Quoted && matchesAny(model.UnquotedScalars, f.Path) && isWholeNumber(n.Str):
		g.Message = fmt.Sprintf("the quoted number %q renders as the number %s, since the chart prints this key unquoted; the canonical form is %s without quotes",
			n.Str, n.Str, n.Str)
		return g, true
	case n != nil && n.Kind == values.String && matchesAny(model.JoinedLists, f.Path):
		g.Message = "a string where the chart expects a list: the chart joins the list with commas and uses a string as written, so this renders the same; the canonical form is a list of host:port items"
		return g, true
	}
	return f, false
}

func isWholeNumber(s string) bool {
	_, err := strconv.ParseUint(strings.TrimSpace(s), 10, 63)
	return err == nil
}

func matchesAny(patterns []string, path string) bool {
	for _, p := range patterns {
		if model.PathMatches(p, path) {
			return true
		}
	}
	return false
}

// refuses adds "the chart refuses to render" to a schema error at a key
// where the chart rejects such a value (its model's SchemaRefusals).
func refuses(f finding.Finding, n *values.Node, v *schema.Version, ctx func() *rules.Context) finding.Finding {
	for _, r := range v.SchemaRefusals {
		if !r.Matches(f.Path) {
			continue
		}
		if r.Object != "" && (n == nil || n.Kind == values.Map) {
			continue // only a value that is not a map breaks the metadata
		}
		if r.When != "" {
			if ctx == nil {
				continue
			}
			if c := ctx(); c == nil || !eval.Truthy(c.Get(r.When)) {
				continue
			}
		}
		f.Message += "; the chart refuses to render: " + r.Why
		return f
	}
	return f
}

func ruleRemediation(id string) string {
	if r, ok := rules.Lookup(id); ok {
		return r.Remediation
	}
	return ""
}

// duplicateFindings reports each key written twice in one mapping, at the
// occurrence Helm keeps; the rest of the file is checked as Helm reads it.
func duplicateFindings(doc *values.Document) []finding.Finding {
	var out []finding.Finding
	for _, d := range doc.Duplicates {
		path := pathAt(doc.Root, "", d.Pos)
		if path == "" {
			path = d.Key
		}
		out = append(out, finding.Finding{
			RuleID: ruleDuplicateKey, Severity: finding.Error, File: doc.File, Line: d.Pos.Line, Col: d.Pos.Col, Path: path,
			Message: fmt.Sprintf("duplicate key %q (first set at line %d): Helm keeps this value and drops the first, with everything below it",
				d.Key, d.First.Line),
			Remediation: ruleRemediation(ruleDuplicateKey),
		})
	}
	return out
}

const ruleDuplicateKey = "duplicate-key"

// pathAt finds the path of the key written at pos.
func pathAt(n *values.Node, path string, pos values.Pos) string {
	switch n.Kind {
	case values.Map:
		for _, f := range n.Fields {
			p := values.JoinKey(path, f.Key)
			if f.KeyPos.Line == pos.Line && f.KeyPos.Col == pos.Col {
				return p
			}
			if got := pathAt(f.Value, p, pos); got != "" {
				return got
			}
		}
	case values.List:
		for i, it := range n.Items {
			if got := pathAt(it, values.JoinIndex(path, i), pos); got != "" {
				return got
			}
		}
	}
	return ""
}
