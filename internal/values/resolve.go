package values

import (
	"math"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/lazyre"
)

// Helm reads values with sigs.k8s.io/yaml, which decodes YAML with go-yaml v2
// and so follows YAML 1.1: yes, on and y are true, 0755 is octal, 1_000 is a
// thousand. gopkg.in/yaml.v3 (which gives us positions) follows YAML 1.2. To
// report what Helm will actually see, plain scalars are resolved here with the
// YAML 1.1 rules of go-yaml v2; resolve_test.go checks this against
// sigs.k8s.io/yaml itself.

var yaml11Words = map[string]any{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true,
	"true": true, "True": true, "TRUE": true,
	"on": true, "On": true, "ON": true,
	"n": false, "N": false, "no": false, "No": false, "NO": false,
	"false": false, "False": false, "FALSE": false,
	"off": false, "Off": false, "OFF": false,
	"": nil, "~": nil, "null": nil, "Null": nil, "NULL": nil,
	".nan": math.NaN(), ".NaN": math.NaN(), ".NAN": math.NaN(),
	".inf": math.Inf(1), ".Inf": math.Inf(1), ".INF": math.Inf(1),
	"+.inf": math.Inf(1), "+.Inf": math.Inf(1), "+.INF": math.Inf(1),
	"-.inf": math.Inf(-1), "-.Inf": math.Inf(-1), "-.INF": math.Inf(-1),
}

var yaml11Float = lazyre.New(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// ImplicitBool reports whether s, written without quotes, is read by Helm as
// a boolean: true and false, but also yes, no, on, off, y and n (YAML 1.1).
func ImplicitBool(s string) bool {
	_, isBool := yaml11Words[s].(bool)
	return isBool
}

// resolvePlain returns the value of a plain (unquoted, untagged) scalar the
// way go-yaml v2 resolves it: nil, bool, int64, float64 or string. Timestamps
// stay strings (Helm turns them into RFC 3339 strings anyway).
func resolvePlain(in string) any {
	if v, ok := yaml11Words[in]; ok {
		return v
	}
	if in == "" {
		return nil
	}
	switch c := in[0]; {
	case c == '.':
		if f, err := strconv.ParseFloat(in, 64); err == nil {
			return f
		}
	case c == '+' || c == '-' || (c >= '0' && c <= '9'):
		plain := strings.ReplaceAll(in, "_", "")
		if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return i
		}
		if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return float64(u)
		}
		if yaml11Float.MatchString(plain) {
			if f, err := strconv.ParseFloat(plain, 64); err == nil {
				return f
			}
		}
		if rest, ok := strings.CutPrefix(plain, "-0b"); ok {
			if i, err := strconv.ParseInt("-"+rest, 2, 64); err == nil {
				return i
			}
		}
	}
	return in
}

// resolveTagged resolves a scalar with an explicit standard tag (!!str,
// !!int, ...). ok is false when the text does not fit the tag.
func resolveTagged(tag, in string) (v any, ok bool) {
	switch tag {
	case "!!str", "!!binary", "!!timestamp":
		return in, true
	case "!!null":
		return nil, true
	case "!!bool":
		b, isBool := yaml11Words[in].(bool)
		return b, isBool
	case "!!int":
		r := resolvePlain(in)
		_, isInt := r.(int64)
		return r, isInt
	case "!!float":
		switch r := resolvePlain(in).(type) {
		case int64:
			return float64(r), true
		case float64:
			return r, true
		}
		return nil, false
	}
	return nil, false
}
