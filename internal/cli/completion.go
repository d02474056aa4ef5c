package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/profiles"
	"github.com/valuesmith/valuesmith/schema"
)

// Dynamic shell completion: cobra's completion command writes the script;
// the functions here answer its questions (valuesmith __complete ...).

// registerEnum completes a flag from a fixed list of values.
func registerEnum(cmd *cobra.Command, flag string, values []string) {
	_ = cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// completeRuleIDs completes rule IDs, with each rule's summary as its
// description. A comma-separated flag value completes its last item.
func completeRuleIDs(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	prefix := ""
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		prefix, toComplete = toComplete[:i+1], toComplete[i+1:]
	}
	var out []cobra.Completion
	for _, r := range rules.All() {
		if strings.HasPrefix(r.ID, toComplete) {
			out = append(out, cobra.CompletionWithDesc(prefix+r.ID, firstSentence(r.Summary)))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeRuleArg completes explain's one argument.
func completeRuleArg(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return completeRuleIDs(cmd, args, toComplete)
}

func completeProfiles(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, p := range profiles.List() {
		out = append(out, cobra.CompletionWithDesc(p.Name, firstSentence(p.Summary)))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func completeChartVersions(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return schema.Supported(), cobra.ShellCompDirectiveNoFileComp
}

// completeYAMLFiles offers YAML files (and directories to descend into).
func completeYAMLFiles(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, ".")
}
