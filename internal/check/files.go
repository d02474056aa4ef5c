package check

import (
	"fmt"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// fileTable holds what a run keeps of each file: a name read by several
// releases is shared and its document kept for the run; any other file is
// parsed by its release's check and let go with it. Each entry is written
// by one goroutine only: a shared file's before and after the releases'
// checks, any other file's by the check of its release.
type fileTable struct {
	order  []*fileState // first-seen order
	byName map[string]*fileState
}

// fileState is one file of a run.
type fileState struct {
	in     Input // the first Input of this name
	shared bool  // read by more than one release
	// releases counts the releases that read the file; last is the latest
	// of them, plus one.
	releases, last int
	parsed         bool
	doc            *values.Document // kept only while needed
	err            *values.InputError
	dirs           []*directive
	schema         []finding.Finding
	// dups are the keys written twice in one mapping.
	dups []finding.Finding
}

func newFileTable(releases []Release) *fileTable {
	t := &fileTable{byName: map[string]*fileState{}}
	for i, rel := range releases {
		for _, in := range rel.Layers {
			f, ok := t.byName[in.Name]
			if !ok {
				f = &fileState{in: in}
				t.byName[in.Name] = f
				t.order = append(t.order, f)
			}
			if f.last != i+1 {
				f.releases, f.last = f.releases+1, i+1
			}
		}
	}
	for _, f := range t.order {
		f.shared = f.releases > 1
	}
	return t
}

// names are the files in first-seen order.
func (t *fileTable) names() []string {
	out := make([]string, len(t.order))
	for i, f := range t.order {
		out[i] = f.in.Name
	}
	return out
}

// parse reads and parses the file once, keeping its ignore comments, and
// returns the document (nil when the file could not be read or parsed).
func (f *fileState) parse() *values.Document {
	if f.parsed {
		return f.doc
	}
	f.parsed = true
	doc, err := parse(f.in)
	if err != nil {
		f.err = err
		return nil
	}
	f.dirs = directives(doc)
	f.dups = duplicateFindings(doc)
	f.doc = doc
	return doc
}

// validate checks the file's document against a model's schema and makes
// the findings as true as the chart (reviseSchema); ctx gives the effective
// values of a release that reads the file, or is nil.
func (f *fileState) validate(doc *values.Document, model *schema.Version, extra schema.KeySet, ctx func() *rules.Context) error {
	fs, err := model.ValidateWith(doc, extra)
	if err != nil {
		return fmt.Errorf("validate %s: %w", doc.File, err)
	}
	f.schema = reviseSchema(fs, doc, model, ctx)
	return nil
}
