package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/schema"
)

type rulesOptions struct {
	output       string
	chartVersion string
}

func newRulesCmd(s *streams) *cobra.Command {
	o := &rulesOptions{}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rule catalogue",
		Long: `rules lists every rule valuesmith check runs on effective values: its ID,
default severity, category and what it finds. Opt-in rules run only when
enabled. Each rule holds for the chart versions it names; with
--chart-version, only the rules that hold for that version are listed.
valuesmith explain RULE prints one rule in full.`,
		Example: `  valuesmith rules
  valuesmith rules --chart-version 1.5.41
  valuesmith rules --output markdown > rules.md
  valuesmith rules --output json | jq -r '.[].id'`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := oneOf("output", o.output, rulesFormats); err != nil {
				return err
			}
			list := rules.All()
			if o.chartVersion != "" {
				res, err := schema.Resolve(o.chartVersion)
				if err != nil {
					return usageError(err)
				}
				list = rules.Applicable(res.ChartVersion)
			}
			switch o.output {
			case "markdown":
				if o.chartVersion != "" {
					return usageError(fmt.Errorf("--output markdown documents the whole catalogue; drop --chart-version"))
				}
				_, err := fmt.Fprint(s.out, rules.Markdown())
				return err
			case "json":
				b, err := rules.JSON(list)
				if err != nil {
					return err
				}
				_, err = s.out.Write(b)
				return err
			}
			_, err := fmt.Fprint(s.out, rules.Table(list))
			return err
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "text", "output format: text, markdown or json")
	cmd.Flags().StringVar(&o.chartVersion, "chart-version", "", "list only the rules that hold for this chart version")
	registerEnum(cmd, "output", rulesFormats)
	_ = cmd.RegisterFlagCompletionFunc("chart-version", completeChartVersions)
	return cmd
}

// rulesFormats are the output formats of rules.
var rulesFormats = []string{"text", "markdown", "json"}

func newExplainCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:               "explain RULE",
		Short:             "Explain one rule: why it matters and how to fix it",
		Example:           "  valuesmith explain pdb-blocks-drain",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeRuleArg,
		RunE: func(_ *cobra.Command, args []string) error {
			r, ok := rules.Lookup(args[0])
			if !ok {
				return usageError(rules.UnknownRuleError(args[0]))
			}
			_, err := fmt.Fprint(s.out, rules.Explain(r))
			return err
		},
	}
}
