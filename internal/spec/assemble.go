package spec

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/profiles"
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
}

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
}

func (p Problem) String() string {
	flag := FlagFor(p.Key)
	switch {
	case strings.HasPrefix(p.Pos.File, "--"):
		return fmt.Sprintf("%s (answers key %s): %s", p.Pos.File, p.Key, p.Msg)
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
// written), and decodes it. Semantic checks are Validate's job.
func Assemble(in Inputs) (*Assembled, error) {
	name := in.Profile
	if name == "" && in.Answers != nil {
		name = in.Answers.Root.Get("profile").Text()
	}
	if name == "" {
		name = profiles.Default
	}
	prof, err := profiles.Load(name)
	if err != nil {
		at := values.Pos{File: "--profile"}
		if in.Profile == "" && in.Answers != nil {
			if f := in.Answers.Root.Field("profile"); f != nil {
				at = f.Value.Pos
			}
		}
		return nil, Problems{{Key: "profile", Msg: err.Error(), Pos: at}}
	}

	layers := []*values.Node{prof.Answers}
	if in.Example {
		ex, err := values.Parse("example answers", profiles.ExampleAnswers())
		if err != nil {
			return nil, fmt.Errorf("embedded example answers: %w", err)
		}
		layers = append(layers, ex.Root)
	}
	if in.Answers != nil {
		layers = append(layers, in.Answers.Root)
	}
	flags, problems := flagLayer(in.Flags)
	if len(problems) > 0 {
		return nil, problems
	}
	layers = append(layers, flags)
	// The profile actually used is recorded in the answers.
	layers = append(layers, &values.Node{Kind: values.Map, Fields: []*values.Field{{
		Key:   "profile",
		Value: &values.Node{Kind: values.String, Str: prof.Name, Pos: values.Pos{File: "profile " + prof.Name}},
	}}})
	merged := values.Layer(layers...)

	ck, err := answersChecker()
	if err != nil {
		return nil, err
	}
	fs, err := ck.Validate(&values.Document{File: "answers", Root: merged})
	if err != nil {
		return nil, err
	}
	if len(fs) > 0 {
		return nil, schemaProblems(fs)
	}
	raw, err := json.Marshal(merged.Interface())
	if err != nil {
		return nil, fmt.Errorf("encode answers: %w", err)
	}
	s := &Spec{}
	if err := json.Unmarshal(raw, s); err != nil {
		return nil, fmt.Errorf("decode answers: %w", err)
	}
	return &Assembled{Spec: s, Profile: prof, Merged: merged}, nil
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
		default:
			panic("spec: flag " + p.Flag + " maps to an unknown key " + p.Key)
		}
		set(root, strings.Split(p.Key, "."), n, pos)
	}
	return root, problems
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
		"#   valuesmith generate --answers THIS-FILE -o values.yaml\n" +
		"# Keys are the flags' (valuesmith schema --answers prints the schema).\n"
	return append([]byte(head), body...), nil
}

// IsBool reports whether a flag's answers key takes true or false.
func (p Param) IsBool() bool { return kindOf(p.Key) == reflect.Bool }
