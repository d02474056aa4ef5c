package cli

import (
	"fmt"
	"strconv"
	"strings"
)

func itoa(i int) string { return strconv.Itoa(i) }

// fmtSscanLoc reads the file:line:col prefix of a finding.
func fmtSscanLoc(s string, file *string, line, col *int) (int, error) {
	parts := strings.SplitN(s, ":", 4)
	if len(parts) < 4 {
		return 0, fmt.Errorf("want file:line:col: prefix")
	}
	*file = parts[0]
	var err error
	if *line, err = strconv.Atoi(parts[1]); err != nil {
		return 0, err
	}
	if *col, err = strconv.Atoi(parts[2]); err != nil {
		return 0, err
	}
	return 3, nil
}
