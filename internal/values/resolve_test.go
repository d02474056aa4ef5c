package values

import (
	"fmt"
	"testing"

	sigsyaml "sigs.k8s.io/yaml"
)

// Scalars are resolved the way Helm reads them. Helm uses sigs.k8s.io/yaml,
// so this test asks sigs.k8s.io/yaml itself and compares.
func TestResolveMatchesHelmsYAML(t *testing.T) {
	scalars := []string{
		// booleans in YAML 1.1
		"true", "True", "TRUE", "false", "yes", "Yes", "YES", "no", "No", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
		// not booleans
		"tRue", "yEs", "enabled", "t", "f",
		// nulls
		"~", "null", "Null", "NULL", "nULL",
		// integers
		"0", "1", "-1", "+7", "42", "0755", "0o17", "0x1F", "0b101", "-0b101", "1_000", "9223372036854775807",
		// floats
		"1.5", "-0.5", ".5", "1e3", "1E-2", "6.02e+23", "1000000000.0", "4.10", "26.4", "08", "09.5",
		// huge numbers
		"18446744073709551615", "99999999999999999999",
		// strings that look numeric
		"4.4.0", "1.2.3-rc1", "v4", "3000m", "4Gi", "500m", "1e", "0x", "1_", "--1", "+", ".",
		"latest", "2", "0.0.0.0", "--", "-x", "127.0.0.1:6379", "a:b", "1:30",
	}
	for _, s := range scalars {
		t.Run(s, func(t *testing.T) {
			var helm map[string]any
			if err := sigsyaml.Unmarshal([]byte("k: "+s+"\n"), &helm); err != nil {
				t.Fatalf("sigs.k8s.io/yaml: %v", err)
			}
			doc, err := Parse("t.yaml", []byte("k: "+s+"\n"))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			ours := doc.Root.Get("k").Interface()
			// Helm decodes every number into float64; compare numbers as
			// numbers and everything else exactly.
			if hf, ok := helm["k"].(float64); ok {
				var of float64
				switch o := ours.(type) {
				case int64:
					of = float64(o)
				case float64:
					of = o
				default:
					t.Fatalf("helm reads a number %v, we read %T %v", hf, ours, ours)
				}
				if of != hf {
					t.Fatalf("helm reads %v, we read %v", hf, of)
				}
				return
			}
			if fmt.Sprintf("%T %v", helm["k"], helm["k"]) != fmt.Sprintf("%T %v", ours, ours) {
				t.Fatalf("helm reads %T %v, we read %T %v", helm["k"], helm["k"], ours, ours)
			}
		})
	}
}

func TestResolveQuotedAndTagged(t *testing.T) {
	cases := []struct {
		src  string
		want any
	}{
		{`k: "yes"`, "yes"},
		{`k: 'on'`, "on"},
		{`k: "42"`, "42"},
		{`k: !!str 42`, "42"},
		{`k: !!int "42"`, int64(42)},
		{`k: !!float 1`, float64(1)},
		{`k: !!bool yes`, true},
		{"k: |\n  yes\n", "yes\n"},
		{`k: !custom thing`, "thing"},
	}
	for _, tc := range cases {
		doc, err := Parse("t.yaml", []byte(tc.src+"\n"))
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if got := doc.Root.Get("k").Interface(); got != tc.want {
			t.Errorf("%s: got %T %v, want %T %v", tc.src, got, got, tc.want, tc.want)
		}
	}
}

func TestMapKeysBecomeStrings(t *testing.T) {
	var helm map[string]any
	src := "1: a\ntrue: b\n1.5: c\noff: d\n"
	if err := sigsyaml.Unmarshal([]byte(src), &helm); err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for k := range helm {
		if doc.Root.Get(k) == nil {
			t.Errorf("helm has key %q, we do not (we have %v)", k, doc.Root.Interface())
		}
	}
}
