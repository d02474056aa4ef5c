package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/finding"
)

// GitHub writes the run as GitHub Actions workflow commands, one line per
// finding:
//
//	::error file=values.yaml,line=12,col=5,title=valuesmith [signup-open]::langfuse.features...
//
// Printed by a step of a job, each becomes an annotation on the file and
// line (in a pull request's changed files, right in the diff). Errors are
// ::error, warnings ::warning and infos ::notice; the fix follows the
// message on its own line. Values are escaped as the runner unescapes them
// (actions/toolkit's command.ts): in the message % \r \n, in properties
// also : and ,; so no value can end a command early or start another.
func GitHub(w io.Writer, res *check.Result) error {
	var b strings.Builder
	for _, e := range res.InputErrors {
		writeCommand(&b, "error", githubProps(e.File, e.Line, e.Col, "valuesmith: input error"), e.Msg)
	}
	for _, f := range res.Findings {
		msg := resultText(f)
		if f.Remediation != "" {
			msg += "\nfix: " + f.Remediation
		}
		writeCommand(&b, githubLevel(f.Severity), githubProps(f.File, f.Line, f.Col, "valuesmith ["+f.RuleID+"]"), msg)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type githubProp struct{ key, value string }

func githubProps(file string, line, col int, title string) []githubProp {
	var ps []githubProp
	if file != "" {
		ps = append(ps, githubProp{"file", reportPath(file)})
	}
	if line > 0 {
		ps = append(ps, githubProp{"line", fmt.Sprint(line)})
		if col > 0 {
			ps = append(ps, githubProp{"col", fmt.Sprint(col)})
		}
	}
	return append(ps, githubProp{"title", title})
}

func writeCommand(b *strings.Builder, cmd string, props []githubProp, data string) {
	b.WriteString("::")
	b.WriteString(cmd)
	sep := byte(' ')
	for _, p := range props {
		if p.value == "" {
			// The runner drops a property without a value.
			continue
		}
		b.WriteByte(sep)
		sep = ','
		b.WriteString(p.key)
		b.WriteByte('=')
		b.WriteString(escapeProperty(p.value))
	}
	b.WriteString("::")
	b.WriteString(escapeData(data))
	b.WriteByte('\n')
}

func githubLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "notice"
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
