package v20

import (
	_ "embed"

	"github.com/valuesmith/valuesmith/schema/model"
)

//go:embed values.schema.json
var schemaJSON []byte

//go:embed defaults-2.0.0.yaml
var defaults []byte

// Release returns what valuesmith knows about chart 2.0.x.
func Release() *model.Release {
	return &model.Release{
		Chart:      "2.0.0",
		AppVersion: "4.4.0",
		Dir:        "v20",
		Root:       &Values{},
		Schema:     schemaJSON,
		Defaults:   defaults,
		Moves:      moves,
		Workloads:  model.LangfuseWorkloads(),
		Refusals:   refusals,
	}
}
