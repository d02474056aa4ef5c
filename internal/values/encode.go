package values

import (
	"bytes"
	"strconv"

	"gopkg.in/yaml.v3"
)

// ReadsBackAs reports whether s, written without quotes, is read by Helm
// (YAML 1.1) as the same string. When it is not (yes, off, 1.0, ~, ...), it
// must be quoted.
func ReadsBackAs(s string) bool {
	v, ok := resolvePlain(s).(string)
	return ok && v == s
}

// Encode writes n as YAML, keeping the order of map keys and quoting every
// string that Helm would otherwise read as something else.
func Encode(n *Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(toYAML(n)); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func toYAML(n *Node) *yaml.Node {
	if n == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	switch n.Kind {
	case Map:
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, f := range n.Fields {
			k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.Key}
			if !ReadsBackAs(f.Key) {
				k.Style = yaml.DoubleQuotedStyle
			}
			m.Content = append(m.Content, k, toYAML(f.Value))
		}
		if len(n.Fields) == 0 {
			m.Style = yaml.FlowStyle
		}
		return m
	case List:
		l := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, it := range n.Items {
			l.Content = append(l.Content, toYAML(it))
		}
		if len(n.Items) == 0 {
			l.Style = yaml.FlowStyle
		}
		return l
	case String:
		s := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: n.Str}
		if !ReadsBackAs(n.Str) || n.Str == "" {
			s.Style = yaml.DoubleQuotedStyle
		}
		return s
	case Int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(n.Int, 10)}
	case Float:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(n.Float, 'g', -1, 64)}
	case Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(n.Bool)}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
}
