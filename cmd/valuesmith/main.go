// Command valuesmith generates and hardens Helm values for the Langfuse chart.
package main

import (
	"os"

	"github.com/valuesmith/valuesmith/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
