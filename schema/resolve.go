package schema

import (
	"fmt"
	"strings"

	"github.com/Masterminds/semver/v3"
)

// Resolution is the model a chart version is checked with.
type Resolution struct {
	// Version is the model used.
	*Version
	// ChartVersion is the chart version the values are for: the model's,
	// or a release without a model of its own.
	ChartVersion string
	// Note, when set, says that the model is the nearest one and why.
	Note string
}

// Resolve finds the model for a chart version: the model of that release,
// or the nearest modelled release of the same major (the newest one not
// newer than it, else the oldest), or the newest model for a major newer
// than every model. An empty version means the newest model. Chart 0.x
// has no model.
func Resolve(chart string) (Resolution, error) {
	chart = strings.TrimPrefix(strings.TrimSpace(chart), "v")
	if v, err := Lookup(chart); err == nil {
		return Resolution{Version: v, ChartVersion: v.Chart}, nil
	}
	want, err := semver.NewVersion(chart)
	if err != nil {
		return Resolution{}, fmt.Errorf("chart version %q is not a version such as %s (supported: %s)", chart, DefaultChartVersion, strings.Join(Supported(), ", "))
	}
	if want.Major() == 0 {
		return Resolution{}, fmt.Errorf("chart %s is a 0.x release, which valuesmith does not model: upgrade the values to chart 1.x first (see the chart's examples/upgrade-v0.13-to-v1.0), then valuesmith migrate --to %s", chart, DefaultChartVersion)
	}
	v := nearest(want)
	res := Resolution{Version: v, ChartVersion: want.String()}
	relation := "older than"
	if want.GreaterThan(semver.MustParse(v.Chart)) {
		relation = "newer than"
	}
	res.Note = fmt.Sprintf("chart %s is %s valuesmith's model of chart %s; checking with that model (with --chart, the chart's own values.yaml supplies the defaults and keys)", want, relation, v.Chart)
	return res, nil
}

// nearest picks the model closest to want.
func nearest(want *semver.Version) *Version {
	var best, oldest *Version
	for _, v := range registry() { // newest first
		have := semver.MustParse(v.Chart)
		if have.Major() != want.Major() {
			continue
		}
		oldest = v
		if best == nil && !have.GreaterThan(want) {
			best = v
		}
	}
	switch {
	case best != nil:
		return best
	case oldest != nil:
		return oldest
	}
	return Newest()
}
