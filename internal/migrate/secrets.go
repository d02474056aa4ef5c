package migrate

import (
	"fmt"

	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// secretRule is the rule that finds literal secrets.
const secretRule = "secret-plaintext"

// literalSecrets collects the literal secrets of a file before (read as
// the old release) and after the migration (as the target), so that the
// diff can mask them.
func literalSecrets(settings rules.Settings, from, to *schema.Version, name string, before, after []byte) (map[string]bool, error) {
	rule, ok := rules.Lookup(secretRule)
	if !ok {
		return nil, fmt.Errorf("no rule %s", secretRule)
	}
	out := map[string]bool{}
	for _, side := range []struct {
		v   *schema.Version
		src []byte
	}{{from, before}, {to, after}} {
		doc, err := values.Parse(name, side.src)
		if err != nil {
			return nil, err
		}
		in := rules.Input{Chart: side.v, Settings: settings, Layers: []*values.Document{doc}}
		for _, f := range rules.Run(in, []*rules.Rule{rule}) {
			if n := doc.Root.At(f.Line, f.Col); n != nil && n.Kind != values.Map && n.Kind != values.List {
				if s := n.Text(); s != "" {
					out[s] = true
				}
			}
		}
	}
	return out, nil
}
