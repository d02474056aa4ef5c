package check

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// ConfigFileName is the config file looked up next to the values file;
// ConfigFileNames are the names it may have.
const ConfigFileName = ".valuesmith.yaml"

// ConfigFileNames are the names FindConfig accepts, in the order it
// mentions them.
var ConfigFileNames = []string{ConfigFileName, ".valuesmith.yml"}

// Config is the content of .valuesmith.yaml:
//
//	failOn: warning          # error (default), warning or info
//	release: langfuse        # Helm release name used in selectors
//	startupSeconds: 90       # how long the web container may take to listen
//	deploy: helm             # gitops (default: helm template, Argo CD, Flux) or helm (helm install/upgrade)
//	rules:
//	  signup-open: error     # error, warning, info, on or off
//	  image-digest-missing: on
//	ignore:
//	  - rule: store-bundled
//	    path: postgresql     # optional: key path or a parent of it
//	    file: values-dev.yaml # optional: glob on the file path or name
//	    reason: dev cluster, stores are throwaway
type Config struct {
	File           string
	FailOn         finding.Severity
	Release        string
	StartupSeconds int
	// Deploy is how the releases are applied; empty when not set.
	Deploy rules.Deploy
	// Rules maps a rule ID to a severity, or to "on"/"off".
	Rules   map[string]string
	Ignores []ConfigIgnore
}

// FindConfig returns the config file next to the first values file, or ""
// when there is none. Both .valuesmith.yaml and .valuesmith.yml are found;
// both at once is an error, as either could be the one meant.
func FindConfig(valuesFile string) (string, error) {
	if valuesFile == "" || valuesFile == "-" {
		return "", nil
	}
	var found []string
	for _, name := range ConfigFileNames {
		p := filepath.Join(filepath.Dir(valuesFile), name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return "", nil
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("both %s and %s exist; keep one (or name one with --config)", found[0], found[1])
}

// LoadConfig reads and validates a config file. Every problem is an
// *values.InputError with a position.
func LoadConfig(path string) (*Config, error) {
	data, err := values.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseConfig(path, data)
}

// ParseConfig reads and validates the content of a config file named path.
// Every problem is an *values.InputError with a position.
func ParseConfig(path string, data []byte) (*Config, error) {
	doc, err := values.Parse(path, data)
	if err != nil {
		return nil, err
	}
	cfg := &Config{File: path, Rules: map[string]string{}}
	bad := func(n *values.Node, format string, args ...any) error {
		return &values.InputError{File: path, Line: n.Pos.Line, Col: n.Pos.Col, Msg: fmt.Sprintf(format, args...)}
	}
	for _, f := range doc.Root.Fields {
		v := f.Value
		switch f.Key {
		case "failOn":
			sev, err := finding.ParseSeverity(v.Text())
			if err != nil || v.Kind != values.String {
				return nil, bad(v, "failOn must be error, warning or info")
			}
			cfg.FailOn = sev
		case "release":
			if v.Kind != values.String {
				return nil, bad(v, "release must be a release name")
			}
			if err := ValidateRelease(v.Str); err != nil {
				return nil, bad(v, "release: %v", err)
			}
			cfg.Release = v.Str
		case "startupSeconds":
			n, ok := rules.Int(v)
			if !ok || v.Kind == values.String || n <= 0 {
				return nil, bad(v, "startupSeconds must be a positive whole number of seconds")
			}
			cfg.StartupSeconds = n
		case "deploy":
			d, err := rules.ParseDeploy(v.Text())
			if err != nil || v.Kind != values.String {
				return nil, bad(v, "deploy must be helm (helm install/upgrade) or gitops (helm template, Argo CD, Flux)")
			}
			cfg.Deploy = d
		case "rules":
			if v.Kind != values.Map {
				return nil, bad(v, "rules must map rule IDs to error, warning, info, on or off")
			}
			for _, rf := range v.Fields {
				if _, ok := rules.Lookup(rf.Key); !ok {
					return nil, &values.InputError{File: path, Line: rf.KeyPos.Line, Col: rf.KeyPos.Col, Msg: rules.UnknownRuleError(rf.Key).Error()}
				}
				setting := strings.ToLower(rf.Value.Text())
				if rf.Value.Kind == values.Bool {
					setting = map[bool]string{true: "on", false: "off"}[rf.Value.Bool]
				}
				if _, err := finding.ParseSeverity(setting); err != nil && setting != "on" && setting != "off" {
					return nil, bad(rf.Value, "rule %s: want error, warning, info, on or off", rf.Key)
				}
				cfg.Rules[rf.Key] = setting
			}
		case "ignore":
			if v.Kind != values.List {
				return nil, bad(v, "ignore must be a list of {rule, path, file, reason}")
			}
			for _, it := range v.Items {
				ig, err := readIgnore(path, it)
				if err != nil {
					return nil, err
				}
				cfg.Ignores = append(cfg.Ignores, ig)
			}
		default:
			return nil, &values.InputError{File: path, Line: f.KeyPos.Line, Col: f.KeyPos.Col, Msg: fmt.Sprintf("unknown setting %q (known: failOn, release, startupSeconds, deploy, rules, ignore)", f.Key)}
		}
	}
	return cfg, nil
}

func readIgnore(path string, n *values.Node) (ConfigIgnore, error) {
	bad := func(at values.Pos, format string, args ...any) error {
		return &values.InputError{File: path, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf(format, args...)}
	}
	if n.Kind != values.Map {
		return ConfigIgnore{}, bad(n.Pos, "an ignore entry must be a mapping with rule and reason")
	}
	ig := ConfigIgnore{Pos: n.Pos}
	for _, f := range n.Fields {
		switch f.Key {
		case "rule":
			ig.Rule = f.Value.Text()
		case "path":
			ig.Path = f.Value.Text()
		case "file":
			ig.File = f.Value.Text()
			if _, err := filepath.Match(ig.File, ""); err != nil {
				return ig, bad(f.Value.Pos, "file %q is not a valid glob", ig.File)
			}
		case "reason":
			ig.Reason = strings.TrimSpace(f.Value.Text())
		default:
			return ig, bad(f.KeyPos, "unknown ignore key %q (known: rule, path, file, reason)", f.Key)
		}
	}
	if ig.Rule == "" {
		return ig, bad(n.Pos, "ignore entry names no rule")
	}
	if _, ok := rules.Lookup(ig.Rule); !ok && ig.Rule != finding.SchemaRule {
		return ig, bad(n.Pos, "%v", rules.UnknownRuleError(ig.Rule))
	}
	if ig.Reason == "" {
		return ig, bad(n.Pos, "ignore of %s gives no reason; a reason is required", ig.Rule)
	}
	return ig, nil
}

// Selection is the result of combining the catalogue, the config and the
// --enable/--disable flags.
type Selection struct {
	Rules  []*rules.Rule
	Policy *Policy
}

// Select decides which rules run and with what severity. Flags win over the
// config file. Unknown rule IDs are errors.
func Select(cfg *Config, enable, disable []string) (*Selection, error) {
	state := map[string]bool{}
	sev := map[string]finding.Severity{}
	for _, r := range rules.All() {
		state[r.ID] = !r.OptIn
	}
	if cfg != nil {
		ids := make([]string, 0, len(cfg.Rules))
		for id := range cfg.Rules {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			switch s := cfg.Rules[id]; s {
			case "off":
				state[id] = false
			case "on":
				state[id] = true
			default:
				sv, _ := finding.ParseSeverity(s)
				sev[id] = sv
				state[id] = true
			}
		}
	}
	for _, id := range enable {
		if _, ok := rules.Lookup(id); !ok {
			return nil, rules.UnknownRuleError(id)
		}
		state[id] = true
	}
	for _, id := range disable {
		if _, ok := rules.Lookup(id); !ok {
			return nil, rules.UnknownRuleError(id)
		}
		state[id] = false
	}
	sel := &Selection{Policy: &Policy{Severity: sev, Disabled: map[string]bool{}}}
	for _, r := range rules.All() {
		if !state[r.ID] {
			sel.Policy.Disabled[r.ID] = true
			continue
		}
		if r.Check != nil {
			sel.Rules = append(sel.Rules, r)
		}
	}
	if cfg != nil {
		sel.Policy.Ignores = cfg.Ignores
		sel.Policy.ConfigFile = cfg.File
	}
	return sel, nil
}

// ValidateRelease accepts the release names Helm accepts and the chart can
// install (its facts say why); checking with any other name would only
// produce findings about objects no release can have.
func ValidateRelease(name string) error {
	return schema.Newest().Workloads.ValidateRelease(name)
}

// Settings are the rule settings the config gives.
func (c *Config) Settings() rules.Settings {
	var s rules.Settings
	if c == nil {
		return s
	}
	s.Release = c.Release
	if c.StartupSeconds > 0 {
		s.StartupSeconds, s.StartupSecondsSet = c.StartupSeconds, true
	}
	return s
}
