package wizard

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/valuesmith/valuesmith/internal/generate"
	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/schema"
	"github.com/valuesmith/valuesmith/templates"
)

// ErrDeclined is returned when the person does not confirm writing.
var ErrDeclined = errors.New("not confirmed")

// Options say where the wizard writes.
type Options struct {
	// Profile to start from without asking; "" asks.
	Profile string
	// Values is the values file to write.
	Values string
	// Answers is the answers file to write.
	Answers string
	// SecretsOut, when set, is where the application Secret with fresh
	// random values goes; it is never overwritten.
	SecretsOut string
	// SchemaOut, when set, is where the chart's values schema goes; the
	// values file's first line then points editors at it.
	SchemaOut string
	// Force replaces existing values and answers files without asking.
	Force bool
	// Out receives the summary and the notes between questions.
	Out io.Writer
}

// Plan is a confirmed wizard run, ready to write.
type Plan struct {
	Answers   *Answers
	Assembled *spec.Assembled
	Result    *generate.Result
	files     []output
}

type output struct {
	path string
	data []byte
	perm fs.FileMode
	// replace allows replacing an existing file (confirmed, or --force).
	replace bool
}

// The choices at the summary.
const (
	nextWrite  = "write"
	nextChange = "change"
	nextQuit   = "quit"
)

// Prepare asks the questions, generates and self-checks the values and
// shows a summary. From the summary the person writes the files, changes
// any answer and comes back to the summary, or leaves; a warning only the
// generated values reveal is offered to accept with a reason. It asks
// before any existing file would be replaced (unless Force). Nothing is
// written: Plan.Write does that. It returns ErrInterrupted or ErrDeclined
// when the person stops.
func Prepare(p Prompter, o Options) (*Plan, error) {
	w := newWalk(p, o.Out, o.Profile)
	if err := w.questions(); err != nil {
		return nil, err
	}
	for {
		a, err := w.settle()
		if err != nil {
			return nil, err
		}
		res, err := generate.Values(a)
		var ps spec.Problems
		switch {
		case errors.As(err, &ps):
			// Warnings of the generated values that no answer accepts:
			// accept them, or change an answer.
			ok, err := w.accept(ps)
			if err != nil {
				return nil, err
			}
			if ok {
				continue
			}
			res = nil
		case err != nil:
			return nil, err
		}
		summary(o.Out, a, o)
		next, err := w.next(o, res != nil)
		if err != nil {
			return nil, err
		}
		switch next {
		case nextQuit:
			return nil, ErrDeclined
		case nextChange:
			if err := w.pickAndChange(); err != nil {
				return nil, err
			}
			continue
		}
		return plan(p, o, w.answers(), a, res)
	}
}

// next asks what to do at the summary: write (when the values passed
// their checks), change an answer, or leave.
func (w *walk) next(o Options, canWrite bool) (string, error) {
	names := []string{o.Values, o.Answers}
	if o.SecretsOut != "" {
		names = append(names, o.SecretsOut)
	}
	var opts []Option
	if canWrite {
		opts = append(opts, Option{Value: nextWrite, Note: "write " + strings.Join(names, " and ")})
	}
	opts = append(opts, Option{Value: nextChange, Note: "change an answer, then come back here"},
		Option{Value: nextQuit, Note: "leave without writing anything"})
	return w.p.Select(Question{Key: "confirm", Message: "Write the files?",
		Help: "write writes the files (the answers file replays with valuesmith generate --answers); change asks one question again and comes back to this summary; quit writes nothing."},
		opts, opts[0].Value)
}

// pickAndChange asks which answer to change and asks its question again.
func (w *walk) pickAndChange() error {
	var opts []Option
	seen := map[string]bool{}
	for _, key := range w.asked {
		if seen[key] || w.again[key] == nil {
			continue
		}
		seen[key] = true
		shown := w.value(key)
		switch shown {
		case "":
			shown = "(empty)"
		case "true":
			shown = "yes"
		case "false":
			shown = "no"
		}
		opts = append(opts, Option{Value: key, Note: shown})
	}
	key, err := w.p.Select(Question{Key: "change", Message: "Which answer?", Help: "The question is asked again (with any question that only then applies); every other answer stays."}, opts, opts[0].Value)
	if err != nil {
		return err
	}
	return w.change(key)
}

// plan prepares the files of a confirmed run and asks before replacing
// an existing one.
func plan(p Prompter, o Options, ans *Answers, a *spec.Assembled, res *generate.Result) (*Plan, error) {
	saved, err := spec.EncodeAnswers(a)
	if err != nil {
		return nil, err
	}
	valuesData := res.Values
	if o.SchemaOut != "" {
		ref, err := generate.SchemaRef(o.Values, o.SchemaOut)
		if err != nil {
			return nil, err
		}
		valuesData = generate.WithSchemaLine(valuesData, ref)
	}
	pl := &Plan{Answers: ans, Assembled: a, Result: res, files: []output{
		{path: o.Values, data: valuesData, perm: 0o644},
		{path: o.Answers, data: saved, perm: 0o644},
	}}
	if o.SchemaOut != "" {
		v, err := schema.Lookup(a.Spec.ChartVersion)
		if err != nil {
			return nil, err
		}
		pl.files = append(pl.files, output{path: o.SchemaOut, data: v.JSON(), perm: 0o644})
	}
	if o.SecretsOut != "" {
		secret, err := generate.AppSecretManifest(a.Spec)
		if err != nil {
			return nil, err
		}
		pl.files = append(pl.files, output{path: o.SecretsOut, data: secret, perm: 0o600})
	}
	for i := range pl.files {
		f := &pl.files[i]
		st, err := os.Stat(f.path)
		if err != nil {
			continue
		}
		if msg := generate.NotRegular(f.path, st.Mode()); msg != "" {
			return nil, errors.New(msg)
		}
		if f.perm == 0o600 {
			return nil, fmt.Errorf("%s exists; refusing to overwrite a secrets file (new values would break a running installation)", f.path)
		}
		if o.Force {
			f.replace = true
			continue
		}
		yes, err := p.Confirm(Question{Key: "overwrite", Message: f.path + " exists. Replace it?",
			Help: "Yes replaces the file; no leaves without writing anything."}, false)
		if err != nil {
			return nil, err
		}
		if !yes {
			return nil, ErrDeclined
		}
		f.replace = true
	}
	return pl, nil
}

// Paths lists the files the plan writes.
func (pl *Plan) Paths() []string {
	out := make([]string, len(pl.files))
	for i, f := range pl.files {
		out[i] = f.path
	}
	return out
}

// Write writes every file of the plan or none (generate.WriteAll): new
// files are never put over one created meanwhile, and no temporary file is
// left behind.
func (pl *Plan) Write() error {
	outs := make([]generate.Output, len(pl.files))
	for i, f := range pl.files {
		outs[i] = generate.Output{Path: f.path, Data: f.data, Perm: f.perm, Replace: f.replace}
	}
	return generate.WriteAll(outs)
}

// summary prints what the answers add up to.
func summary(out io.Writer, a *spec.Assembled, o Options) {
	s := a.Spec
	var lines [][2]string
	add := func(k, format string, args ...any) { lines = append(lines, [2]string{k, fmt.Sprintf(format, args...)}) }

	add("profile", "%s", a.Profile.Name)
	host := s.Host
	if s.Ingress.Enabled {
		host += ", Ingress"
		if s.Ingress.ClassName != "" {
			host += " " + s.Ingress.ClassName
		}
		host += ", TLS Secret " + s.Ingress.TLSSecret
		if s.Ingress.CertManagerIssuer != "" {
			host += " from cert-manager " + s.Ingress.CertManagerIssuer
		}
	} else {
		host += ", no Ingress"
	}
	add("host", "%s", host)
	add("release", "%s in namespace %s, Langfuse %s", s.Release, s.Namespace, s.AppVersion)

	if s.Postgres.Mode == "external" {
		add("postgres", "external %s, database %s, user %s", s.Postgres.Host, s.Postgres.Database, s.Postgres.User)
	} else {
		add("postgres", "bundled")
	}
	if s.Redis.Mode == "external" {
		var where string
		switch s.Redis.Topology {
		case "cluster":
			where = "cluster " + strings.Join(s.Redis.Nodes, ", ")
		case "sentinel":
			where = "sentinel " + s.Redis.Sentinel.MasterName + " via " + strings.Join(s.Redis.Sentinel.Nodes, ", ")
		default:
			where = fmt.Sprintf("%s:%d", s.Redis.Host, s.Redis.Port)
		}
		tls := "without TLS"
		if s.Redis.TLS {
			tls = "with TLS"
		}
		add("redis", "external %s, %s", where, tls)
	} else {
		add("redis", "bundled")
	}
	if s.ClickHouse.Mode == "external" {
		kind := "single server"
		if s.ClickHouse.Cluster {
			kind = "cluster default"
		}
		add("clickhouse", "external %s, ports %d/%d, %s", s.ClickHouse.Host, s.ClickHouse.HTTPPort, s.ClickHouse.NativePort, kind)
	} else {
		add("clickhouse", "bundled")
	}
	if s.S3.Mode == "external" {
		where := "AWS S3"
		if s.S3.Endpoint != "" {
			where = s.S3.Endpoint
		}
		region := s.S3.Region
		if region == "" {
			region = "auto"
		}
		creds := "keys from Secret " + s.S3.Secret.Name
		if s.S3.Credentials == "workload-identity" {
			creds = "workload identity"
			var notes []string
			for _, k := range templates.SortedKeys(s.ServiceAccountAnnotations) {
				notes = append(notes, k+"="+s.ServiceAccountAnnotations[k])
			}
			if len(notes) > 0 {
				creds += " (ServiceAccount " + strings.Join(notes, ", ") + ")"
			}
		}
		add("s3", "external bucket %s on %s, region %s, %s", s.S3.Bucket, where, region, creds)
	} else {
		add("s3", "bundled")
	}
	comp := func(c spec.Component) string {
		size := fmt.Sprintf("%s CPU, %s each", c.CPU, c.Memory)
		switch c.Autoscaling.Mode {
		case "none":
			return fmt.Sprintf("%d replicas; %s", c.Replicas, size)
		case "keda-queue":
			return fmt.Sprintf("KEDA on queue length, %d to %d replicas; %s", c.Autoscaling.MinReplicas, c.Autoscaling.MaxReplicas, size)
		}
		return fmt.Sprintf("%s %d to %d replicas at %d%% CPU; %s", strings.ToUpper(c.Autoscaling.Mode), c.Autoscaling.MinReplicas, c.Autoscaling.MaxReplicas, c.Autoscaling.CPUPercent, size)
	}
	add("web", "%s", comp(s.Web))
	add("worker", "%s", comp(s.Worker.Component))
	add("availability", "PDB %s %s; spread zones %s, nodes %s; start-up %d s", s.PDB.Mode, s.PDB.Value, s.Spread.Zone, s.Spread.Host, s.StartupSeconds)
	var secrets []string
	for _, sec := range templates.NewView(a).Secrets {
		secrets = append(secrets, sec.Name)
	}
	add("secrets", "%s (create them before installing)", strings.Join(secrets, ", "))
	var accepted []string
	for _, acc := range a.Accepted() {
		accepted = append(accepted, acc.Rule)
	}
	if len(accepted) > 0 {
		add("accepted", "%s (each with its reason)", strings.Join(accepted, ", "))
	}
	files := o.Values + ", " + o.Answers
	if o.SchemaOut != "" {
		files += ", " + o.SchemaOut
	}
	if o.SecretsOut != "" {
		files += ", " + o.SecretsOut + " (mode 0600)"
	}
	add("files", "%s", files)

	fmt.Fprintf(out, "\nSummary\n")
	for _, l := range lines {
		fmt.Fprintf(out, "  %-13s %s\n", l[0], l[1])
	}
	fmt.Fprintln(out)
}
