// Package profiles holds the generator's embedded presets. A profile is a set
// of answers (the same keys as an answers file) plus the rule warnings it
// accepts on purpose, each with a reason that the generated file prints.
package profiles

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/valuesmith/valuesmith/internal/values"
)

// trees.go holds every embedded file as values.Parse reads it, and treeOf.
// The document names that the files' positions carry (and messages print)
// are set here, and only here, by -doc and -doc-for.
//go:generate go run ../internal/values/gotree/gen -o trees.go -lookup treeOf -doc "profile {name}" -doc-for "example.answers.yaml=example answers" *.yaml

//go:embed *.yaml
var files embed.FS

// Default is the profile used when none is chosen.
const Default = "production"

// Accepted is a rule finding a profile accepts, with the reason.
type Accepted struct {
	Rule   string
	Reason string
}

// Profile is one preset.
type Profile struct {
	Name    string
	Summary string
	// Accept lists the warnings this profile accepts on purpose.
	Accept []Accepted
	// Answers are the profile's answers, positioned in the profile file.
	Answers *values.Node
	// Order sorts profiles in listings.
	Order int
}

// Names lists the profiles in display order.
func Names() []string {
	ps := all()
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

// Available lists the profile names in alphabetical order without parsing
// the profiles (a profile's name is its file's name), for help texts that
// every run builds.
func Available() []string {
	entries, err := files.ReadDir(".")
	if err != nil {
		panic(err) // embedded at build time
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".answers.yaml") {
			continue
		}
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// List returns every profile in display order.
func List() []*Profile { return all() }

// Load returns the named profile. Only that profile is parsed: a run
// that generates with one profile does not pay for the others.
func Load(name string) (*Profile, error) {
	if !slices.Contains(Available(), name) {
		return nil, fmt.Errorf("unknown profile %q (profiles: %s)", name, strings.Join(Names(), ", "))
	}
	return one(name), nil
}

// one parses the named embedded profile once.
func one(name string) *Profile {
	parse, _ := parsed.LoadOrStore(name, sync.OnceValue(func() *Profile {
		p, err := parse(name + ".yaml")
		if err != nil {
			// Profiles are the tool's own data and tested; a broken one
			// is a build defect.
			panic(err)
		}
		return p
	}))
	return parse.(func() *Profile)()
}

// parsed maps a profile's name to its parse, run once.
var parsed sync.Map

// exampleFile holds the example answers.
const exampleFile = "example.answers.yaml"

// ExampleAnswers returns the embedded example answers (example.com hosts),
// as values.Parse reads them, laid out at build time (trees.go).
func ExampleAnswers() *values.Node { return treeOf(exampleFile) }

// all returns the profiles, parsed once.
var all = sync.OnceValue(parseAll)

func parseAll() []*Profile {
	var out []*Profile
	for _, name := range Available() {
		out = append(out, one(name))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out
}

// parse reads an embedded profile from its tree, laid out at build time
// (trees.go).
func parse(file string) (*Profile, error) {
	root := treeOf(file)
	if root == nil {
		return nil, fmt.Errorf("profile %s is not embedded", file)
	}
	return fromTree(file, root)
}

// fromTree reads a profile from its parsed file.
func fromTree(file string, root *values.Node) (*Profile, error) {
	doc := &values.Document{Root: root}
	p := &Profile{
		Name:    doc.Root.Get("name").Text(),
		Summary: doc.Root.Get("summary").Text(),
		Answers: doc.Root.Get("answers"),
	}
	if o := doc.Root.Get("order"); o != nil {
		p.Order = int(o.Int)
	}
	if acc := doc.Root.Get("accept"); acc != nil {
		for _, it := range acc.Items {
			p.Accept = append(p.Accept, Accepted{Rule: it.Get("rule").Text(), Reason: it.Get("reason").Text()})
		}
	}
	if p.Name == "" || p.Summary == "" || p.Answers == nil {
		return nil, fmt.Errorf("profile %s lacks name, summary or answers", file)
	}
	if want := strings.TrimSuffix(file, ".yaml"); p.Name != want {
		return nil, fmt.Errorf("profile %s is named %q: a profile's name must be its file's name", file, p.Name)
	}
	return p, nil
}
