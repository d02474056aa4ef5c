// Package values reads Helm values files with positions, and models values
// the way Helm sees them: YAML 1.1 scalars (yes/on are booleans), aliases and
// merge keys expanded, every value remembering the file, line and column it
// came from.
package values

import (
	"fmt"
	"strconv"
	"strings"
)

// Pos is where a value was written. A zero Line means the value has no place
// in a user's file (a chart default, or a value the tool computed).
type Pos struct {
	File string
	Line int
	Col  int
}

// IsZero reports whether p points nowhere.
func (p Pos) IsZero() bool { return p.Line == 0 }

func (p Pos) String() string {
	if p.Line == 0 {
		if p.File == "" {
			return "(no position)"
		}
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Kind is the type of a value as Helm sees it after reading YAML.
type Kind int

// Kinds of values.
const (
	Null Kind = iota
	Map
	List
	String
	Int
	Float
	Bool
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Map:
		return "object"
	case List:
		return "list"
	case String:
		return "string"
	case Int:
		return "integer"
	case Float:
		return "number"
	case Bool:
		return "boolean"
	}
	return "unknown"
}

// Node is one value with its position. Maps keep their keys in file order.
type Node struct {
	Kind   Kind
	Str    string  // String: the value; other scalars: the text as written
	Int    int64   // Int
	Float  float64 // Float
	Bool   bool    // Bool
	Fields []*Field
	Items  []*Node
	// Pos is where the value starts.
	Pos Pos
	// Quoted is true for a scalar written in single or double quotes.
	Quoted bool
}

// Field is one key of a map and its value.
type Field struct {
	Key    string
	KeyPos Pos
	Value  *Node
}

// Get returns the value of key in a map node, or nil.
func (n *Node) Get(key string) *Node {
	if f := n.Field(key); f != nil {
		return f.Value
	}
	return nil
}

// Field returns the field of key in a map node, or nil.
func (n *Node) Field(key string) *Field {
	if n == nil || n.Kind != Map {
		return nil
	}
	for _, f := range n.Fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// FieldIndex maps each key of a map node to its field (nil for any other
// node): for looking up many keys of one map, where Field, a scan, would
// make the work grow with their product.
func (n *Node) FieldIndex() map[string]*Field {
	if n == nil || n.Kind != Map {
		return nil
	}
	idx := make(map[string]*Field, len(n.Fields))
	for _, f := range n.Fields {
		if _, dup := idx[f.Key]; !dup {
			idx[f.Key] = f
		}
	}
	return idx
}

// Lookup follows a dotted path of map keys ("langfuse.web.replicas").
func (n *Node) Lookup(path string) *Node {
	cur := n
	for _, k := range strings.Split(path, ".") {
		cur = cur.Get(k)
		if cur == nil {
			return nil
		}
	}
	return cur
}

// IsNull reports whether n is missing or null.
func (n *Node) IsNull() bool { return n == nil || n.Kind == Null }

// Interface converts n into the plain Go values Helm works with:
// map[string]any, []any, string, int64, float64, bool or nil.
func (n *Node) Interface() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Map:
		m := make(map[string]any, len(n.Fields))
		for _, f := range n.Fields {
			m[f.Key] = f.Value.Interface()
		}
		return m
	case List:
		l := make([]any, len(n.Items))
		for i, it := range n.Items {
			l[i] = it.Interface()
		}
		return l
	case String:
		return n.Str
	case Int:
		return n.Int
	case Float:
		return n.Float
	case Bool:
		return n.Bool
	}
	return nil
}

// Text is the scalar as Helm would print it with {{ . }}: strings as they
// are, numbers and booleans in their canonical form, null as "".
func (n *Node) Text() string {
	if n == nil {
		return ""
	}
	switch n.Kind {
	case String:
		return n.Str
	case Int:
		return strconv.FormatInt(n.Int, 10)
	case Float:
		return strconv.FormatFloat(n.Float, 'g', -1, 64)
	case Bool:
		return strconv.FormatBool(n.Bool)
	}
	return ""
}

// At finds the value written at a position of the file, or the value of
// the key written there; nil when nothing starts there.
func (n *Node) At(line, col int) *Node {
	if n == nil {
		return nil
	}
	if n.Pos.Line == line && n.Pos.Col == col && n.Kind != Map && n.Kind != List {
		return n
	}
	for _, f := range n.Fields {
		if f.KeyPos.Line == line && f.KeyPos.Col == col {
			return f.Value
		}
		if v := f.Value.At(line, col); v != nil {
			return v
		}
	}
	for _, it := range n.Items {
		if v := it.At(line, col); v != nil {
			return v
		}
	}
	return nil
}
