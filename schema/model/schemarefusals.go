package model

import (
	"strings"

	"github.com/huandu/xstrings"
)

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
	// When, if set, is the values key that must be true for the chart to
	// render the object at all.
	When string
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
	annotations := []struct{ path, kind, when string }{
		{"langfuse.deployment.annotations", "Deployment", ""},
		{"langfuse.web.deployment.annotations", "Deployment", ""},
		{"langfuse.worker.deployment.annotations", "Deployment", ""},
		{"langfuse.web.service.annotations", "Service", ""},
		{"langfuse.serviceAccount.annotations", "ServiceAccount", "langfuse.serviceAccount.create"},
		{"langfuse.web.hpa.annotations", "HorizontalPodAutoscaler", "langfuse.web.hpa.enabled"},
		{"langfuse.worker.hpa.annotations", "HorizontalPodAutoscaler", "langfuse.worker.hpa.enabled"},
		{"langfuse.ingress.annotations", "Ingress", "langfuse.ingress.enabled"},
	}
	out := []SchemaRefusal{
		{Path: "langfuse.logging.level", Why: "the chart accepts only trace, debug, info, warn, error and fatal, compared case-sensitively"},
		{Path: "langfuse.logging.format", Why: "the chart accepts only text and json"},
		{Path: "s3.storageProvider", Why: "the chart accepts only s3, azure and gcs"},
		{Path: "langfuse.auth.providers.*", Why: "the chart accepts only providers whose snake-cased, upper-cased name is one of " + strings.Join(AuthProviderNames, ", ")},
	}
	for _, a := range annotations {
		out = append(out, SchemaRefusal{Path: a.path, Object: a.kind, When: a.when, Why: strings.Replace(meta, "%s", a.kind, 1)})
	}
	return out
}

// AuthProviderNames are the provider names the chart's validation allows,
// after snakecase and upper.
var AuthProviderNames = []string{"AUTH0", "COGNITO", "AZURE_AD", "GITHUB", "GITHUB_ENTERPRISE", "GITLAB", "GOOGLE", "KEYCLOAK", "OKTA", "WORKOS", "CUSTOM"}

// authProviderKeys are the canonical values keys of the providers, by the
// name the chart's validation compares.
var authProviderKeys = map[string]string{
	"AUTH0": "auth0", "COGNITO": "cognito", "AZURE_AD": "azureAd", "GITHUB": "github",
	"GITHUB_ENTERPRISE": "githubEnterprise", "GITLAB": "gitlab", "GOOGLE": "google",
	"KEYCLOAK": "keycloak", "OKTA": "okta", "WORKOS": "workos", "CUSTOM": "custom",
}

// ProviderName is the name the chart makes of a provider key (sprig's
// snakecase, then upper: github-enterprise and GithubEnterprise both give
// GITHUB_ENTERPRISE), and the canonical key of that provider; ok is false
// when the chart rejects the key.
func ProviderName(key string) (name, canonical string, ok bool) {
	name = strings.ToUpper(xstrings.ToSnakeCase(key))
	canonical, ok = authProviderKeys[name]
	return name, canonical, ok
}

// UnquotedScalars are values keys the chart's own templates print as they
// are, without quote or toYaml: a quoted number there renders the same
// number. ("*" matches one key.) Keys inside Kubernetes objects are not
// among them: toYaml keeps a string a string.
var UnquotedScalars = []string{
	"langfuse.replicas", "langfuse.*.replicas", "langfuse.revisionHistoryLimit", "langfuse.*.revisionHistoryLimit",
	"langfuse.web.service.port", "langfuse.web.service.externalPort", "langfuse.web.service.nodePort", "langfuse.worker.port",
	"langfuse.*.livenessProbe.initialDelaySeconds", "langfuse.*.livenessProbe.periodSeconds", "langfuse.*.livenessProbe.timeoutSeconds",
	"langfuse.*.livenessProbe.failureThreshold", "langfuse.*.livenessProbe.successThreshold",
	"langfuse.*.readinessProbe.initialDelaySeconds", "langfuse.*.readinessProbe.periodSeconds", "langfuse.*.readinessProbe.timeoutSeconds",
	"langfuse.*.readinessProbe.failureThreshold", "langfuse.*.readinessProbe.successThreshold",
	"langfuse.*.hpa.minReplicas", "langfuse.*.hpa.maxReplicas", "langfuse.*.hpa.targetCPUUtilizationPercentage", "langfuse.*.hpa.targetMemoryUtilizationPercentage",
	"langfuse.*.keda.minReplicas", "langfuse.*.keda.maxReplicas", "langfuse.*.keda.pollingInterval",
	"langfuse.*.pdb.minAvailable", "langfuse.*.pdb.maxUnavailable",
	"redis.port", "clickhouse.httpPort", "clickhouse.nativePort",
}

// JoinedLists are values keys the chart joins with commas (sprig's join),
// which takes a string as it is: "a:1,b:2" renders like [a:1, b:2].
var JoinedLists = []string{"redis.cluster.nodes"}

// PathMatches reports whether path matches pattern, where "*" matches one
// key.
func PathMatches(pattern, path string) bool { return SchemaRefusal{Path: pattern}.Matches(path) }
