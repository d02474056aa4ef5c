// Package fix applies the fixes that findings carry to the values files
// they are about. It checks the files as valuesmith check does, applies
// every safe fix (and, when asked, moves literal secrets into a Secret),
// checks again, and repeats until no fix is left to try; what remains is
// listed with what a person has to decide. Each fix's edits go to the file
// that sets the key, or for a key no file sets, to the release's last
// layer; files given only as -f layers are never edited.
//
// The edits themselves are package edit's: byte splices that keep every
// line they do not touch, checked by parsing the result again.
package fix

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/valuesmith/valuesmith/internal/check"
	"github.com/valuesmith/valuesmith/internal/edit"
	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
)

// File is one values file of a run.
type File struct {
	// Name is how the file is shown, and the key of its content.
	Name string
	Data []byte
	// Err is set when the file could not be read.
	Err error
	// Editable files may be changed; -f layers are not.
	Editable bool
}

// Release is one Helm release's layers, in helm -f order.
type Release struct {
	Layers []*File
}

// Options select what a run does.
type Options struct {
	// Check says how to check: chart version, rules, settings, policy.
	Check check.Options
	// Only limits the fixes to these rules; empty means every rule.
	Only map[string]bool
	// SecretName, when set, moves literal secrets into a Secret of this
	// name; without it they are reported and left alone.
	SecretName string
}

// Result is the outcome of a run.
type Result struct {
	// InputErrors are files that could not be read or parsed; nothing
	// else is done then.
	InputErrors []*values.InputError
	// Changes are the editable files whose content changed, in the order
	// given.
	Changes []Change
	// Applied are the findings fixed.
	Applied []Applied
	// Pending are the findings left, each with what to do about it.
	Pending []Pending
	// Secrets are the literal secrets moved, for the Secret manifest.
	Secrets []Secret
	// masked are the literal secrets of the files, never shown.
	masked map[string]bool
}

// Change is a file's content before and after.
type Change struct {
	Name          string
	Before, After []byte
}

// Applied is a finding and the edits that fixed it.
type Applied struct {
	Finding finding.Finding
	Edits   []edit.Edit
	// Secret is the key of the Secret the finding's literal moved to.
	Secret string
}

// Pending is a finding that is left, and why.
type Pending struct {
	Finding finding.Finding
	// Kind says why it is left: Decide, ByHand, NotApplied or NotSelected.
	Kind string
	// Why is what to decide, what to do, or why a fix was not applied.
	Why string
}

// Kinds of pending findings.
const (
	// Decide: a person has to decide something (Why says what).
	Decide = "decide"
	// ByHand: no fix exists; Why is the rule's remediation.
	ByHand = "by hand"
	// NotApplied: a fix exists but could not be applied (Why says why).
	NotApplied = "not applied"
	// NotSelected: --rule left the rule's fix out.
	NotSelected = "not selected"
)

// Secret is one key of the Secret manifest. Value is a secret: it never
// goes into output other than the manifest.
type Secret struct {
	Key, Value string
}

// maxRounds bounds the check-and-fix rounds of a release: a fix can only
// reveal findings of rules that run after it, so a few rounds reach the
// end; the bound keeps a fix that does not converge from looping.
const maxRounds = 8

// run is the state of a run: the files' current contents and what was
// tried.
type run struct {
	opts     Options
	state    map[string][]byte
	editable map[string]bool
	pristine []check.ConfigIgnore
	res      *Result
	// tried and failed are keyed by findingKey.
	tried  map[string]bool
	failed map[string]string
	// secretKeys maps the Secret's keys to their values.
	secretKeys map[string]string
}

// Run fixes the releases. The error is for failures of the tool; problems
// with the inputs are in the Result.
func Run(opts Options, releases []Release) (*Result, error) {
	r := &run{opts: opts, state: map[string][]byte{}, editable: map[string]bool{}, res: &Result{},
		tried: map[string]bool{}, failed: map[string]string{}, secretKeys: map[string]string{}}
	if opts.Check.Policy != nil {
		r.pristine = slices.Clone(opts.Check.Policy.Ignores)
	}
	var order []string
	for _, rel := range releases {
		for _, l := range rel.Layers {
			if _, seen := r.state[l.Name]; !seen {
				r.state[l.Name] = l.Data
				order = append(order, l.Name)
			}
			r.editable[l.Name] = r.editable[l.Name] || l.Editable
		}
	}
	original := maps(r.state)

	first, err := r.check(releases, opts.Check.Rules, opts.Check.Policy)
	if err != nil {
		return nil, err
	}
	if len(first.InputErrors) > 0 {
		r.res.InputErrors = first.InputErrors
		return r.res, nil
	}
	if r.res.masked, err = r.secrets(releases); err != nil {
		return nil, err
	}
	for _, rel := range releases {
		if err := r.fixRelease(rel); err != nil {
			return nil, err
		}
	}
	final, err := r.check(releases, opts.Check.Rules, opts.Check.Policy)
	if err != nil {
		return nil, err
	}
	if len(final.InputErrors) > 0 {
		return nil, fmt.Errorf("an edit left %s unreadable: %s", final.InputErrors[0].File, final.InputErrors[0].Msg)
	}
	for _, f := range final.Findings {
		r.res.Pending = append(r.res.Pending, r.pending(f))
	}
	for _, name := range order {
		if r.editable[name] && !bytes.Equal(original[name], r.state[name]) {
			r.res.Changes = append(r.res.Changes, Change{Name: name, Before: original[name], After: r.state[name]})
		}
	}
	return r.res, nil
}

func maps(m map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// check runs check over the current contents of the releases' files.
func (r *run) check(releases []Release, rs []*rules.Rule, pol *check.Policy) (*check.Result, error) {
	opts := r.opts.Check
	opts.Rules = rs
	if pol != nil {
		// Policy.apply marks the ignores it used; each run starts afresh.
		p := *pol
		p.Ignores = slices.Clone(r.pristine)
		opts.Policy = &p
	} else {
		opts.Policy = nil
	}
	var in []check.Release
	for _, rel := range releases {
		var layers []check.Input
		for _, l := range rel.Layers {
			layers = append(layers, check.Input{Name: l.Name, Data: r.state[l.Name], Err: l.Err})
		}
		in = append(in, check.Release{Layers: layers})
	}
	return check.Run(opts, in)
}

// findingKey identifies a finding across rounds: its rule, file and path.
func findingKey(f finding.Finding) string { return f.RuleID + "\x00" + f.File + "\x00" + f.Path }

// selected reports whether --rule lets a rule's fixes apply.
func (r *run) selected(id string) bool { return len(r.opts.Only) == 0 || r.opts.Only[id] }

// fixRelease checks one release and applies its fixes until none is left
// to try.
func (r *run) fixRelease(rel Release) error {
	for round := 0; round < maxRounds; round++ {
		cr, err := r.check([]Release{rel}, r.opts.Check.Rules, r.opts.Check.Policy)
		if err != nil {
			return err
		}
		if len(cr.InputErrors) > 0 {
			return fmt.Errorf("an edit left %s unreadable: %s", cr.InputErrors[0].File, cr.InputErrors[0].Msg)
		}
		progress := false
		for _, f := range cr.Findings {
			key := findingKey(f)
			if r.tried[key] || f.Fix == nil || !r.selected(f.RuleID) {
				continue
			}
			switch {
			case f.Fix.Safe:
				r.tried[key] = true
				if err := r.apply(rel, f, f.Fix.Edits, ""); err != nil {
					r.failed[key] = reason(err)
					continue
				}
			case f.Fix.Secret != nil && r.opts.SecretName != "":
				r.tried[key] = true
				if err := r.moveSecret(rel, f); err != nil {
					r.failed[key] = reason(err)
					continue
				}
			default:
				continue
			}
			progress = true
		}
		if !progress {
			return nil
		}
	}
	return nil
}

// reason is what a refused fix says: an edit's own refusal, or the error.
func reason(err error) string {
	var ee *edit.Error
	if errors.As(err, &ee) {
		return ee.Error()
	}
	return err.Error()
}

// parsed reads a file's current content (it parsed before, and every edit
// is checked to leave it parseable).
func (r *run) parsed(name string) (*values.Document, error) {
	return values.Parse(name, r.state[name])
}

// writer returns the index of the top-most layer that writes path, or -1.
func (r *run) writer(rel Release, path []string, below int) (int, error) {
	for i := below - 1; i >= 0; i-- {
		doc, err := r.parsed(rel.Layers[i].Name)
		if err != nil {
			return 0, err
		}
		if loc := doc.Root.Follow(path); loc.Node != nil {
			return i, nil
		}
	}
	return -1, nil
}

// target picks the file an edit goes to: the top-most layer that writes
// its key, or the release's last layer for a key no layer writes. It
// returns "" when the edit has nothing to do (a delete of a key no layer
// writes).
func (r *run) target(rel Release, e edit.Edit) (string, error) {
	top := len(rel.Layers) - 1
	w, err := r.writer(rel, e.Path, len(rel.Layers))
	if err != nil {
		return "", err
	}
	switch {
	case w < 0 && (e.Op == edit.OpDelete || e.Op == edit.OpMove):
		return "", nil
	case w < 0:
		w = top
	case !rel.Layers[w].Editable:
		// A value set in a read-only layer can be overridden from the last
		// layer, unless the edit removes it or merges into a map.
		if e.Op == edit.OpSet && e.Value.Kind != values.Map && rel.Layers[top].Editable {
			return rel.Layers[top].Name, nil
		}
		return "", fmt.Errorf("%s is set in %s, which valuesmith fix does not edit (-f layers are read only)", values.DisplayPath(e.Path), rel.Layers[w].Name)
	}
	if e.Op == edit.OpDelete || e.Op == edit.OpMove {
		// Removing the key from one layer would bring back a lower one.
		below, err := r.writer(rel, e.Path, w)
		if err != nil {
			return "", err
		}
		if below >= 0 {
			return "", fmt.Errorf("%s is also set in %s; remove it there too", values.DisplayPath(e.Path), rel.Layers[below].Name)
		}
	}
	if !rel.Layers[w].Editable {
		return "", fmt.Errorf("%s would go into %s, which valuesmith fix does not edit", values.DisplayPath(e.Path), rel.Layers[w].Name)
	}
	return rel.Layers[w].Name, nil
}

// apply makes a finding's edits, all or none.
func (r *run) apply(rel Release, f finding.Finding, edits []edit.Edit, secretKey string) error {
	byFile := map[string][]edit.Edit{}
	var files []string
	for _, e := range edits {
		name, err := r.target(rel, e)
		if err != nil {
			return err
		}
		if name == "" {
			continue
		}
		if _, seen := byFile[name]; !seen {
			files = append(files, name)
		}
		byFile[name] = append(byFile[name], e)
	}
	out := map[string][]byte{}
	for _, name := range files {
		b, err := edit.Apply(name, r.state[name], byFile[name]...)
		if err != nil {
			return err
		}
		out[name] = b
	}
	for name, b := range out {
		r.state[name] = b
	}
	r.res.Applied = append(r.res.Applied, Applied{Finding: f, Edits: edits, Secret: secretKey})
	return nil
}

// moveSecret moves a finding's literal secret into the Secret.
func (r *run) moveSecret(rel Release, f finding.Finding) error {
	mv := f.Fix.Secret
	name, err := r.target(rel, edit.Delete(mv.Path))
	if err != nil {
		return err
	}
	if name == "" {
		return errors.New("the literal is not in any file")
	}
	doc, err := r.parsed(name)
	if err != nil {
		return err
	}
	n := doc.Root.Follow(mv.Path).Node
	if n == nil || n.Kind == values.Map || n.Kind == values.List {
		return errors.New("the literal is not a single value")
	}
	value := n.Text()
	key := mv.Key
	for i := 2; ; i++ {
		if v, taken := r.secretKeys[key]; !taken || v == value {
			break
		}
		key = fmt.Sprintf("%s-%d", mv.Key, i)
	}
	if err := r.apply(rel, f, mv.Ref(r.opts.SecretName, key), key); err != nil {
		return err
	}
	if _, seen := r.secretKeys[key]; !seen {
		r.secretKeys[key] = value
		r.res.Secrets = append(r.res.Secrets, Secret{Key: key, Value: value})
	}
	return nil
}

// pending says what is left to do about a finding the last check still
// reports.
func (r *run) pending(f finding.Finding) Pending {
	key := findingKey(f)
	if why, ok := r.failed[key]; ok {
		return Pending{Finding: f, Kind: NotApplied, Why: why}
	}
	fx := f.Fix
	switch {
	case r.tried[key]:
		return Pending{Finding: f, Kind: NotApplied, Why: "the fix was applied, but the finding remains; " + lowerFirst(f.Remediation)}
	case fx != nil && !r.selected(f.RuleID):
		return Pending{Finding: f, Kind: NotSelected, Why: "--rule leaves this rule out"}
	case fx != nil && fx.Secret == nil && r.opts.SecretName != "" && f.RuleID == secretRule:
		return Pending{Finding: f, Kind: Decide, Why: "how to read this secret from a Secret: valuesmith fix cannot reference it (a URL with a password, or a store that needs several keys); " + lowerFirst(f.Remediation)}
	case fx != nil && fx.Decide != "":
		return Pending{Finding: f, Kind: Decide, Why: fx.Decide}
	}
	return Pending{Finding: f, Kind: ByHand, Why: lowerFirst(f.Remediation)}
}

func lowerFirst(s string) string {
	if s == "" {
		return "see valuesmith explain"
	}
	return strings.ToLower(s[:1]) + s[1:]
}
