package model

import "strings"

// SchemaRefusal is a values key where a value the schema rejects also makes
// the chart refuse to render: a validation of the chart's own, or Helm's
// parse of a rendered object's metadata.
type SchemaRefusal struct {
	// Path is the dotted key path; a segment "*" matches any one key.
	Path string
	// Why says what fails, for the schema finding's message.
	Why string
	// Object, when set, is the kind of the rendered object whose metadata
	// Helm fails to parse (the --chart render locates that failure here).
	Object string
}

// Matches reports whether the refusal covers the key at path.
func (s SchemaRefusal) Matches(path string) bool {
	want, got := strings.Split(s.Path, "."), strings.Split(path, ".")
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if want[i] != "*" && want[i] != got[i] {
			return false
		}
	}
	return true
}

// CommonSchemaRefusals are the schema refusals of the templates every
// modelled release shares (validations.yaml and the metadata of the web
// and worker objects, byte-identical in 1.5.41 and 2.0.0).
func CommonSchemaRefusals() []SchemaRefusal {
	const meta = "Helm fails to parse the rendered %s, whose metadata.annotations must be a map of strings"
	annotations := []struct{ path, kind string }{
		{"langfuse.deployment.annotations", "Deployment"},
		{"langfuse.web.deployment.annotations", "Deployment"},
		{"langfuse.worker.deployment.annotations", "Deployment"},
		{"langfuse.web.service.annotations", "Service"},
		{"langfuse.serviceAccount.annotations", "ServiceAccount"},
		{"langfuse.web.hpa.annotations", "HorizontalPodAutoscaler"},
		{"langfuse.worker.hpa.annotations", "HorizontalPodAutoscaler"},
		{"langfuse.ingress.annotations", "Ingress"},
	}
	out := []SchemaRefusal{
		{Path: "langfuse.logging.level", Why: "the chart accepts only trace, debug, info, warn, error and fatal, compared case-sensitively"},
		{Path: "langfuse.logging.format", Why: "the chart accepts only text and json"},
		{Path: "s3.storageProvider", Why: "the chart accepts only s3, azure and gcs"},
		{Path: "langfuse.auth.providers.*", Why: "the chart accepts only providers whose snake-cased, upper-cased name is one of " + strings.Join(AuthProviderNames, ", ")},
	}
	for _, a := range annotations {
		out = append(out, SchemaRefusal{Path: a.path, Object: a.kind, Why: strings.Replace(meta, "%s", a.kind, 1)})
	}
	return out
}

// AuthProviderNames are the provider names the chart's validation allows,
// after snakecase and upper.
var AuthProviderNames = []string{"AUTH0", "COGNITO", "AZURE_AD", "GITHUB", "GITHUB_ENTERPRISE", "GITLAB", "GOOGLE", "KEYCLOAK", "OKTA", "WORKOS", "CUSTOM"}
