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
