package v15

import (
	_ "embed"

	"github.com/valuesmith/valuesmith/schema/model"
)

//go:embed values.schema.json
var schemaJSON []byte

//go:embed defaults-1.5.41.yaml
var defaults []byte

// Release returns what valuesmith knows about chart 1.5.x.
func Release() *model.Release {
	return &model.Release{
		Chart:      "1.5.41",
		AppVersion: "3.224.1",
		Dir:        "v15",
		Root:       &Values{},
		Schema:     schemaJSON,
		Defaults:   defaults,
		Moves:      moves,
		Workloads:  model.LangfuseWorkloads(),
		Refusals:   refusals,
	}
}
