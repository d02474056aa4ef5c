package model

import "github.com/invopop/jsonschema"

// Langfuse holds the settings of the Langfuse application shared by the web
// and worker components, plus the two components themselves.
type Langfuse struct {
	// Log level and format of both components.
	Logging *Logging `json:"logging,omitempty"`
	// Salt used to hash API keys (env SALT). Supply it from a Secret: in chart 2.x an unset salt is generated at render time and changes on every helm template or GitOps render.
	Salt *ValueOrSecret `json:"salt,omitempty"`
	// Enterprise Edition licence key (env LANGFUSE_EE_LICENSE_KEY).
	LicenseKey *ValueOrSecret `json:"licenseKey,omitempty"`
	// E-mail addresses allowed to create organisations (Enterprise Edition); joined with commas into LANGFUSE_ALLOWED_ORGANIZATION_CREATORS.
	AllowedOrganizationCreators []string `json:"allowedOrganizationCreators,omitempty"`
	// Sign-in settings: password login and single sign-on providers.
	Auth *Auth `json:"auth,omitempty"`
	// Key that encrypts sensitive data at rest (env ENCRYPTION_KEY): 256 bits written as 64 hexadecimal characters. Supply it from a Secret.
	EncryptionKey *ValueOrSecret `json:"encryptionKey,omitempty"`
	// Feature switches of the application.
	Features *Features `json:"features,omitempty"`
	// NODE_ENV of both components. Keep production.
	NodeEnv string `json:"nodeEnv,omitempty"`
	// The ServiceAccount the pods run as.
	ServiceAccount *ServiceAccount `json:"serviceAccount,omitempty"`
	// Outgoing e-mail (invitations, password resets).
	SMTP *SMTP `json:"smtp,omitempty"`
	// Ingress in front of the web Service.
	Ingress *Ingress `json:"ingress,omitempty"`
	// Pod-level security context of both components.
	PodSecurityContext *PodSecurityContext `json:"podSecurityContext,omitempty"`
	// Container-level security context of both Langfuse containers.
	SecurityContext *SecurityContext `json:"securityContext,omitempty"`
	// Node labels both components must be scheduled on; a component's own pod.nodeSelector replaces it.
	NodeSelector StringMap `json:"nodeSelector,omitempty"`
	// Tolerations of both components; a component's own pod.tolerations replaces them.
	Tolerations []Toleration `json:"tolerations,omitempty"`
	// Affinity of both components; a component's own pod.affinity replaces it.
	Affinity *Affinity `json:"affinity,omitempty"`
	// DNS settings of both components' pods.
	DNSConfig *PodDNSConfig `json:"dnsConfig,omitempty"`
	// Pod annotations, labels and topology spread shared by both components.
	Pod *GlobalPod `json:"pod,omitempty"`
	// Deployment annotations and rollout strategy shared by both components.
	Deployment *GlobalDeployment `json:"deployment,omitempty"`
	// Replica count of both components unless a component sets its own (ignored while HPA or KEDA is on). 0 here really renders 0 replicas.
	Replicas *int `json:"replicas,omitempty" jsonschema:"minimum=0"`
	// Old ReplicaSets kept for rollback, for both components unless overridden.
	RevisionHistoryLimit *int `json:"revisionHistoryLimit,omitempty" jsonschema:"minimum=0"`
	// CPU and memory of both components unless a component sets its own; a component's resources replace this object whole, they are not merged.
	Resources *ResourceRequirements `json:"resources,omitempty"`
	// Image tag, pull policy and pull secrets shared by both components.
	Image *GlobalImage `json:"image,omitempty"`
	// Extra environment variables of both components, appended after the chart's own. Names like DATABASE_URL here replace the chart's derived settings.
	AdditionalEnv []EnvVar `json:"additionalEnv,omitempty"`
	// Secrets or ConfigMaps loaded whole as environment variables into both components.
	AdditionalEnvFrom []EnvFromSource `json:"additionalEnvFrom,omitempty"`
	// Sidecar containers added to both components' pods.
	ExtraContainers []Container `json:"extraContainers,omitempty"`
	// Volumes added to both components' pods.
	ExtraVolumes []Volume `json:"extraVolumes,omitempty"`
	// Init containers added to both components' pods.
	ExtraInitContainers []Container `json:"extraInitContainers,omitempty"`
	// Volume mounts added to both Langfuse containers.
	ExtraVolumeMounts []VolumeMount `json:"extraVolumeMounts,omitempty"`
	// Lifecycle hooks (for example a preStop sleep) of both Langfuse containers.
	ExtraLifecycle *Lifecycle `json:"extraLifecycle,omitempty"`
	// The web component: UI and public API, behind the Service and Ingress.
	Web *Web `json:"web,omitempty"`
	// The worker component: background jobs that drain the ingestion queues into ClickHouse.
	Worker *Worker `json:"worker,omitempty"`
	// NextAuth: the public URL and the session-signing secret.
	NextAuth *NextAuth `json:"nextauth,omitempty"`
}

// Logging sets the application's log output.
type Logging struct {
	// Lowest level that is logged (env LANGFUSE_LOG_LEVEL).
	Level string `json:"level,omitempty" jsonschema:"enum=trace,enum=debug,enum=info,enum=warn,enum=error,enum=fatal"`
	// Log line format (env LANGFUSE_LOG_FORMAT); json suits log collectors.
	Format string `json:"format,omitempty" jsonschema:"enum=text,enum=json"`
}

// Auth holds sign-in settings.
type Auth struct {
	// Turns off e-mail and password sign-in, leaving only single sign-on (env AUTH_DISABLE_USERNAME_PASSWORD).
	DisableUsernamePassword bool `json:"disableUsernamePassword,omitempty"`
	// Single sign-on providers. Each option becomes env AUTH_<PROVIDER>_<OPTION>; give client secrets by secretKeyRef.
	Providers *AuthProviders `json:"providers,omitempty"`
}

// AuthProviders lists the single sign-on providers the application knows.
type AuthProviders struct {
	// Auth0 options (env AUTH_AUTH0_*).
	Auth0 ProviderOptions `json:"auth0,omitempty"`
	// Amazon Cognito options (env AUTH_COGNITO_*).
	Cognito ProviderOptions `json:"cognito,omitempty"`
	// Microsoft Entra ID (Azure AD) options (env AUTH_AZURE_AD_*).
	AzureAd ProviderOptions `json:"azureAd,omitempty"`
	// Microsoft Entra ID (Azure AD) options, snake_case spelling (env AUTH_AZURE_AD_*).
	AzureAdSnake ProviderOptions `json:"azure_ad,omitempty"`
	// GitHub options (env AUTH_GITHUB_*).
	GitHub ProviderOptions `json:"github,omitempty"`
	// GitHub Enterprise Server options (env AUTH_GITHUB_ENTERPRISE_*).
	GitHubEnterprise ProviderOptions `json:"githubEnterprise,omitempty"`
	// GitHub Enterprise Server options, snake_case spelling (env AUTH_GITHUB_ENTERPRISE_*).
	GitHubEnterpriseSnake ProviderOptions `json:"github_enterprise,omitempty"`
	// GitLab options (env AUTH_GITLAB_*).
	GitLab ProviderOptions `json:"gitlab,omitempty"`
	// Google options (env AUTH_GOOGLE_*).
	Google ProviderOptions `json:"google,omitempty"`
	// Keycloak options (env AUTH_KEYCLOAK_*).
	Keycloak ProviderOptions `json:"keycloak,omitempty"`
	// Okta options (env AUTH_OKTA_*).
	Okta ProviderOptions `json:"okta,omitempty"`
	// WorkOS options (env AUTH_WORKOS_*).
	WorkOS ProviderOptions `json:"workos,omitempty"`
	// A generic OpenID Connect provider (env AUTH_CUSTOM_*).
	Custom ProviderOptions `json:"custom,omitempty"`
}

// ProviderOptions maps an option name in camelCase (clientId, clientSecret,
// issuer, ...) to its value: a string, a boolean, a number, or a
// value-or-secret object.
type ProviderOptions map[string]ProviderOption

// ProviderOption is one single sign-on option: a string, boolean or number,
// or a value-or-secret object for secrets such as clientSecret.
type ProviderOption struct{}

// JSONSchema describes a provider option: a scalar or a ValueOrSecret.
func (ProviderOption) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Description: "An option value: a string, boolean or number, or a value/secretKeyRef object (use secretKeyRef for client secrets).",
		AnyOf: []*jsonschema.Schema{
			{Extras: map[string]any{"type": []string{"string", "boolean", "number"}}},
			{Ref: "#/$defs/ValueOrSecret"},
		},
	}
}

// Features switches application features on and off.
type Features struct {
	// Sends anonymous usage statistics to Langfuse (env TELEMETRY_ENABLED). Each health or readiness call then also runs a database query.
	TelemetryEnabled bool `json:"telemetryEnabled,omitempty"`
	// Stops new users from signing up on their own (env AUTH_DISABLE_SIGNUP). Turn it on for any instance reachable from outside.
	SignUpDisabled bool `json:"signUpDisabled,omitempty"`
	// Turns on features still in development (env ENABLE_EXPERIMENTAL_FEATURES).
	ExperimentalFeaturesEnabled bool `json:"experimentalFeaturesEnabled,omitempty"`
}

// ServiceAccount configures the ServiceAccount of the Langfuse pods.
type ServiceAccount struct {
	// Creates a ServiceAccount for the release.
	Create bool `json:"create,omitempty"`
	// Annotations on the ServiceAccount, for example a cloud IAM role for S3 access.
	Annotations StringMap `json:"annotations,omitempty"`
	// Name of the ServiceAccount; derived from the release when empty.
	Name string `json:"name,omitempty"`
	// Mounts the Kubernetes API token into the pods. Langfuse does not call the Kubernetes API, so false is safer.
	AutomountServiceAccountToken bool `json:"automountServiceAccountToken,omitempty"`
}

// SMTP configures outgoing e-mail.
type SMTP struct {
	// SMTP connection URL (env SMTP_CONNECTION_URL), for example smtps://user:pass@mail.example.com:465. It carries a password: prefer setting SMTP_CONNECTION_URL from a Secret in additionalEnv.
	ConnectionURL string `json:"connectionUrl,omitempty"`
	// Sender address of outgoing mail (env EMAIL_FROM_ADDRESS); required with connectionUrl.
	FromAddress string `json:"fromAddress,omitempty"`
}

// Ingress configures the Ingress in front of the web Service.
type Ingress struct {
	// Creates the Ingress.
	Enabled bool `json:"enabled,omitempty"`
	// Extra labels on the Ingress.
	AdditionalLabels StringMap `json:"additionalLabels,omitempty"`
	// Annotations on the Ingress, for example the nginx proxy-body-size or a cert-manager issuer.
	Annotations StringMap `json:"annotations,omitempty"`
	// IngressClass that serves this Ingress (ingressClassName).
	ClassName string `json:"className,omitempty"`
	// Host names and paths routed to Langfuse.
	Hosts []IngressHost `json:"hosts,omitempty"`
	// TLS for all hosts of the Ingress. Unlike most charts this is one object, not a list.
	TLS *IngressTLS `json:"tls,omitempty"`
}

// IngressHost is one host name and its paths.
type IngressHost struct {
	// Fully qualified host name, for example langfuse.example.com.
	Host string `json:"host,omitempty"`
	// Paths of this host routed to Langfuse.
	Paths []IngressPath `json:"paths,omitempty"`
}

// IngressPath is one routed path.
type IngressPath struct {
	// URL path, for example /.
	Path string `json:"path,omitempty"`
	// How the path is matched.
	PathType string `json:"pathType,omitempty" jsonschema:"enum=Exact,enum=Prefix,enum=ImplementationSpecific"`
	// Replaces the default backend (the web Service's http port) for this path.
	Backend *IngressBackend `json:"backend,omitempty"`
}

// IngressBackend is the target of an Ingress path.
type IngressBackend struct {
	// A Service of the release namespace.
	Service *IngressServiceBackend `json:"service,omitempty"`
	// A typed object reference instead of a Service.
	Resource *TypedLocalObjectReference `json:"resource,omitempty"`
}

// IngressServiceBackend names a Service and one of its ports.
type IngressServiceBackend struct {
	// Name of the Service.
	Name string `json:"name" jsonschema:"required"`
	// Port of the Service, by name or number.
	Port *ServiceBackendPort `json:"port,omitempty"`
}

// ServiceBackendPort is a Service port given by name or by number.
type ServiceBackendPort struct {
	// Name of the Service port.
	Name string `json:"name,omitempty"`
	// Number of the Service port.
	Number *Port `json:"number,omitempty"`
}

// TypedLocalObjectReference points at an object in the same namespace.
type TypedLocalObjectReference struct {
	// API group of the object; the core group when empty.
	APIGroup string `json:"apiGroup,omitempty"`
	// Kind of the object.
	Kind string `json:"kind" jsonschema:"required"`
	// Name of the object.
	Name string `json:"name" jsonschema:"required"`
}

// IngressTLS configures TLS on the Ingress.
type IngressTLS struct {
	// Adds a TLS section covering every host of the Ingress.
	Enabled bool `json:"enabled,omitempty"`
	// Secret holding the certificate and key. Must be set when TLS is enabled; with cert-manager it is the Secret the issuer fills.
	SecretName string `json:"secretName,omitempty"`
}

// GlobalPod holds pod metadata and spread shared by both components.
type GlobalPod struct {
	// Annotations on the pods of both components.
	Annotations StringMap `json:"annotations,omitempty"`
	// Labels on the pods of both components; a component's own labels win on conflict.
	Labels StringMap `json:"labels,omitempty"`
	// Topology spread constraints of both components unless a component sets its own non-empty list. Rendered as written: give each constraint a labelSelector.
	TopologySpreadConstraints []TopologySpreadConstraint `json:"topologySpreadConstraints,omitempty"`
}

// GlobalDeployment holds Deployment settings shared by both components.
type GlobalDeployment struct {
	// Annotations on both Deployments (and their PodDisruptionBudgets) unless a component sets its own.
	Annotations StringMap `json:"annotations,omitempty"`
	// Rollout strategy of both Deployments unless a component sets its own.
	Strategy *DeploymentStrategy `json:"strategy,omitempty"`
}

// GlobalImage holds image settings shared by both components.
type GlobalImage struct {
	// Tag of both images when a component sets none; the chart's appVersion when empty. Pin it. A digest (4.4.0@sha256:...) belongs in the per-component tags, since web and worker are different images.
	Tag *string `json:"tag,omitempty" jsonschema:"nullable,pattern=^([A-Za-z0-9_][A-Za-z0-9_.-]*(@sha256:[0-9a-f]+)?)?$"`
	// Pull policy of both images unless a component sets its own.
	PullPolicy string `json:"pullPolicy,omitempty" jsonschema:"enum=Always,enum=IfNotPresent,enum=Never"`
	// Image pull secrets of both components unless a component sets its own.
	PullSecrets []LocalObjectReference `json:"pullSecrets,omitempty"`
}

// NextAuth configures NextAuth, the application's session layer.
type NextAuth struct {
	// Public URL users open (env NEXTAUTH_URL), for example https://langfuse.example.com. Must be https and match the ingress host.
	URL string `json:"url,omitempty"`
	// Secret that signs sessions and e-mail tokens (env NEXTAUTH_SECRET). Supply it from a Secret.
	Secret *ValueOrSecret `json:"secret,omitempty"`
}
