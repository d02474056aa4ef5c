package crdgen

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func mustJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestConvert(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"object with properties is closed",
			`{"type":"object","description":"x","properties":{"a":{"type":"string","default":"z"}},"required":["a"]}`,
			`{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}`},
		{"int-or-string",
			`{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true,"pattern":"^a$"}`,
			`{"type":["integer","string"],"pattern":"^a$"}`},
		{"preserve unknown fields stays open",
			`{"type":"object","properties":{"a":{"type":"string"}},"x-kubernetes-preserve-unknown-fields":true}`,
			`{"type":"object","properties":{"a":{"type":"string"}}}`},
		{"bare preserve unknown fields allows anything",
			`{"x-kubernetes-preserve-unknown-fields":true}`,
			`{}`},
		{"nullable",
			`{"type":"string","nullable":true}`,
			`{"type":["string","null"]}`},
		{"int32 bounds and map values",
			`{"type":"object","additionalProperties":{"type":"integer","format":"int32","minimum":0}}`,
			`{"type":"object","additionalProperties":{"type":"integer","format":"int32","minimum":0,"maximum":2147483647}}`},
		{"exclusive minimum becomes a number",
			`{"type":"number","minimum":0,"exclusiveMinimum":true}`,
			`{"type":"number","exclusiveMinimum":0}`},
		{"list and map annotations dropped, CEL kept",
			`{"type":"array","x-kubernetes-list-type":"atomic","items":{"type":"string"},"x-kubernetes-validations":[{"rule":"true"}]}`,
			`{"type":"array","items":{"type":"string"},"x-kubernetes-validations":[{"rule":"true"}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Convert(mustJSON(t, tc.in))
			if err != nil {
				t.Fatal(err)
			}
			// compare through JSON so number types do not matter
			gj, _ := json.Marshal(got)
			var g, w any
			_ = json.Unmarshal(gj, &g)
			_ = json.Unmarshal([]byte(tc.want), &w)
			if !reflect.DeepEqual(g, w) {
				t.Errorf("got  %s\nwant %s", gj, tc.want)
			}
		})
	}
}

func TestConvertRejectsUnknownKeywords(t *testing.T) {
	_, err := Convert(mustJSON(t, `{"type":"object","properties":{"a":{"type":"string","x-new-thing":1}}}`))
	if err == nil || !strings.Contains(err.Error(), `"x-new-thing"`) || !strings.Contains(err.Error(), "#/properties/a") {
		t.Errorf("err = %v", err)
	}
}

func TestCachedModuleDirMissing(t *testing.T) {
	_, err := CachedModuleDir(t.TempDir(), Version)
	if !errors.Is(err, ErrNotCached) {
		t.Errorf("err = %v, want ErrNotCached", err)
	}
}
