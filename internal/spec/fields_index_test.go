package spec

import (
	"reflect"
	"strings"
	"testing"
)

// fieldByWalk is the straightforward lookup specFields replaces: a walk of
// the type for each key part.
func fieldByWalk(key string) (reflect.StructField, bool) {
	t := reflect.TypeOf(Spec{})
	var out reflect.StructField
	for _, part := range strings.Split(key, ".") {
		if t.Kind() != reflect.Struct {
			return out, false
		}
		found := false
		for _, f := range reflect.VisibleFields(t) {
			if f.Anonymous {
				continue
			}
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == part {
				out, t, found = f, f.Type, true
				break
			}
		}
		if !found {
			return out, false
		}
	}
	return out, true
}

func TestFieldIndexAgreesWithWalk(t *testing.T) {
	keys := []string{"nope", "web.nope", "web.replicas.x", ""}
	for _, p := range Params {
		keys = append(keys, p.Key)
	}
	for k := range specFields() {
		keys = append(keys, k)
	}
	for _, k := range keys {
		got, gok := fieldOf(k)
		want, wok := fieldByWalk(k)
		if gok != wok || gok && !reflect.DeepEqual(got.Index, want.Index) || gok && (got.Name != want.Name || got.Type != want.Type) {
			t.Errorf("fieldOf(%q) = %v %v, want %v %v", k, got.Name, gok, want.Name, wok)
		}
	}
	if len(Params) == 0 || len(specFields()) < len(Params) {
		t.Fatalf("index holds %d keys for %d params", len(specFields()), len(Params))
	}
}
