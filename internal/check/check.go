// Package check runs valuesmith's checks over values files: parse with
// positions, validate each file against the chart's schema, merge the layers
// of each release over the chart's defaults, run the rule catalogue, and
// apply the policy (severities, suppressions). The CLI and the generator's
// self-check both go through here.
package check

import (
	"errors"
	"fmt"
	"slices"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// Input is one values file.
type Input struct {
	// Name is how the file is shown in findings.
	Name string
	// Data is the file's content.
	Data []byte
	// Err is set when the file could not be read; it is reported as an input
	// error.
	Err error
}

// Release is the values of one Helm release: layers in helm -f order.
type Release struct {
	Layers []Input
}

// Options select what a check run does.
type Options struct {
	// Version is the chart version the values are for.
	Version *schema.Version
	// Rules are the rules to run; nil runs none (schema validation only).
	Rules []*rules.Rule
	// Settings tune the rules (release name, startup budget).
	Settings rules.Settings
	// Policy changes severities and suppresses findings.
	Policy *Policy
}

// Result is the outcome of a check run.
type Result struct {
	// Files are the names of the files read, in first-seen order.
	Files []string
	// Documents are the files that parsed.
	Documents []*values.Document
	// InputErrors are files that could not be read or parsed.
	InputErrors []*values.InputError
	// Findings are sorted by file, line and column.
	Findings []finding.Finding
	// Suppressed counts findings hidden by ignores.
	Suppressed int
}

// Run checks the releases. Problems with the inputs are in the Result; the
// error is only for failures of the tool itself.
func Run(opts Options, releases []Release) (*Result, error) {
	if opts.Version == nil {
		return nil, errors.New("no chart version selected")
	}
	res := &Result{}
	docs := map[string]*values.Document{}
	bad := map[string]bool{}
	var all []finding.Finding

	// Each file is read and schema-validated once, however many releases
	// share it.
	for _, rel := range releases {
		for _, in := range rel.Layers {
			if _, seen := docs[in.Name]; seen || bad[in.Name] {
				continue
			}
			res.Files = append(res.Files, in.Name)
			doc, err := parse(in)
			if err != nil {
				res.InputErrors = append(res.InputErrors, err)
				bad[in.Name] = true
				continue
			}
			docs[in.Name] = doc
			res.Documents = append(res.Documents, doc)
			fs, verr := opts.Version.Validate(doc)
			if verr != nil {
				return nil, fmt.Errorf("validate %s: %w", in.Name, verr)
			}
			all = append(all, fs...)
		}
	}

	if len(opts.Rules) > 0 {
		for _, rel := range releases {
			var layers []*values.Document
			complete := true
			for _, in := range rel.Layers {
				d, ok := docs[in.Name]
				if !ok {
					complete = false
					break
				}
				layers = append(layers, d)
			}
			if !complete || len(layers) == 0 {
				continue
			}
			all = append(all, rules.Run(rules.Input{Chart: opts.Version, Layers: layers, Settings: opts.Settings}, opts.Rules)...)
		}
	}

	pol := opts.Policy
	if pol == nil {
		pol = &Policy{}
	}
	all, res.Suppressed = pol.apply(all, res.Documents)
	finding.Sort(all)
	res.Findings = slices.CompactFunc(all, func(a, b finding.Finding) bool { return a == b })
	return res, nil
}

func parse(in Input) (*values.Document, *values.InputError) {
	if in.Err != nil {
		return nil, asInputError(in.Name, in.Err)
	}
	doc, err := values.Parse(in.Name, in.Data)
	if err != nil {
		return nil, asInputError(in.Name, err)
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

// Failing reports whether any finding is at or above the fail-on severity.
func (r *Result) Failing(failOn finding.Severity) bool {
	for _, f := range r.Findings {
		if f.Severity >= failOn {
			return true
		}
	}
	return false
}
