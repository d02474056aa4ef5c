package check

import (
	"fmt"
	"strings"

	helmchart "helm.sh/helm/v3/pkg/chart"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// eraRule reports values written for a chart release older than every
// model.
const eraRule = "chart-era-unsupported"

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
