package kubevalidate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/kubernetes/scheme"
	kjson "sigs.k8s.io/json"

	"github.com/valuesmith/valuesmith/internal/lazyre"
)

// validateBuiltin validates an object of a group registered in client-go's scheme.
func validateBuiltin(obj map[string]any, gvk schema.GroupVersionKind) Result {
	res := Result{Validated: true, Schema: "k8s.io/api " + gvkString(gvk)}
	var typed runtime.Object
	if scheme.Scheme.Recognizes(gvk) {
		var err error
		if typed, err = scheme.Scheme.New(gvk); err != nil {
			typed = nil
		}
	}
	p, note := checkServed(gvk, typed)
	if p != nil {
		res.Problems = finish([]problem{*p})
		return res
	}
	res.Note = note
	probs, ok := decodeStrict(obj, typed)
	if ok {
		probs = append(probs, withoutOverlap(semanticChecks(typed, gvk), probs)...)
	}
	res.Problems = finish(probs)
	return res
}

// withoutOverlap drops semantic problems at or under a path the decoder
// already reported: a value removed for a wrong type reads as zero there.
func withoutOverlap(sem, decoded []problem) []problem {
	if len(decoded) == 0 {
		return sem
	}
	var out []problem
	for _, s := range sem {
		sp := s.path.String()
		overlap := false
		for _, d := range decoded {
			dp := d.path.String()
			if sp == dp || strings.HasPrefix(sp, dp+".") || strings.HasPrefix(sp, dp+"[") {
				overlap = true
				break
			}
		}
		if !overlap {
			out = append(out, s)
		}
	}
	return out
}

// normalize deep-copies v through JSON, numbers as json.Number.
func normalize(v any) (any, []byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, nil, err
	}
	return out, data, nil
}

// decodeStrict decodes obj into into (a pointer to a typed struct) with the
// strict decoder and returns every problem it can find. A fatal error (wrong
// type, bad quantity) stops the decoder, so the offending value is located,
// reported, removed from a working copy, and decoding is retried; this way
// unknown fields elsewhere are still reported. ok is false when the object
// could not be decoded at all.
func decodeStrict(obj map[string]any, into runtime.Object) (probs []problem, ok bool) {
	return decodeStrictValue(obj, into)
}

// decodeStrictValue is decodeStrict for any pointer to a struct.
func decodeStrictValue(obj map[string]any, into any) (probs []problem, ok bool) {
	work, data, err := normalize(obj)
	if err != nil {
		return []problem{{nil, "object cannot be encoded as JSON: " + lowerFirst(err.Error())}}, false
	}
	t := reflect.TypeOf(into).Elem()
	for attempt := 0; attempt < 8; attempt++ {
		fresh := reflect.New(t)
		strictErrs, err := kjson.UnmarshalStrict(data, fresh.Interface())
		if err == nil {
			for _, se := range strictErrs {
				probs = append(probs, strictProblem(work, t, se))
			}
			reflect.ValueOf(into).Elem().Set(fresh.Elem())
			return probs, true
		}
		located := locate(work, t, nil)
		if len(located) == 0 {
			// Could not pin it down; report the decoder's own words.
			probs = append(probs, fallbackProblem(work, err))
			return probs, false
		}
		probs = append(probs, located...)
		removed := false
		for _, p := range located {
			if removeAt(work, p.path) {
				removed = true
			}
		}
		if !removed {
			return probs, false
		}
		if data, err = json.Marshal(work); err != nil {
			return probs, false
		}
	}
	return probs, false
}

// strictProblem turns a strict-decoder error (`unknown field "a.b[0].c"`,
// `duplicate field "a.b"`) into a problem.
func strictProblem(root any, t reflect.Type, err error) problem {
	var fe kjson.FieldError
	msg := err.Error()
	if errors.As(err, &fe) {
		p := resolveDotted(root, fe.FieldPath())
		name := ""
		if len(p) > 0 {
			name, _ = p[len(p)-1].(string)
		}
		switch {
		case strings.HasPrefix(msg, "unknown field"):
			return problem{p, unknownFieldMessage(name, jsonFieldNames(typeAt(t, p[:max(len(p)-1, 0)])))}
		case strings.HasPrefix(msg, "duplicate field"):
			return problem{p, fmt.Sprintf("duplicate field %q", name)}
		}
		return problem{p, lowerFirst(msg)}
	}
	return problem{nil, lowerFirst(strings.TrimPrefix(msg, "json: "))}
}

var typeErrRE = lazyre.New(`^json: cannot unmarshal (.+?) into Go (?:struct field (\S+)|value) of type (\S+)$`)

// fallbackProblem maps a fatal decoder error that locate could not pin to a
// value. Type errors carry the Go struct name plus the JSON field path
// without indexes ("DeploymentSpec.spec.replicas"); that path is used.
func fallbackProblem(root any, err error) problem {
	msg := err.Error()
	if m := typeErrRE.FindStringSubmatch(msg); m != nil {
		var p fieldPath
		if m[2] != "" {
			if i := strings.IndexByte(m[2], '.'); i >= 0 {
				p = resolveDotted(root, m[2][i+1:])
			}
		}
		return problem{p, fmt.Sprintf("wrong type: expected %s, got %s", goTypeWord(m[3]), strings.Fields(m[1])[0])}
	}
	return problem{nil, lowerFirst(strings.TrimPrefix(msg, "json: "))}
}

func goTypeWord(t string) string {
	t = strings.TrimLeft(t, "*[]")
	switch {
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "integer (" + t + ")"
	case strings.HasPrefix(t, "float"):
		return "number"
	case t == "bool":
		return "boolean"
	case t == "string":
		return "string"
	case strings.HasPrefix(t, "map"):
		return "object"
	}
	return t
}

var (
	quantityType    = reflect.TypeOf(resource.Quantity{})
	intOrStringType = reflect.TypeOf(intstr.IntOrString{})
	timeType        = reflect.TypeOf(metav1.Time{})
	microTimeType   = reflect.TypeOf(metav1.MicroTime{})
	durationType    = reflect.TypeOf(metav1.Duration{})
	unmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
)

// decodes reports whether v decodes into a fresh t without a fatal error.
func decodes(v any, t reflect.Type) (bool, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return false, err
	}
	_, err = kjson.UnmarshalStrict(data, reflect.New(t).Interface())
	return err == nil, err
}

// locate finds the values under v that make decoding into t fail fatally,
// walking the Go type alongside the value so paths carry real indexes and
// JSON field names.
func locate(v any, t reflect.Type, p fieldPath) []problem {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	ok, err := decodes(v, t)
	if ok {
		return nil
	}
	leaf := func() []problem { return []problem{{p, leafMessage(t, v, err)}} }
	if v == nil || reflect.PointerTo(t).Implements(unmarshalerType) {
		return leaf()
	}
	var out []problem
	switch t.Kind() {
	case reflect.Struct:
		m, isMap := v.(map[string]any)
		if !isMap {
			return leaf()
		}
		for _, k := range sortedKeys(m) {
			ft, found := jsonField(t, k)
			if !found {
				continue // unknown fields are reported by the strict pass
			}
			out = append(out, locate(m[k], ft, p.key(k))...)
		}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return leaf() // []byte: base64 string
		}
		arr, isArr := v.([]any)
		if !isArr {
			return leaf()
		}
		for i, e := range arr {
			out = append(out, locate(e, t.Elem(), p.index(i))...)
		}
	case reflect.Map:
		m, isMap := v.(map[string]any)
		if !isMap {
			return leaf()
		}
		for _, k := range sortedKeys(m) {
			out = append(out, locate(m[k], t.Elem(), p.key(k))...)
		}
	default:
		return leaf()
	}
	if len(out) == 0 {
		return leaf()
	}
	return out
}

func jsonKind(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		if strings.ContainsAny(string(x), ".eE") {
			return "number"
		}
		return "integer"
	case float64, float32:
		return "number"
	case int, int32, int64, uint, uint32, uint64:
		return "integer"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return fmt.Sprintf("%T", v)
}

// wantWord describes what JSON a Go type takes.
func wantWord(t reflect.Type) string {
	switch t {
	case quantityType:
		return "quantity (string or number)"
	case intOrStringType:
		return "integer or string"
	case timeType, microTimeType:
		return "RFC 3339 timestamp string"
	case durationType:
		return "duration string such as 30s"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer (" + t.Kind().String() + ")"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Struct, reflect.Map:
		return "object"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "base64 string"
		}
		return "array"
	case reflect.Interface:
		return "any value"
	}
	return t.String()
}

// leafMessage explains why v does not decode into t. It never quotes the
// value itself except for quantities, which are not secret.
func leafMessage(t reflect.Type, v any, err error) string {
	got := jsonKind(v)
	switch {
	case t == quantityType:
		if s, ok := v.(string); ok {
			msg := fmt.Sprintf("invalid quantity %q", s)
			if hint := quantityHint(s); hint != "" {
				return msg + ": " + hint
			}
			return msg + ": use a number with an optional suffix (Ki, Mi, Gi, Ti, m, k, M, G, T), e.g. 512Mi or 500m"
		}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		if got == "string" {
			return "value is not valid base64 (put plain text under stringData instead)"
		}
	case t == timeType || t == microTimeType:
		if got == "string" {
			return "not an RFC 3339 timestamp"
		}
	case t == durationType:
		if got == "string" {
			return "not a valid duration (use e.g. 30s, 5m, 1h)"
		}
	}
	want := wantWord(t)
	if strings.HasPrefix(want, "integer") && (got == "number" || got == "integer") {
		return fmt.Sprintf("expected %s, got a fractional or out-of-range number", want)
	}
	if got != "" && !strings.HasPrefix(want, got) {
		return fmt.Sprintf("wrong type: expected %s, got %s", want, got)
	}
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "json: ")
		if m := typeErrRE.FindStringSubmatch(err.Error()); m != nil {
			msg = fmt.Sprintf("cannot use %s as %s", strings.Fields(m[1])[0], goTypeWord(m[3]))
		}
		return lowerFirst(msg)
	}
	return "invalid value"
}

var byteSuffix = lazyre.New(`^([0-9.]+)\s*([KMGTPE])(i?)[Bb]$`)

// quantityHint recognises the common 4GB / 512MiB mistakes.
func quantityHint(s string) string {
	if m := byteSuffix.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		if m[3] == "i" {
			return fmt.Sprintf("drop the B: %s%si", m[1], m[2])
		}
		return fmt.Sprintf("Kubernetes quantities have no B suffix; use %s%si (binary) or %s%s (decimal)", m[1], m[2], m[1], m[2])
	}
	if strings.TrimSpace(s) != s {
		return "remove the surrounding spaces"
	}
	return ""
}

// jsonField finds the Go type of JSON field name in struct t, following
// inlined and embedded structs. Matching is case-sensitive like the decoder's.
func jsonField(t reflect.Type, name string) (reflect.Type, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil, false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		tname, opts, _ := strings.Cut(tag, ",")
		if (f.Anonymous && tname == "") || strings.Contains(","+opts+",", ",inline,") {
			if ft, ok := jsonField(f.Type, name); ok {
				return ft, true
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if tname == "" {
			tname = f.Name
		}
		if tname == name {
			return f.Type, true
		}
	}
	return nil, false
}

// jsonFieldNames lists the JSON field names of struct t.
func jsonFieldNames(t reflect.Type) []string {
	if t == nil {
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		tname, opts, _ := strings.Cut(tag, ",")
		if (f.Anonymous && tname == "") || strings.Contains(","+opts+",", ",inline,") {
			out = append(out, jsonFieldNames(f.Type)...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if tname == "" {
			tname = f.Name
		}
		out = append(out, tname)
	}
	sort.Strings(out)
	return out
}

// typeAt follows p (keys and indexes) from t and returns the Go type found,
// or nil.
func typeAt(t reflect.Type, p fieldPath) reflect.Type {
	for _, seg := range p {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch s := seg.(type) {
		case int:
			if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
				return nil
			}
			t = t.Elem()
		case string:
			switch t.Kind() {
			case reflect.Struct:
				ft, ok := jsonField(t, s)
				if !ok {
					return nil
				}
				t = ft
			case reflect.Map:
				t = t.Elem()
			default:
				return nil
			}
		}
	}
	return t
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	// Keep acronyms (JSON, URL) as they are.
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
