// Package eval reads a release's effective values the way the chart's
// templates read them:
//   - `x | default d` takes d when x is empty: null, false, 0, "", {} or [];
//   - `coalesce a b` takes the first non-empty value;
//   - `if x` is true when x is not empty.
//
// It knows Helm's template semantics, not the chart: which keys fall back to
// which is a chart fact, and lives in the chart version's home
// (schema/model, schema/v15, schema/v20), which reads values through here.
package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cast"

	"github.com/valuesmith/valuesmith/internal/values"
)

// Reader reads the effective values of one release.
type Reader struct {
	// Values are the effective values: the chart's defaults with every user
	// layer on top.
	Values *values.Node
	// User is the merged user layers alone, without the chart's defaults.
	User *values.Node
	// Trace, when set, is told every dotted path read (tests use it to prove
	// that the paths rules read exist in the model).
	Trace func(path string)
}

// Get returns the effective value at a dotted path, or nil.
func (r *Reader) Get(path string) *values.Node {
	r.trace(path)
	return r.Values.Lookup(path)
}

// Field returns the effective map entry at a dotted path, or nil.
func (r *Reader) Field(path string) *values.Field {
	r.trace(path)
	return r.Values.Follow(strings.Split(path, ".")).Field
}

// UserField returns the map entry at a dotted path in the user's layers, or
// nil.
func (r *Reader) UserField(path string) *values.Field {
	r.trace(path)
	if r.User == nil {
		return nil
	}
	return r.User.Follow(strings.Split(path, ".")).Field
}

// SetByUser reports whether the user's layers write the path (even to an
// empty value).
func (r *Reader) SetByUser(path string) bool { return r.UserField(path) != nil }

// Bool reads a boolean the way the template's if does.
func (r *Reader) Bool(path string) bool { return Truthy(r.Get(path)) }

// Str reads a scalar as text ("" when absent).
func (r *Reader) Str(path string) string { return r.Get(path).Text() }

func (r *Reader) trace(path string) {
	if r.Trace != nil {
		r.Trace(path)
	}
}

// Source is an effective value with the path it was read from.
type Source struct {
	Node *values.Node
	Path string
}

// Coalesce returns the first non-empty value among the paths, as the
// template function coalesce does, and the path it came from. When all are
// empty it returns the first path with a nil node.
func (r *Reader) Coalesce(paths ...string) Source {
	for _, p := range paths {
		if n := r.Get(p); Truthy(n) {
			return Source{Node: n, Path: p}
		}
	}
	return Source{Path: paths[0]}
}

// IntDefault is `value | default d` for a number.
func (r *Reader) IntDefault(path string, d int) (int, Source) {
	n := r.Get(path)
	if Empty(n) {
		return d, Source{Path: path}
	}
	if i, ok := Int(n); ok {
		return i, Source{Node: n, Path: path}
	}
	return d, Source{Node: n, Path: path}
}

// StrDefault is `value | default d` for text.
func (r *Reader) StrDefault(path, d string) string {
	n := r.Get(path)
	if Empty(n) {
		return d
	}
	return n.Text()
}

// Empty reports whether Helm's default and coalesce treat n as empty.
func Empty(n *values.Node) bool {
	if n == nil {
		return true
	}
	switch n.Kind {
	case values.Null:
		return true
	case values.Bool:
		return !n.Bool
	case values.Int:
		return n.Int == 0
	case values.Float:
		return n.Float == 0
	case values.String:
		return n.Str == ""
	case values.Map:
		return len(n.Fields) == 0
	case values.List:
		return len(n.Items) == 0
	}
	return true
}

// Truthy is the template's if: the opposite of Empty.
func Truthy(n *values.Node) bool { return !Empty(n) }

// Int reads an integer value (whole floats and numeric strings count).
func Int(n *values.Node) (int, bool) {
	if n == nil {
		return 0, false
	}
	switch n.Kind {
	case values.Int:
		return int(n.Int), true
	case values.Float:
		// Beyond int64 a conversion wraps around; such a number is no count
		// anything can use (the schema reports it).
		if n.Float == math.Trunc(n.Float) && math.Abs(n.Float) < 1<<62 {
			return int(n.Float), true
		}
	case values.String:
		if i, err := strconv.Atoi(strings.TrimSpace(n.Str)); err == nil {
			return i, true
		}
	}
	return 0, false
}

// TemplateInt is the template function int (sprig's, through
// spf13/cast): numbers are truncated, numeric strings parsed (base prefixes
// and a trailing ".0" accepted), true is 1, and anything else, absent or
// null included, is 0.
func TemplateInt(n *values.Node) int {
	if n == nil {
		return 0
	}
	switch n.Kind {
	case values.Map, values.List:
		return 0
	}
	return cast.ToInt(n.Interface())
}

// RequiredMissing reports whether Helm's required function fails on n: for
// an absent or null value, or an empty string (false and 0 pass).
func RequiredMissing(n *values.Node) bool {
	return n == nil || n.Kind == values.Null || n.Kind == values.String && n.Str == ""
}

// EnvVar is one entry of an env list (Kubernetes EnvVar objects) with where
// it was written.
type EnvVar struct {
	Name string
	Node *values.Node
	Path string
}

// Value is the literal value of the variable, and whether it has one.
func (e EnvVar) Value() (string, bool) {
	v := e.Node.Get("value")
	if v == nil || v.Kind == values.Null {
		return "", false
	}
	return v.Text(), true
}

// FromSecret reports whether the variable is read from a Secret.
func (e EnvVar) FromSecret() bool {
	return e.Node.Lookup("valueFrom.secretKeyRef") != nil
}

// EnvList reads the env list at path.
func (r *Reader) EnvList(path string) []EnvVar {
	list := r.Get(path)
	if list == nil || list.Kind != values.List {
		return nil
	}
	out := make([]EnvVar, 0, len(list.Items))
	for i, it := range list.Items {
		out = append(out, EnvVar{Name: it.Get("name").Text(), Node: it, Path: fmt.Sprintf("%s[%d]", path, i)})
	}
	return out
}

// LastEnv returns the last entry named name in env (the one Kubernetes uses).
func LastEnv(env []EnvVar, name string) (EnvVar, bool) {
	for i := len(env) - 1; i >= 0; i-- {
		if env[i].Name == name {
			return env[i], true
		}
	}
	return EnvVar{}, false
}

// HasEnv reports whether env sets name.
func HasEnv(env []EnvVar, name string) bool {
	_, ok := LastEnv(env, name)
	return ok
}
