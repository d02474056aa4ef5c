package check

import (
	"fmt"
	"slices"
	"strings"

	helmchart "helm.sh/helm/v3/pkg/chart"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/setflags"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// eraRule reports values written for a chart release older than every
// model.
const eraRule = "chart-era-unsupported"

// plannedRelease is one release with the model it is checked with.
type plannedRelease struct {
	layers       []*values.Document
	model        *schema.Version
	chartVersion string
	// sets go over the layers (helm's --set family).
	sets *setflags.Sets
}

// plan is how a run checks its releases: each release's model, the model
// each file is validated with, and findings about the chart version.
type plan struct {
	releases []plannedRelease
	model    map[string]*schema.Version
	findings []finding.Finding
}

// planReleases picks the model of every release whose files all parsed:
// the one the options fix, else the one the files' keys tell (said in a
// note). A release written for a chart older than every model gets one
// finding that names its era, and neither schema validation nor rules.
func planReleases(opts Options, releases []Release, docs map[string]*values.Document, res *Result) (*plan, error) {
	p := &plan{model: map[string]*schema.Version{}}
	for _, rel := range releases {
		layers, ok := parsedLayers(rel, docs)
		if !ok {
			continue
		}
		model, chartVersion := opts.Version, opts.ChartVersion
		if model == nil {
			det, err := schema.Detect(layers)
			if err != nil {
				return nil, err
			}
			if det.Era != "" {
				p.findings = append(p.findings, eraFinding(det, layers))
				continue
			}
			model = det.Version
			if det.Key != "" {
				// Without a deciding key the newest model is used, as
				// documented; only a decision is worth a line.
				res.Notes = append(res.Notes, detectionNote(det, layers))
			}
		}
		if chartVersion == "" {
			chartVersion = model.Chart
		}
		p.releases = append(p.releases, plannedRelease{layers: layers, model: model, chartVersion: chartVersion, sets: rel.Sets})
		if !slices.Contains(res.ChartVersions, chartVersion) {
			res.ChartVersions = append(res.ChartVersions, chartVersion)
		}
		for _, d := range layers {
			if _, seen := p.model[d.File]; !seen {
				p.model[d.File] = model
			}
		}
	}
	// Files of releases that did not all parse are still validated.
	for name, d := range docs {
		if _, seen := p.model[name]; seen || isEra(p, name) {
			continue
		}
		model := opts.Version
		if model == nil {
			det, err := schema.Detect([]*values.Document{d})
			if err != nil {
				return nil, err
			}
			if det.Era != "" {
				continue
			}
			model = det.Version
		}
		p.model[name] = model
	}
	return p, nil
}

func isEra(p *plan, file string) bool {
	for _, f := range p.findings {
		if f.File == file {
			return true
		}
	}
	return false
}

// parsedLayers returns a release's documents, or false when one of its
// files could not be read or parsed.
func parsedLayers(rel Release, docs map[string]*values.Document) ([]*values.Document, bool) {
	var layers []*values.Document
	for _, in := range rel.Layers {
		d, ok := docs[in.Name]
		if !ok {
			return nil, false
		}
		layers = append(layers, d)
	}
	return layers, len(layers) > 0
}

// detectionNote says once per release which chart version its values were
// checked against and which key decided.
func detectionNote(det schema.Detection, layers []*values.Document) Note {
	n := Note{File: layers[len(layers)-1].File, Message: det.Reason()}
	if det.Key != "" {
		n.File, n.Line, n.Column = det.Pos.File, det.Pos.Line, det.Pos.Col
	}
	return n
}

// eraFinding is the one finding for values of a chart release older than
// every model, at the first key that shows it.
func eraFinding(det schema.Detection, layers []*values.Document) finding.Finding {
	first := det.Keys[0] // in file order
	r, _ := rules.Lookup(eraRule)
	var moved []string
	for _, k := range det.Keys {
		if k.Move.NewPath != "" {
			moved = append(moved, k.Path+" -> "+k.Move.NewPath)
		}
		if len(moved) == 3 {
			break
		}
	}
	msg := fmt.Sprintf("these values are for chart %s (%s), which valuesmith does not model: checked as chart %s they would give dozens of findings that are not true for the chart you run",
		det.Era, det.Evidence(), det.Version.Chart)
	if len(moved) > 0 {
		msg += "; in chart " + det.Version.Line() + ".x, " + strings.Join(moved, ", ")
	}
	file := first.Pos.File
	if file == "" {
		file = layers[len(layers)-1].File
	}
	return finding.Finding{
		RuleID: r.ID, Severity: r.Severity, File: file, Line: first.Pos.Line, Col: first.Pos.Col,
		Path: first.Path, Message: msg, Remediation: r.Remediation,
	}
}

// chartValues are a chart's own defaults and the keys they hold.
type chartValues struct {
	defaults *values.Node
	keys     schema.KeySet
}

// ownValues reads the chart's values.yaml, as the chart packs it.
func ownValues(c *helmchart.Chart) (*chartValues, error) {
	for _, f := range c.Raw {
		if f.Name != "values.yaml" {
			continue
		}
		doc, err := values.Parse(c.Name()+"/values.yaml", f.Data)
		if err != nil {
			return nil, fmt.Errorf("the chart's values.yaml: %w", err)
		}
		keys := schema.KeySet{}
		collectKeys(doc.Root, "", keys)
		return &chartValues{defaults: doc.Root, keys: keys}, nil
	}
	return &chartValues{defaults: &values.Node{Kind: values.Map}, keys: schema.KeySet{}}, nil
}

// collectKeys adds the dotted path of every map key below n.
func collectKeys(n *values.Node, at string, keys schema.KeySet) {
	if n == nil || n.Kind != values.Map {
		return
	}
	for _, f := range n.Fields {
		p := values.JoinKey(at, f.Key)
		keys[p] = true
		collectKeys(f.Value, p, keys)
	}
}

// onceNotModelled keeps one finding per key the model lacks, however many
// files or releases set it: the first in sorted order.
func onceNotModelled(fs []finding.Finding) []finding.Finding {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		if f.RuleID == schema.NotModelledRule {
			if seen[f.Path] {
				continue
			}
			seen[f.Path] = true
		}
		out = append(out, f)
	}
	return out
}
