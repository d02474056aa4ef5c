package chart

import (
	"errors"
	"testing"
)

func TestSelectorMatches(t *testing.T) {
	pod := map[string]string{"app.kubernetes.io/name": "langfuse", "app.kubernetes.io/instance": "prod", "app.kubernetes.io/component": "web", "app": "web"}
	cases := []struct {
		name string
		sel  any
		want bool
	}{
		{"nil selects nothing", nil, false},
		{"empty selects nothing", map[string]any{}, false},
		{"matchLabels subset", map[string]any{"matchLabels": map[string]any{"app": "web"}}, true},
		{"matchLabels mismatch", map[string]any{"matchLabels": map[string]any{"app": "worker"}}, false},
		{"In", map[string]any{"matchExpressions": []any{map[string]any{"key": "app", "operator": "In", "values": []any{"web", "worker"}}}}, true},
		{"NotIn", map[string]any{"matchExpressions": []any{map[string]any{"key": "app", "operator": "NotIn", "values": []any{"web"}}}}, false},
		{"Exists", map[string]any{"matchExpressions": []any{map[string]any{"key": "app", "operator": "Exists"}}}, true},
		{"DoesNotExist", map[string]any{"matchExpressions": []any{map[string]any{"key": "tier", "operator": "DoesNotExist"}}}, true},
		{"unknown operator", map[string]any{"matchExpressions": []any{map[string]any{"key": "app", "operator": "Like"}}}, false},
	}
	for _, tc := range cases {
		if got := matches(tc.sel, pod); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestParseRenderError(t *testing.T) {
	e := parseRenderError(errors.New("execution error at (langfuse/templates/validations.yaml:12:5): langfuse.web.pdb: minAvailable and maxUnavailable cannot both be set"))
	if e.Template != "langfuse/templates/validations.yaml" || e.Message != "langfuse.web.pdb: minAvailable and maxUnavailable cannot both be set" {
		t.Errorf("got %+v", e)
	}
	if e := parseRenderError(errors.New("something else")); e.Message != "something else" || e.Template != "" {
		t.Errorf("got %+v", e)
	}
}

func TestSplitObjectsSkipsCommentDocuments(t *testing.T) {
	objs, errs := splitObjects(map[string]string{
		"c/templates/validations.yaml": "# checks only\n",
		"c/templates/two.yaml":         "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n",
		"c/templates/bad.yaml":         "a: [1\n",
	})
	if len(objs) != 2 || objs[0].ID() != "ConfigMap/a" || objs[1].ID() != "Secret/b" {
		t.Errorf("objects: %v", objs)
	}
	if len(errs) != 1 || errs[0].Template != "c/templates/bad.yaml" {
		t.Errorf("errors: %v", errs)
	}
}
