package fix

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/valuesmith/valuesmith/internal/edit"
	"github.com/valuesmith/valuesmith/internal/rules"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema"
)

// secretRule is the rule that finds literal secrets.
const secretRule = "secret-plaintext"

// secrets collects the literal secrets of the files, whatever the
// configuration and ignores say, so that they can be masked in the diff.
// It runs the rule without the policy, which would hide ignored findings.
func (r *run) secrets(releases []Release) (map[string]bool, error) {
	rule, ok := rules.Lookup(secretRule)
	if !ok {
		return nil, fmt.Errorf("no rule %s", secretRule)
	}
	out := map[string]bool{}
	for _, rel := range releases {
		docs := map[string]*values.Document{}
		in := rules.Input{Chart: r.opts.Check.Version, Settings: r.opts.Check.Settings}
		for _, l := range rel.Layers {
			doc, err := r.parsed(l.Name)
			if err != nil {
				return nil, err
			}
			docs[l.Name] = doc
			in.Layers = append(in.Layers, doc)
		}
		if in.Chart == nil {
			det, err := schema.Detect(in.Layers)
			if err != nil {
				return nil, err
			}
			in.Chart = det.Version
		}
		for _, f := range rules.Run(in, []*rules.Rule{rule}) {
			doc := docs[f.File]
			if doc == nil {
				continue
			}
			if n := doc.Root.At(f.Line, f.Col); n != nil && n.Kind != values.Map && n.Kind != values.List {
				if s := n.Text(); s != "" {
					out[s] = true
				}
			}
		}
	}
	return out, nil
}

// Diff is the unified diff of every changed file, with each literal secret
// masked in the lines before and after.
func (res *Result) Diff() (string, error) {
	var b strings.Builder
	secret := func(s string) bool { return res.masked[s] }
	for _, c := range res.Changes {
		before, after := c.Before, c.After
		if len(res.masked) > 0 {
			var err error
			if before, err = edit.Mask(c.Name, before, secret); err != nil {
				return "", fmt.Errorf("cannot show the diff of %s without its secrets: %w", c.Name, err)
			}
			if after, err = edit.Mask(c.Name, after, secret); err != nil {
				return "", fmt.Errorf("cannot show the diff of %s without its secrets: %w", c.Name, err)
			}
		}
		b.WriteString(edit.Diff(c.Name, before, after))
	}
	return b.String(), nil
}

// SecretManifest is the Kubernetes Secret that holds the moved secrets.
func (res *Result) SecretManifest(name, from string) ([]byte, error) {
	data := &yaml.Node{Kind: yaml.MappingNode}
	for _, s := range res.Secrets {
		data.Content = append(data.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: s.Key},
			&yaml.Node{Kind: yaml.ScalarNode, Value: s.Value, Style: yaml.DoubleQuotedStyle})
	}
	str := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		str("apiVersion"), str("v1"),
		str("kind"), str("Secret"),
		str("metadata"), {Kind: yaml.MappingNode, Content: []*yaml.Node{
			str("name"), str(name),
			str("labels"), {Kind: yaml.MappingNode, Content: []*yaml.Node{str("app.kubernetes.io/part-of"), str("langfuse")}},
		}},
		str("type"), str("Opaque"),
		str("stringData"), data,
	}}
	var body bytes.Buffer
	enc := yaml.NewEncoder(&body)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	head := fmt.Sprintf("# Secrets moved out of %s by valuesmith fix, which now reference this Secret.\n"+
		"# Apply it (kubectl apply -n <namespace> -f FILE) before the next helm upgrade, then store it\n"+
		"# in your secret manager and keep this file out of version control.\n", from)
	return append([]byte(head), body.Bytes()...), nil
}
