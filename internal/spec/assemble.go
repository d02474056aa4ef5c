package spec

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/profiles"
	"github.com/valuesmith/valuesmith/schema"
)

// Inputs are the sources of a Spec, from lowest to highest precedence:
// the profile, the example answers (when asked for), the answers file, and
// the flags the user set.
type Inputs struct {
	// Profile chosen with --profile; when empty, the answers file's profile
	// key, else the default profile.
	Profile string
	// Example layers the embedded example answers over the profile.
	Example bool
	// Answers is the parsed answers file, or nil.
	Answers *values.Document
	// Flags maps flag names (without dashes) to the values given.
	Flags map[string]string
	// Accept holds the --accept flags, RULE=REASON each, in order; they
	// are added to the answers file's accept list.
	Accept []string
}

// AcceptFlag is the flag that accepts a warning (repeatable).
const AcceptFlag = "accept"

// Assembled is a Spec with the merged answers it was decoded from (which
// remember where each value came from) and its profile.
type Assembled struct {
	Spec    *Spec
	Profile *profiles.Profile
	// Merged are the answers after layering; each value's position names the
	// profile, the answers file (with line and column) or the flag.
	Merged *values.Node
}

// Problem is one bad or missing input.
type Problem struct {
	Key string
	Msg string
	Pos values.Pos
	// Rule is set when the problem is a warning the inputs may accept
	// instead (accept: RULE with a reason, or --accept RULE=REASON).
	Rule string
}

func (p Problem) String() string {
	flag := FlagFor(p.Key)
	switch {
	case strings.HasPrefix(p.Pos.File, "--"):
		return fmt.Sprintf("%s (answers key %s): %s", p.Pos.File, p.Key, p.Msg)
	case p.Pos.Line > 0 && flag != "":
		return fmt.Sprintf("%s: %s (flag --%s): %s", p.Pos, p.Key, flag, p.Msg)
	case p.Pos.Line > 0:
		return fmt.Sprintf("%s: %s: %s", p.Pos, p.Key, p.Msg)
	case flag != "":
		return fmt.Sprintf("%s (flag --%s): %s", p.Key, flag, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.Key, p.Msg)
}

// Problems is a list of input problems, reported together.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Assemble layers the inputs, validates the result against the answers
// schema (unknown keys and wrong types are reported where they were
// written), and decodes it. Semantic checks are Validate's job; Resolve
// runs every check at once.
func Assemble(in Inputs) (*Assembled, error) {
	a, ps, err := assemble(in)
	switch {
	case err != nil:
		return nil, err
	case len(ps) > 0:
		return nil, ps
	}
	return a, nil
}

// Resolve assembles the inputs and reports every input problem of them at
// once: flag values that are not of their key's type, answers the schema
// refuses (unknown keys, wrong types, choices that do not exist), missing
// inputs, and values that are wrong or that the profile refuses (Missing
// and Validate). A value with a type or schema problem is replaced by the
// profile's for the other checks, so one bad value hides nothing else.
// The Assembled is nil when problems remain, except when the only problems
// are warnings (Problem.Rule). err is for failures that are not the inputs'.
func Resolve(in Inputs) (*Assembled, Problems, error) {
	a, ps, err := assemble(in)
	if err != nil || a == nil {
		return nil, ps, err
	}
	bad := map[string]bool{}
	for _, p := range ps {
		bad[BaseKey(p.Key)] = true
	}
	for _, p := range append(a.Missing(), a.Validate()...) {
		if !bad[BaseKey(p.Key)] {
			ps = append(ps, p)
		}
	}
	if len(ps) > 0 {
		sortProblems(ps)
		return nil, ps, nil
	}
	return a, nil, nil
}

// sortProblems orders problems as generate --help lists the flags; those
// of keys without a flag (unknown keys, accept) come first, in the order
// found.
func sortProblems(ps Problems) {
	index := func(p Problem) int {
		f := FlagFor(p.Key)
		return slices.IndexFunc(Params, func(pr Param) bool { return pr.Flag == f })
	}
	slices.SortStableFunc(ps, func(a, b Problem) int { return index(a) - index(b) })
}

// BaseKey strips list indexes and what follows: redis.nodes[1] and
// accept[0].rule are about redis.nodes and accept.
func BaseKey(k string) string {
	if i := strings.IndexByte(k, '['); i >= 0 {
		return k[:i]
	}
	return k
}

// assemble layers and decodes the inputs. Problems of flag types and of
// the answers schema are returned with an Assembled in which each bad
// value is the profile's again (nil when that is not possible: an unknown
// profile, or a repair that did not hold).
func assemble(in Inputs) (*Assembled, Problems, error) {
	l, ps, err := layer(in)
	if err != nil || l == nil {
		return nil, ps, err
	}
	ck, err := answersChecker()
	if err != nil {
		return nil, nil, err
	}
	fs, err := ck.Validate(&values.Document{File: "answers", Root: l.merged})
	if err != nil {
		return nil, nil, err
	}
	return l.repaired(ck, fs)
}

// layered are the inputs layered, before the answers schema judges them.
type layered struct {
	prof   *profiles.Profile
	merged *values.Node
	// problems are those of flag types and --accept pairs.
	problems Problems
}

// layer layers the inputs over the profile. It returns nil and the
// problems when the profile is unknown: without it nothing else can be
// judged.
func layer(in Inputs) (*layered, Problems, error) {
	name := in.Profile
	if name == "" && in.Answers != nil {
		name = in.Answers.Root.Get("profile").Text()
	}
	if name == "" {
		name = profiles.Default
	}
	flags, problems := flagLayer(in.Flags)
	accepts, acceptProblems := acceptLayer(in.Accept)
	problems = append(problems, acceptProblems...)
	prof, err := profiles.Load(name)
	if err != nil {
		at := values.Pos{File: "--profile"}
		if in.Profile == "" && in.Answers != nil {
			if f := in.Answers.Root.Field("profile"); f != nil {
				at = f.Value.Pos
			}
		}
		return nil, append(Problems{{Key: "profile", Msg: err.Error(), Pos: at}}, problems...), nil
	}

	layers := []*values.Node{prof.Answers}
	if in.Example {
		layers = append(layers, profiles.ExampleAnswers())
	}
	if in.Answers != nil {
		layers = append(layers, in.Answers.Root)
	}
	layers = append(layers, flags)
	// The profile actually used is recorded in the answers, placed in the
	// profile's document.
	layers = append(layers, &values.Node{Kind: values.Map, Fields: []*values.Field{{
		Key:   "profile",
		Value: &values.Node{Kind: values.String, Str: prof.Name, Pos: values.Pos{File: prof.Answers.Pos.File}},
	}}})
	merged := appendAccepts(values.Layer(layers...), accepts)
	return &layered{prof: prof, merged: merged, problems: problems}, problems, nil
}

// repaired reports the answers schema's findings fs as problems and
// decodes the answers with each bad value replaced by the profile's.
func (l *layered) repaired(ck *schema.Checker, fs []finding.Finding) (*Assembled, Problems, error) {
	problems := slices.Clone(l.problems)
	if len(fs) > 0 {
		problems = append(problems, schemaProblems(fs)...)
		fixed := &layered{prof: l.prof, merged: repair(l.merged, l.prof.Answers, fs)}
		fs, err := ck.Validate(&values.Document{File: "answers", Root: fixed.merged})
		if err != nil || len(fs) > 0 {
			return nil, problems, err
		}
		l = fixed
	}
	a, err := l.decode()
	if err != nil {
		return nil, nil, err
	}
	return a, problems, nil
}

// decode decodes the layered answers into a Spec.
func (l *layered) decode() (*Assembled, error) {
	raw, err := json.Marshal(l.merged.Interface())
	if err != nil {
		return nil, fmt.Errorf("encode answers: %w", err)
	}
	s := &Spec{}
	if err := json.Unmarshal(raw, s); err != nil {
		return nil, fmt.Errorf("decode answers: %w", err)
	}
	return &Assembled{Spec: s, Profile: l.prof, Merged: l.merged}, nil
}

// repair returns a copy of merged in which the value at each finding's
// path is the profile's value there, or gone when the profile has none.
func repair(merged, profile *values.Node, fs []finding.Finding) *values.Node {
	out := clone(merged)
	for _, f := range fs {
		tokens := keyTokens(f.Path)
		if len(tokens) == 0 {
			continue
		}
		parent := out.Follow(tokens[:len(tokens)-1]).Node
		last := tokens[len(tokens)-1]
		def := profile.Follow(tokens).Node
		switch {
		case parent == nil:
		case parent.Kind == values.Map:
			i := slices.IndexFunc(parent.Fields, func(fl *values.Field) bool { return fl.Key == last })
			switch {
			case i < 0:
			case def != nil:
				parent.Fields[i] = &values.Field{Key: last, KeyPos: parent.Fields[i].KeyPos, Value: clone(def)}
			default:
				parent.Fields = slices.Delete(parent.Fields, i, i+1)
			}
		case parent.Kind == values.List:
			if i, err := strconv.Atoi(last); err == nil && i >= 0 && i < len(parent.Items) {
				parent.Items = slices.Delete(parent.Items, i, i+1)
			}
		}
	}
	return out
}

// clone copies a tree deeply, positions included.
func clone(n *values.Node) *values.Node {
	if n == nil {
		return nil
	}
	c := *n
	if n.Fields != nil {
		c.Fields = make([]*values.Field, len(n.Fields))
		for i, f := range n.Fields {
			c.Fields[i] = &values.Field{Key: f.Key, KeyPos: f.KeyPos, Value: clone(f.Value)}
		}
	}
	if n.Items != nil {
		c.Items = make([]*values.Node, len(n.Items))
		for i, it := range n.Items {
			c.Items[i] = clone(it)
		}
	}
	return &c
}

// acceptLayer turns --accept RULE=REASON flags into accept list items,
// positioned at the flag.
func acceptLayer(raw []string) ([]*values.Node, Problems) {
	pos := values.Pos{File: "--" + AcceptFlag}
	var items []*values.Node
	var ps Problems
	for _, r := range raw {
		rule, reason, ok := strings.Cut(r, "=")
		rule, reason = strings.TrimSpace(rule), strings.TrimSpace(reason)
		if !ok || rule == "" || reason == "" {
			ps = append(ps, Problem{Key: AcceptFlag, Pos: pos,
				Msg: fmt.Sprintf("%q is not RULE=REASON; give a rule ID and why it is acceptable, for example --accept signup-open='only reachable through the VPN'", r)})
			continue
		}
		items = append(items, &values.Node{Kind: values.Map, Pos: pos, Fields: []*values.Field{
			{Key: "rule", KeyPos: pos, Value: &values.Node{Kind: values.String, Str: rule, Pos: pos}},
			{Key: "reason", KeyPos: pos, Value: &values.Node{Kind: values.String, Str: reason, Pos: pos}},
		}})
	}
	return items, ps
}

// appendAccepts adds the --accept items after the answers' own accept
// list: accepting on the command line adds to the file, it does not
// replace it.
func appendAccepts(merged *values.Node, items []*values.Node) *values.Node {
	if len(items) == 0 {
		return merged
	}
	out := &values.Node{Kind: values.Map, Pos: merged.Pos, Fields: slices.Clone(merged.Fields)}
	i := slices.IndexFunc(out.Fields, func(f *values.Field) bool { return f.Key == "accept" })
	pos := values.Pos{File: "--" + AcceptFlag}
	if i < 0 {
		out.Fields = append(out.Fields, &values.Field{Key: "accept", KeyPos: pos, Value: &values.Node{Kind: values.List, Pos: pos, Items: items}})
		return out
	}
	old := out.Fields[i]
	if old.Value.Kind != values.List {
		return merged // the schema reports it
	}
	list := &values.Node{Kind: values.List, Pos: old.Value.Pos, Items: slices.Clone(old.Value.Items)}
	list.Items = append(list.Items, items...)
	out.Fields[i] = &values.Field{Key: old.Key, KeyPos: old.KeyPos, Value: list}
	return out
}

func schemaProblems(fs []finding.Finding) Problems {
	var ps Problems
	for _, f := range fs {
		ps = append(ps, Problem{Key: f.Path, Msg: f.Message, Pos: values.Pos{File: f.File, Line: f.Line, Col: f.Col}})
	}
	return ps
}

// flagLayer turns flag values into an answers tree, typed by the Spec field
// each flag sets. Each value's position is the flag's name.
func flagLayer(flags map[string]string) (*values.Node, Problems) {
	root := &values.Node{Kind: values.Map}
	var problems Problems
	for _, p := range Params {
		raw, ok := flags[p.Flag]
		if !ok {
			continue
		}
		pos := values.Pos{File: "--" + p.Flag}
		n := &values.Node{Pos: pos, Str: raw}
		switch kindOf(p.Key) {
		case reflect.String:
			n.Kind = values.String
		case reflect.Int:
			i, err := strconv.Atoi(strings.TrimSpace(raw))
			if err != nil {
				problems = append(problems, Problem{Key: p.Key, Msg: fmt.Sprintf("%q is not a whole number", raw), Pos: pos})
				continue
			}
			n.Kind, n.Int = values.Int, int64(i)
		case reflect.Bool:
			b, err := strconv.ParseBool(strings.TrimSpace(raw))
			if err != nil {
				problems = append(problems, Problem{Key: p.Key, Msg: fmt.Sprintf("%q is not true or false", raw), Pos: pos})
				continue
			}
			n.Kind, n.Bool = values.Bool, b
		case reflect.Slice:
			n.Kind = values.List
			for _, item := range strings.Split(raw, ",") {
				if item = strings.TrimSpace(item); item != "" {
					n.Items = append(n.Items, &values.Node{Kind: values.String, Str: item, Pos: pos})
				}
			}
		case reflect.Map:
			m, err := ParsePairs(raw)
			if err != nil {
				problems = append(problems, Problem{Key: p.Key, Msg: err.Error(), Pos: pos})
				continue
			}
			n = m
			n.Pos = pos
			for _, f := range n.Fields {
				f.KeyPos, f.Value.Pos = pos, pos
			}
		default:
			panic("spec: flag " + p.Flag + " maps to an unknown key " + p.Key)
		}
		set(root, strings.Split(p.Key, "."), n, pos)
	}
	return root, problems
}

// ParsePairs reads a comma-separated list of key=value pairs (the form of
// a map-valued flag) into a map node. An empty text is an empty map.
func ParsePairs(raw string) (*values.Node, error) {
	out := &values.Node{Kind: values.Map}
	for _, item := range strings.Split(raw, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		k, v, ok := strings.Cut(item, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" {
			return nil, fmt.Errorf("%q is not key=value; give comma-separated key=value pairs", item)
		}
		if out.Field(k) != nil {
			return nil, fmt.Errorf("%q is given twice", k)
		}
		out.Fields = append(out.Fields, &values.Field{Key: k, Value: &values.Node{Kind: values.String, Str: v}})
	}
	return out, nil
}

func set(m *values.Node, path []string, v *values.Node, pos values.Pos) {
	for _, k := range path[:len(path)-1] {
		next := m.Get(k)
		if next == nil {
			next = &values.Node{Kind: values.Map, Pos: pos}
			m.Fields = append(m.Fields, &values.Field{Key: k, KeyPos: pos, Value: next})
		}
		m = next
	}
	m.Fields = append(m.Fields, &values.Field{Key: path[len(path)-1], KeyPos: pos, Value: v})
}

// PosOf returns where the value of an answers key came from. The key may
// name a list item (redis.nodes[1]) or a map entry (m["a.b/c"]).
func (a *Assembled) PosOf(key string) values.Pos {
	loc := a.Merged.Follow(keyTokens(key))
	switch {
	case loc.Field != nil:
		return loc.Field.KeyPos
	case loc.Node != nil:
		return loc.Node.Pos
	}
	return values.Pos{}
}

// EncodeAnswers writes the effective answers as an answers file: every key,
// in the profile's order, so that generate --answers FILE reproduces the
// same values byte for byte whatever the defaults of a later profile.
func EncodeAnswers(a *Assembled) ([]byte, error) {
	body, err := values.Encode(a.Merged)
	if err != nil {
		return nil, fmt.Errorf("encode answers: %w", err)
	}
	head := "# Answers for valuesmith generate (profile " + a.Profile.Name + "). Replay with:\n" +
		"#   valuesmith generate --answers THIS-FILE --values-out values.yaml\n" +
		"# Keys are the flags' (valuesmith schema --answers prints the schema).\n"
	return append([]byte(head), body...), nil
}

// IsBool reports whether a flag's answers key takes true or false.
func (p Param) IsBool() bool { return kindOf(p.Key) == reflect.Bool }
