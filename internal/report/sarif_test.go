package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
)

const (
	officialSchemaFile = "testdata/sarif-schema-2.1.0.json"
	// officialSchemaSHA256 pins the committed copy of the OASIS schema (see
	// testdata/README.md), so that an edit to it cannot pass unnoticed.
	officialSchemaSHA256 = "ddddcccbf95c7c50c037b5b07eff4140556278ca574ff374db46786b5fce7949"
	sarifGoldenFile      = "testdata/sarif.golden"
)

var sarifMeta = Meta{ToolVersion: "v1.2.3", ChartVersion: "2.0.0"}

const annotationPath = `langfuse.ingress.annotations["nginx.ingress.kubernetes.io/proxy-body-size"]`

// sarifFixture builds a check result by hand: two values files that parsed
// (one with a space in its name), one that did not, and findings with and
// without lines.
func sarifFixture() *check.Result {
	fs := []finding.Finding{
		{
			RuleID: "image-tag-floating", Severity: finding.Error, File: "values.yaml", Line: 3, Col: 5,
			Path: "langfuse.image.tag", Message: `tag "latest" moves`,
			Remediation: "Set langfuse.image.tag to a full release version.",
		},
		{
			RuleID: finding.SchemaRule, Severity: finding.Error, File: "envs/prod values.yaml", Line: 12, Col: 7,
			Path: annotationPath, Message: "got number, want string",
		},
		{
			RuleID: "image-tag-implicit", Severity: finding.Warning, File: "envs/prod values.yaml",
			Path: "langfuse.image.tag", Message: "no image tag is set (not set in your values; add langfuse.image.tag)",
		},
		{
			RuleID: "image-digest-missing", Severity: finding.Info, File: "values.yaml", Line: 40, Col: 1,
			Path: "langfuse.worker.image", Message: "the worker image has no digest",
		},
	}
	finding.Sort(fs)
	return &check.Result{
		Files: []string{"./values.yaml", "envs/prod values.yaml", "broken.yaml"},
		InputErrors: []*values.InputError{
			{File: "broken.yaml", Line: 2, Col: 19, Msg: "invalid YAML: the flow list [ starting here lacks a ',' between items or its closing ']'"},
		},
		Findings: fs,
	}
}

// goldenCatalogue stands in for the rule catalogue in the golden file, so
// that the golden file changes with the SARIF writer and not with every
// edit of a rule's text.
var goldenCatalogue = []*rules.Rule{
	{
		ID: "image-tag-floating", Severity: finding.Error, Category: rules.Images,
		Summary:     "The image uses a tag that moves.",
		Rationale:   "A moving tag pulls a different build whenever a node pulls the image again.",
		Remediation: "Set langfuse.image.tag to a full release version.",
	},
	{
		ID: "image-tag-implicit", Severity: finding.Warning, Category: rules.Images,
		Summary:     "No image tag is set.",
		Rationale:   "Without a tag the chart uses its appVersion.",
		Remediation: "Set langfuse.image.tag to the Langfuse version you run.",
	},
	{
		ID: "image-digest-missing", Severity: finding.Info, Category: rules.Images, OptIn: true,
		Summary:     "The image is not pinned by digest.",
		Rationale:   "A tag can be pushed again; a digest cannot.",
		Remediation: "Add the image digest.",
	},
}

func writeSARIFLog(t *testing.T, res *check.Result, meta Meta) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := SARIF(&b, res, meta); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func goldenSARIF(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := writeSARIF(&b, buildSARIF(sarifFixture(), sarifMeta, goldenCatalogue)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// officialSchema compiles the OASIS SARIF 2.1.0 schema with format
// assertions on, so that uri and uri-reference values are checked too.
func officialSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(officialSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != officialSchemaSHA256 {
		t.Fatalf("%s changed: sha256 %s, want %s (it must stay the OASIS document, unmodified)", officialSchemaFile, got, officialSchemaSHA256)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	root, _ := doc.(map[string]any)
	if root["id"] != sarifSchemaURI || root["title"] != "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema" {
		t.Fatalf("%s is not the OASIS SARIF 2.1.0 schema (id %v, title %v)", officialSchemaFile, root["id"], root["title"])
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchemaURI, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchemaURI)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateSARIF(sch *jsonschema.Schema, log []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func TestSARIFMatchesOfficialSchema(t *testing.T) {
	sch := officialSchema(t)
	logs := map[string][]byte{
		"catalogue": writeSARIFLog(t, sarifFixture(), sarifMeta),
		"golden":    goldenSARIF(t),
		"empty":     writeSARIFLog(t, &check.Result{}, Meta{ToolVersion: "(devel)"}),
		"unknown rule and no file": writeSARIFLog(t, &check.Result{Findings: []finding.Finding{
			{RuleID: "not-in-the-catalogue", Severity: finding.Warning, Path: "a.b", Message: "m"},
			{RuleID: "ignore-unused", Severity: finding.Warning, File: ".valuesmith.yaml", Line: 4, Col: 3, Message: "unused"},
		}}, sarifMeta),
	}
	for name, log := range logs {
		if err := validateSARIF(sch, log); err != nil {
			t.Errorf("%s: SARIF log does not match the official schema: %v\n%s", name, err, log)
		}
	}
}

// TestOfficialSchemaRejects shows that the validation has teeth: logs with
// mistakes a writer could make fail against the schema.
func TestOfficialSchemaRejects(t *testing.T) {
	sch := officialSchema(t)
	log := writeSARIFLog(t, sarifFixture(), sarifMeta)
	cases := map[string]func(doc map[string]any){
		`level "info"`: func(doc map[string]any) { result(doc, 0)["level"] = "info" },
		"startLine 0": func(doc map[string]any) {
			region(resultWithRegion(doc))["startLine"] = 0
		},
		"startColumn 0": func(doc map[string]any) {
			region(resultWithRegion(doc))["startColumn"] = 0
		},
		"uri with a bad escape": func(doc map[string]any) {
			physical(result(doc, 0))["artifactLocation"].(map[string]any)["uri"] = "values%zz.yaml"
		},
		"relative $schema": func(doc map[string]any) { doc["$schema"] = "sarif-schema-2.1.0.json" },
		"duplicate artifacts": func(doc map[string]any) {
			run := doc["runs"].([]any)[0].(map[string]any)
			arts := run["artifacts"].([]any)
			run["artifacts"] = append(arts, arts[0])
		},
		"negative ruleIndex": func(doc map[string]any) { result(doc, 0)["ruleIndex"] = -2 },
	}
	for name, mutate := range cases {
		var doc map[string]any
		if err := json.Unmarshal(log, &doc); err != nil {
			t.Fatal(err)
		}
		mutate(doc)
		bad, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		if validateSARIF(sch, bad) == nil {
			t.Errorf("%s: the official schema accepted the log", name)
		}
	}
}

func result(doc map[string]any, i int) map[string]any {
	return doc["runs"].([]any)[0].(map[string]any)["results"].([]any)[i].(map[string]any)
}

func physical(r map[string]any) map[string]any {
	return r["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
}

func region(r map[string]any) map[string]any { return physical(r)["region"].(map[string]any) }

// resultWithRegion returns the first result that has a region.
func resultWithRegion(doc map[string]any) map[string]any {
	for _, r := range doc["runs"].([]any)[0].(map[string]any)["results"].([]any) {
		if _, ok := physical(r.(map[string]any))["region"]; ok {
			return r.(map[string]any)
		}
	}
	panic("no result has a region")
}

func decodeSARIF(t *testing.T, log []byte) *sarifDoc {
	t.Helper()
	var doc sarifDoc
	dec := json.NewDecoder(bytes.NewReader(log))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(doc.Runs))
	}
	return &doc
}

func TestSARIFContent(t *testing.T) {
	res := sarifFixture()
	doc := decodeSARIF(t, writeSARIFLog(t, res, sarifMeta))
	if doc.Version != "2.1.0" || doc.Schema != sarifSchemaURI {
		t.Errorf("version %q, $schema %q", doc.Version, doc.Schema)
	}
	run := doc.Runs[0]
	d := run.Tool.Driver
	if d.Name != "valuesmith" || d.Version != "v1.2.3" || d.SemanticVersion != "1.2.3" || d.InformationURI != "https://github.com/valuesmith/valuesmith" {
		t.Errorf("driver %+v", d)
	}

	// Rules: the catalogue in its order, "schema" first.
	want := []string{}
	for _, r := range rules.All() {
		want = append(want, r.ID)
	}
	if len(d.Rules) != len(want) {
		t.Fatalf("%d rules, want %d", len(d.Rules), len(want))
	}
	for i, id := range want {
		r := d.Rules[i]
		if r.ID != id {
			t.Errorf("rules[%d] = %s, want %s", i, r.ID, id)
		}
		if r.Name == "" || strings.ContainsAny(r.Name, "- ") || r.Name[:1] != strings.ToUpper(r.Name[:1]) {
			t.Errorf("rule %s: name %q is not CamelCase", id, r.Name)
		}
		if r.ShortDescription == nil || r.FullDescription == nil || r.Help == nil || r.Help.Markdown == "" {
			t.Errorf("rule %s: descriptions or help missing", id)
		}
		if cat, ok := rules.Lookup(id); ok {
			if r.DefaultConfiguration.Level != sarifLevel(cat.Severity) || r.DefaultConfiguration.Enabled == cat.OptIn ||
				r.Properties.Category != string(cat.Category) || r.ShortDescription.Text != cat.Summary ||
				r.FullDescription.Text != cat.Rationale || r.Help.Text != cat.Remediation {
				t.Errorf("rule %s does not carry its catalogue entry: %+v", id, r)
			}
		}
	}
	if got := camelCase("image-tag-floating"); got != "ImageTagFloating" {
		t.Errorf("camelCase = %s", got)
	}

	// Artifacts: every file, "./values.yaml" as "values.yaml", the space
	// percent-encoded.
	var uris []string
	for _, a := range run.Artifacts {
		uris = append(uris, a.Location.URI)
		if a.Location.URIBaseID != "%SRCROOT%" || len(a.Roles) != 1 || a.Roles[0] != "analysisTarget" {
			t.Errorf("artifact %+v", a)
		}
	}
	if strings.Join(uris, " ") != "values.yaml envs/prod%20values.yaml broken.yaml" {
		t.Errorf("artifact URIs %q", uris)
	}

	// Invocation: the input error makes the run unsuccessful and is a
	// notification at its place.
	if len(run.Invocations) != 1 {
		t.Fatalf("%d invocations", len(run.Invocations))
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 {
		t.Fatalf("invocation %+v", inv)
	}
	n := inv.ToolExecutionNotifications[0]
	if n.Level != "error" || n.Message.Text != res.InputErrors[0].Msg || len(n.Locations) != 1 {
		t.Fatalf("notification %+v", n)
	}
	nl := n.Locations[0].PhysicalLocation
	if nl.ArtifactLocation.URI != "broken.yaml" || *nl.ArtifactLocation.Index != 2 || nl.Region == nil || nl.Region.StartLine != 2 || nl.Region.StartColumn != 19 {
		t.Errorf("notification location %+v %+v", nl.ArtifactLocation, nl.Region)
	}

	// Results: one per finding, in order, pointing at their rule, file,
	// region and key path.
	if len(run.Results) != len(res.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(res.Findings))
	}
	fingerprints := map[string]bool{}
	for i, r := range run.Results {
		f := res.Findings[i]
		if r.RuleID != f.RuleID || r.RuleIndex < 0 || r.RuleIndex >= len(d.Rules) || d.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleId %s, ruleIndex %d does not point at it", i, r.RuleID, r.RuleIndex)
		}
		if r.Level != map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning", finding.Info: "note"}[f.Severity] {
			t.Errorf("result %d: level %s for %s", i, r.Level, f.Severity)
		}
		if r.Message.Text != f.Path+": "+f.Message {
			t.Errorf("result %d: message %q", i, r.Message.Text)
		}
		if len(r.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(r.Locations))
		}
		pl := r.Locations[0].PhysicalLocation
		if pl == nil {
			t.Fatalf("result %d: no physical location", i)
		}
		idx := *pl.ArtifactLocation.Index
		if pl.ArtifactLocation.URI != sarifURIOf(f.File) || run.Artifacts[idx].Location.URI != pl.ArtifactLocation.URI || pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: artifact location %+v", i, pl.ArtifactLocation)
		}
		switch {
		case f.Line == 0 && pl.Region != nil:
			t.Errorf("result %d: region %+v for a finding without a line", i, pl.Region)
		case f.Line > 0 && (pl.Region == nil || pl.Region.StartLine != f.Line || pl.Region.StartColumn != f.Col):
			t.Errorf("result %d: region %+v, want %d:%d", i, pl.Region, f.Line, f.Col)
		}
		ll := r.Locations[0].LogicalLocations
		if len(ll) != 1 || ll[0].FullyQualifiedName != f.Path || ll[0].Kind != "member" {
			t.Errorf("result %d: logical locations %+v", i, ll)
		}
		fp := r.PartialFingerprints[sarifFingerprintKey]
		if fp == "" || fingerprints[fp] {
			t.Errorf("result %d: fingerprint %q missing or repeated", i, fp)
		}
		fingerprints[fp] = true
	}
	var schemaResult *sarifResult
	for i := range run.Results {
		if run.Results[i].RuleID == finding.SchemaRule {
			schemaResult = &run.Results[i]
		}
	}
	if schemaResult == nil || schemaResult.RuleIndex != 0 || schemaResult.Message.Text != annotationPath+": got number, want string" {
		t.Errorf("schema result %+v", schemaResult)
	}
}

// TestSARIFFingerprintsIgnoreLines: moving a finding to another line keeps
// its fingerprint; identical findings at different lines stay apart.
func TestSARIFFingerprintsIgnoreLines(t *testing.T) {
	fp := func(fs ...finding.Finding) []string {
		doc := decodeSARIF(t, writeSARIFLog(t, &check.Result{Files: []string{"values.yaml"}, Findings: fs}, sarifMeta))
		var out []string
		for _, r := range doc.Runs[0].Results {
			out = append(out, r.PartialFingerprints[sarifFingerprintKey])
		}
		return out
	}
	f := finding.Finding{RuleID: "image-tag-floating", Severity: finding.Error, File: "values.yaml", Line: 3, Col: 5, Path: "langfuse.image.tag", Message: "m"}
	moved := f
	moved.Line, moved.Col = 30, 9
	if a, b := fp(f), fp(moved); a[0] != b[0] {
		t.Errorf("fingerprint changed with the line: %s, %s", a[0], b[0])
	}
	other := f
	other.Message = "another message"
	if a, b := fp(f), fp(other); a[0] == b[0] {
		t.Error("different messages share a fingerprint")
	}
	if both := fp(f, moved); both[0] == both[1] {
		t.Errorf("two identical findings share fingerprint %s", both[0])
	}
}

func TestSARIFGolden(t *testing.T) {
	got := goldenSARIF(t)
	if *update {
		if err := os.WriteFile(sarifGoldenFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(sarifGoldenFile)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("SARIF output differs from %s (run go test ./internal/report/ -update if the change is intended):\n%s", sarifGoldenFile, got)
	}
	if !json.Valid(got) || !bytes.HasSuffix(got, []byte("}\n")) || !bytes.HasPrefix(got, []byte("{\n  \"$schema\"")) {
		t.Error("golden output is not indented JSON with a trailing newline")
	}
}

func TestSARIFDeterministic(t *testing.T) {
	first := writeSARIFLog(t, sarifFixture(), sarifMeta)
	for range 5 {
		if again := writeSARIFLog(t, sarifFixture(), sarifMeta); !bytes.Equal(first, again) {
			t.Fatalf("two runs differ:\n%s\n---\n%s", first, again)
		}
	}
	// Nothing of the machine it runs on: no absolute paths, no time.
	cwd, _ := os.Getwd()
	if bytes.Contains(first, []byte(filepath.ToSlash(cwd))) || bytes.Contains(first, []byte("originalUriBaseIds")) {
		t.Error("the log depends on the working directory")
	}
}

func TestSARIFNoInput(t *testing.T) {
	doc := decodeSARIF(t, writeSARIFLog(t, &check.Result{}, Meta{ToolVersion: "(devel)"}))
	run := doc.Runs[0]
	if run.Results == nil || len(run.Results) != 0 || run.Artifacts == nil || len(run.Artifacts) != 0 {
		t.Errorf("results %v, artifacts %v: want empty arrays", run.Results, run.Artifacts)
	}
	if !run.Invocations[0].ExecutionSuccessful {
		t.Error("a run without input errors is not successful")
	}
	if d := run.Tool.Driver; d.Version != "(devel)" || d.SemanticVersion != "" {
		t.Errorf("driver version %q, semanticVersion %q", d.Version, d.SemanticVersion)
	}
}

func TestSARIFURI(t *testing.T) {
	// RFC 3986 relative-part of a URI reference, with no colon before the
	// first slash (it would read as a scheme).
	uriRef := regexp.MustCompile(`^([A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})([A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$`)
	for file, want := range map[string]string{
		"values.yaml":             "values.yaml",
		"./values.yaml":           "values.yaml",
		"envs/prod values.yaml":   "envs/prod%20values.yaml",
		"envs/./a/../b.yaml":      "envs/b.yaml",
		"../shared/values.yaml":   "../shared/values.yaml",
		"<stdin>":                 "%3Cstdin%3E",
		"a:b.yaml":                "a%3Ab.yaml",
		"100%#?.yaml":             "100%25%23%3F.yaml",
		"werte-ü.yaml":            "werte-%C3%BC.yaml",
		"/srv/helm/values.yaml":   "file:///srv/helm/values.yaml",
		"/srv/my values/v.yaml":   "file:///srv/my%20values/v.yaml",
		"releases/a+b[1]{x}.yaml": "releases/a%2Bb%5B1%5D%7Bx%7D.yaml",
	} {
		got := sarifURIOf(file)
		if got != want {
			t.Errorf("sarifURIOf(%q) = %q, want %q", file, got, want)
		}
		if !strings.HasPrefix(got, "file:") && !uriRef.MatchString(got) {
			t.Errorf("sarifURIOf(%q) = %q is not a relative URI reference", file, got)
		}
		if strings.HasPrefix(got, "file:") != (uriBaseOf(got) == "") {
			t.Errorf("uriBaseOf(%q) = %q", got, uriBaseOf(got))
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3":                             "1.2.3",
		"1.2.3":                              "1.2.3",
		"v0.0.0-20260101120000-abcdef123456": "0.0.0-20260101120000-abcdef123456",
		"v1.2.3+dirty":                       "1.2.3+dirty",
		"(devel)":                            "",
		"":                                   "",
		"1.2":                                "",
	} {
		if got := semanticVersion(v); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", v, got, want)
		}
	}
}
