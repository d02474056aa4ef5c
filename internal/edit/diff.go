package edit

import (
	"github.com/aymanbagabas/go-udiff"
	"gopkg.in/yaml.v3"
)

// Diff returns a unified diff from old to new, labelled a/name and b/name
// as git labels them, or "" when they are equal. It is go-udiff's Myers
// diff (a copy of the Go tools' internal diff package).
func Diff(name string, old, new []byte) string {
	return udiff.Unified("a/"+name, "b/"+name, string(old), string(new))
}

// Masked is the text that stands for a secret in what valuesmith shows.
const Masked = `"<redacted>"`

// Mask returns src with every scalar for which secret returns true
// replaced by Masked, so that a diff of two masked files shows where a
// secret was without showing it. Keys are masked too. src must parse; the
// result is for display only.
func Mask(file string, src []byte, secret func(string) bool) ([]byte, error) {
	d, err := load(file, src)
	if err != nil {
		return nil, err
	}
	var ss []splice
	var walk func(n *yaml.Node, indent int, flow bool) error
	walk = func(n *yaml.Node, indent int, flow bool) error {
		switch n.Kind {
		case yaml.ScalarNode:
			if !secret(n.Value) {
				return nil
			}
			en, err := d.end(n, indent, flow)
			if err != nil {
				return err
			}
			ss = append(ss, splice{d.contentStart(n), en, Masked})
		case yaml.MappingNode:
			inner := flow || n.Style&yaml.FlowStyle != 0
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if err := walk(k, k.Column-1, inner); err != nil {
					return err
				}
				if err := walk(n.Content[i+1], k.Column-1, inner); err != nil {
					return err
				}
			}
		case yaml.SequenceNode:
			inner := flow || n.Style&yaml.FlowStyle != 0
			for _, it := range n.Content {
				indent := 0
				if !inner {
					if dash, ok := d.dashBefore(it); ok {
						indent = d.colOf(dash) - 1
					}
				}
				if err := walk(it, indent, inner); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(d.root, -1, false); err != nil {
		return nil, err
	}
	if out := d.splice(ss...); out != nil {
		return out, nil
	}
	return src, nil
}
