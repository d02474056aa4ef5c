package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/internal/rules"
)

type rulesOptions struct {
	output string
}

func newRulesCmd(s *streams) *cobra.Command {
	o := &rulesOptions{}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rule catalogue",
		Long: `rules lists every rule valuesmith check runs on effective values: its ID,
default severity, category and what it finds. Opt-in rules run only when
enabled. valuesmith explain RULE prints one rule in full.`,
		Example: `  valuesmith rules
  valuesmith rules --output markdown > rules.md
  valuesmith rules --output json | jq -r '.[].id'`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := oneOf("output", o.output, []string{"text", "markdown", "json"}); err != nil {
				return err
			}
			switch o.output {
			case "markdown":
				_, err := fmt.Fprint(s.out, rules.Markdown())
				return err
			case "json":
				b, err := rules.JSON()
				if err != nil {
					return err
				}
				_, err = s.out.Write(b)
				return err
			}
			_, err := fmt.Fprint(s.out, rules.Table())
			return err
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "text", "output format: text, markdown or json")
	return cmd
}

func newExplainCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:     "explain RULE",
		Short:   "Explain one rule: why it matters and how to fix it",
		Example: "  valuesmith explain pdb-blocks-drain",
		Args:    cobra.ExactArgs(1),
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
