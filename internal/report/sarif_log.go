package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/lazyre"
	"github.com/valuesmith/valuesmith/internal/rules"
)

const (
	sarifVersion = "2.1.0"
	// sarifSchemaURI is the schema of SARIF 2.1.0 as published by OASIS
	// (errata 01); testdata/sarif-schema-2.1.0.json is that document.
	sarifSchemaURI      = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifInformationURI = "https://github.com/valuesmith/valuesmith"
	// sarifSrcRoot is the base of relative artifact URIs. The log leaves
	// originalUriBaseIds out, as the absolute directory differs from machine
	// to machine; GitHub code scanning resolves it to the repository root.
	sarifSrcRoot = "%SRCROOT%"
	// sarifFingerprintKey names valuesmith's entry in partialFingerprints.
	// Bump the version when the hashed fields change.
	sarifFingerprintKey = "valuesmithFinding/v1"
)

// The types below are the subset of the SARIF 2.1.0 object model that
// valuesmith writes. Field order is output order.

type sarifDoc struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Artifacts   []sarifArtifact   `json:"artifacts"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
	Properties  *sarifRunProps    `json:"properties,omitempty"`
}

type sarifRunProps struct {
	ChartVersion string `json:"chartVersion"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string            `json:"name"`
	Version         string            `json:"version,omitempty"`
	SemanticVersion string            `json:"semanticVersion,omitempty"`
	InformationURI  string            `json:"informationUri"`
	Rules           []sarifDescriptor `json:"rules"`
}

type sarifDescriptor struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     *sarifText          `json:"shortDescription,omitempty"`
	FullDescription      *sarifText          `json:"fullDescription,omitempty"`
	Help                 *sarifText          `json:"help,omitempty"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifDescriptorProp `json:"properties"`
}

// sarifText is a SARIF message or multiformatMessageString.
type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level   string `json:"level"`
	Enabled bool   `json:"enabled"`
}

type sarifDescriptorProp struct {
	Category string   `json:"category"`
	Tags     []string `json:"tags"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifArtifact struct {
	Location sarifArtifactLocation `json:"location"`
	Roles    []string              `json:"roles,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
	// Index is a pointer so that index 0 is written and no index is left out.
	Index *int `json:"index,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

func sarifLog(w io.Writer, res *check.Result, meta Meta) error {
	return writeSARIF(w, buildSARIF(res, meta, rules.All()))
}

// writeSARIF encodes the log with two-space indentation and a trailing
// newline, and writes it only once it is complete.
func writeSARIF(w io.Writer, doc *sarifDoc) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode SARIF: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// buildSARIF makes the log of a run. The rules are described in catalogue
// order after "schema"; a finding whose rule is in neither is described
// after them, so that every result has a rule to point at.
func buildSARIF(res *check.Result, meta Meta, catalogue []*rules.Rule) *sarifDoc {
	b := &sarifBuilder{ruleIndex: map[string]int{}, artifactIndex: map[string]int{}}
	for _, r := range catalogue {
		b.addRule(r)
	}
	for _, f := range res.Files {
		b.artifact(f, true)
	}

	inv := sarifInvocation{ExecutionSuccessful: len(res.InputErrors) == 0}
	for _, e := range res.InputErrors {
		n := sarifNotification{Level: "error", Message: sarifText{Text: e.Msg}}
		if e.File != "" {
			n.Locations = []sarifLocation{{PhysicalLocation: b.physical(e.File, e.Line, e.Col)}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}

	results := make([]sarifResult, 0, len(res.Findings))
	seen := map[string]int{}
	for _, f := range res.Findings {
		idx, ok := b.ruleIndex[f.RuleID]
		if !ok {
			idx = b.addRule(&rules.Rule{ID: f.RuleID, Severity: f.Severity})
		}
		r := sarifResult{
			RuleID:    f.RuleID,
			RuleIndex: idx,
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: resultText(f)},
		}
		var loc sarifLocation
		if f.File != "" {
			loc.PhysicalLocation = b.physical(f.File, f.Line, f.Col)
		}
		if f.Path != "" {
			loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: f.Path, Kind: "member"}}
		}
		if loc.PhysicalLocation != nil || loc.LogicalLocations != nil {
			r.Locations = []sarifLocation{loc}
		}
		// Identical findings at different lines get the same hash; the
		// occurrence number keeps their fingerprints apart, as GitHub's own
		// primaryLocationLineHash does.
		h := fingerprint(f.RuleID, sarifURIOf(f.File), f.Path, f.Message)
		seen[h]++
		r.PartialFingerprints = map[string]string{sarifFingerprintKey: fmt.Sprintf("%s:%d", h, seen[h])}
		results = append(results, r)
	}

	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            "valuesmith",
			Version:         meta.ToolVersion,
			SemanticVersion: semanticVersion(meta.ToolVersion),
			InformationURI:  sarifInformationURI,
			Rules:           b.rules,
		}},
		Invocations: []sarifInvocation{inv},
		Artifacts:   b.artifacts,
		Results:     results,
		// values.Pos columns count runes (Unicode code points).
		ColumnKind: "unicodeCodePoints",
	}
	if run.Artifacts == nil {
		run.Artifacts = []sarifArtifact{}
	}
	if meta.ChartVersion != "" {
		run.Properties = &sarifRunProps{ChartVersion: meta.ChartVersion}
	}
	return &sarifDoc{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{run}}
}

type sarifBuilder struct {
	rules         []sarifDescriptor
	ruleIndex     map[string]int
	artifacts     []sarifArtifact
	artifactIndex map[string]int // by URI, so "./a.yaml" and "a.yaml" are one artifact
}

func (b *sarifBuilder) addRule(r *rules.Rule) int {
	if i, ok := b.ruleIndex[r.ID]; ok {
		return i
	}
	d := sarifDescriptor{
		ID:   r.ID,
		Name: camelCase(r.ID),
		DefaultConfiguration: sarifConfiguration{
			Level:   sarifLevel(r.Severity),
			Enabled: !r.OptIn,
		},
		Properties: sarifDescriptorProp{Category: string(r.Category), Tags: ruleTags(r)},
	}
	if r.Summary != "" {
		d.ShortDescription = &sarifText{Text: r.Summary}
	}
	if r.Rationale != "" {
		d.FullDescription = &sarifText{Text: r.Rationale}
	}
	if r.Remediation != "" {
		d.Help = &sarifText{Text: r.Remediation, Markdown: helpMarkdown(r)}
	}
	b.ruleIndex[r.ID] = len(b.rules)
	b.rules = append(b.rules, d)
	return len(b.rules) - 1
}

// artifact returns the index in run.artifacts of the file, adding it if it
// is new. Files given to check are analysis targets; a file that only a
// finding names (a configuration file, say) is listed without a role.
func (b *sarifBuilder) artifact(file string, target bool) int {
	uri := sarifURIOf(file)
	if i, ok := b.artifactIndex[uri]; ok {
		if target && b.artifacts[i].Roles == nil {
			b.artifacts[i].Roles = []string{"analysisTarget"}
		}
		return i
	}
	a := sarifArtifact{Location: sarifArtifactLocation{URI: uri, URIBaseID: uriBaseOf(uri)}}
	if target {
		a.Roles = []string{"analysisTarget"}
	}
	b.artifactIndex[uri] = len(b.artifacts)
	b.artifacts = append(b.artifacts, a)
	return len(b.artifacts) - 1
}

// physical locates a file and, when the line is known, a region in it.
func (b *sarifBuilder) physical(file string, line, col int) *sarifPhysicalLocation {
	i := b.artifact(file, false)
	a := b.artifacts[i].Location
	p := &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: a.URI, URIBaseID: a.URIBaseID, Index: &i}}
	if line > 0 {
		p.Region = &sarifRegion{StartLine: line}
		if col > 0 {
			p.Region.StartColumn = col
		}
	}
	return p
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Info:
		return "note"
	}
	return "warning"
}

func resultText(f finding.Finding) string {
	if f.Path == "" {
		return f.Message
	}
	return f.Path + ": " + f.Message
}

// fingerprint identifies a finding independently of its line, so that code
// scanning keeps tracking it when lines above it move.
func fingerprint(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// camelCase turns a kebab-case rule ID into the CamelCase SARIF name:
// image-tag-floating becomes ImageTagFloating.
func camelCase(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
		b.WriteString(strings.ToUpper(part[:1]))
		b.WriteString(part[1:])
	}
	return b.String()
}

func ruleTags(r *rules.Rule) []string {
	tags := []string{"helm", "langfuse"}
	if r.OptIn {
		tags = append(tags, "opt-in")
	}
	return tags
}

func helpMarkdown(r *rules.Rule) string {
	var b strings.Builder
	if r.Summary != "" {
		fmt.Fprintf(&b, "%s\n\n", r.Summary)
	}
	if r.Rationale != "" {
		fmt.Fprintf(&b, "**Why it matters:** %s\n\n", r.Rationale)
	}
	fmt.Fprintf(&b, "**How to fix:** %s", r.Remediation)
	if r.OptIn {
		fmt.Fprintf(&b, "\n\nThis rule is opt-in: enable it with `--enable %s` or in `.valuesmith.yaml`.", r.ID)
	}
	return b.String()
}

// semver is the regular expression of semver.org for a version.
var semver = lazyre.New(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// semanticVersion returns v without a leading "v" when it is a semantic
// version (Go module versions are), and "" otherwise ("(devel)").
func semanticVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if semver.MatchString(v) {
		return v
	}
	return ""
}

// sarifURIOf turns a file name into a URI reference: a relative path with
// forward slashes, no leading "./" and every byte outside RFC 3986's
// unreserved characters percent-encoded, or a file:// URI for an absolute
// path.
func sarifURIOf(file string) string {
	if file == "" {
		return ""
	}
	slashed := filepath.ToSlash(file)
	abs := filepath.IsAbs(file) || strings.HasPrefix(slashed, "/")
	if vol := filepath.VolumeName(file); vol != "" && abs {
		// C:/dir/values.yaml: the volume keeps its colon after "file:///".
		return "file:///" + vol + escapePath(path.Clean(slashed[len(vol):]))
	}
	clean := path.Clean(slashed)
	if abs {
		return "file://" + escapePath(clean)
	}
	return escapePath(strings.TrimPrefix(clean, "./"))
}

// uriBaseOf gives relative URIs their base, %SRCROOT%.
func uriBaseOf(uri string) string {
	if uri == "" || strings.HasPrefix(uri, "file:") {
		return ""
	}
	return sarifSrcRoot
}

// escapePath percent-encodes each segment of a slash-separated path.
func escapePath(p string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '/',
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}
