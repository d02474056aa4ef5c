package model

import (
	"fmt"
	"strings"

	"github.com/valuesmith/valuesmith/internal/eval"
	"github.com/valuesmith/valuesmith/internal/values"
)

// Refusal is one condition under which the chart refuses to render the
// values (a fail or required in its templates), predicted from the values
// alone.
type Refusal struct {
	// Rule is the catalogue rule that reports it.
	Rule string
	// Path is the values key at fault.
	Path string
	// Node, when set, is the value at fault (a list item), located directly.
	Node *values.Node
	// Message says which combination the chart rejects, without the words
	// "the chart refuses to render", which the reporting rule adds.
	Message string
	// Advice, when set, says what to do instead.
	Advice string
}

// Rules that report refusals. Each is in the rule catalogue (a test checks
// it).
const (
	RuleChartRefuses       = "chart-refuses-values"
	RulePDBBothBounds      = "pdb-both-bounds"
	RuleAutoscalerConflict = "autoscaler-conflict"
	RuleRedisNoEviction    = "redis-noeviction"
	RuleStoreHostMissing   = "store-host-missing"
)

// RefusalRules lists every rule that reports refusals.
func RefusalRules() []string {
	return []string{RuleChartRefuses, RulePDBBothBounds, RuleAutoscalerConflict, RuleRedisNoEviction,
		RuleStoreHostMissing, RuleSecretSourceConflict, RuleSecretRefIncomplete, RuleEnvConflict}
}

// Refuser collects the refusals of one release's effective values.
type Refuser struct {
	*eval.Reader
	W   *Workloads
	out []Refusal
}

// NewRefuser reads the effective values in r with the workload facts w.
func NewRefuser(r *eval.Reader, w *Workloads) *Refuser { return &Refuser{Reader: r, W: w} }

// Refuse records a refusal at a values key.
func (r *Refuser) Refuse(rule, path, format string, args ...any) {
	r.out = append(r.out, Refusal{Rule: rule, Path: path, Message: fmt.Sprintf(format, args...)})
}

// RefuseWith records a refusal at a values key with advice on what to do
// instead.
func (r *Refuser) RefuseWith(rule, path, advice, format string, args ...any) {
	r.out = append(r.out, Refusal{Rule: rule, Path: path, Message: fmt.Sprintf(format, args...), Advice: advice})
}

// RefuseAt records a refusal at a value node (a list item) whose path is
// path.
func (r *Refuser) RefuseAt(rule string, n *values.Node, path, format string, args ...any) {
	r.out = append(r.out, Refusal{Rule: rule, Path: path, Node: n, Message: fmt.Sprintf(format, args...)})
}

// Refusals returns what was recorded.
func (r *Refuser) Refusals() []Refusal { return r.out }

// ChartSeesEnv returns the global additionalEnv entry named name as the
// chart's getEnvVar helper detects it: the helper prints each matching
// entry's .value, so an entry without value (valueFrom) prints "<no value>"
// and counts, while value: "" does not.
func (r *Refuser) ChartSeesEnv(name string) (eval.EnvVar, bool) {
	e, ok := chartSeenEnv(r.W.GlobalEnv(r.Reader))[name]
	return e, ok
}

// chartSeenEnv is ChartSeesEnv for every name of env at once: one pass,
// however long the list.
func chartSeenEnv(env []eval.EnvVar) map[string]eval.EnvVar {
	seen := map[string]eval.EnvVar{}
	for _, e := range env {
		v := e.Node.Get("value")
		if v == nil || v.Kind == values.Null || v.Text() != "" {
			seen[e.Name] = e
		}
	}
	return seen
}

// JoinAnd lists words as "a, b and c".
func JoinAnd(words []string) string { return joinWith(words, "and") }

// JoinOr lists words as "a, b or c".
func JoinOr(words []string) string { return joinWith(words, "or") }

func joinWith(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}
