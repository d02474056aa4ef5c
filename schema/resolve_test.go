package schema

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	cases := []struct {
		in, model, chart string
		note             bool
		err              string
	}{
		{in: "", model: DefaultChartVersion, chart: DefaultChartVersion},
		{in: "2.0.0", model: "2.0.0", chart: "2.0.0"},
		{in: "v2.0.0", model: "2.0.0", chart: "2.0.0"},
		{in: "2", model: "2.0.0", chart: "2.0.0"},
		{in: "2.1.3", model: "2.0.0", chart: "2.1.3", note: true},
		{in: "3.0.0", model: DefaultChartVersion, chart: "3.0.0", note: true},
		{in: "0.13.1", err: "0.x release"},
		{in: "latest", err: "is not a version"},
	}
	for _, tc := range cases {
		res, err := Resolve(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Resolve(%q): error %v, want one containing %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Resolve(%q): %v", tc.in, err)
			continue
		}
		if res.Chart != tc.model || res.ChartVersion != tc.chart || (res.Note != "") != tc.note {
			t.Errorf("Resolve(%q) = model %s, chart %s, note %q; want model %s, chart %s, note %v", tc.in, res.Chart, res.ChartVersion, res.Note, tc.model, tc.chart, tc.note)
		}
	}
}

// The default chart version is the newest model.
func TestDefaultIsNewest(t *testing.T) {
	if Newest().Chart != DefaultChartVersion {
		t.Errorf("DefaultChartVersion %s, newest model %s", DefaultChartVersion, Newest().Chart)
	}
}

func TestAdmits(t *testing.T) {
	v := Newest()
	cases := []struct {
		path string
		want bool
	}{
		{"langfuse.web.replicas", true},
		{"langfuse.web.nope", false},
		{"langfuse.pod.labels.team", true},
		{"langfuse.additionalEnv[0].name", true},
		{"langfuse.additionalEnv.name", false},
		{"nope", false},
	}
	for _, tc := range cases {
		got, err := v.Admits(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("Admits(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

// A home's moves lead from keys of the release before it (when that is
// modelled) to keys it has itself.
func TestMovesLeadToModelledKeys(t *testing.T) {
	versions := registry()
	for i, v := range versions {
		var older *Version
		if i+1 < len(versions) {
			older = versions[i+1]
		}
		for _, m := range v.Moves {
			if m.NewPath != "" {
				if ok, _ := v.Admits(m.NewPath); !ok {
					t.Errorf("chart %s: %s moved to %s, which its model lacks", v.Chart, m.Path, m.NewPath)
				}
			}
			if ok, _ := v.Admits(m.Path); ok && m.When == nil {
				t.Errorf("chart %s: %s is listed as moved, but its model still has it", v.Chart, m.Path)
			}
			if older != nil && older.Major() != v.Major() {
				if ok, _ := older.Admits(m.Path); !ok {
					t.Errorf("chart %s: %s is listed as a key of chart %s, whose model lacks it", v.Chart, m.Path, older.Chart)
				}
			}
		}
	}
}
