package schema

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed values.schema.json
var schemaV2 []byte

//go:embed defaults-2.0.0.yaml
var defaultsV2 []byte

// Version is one supported release of the Langfuse chart: its model, its
// generated JSON Schema and its application version.
type Version struct {
	// Chart is the chart version, for example 2.0.0.
	Chart string
	// AppVersion is the Langfuse application version the chart ships with.
	AppVersion string
	// SchemaFile is the name of the committed schema file in this package.
	SchemaFile string

	json     []byte
	defaults []byte
	root     any
	legacy   []LegacyKey
	compiled
}

// JSON returns the committed JSON Schema of the chart's values.
func (v *Version) JSON() []byte { return v.json }

// Defaults returns the chart's default values.yaml, as data without
// comments.
func (v *Version) Defaults() []byte { return v.defaults }

// Major is the chart's major version number as a string ("2").
func (v *Version) Major() string { return strings.SplitN(v.Chart, ".", 2)[0] }

var versions = []*Version{
	{Chart: "2.0.0", AppVersion: "4.4.0", SchemaFile: "values.schema.json", json: schemaV2, defaults: defaultsV2, root: &Values{}, legacy: legacyKeysV2},
}

// DefaultChartVersion is the chart version used when none is given.
const DefaultChartVersion = "2.0.0"

// Supported lists the supported chart versions, newest first.
func Supported() []string {
	out := make([]string, len(versions))
	for i, v := range versions {
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
	for _, v := range versions {
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
	return &Version{Chart: v.Chart, AppVersion: v.AppVersion, SchemaFile: v.SchemaFile,
		json: v.json, defaults: v.defaults, root: v.root, legacy: v.legacy}, nil
}
