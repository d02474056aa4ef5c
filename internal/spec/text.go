package spec

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/valuesmith/valuesmith/internal/values"
)

// Every input is one line of text. The generated file prints inputs in
// comments (the Secrets to create, accepted warnings and their reasons, the
// host, the release), and a comment ends at a line break: a newline in an
// input would start a line of YAML the user never meant to write. Quoted
// values are safe, but one rule for every string is simpler to trust than a
// list of the places that quote.

// badRune returns a description of the first character of s that no input
// may hold: a C0 or C1 control character (newline, carriage return, tab,
// ...), DEL, the Unicode line and paragraph separators (YAML 1.1 parsers
// treat them as line breaks), or bytes that are not UTF-8.
func badRune(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return "bytes that are not UTF-8", true
	}
	for _, r := range s {
		switch r {
		case '\n':
			return "a line break", true
		case '\r':
			return "a carriage return", true
		case '\t':
			return "a tab", true
		case '\u2028', '\u2029', '\u0085':
			return fmt.Sprintf("a Unicode line break (%U)", r), true
		}
		if unicode.IsControl(r) {
			return fmt.Sprintf("the control character %U", r), true
		}
	}
	return "", false
}

// CheckReason checks a reason given for accepting a warning as it is
// typed: one line of printable text (empty declines).
func CheckReason(s string) error {
	if what, bad := badRune(s); bad {
		return errors.New(textMsg(what, false))
	}
	return nil
}

func textMsg(what string, isKey bool) string {
	if isKey {
		return "the key contains " + what + "; keys are one line of printable text"
	}
	return "contains " + what + "; inputs are one line of printable text"
}

// textProblems walks every string of the merged answers, map keys included,
// and reports those with control characters, at the place they were
// written.
// Like PosOf, a map value is placed at its key.
func textProblems(n *values.Node, path string, at values.Pos) Problems {
	var ps Problems
	if n == nil {
		return nil
	}
	switch n.Kind {
	case values.String:
		if what, bad := badRune(n.Str); bad {
			ps = append(ps, Problem{Key: path, Msg: textMsg(what, false), Pos: at})
		}
	case values.Map:
		for _, f := range n.Fields {
			p := values.JoinKey(path, f.Key)
			if what, bad := badRune(f.Key); bad {
				ps = append(ps, Problem{Key: p, Msg: textMsg(what, true), Pos: f.KeyPos})
				continue
			}
			ps = append(ps, textProblems(f.Value, p, f.KeyPos)...)
		}
	case values.List:
		for i, it := range n.Items {
			ps = append(ps, textProblems(it, values.JoinIndex(path, i), it.Pos)...)
		}
	}
	return ps
}

// CheckText reports the first string of the Spec (struct fields, list
// items, map keys and values) or of the accepted warnings that is not one
// line of printable text. Validate refuses such inputs with their
// positions; the templates call this as a last guard, before they print
// anything into a comment.
func (a *Assembled) CheckText() error {
	var err error
	eachString(reflect.ValueOf(a.Spec).Elem(), "", func(key, v string, isKey bool) bool {
		if what, bad := badRune(v); bad {
			err = fmt.Errorf("%s: %s", key, textMsg(what, isKey))
			return false
		}
		return true
	})
	if err != nil {
		return err
	}
	for _, acc := range a.Accepted() {
		for _, v := range []string{acc.Rule, acc.Reason} {
			if what, bad := badRune(v); bad {
				return fmt.Errorf("accepted warning %q: %s", acc.Rule, textMsg(what, false))
			}
		}
	}
	return nil
}

// eachString calls fn with the answers key of every string in v, until fn
// returns false. It reports whether to go on.
func eachString(v reflect.Value, key string, fn func(key, s string, isKey bool) bool) bool {
	switch v.Kind() {
	case reflect.String:
		return fn(key, v.String(), false)
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			k := key
			if !f.Anonymous || name != "" {
				if name == "" || name == "-" {
					continue
				}
				k = values.JoinKey(key, name)
			}
			if !eachString(v.Field(i), k, fn) {
				return false
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if !eachString(v.Index(i), values.JoinIndex(key, i), fn) {
				return false
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		names := make([]string, 0, len(keys))
		for _, mk := range keys {
			names = append(names, mk.String())
		}
		slices.Sort(names)
		for _, name := range names {
			k := values.JoinKey(key, name)
			if !fn(k, name, true) || !eachString(v.MapIndex(reflect.ValueOf(name)), k, fn) {
				return false
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return eachString(v.Elem(), key, fn)
		}
	}
	return true
}

// keyTokens splits an answers key as problems name it (a.b[2].c,
// m["x.y/z"]) into the tokens values.Node.Follow takes.
func keyTokens(key string) []string {
	var out []string
	for key != "" {
		switch key[0] {
		case '.':
			key = key[1:]
		case '[':
			end := strings.IndexByte(key, ']')
			if strings.HasPrefix(key, `["`) {
				// A quoted map key: find its closing quote.
				if q, err := strconv.QuotedPrefix(key[1:]); err == nil {
					s, _ := strconv.Unquote(q)
					out = append(out, s)
					key = strings.TrimPrefix(key[1+len(q):], "]")
					continue
				}
			}
			if end < 0 {
				return append(out, key)
			}
			out = append(out, key[1:end])
			key = key[end+1:]
		default:
			end := strings.IndexAny(key, ".[")
			if end < 0 {
				end = len(key)
			}
			out = append(out, key[:end])
			key = key[end:]
		}
	}
	return out
}
