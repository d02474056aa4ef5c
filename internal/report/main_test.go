package report

import "flag"

// update rewrites the golden files in testdata instead of comparing with
// them: go test ./internal/report/ -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata")
