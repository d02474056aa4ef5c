package model

import (
	"strings"

	"github.com/valuesmith/valuesmith/internal/values"
)

// Release is everything valuesmith knows about one release line of the
// chart, as its home declares it. The schema package wraps it into a
// schema.Version, which adds validation; everything else reads the facts
// through that.
type Release struct {
	// Chart is the modelled chart version, for example 2.0.0. The release
	// line it stands for is its major.minor (2.0.x).
	Chart string
	// AppVersion is the Langfuse application version the chart ships with;
	// images without a tag run it.
	AppVersion string
	// Dir is the home's directory below schema/, where go generate writes the
	// values schema and reads the model's doc comments.
	Dir string
	// Root is the zero value of the values model's root type.
	Root any
	// Schema is the committed values.schema.json generated from Root.
	Schema []byte
	// Validation is the committed validation.schema.json generated from
	// Schema: the same schema without annotations, which is what
	// validation decodes.
	Validation []byte
	// Paths is the committed paths.txt generated from Schema: every key
	// path the schema names explicitly, one per line, keys separated by
	// tabs (what tells a file's chart version from its keys).
	Paths string
	// Defaults is the chart's values.yaml as data (no comments).
	Defaults []byte
	// DefaultsTree is Defaults as values.Parse reads it, generated into
	// the home as static data (defaults_tree.go): no run parses it.
	DefaultsTree *values.Node
	// Workloads are the facts of the web and worker templates.
	Workloads *Workloads
	// Refusals records the conditions under which the release refuses to
	// render the values.
	Refusals func(r *Refuser)
	// SchemaRefusals are keys where a value the schema rejects also makes
	// the chart refuse to render.
	SchemaRefusals []SchemaRefusal
	// Moves are the keys of the previous chart major that this release no
	// longer reads, with their new home when they have one.
	Moves []Move
	// Stores are the facts of the bundled stores and the store keys whose
	// path differs between releases.
	Stores *StoreFacts
	// GeneratesAppSecrets: the chart generates salt, encryptionKey and
	// nextauth.secret that the values leave unset (chart 2.x); without it,
	// it requires salt and nextauth.secret and leaves encryptionKey unset
	// (chart 1.x).
	GeneratesAppSecrets bool
	// KeepsGeneratedSecrets: on helm install and upgrade, the chart looks
	// up its app Secret in the cluster and keeps each value stored there
	// instead of generating a new one (chart 2.x, langfuse-app-secret.yaml;
	// the Secret carries helm.sh/resource-policy: keep). A render without a
	// cluster (helm template, GitOps) sees no Secret and generates anew.
	KeepsGeneratedSecrets bool
	// Upgrade says how values of the previous chart major become values of
	// this release (what valuesmith migrate does besides Moves); nil when
	// the release has no migration into it.
	Upgrade *Upgrade
}

// Major is the chart's major version number as a string ("2").
func (r *Release) Major() string { return strings.SplitN(r.Chart, ".", 2)[0] }

// Line is the release line the model stands for: major.minor ("2.0").
func (r *Release) Line() string {
	parts := strings.SplitN(r.Chart, ".", 3)
	if len(parts) < 2 {
		return r.Chart
	}
	return parts[0] + "." + parts[1]
}

// Move is a key of an older chart major that a release no longer reads: it
// either moved (NewPath) or was removed.
type Move struct {
	// Path is the dotted key path; it also covers every key below it.
	Path string
	// NewPath is where the setting lives now; empty when it was removed.
	NewPath string
	// Note says what changed and what to do.
	Note string
	// When, if set, makes the key count as the old one only when its value
	// has the old shape (a secret given as a plain string, say).
	When func(n *values.Node) bool
	// Carry: the value means the same at NewPath, so valuesmith migrate
	// moves it there as it is. Without Carry (and without Convert) NewPath
	// only says where the setting lives now: migrate removes the old key
	// and lists it.
	Carry bool
	// Convert, when set, turns the old value into the value NewPath takes
	// (command-line flags into configuration lines, say); an error leaves
	// the key to a person.
	Convert func(n *values.Node) (*values.Node, error)
	// Bundled: the key configures the chart's bundled store named by the
	// first element of Path, and means nothing while that store is
	// external; migrate then removes it instead of carrying it.
	Bundled bool
}

// PlainValue is a Move.When for a key an older major took as a plain value
// (a string, number or boolean) where this release reads an object.
func PlainValue(n *values.Node) bool {
	switch n.Kind {
	case values.String, values.Int, values.Float, values.Bool:
		return true
	}
	return false
}
