package cli

import (
	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/schema"
)

type schemaOptions struct {
	chartVersion string
	answers      bool
}

func newSchemaCmd(s *streams) *cobra.Command {
	o := &schemaOptions{}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema (draft-07) of the chart's values",
		Long: `schema prints the JSON Schema of the Langfuse chart's values, generated from
valuesmith's model of the chart. It is draft-07, so every Helm 3 release
reads it: save it as values.schema.json in a chart to make helm lint and
helm install validate values, or point your editor's YAML language server
at it.`,
		Example: `  valuesmith schema > values.schema.json
  valuesmith schema --chart-version 2.0.0
  valuesmith schema --answers > answers.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if o.answers {
				_, err := s.out.Write(spec.Schema())
				return err
			}
			v, err := schema.Lookup(o.chartVersion)
			if err != nil {
				return usageError(err)
			}
			_, err = s.out.Write(v.JSON())
			return err
		},
	}
	cmd.Flags().StringVar(&o.chartVersion, "chart-version", schema.DefaultChartVersion, "Langfuse chart version")
	cmd.Flags().BoolVar(&o.answers, "answers", false, "print the schema of valuesmith generate's answers file instead")
	_ = cmd.RegisterFlagCompletionFunc("chart-version", completeChartVersions)
	return cmd
}
