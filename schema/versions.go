package schema

//go:generate go run ./gen

import (
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/valuesmith/valuesmith/schema/model"
	"github.com/valuesmith/valuesmith/schema/v15"
	"github.com/valuesmith/valuesmith/schema/v20"
)

// Version is one modelled release of the Langfuse chart: its home's facts
// and model, and validation against its generated JSON Schema.
type Version struct {
	*model.Release
	compiled

	indexOnce sync.Once
	idx       *pathIndex
	indexErr  error
}

// JSON returns the committed JSON Schema of the chart's values.
func (v *Version) JSON() []byte { return v.Schema }

// SchemaFile is the committed schema's path relative to this package.
func (v *Version) SchemaFile() string { return path.Join(v.Dir, "values.schema.json") }

// ValidationFile is the committed validation schema's path relative to
// this package.
func (v *Version) ValidationFile() string { return path.Join(v.Dir, "validation.schema.json") }

// PathsFile is the committed key path index's path relative to this
// package.
func (v *Version) PathsFile() string { return path.Join(v.Dir, "paths.txt") }

// homes lists the modelled releases, newest first.
var homes = []func() *model.Release{v20.Release, v15.Release}

// registry builds each Version once, on first use.
var registry = sync.OnceValue(func() []*Version {
	out := make([]*Version, len(homes))
	for i, h := range homes {
		out[i] = &Version{Release: h()}
	}
	return out
})

// DefaultChartVersion is the chart version used when none is given: the
// newest modelled release.
const DefaultChartVersion = "2.0.0"

// Newest is the newest modelled release: what generate and wizard write
// values for.
func Newest() *Version { return registry()[0] }

// Supported lists the supported chart versions, newest first.
func Supported() []string {
	vs := registry()
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Chart
	}
	return out
}

// Lookup returns a supported chart version. A prefix such as "2" or "2.0"
// selects the newest matching release.
func Lookup(chart string) (*Version, error) {
	chart = strings.TrimPrefix(strings.TrimSpace(chart), "v")
	if chart == "" {
		chart = DefaultChartVersion
	}
	for _, v := range registry() {
		if v.Chart == chart || strings.HasPrefix(v.Chart, chart+".") {
			return v, nil
		}
	}
	return nil, fmt.Errorf("chart version %q is not supported (supported: %s)", chart, strings.Join(Supported(), ", "))
}

// Fresh returns a supported chart version with nothing decoded or compiled
// yet, as a new process sees it: for benchmarks of a first run, and for
// tests that must not share caches.
func Fresh(chart string) (*Version, error) {
	v, err := Lookup(chart)
	if err != nil {
		return nil, err
	}
	return &Version{Release: v.Release}, nil
}
