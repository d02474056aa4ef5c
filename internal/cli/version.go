package cli

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/schema"
)

type versionOptions struct {
	output string
}

// versionFormats are the output formats of version.
var versionFormats = []string{"text", "json"}

func newVersionCmd(s *streams) *cobra.Command {
	o := &versionOptions{}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print valuesmith's version and the chart versions it supports",
		Long: `version prints the build's version (the same string --version, check's JSON
and SARIF carry): a release version, the module version of go install, or for
a build from a clone the VCS revision with +dirty (or -dirty) when the tree
had changes.`,
		Example: `  valuesmith version
  valuesmith --version
  valuesmith version -o json`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := oneOf("output", o.output, versionFormats); err != nil {
				return err
			}
			if o.output == "json" {
				b, err := json.MarshalIndent(versionInfo{
					Version:       toolVersion(),
					Go:            runtime.Version(),
					Platform:      runtime.GOOS + "/" + runtime.GOARCH,
					ChartVersions: schema.Supported(),
				}, "", "  ")
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(s.out, "%s\n", b)
				return err
			}
			_, err := fmt.Fprint(s.out, versionText())
			return err
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "text", "output format: "+strings.Join(versionFormats, ", "))
	registerEnum(cmd, "output", versionFormats)
	return cmd
}

// versionInfo is version's JSON form.
type versionInfo struct {
	Version       string   `json:"version"`
	Go            string   `json:"go"`
	Platform      string   `json:"platform"`
	ChartVersions []string `json:"chartVersions"`
}

// versionText is what version and --version print.
func versionText() string {
	return fmt.Sprintf("valuesmith %s (%s, %s/%s)\nLangfuse chart versions: %s\n",
		toolVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH, strings.Join(schema.Supported(), ", "))
}
