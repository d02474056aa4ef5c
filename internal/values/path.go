package values

import (
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/lazyre"
)

var plainKey = lazyre.New(`^[A-Za-z0-9_-]+$`)

// JoinKey appends a map key to a display path: a.b, or a["x.y/z"] when the
// key has characters that would make the path ambiguous.
func JoinKey(path, key string) string {
	if !plainKey.MatchString(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// JoinIndex appends a list index to a display path: a[3].
func JoinIndex(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// Located is the result of following a path into a document.
type Located struct {
	// Node is the value at the path, or nil when the path goes further than
	// the document.
	Node *Node
	// Field is the map entry holding Node, when Node is a map value.
	Field *Field
	// Deepest is the deepest node that exists along the path.
	Deepest *Node
	// Path is the display form of the part of the path that exists, or of
	// the whole path when it exists.
	Path string
}

// Follow walks tokens (map keys, and decimal indexes for lists) from n.
func (n *Node) Follow(tokens []string) Located {
	loc := Located{Node: n, Deepest: n}
	cur := n
	for _, t := range tokens {
		switch {
		case cur != nil && cur.Kind == Map:
			f := cur.Field(t)
			if f == nil {
				loc.Node, loc.Field = nil, nil
				return loc
			}
			loc.Path = JoinKey(loc.Path, t)
			loc.Field = f
			cur = f.Value
		case cur != nil && cur.Kind == List:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(cur.Items) {
				loc.Node, loc.Field = nil, nil
				return loc
			}
			loc.Path = JoinIndex(loc.Path, i)
			loc.Field = nil
			cur = cur.Items[i]
		default:
			loc.Node, loc.Field = nil, nil
			return loc
		}
		loc.Node, loc.Deepest = cur, cur
	}
	return loc
}

// DisplayPath formats tokens as a display path without a document: indexes
// are recognised by being all digits.
func DisplayPath(tokens []string) string {
	p := ""
	for _, t := range tokens {
		if i, err := strconv.Atoi(t); err == nil && strings.TrimLeft(t, "0123456789") == "" {
			p = JoinIndex(p, i)
			continue
		}
		p = JoinKey(p, t)
	}
	return p
}

// SplitPath reads a display path (langfuse.web.replicas, a.b[2].c,
// ann["x.y/z"]) back into tokens: the inverse of JoinKey and JoinIndex.
func SplitPath(p string) []string {
	var out []string
	for i := 0; i < len(p); {
		switch p[i] {
		case '.':
			i++
		case '[':
			if i+1 < len(p) && p[i+1] == '"' {
				q, err := strconv.QuotedPrefix(p[i+1:])
				if err != nil {
					return append(out, p[i:])
				}
				key, _ := strconv.Unquote(q)
				out = append(out, key)
				i += 1 + len(q) + 1
				continue
			}
			j := strings.IndexByte(p[i:], ']')
			if j < 0 {
				return append(out, p[i:])
			}
			out = append(out, p[i+1:i+j])
			i += j + 1
		default:
			j := strings.IndexAny(p[i:], ".[")
			if j < 0 {
				j = len(p) - i
			}
			out = append(out, p[i:i+j])
			i += j
		}
	}
	return out
}
