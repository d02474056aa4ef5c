package migrate

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/valuesmith/valuesmith/internal/edit"
	"github.com/valuesmith/valuesmith/internal/lazyre"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
	"github.com/valuesmith/valuesmith/schema/model"
)

// migration is the state of one file's migration.
type migration struct {
	to, from *schema.Version
	up       *model.Upgrade
	name     string
	src      []byte
	orig     *values.Document
	cur      *values.Document
	// oldDef and newDef are the two releases' defaults.
	oldDef, newDef *values.Node
	// bundled says which stores the chart deploys, as the file and the old
	// defaults say.
	bundled map[string]bool
	// carried are the keys written by the migration.
	carried map[string]bool
	fr      *FileResult
}

func newMigration(to, from *schema.Version, f File, doc *values.Document, fr *FileResult) (*migration, error) {
	oldDef, err := values.Parse("defaults", from.Defaults)
	if err != nil {
		return nil, fmt.Errorf("chart %s defaults: %w", from.Chart, err)
	}
	newDef, err := values.Parse("defaults", to.Defaults)
	if err != nil {
		return nil, fmt.Errorf("chart %s defaults: %w", to.Chart, err)
	}
	m := &migration{to: to, from: from, up: to.Upgrade, name: f.Name, src: f.Data, orig: doc, cur: doc,
		oldDef: oldDef.Root, newDef: newDef.Root, bundled: map[string]bool{}, carried: map[string]bool{}, fr: fr}
	for _, s := range to.Stores.Bundled {
		n := doc.Root.Lookup(s.Key + ".deploy")
		if n == nil || n.Kind != values.Bool {
			n = m.oldDef.Lookup(s.Key + ".deploy")
		}
		m.bundled[s.Key] = n != nil && n.Kind == values.Bool && n.Bool
	}
	return m, nil
}

// run makes the migration's steps in order: carries before the removals
// of what holds them, then the defaults, then what needs a person.
func (m *migration) run() error {
	steps := []func() error{m.moves, m.reused, m.unread, m.defaults, m.buckets, m.imageTag}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	m.copies()
	m.appSecrets()
	m.images()
	return nil
}

// apply makes edits, all or none, and reads the file again. A refused
// edit is listed for a person and is not an error.
func (m *migration) apply(path string, edits ...edit.Edit) bool {
	out, err := edit.Apply(m.name, m.src, edits...)
	if err != nil {
		var ee *edit.Error
		if !errors.As(err, &ee) {
			ee = &edit.Error{Reason: err.Error()}
		}
		m.human(path, "not migrated: "+ee.Error()+"; change it by hand")
		return false
	}
	doc, err := values.Parse(m.name, out)
	if err != nil {
		m.human(path, "not migrated: the result would not parse; change it by hand")
		return false
	}
	m.src, m.cur = out, doc
	return true
}

// where is the position of a key in the original file.
func (m *migration) where(path string) (int, int) {
	loc := m.orig.Root.Follow(edit.Path(path))
	if loc.Field == nil {
		return 0, 0
	}
	return loc.Field.KeyPos.Line, loc.Field.KeyPos.Col
}

func (m *migration) change(c Change) {
	c.Line, c.Col = m.where(c.Path)
	m.fr.Changes = append(m.fr.Changes, c)
}

func (m *migration) human(path, what string) {
	it := Item{Path: path, What: what}
	if path != "" {
		it.Line, it.Col = m.where(path)
		if it.Line == 0 {
			// A key the file does not set: point at the nearest parent.
			for p := path; it.Line == 0 && strings.Contains(p, "."); {
				p = p[:strings.LastIndex(p, ".")]
				it.Line, it.Col = m.where(p)
			}
		}
	}
	m.fr.Human = append(m.fr.Human, it)
}

// present returns the field at path in the current file, if the file sets
// it.
func (m *migration) present(path string) *values.Field {
	return m.cur.Root.Follow(edit.Path(path)).Field
}

// moves carries the sub-chart settings with a new home, then makes the
// target's moves: each key carried, converted or removed.
func (m *migration) moves() error {
	for _, mv := range append(append([]model.Move{}, m.up.Settings...), m.to.Moves...) {
		f := m.present(mv.Path)
		if f == nil || (mv.When != nil && !mv.When(f.Value)) {
			continue
		}
		external := mv.Bundled && !m.bundled[storeOf(mv.Path)]
		switch {
		case external:
			m.remove(mv.Path, fmt.Sprintf("it configured the bundled store, which this file does not deploy (%s.deploy is false)", storeOf(mv.Path)))
		case mv.Convert != nil:
			m.convert(mv, f.Value)
		case mv.Carry:
			m.carry(mv)
		default:
			m.remove(mv.Path, mv.Note)
		}
	}
	return nil
}

func (m *migration) carry(mv model.Move) {
	if m.present(mv.NewPath) != nil {
		m.human(mv.Path, fmt.Sprintf("%s and %s are both set; chart %s reads only %s, so %s was removed: check that %s says what you want", mv.Path, mv.NewPath, m.to.Chart, mv.NewPath, mv.Path, mv.NewPath))
		m.remove(mv.Path, "chart "+m.to.Chart+" reads "+mv.NewPath+", which the file sets too")
		return
	}
	if m.apply(mv.Path, edit.Move(edit.Path(mv.Path), edit.Path(mv.NewPath))) {
		m.carried[mv.NewPath] = true
		m.change(Change{Kind: Moved, Path: mv.Path, To: mv.NewPath, Why: mv.Note})
	}
}

func (m *migration) convert(mv model.Move, v *values.Node) {
	nv, err := mv.Convert(v)
	switch {
	case err != nil:
		m.human(mv.Path, fmt.Sprintf("%s could not be rewritten as %s (%v): write %s by hand (%s)", mv.Path, mv.NewPath, err, mv.NewPath, mv.Note))
		m.remove(mv.Path, mv.Note)
	case reflect.DeepEqual(nv.Interface(), m.newDef.Lookup(mv.NewPath).Interface()):
		m.remove(mv.Path, fmt.Sprintf("chart %s's default %s says the same", m.to.Chart, mv.NewPath))
	case m.present(mv.NewPath) != nil:
		m.human(mv.Path, fmt.Sprintf("%s and %s are both set; chart %s reads only %s, so %s was removed: check that %s says what you want", mv.Path, mv.NewPath, m.to.Chart, mv.NewPath, mv.Path, mv.NewPath))
		m.remove(mv.Path, mv.Note)
	default:
		if m.apply(mv.Path, edit.Set(edit.Path(mv.NewPath), nv), edit.Delete(edit.Path(mv.Path))) {
			m.carried[mv.NewPath] = true
			m.change(Change{Kind: Converted, Path: mv.Path, To: mv.NewPath, Why: mv.Note})
		}
	}
}

// remove deletes a key the target no longer reads. Settings under it that
// differ from the old chart's defaults had an effect, which is now gone:
// they are listed for a person.
func (m *migration) remove(path, why string) {
	f := m.present(path)
	if f == nil {
		return
	}
	store := storeOf(path)
	if _, isStore := m.bundled[store]; !isStore || m.bundled[store] {
		if own := m.ownSettings(path, f.Value); len(own) > 0 {
			m.human(path, fmt.Sprintf("Bitnami-only setting with no chart %s equivalent, removed: %s; if you need it, find the chart %s key for it", m.to.Chart, strings.Join(own, ", "), m.to.Chart))
		}
	}
	if m.apply(path, edit.Delete(edit.Path(path))) {
		m.change(Change{Kind: Removed, Path: path, Why: why})
	}
}

// ownSettings lists the keys under path (path itself for a scalar or a
// list) whose value differs from the old chart's default.
func (m *migration) ownSettings(path string, n *values.Node) []string {
	var out []string
	var walk func(p string, n *values.Node)
	walk = func(p string, n *values.Node) {
		if n.Kind == values.Map && len(n.Fields) > 0 {
			for _, f := range n.Fields {
				walk(values.JoinKey(p, f.Key), f.Value)
			}
			return
		}
		def := m.oldDef.Follow(edit.Path(p)).Node
		if def == nil && n.Kind == values.Null {
			return
		}
		if def == nil || !reflect.DeepEqual(def.Interface(), n.Interface()) {
			out = append(out, p)
		}
	}
	walk(path, n)
	return out
}

// reused removes the keys the target reads for another program than the
// old release did, whatever they hold, and lists the settings they held
// (beyond the old defaults) for a person.
func (m *migration) reused() error {
	for _, mv := range m.up.Reused {
		f := m.present(mv.Path)
		if f == nil {
			continue
		}
		if own := m.ownSettings(mv.Path, f.Value); len(own) > 0 {
			m.human(mv.Path, fmt.Sprintf("removed %s: %s; if they named a mirror, set %s to a mirror of chart %s's image instead", strings.Join(own, ", "), mv.Note, mv.Path, m.to.Chart))
		}
		if m.apply(mv.Path, edit.Delete(edit.Path(mv.Path))) {
			m.change(Change{Kind: Removed, Path: mv.Path, Why: mv.Note})
		}
	}
	return nil
}

// unread removes the keys the old release's model names that the target's
// does not, wherever no move covers them.
func (m *migration) unread() error {
	var found []string
	var walk func(n *values.Node, at string) error
	walk = func(n *values.Node, at string) error {
		if n == nil || n.Kind != values.Map {
			return nil
		}
		for _, f := range n.Fields {
			if strings.ContainsAny(f.Key, ".[]\"") {
				continue
			}
			p := values.JoinKey(at, f.Key)
			if m.carried[p] || m.newDef.Lookup(p) != nil {
				if err := walk(f.Value, p); err != nil {
					return err
				}
				continue
			}
			ok, err := m.to.Admits(p)
			if err != nil {
				return err
			}
			if ok {
				if err := walk(f.Value, p); err != nil {
					return err
				}
				continue
			}
			old, err := m.from.Admits(p)
			if err != nil {
				return err
			}
			if old {
				found = append(found, p)
			}
		}
		return nil
	}
	if err := walk(m.cur.Root, ""); err != nil {
		return err
	}
	for _, p := range found {
		m.remove(p, fmt.Sprintf("a chart %s.x key that chart %s does not read", m.from.Major(), m.to.Chart))
	}
	return nil
}

// defaults pins old defaults an existing setup relies on and removes old
// defaults the target replaces.
func (m *migration) defaults() error {
	for _, cd := range m.up.Defaults {
		oldPath := cd.OldPath
		if oldPath == "" {
			oldPath = cd.Path
		}
		oldDef, newDef := m.oldDef.Lookup(oldPath), m.newDef.Lookup(cd.Path)
		if oldDef == nil || reflect.DeepEqual(oldDef.Interface(), newDef.Interface()) {
			continue
		}
		bundled := m.bundled[storeOf(cd.Path)]
		f := m.present(cd.Path)
		switch {
		case f != nil && applies(cd.Reset, bundled) && reflect.DeepEqual(f.Value.Interface(), oldDef.Interface()):
			if m.apply(cd.Path, edit.Delete(edit.Path(cd.Path))) {
				m.change(Change{Kind: Reset, Path: cd.Path, Why: fmt.Sprintf("it held chart %s's default, and chart %s's default %s applies now: %s", m.from.Line(), m.to.Chart, newDef.Text(), cd.Note)})
			}
		case f == nil && applies(cd.Pin, bundled) && m.orig.Root.Lookup(oldPath) == nil:
			if m.apply(cd.Path, edit.Set(edit.Path(cd.Path), bare(oldDef))) {
				m.change(Change{Kind: Pinned, Path: cd.Path, Value: oldDef.Text(), Why: fmt.Sprintf("chart %s's default, which chart %s changed to %s: %s", m.from.Line(), m.to.Chart, newDef.Text(), cd.Note)})
			}
		}
	}
	return nil
}

// buckets keeps the bucket a file chose through the fallback key: the
// bucket key's default is no longer empty, so the fallback would stop
// deciding. The bundled store creates the bucket too.
func (m *migration) buckets() error {
	bk := m.up.Buckets
	if bk == nil || m.present(bk.Bucket) != nil {
		return nil
	}
	fb := m.cur.Root.Lookup(bk.Fallback)
	def := m.newDef.Lookup(bk.Bucket)
	if fb == nil || fb.Text() == "" || def == nil || fb.Text() == def.Text() {
		return nil
	}
	bucket := strings.TrimSpace(fb.Text())
	edits := []edit.Edit{edit.Set(edit.Path(bk.Bucket), &values.Node{Kind: values.String, Str: bucket})}
	created := m.bundled[storeOf(bk.Bucket)] && m.present(bk.Created) == nil && !strings.ContainsAny(bucket, ", ")
	if created {
		edits = append(edits, edit.Set(edit.Path(bk.Created), &values.Node{Kind: values.List, Items: []*values.Node{
			{Kind: values.Map, Fields: []*values.Field{{Key: "name", Value: &values.Node{Kind: values.String, Str: bucket}}}}}}))
	}
	if !m.apply(bk.Fallback, edits...) {
		return nil
	}
	m.change(Change{Kind: Pinned, Path: bk.Bucket, Value: bucket, Why: fmt.Sprintf("chart %s took the bucket from %s while %s was empty; chart %s's default %s would win over it", m.from.Line(), bk.Fallback, bk.Bucket, m.to.Chart, def.Text())})
	if created {
		m.change(Change{Kind: Pinned, Path: bk.Created, Value: "[{name: " + bucket + "}]", Why: fmt.Sprintf("the bundled store of chart %s creates only the buckets listed there", m.to.Chart)})
	}
	return nil
}

// bare is a scalar without its position in the defaults.
func bare(n *values.Node) *values.Node {
	c := *n
	c.Pos = values.Pos{}
	return &c
}

// imageTag pins the Langfuse version the old chart runs when the file
// leaves the images to the chart's appVersion: the upgrade guide keeps the
// application version while the data is copied.
func (m *migration) imageTag() error {
	w := m.to.Workloads
	global := w.Global + ".image.tag"
	set := func(p string) bool {
		n := m.cur.Root.Lookup(p)
		return n != nil && n.Text() != "" && n.Kind != values.Null
	}
	if set(global) || set(w.Values("web")+".image.tag") && set(w.Values("worker")+".image.tag") {
		return nil
	}
	if m.apply(global, edit.Set(edit.Path(global), &values.Node{Kind: values.String, Str: m.from.AppVersion})) {
		m.change(Change{Kind: Pinned, Path: global, Value: m.from.AppVersion, Why: fmt.Sprintf("the Langfuse version chart %s runs; chart %s would run %s", m.from.Chart, m.to.Chart, m.to.AppVersion)})
		m.human(global, fmt.Sprintf("pinned to Langfuse %s, the version chart %s runs (set the version your chart %s.x release runs, if another): both releases run the same version while data is copied; raise it to %s, chart %s's appVersion, once the upgrade is done", m.from.AppVersion, m.from.Chart, m.from.Major(), m.to.AppVersion, m.to.Chart))
	}
	return nil
}

// copies lists the bundled stores and what to do about their data.
func (m *migration) copies() {
	var bundled []string
	for _, c := range m.up.Copies {
		if m.bundled[c.Store] {
			bundled = append(bundled, c.Store)
		}
	}
	if len(bundled) == 0 {
		m.human("", fmt.Sprintf("every store is external: upgrade the release in place with helm upgrade (%s)", m.up.Guide))
		return
	}
	m.human("", fmt.Sprintf("bundled stores (%s): chart %s refuses a helm upgrade that would replace them with empty ones; install chart %s as a second release next to the running one, copy the data, then move the traffic (%s)", strings.Join(bundled, ", "), m.to.Chart, m.to.Chart, m.up.Guide))
	for _, c := range m.up.Copies {
		if !m.bundled[c.Store] {
			continue
		}
		name := c.Store
		for _, s := range m.to.Stores.Bundled {
			if s.Key == c.Store {
				name = s.Name
			}
		}
		m.human(c.Store+".deploy", fmt.Sprintf("%s is bundled: %s", name, c.How))
	}
}

// appSecrets says that the application secrets must not change.
func (m *migration) appSecrets() {
	var set, unset []string
	for _, s := range model.AppSecrets {
		n := m.cur.Root.Lookup(s.Path)
		src := model.SourcesOf(n)
		if src.Pinned() {
			set = append(set, s.Path)
		} else {
			unset = append(unset, s.Path)
		}
	}
	what := "keep the application secrets identical to the running release's, or existing API keys and encrypted data stop working"
	if len(set) > 0 {
		what += "; set here: " + strings.Join(set, ", ")
	}
	if len(unset) > 0 {
		what += fmt.Sprintf("; not set here: %s: chart %s generates a new one for each that is missing, so give the values your chart %s.x release runs with (secretKeyRef)", strings.Join(unset, ", "), m.to.Chart, m.from.Major())
	}
	m.human(model.AppSecrets[0].Path, what)
}

var bitnamiTag = lazyre.New(`-(debian|photon|ubuntu)-\d+(-r\d+)?$|-r\d+$`)

// images lists bundled stores whose image would not run in the target's
// sub-chart.
func (m *migration) images() {
	for _, key := range m.up.Images {
		if !m.bundled[storeOf(key)] {
			continue
		}
		want := m.newDef.Lookup(key + ".repository").Text()
		if repo := m.cur.Root.Lookup(key + ".repository"); repo != nil && repo.Text() != "" {
			r := repo.Text()
			if m.foreignImage(key, r) || lastElem(r) != lastElem(want) {
				m.human(key+".repository", fmt.Sprintf("%s.repository is %s: chart %s's sub-chart runs %s images (its default %s) and cannot run this one; point it at %s or a mirror of it", key, r, m.to.Chart, lastElem(want), want, want))
			}
		}
		if tag := m.cur.Root.Lookup(key + ".tag"); tag != nil && bitnamiTag.MatchString(tag.Text()) {
			m.human(key+".tag", fmt.Sprintf("%s.tag %s is a Bitnami image tag: give a tag of %s (chart %s's default is %s)", key, tag.Text(), want, m.to.Chart, m.newDef.Lookup(key+".tag").Text()))
		}
	}
}

// foreignImage reports whether the target home names repo, the image of
// the store at key, as one its sub-chart cannot run.
func (m *migration) foreignImage(key, repo string) bool {
	sec := m.to.Stores.Section(storeOf(key))
	return sec != nil && sec.Image != nil && sec.Image.ForeignImage(repo) != ""
}

func lastElem(repo string) string {
	if i := strings.LastIndex(repo, "/"); i >= 0 {
		return repo[i+1:]
	}
	return repo
}
