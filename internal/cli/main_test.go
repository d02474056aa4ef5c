package cli

import "flag"

// update rewrites golden files instead of comparing with them:
// go test ./internal/cli/ -update
var update = flag.Bool("update", false, "rewrite golden files")
