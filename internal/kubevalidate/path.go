package kubevalidate

import (
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/lazyre"
	"github.com/valuesmith/valuesmith/internal/suggest"
)

// fieldPath is a location inside an object: string keys and int indexes.
type fieldPath []any

var plainKey = lazyre.New(`^[A-Za-z_$][A-Za-z0-9_$-]*$`)

// String renders the path the way kubectl does:
// spec.template.spec.containers[0].resources.limits.memory; keys that are not
// plain identifiers (labels, data keys) are bracketed: metadata.labels[app.kubernetes.io/name].
func (p fieldPath) String() string {
	var sb strings.Builder
	for _, seg := range p {
		switch s := seg.(type) {
		case int:
			sb.WriteByte('[')
			sb.WriteString(strconv.Itoa(s))
			sb.WriteByte(']')
		case string:
			if plainKey.MatchString(s) {
				if sb.Len() > 0 {
					sb.WriteByte('.')
				}
				sb.WriteString(s)
			} else {
				sb.WriteByte('[')
				sb.WriteString(s)
				sb.WriteByte(']')
			}
		}
	}
	return sb.String()
}

func (p fieldPath) key(k ...string) fieldPath {
	out := make(fieldPath, 0, len(p)+len(k))
	out = append(out, p...)
	for _, s := range k {
		out = append(out, s)
	}
	return out
}

func (p fieldPath) index(i int) fieldPath {
	out := make(fieldPath, 0, len(p)+1)
	out = append(out, p...)
	return append(out, i)
}

// resolveDotted turns a decoder path such as
// "spec.template.spec.containers[0].livenessProb" into segments by walking the
// actual value, so keys that themselves contain dots are kept whole.
func resolveDotted(root any, s string) fieldPath {
	var p fieldPath
	cur := root
	for s != "" {
		if s[0] == '.' {
			s = s[1:]
			continue
		}
		if s[0] == '[' {
			if end := strings.IndexByte(s, ']'); end > 0 {
				if n, err := strconv.Atoi(s[1:end]); err == nil {
					p = append(p, n)
					if arr, ok := cur.([]any); ok && n >= 0 && n < len(arr) {
						cur = arr[n]
					} else {
						cur = nil
					}
					s = s[end+1:]
					continue
				}
			}
		}
		// Longest key of the current map that the rest starts with.
		best := ""
		if m, ok := cur.(map[string]any); ok {
			for k := range m {
				if len(k) > len(best) && strings.HasPrefix(s, k) &&
					(len(s) == len(k) || s[len(k)] == '.' || s[len(k)] == '[') {
					best = k
				}
			}
		}
		if best == "" {
			end := strings.IndexAny(s, ".[")
			if end < 0 {
				end = len(s)
			}
			best = s[:end]
		}
		p = append(p, best)
		if m, ok := cur.(map[string]any); ok {
			cur = m[best]
		} else {
			cur = nil
		}
		s = s[len(best):]
	}
	return p
}

// jsonPointerPath turns jsonschema instance-location tokens into a path,
// using the instance to tell array indexes from object keys.
func jsonPointerPath(root any, tokens []string) fieldPath {
	var p fieldPath
	cur := root
	for _, t := range tokens {
		if arr, ok := cur.([]any); ok {
			if n, err := strconv.Atoi(t); err == nil {
				p = append(p, n)
				if n >= 0 && n < len(arr) {
					cur = arr[n]
				} else {
					cur = nil
				}
				continue
			}
		}
		p = append(p, t)
		if m, ok := cur.(map[string]any); ok {
			cur = m[t]
		} else {
			cur = nil
		}
	}
	return p
}

// removeAt deletes the value at p from root (map keys are deleted, array
// elements are set to null) so decoding can go on past a fatal error.
func removeAt(root any, p fieldPath) bool {
	if len(p) == 0 {
		return false
	}
	cur := root
	for _, seg := range p[:len(p)-1] {
		switch s := seg.(type) {
		case string:
			m, ok := cur.(map[string]any)
			if !ok {
				return false
			}
			cur = m[s]
		case int:
			a, ok := cur.([]any)
			if !ok || s < 0 || s >= len(a) {
				return false
			}
			cur = a[s]
		}
	}
	switch s := p[len(p)-1].(type) {
	case string:
		if m, ok := cur.(map[string]any); ok {
			if _, has := m[s]; has {
				delete(m, s)
				return true
			}
		}
	case int:
		if a, ok := cur.([]any); ok && s >= 0 && s < len(a) && a[s] != nil {
			a[s] = nil
			return true
		}
	}
	return false
}

func unknownFieldMessage(name string, known []string) string {
	msg := "unknown field " + strconv.Quote(name)
	if s := suggest.Closest(name, known); s != "" {
		msg += "; did you mean " + strconv.Quote(s) + "?"
	}
	return msg
}
