package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/valuesmith/valuesmith/internal/values"
)

// Detection is the chart release a set of values files was written for, as
// their keys tell it.
type Detection struct {
	// Version is the model to check with.
	Version *Version
	// Key is the dotted path of the key that decided, and Pos where it is;
	// empty when nothing decided and the newest model is used.
	Key string
	Pos values.Pos
	// Era, when set, names a chart release older than every model ("0.x")
	// that the values were written for; Keys are the keys that show it.
	Era  string
	Keys []EraKey
}

// EraKey is a key of an older chart major, with where the setting lives now.
type EraKey struct {
	Path string
	Pos  values.Pos
	Move LegacyKey
}

// Reason says in a sentence which version was chosen and why.
func (d Detection) Reason() string {
	switch {
	case d.Era != "":
		return fmt.Sprintf("values written for chart %s (%s)", d.Era, eraKeyList(d.Keys))
	case d.Key == "":
		return fmt.Sprintf("checked against chart %s: no key tells the chart release apart, so the newest model is used (--chart-version chooses another)", d.Version.Chart)
	}
	return fmt.Sprintf("checked against chart %s (%s.x): %s at %s is a key only chart %s.x reads", d.Version.Chart, d.Version.Line(), d.Key, d.Pos, d.Version.Line())
}

// Evidence lists the keys that show an era, with their lines.
func (d Detection) Evidence() string { return eraKeyList(d.Keys) }

func eraKeyList(keys []EraKey) string {
	var parts []string
	for i, k := range keys {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(keys)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("%s at line %d", k.Path, k.Pos.Line))
	}
	return strings.Join(parts, ", ")
}

// maxDetectDepth bounds how deep detection looks: release lines differ in
// their sections' keys, not deep inside Kubernetes objects.
const maxDetectDepth = 4

// eraEvidence is how many keys of an older major a file needs before it is
// taken as written for that major rather than carrying a stray key.
const eraEvidence = 2

// Detect tells which modelled release the layers of one release were
// written for. Values with keys of the major before the oldest model (at
// least eraEvidence of them, that no model knows) are reported as of that
// era; otherwise the first key, in file order, that exactly one model knows
// decides, and without one the newest model is used.
func Detect(layers []*values.Document) (Detection, error) {
	models := registry()
	known := make([]*pathIndex, len(models))
	for i, v := range models {
		idx, err := v.index()
		if err != nil {
			return Detection{}, err
		}
		known[i] = idx
	}
	// The era goes first: values of the major before the oldest model keep
	// the store keys that major shares with the oldest model (Bitnami
	// settings such as postgresql.architecture), which would otherwise
	// decide for that model.
	oldest := models[len(models)-1]
	var era []EraKey
	for _, d := range layers {
		era = append(era, eraKeys(d, oldest, known)...)
	}
	sort.SliceStable(era, func(i, j int) bool {
		a, b := era[i].Pos, era[j].Pos
		if a.File != b.File {
			return false
		}
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	if len(era) >= eraEvidence {
		return Detection{Version: oldest, Era: previousMajor(oldest), Keys: era}, nil
	}
	for _, d := range layers {
		if det, ok := decide(d.Root, nil, models, known); ok {
			return det, nil
		}
	}
	return Detection{Version: models[0]}, nil
}

// decide walks n depth-first, in file order, for a key exactly one model
// knows.
func decide(n *values.Node, at []string, models []*Version, known []*pathIndex) (Detection, bool) {
	if n == nil || n.Kind != values.Map || len(at) >= maxDetectDepth {
		return Detection{}, false
	}
	for _, f := range n.Fields {
		path := append(at[:len(at):len(at)], f.Key)
		who := -1
		count := 0
		for i, k := range known {
			if k.has(path) {
				who = i
				count++
			}
		}
		switch {
		case count == 1 && len(models) > 1:
			return Detection{Version: models[who], Key: strings.Join(path, "."), Pos: f.KeyPos}, true
		case count == len(models):
			if det, ok := decide(f.Value, path, models, known); ok {
				return det, true
			}
		}
	}
	return Detection{}, false
}

// eraKeys lists the keys of d that the oldest model records as moved from
// the major before it, and that no model knows.
func eraKeys(d *values.Document, oldest *Version, known []*pathIndex) []EraKey {
	var out []EraKey
	for _, m := range oldest.Moves {
		loc := d.Root.Follow(strings.Split(m.Path, "."))
		if loc.Field == nil {
			continue
		}
		if m.When != nil && !m.When(loc.Field.Value) {
			continue
		}
		path := strings.Split(m.Path, ".")
		knownAnywhere := false
		for _, k := range known {
			if k.has(path) && m.When == nil {
				knownAnywhere = true
			}
		}
		if !knownAnywhere {
			out = append(out, EraKey{Path: m.Path, Pos: loc.Field.KeyPos, Move: m})
		}
	}
	return out
}

// previousMajor names the release line before a model's major ("0.x").
func previousMajor(v *Version) string {
	major := v.Major()
	if major == "" || major == "0" {
		return "an older release"
	}
	var n int
	fmt.Sscanf(major, "%d", &n)
	return fmt.Sprintf("%d.x", n-1)
}

// pathIndex is the set of key paths a model names explicitly (properties,
// not keys an open object lets through), down to maxDetectDepth.
type pathIndex struct {
	paths map[string]bool
}

func (p *pathIndex) has(path []string) bool { return p.paths[strings.Join(path, "\x00")] }

// index builds the version's path index once: from the committed
// paths.txt, generated with the schema, so that telling a file's version
// does not decode every schema (GeneratePaths walks one).
func (v *Version) index() (*pathIndex, error) {
	v.indexOnce.Do(func() {
		if v.Paths == "" {
			v.idx, v.indexErr = walkIndex(v.Schema)
			return
		}
		lines := strings.Split(strings.TrimSuffix(v.Paths, "\n"), "\n")
		idx := &pathIndex{paths: make(map[string]bool, len(lines))}
		for _, l := range lines {
			idx.paths[strings.ReplaceAll(l, "\t", "\x00")] = true
		}
		v.idx = idx
	})
	return v.idx, v.indexErr
}

// walkIndex builds the path index from a schema.
func walkIndex(schemaJSON []byte) (*pathIndex, error) {
	ck, err := NewChecker(schemaJSON)
	if err != nil {
		return nil, err
	}
	idx := &pathIndex{paths: map[string]bool{}}
	var walk func(s rawSchema, at []string)
	walk = func(s rawSchema, at []string) {
		s = objectSchema(ck.Raw, s)
		if s == nil || len(at) >= maxDetectDepth {
			return
		}
		props, _ := s["properties"].(map[string]any)
		for name, sub := range props {
			path := append(at[:len(at):len(at)], name)
			idx.paths[strings.Join(path, "\x00")] = true
			sm, _ := sub.(map[string]any)
			walk(sm, path)
		}
	}
	walk(ck.Raw.Root, nil)
	return idx, nil
}

// GeneratePaths is the content of a version's paths.txt: the key paths its
// schema names explicitly, down to the depth detection looks, sorted, one
// per line with the keys separated by tabs.
func GeneratePaths(schemaJSON []byte) ([]byte, error) {
	idx, err := walkIndex(schemaJSON)
	if err != nil {
		return nil, err
	}
	lines := make([]string, 0, len(idx.paths))
	for p := range idx.paths {
		if strings.ContainsAny(p, "\t\n") {
			return nil, fmt.Errorf("key path %q holds a tab or a line break", strings.ReplaceAll(p, "\x00", "."))
		}
		lines = append(lines, strings.ReplaceAll(p, "\x00", "\t"))
	}
	sort.Strings(lines)
	return []byte(strings.Join(lines, "\n") + "\n"), nil
}

// Admits reports whether the model names a dotted key path: every key an
// explicit property, or a key of a map whose values the model types (labels,
// annotations, provider options). A key an open object merely lets through
// (a sub-chart setting the model does not list) is not admitted.
func (v *Version) Admits(path string) (bool, error) {
	ck, err := v.Checker()
	if err != nil {
		return false, err
	}
	s := objectSchema(ck.Raw, ck.Raw.Root)
	for _, key := range strings.Split(path, ".") {
		key, indexes := splitIndexes(key)
		if s == nil {
			return false, nil
		}
		props, _ := s["properties"].(map[string]any)
		switch next, typed := s["additionalProperties"].(map[string]any); {
		case props[key] != nil:
			s, _ = props[key].(map[string]any)
		case typed:
			s = next
		default:
			return false, nil
		}
		s = objectSchema(ck.Raw, s)
		for range indexes {
			items, _ := s["items"].(map[string]any)
			if items == nil {
				return false, nil
			}
			s = objectSchema(ck.Raw, items)
		}
	}
	return true, nil
}

// splitIndexes splits "additionalEnv[0][1]" into the key and its list
// indexes.
func splitIndexes(key string) (string, []string) {
	i := strings.IndexByte(key, '[')
	if i < 0 || !strings.HasSuffix(key, "]") {
		return key, nil
	}
	return key[:i], strings.Split(strings.TrimSuffix(key[i+1:], "]"), "][")
}
