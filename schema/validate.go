package schema

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/suggest"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema/model"
)

// english prints the validator's own messages for error kinds without a
// message of ours.
var english = message.NewPrinter(language.English)

// compiled holds a version's schema, decoded once for validation with
// positions (and compiled whole on demand, for tests and tools).
type compiled struct {
	once    sync.Once
	checker *Checker
	err     error

	fullOnce sync.Once
	full     *jsonschema.Schema
	fullErr  error
}

const schemaURL = "values.schema.json"

// Compiled returns the version's whole schema compiled by
// santhosh-tekuri/jsonschema/v6, the validator Helm uses.
func (v *Version) Compiled() (*jsonschema.Schema, error) {
	v.fullOnce.Do(func() {
		v.full, v.fullErr = CompileJSON(v.Schema)
		if v.fullErr != nil {
			v.fullErr = fmt.Errorf("compile the schema of chart %s: %w", v.Chart, v.fullErr)
		}
	})
	return v.full, v.fullErr
}

// CompileJSON compiles a JSON Schema document with the validator Helm uses.
func CompileJSON(data []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	c := newCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(schemaURL)
}

// Checker returns the version's validator with positions.
func (v *Version) Checker() (*Checker, error) {
	v.once.Do(func() {
		v.checker, v.err = NewChecker(v.Validation)
		if v.err != nil {
			v.err = fmt.Errorf("read the schema of chart %s: %w", v.Chart, v.err)
			return
		}
		v.checker.Legacy, v.checker.Chart = v.Moves, v.Chart
		v.checker.Older, v.checker.Homes = v.olderMoves(), v.appHomes()
	})
	return v.checker, v.err
}

// Validate checks a values file against the version's schema and returns
// every problem, each at the line and column of the key or value at fault.
func (v *Version) Validate(doc *values.Document) ([]finding.Finding, error) {
	return v.ValidateWith(doc, nil)
}

// KeySet is a set of dotted key paths (as values.JoinKey writes them).
type KeySet map[string]bool

// NotModelledRule is the rule ID of keys a chart has that the model lacks.
const NotModelledRule = "key-not-modelled"

// ValidateWith is Validate for a chart newer than the model: a key the
// model does not know but extra holds (the chart's own values.yaml has it)
// is accepted and reported as info instead of as an unknown key.
func (v *Version) ValidateWith(doc *values.Document, extra KeySet) ([]finding.Finding, error) {
	ck, err := v.Checker()
	if err != nil {
		return nil, err
	}
	return ck.validate(doc, extra)
}

// Checker validates documents against a JSON Schema with positions. The
// chart's values use it through Version.Validate; other inputs (the
// generator's answers) use it with their own schema.
type Checker struct {
	// Raw is the schema document, decoded.
	Raw *RawSchema
	// Legacy lists keys of an older chart major, reported with their new
	// home; Chart names the version in those messages.
	Legacy []LegacyKey
	Chart  string
	// Older lists keys of chart majors before Legacy's (0.x keys, for
	// chart 2.x); a top-level key among them is pointed to its home now.
	Older []LegacyKey
	// Homes are where application settings written at the top level
	// belong, in order of preference: the settings every component shares,
	// then each component's own (langfuse, langfuse.web, langfuse.worker).
	Homes []string
	// Parts caps the parts a pruned schema is split into to be compiled
	// side by side (see split); 0 is one per core.
	Parts int
	// Full, when set, is the whole schema compiled; documents are then
	// validated against it instead of against a pruned schema (the tests
	// compare both).
	Full *jsonschema.Schema

	// A one-shot run validates a document or two, and compiling the pruned
	// schema for each is cheaper than compiling everything. A process that
	// validates many documents (the generator's self-check in a loop, the
	// wizard) compiles the whole schema once instead.
	mu         sync.Mutex
	uses       int
	fullOnce   sync.Once
	compileErr error
	json       []byte
}

// pruneUpTo is how many documents a process validates against pruned
// schemas before it compiles the whole schema once.
const pruneUpTo = 3

// NewChecker decodes a schema document for validation.
func NewChecker(schemaJSON []byte) (*Checker, error) {
	raw, err := decodeRaw(schemaJSON)
	if err != nil {
		return nil, err
	}
	return &Checker{Raw: raw, json: schemaJSON}, nil
}

// fullSchema is the whole schema compiled, once the process has validated
// enough documents for that to pay; nil before.
func (ck *Checker) fullSchema() (*jsonschema.Schema, error) {
	ck.mu.Lock()
	ck.uses++
	many := ck.uses > pruneUpTo && ck.json != nil
	ck.mu.Unlock()
	if many {
		ck.fullOnce.Do(func() {
			full, err := CompileJSON(ck.json)
			ck.mu.Lock()
			ck.Full, ck.compileErr = full, err
			ck.mu.Unlock()
		})
	}
	ck.mu.Lock()
	defer ck.mu.Unlock()
	return ck.Full, ck.compileErr
}

// schemaErrors validates inst with the validator Helm uses and returns
// its error trees (none when inst is valid): against the whole schema once
// that is compiled, else against the schema pruned to inst, in parts
// compiled side by side (see split).
func (ck *Checker) schemaErrors(inst any) ([]*jsonschema.ValidationError, error) {
	full, err := ck.fullSchema()
	if err != nil {
		return nil, err
	}
	if full != nil {
		return asValidationErrors(full.Validate(inst))
	}
	pruned, err := prune(ck.Raw, inst)
	if err != nil {
		return nil, err
	}
	n := ck.Parts
	if n == 0 {
		n = runtime.GOMAXPROCS(0)
	}
	parts := split(pruned, n)
	errs := make([][]*jsonschema.ValidationError, len(parts))
	fails := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts[1:] {
		wg.Go(func() { errs[i+1], fails[i+1] = validateWith(part, inst) })
	}
	errs[0], fails[0] = validateWith(parts[0], inst)
	wg.Wait()
	if err := errors.Join(fails...); err != nil {
		return nil, err
	}
	return slices.Concat(errs...), nil
}

// validateWith compiles a self-contained schema document and validates
// inst against it.
func validateWith(schemaDoc map[string]any, inst any) ([]*jsonschema.ValidationError, error) {
	c := newCompiler()
	if err := c.AddResource(schemaURL, schemaDoc); err != nil {
		return nil, err
	}
	sch, err := c.Compile(schemaURL)
	if err != nil {
		return nil, err
	}
	return asValidationErrors(sch.Validate(inst))
}

// asValidationErrors is the validator's result as a list of error trees.
func asValidationErrors(err error) ([]*jsonschema.ValidationError, error) {
	if err == nil {
		return nil, nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil, err
	}
	return []*jsonschema.ValidationError{ve}, nil
}

// Validate returns every problem of doc, sorted by position.
func (ck *Checker) Validate(doc *values.Document) ([]finding.Finding, error) {
	return ck.validate(doc, nil)
}

func (ck *Checker) validate(doc *values.Document, extra KeySet) ([]finding.Finding, error) {
	inst := doc.Root.Interface()
	verrs, err := ck.schemaErrors(inst)
	if err != nil {
		return nil, fmt.Errorf("validate %s: %w", doc.File, err)
	}
	val := &validation{doc: doc, raw: ck.Raw, seen: map[string]bool{}, extra: extra, older: ck.Older, homes: ck.Homes}

	// Keys of chart 1.x first: they explain an unknown key better than a
	// spelling suggestion does.
	for _, h := range legacyFindings(ck.Legacy, doc) {
		val.legacy = append(val.legacy, h.path)
		val.add(h.field.KeyPos, h.path, h.message(ck.Chart, majorBefore(ck.Chart)))
	}

	for _, ve := range verrs {
		for _, leaf := range leaves(ve) {
			val.report(leaf)
		}
	}
	val.openObjects(doc.Root, ck.Raw.Root, nil)
	finding.Sort(val.out)
	return val.out, nil
}

type validation struct {
	doc    *values.Document
	raw    *RawSchema
	out    []finding.Finding
	seen   map[string]bool
	legacy []string
	// extra are keys accepted beyond the model (a newer chart's own).
	extra KeySet
	// older and homes are the Checker's, for suggestions.
	older []LegacyKey
	homes []string
}

// notModelled reports a key the model lacks but the chart has, once.
func (val *validation) notModelled(pos values.Pos, path string) {
	file := pos.File
	if file == "" {
		file = val.doc.File
	}
	val.out = append(val.out, finding.Finding{
		RuleID: NotModelledRule, Severity: finding.Info, File: file, Line: pos.Line, Col: pos.Col, Path: path,
		Message:     "not modelled by valuesmith: the chart's own values.yaml has this key, so it is accepted without checks",
		Remediation: "Nothing to change in your values; valuesmith checks the key once a model of this chart release knows it.",
	})
}

func (val *validation) add(pos values.Pos, path, msg string) {
	key := fmt.Sprintf("%d:%d:%s:%s", pos.Line, pos.Col, path, msg)
	if val.seen[key] {
		return
	}
	val.seen[key] = true
	file := pos.File
	if file == "" {
		file = val.doc.File
	}
	val.out = append(val.out, finding.Finding{
		RuleID:   finding.SchemaRule,
		Severity: finding.Error,
		File:     file,
		Line:     pos.Line,
		Col:      pos.Col,
		Path:     path,
		Message:  msg,
	})
}

// underLegacy reports whether path lies in a legacy key already reported.
func (val *validation) underLegacy(path string) bool {
	for _, l := range val.legacy {
		if path == l || strings.HasPrefix(path, l+".") || strings.HasPrefix(path, l+"[") {
			return true
		}
	}
	return false
}

// leaves flattens an error tree into the errors worth reporting. For anyOf
// and oneOf it keeps the branch that got furthest, or merges type mismatches
// of every branch into one.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		return alternatives(e)
	}
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func alternatives(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var branches [][]*jsonschema.ValidationError
	var wants []string
	got := ""
	allType := true
	for _, c := range e.Causes {
		ls := leaves(c)
		branches = append(branches, ls)
		for _, l := range ls {
			t, ok := l.ErrorKind.(*kind.Type)
			if !ok || len(l.InstanceLocation) != len(e.InstanceLocation) {
				allType = false
				continue
			}
			got = t.Got
			wants = append(wants, t.Want...)
		}
	}
	if allType && len(wants) > 0 {
		slices.Sort(wants)
		return []*jsonschema.ValidationError{{
			SchemaURL:        e.SchemaURL,
			InstanceLocation: e.InstanceLocation,
			ErrorKind:        &kind.Type{Got: got, Want: slices.Compact(wants)},
		}}
	}
	// Keep the branches whose errors are not a plain type mismatch at this
	// value: those are the ones the author meant.
	var out []*jsonschema.ValidationError
	for _, ls := range branches {
		mismatch := len(ls) == 1 && len(ls[0].InstanceLocation) == len(e.InstanceLocation)
		if _, isType := ls[0].ErrorKind.(*kind.Type); mismatch && isType {
			continue
		}
		out = append(out, ls...)
	}
	if len(out) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	return out
}

func (val *validation) report(e *jsonschema.ValidationError) {
	loc := val.doc.Root.Follow(e.InstanceLocation)
	path := loc.Path
	if loc.Node == nil {
		path = values.DisplayPath(e.InstanceLocation)
	}
	if val.underLegacy(path) {
		return
	}
	pos := values.Pos{}
	if loc.Node != nil {
		pos = loc.Node.Pos
	} else if loc.Deepest != nil {
		pos = loc.Deepest.Pos
	}

	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		fields := loc.Node.FieldIndex()
		for _, prop := range k.Properties {
			f := fields[prop]
			p := values.JoinKey(path, prop)
			if val.underLegacy(p) {
				continue
			}
			at := pos
			if f != nil {
				at = f.KeyPos
			}
			if val.extra[p] {
				val.notModelled(at, p)
				continue
			}
			msg := "unknown key"
			if s := val.suggest(e.InstanceLocation, prop); s != "" {
				msg += "; " + s
			}
			val.add(at, p, msg)
		}
	case *kind.Required:
		for _, m := range k.Missing {
			val.add(pos, path, fmt.Sprintf("missing required key %q", m))
		}
	case *kind.Type:
		val.add(pos, path, typeMessage(path, loc.Node, k))
	case *kind.Enum:
		val.add(pos, path, enumMessage(path, k))
	case *kind.Pattern:
		val.add(pos, path, patternMessage(path, k))
	case *kind.Minimum:
		val.add(pos, path, fmt.Sprintf("%s is below the minimum of %s", ratString(k.Got), ratString(k.Want)))
	case *kind.Maximum:
		val.add(pos, path, fmt.Sprintf("%s is above the maximum of %s", ratString(k.Got), ratString(k.Want)))
	case *kind.MinLength:
		if k.Want <= 1 {
			val.add(pos, path, "must not be empty")
		} else {
			val.add(pos, path, fmt.Sprintf("must be at least %d characters long", k.Want))
		}
	case *kind.MaxLength:
		val.add(pos, path, fmt.Sprintf("is longer than %d characters", k.Want))
	case *kind.FalseSchema:
		val.add(pos, path, "key is not allowed here")
	default:
		val.add(pos, path, e.ErrorKind.LocalizedString(english))
	}
}

func ratString(r *big.Rat) string {
	if r == nil {
		return "?"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	return r.FloatString(3)
}

// typeMessage explains a type mismatch, with the usual YAML causes. The
// value is named only where the path cannot hold a secret.
func typeMessage(path string, n *values.Node, k *kind.Type) string {
	wants := slices.Clone(k.Want)
	slices.SortStableFunc(wants, func(a, b string) int {
		// null last: "integer or null" reads better than "null or integer".
		if (a == "null") != (b == "null") {
			if a == "null" {
				return 1
			}
			return -1
		}
		return 0
	})
	want := strings.Join(wants, " or ")
	got := k.Got
	msg := fmt.Sprintf("expected %s, got %s", want, got)
	if n == nil {
		return msg
	}
	wantString := slices.Contains(k.Want, "string")
	shown := "an unquoted " + n.Str
	if secretish(path) {
		shown = "this unquoted value"
	}
	switch {
	case n.Kind == values.Bool && wantString && !n.Quoted && values.ImplicitBool(n.Str):
		return msg + fmt.Sprintf(" (Helm reads %s as a boolean; quote it)", shown)
	case (n.Kind == values.Int || n.Kind == values.Float) && wantString:
		if secretish(path) {
			return msg + " (Helm reads this unquoted value as a number; quote it)"
		}
		return msg + fmt.Sprintf(" (Helm reads %s as a number; quote it)", n.Str)
	case n.Kind == values.String && n.Quoted && (slices.Contains(k.Want, "integer") || slices.Contains(k.Want, "number")) && isNumeric(n.Str):
		return msg + " (a quoted number is a string; remove the quotes)"
	case n.Kind == values.String && n.Quoted && slices.Contains(k.Want, "boolean") && (n.Str == "true" || n.Str == "false"):
		return msg + " (a quoted true or false is a string; remove the quotes)"
	}
	return msg
}

func isNumeric(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}

// secretish reports whether a path may hold a secret, so messages never print
// its value.
func secretish(path string) bool {
	p := strings.ToLower(path)
	for _, w := range []string{"value", "password", "secret", "key", "token", "credential", "url", "salt", "license"} {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

func enumMessage(path string, k *kind.Enum) string {
	var want []string
	for _, w := range k.Want {
		switch {
		case w == nil:
			continue
		case w == "":
			want = append(want, `""`)
		default:
			want = append(want, fmt.Sprint(w))
		}
	}
	got := fmt.Sprint(k.Got)
	msg := fmt.Sprintf("must be one of %s", strings.Join(want, ", "))
	if !secretish(path) {
		msg = fmt.Sprintf("%q is not allowed; %s", got, msg)
		if s := closest(got, want); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
	}
	return msg
}

func patternMessage(path string, k *kind.Pattern) string {
	shown := fmt.Sprintf("%q", k.Got)
	if secretish(path) {
		shown = "the value"
	}
	switch k.Want {
	case model.QuantityPattern:
		return shown + " is not a Kubernetes quantity (examples: 500m, 2, 1.5, 512Mi, 4Gi)"
	case `^([0-9]+%)?$`, `^[0-9]+%$`:
		return shown + " is neither a whole number nor a percentage such as \"50%\""
	case `^/`:
		return shown + " must start with /"
	case `^[0-9]+$`:
		return shown + " must be a whole number of bytes"
	}
	if strings.Contains(k.Want, "[0-9]+") && strings.Contains(k.Want, ":") {
		return shown + " must be host:port"
	}
	return fmt.Sprintf("%s does not match the pattern %s", shown, k.Want)
}

// rawSchema navigates the decoded schema document.
type rawSchema = map[string]any

// schemaAt follows instance tokens through the schema document:
// references, nullable wrappers, properties, items and additionalProperties.
func schemaAt(raw *RawSchema, tokens []string) rawSchema {
	s := objectSchema(raw, raw.Root)
	for _, t := range tokens {
		if s == nil {
			return nil
		}
		props, _ := s["properties"].(map[string]any)
		switch {
		case props[t] != nil:
			s, _ = props[t].(map[string]any)
		case s["items"] != nil:
			s, _ = s["items"].(map[string]any)
		default:
			ap, ok := s["additionalProperties"].(map[string]any)
			if !ok {
				return nil
			}
			s = ap
		}
		s = objectSchema(raw, s)
	}
	return s
}

// objectSchema resolves references and picks the non-null branch of a
// nullable wrapper.
func objectSchema(raw *RawSchema, s rawSchema) rawSchema {
	for i := 0; s != nil && i < 16; i++ {
		if ref, ok := s["$ref"].(string); ok {
			def, _ := raw.Def(strings.TrimPrefix(ref, "#/definitions/"))
			s, _ = def.(map[string]any)
			continue
		}
		branches, _ := s["anyOf"].([]any)
		if len(branches) == 0 || s["properties"] != nil {
			return s
		}
		next, _ := branches[0].(map[string]any)
		for _, b := range branches {
			bm, _ := b.(map[string]any)
			if bm["$ref"] != nil || bm["properties"] != nil {
				next = bm
				break
			}
		}
		s = next
	}
	return s
}

// suggest proposes where an unknown key was meant to go: a near spelling at
// the same level, the same key one level down, or the same key under a
// sibling.
func (val *validation) suggest(at []string, key string) string {
	here := schemaAt(val.raw, at)
	if here == nil {
		return ""
	}
	if s := closest(key, propNames(here)); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	if len(at) == 0 {
		if h := val.topLevelHome(key); h != "" {
			return fmt.Sprintf("did you mean %s?", h)
		}
	}
	var homes []string
	for _, p := range propNames(here) {
		if sub := subSchema(val.raw, here, p); hasProp(sub, key) {
			homes = append(homes, values.JoinKey(values.JoinKey(values.DisplayPath(at), p), key))
		}
	}
	// The same key under a sibling of its parent: langfuse.worker for
	// langfuse.web, say. Top-level sections are separate stores or the
	// application, so a key is never sent across them
	// (clickhouse.startupProbe is not postgresql.startupProbe).
	if len(homes) == 0 && len(at) > 1 {
		parent := schemaAt(val.raw, at[:len(at)-1])
		for _, p := range propNames(parent) {
			if p == at[len(at)-1] {
				continue
			}
			if sub := subSchema(val.raw, parent, p); hasProp(sub, key) {
				homes = append(homes, values.JoinKey(values.JoinKey(values.DisplayPath(at[:len(at)-1]), p), key))
			}
		}
	}
	switch len(homes) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("did you mean %s?", homes[0])
	}
	return fmt.Sprintf("did you mean %s or %s?", strings.Join(homes[:len(homes)-1], ", "), homes[len(homes)-1])
}

// topLevelHome is where an unknown top-level key belongs: the home an
// older chart major moved it to (replicaCount to langfuse.replicas), else
// the first of the application homes that has the key (livenessProbe to
// langfuse.web.livenessProbe); "" when neither knows it.
func (val *validation) topLevelHome(key string) string {
	for _, m := range val.older {
		if m.Path == key && m.NewPath != "" && schemaAt(val.raw, strings.Split(m.NewPath, ".")) != nil {
			return m.NewPath
		}
	}
	for _, h := range val.homes {
		if hasProp(schemaAt(val.raw, strings.Split(h, ".")), key) {
			return h + "." + key
		}
	}
	return ""
}

func propNames(s rawSchema) []string {
	props, _ := s["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func hasProp(s rawSchema, key string) bool {
	props, _ := s["properties"].(map[string]any)
	return props[key] != nil
}

// subSchema is the schema of property p of s.
func subSchema(raw *RawSchema, s rawSchema, p string) rawSchema {
	props, _ := s["properties"].(map[string]any)
	sub, _ := props[p].(map[string]any)
	return objectSchema(raw, sub)
}

// openObjects checks objects that accept extra keys (sub-chart settings) for
// keys that are near misses of known ones: those are typos, not sub-chart
// settings.
func (val *validation) openObjects(n *values.Node, s rawSchema, at []string) {
	s = objectSchema(val.raw, s)
	if n == nil || s == nil {
		return
	}
	switch n.Kind {
	case values.Map:
		ap, hasAP := s["additionalProperties"]
		open := !hasAP || ap == true
		props, _ := s["properties"].(map[string]any)
		for _, f := range n.Fields {
			sub, _ := props[f.Key].(map[string]any)
			if sub == nil {
				if open && len(props) > 0 {
					path := values.JoinKey(values.DisplayPath(at), f.Key)
					if val.underLegacy(path) || val.extra[path] {
						continue
					}
					if c := closest(f.Key, propNames(s)); c != "" {
						val.add(f.KeyPos, path, fmt.Sprintf("unknown key (a sub-chart would receive it unchanged); did you mean %q?", c))
					}
				}
				continue
			}
			val.openObjects(f.Value, sub, append(slices.Clone(at), f.Key))
		}
	case values.List:
		items, _ := s["items"].(map[string]any)
		if items == nil {
			return
		}
		for i, it := range n.Items {
			val.openObjects(it, items, append(slices.Clone(at), strconv.Itoa(i)))
		}
	}
}

// closest is the did-you-mean of keys and enum values.
func closest(s string, candidates []string) string { return suggest.Closest(s, candidates) }
