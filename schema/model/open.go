package model

import "github.com/invopop/jsonschema"

// OpenObject marks a type whose object also accepts keys the model does not
// list, because the chart hands the whole object to a sub-chart. Unknown keys
// there are still checked for near misses of known keys.
func OpenObject(s *jsonschema.Schema) { s.AdditionalProperties = jsonschema.TrueSchema }
