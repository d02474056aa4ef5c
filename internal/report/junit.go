package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
)

// JUnit writes the run as JUnit XML, the test report GitLab
// (artifacts:reports:junit) and Jenkins (the junit step) read: one test
// suite per file, one test case per rule and file (classname the file, name
// the rule ID), a <failure> per finding at or above meta.FailOn, so the
// report fails exactly when the exit code does. Findings below it are
// listed in the test case's <system-out> and leave it passing. A file that
// could not be read has one test case, "input", with an <error>. The
// layout follows the junit-10.xsd of Jenkins' xUnit plugin, which the tests
// validate against.
func JUnit(w io.Writer, res *check.Result, meta Meta) error {
	failOn := meta.FailOn
	if failOn == 0 {
		failOn = finding.Error
	}
	ran := append([]string{finding.SchemaRule}, meta.Rules...)
	doc := junitSuites{Name: "valuesmith"}
	checked := map[string]bool{}
	for _, f := range res.Files {
		checked[reportPath(f)] = true
	}
	for _, file := range reportFiles(res) {
		suite := junitSuite{Name: file, File: file}
		byRule := map[string][]finding.Finding{}
		var order []string
		for _, f := range res.Findings {
			if reportPath(f.File) != file {
				continue
			}
			if _, ok := byRule[f.RuleID]; !ok {
				order = append(order, f.RuleID)
			}
			byRule[f.RuleID] = append(byRule[f.RuleID], f)
		}
		for _, e := range res.InputErrors {
			if reportPath(e.File) == file {
				suite.Cases = append(suite.Cases, junitCase{Name: "input", Classname: file,
					Error: &junitFailure{Type: "error", Message: e.Error(), Text: e.Error()}})
				suite.Errors++
			}
		}
		// Every rule that ran gets a case for every file checked that
		// parsed; elsewhere (a --set flag, a config file) and for rules
		// outside that list, a finding adds its own case.
		if checked[file] && suite.Errors == 0 {
			for _, id := range ran {
				if _, ok := byRule[id]; !ok {
					suite.Cases = append(suite.Cases, junitCase{Name: id, Classname: file})
				}
			}
		}
		for _, id := range order {
			suite.Cases = append(suite.Cases, junitCaseOf(file, id, byRule[id], failOn))
		}
		sortCases(suite.Cases, ran)
		for _, c := range suite.Cases {
			suite.Failures += len(c.Failures)
		}
		suite.Tests = len(suite.Cases)
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Errors += suite.Errors
		doc.Suites = append(doc.Suites, suite)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode JUnit XML: %w", err)
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

func junitCaseOf(file, rule string, fs []finding.Finding, failOn finding.Severity) junitCase {
	c := junitCase{Name: rule, Classname: file}
	var below []string
	for _, f := range fs {
		text := f.String()
		if f.Remediation != "" {
			text += "\nfix: " + f.Remediation
		}
		if f.Severity < failOn {
			below = append(below, text)
			continue
		}
		c.Failures = append(c.Failures, junitFailure{Type: f.Severity.String(), Message: resultText(f) + atLine(f), Text: text})
	}
	if len(below) > 0 {
		c.SystemOut = strings.Join(below, "\n\n")
	}
	return c
}

func atLine(f finding.Finding) string {
	if f.Line == 0 {
		return ""
	}
	return " (line " + strconv.Itoa(f.Line) + ")"
}

// sortCases puts the cases in the order the rules ran, input first and
// rules outside the list last.
func sortCases(cs []junitCase, ran []string) {
	rank := map[string]int{"input": -1}
	for i, id := range ran {
		rank[id] = i
	}
	r := func(c junitCase) int {
		if v, ok := rank[c.Name]; ok {
			return v
		}
		return len(ran)
	}
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && r(cs[j]) < r(cs[j-1]); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// reportFiles are the files a report covers: those checked, in order,
// then any other a finding or an input error names (a --set flag, a config
// file).
func reportFiles(res *check.Result) []string {
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		f = reportPath(f)
		if f != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, f := range res.Files {
		add(f)
	}
	for _, e := range res.InputErrors {
		add(e.File)
	}
	for _, f := range res.Findings {
		add(f.File)
	}
	return out
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	File     string      `xml:"file,attr,omitempty"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	Error     *junitFailure  `xml:"error,omitempty"`
	Failures  []junitFailure `xml:"failure"`
	SystemOut string         `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}
