package edit

import (
	"sort"
	"strconv"

	"github.com/valuesmith/valuesmith/internal/values"
)

// The model: what each edit means for the values, applied to the values
// Helm reads from the file. Apply compares the re-parsed result with it.

// Str returns a string value.
func Str(s string) *values.Node { return &values.Node{Kind: values.String, Str: s} }

// Bool returns a boolean value.
func Bool(b bool) *values.Node { return &values.Node{Kind: values.Bool, Bool: b} }

// Int returns an integer value.
func Int(i int64) *values.Node { return &values.Node{Kind: values.Int, Int: i} }

// Map returns a map value from alternating keys and values, in order:
// Map("name", Str("a"), "key", Str("b")).
func Map(kv ...any) *values.Node {
	m := &values.Node{Kind: values.Map}
	for i := 0; i+1 < len(kv); i += 2 {
		m.Fields = append(m.Fields, &values.Field{Key: kv[i].(string), Value: kv[i+1].(*values.Node)})
	}
	return m
}

// List returns a list value.
func List(items ...*values.Node) *values.Node {
	return &values.Node{Kind: values.List, Items: append([]*values.Node{}, items...)}
}

func clone(n *values.Node) *values.Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Fields, c.Items = nil, nil
	for _, f := range n.Fields {
		c.Fields = append(c.Fields, &values.Field{Key: f.Key, KeyPos: f.KeyPos, Value: clone(f.Value)})
	}
	for _, it := range n.Items {
		c.Items = append(c.Items, clone(it))
	}
	if n.Kind == values.List && c.Items == nil {
		c.Items = []*values.Node{}
	}
	return &c
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// model applies e to root.
func model(root *values.Node, e Edit) error {
	switch e.Op {
	case OpSet:
		return modelSet(root, e.Path, clone(e.Value))
	case OpDelete:
		modelDelete(root, e.Path)
		return nil
	case OpMove:
		v := lookup(root, e.Path)
		if v == nil {
			return nil
		}
		if lookup(root, e.To) != nil {
			return &Error{Reason: values.DisplayPath(e.To) + " is already set"}
		}
		if err := modelSet(root, e.To, v); err != nil {
			return err
		}
		modelDelete(root, e.Path)
		return nil
	case OpAppend:
		l := lookup(root, e.Path)
		if l == nil || l.Kind == values.Null {
			return modelSet(root, e.Path, List(clone(e.Value)))
		}
		if l.Kind != values.List {
			return &Error{Reason: values.DisplayPath(e.Path) + " is not a list"}
		}
		l.Items = append(l.Items, clone(e.Value))
		return nil
	}
	return nil
}

func lookup(n *values.Node, path []string) *values.Node {
	loc := n.Follow(path)
	return loc.Node
}

func modelSet(root *values.Node, path []string, v *values.Node) error {
	cur := root
	for i, tok := range path {
		last := i == len(path)-1
		switch cur.Kind {
		case values.Map:
			f := cur.Field(tok)
			if f == nil {
				f = &values.Field{Key: tok, Value: &values.Node{Kind: values.Null}}
				cur.Fields = append(cur.Fields, f)
			}
			if last {
				f.Value = v
				return nil
			}
			if f.Value.Kind == values.Null {
				f.Value = &values.Node{Kind: values.Map}
			}
			cur = f.Value
		case values.List:
			idx, err := strconv.Atoi(tok)
			if err != nil || idx < 0 || idx >= len(cur.Items) {
				return &Error{Reason: values.DisplayPath(path[:i+1]) + " is not an item of the list"}
			}
			if last {
				cur.Items[idx] = v
				return nil
			}
			cur = cur.Items[idx]
		default:
			return &Error{Reason: values.DisplayPath(path[:i]) + " is a " + cur.Kind.String() + ", not a map"}
		}
	}
	return nil
}

// modelDelete removes path; a map it leaves empty goes too, unless it is the
// top level or a list item.
func modelDelete(root *values.Node, path []string) {
	if len(path) == 0 {
		return
	}
	parent := lookup(root, path[:len(path)-1])
	if parent == nil {
		return
	}
	tok := path[len(path)-1]
	switch parent.Kind {
	case values.Map:
		removed := false
		for i, f := range parent.Fields {
			if f.Key == tok {
				parent.Fields = append(parent.Fields[:i:i], parent.Fields[i+1:]...)
				removed = true
				break
			}
		}
		if removed && len(parent.Fields) == 0 && len(path) > 1 {
			if gp := lookup(root, path[:len(path)-2]); len(path) == 2 || (gp != nil && gp.Kind == values.Map) {
				modelDelete(root, path[:len(path)-1])
			}
		}
	case values.List:
		idx, err := strconv.Atoi(tok)
		if err == nil && idx >= 0 && idx < len(parent.Items) {
			parent.Items = append(parent.Items[:idx:idx], parent.Items[idx+1:]...)
		}
	}
}
