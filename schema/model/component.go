package model

// Web is the web component: the UI and public API behind the Service.
type Web struct {
	// Image of the web container.
	Image *ComponentImage `json:"image,omitempty"`
	// Labels, annotations and rollout strategy of the web Deployment.
	Deployment *ComponentDeployment `json:"deployment,omitempty"`
	// Pod settings of the web component.
	Pod *ComponentPod `json:"pod,omitempty"`
	// The web Service.
	Service *WebService `json:"service,omitempty"`
	// CPU and memory of the web container; replaces langfuse.resources whole when set.
	Resources *ResourceRequirements `json:"resources,omitempty"`
	// Replica count of the web Deployment, ignored while HPA or KEDA is on. Empty or 0 falls back to langfuse.replicas.
	Replicas *int `json:"replicas,omitempty" jsonschema:"nullable,minimum=0,maximum=2147483647"`
	// Old ReplicaSets kept for rollback; falls back to langfuse.revisionHistoryLimit.
	RevisionHistoryLimit *int `json:"revisionHistoryLimit,omitempty" jsonschema:"nullable,minimum=0,maximum=2147483647"`
	// KEDA ScaledObject for the web Deployment (cpu or memory trigger only). Cannot be combined with hpa or vpa.
	KEDA *KEDA `json:"keda,omitempty"`
	// HorizontalPodAutoscaler for the web Deployment.
	HPA *HPA `json:"hpa,omitempty"`
	// VerticalPodAutoscaler for the web Deployment; rendered only when the cluster serves autoscaling.k8s.io/v1.
	VPA *VPA `json:"vpa,omitempty"`
	// Extra /etc/hosts entries of the web pods.
	HostAliases []HostAlias `json:"hostAliases,omitempty"`
	// Liveness probe of the web container (HTTP GET on the http port).
	LivenessProbe *WebProbe `json:"livenessProbe,omitempty"`
	// Readiness probe of the web container (HTTP GET on the http port).
	ReadinessProbe *WebProbe `json:"readinessProbe,omitempty"`
	// PodDisruptionBudget of the web pods.
	PDB *PDB `json:"pdb,omitempty"`
}

// Worker is the worker component: it processes the queues in Redis and
// writes to ClickHouse. It has no Service and no readiness probe.
type Worker struct {
	// Extra /etc/hosts entries of the worker pods.
	HostAliases []HostAlias `json:"hostAliases,omitempty"`
	// Image of the worker container.
	Image *ComponentImage `json:"image,omitempty"`
	// Labels, annotations and rollout strategy of the worker Deployment.
	Deployment *ComponentDeployment `json:"deployment,omitempty"`
	// Pod settings of the worker component.
	Pod *ComponentPod `json:"pod,omitempty"`
	// Container port of the worker and the port its liveness probe calls (default 3030). The chart sets no PORT env for the worker: if you change this, also add PORT with the same value to worker.pod.additionalEnv.
	Port *Port `json:"port,omitempty" jsonschema:"nullable"`
	// CPU and memory of the worker container; replaces langfuse.resources whole when set.
	Resources *ResourceRequirements `json:"resources,omitempty"`
	// Replica count of the worker Deployment, ignored while HPA or KEDA is on. Empty or 0 falls back to langfuse.replicas.
	Replicas *int `json:"replicas,omitempty" jsonschema:"nullable,minimum=0,maximum=2147483647"`
	// Old ReplicaSets kept for rollback; falls back to langfuse.revisionHistoryLimit.
	RevisionHistoryLimit *int `json:"revisionHistoryLimit,omitempty" jsonschema:"nullable,minimum=0,maximum=2147483647"`
	// KEDA ScaledObject for the worker Deployment (cpu or memory trigger only; queue-length scaling needs your own ScaledObject in extraManifests). Cannot be combined with hpa or vpa.
	KEDA *KEDA `json:"keda,omitempty"`
	// HorizontalPodAutoscaler for the worker Deployment.
	HPA *HPA `json:"hpa,omitempty"`
	// VerticalPodAutoscaler for the worker Deployment; rendered only when the cluster serves autoscaling.k8s.io/v1.
	VPA *VPA `json:"vpa,omitempty"`
	// PodDisruptionBudget of the worker pods.
	PDB *PDB `json:"pdb,omitempty"`
	// Liveness probe of the worker container. Its path is fixed to /api/health, which also pings Postgres and Redis.
	LivenessProbe *ProbeTiming `json:"livenessProbe,omitempty"`
}

// ComponentImage is the image of one component.
type ComponentImage struct {
	// Image repository including the registry, for example docker.langfuse.com/langfuse/langfuse.
	Repository string `json:"repository,omitempty"`
	// Tag of this component's image, optionally with a digest (4.4.0@sha256:...); falls back to langfuse.image.tag, then to the chart's appVersion.
	Tag *string `json:"tag,omitempty" jsonschema:"nullable,pattern=^([A-Za-z0-9_][A-Za-z0-9_.-]*(@sha256:[0-9a-f]+)?)?$"`
	// Pull policy of this image; falls back to langfuse.image.pullPolicy.
	PullPolicy *string `json:"pullPolicy,omitempty" jsonschema:"nullable,enum=Always,enum=IfNotPresent,enum=Never"`
	// Image pull secrets of this component; fall back to langfuse.image.pullSecrets.
	PullSecrets []LocalObjectReference `json:"pullSecrets,omitempty" jsonschema:"nullable"`
}

// ComponentDeployment holds Deployment settings of one component.
type ComponentDeployment struct {
	// Extra labels on the Deployment object.
	AdditionalLabels StringMap `json:"additionalLabels,omitempty"`
	// Annotations on the Deployment (and its PodDisruptionBudget); replaces langfuse.deployment.annotations.
	Annotations StringMap `json:"annotations,omitempty"`
	// Rollout strategy; replaces langfuse.deployment.strategy when set.
	Strategy *DeploymentStrategy `json:"strategy,omitempty"`
}

// ComponentPod holds pod settings of one component.
type ComponentPod struct {
	// Annotations on this component's pods, added to langfuse.pod.annotations.
	Annotations StringMap `json:"annotations,omitempty"`
	// Labels on this component's pods, merged over langfuse.pod.labels.
	Labels StringMap `json:"labels,omitempty"`
	// Node labels this component must run on; replaces langfuse.nodeSelector when non-empty.
	NodeSelector StringMap `json:"nodeSelector,omitempty" jsonschema:"nullable"`
	// Tolerations of this component; replace langfuse.tolerations when non-empty.
	Tolerations []Toleration `json:"tolerations,omitempty" jsonschema:"nullable"`
	// Affinity of this component; replaces langfuse.affinity when non-empty.
	Affinity *Affinity `json:"affinity,omitempty" jsonschema:"nullable"`
	// Topology spread constraints of this component; replace langfuse.pod.topologySpreadConstraints when non-empty (an empty list falls back to the global one). Select this component's pods of this release in labelSelector.
	TopologySpreadConstraints []TopologySpreadConstraint `json:"topologySpreadConstraints,omitempty" jsonschema:"nullable"`
	// Sidecar containers of this component, added to langfuse.extraContainers.
	ExtraContainers []Container `json:"extraContainers,omitempty"`
	// Extra environment variables of this component, appended after the global ones.
	AdditionalEnv []EnvVar `json:"additionalEnv,omitempty"`
	// Secrets or ConfigMaps loaded whole as environment variables into this component.
	AdditionalEnvFrom []EnvFromSource `json:"additionalEnvFrom,omitempty"`
}

// WebService configures the web Service.
type WebService struct {
	// Service type.
	Type string `json:"type,omitempty" jsonschema:"enum=ClusterIP,enum=NodePort,enum=LoadBalancer"`
	// Port the web container listens on (also its PORT env and probe port), 3000 by default.
	Port *Port `json:"port,omitempty"`
	// Port the Service exposes; the container port when empty.
	ExternalPort *Port `json:"externalPort,omitempty" jsonschema:"nullable"`
	// Node port, used only with type NodePort.
	NodePort *Port `json:"nodePort,omitempty" jsonschema:"nullable"`
	// Extra labels on the Service.
	AdditionalLabels StringMap `json:"additionalLabels,omitempty"`
	// Annotations on the Service, for example for a cloud load balancer.
	Annotations StringMap `json:"annotations,omitempty"`
}

// KEDA configures the chart's own KEDA ScaledObject for a component.
type KEDA struct {
	// Creates a ScaledObject (keda.sh/v1alpha1) for the component. Needs the KEDA CRDs in the cluster.
	Enabled bool `json:"enabled,omitempty"`
	// Lowest replica count KEDA scales to.
	MinReplicas *int `json:"minReplicas,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Highest replica count KEDA scales to.
	MaxReplicas *int `json:"maxReplicas,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Seconds between metric checks.
	PollingInterval *int `json:"pollingInterval,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// KEDA scaler type. The chart can only fill in a value and a container name, so only cpu and memory work.
	TriggerType string `json:"triggerType,omitempty"`
	// How the cpu or memory target is read.
	MetricType string `json:"metricType,omitempty" jsonschema:"enum=Utilization,enum=AverageValue"`
	// Target of the trigger: a percentage for Utilization, a quantity for AverageValue.
	Value *ScalarString `json:"value,omitempty"`
	// Container whose usage drives scaling; all containers when empty.
	ContainerName string `json:"containerName,omitempty"`
}

// HPA configures the chart's HorizontalPodAutoscaler for a component.
type HPA struct {
	// Creates an autoscaling/v2 HorizontalPodAutoscaler for the component.
	Enabled bool `json:"enabled,omitempty"`
	// Annotations on the HorizontalPodAutoscaler.
	Annotations StringMap `json:"annotations,omitempty"`
	// Lowest replica count.
	MinReplicas *int `json:"minReplicas,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Highest replica count.
	MaxReplicas *int `json:"maxReplicas,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Average CPU utilisation, in percent of the CPU request, that the autoscaler aims for.
	TargetCPUUtilizationPercentage *int `json:"targetCPUUtilizationPercentage,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Average memory utilisation, in percent of the memory request, that the autoscaler aims for (read by the chart although its values.yaml does not list it).
	TargetMemoryUtilizationPercentage *int `json:"targetMemoryUtilizationPercentage,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
}

// VPA configures the chart's VerticalPodAutoscaler for a component.
type VPA struct {
	// Creates an autoscaling.k8s.io/v1 VerticalPodAutoscaler when the cluster serves that API.
	Enabled bool `json:"enabled,omitempty"`
	// Resources the autoscaler may change.
	ControlledResources []string `json:"controlledResources,omitempty" jsonschema:"enum=cpu,enum=memory"`
	// Upper bounds of the recommendations, per resource.
	MaxAllowed map[string]Quantity `json:"maxAllowed,omitempty"`
	// Lower bounds of the recommendations, per resource.
	MinAllowed map[string]Quantity `json:"minAllowed,omitempty"`
	// How recommendations are applied.
	UpdatePolicy *VPAUpdatePolicy `json:"updatePolicy,omitempty"`
}

// VPAUpdatePolicy says how the VerticalPodAutoscaler applies changes.
type VPAUpdatePolicy struct {
	// Off only recommends; Initial sets resources at pod creation; Recreate and Auto evict pods to apply them.
	UpdateMode string `json:"updateMode,omitempty" jsonschema:"enum=Off,enum=Initial,enum=Recreate,enum=Auto,enum=InPlaceOrRecreate"`
}

// ProbeTiming holds the numbers of a probe. The chart renders each with a
// fallback, so 0 means "use the chart's fallback", not zero.
type ProbeTiming struct {
	// Seconds after the container starts before the first probe. 0 is replaced by the chart's 20.
	InitialDelaySeconds *int `json:"initialDelaySeconds,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Seconds between probes. 0 is replaced by the chart's 10.
	PeriodSeconds *int `json:"periodSeconds,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Seconds before one probe call times out. 0 is replaced by the chart's 5.
	TimeoutSeconds *int `json:"timeoutSeconds,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Failed probes in a row before the container is restarted or marked unready. 0 is replaced by the chart's 5.
	FailureThreshold *int `json:"failureThreshold,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Successful probes in a row to count as healthy again. Kubernetes requires 1 for liveness probes.
	SuccessThreshold *int `json:"successThreshold,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// WebProbe is a probe of the web container: a path plus the probe numbers.
type WebProbe struct {
	// HTTP path probed on the web port. Liveness should not add failIfDatabaseUnavailable or failIfNoRecentEvents: a database blip would restart every pod.
	Path string `json:"path,omitempty" jsonschema:"pattern=^/"`
	// Seconds after the container starts before the first probe. 0 is replaced by the chart's 20.
	InitialDelaySeconds *int `json:"initialDelaySeconds,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Seconds between probes. 0 is replaced by the chart's 10.
	PeriodSeconds *int `json:"periodSeconds,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Seconds before one probe call times out. 0 is replaced by the chart's 5.
	TimeoutSeconds *int `json:"timeoutSeconds,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Failed probes in a row before the container is restarted or marked unready. 0 is replaced by the chart's 5.
	FailureThreshold *int `json:"failureThreshold,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Successful probes in a row to count as healthy again. Kubernetes requires 1 for liveness probes.
	SuccessThreshold *int `json:"successThreshold,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// PDB configures the PodDisruptionBudget of a component. Set at most one of
// minAvailable and maxUnavailable; with neither, the chart renders
// maxUnavailable: 1.
type PDB struct {
	// Creates a policy/v1 PodDisruptionBudget for the component.
	Create bool `json:"create,omitempty"`
	// Pods that must stay available during voluntary disruptions, as a count or percentage. 0 is dropped by the chart.
	MinAvailable *PDBBound `json:"minAvailable,omitempty"`
	// Pods that may be unavailable during voluntary disruptions, as a count or percentage. 0 is rendered as 1 by the chart.
	MaxUnavailable *PDBBound `json:"maxUnavailable,omitempty"`
}
