// Package migrate moves a values file written for one chart major to the
// next, in the user's own file: keys with a new home are moved there with
// their comments, settings that map mechanically are rewritten, keys the new
// chart no longer reads are removed (each listed), and what needs a person
// is reported. Every fact it acts on is read from the version homes: the
// target release's Moves and Upgrade, and both releases' models and
// defaults. The edits are package edit's, so every line they do not touch
// stays byte for byte; the result is checked as the target release.
package migrate

import (
	"errors"
	"fmt"
	"strings"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/edit"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
	"github.com/valuesmith/valuesmith/schema/model"
)

// Options select what a run does.
type Options struct {
	// Target is the release the values move to; it must have an Upgrade.
	Target *schema.Version
	// From, when set, is the release the files are for; without it each
	// file's keys tell (and a file whose keys do not tell is left alone).
	From *schema.Version
	// Check says how the result is checked; its Version is set to Target.
	Check check.Options
}

// File is one values file to migrate.
type File struct {
	Name string
	Data []byte
	// Err is set when the file could not be read.
	Err error
}

// Result is the outcome of a run.
type Result struct {
	// InputErrors are files that could not be read, parsed or migrated
	// (a chart 0.x file); nothing else is done then.
	InputErrors []*values.InputError
	Files       []*FileResult
}

// Kinds of changes.
const (
	Moved     = "moved"
	Converted = "converted"
	Removed   = "removed"
	Pinned    = "pinned"
	Reset     = "reset"
)

// Change is one thing the migration changed.
type Change struct {
	Kind string
	// Path is the key changed; To the key it moved to.
	Path, To string
	// Line is where Path was in the original file; 0 for a key added.
	Line, Col int
	// Value is the value written by a pin (a chart default, never a
	// secret).
	Value string
	Why   string
}

// Item is something a person has to do or decide.
type Item struct {
	// Path is the key it is about, when there is one.
	Path      string
	Line, Col int
	What      string
}

// FileResult is the migration of one file.
type FileResult struct {
	Name          string
	Before, After []byte
	// From is the chart major the file was read as ("1.5.41"), and Why how
	// that was decided.
	From, Why string
	// Nothing, when set, says why the file was left alone.
	Nothing string
	Changes []Change
	// Human lists what needs a person.
	Human []Item
	// Remaining are the findings of the result checked as the target.
	Remaining []finding.Finding
	// masked are the literal secrets of the file, never shown.
	masked map[string]bool
}

// Changed reports whether the file's content changes.
func (f *FileResult) Changed() bool { return string(f.Before) != string(f.After) }

// Run migrates each file on its own. The error is for failures of the tool;
// problems with the inputs are in the Result.
func Run(opts Options, files []File) (*Result, error) {
	up := opts.Target.Upgrade
	if up == nil {
		return nil, fmt.Errorf("chart %s has no migration into it", opts.Target.Chart)
	}
	from, err := schema.Lookup(up.From)
	if err != nil {
		return nil, fmt.Errorf("the upgrade into chart %s: %w", opts.Target.Chart, err)
	}
	res := &Result{}
	docs := make([]*values.Document, len(files))
	for i, f := range files {
		doc, ierr := parse(f)
		if ierr != nil {
			res.InputErrors = append(res.InputErrors, ierr)
			continue
		}
		docs[i] = doc
	}
	if len(res.InputErrors) > 0 {
		return res, nil
	}
	for i, f := range files {
		fr, ierr, err := migrateFile(opts, from, f, docs[i])
		if err != nil {
			return nil, err
		}
		if ierr != nil {
			res.InputErrors = append(res.InputErrors, ierr)
			continue
		}
		res.Files = append(res.Files, fr)
	}
	if len(res.InputErrors) > 0 {
		return &Result{InputErrors: res.InputErrors}, nil
	}
	return res, nil
}

func parse(f File) (*values.Document, *values.InputError) {
	if f.Err != nil {
		return nil, asInputError(f.Name, f.Err)
	}
	doc, err := values.Parse(f.Name, f.Data)
	if err != nil {
		return nil, asInputError(f.Name, err)
	}
	return doc, nil
}

func asInputError(name string, err error) *values.InputError {
	var ie *values.InputError
	if errors.As(err, &ie) {
		return ie
	}
	return &values.InputError{File: name, Msg: err.Error()}
}

// migrateFile decides what the file is for and migrates it when it is for
// the major before the target.
func migrateFile(opts Options, from *schema.Version, f File, doc *values.Document) (*FileResult, *values.InputError, error) {
	to := opts.Target
	fr := &FileResult{Name: f.Name, Before: f.Data, After: f.Data}
	src := opts.From
	if src == nil {
		det, err := schema.Detect([]*values.Document{doc})
		if err != nil {
			return nil, nil, err
		}
		switch {
		case det.Era != "":
			k := det.Keys[0]
			return nil, &values.InputError{File: f.Name, Line: k.Pos.Line, Col: k.Pos.Col, Msg: fmt.Sprintf(
				"values written for chart %s (%s), which valuesmith migrate does not rewrite: move them to chart 1.x first (examples/upgrade-v0.13-to-v1.0 in langfuse/langfuse-k8s), then migrate", det.Era, det.Evidence())}, nil
		case det.Key == "":
			fr.Nothing = fmt.Sprintf("no key tells chart %s.x from chart %s.x apart, so nothing was changed; if the values are for chart %s.x, run again with --from %s", from.Major(), to.Major(), from.Major(), from.Chart)
			return fr, nil, nil
		}
		src = det.Version
		fr.Why = fmt.Sprintf("%s at line %d is a key only chart %s.x reads", det.Key, det.Pos.Line, det.Version.Major())
	} else {
		fr.Why = "--from " + src.Chart
	}
	fr.From = src.Chart
	if src.Major() == to.Major() {
		fr.Nothing = fmt.Sprintf("the values are for chart %s.x already (%s): nothing to migrate", to.Major(), fr.Why)
		return fr, nil, nil
	}
	if src.Major() != from.Major() {
		return nil, &values.InputError{File: f.Name, Msg: fmt.Sprintf("migrate moves chart %s.x values to chart %s; these are for chart %s", from.Major(), to.Chart, src.Chart)}, nil
	}
	m, err := newMigration(to, from, f, doc, fr)
	if err != nil {
		return nil, nil, err
	}
	if err := m.run(); err != nil {
		return nil, nil, err
	}
	fr.After = m.src
	if fr.masked, err = literalSecrets(opts.Check.Settings, from, to, fr.Name, fr.Before, fr.After); err != nil {
		return nil, nil, err
	}
	fr.Remaining, err = checkResult(opts, fr)
	return fr, nil, err
}

// checkResult checks the migrated file as the target release.
func checkResult(opts Options, fr *FileResult) ([]finding.Finding, error) {
	co := opts.Check
	co.Version = opts.Target
	cr, err := check.Run(co, []check.Release{{Layers: []check.Input{{Name: fr.Name, Data: fr.After}}}})
	if err != nil {
		return nil, err
	}
	if len(cr.InputErrors) > 0 {
		return nil, fmt.Errorf("the migrated %s does not read back: %s", fr.Name, cr.InputErrors[0].Msg)
	}
	return cr.Findings, nil
}

// Diff is the unified diff of the file, with each literal secret masked.
func (f *FileResult) Diff() (string, error) {
	if !f.Changed() {
		return "", nil
	}
	before, after := f.Before, f.After
	if len(f.masked) > 0 {
		secret := func(s string) bool { return f.masked[s] }
		var err error
		if before, err = edit.Mask(f.Name, before, secret); err != nil {
			return "", fmt.Errorf("cannot show the diff of %s without its secrets: %w", f.Name, err)
		}
		if after, err = edit.Mask(f.Name, after, secret); err != nil {
			return "", fmt.Errorf("cannot show the diff of %s without its secrets: %w", f.Name, err)
		}
	}
	return edit.Diff(f.Name, before, after), nil
}

// storeOf is the store section a key belongs to: its first element.
func storeOf(path string) string {
	store, _, _ := strings.Cut(path, ".")
	return store
}

// applies reports whether a ChangedDefault condition holds for a store.
func applies(w model.When, bundled bool) bool {
	switch w {
	case model.Always:
		return true
	case model.IfBundled:
		return bundled
	case model.IfExternal:
		return !bundled
	}
	return false
}
