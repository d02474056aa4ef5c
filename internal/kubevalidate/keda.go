package kubevalidate

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	kjson "sigs.k8s.io/json"
)

var printer = message.NewPrinter(language.English)

//go:embed crds/keda.sh.json
var kedaBundle []byte

// kedaGroups are the API groups validated against the embedded KEDA schemas.
var kedaGroups = map[string]bool{"keda.sh": true}

type crdBundle struct {
	Source struct {
		Module  string   `json:"module"`
		Version string   `json:"version"`
		License string   `json:"license"`
		Files   []string `json:"files"`
	} `json:"source"`
	Schemas []struct {
		Group              string          `json:"group"`
		Version            string          `json:"version"`
		Kind               string          `json:"kind"`
		Deprecated         bool            `json:"deprecated"`
		DeprecationWarning string          `json:"deprecationWarning"`
		Schema             json.RawMessage `json:"schema"`
	} `json:"schemas"`
}

type crdSchema struct {
	gvk        schema.GroupVersionKind
	deprecated string
	raw        any // the schema document, as jsonschema.UnmarshalJSON gives it
	url        string

	once     sync.Once
	compiled *jsonschema.Schema
	err      error
}

func (c *crdSchema) schema() (*jsonschema.Schema, error) {
	c.once.Do(func() {
		comp := jsonschema.NewCompiler()
		comp.DefaultDraft(jsonschema.Draft7)
		if err := comp.AddResource(c.url, c.raw); err != nil {
			c.err = err
			return
		}
		c.compiled, c.err = comp.Compile(c.url)
	})
	return c.compiled, c.err
}

type crdSet struct {
	version string // KEDA module version, e.g. v2.21.0
	byGVK   map[schema.GroupVersionKind]*crdSchema
	kinds   map[schema.GroupKind][]string // served versions per kind
}

var (
	kedaOnce sync.Once
	kedaSet  *crdSet
	kedaErr  error
)

// kedaSchemas parses the embedded bundle once.
func kedaSchemas() (*crdSet, error) {
	kedaOnce.Do(func() { kedaSet, kedaErr = parseBundle(kedaBundle) })
	return kedaSet, kedaErr
}

func parseBundle(data []byte) (*crdSet, error) {
	var b crdBundle
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("embedded KEDA schemas: %w", err)
	}
	if b.Source.Version == "" || len(b.Schemas) == 0 {
		return nil, errors.New("embedded KEDA schemas: no version or no schemas")
	}
	set := &crdSet{
		version: b.Source.Version,
		byGVK:   map[schema.GroupVersionKind]*crdSchema{},
		kinds:   map[schema.GroupKind][]string{},
	}
	for _, s := range b.Schemas {
		raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(s.Schema))
		if err != nil {
			return nil, fmt.Errorf("embedded KEDA schema %s/%s %s: %w", s.Group, s.Version, s.Kind, err)
		}
		gvk := schema.GroupVersionKind{Group: s.Group, Version: s.Version, Kind: s.Kind}
		dep := ""
		if s.Deprecated {
			dep = s.DeprecationWarning
			if dep == "" {
				dep = gvkString(gvk) + " is deprecated"
			}
		}
		set.byGVK[gvk] = &crdSchema{
			gvk: gvk, deprecated: dep, raw: raw,
			url: "https://valuesmith.invalid/crds/" + s.Group + "/" + s.Version + "/" + s.Kind + ".json",
		}
		gk := gvk.GroupKind()
		set.kinds[gk] = append(set.kinds[gk], s.Version)
	}
	return set, nil
}

// KEDAVersion returns the KEDA release the embedded schemas come from.
func KEDAVersion() string {
	set, err := kedaSchemas()
	if err != nil {
		return ""
	}
	return set.version
}

func validateKEDA(obj map[string]any, gvk schema.GroupVersionKind) Result {
	set, err := kedaSchemas()
	if err != nil {
		return Result{Note: fmt.Sprintf("no usable schema for %s: %v: not validated", gvkString(gvk), err)}
	}
	label := fmt.Sprintf("KEDA %s CRD %s", set.version, gvkString(gvk))
	cs := set.byGVK[gvk]
	if cs == nil {
		res := Result{Validated: true, Schema: fmt.Sprintf("KEDA %s CRDs", set.version)}
		if versions := set.kinds[gvk.GroupKind()]; len(versions) > 0 {
			res.Problems = []Problem{{Path: "apiVersion", Message: fmt.Sprintf(
				"%s is not served by KEDA %s; use %s/%s", gvkString(gvk), set.version, gvk.Group, strings.Join(versions, " or "))}}
		} else {
			res.Problems = []Problem{{Path: "kind", Message: fmt.Sprintf("kind %q is not defined by the KEDA %s CRDs of group %s", gvk.Kind, set.version, gvk.Group)}}
		}
		return res
	}
	sch, err := cs.schema()
	if err != nil {
		return Result{Note: fmt.Sprintf("schema for %s does not compile (%v): not validated", label, err)}
	}
	res := Result{Validated: true, Schema: label, Note: cs.deprecated}

	inst, data, err := normalize(obj)
	if err != nil {
		res.Problems = []Problem{{Message: "object cannot be encoded as JSON: " + lowerFirst(err.Error())}}
		return res
	}
	var probs []problem
	if verr := sch.Validate(inst); verr != nil {
		var ve *jsonschema.ValidationError
		if errors.As(verr, &ve) {
			probs = append(probs, schemaProblems(ve, inst, cs.raw)...)
		} else {
			probs = append(probs, problem{nil, lowerFirst(verr.Error())})
		}
	}
	probs = append(probs, kedaSemantic(obj, data, gvk, len(probs) == 0)...)
	res.Problems = finish(probs)
	return res
}

// kedaSemantic adds what the schema cannot say: ObjectMeta is decoded
// strictly and checked like a built-in object's; the CEL rule of ScaledObject
// (minReplicaCount <= maxReplicaCount, default max 100) is applied; the pod
// template of a ScaledJob gets the pod checks.
func kedaSemantic(obj map[string]any, data []byte, gvk schema.GroupVersionKind, schemaOK bool) []problem {
	var ps []problem
	if md, ok := obj["metadata"].(map[string]any); ok {
		var om metav1.ObjectMeta
		mprobs, decoded := decodeStrictInto(md, &om, fieldPath{"metadata"})
		ps = append(ps, mprobs...)
		if decoded {
			ps = append(ps, checkObjectMeta(om.Name, om.Namespace, om.Labels, om.Annotations, gvk, fieldPath{"metadata"}, true)...)
		}
	} else {
		ps = append(ps, problem{fieldPath{"metadata", "name"}, "metadata.name is required"})
	}
	switch gvk.Kind {
	case "ScaledObject":
		var so struct {
			Spec struct {
				Min *int32 `json:"minReplicaCount"`
				Max *int32 `json:"maxReplicaCount"`
			} `json:"spec"`
		}
		if err := kjson.UnmarshalCaseSensitivePreserveInts(data, &so); err == nil && so.Spec.Min != nil {
			maxR := int32(100)
			if so.Spec.Max != nil {
				maxR = *so.Spec.Max
			}
			if *so.Spec.Min > maxR {
				ps = append(ps, problem{fieldPath{"spec", "minReplicaCount"},
					fmt.Sprintf("minReplicaCount %d must be less than or equal to maxReplicaCount %d", *so.Spec.Min, maxR)})
			}
		}
	case "ScaledJob":
		if !schemaOK {
			break // the schema already covers the pod template; avoid saying it twice
		}
		var sj struct {
			Spec struct {
				JobTargetRef struct {
					Template corev1.PodTemplateSpec `json:"template"`
				} `json:"jobTargetRef"`
			} `json:"spec"`
		}
		if err := kjson.UnmarshalCaseSensitivePreserveInts(data, &sj); err == nil {
			ps = append(ps, checkPodTemplate(&sj.Spec.JobTargetRef.Template, fieldPath{"spec", "jobTargetRef", "template"})...)
		}
	}
	return ps
}

// decodeStrictInto is decodeStrict for a sub-object at prefix.
func decodeStrictInto(v map[string]any, into any, prefix fieldPath) ([]problem, bool) {
	probs, ok := decodeStrictValue(v, into)
	for i := range probs {
		probs[i].path = append(append(fieldPath{}, prefix...), probs[i].path...)
	}
	return probs, ok
}

// schemaProblems flattens a jsonschema error tree into problems.
func schemaProblems(ve *jsonschema.ValidationError, inst, rawSchema any) []problem {
	var out []problem
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		at := jsonPointerPath(inst, e.InstanceLocation)
		switch k := e.ErrorKind.(type) {
		case *kind.Schema, *kind.Group, *kind.Reference, *kind.AllOf:
			for _, c := range e.Causes {
				walk(c)
			}
		case *kind.AdditionalProperties:
			known := schemaPropertyNames(rawSchema, e.SchemaURL)
			for _, name := range k.Properties {
				out = append(out, problem{at.key(name), unknownFieldMessage(name, known)})
			}
		case *kind.Required:
			for _, name := range k.Missing {
				out = append(out, problem{at.key(name), fmt.Sprintf("missing required field %q", name)})
			}
		default:
			out = append(out, problem{at, schemaMessage(e)})
		}
	}
	walk(ve)
	return out
}

// schemaMessage words one leaf error as a plain sentence. Values from the
// instance are not quoted (they might be secrets), only the schema's limits.
func schemaMessage(e *jsonschema.ValidationError) string {
	switch k := e.ErrorKind.(type) {
	case *kind.Type:
		return fmt.Sprintf("wrong type: expected %s, got %s", strings.Join(k.Want, " or "), k.Got)
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = fmt.Sprint(w)
		}
		return "must be one of: " + strings.Join(want, ", ")
	case *kind.Const:
		return fmt.Sprintf("must be %v", k.Want)
	case *kind.Minimum:
		return "must be at least " + ratString(k.Want)
	case *kind.Maximum:
		return "must be at most " + ratString(k.Want)
	case *kind.ExclusiveMinimum:
		return "must be greater than " + ratString(k.Want)
	case *kind.ExclusiveMaximum:
		return "must be less than " + ratString(k.Want)
	case *kind.MultipleOf:
		return "must be a multiple of " + ratString(k.Want)
	case *kind.MinLength:
		if k.Want == 1 {
			return "must not be empty"
		}
		return fmt.Sprintf("must be at least %d characters long", k.Want)
	case *kind.MaxLength:
		return fmt.Sprintf("must be at most %d characters long", k.Want)
	case *kind.Pattern:
		return "does not match the pattern " + k.Want
	case *kind.MinItems:
		if k.Want == 1 {
			return "must have at least one item"
		}
		return fmt.Sprintf("must have at least %d items", k.Want)
	case *kind.MaxItems:
		return fmt.Sprintf("must have at most %d items", k.Want)
	case *kind.UniqueItems:
		return fmt.Sprintf("items %d and %d are equal; items must be unique", k.Duplicates[0], k.Duplicates[1])
	case *kind.MinProperties:
		return fmt.Sprintf("must have at least %d fields", k.Want)
	case *kind.MaxProperties:
		return fmt.Sprintf("must have at most %d fields", k.Want)
	case *kind.Format:
		return "not a valid " + k.Want
	case *kind.AnyOf:
		return "does not match any of the allowed forms"
	case *kind.OneOf:
		if len(k.Subschemas) > 1 {
			return "matches more than one of the allowed forms"
		}
		return "does not match exactly one of the allowed forms"
	case *kind.Not:
		return "matches a form that is not allowed"
	case *kind.FalseSchema:
		return "no value is allowed here"
	}
	return lowerFirst(e.ErrorKind.LocalizedString(printer))
}

func ratString(r *big.Rat) string {
	if r == nil {
		return "?"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// schemaPropertyNames resolves schemaURL's fragment (a JSON pointer) in the
// raw schema and returns its property names, for "did you mean" hints.
func schemaPropertyNames(raw any, schemaURL string) []string {
	_, frag, _ := strings.Cut(schemaURL, "#")
	cur := raw
	if frag != "" {
		for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			switch c := cur.(type) {
			case map[string]any:
				cur = c[tok]
			case []any:
				n, err := strconv.Atoi(tok)
				if err != nil || n < 0 || n >= len(c) {
					return nil
				}
				cur = c[n]
			default:
				return nil
			}
		}
	}
	m, _ := cur.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	return sortedKeys(props)
}
