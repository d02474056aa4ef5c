package model

import (
	"github.com/invopop/jsonschema"
)

// QuantityPattern matches a Kubernetes resource quantity written as a string
// (500m, 2, 1.5, 512Mi, 4Gi, 1e3). It is the grammar of
// k8s.io/apimachinery/pkg/api/resource, written as a regular expression.
const QuantityPattern = `^[+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$`

// Quantity is a Kubernetes resource quantity: a number, or a string such as
// "500m", "2" or "4Gi".
type Quantity struct{}

// JSONSchema describes a quantity: a number, or a string in quantity syntax.
func (Quantity) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A Kubernetes quantity: a plain number, or a string such as \"500m\", \"2\", \"1.5Gi\" or \"512Mi\".",
		Pattern:     QuantityPattern,
		Extras:      map[string]any{"type": []string{"string", "number"}},
	}
}

// IntOrString is a Kubernetes int-or-string value: a whole number, or a
// string such as a named port or a percentage.
type IntOrString struct{}

// JSONSchema describes an int-or-string value.
func (IntOrString) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A whole number, or a string (a named port, or a percentage such as \"25%\").",
		Extras:      map[string]any{"type": []string{"integer", "string"}},
	}
}

// Percentish is a whole number or a percentage string, as used by
// maxUnavailable, maxSurge and PodDisruptionBudget bounds.
type Percentish struct{}

// JSONSchema describes a count or a percentage.
func (Percentish) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A whole number of pods, or a percentage of them such as \"25%\".",
		Pattern:     `^[0-9]+%$`,
		Minimum:     "0",
		Extras:      map[string]any{"type": []string{"integer", "string"}},
	}
}

// Port is a TCP or UDP port number.
type Port struct{}

// JSONSchema describes a port number.
func (Port) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A port number from 1 to 65535.",
		Type:        "integer",
		Minimum:     "1",
		Maximum:     "65535",
	}
}

// StringMap is a map of string keys to string values, such as Kubernetes
// labels and annotations. Kubernetes rejects non-string values there, so an
// unquoted true or 8080 is reported.
type StringMap map[string]string

// FreeMap is an object the chart passes on without reading its keys.
type FreeMap map[string]any

// PDBBound is a PodDisruptionBudget bound as the chart accepts it: a count,
// a percentage, or empty (unset).
type PDBBound struct{}

// JSONSchema describes a PodDisruptionBudget bound.
func (PDBBound) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A number of pods, a percentage such as \"50%\", or \"\" (unset).",
		Pattern:     `^([0-9]+%)?$`,
		Minimum:     "0",
		Extras:      map[string]any{"type": []string{"integer", "string", "null"}},
	}
}

// ScalarString is a value the chart renders inside quotes, so a number or a
// string both work.
type ScalarString struct{}

// JSONSchema describes a string or number.
func (ScalarString) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A string or a number; the chart renders it quoted.",
		Extras:      map[string]any{"type": []string{"string", "number"}},
	}
}

// ByteCount is a size in bytes: a whole number, or a string of digits (the
// quoted form keeps Helm from printing large numbers as 1e+09).
type ByteCount struct{}

// JSONSchema describes a byte count.
func (ByteCount) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "A size in bytes: a whole number, or a string of digits.",
		Pattern:     `^[0-9]+$`,
		Minimum:     "0",
		Extras:      map[string]any{"type": []string{"integer", "string"}},
	}
}
