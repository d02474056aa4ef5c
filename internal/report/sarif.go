package report

import (
	"io"

	"github.com/valuesmith/valuesmith/internal/check"
)

// SARIF writes the run as a SARIF 2.1.0 log.
func SARIF(w io.Writer, res *check.Result, meta Meta) error {
	return sarifLog(w, res, meta)
}
