package schema

import (
	"bytes"
	"encoding/json"
	"testing"
)

// members must split exactly as encoding/json does, and refuse what
// encoding/json refuses.
func TestMembersMatchesEncodingJSON(t *testing.T) {
	tests := []struct {
		name, in string
		wantErr  bool
	}{
		{"empty object", `{}`, false},
		{"spaces", " \n{ \"a\" : 1 ,\t\"b\":true }\r\n", false},
		{"nested", `{"a":{"b":[1,{"c":"}"}]},"d":[[],[[]]],"e":null}`, false},
		{"braces in strings", `{"a":"{[\"]}","b":"\\"}`, false},
		{"negative and exponent", `{"a":-1.5e+3,"b":0}`, false},
		{"escaped key", `{"a\u0062":1}`, false},
		{"the values schema", string(mustJSON(t)), false},
		{"not an object", `[1,2]`, true},
		{"trailing comma", `{"a":1,}`, true},
		{"missing colon", `{"a" 1}`, true},
		{"unterminated string", `{"a":"x}`, true},
		{"unbalanced", `{"a":{"b":1}`, true},
		{"trailing data", `{"a":1} x`, true},
		{"empty", ``, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := members([]byte(tt.in))
			if tt.wantErr {
				if err == nil {
					t.Fatalf("members(%q) = %v, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("members(%q): %v", tt.in, err)
			}
			var want map[string]json.RawMessage
			if err := json.Unmarshal([]byte(tt.in), &want); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d members, encoding/json finds %d", len(got), len(want))
			}
			for k, w := range want {
				if !bytes.Equal(got[k], w) {
					t.Errorf("member %q = %s, encoding/json gives %s", k, got[k], w)
				}
			}
		})
	}
}

func mustJSON(t *testing.T) []byte {
	t.Helper()
	v, err := Lookup(DefaultChartVersion)
	if err != nil {
		t.Fatal(err)
	}
	return v.JSON()
}

// On valid JSON objects, members and encoding/json agree member by member;
// on anything, members does not panic.
func FuzzMembers(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":"}","b":[{"c":1}]}`, `{"a\"b":null}`, `{"a":-0.5e1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want map[string]json.RawMessage
		wantErr := json.Unmarshal(data, &want)
		got, err := members(data)
		if wantErr != nil {
			// members checks the object's own structure only; a broken
			// value is found when it is decoded.
			return
		}
		if err != nil {
			t.Fatalf("members(%q): %v", data, err)
		}
		if len(got) != len(want) {
			t.Fatalf("members(%q): %d members, encoding/json finds %d", data, len(got), len(want))
		}
		for k, w := range want {
			if !bytes.Equal(bytes.TrimSpace(got[k]), bytes.TrimSpace(w)) {
				t.Fatalf("members(%q)[%q] = %s, encoding/json gives %s", data, k, got[k], w)
			}
		}
	})
}

func BenchmarkDecodeRaw(b *testing.B) {
	v, _ := Lookup(DefaultChartVersion)
	b.SetBytes(int64(len(v.JSON())))
	for b.Loop() {
		if _, err := decodeRaw(v.JSON()); err != nil {
			b.Fatal(err)
		}
	}
}
