// Package setflags applies helm's --set family to values, with Helm's own
// parser (helm.sh/helm/v3/pkg/strvals) and Helm's precedence, and keeps a
// position for every value a flag set, so that a finding caused by a flag
// points at the flag.
//
// A value set by a flag is placed at file "--set" (or "--set-string",
// "--set-file", "--set-json", "--set-literal"), line N for the Nth flag of
// that name on the command line, column C for the character of the flag's
// argument where the assignment starts: with
//
//	--set web.replicas=1,worker.replicas=1 --set langfuse.salt.value=x
//
// worker.replicas is at --set:1:16 and langfuse.salt.value at --set:2:1.
package setflags

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"helm.sh/helm/v3/pkg/strvals"

	"github.com/valuesmith/valuesmith/internal/values"
)

// The flags, in the order Helm applies them (helm.sh/helm/v3/pkg/cli/values
// Options.MergeValues): after every -f file, all --set-json, then all
// --set, --set-string, --set-file and --set-literal, each in command-line
// order.
const (
	JSON    = "--set-json"
	Set     = "--set"
	String  = "--set-string"
	File    = "--set-file"
	Literal = "--set-literal"
)

// Order is Helm's order of application.
var Order = []string{JSON, Set, String, File, Literal}

// Flag is one occurrence of a flag.
type Flag struct {
	// Name is one of the constants above.
	Name string
	// Index counts the flags of the same name from 1.
	Index int
	// Arg is the flag's argument, as typed.
	Arg string
}

func (f Flag) String() string { return fmt.Sprintf("%s #%d (%s)", f.Name, f.Index, f.Arg) }

// IsFlagFile reports whether a finding's file name is one of the flags.
func IsFlagFile(name string) bool {
	for _, n := range Order {
		if name == n {
			return true
		}
	}
	return false
}

// Sets is the --set family of one command line, ready to apply.
type Sets struct {
	flags []Flag
	// files holds the content of each --set-file path, read once.
	files map[string]string
}

// ReadFile reads a file named by --set-file.
type ReadFile func(name string) ([]byte, error)

// New orders the flags as Helm applies them and checks each one's syntax
// with Helm's parser; --set-file files are read once, with read. Every
// problem is an *Error naming the flag.
func New(byName map[string][]string, read ReadFile) (*Sets, error) {
	s := &Sets{files: map[string]string{}}
	for _, name := range Order {
		for i, arg := range byName[name] {
			s.flags = append(s.flags, Flag{Name: name, Index: i + 1, Arg: arg})
		}
	}
	for _, f := range s.flags {
		if f.Name == File {
			if err := s.readFiles(f, read); err != nil {
				return nil, err
			}
		}
		if err := s.parse(f, f.Arg, map[string]any{}); err != nil {
			return nil, &Error{Flag: f, Col: 1, Err: err}
		}
	}
	return s, nil
}

// Empty reports whether no flag was given.
func (s *Sets) Empty() bool { return s == nil || len(s.flags) == 0 }

// Error is a flag Helm's parser refuses, or that cannot apply to the values
// (a key below a value that is not a map, say).
type Error struct {
	Flag Flag
	Col  int
	Err  error
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s %s: %v", e.Flag.Name, e.Flag.Index, e.Col, e.Flag.Name, e.Flag.Arg, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// readFiles reads the files a --set-file flag names, before anything is
// parsed, so that a missing file is one clear error.
func (s *Sets) readFiles(f Flag, read ReadFile) error {
	var names []string
	_, err := strvals.ParseFile(f.Arg, func(rs []rune) (any, error) {
		names = append(names, string(rs))
		return "", nil
	})
	if err != nil {
		return &Error{Flag: f, Col: 1, Err: err}
	}
	for _, n := range names {
		if _, ok := s.files[n]; ok {
			continue
		}
		if strings.TrimSpace(n) == "-" {
			return &Error{Flag: f, Col: 1, Err: errors.New("reading a --set-file value from standard input is not supported; name a file")}
		}
		data, err := read(n)
		if err != nil {
			return &Error{Flag: f, Col: 1, Err: err}
		}
		s.files[n] = string(data)
	}
	return nil
}

// parse runs Helm's parser for the flag's kind on text, into dest.
func (s *Sets) parse(f Flag, text string, dest map[string]any) error {
	switch f.Name {
	case JSON:
		return strvals.ParseJSON(text, dest)
	case String:
		return strvals.ParseIntoString(text, dest)
	case File:
		return strvals.ParseIntoFile(text, dest, func(rs []rune) (any, error) {
			v, ok := s.files[string(rs)]
			if !ok {
				return nil, fmt.Errorf("file %s was not read", string(rs))
			}
			return v, nil
		})
	case Literal:
		return strvals.ParseLiteralInto(text, dest)
	}
	return strvals.ParseInto(text, dest)
}

// Apply puts the flags over base (the release's -f layers, merged) the way
// Helm does, and returns the result: values from base keep their
// positions, values a flag set are at the flag. base may be nil.
func (s *Sets) Apply(base *values.Node) (*values.Node, error) {
	cur := base
	if cur == nil || cur.Kind != values.Map {
		cur = &values.Node{Kind: values.Map}
	}
	for _, f := range s.flags {
		next, err := s.applyFlag(cur, f)
		if err != nil {
			return nil, err
		}
		cur = next
	}
	return cur, nil
}

// applyFlag applies one flag assignment by assignment, so that each value
// is placed at its own assignment. The split into assignments is checked
// against Helm's parser on the whole argument: when they disagree, the
// whole argument is applied at once, at its first column.
func (s *Sets) applyFlag(cur *values.Node, f Flag) (*values.Node, error) {
	whole, _ := cur.Interface().(map[string]any)
	if err := s.parse(f, f.Arg, whole); err != nil {
		return nil, &Error{Flag: f, Col: 1, Err: err}
	}
	if segs := split(f); len(segs) > 1 {
		next := cur
		var err error
		for _, sg := range segs {
			if next, err = s.applySegment(next, f, sg); err != nil {
				break
			}
		}
		if err == nil && reflect.DeepEqual(next.Interface(), any(whole)) {
			return next, nil
		}
	}
	next, err := s.applySegment(cur, f, segment{col: 1, text: f.Arg})
	if err != nil {
		return nil, err
	}
	if !reflect.DeepEqual(next.Interface(), any(whole)) {
		// Positions aside, the result is always Helm's.
		return fromPlain(whole, values.Pos{File: f.Name, Line: f.Index, Col: 1}), nil
	}
	return next, nil
}

func (s *Sets) applySegment(cur *values.Node, f Flag, sg segment) (*values.Node, error) {
	after, _ := cur.Interface().(map[string]any)
	if err := s.parse(f, sg.text, after); err != nil {
		return nil, &Error{Flag: f, Col: sg.col, Err: err}
	}
	touched := map[string]any{}
	if err := s.parse(f, sg.text, touched); err != nil {
		return nil, &Error{Flag: f, Col: sg.col, Err: err}
	}
	pos := values.Pos{File: f.Name, Line: f.Index, Col: sg.col}
	return annotate(cur, after, touched, pos), nil
}

// annotate builds the node of value after, which was before's value until
// an assignment touched the paths in touched: untouched values keep their
// nodes (and positions), touched ones are placed at pos.
func annotate(before *values.Node, after, touched any, pos values.Pos) *values.Node {
	switch t := touched.(type) {
	case map[string]any:
		am, ok := after.(map[string]any)
		if !ok {
			break
		}
		out := &values.Node{Kind: values.Map, Pos: pos}
		seen := map[string]bool{}
		if before != nil && before.Kind == values.Map {
			out.Pos = before.Pos
			for _, fl := range before.Fields {
				seen[fl.Key] = true
				tv, hit := t[fl.Key]
				if !hit {
					out.Fields = append(out.Fields, fl)
					continue
				}
				// A key whose value the flag replaced is the flag's, not
				// the file's: findings about it point at the flag. A key
				// the flag only reached through keeps its place.
				keyPos := fl.KeyPos
				if _, through := tv.(map[string]any); !through {
					keyPos = pos
				}
				out.Fields = append(out.Fields, &values.Field{Key: fl.Key, KeyPos: keyPos, Value: annotate(fl.Value, am[fl.Key], tv, pos)})
			}
		}
		for _, k := range sortedKeys(t) {
			if !seen[k] {
				out.Fields = append(out.Fields, &values.Field{Key: k, KeyPos: pos, Value: annotate(nil, am[k], t[k], pos)})
			}
		}
		return out
	case []any:
		al, ok := after.([]any)
		if !ok {
			break
		}
		out := &values.Node{Kind: values.List, Pos: pos}
		var items []*values.Node
		if before != nil && before.Kind == values.List {
			out.Pos, items = before.Pos, before.Items
		}
		for i, av := range al {
			var prev *values.Node
			if i < len(items) {
				prev = items[i]
			}
			var tv any
			if i < len(t) {
				tv = t[i]
			}
			switch {
			case tv != nil:
				out.Items = append(out.Items, annotate(prev, av, tv, pos))
			case prev != nil && reflect.DeepEqual(prev.Interface(), av):
				// Padding before a higher index, or an item left alone.
				out.Items = append(out.Items, prev)
			default:
				out.Items = append(out.Items, fromPlain(av, pos))
			}
		}
		return out
	}
	return fromPlain(after, pos)
}

// fromPlain makes a node, and nodes for everything below it, at pos.
func fromPlain(v any, pos values.Pos) *values.Node {
	switch x := v.(type) {
	case map[string]any:
		n := &values.Node{Kind: values.Map, Pos: pos}
		for _, k := range sortedKeys(x) {
			n.Fields = append(n.Fields, &values.Field{Key: k, KeyPos: pos, Value: fromPlain(x[k], pos)})
		}
		return n
	case []any:
		n := &values.Node{Kind: values.List, Pos: pos}
		for _, it := range x {
			n.Items = append(n.Items, fromPlain(it, pos))
		}
		return n
	case string:
		return &values.Node{Kind: values.String, Str: x, Pos: pos}
	case int64:
		return &values.Node{Kind: values.Int, Int: x, Str: fmt.Sprint(x), Pos: pos}
	case int:
		return &values.Node{Kind: values.Int, Int: int64(x), Str: fmt.Sprint(x), Pos: pos}
	case float64:
		return &values.Node{Kind: values.Float, Float: x, Str: fmt.Sprint(x), Pos: pos}
	case bool:
		return &values.Node{Kind: values.Bool, Bool: x, Str: fmt.Sprint(x), Pos: pos}
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return fromPlain(i, pos)
		}
		f, _ := x.Float64()
		return fromPlain(f, pos)
	}
	return &values.Node{Kind: values.Null, Pos: pos}
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

// segment is one assignment of a flag's argument.
type segment struct {
	col  int // 1-based, in characters of the argument
	text string
}

// split cuts a flag's argument into its assignments (name=value pairs
// separated by commas), following the grammar of Helm's parser: a
// backslash escapes the next character, a value starting with { runs to
// the next }, a --set-json value is one JSON value, and --set-literal is
// one assignment whatever it holds. applyFlag checks the result against
// the parser itself.
func split(f Flag) []segment {
	arg := f.Arg
	if f.Name == Literal {
		return []segment{{col: 1, text: arg}}
	}
	var segs []segment
	start := 0
	i := 0
	for i < len(arg) {
		// The key, up to '='.
		for i < len(arg) && arg[i] != '=' && arg[i] != ',' {
			if arg[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(arg) || arg[i] == ',' {
			// A key without a value: Helm's parser reports it.
			return []segment{{col: 1, text: arg}}
		}
		i++ // '='
		switch {
		case f.Name == JSON:
			end, ok := jsonEnd(arg[i:])
			if !ok {
				return []segment{{col: 1, text: arg}}
			}
			i += end
			for i < len(arg) && arg[i] != ',' && unicode.IsSpace(rune(arg[i])) {
				i++
			}
		case i < len(arg) && arg[i] == '{':
			for i < len(arg) && arg[i] != '}' {
				if arg[i] == '\\' {
					i++
				}
				i++
			}
			i++ // '}'
		default:
			for i < len(arg) && arg[i] != ',' {
				if arg[i] == '\\' {
					i++
				}
				i++
			}
		}
		i = min(i, len(arg))
		segs = append(segs, segment{col: utf8.RuneCountInString(arg[:start]) + 1, text: arg[start:i]})
		if i < len(arg) && arg[i] == ',' {
			i++
		}
		start = i
	}
	if len(segs) == 0 {
		return []segment{{col: 1, text: arg}}
	}
	return segs
}

// jsonEnd returns the length of the JSON value (or empty value) at the
// start of s.
func jsonEnd(s string) (int, bool) {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	if t == "" || t[0] == ',' {
		return len(s) - len(t), true
	}
	dec := json.NewDecoder(strings.NewReader(s))
	var v any
	if err := dec.Decode(&v); err != nil && !errors.Is(err, io.EOF) {
		return 0, false
	}
	return int(dec.InputOffset()), true
}
