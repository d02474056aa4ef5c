package cli

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/schema"
)

func newVersionCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print valuesmith's version and the chart versions it supports",
		Example: "  valuesmith version",
		Args:    cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(s.out, "valuesmith %s (%s, %s/%s)\nLangfuse chart versions: %s\n",
				toolVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH, strings.Join(schema.Supported(), ", "))
			return err
		},
	}
}
