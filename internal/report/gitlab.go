package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/setflags"
)

// gitlabIssue is one entry of a GitLab Code Quality report (a subset of
// the Code Climate issue format): what the merge request widget and the
// changes view read.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// GitLab writes the run as a GitLab Code Quality report
// (artifacts:reports:codequality): one issue per finding and per file that
// could not be read. Severities map error to major, warning to minor and
// info to info. A finding without a line is placed on line 1 of its file,
// as the format needs a line. The fingerprint hashes the rule, the file,
// the key path and the message, not the line, so an issue keeps its
// identity when lines above it move; identical findings are told apart by
// their occurrence number, so fingerprints are unique within a report.
func GitLab(w io.Writer, res *check.Result) error {
	issues := []gitlabIssue{}
	seen := map[string]int{}
	for _, e := range res.InputErrors {
		issues = append(issues, gitlabIssue{
			Description: e.Msg,
			CheckName:   "valuesmith/input",
			Fingerprint: uniqueFingerprint(seen, "input", e.File, e.Msg),
			Severity:    "blocker",
			Location:    gitlabLocation{Path: reportPath(e.File), Lines: gitlabLines{Begin: max(e.Line, 1)}},
		})
	}
	for _, f := range res.Findings {
		desc := resultText(f)
		if f.Remediation != "" {
			desc += " Fix: " + f.Remediation
		}
		issues = append(issues, gitlabIssue{
			Description: desc,
			CheckName:   "valuesmith/" + f.RuleID,
			Fingerprint: uniqueFingerprint(seen, f.RuleID, f.File, f.Path, f.Message),
			Severity:    gitlabSeverity(f.Severity),
			Location:    gitlabLocation{Path: reportPath(f.File), Lines: gitlabLines{Begin: max(f.Line, 1)}},
		})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(issues); err != nil {
		return fmt.Errorf("encode the Code Quality report: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// uniqueFingerprint is a line-independent hash of parts with the
// occurrence number of that hash, as in the SARIF partial fingerprints.
func uniqueFingerprint(seen map[string]int, parts ...string) string {
	h := fingerprint(parts...)
	seen[h]++
	return fingerprint(h, fmt.Sprint(seen[h]))[:32]
}

func gitlabSeverity(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "major"
	case finding.Warning:
		return "minor"
	}
	return "info"
}

// reportPath is a file name as CI systems match it against the
// repository: forward slashes, no leading "./".
func reportPath(file string) string {
	if file == "" || setflags.IsFlagFile(file) {
		return file
	}
	return strings.TrimPrefix(path.Clean(filepath.ToSlash(file)), "./")
}
