package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/generate"
	"github.com/valuesmith/valuesmith/internal/migrate"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

type migrateOptions struct {
	to    string
	from  string
	write bool
}

func newMigrateCmd(s *streams) *cobra.Command {
	o := &migrateOptions{}
	cmd := &cobra.Command{
		Use:   "migrate FILE... --to VERSION",
		Short: "Move values files to a new chart major in place, keeping every comment",
		Long: `migrate moves values files written for the chart major before --to (chart
1.x for --to 2.0.0) to that release, in your own file: keys with a new
home are moved there with their comments, store settings that map
mechanically are rewritten, keys the new chart no longer reads are
removed (each listed), and every other line stays as it was.

What needs a person is reported: bundled stores whose data must be
copied (with the chart's upgrade guide), settings of the old Bitnami
sub-charts that have no new home, store images the new sub-charts cannot
run, and the application secrets that must stay the same. The result is
then checked as the new release, and what is left is listed.

Each file's keys tell which chart it was written for: a file for the new
major already is left alone, and so is a file whose keys do not tell
(give --from to migrate it anyway). A chart 0.x file is refused with its
upgrade path.

By default migrate prints a unified diff and changes nothing; --write
writes the files in place, atomically. Secret values never appear in the
diff or the messages.

Exit codes: 0 nothing to change (or written with --write), 1 changes to
make (without --write), 2 usage or input error.`,
		Example: `  valuesmith migrate values.yaml --to 2.0.0            # show the diff and the report
  valuesmith migrate values.yaml --to 2.0.0 --write    # apply it`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(s, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.to, "to", "", "chart version to migrate to (required; "+schema.DefaultChartVersion+")")
	f.StringVar(&o.from, "from", "", "chart version the files are for, when their keys do not tell")
	f.BoolVarP(&o.write, "write", "w", false, "write the migrated files in place instead of printing a diff")
	return cmd
}

func (o *migrateOptions) run(s *streams, files []string) error {
	opts, err := o.options(files)
	if err != nil {
		return err
	}
	in := make([]migrate.File, len(files))
	for i, name := range files {
		data, err := values.ReadFile(name)
		in[i] = migrate.File{Name: name, Data: data, Err: err}
	}
	res, err := migrate.Run(opts, in)
	if err != nil {
		return err
	}
	if len(res.InputErrors) > 0 {
		for _, e := range res.InputErrors {
			fmt.Fprintf(s.err, "%s\n", inputErrorLine(e))
		}
		return &exitError{code: ExitUsage}
	}
	changed := 0
	var outs []generate.Output
	for _, fr := range res.Files {
		if !fr.Changed() {
			continue
		}
		changed++
		if o.write {
			outs = append(outs, inPlace(fr.Name, fr.After))
			continue
		}
		diff, err := fr.Diff()
		if err != nil {
			return err
		}
		if _, err := io.WriteString(s.out, diff); err != nil {
			return err
		}
	}
	if len(outs) > 0 {
		if err := generate.WriteAll(outs); err != nil {
			return err
		}
	}
	io.WriteString(s.err, res.Report(opts.Target, o.write))
	if !o.write && changed > 0 {
		return &exitError{code: ExitFindings}
	}
	return nil
}

// options validates the flags.
func (o *migrateOptions) options(files []string) (migrate.Options, error) {
	var opts migrate.Options
	if len(files) == 0 {
		return opts, usageError(fmt.Errorf("migrate needs at least one values file"))
	}
	if o.to == "" {
		return opts, usageError(fmt.Errorf("give the chart version to migrate to: --to %s", schema.DefaultChartVersion))
	}
	seen := map[string]bool{}
	for _, f := range files {
		if f == "-" {
			return opts, usageError(fmt.Errorf("migrate edits files; give a path, not - (standard input)"))
		}
		abs, err := filepath.Abs(f)
		if err != nil {
			return opts, usageError(err)
		}
		if seen[abs] {
			return opts, usageError(fmt.Errorf("%s is given twice", f))
		}
		seen[abs] = true
	}
	to, err := migrationTarget(o.to)
	if err != nil {
		return opts, usageError(err)
	}
	opts.Target = to
	if o.from != "" {
		if opts.From, err = schema.Lookup(o.from); err != nil {
			return opts, usageError(fmt.Errorf("--from: %w", err))
		}
	}
	sel, err := check.Select(nil, nil, nil)
	if err != nil {
		return opts, err
	}
	opts.Check = check.Options{Rules: sel.Rules, Policy: sel.Policy, Settings: rules.Settings{}}
	return opts, nil
}

// migrationTarget is the release --to names: exactly a modelled release
// with a migration into it.
func migrationTarget(to string) (*schema.Version, error) {
	var targets []string
	for _, c := range schema.Supported() {
		if v, err := schema.Lookup(c); err == nil && v.Upgrade != nil {
			targets = append(targets, c)
		}
	}
	v, err := schema.Lookup(to)
	want := strings.TrimPrefix(strings.TrimSpace(to), "v")
	if err != nil || v.Upgrade == nil || v.Chart != want {
		return nil, fmt.Errorf("--to %s: valuesmith migrates values to chart %s only", to, strings.Join(targets, ", "))
	}
	return v, nil
}
