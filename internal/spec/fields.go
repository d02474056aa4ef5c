package spec

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// CheckAnswer checks one answer on its own, written as its flag takes it
// (numbers and booleans as text, lists comma-separated), against what the
// answers schema asks of its key: a whole number in range, true or false,
// one of the allowed choices, or the key's pattern and length. The error
// says what is expected, in words.
//
// It is the check Assemble's schema validation makes, answer by answer: the
// rules come from the same jsonschema tags on Spec that generate
// answers.schema.json. Whether the answer fits the others (a maximum above
// the minimum, a bundled store in the production profile, a host name that
// is a host name) is Validate's and Missing's job; a caller that checks
// answers as they are typed runs those too, on the answers so far.
func CheckAnswer(key, raw string) error {
	f, ok := fieldOf(key)
	if !ok {
		return fmt.Errorf("%s is not an answers key", key)
	}
	c := constraintsOf(f)
	switch f.Type.Kind() {
	case reflect.Int:
		// Numbers and booleans are read the way flags are: spaces around
		// them do not count; strings are taken as they are.
		raw = strings.TrimSpace(raw)
		n, err := strconv.Atoi(raw)
		if err != nil {
			return fmt.Errorf("%q is not a whole number; %s", raw, c.numberRange(key))
		}
		if (c.min != nil && n < *c.min) || (c.max != nil && n > *c.max) {
			return fmt.Errorf("%d is out of range; %s", n, c.numberRange(key))
		}
	case reflect.Bool:
		raw = strings.TrimSpace(raw)
		if _, err := strconv.ParseBool(raw); err != nil {
			return fmt.Errorf("%q is not an answer; answer true or false", raw)
		}
	case reflect.Map:
		if _, err := ParsePairs(raw); err != nil {
			return err
		}
	case reflect.String:
		if len(c.enum) > 0 {
			for _, e := range c.enum {
				if raw == e {
					return nil
				}
			}
			return fmt.Errorf("%q is not a choice; choose one of %s", raw, strings.Join(c.enum, ", "))
		}
		if c.pattern != nil && !c.pattern.MatchString(raw) {
			return fmt.Errorf("%q is not valid here; give %s", raw, describePattern(c.pattern.String()))
		}
		if c.maxLength > 0 && len(raw) > c.maxLength {
			return fmt.Errorf("%q is too long; give at most %d characters", raw, c.maxLength)
		}
	}
	return nil
}

// fieldOf returns the Spec field at a dotted answers key.
func fieldOf(key string) (reflect.StructField, bool) {
	f, ok := specFields()[key]
	return f, ok
}

// specFields maps every dotted answers key to its Spec field. It is built
// on first use, in one walk of the type: the generate command asks for the
// kind of each of its flags whenever the program starts.
var specFields = sync.OnceValue(func() map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	var walk func(t reflect.Type, at string)
	walk = func(t reflect.Type, at string) {
		// VisibleFields includes the fields an embedded struct promotes
		// (Worker embeds Component).
		for _, f := range reflect.VisibleFields(t) {
			if f.Anonymous {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			key := name
			if at != "" {
				key = at + "." + name
			}
			if _, seen := out[key]; seen {
				continue // the first visible field of a name wins, as before
			}
			out[key] = f
			if f.Type.Kind() == reflect.Struct {
				walk(f.Type, key)
			}
		}
	}
	walk(reflect.TypeOf(Spec{}), "")
	return out
})

type constraints struct {
	min, max  *int
	enum      []string
	pattern   *regexp.Regexp
	maxLength int
}

// constraintsOf reads a field's jsonschema tag (the source of the answers
// schema's constraints).
func constraintsOf(f reflect.StructField) constraints {
	var c constraints
	for _, kv := range strings.Split(f.Tag.Get("jsonschema"), ",") {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "minimum":
			if n, err := strconv.Atoi(v); err == nil {
				c.min = &n
			}
		case "maximum":
			if n, err := strconv.Atoi(v); err == nil {
				c.max = &n
			}
		case "enum":
			c.enum = append(c.enum, v)
		case "pattern":
			c.pattern = regexp.MustCompile(v)
		case "maxLength":
			c.maxLength, _ = strconv.Atoi(v)
		}
	}
	return c
}

// numberRange says which whole numbers a key takes.
func (c constraints) numberRange(key string) string {
	last := key[strings.LastIndex(key, ".")+1:]
	isPort := strings.HasSuffix(strings.ToLower(last), "port") && c.min != nil && *c.min == 1 && c.max != nil && *c.max == 65535
	switch {
	case isPort:
		return "give a port number from 1 to 65535"
	case c.min != nil && c.max != nil && *c.max == MaxInt32:
		// The int32 limit of Kubernetes is rarely the point: say it last.
		return fmt.Sprintf("give a whole number of at least %d (at most %d)", *c.min, *c.max)
	case c.min != nil && c.max != nil:
		return fmt.Sprintf("give a whole number from %d to %d", *c.min, *c.max)
	case c.min != nil:
		return fmt.Sprintf("give a whole number of at least %d", *c.min)
	case c.max != nil:
		return fmt.Sprintf("give a whole number of at most %d", *c.max)
	}
	return "give a whole number"
}

// patternWords describes the patterns Spec's tags use.
var patternWords = map[string]string{
	`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`: "lower-case letters, digits and '-', starting and ending with a letter or digit",
	`^(sha256:[0-9a-f]{64})?$`:        "sha256: and 64 lower-case hex digits, or nothing",
	`^[0-9]+[kKmMgG]?$`:               "an nginx size such as 100m or 1g",
	`^[0-9]+%?$`:                      "a count such as 1 or a percentage such as 25%",
}

func describePattern(p string) string {
	if w, ok := patternWords[p]; ok {
		return w
	}
	return "a value matching " + p
}
