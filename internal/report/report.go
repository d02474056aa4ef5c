// Package report writes check results for people (text) and machines (JSON).
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
)

// Formats lists the output formats of check.
var Formats = []string{"text", "json", "sarif", "junit", "gitlab", "github"}

// Meta describes the run for reports that carry it.
type Meta struct {
	ToolVersion  string
	ChartVersion string
	// Rules are the IDs of the catalogue rules that ran (JUnit lists a
	// passing test case for each).
	Rules []string
	// FailOn is the lowest severity that fails the run (default error).
	FailOn finding.Severity
}

// Text writes one compiler-style line per finding to w, each followed by its
// fix when it has one, and input errors in the same form.
func Text(w io.Writer, res *check.Result) error {
	return TextStyled(w, res, TextStyle{})
}

// TextStyle tunes the text output.
type TextStyle struct {
	// Color marks severities and rule IDs with ANSI colours (for a
	// terminal only).
	Color bool
	// Quiet leaves the fix lines out: one line per finding.
	Quiet bool
}

// ANSI colours of the text output.
const (
	ansiReset   = "\x1b[0m"
	ansiError   = "\x1b[1;31m"
	ansiWarning = "\x1b[1;33m"
	ansiInfo    = "\x1b[1;36m"
	ansiRule    = "\x1b[35m"
	ansiFix     = "\x1b[32m"
)

// TextStyled is Text with colours or without fix lines.
func TextStyled(w io.Writer, res *check.Result, st TextStyle) error {
	paint := func(code, s string) string {
		if !st.Color {
			return s
		}
		return code + s + ansiReset
	}
	var b strings.Builder
	for _, e := range res.InputErrors {
		fmt.Fprintf(&b, "%s: %s: %s\n", locationOf(e.File, e.Line, e.Col), paint(ansiError, "error"), finding.Printable(e.Msg))
	}
	// The file's own findings first; findings about keys the user never
	// wrote (the chart's defaults) after them, under a heading, so that
	// they do not bury the file's own mistakes.
	own, defaults := finding.SplitDefaults(res.Findings)
	for _, f := range own {
		writeFinding(&b, f, st, paint)
	}
	if len(defaults) > 0 && !st.Quiet {
		if len(own) > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s (%s; each names the key to add):\n", DefaultsHeading, countNoun(len(defaults), "finding", "findings"))
	}
	for _, f := range defaults {
		writeFinding(&b, f, st, paint)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DefaultsHeading starts the group of findings about chart defaults in
// the text output.
const DefaultsHeading = "Chart defaults your values do not set"

// writeFinding writes one finding in the form of finding.Finding.String,
// with colours, and its fix line unless quiet.
func writeFinding(b *strings.Builder, f finding.Finding, st TextStyle, paint func(code, s string) string) {
	fmt.Fprintf(b, "%s: %s [%s] ", f.Location(), paint(severityColor(f.Severity), f.Severity.String()), paint(ansiRule, f.RuleID))
	if f.Path != "" {
		b.WriteString(finding.Printable(f.Path))
		b.WriteString(": ")
	}
	b.WriteString(finding.Printable(f.Message))
	b.WriteByte('\n')
	if f.Remediation != "" && !st.Quiet {
		fmt.Fprintf(b, "    %s %s\n", paint(ansiFix, "fix:"), f.Remediation)
	}
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func severityColor(s finding.Severity) string {
	switch s {
	case finding.Error:
		return ansiError
	case finding.Warning:
		return ansiWarning
	}
	return ansiInfo
}

func locationOf(file string, line, col int) string {
	file = finding.Printable(file)
	if line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

// Summary is a one-line count of what a run found, for the end of text
// output.
func Summary(res *check.Result) string {
	c := finding.Count(res.Findings)
	files := len(res.Files)
	noun := "files"
	if files == 1 {
		noun = "file"
	}
	with := ""
	if res.Config != "" {
		with = " with config " + res.Config
	}
	if len(res.InputErrors) > 0 {
		return fmt.Sprintf("%d %s%s, %d could not be read; %d errors, %d warnings, %d infos", files, noun, with, len(res.InputErrors), c[finding.Error], c[finding.Warning], c[finding.Info])
	}
	if len(res.Findings) == 0 {
		return fmt.Sprintf("%d %s checked%s, no findings", files, noun, with)
	}
	return fmt.Sprintf("%d %s checked%s: %d errors, %d warnings, %d infos%s", files, noun, with, c[finding.Error], c[finding.Warning], c[finding.Info], groups(res.Findings))
}

// groups says how many findings are about the values written and how many
// about chart defaults they do not set, when there are the latter.
func groups(fs []finding.Finding) string {
	own, defaults := finding.SplitDefaults(fs)
	if len(defaults) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d in your values, %d on chart defaults you do not set)", len(own), len(defaults))
}

// Notes prints the run's notes (which chart version was checked against,
// and why), one line each.
func Notes(w io.Writer, res *check.Result) {
	for _, n := range res.Notes {
		if n.File == "" {
			fmt.Fprintf(w, "note: %s\n", finding.Printable(n.Message))
			continue
		}
		fmt.Fprintf(w, "%s: note: %s\n", locationOf(n.File, n.Line, n.Column), finding.Printable(n.Message))
	}
}

// Releases writes, for each release rendered with --chart, the Secrets to
// create before helm install and the API versions assumed.
func Releases(w io.Writer, res *check.Result) {
	for _, r := range res.Releases {
		if len(r.Offered) > 0 {
			fmt.Fprintf(w, "rendered %s assuming the cluster serves %s\n", strings.Join(r.Files, " + "), strings.Join(r.Offered, ", "))
		}
		if len(r.Secrets) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s needs these Secrets in namespace %s before helm install:\n", strings.Join(r.Files, " + "), r.Namespace)
		for _, s := range r.Secrets {
			keys := "(whole Secret)"
			if len(s.Keys) > 0 {
				keys = strings.Join(s.Keys, ", ")
			}
			fmt.Fprintf(w, "  %s: %s (used by %s)\n", s.Name, keys, strings.Join(s.UsedBy, ", "))
		}
	}
}

// JSONReport is the stable JSON form of a check run (format version 1).
type JSONReport struct {
	// FormatVersion changes only when a field is removed or changes meaning.
	FormatVersion int    `json:"formatVersion"`
	Tool          string `json:"tool"`
	ToolVersion   string `json:"toolVersion"`
	ChartVersion  string `json:"chartVersion"`
	// Files are the values files checked, in the order given.
	Files []string `json:"files"`
	// Errors are files that could not be read or parsed.
	Errors []JSONInputError `json:"errors"`
	// Findings are sorted by file, line and column.
	Findings []finding.Finding `json:"findings"`
	// Releases are present with --chart: per release, the Secrets its
	// objects read and the release does not create, and the API versions
	// assumed because the values use them.
	Releases []check.ReleaseReport `json:"releases,omitempty"`
	// Notes say which chart version the values were checked against when it
	// was told from their keys or is the nearest model.
	Notes []check.Note `json:"notes,omitempty"`
	// Config is the config file in use, if any.
	Config  string      `json:"config,omitempty"`
	Summary JSONSummary `json:"summary"`
}

// JSONInputError is a file that could not be checked.
type JSONInputError struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// JSONSummary counts findings by severity.
type JSONSummary struct {
	Errors   int `json:"error"`
	Warnings int `json:"warning"`
	Infos    int `json:"info"`
}

// JSON writes the run as one indented JSON document.
func JSON(w io.Writer, res *check.Result, meta Meta) error {
	c := finding.Count(res.Findings)
	r := JSONReport{
		FormatVersion: 1,
		Tool:          "valuesmith",
		ToolVersion:   meta.ToolVersion,
		ChartVersion:  meta.ChartVersion,
		Files:         res.Files,
		Errors:        []JSONInputError{},
		Findings:      res.Findings,
		Releases:      res.Releases,
		Notes:         res.Notes,
		Config:        res.Config,
		Summary:       JSONSummary{Errors: c[finding.Error], Warnings: c[finding.Warning], Infos: c[finding.Info]},
	}
	if r.Files == nil {
		r.Files = []string{}
	}
	if r.Findings == nil {
		r.Findings = []finding.Finding{}
	}
	for _, e := range res.InputErrors {
		r.Errors = append(r.Errors, JSONInputError{File: e.File, Line: e.Line, Col: e.Col, Message: e.Msg})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
