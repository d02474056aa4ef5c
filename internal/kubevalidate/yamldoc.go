package kubevalidate

import (
	"fmt"
	"strings"

	yamlv3 "gopkg.in/yaml.v3"
	sigsyaml "sigs.k8s.io/yaml"
)

// DuplicateFields reports mapping keys that occur more than once in one YAML
// document. Decoding into map[string]any silently keeps the last value, so
// Validate cannot see duplicates; run this on the rendered text instead.
func DuplicateFields(doc []byte) []Problem {
	var root yamlv3.Node
	if err := yamlv3.Unmarshal(doc, &root); err != nil {
		return nil // not YAML: the decoder's error says so
	}
	var ps []problem
	var walk func(n *yamlv3.Node, p fieldPath)
	walk = func(n *yamlv3.Node, p fieldPath) {
		switch n.Kind {
		case yamlv3.DocumentNode:
			for _, c := range n.Content {
				walk(c, p)
			}
		case yamlv3.MappingNode:
			seen := map[string]int{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Kind != yamlv3.ScalarNode || k.Value == "<<" {
					continue
				}
				if line, dup := seen[k.Value]; dup {
					ps = append(ps, problem{p.key(k.Value), fmt.Sprintf(
						"duplicate field %q (line %d repeats line %d; only the last value is kept)", k.Value, k.Line, line)})
				} else {
					seen[k.Value] = k.Line
				}
				walk(v, p.key(k.Value))
			}
		case yamlv3.SequenceNode:
			for i, c := range n.Content {
				walk(c, p.index(i))
			}
		}
	}
	walk(&root, nil)
	return finish(ps)
}

// ValidateYAML decodes one YAML document the way sigs.k8s.io/yaml does,
// validates it, and adds duplicate fields (even when the kind is unknown, so
// a Result with Validated false may carry those). An empty document is not
// validated.
func ValidateYAML(doc []byte) Result {
	var m map[string]any
	if err := sigsyaml.Unmarshal(doc, &m); err != nil {
		msg := strings.ReplaceAll(err.Error(), "\n", " ")
		return Result{Validated: true, Schema: "YAML", Problems: []Problem{{Message: "not valid YAML: " + lowerFirst(msg)}}}
	}
	if len(m) == 0 {
		return Result{Note: "empty document: not validated"}
	}
	r := Validate(m)
	if dups := DuplicateFields(doc); len(dups) > 0 {
		// Reported even for a kind we have no schema for; Validated stays
		// false there, since the fields themselves were not checked.
		r.Problems = append(dups, r.Problems...)
	}
	return r
}
