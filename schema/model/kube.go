package model

import (
	"github.com/invopop/jsonschema"
)

// This file holds strict mirrors of the Kubernetes objects (core/v1 and
// apps/v1 at k8s.io/api v0.37.0) that the chart copies verbatim into its
// pods. They exist only to generate the JSON Schema: field names, required
// fields, enums and ranges follow the Kubernetes API, and kube_test.go checks
// that no field is missing or extra.

// ---------------------------------------------------------------------------
// Resources

// ResourceRequirements sets the compute resources of a container.
type ResourceRequirements struct {
	// Upper bounds per resource (cpu, memory, ephemeral-storage, ...) the container may use.
	Limits map[string]Quantity `json:"limits,omitempty"`
	// Amounts per resource the scheduler reserves for the container.
	Requests map[string]Quantity `json:"requests,omitempty"`
	// Dynamic resource claims of the pod that this container uses.
	Claims []ResourceClaim `json:"claims,omitempty"`
}

// ResourceClaim names a dynamic resource claim of the pod for a container.
type ResourceClaim struct {
	// Name of an entry in the pod's resourceClaims list.
	Name string `json:"name" jsonschema:"required"`
	// Single request of that claim to expose; the whole claim when empty.
	Request string `json:"request,omitempty"`
}

// ---------------------------------------------------------------------------
// Scheduling

// Toleration lets the pod be scheduled onto (or stay on) nodes with a matching taint.
type Toleration struct {
	// Taint key to match; empty together with operator Exists matches every taint.
	Key string `json:"key,omitempty"`
	// How the key is compared with the value: Equal (default), Exists, or the numeric Lt and Gt.
	Operator string `json:"operator,omitempty" jsonschema:"enum=Exists,enum=Equal,enum=Lt,enum=Gt"`
	// Taint value to match; leave empty with operator Exists.
	Value string `json:"value,omitempty"`
	// Taint effect to match; empty matches every effect.
	Effect string `json:"effect,omitempty" jsonschema:"enum=,enum=NoSchedule,enum=PreferNoSchedule,enum=NoExecute"`
	// For NoExecute taints, how many seconds the pod may stay before eviction; unset means forever.
	TolerationSeconds *int64 `json:"tolerationSeconds,omitempty"`
}

// Affinity holds the node affinity, pod affinity and pod anti-affinity rules of the pod.
type Affinity struct {
	// Rules that attract the pod to nodes by node labels.
	NodeAffinity *NodeAffinity `json:"nodeAffinity,omitempty"`
	// Rules that place the pod near pods matching a selector.
	PodAffinity *PodAffinity `json:"podAffinity,omitempty"`
	// Rules that keep the pod away from pods matching a selector.
	PodAntiAffinity *PodAntiAffinity `json:"podAntiAffinity,omitempty"`
}

// NodeAffinity selects nodes for the pod by node labels and fields.
type NodeAffinity struct {
	// Hard rule: the pod is only scheduled onto nodes matching it.
	RequiredDuringSchedulingIgnoredDuringExecution *NodeSelector `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty"`
	// Soft rules: nodes matching them score higher by their weight.
	PreferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty"`
}

// NodeSelector is a list of node selector terms, any one of which must match.
type NodeSelector struct {
	// Terms combined with OR; a node must match at least one.
	NodeSelectorTerms []NodeSelectorTerm `json:"nodeSelectorTerms" jsonschema:"required"`
}

// NodeSelectorTerm matches nodes whose labels and fields meet all of its requirements.
type NodeSelectorTerm struct {
	// Requirements on node labels, all of which must hold.
	MatchExpressions []NodeSelectorRequirement `json:"matchExpressions,omitempty"`
	// Requirements on node fields (such as metadata.name), all of which must hold.
	MatchFields []NodeSelectorRequirement `json:"matchFields,omitempty"`
}

// NodeSelectorRequirement compares one node label or field with a list of values.
type NodeSelectorRequirement struct {
	// Node label key or field name the requirement is about.
	Key string `json:"key" jsonschema:"required"`
	// Comparison to apply; Gt and Lt compare a single integer value.
	Operator string `json:"operator" jsonschema:"required,enum=In,enum=NotIn,enum=Exists,enum=DoesNotExist,enum=Gt,enum=Lt"`
	// Values to compare with; empty for Exists and DoesNotExist, one integer for Gt and Lt.
	Values []string `json:"values,omitempty"`
}

// PreferredSchedulingTerm is a weighted soft node preference.
type PreferredSchedulingTerm struct {
	// Score from 1 to 100 added to nodes matching the preference.
	Weight int32 `json:"weight" jsonschema:"required,minimum=1,maximum=100"`
	// Node selector term that nodes must match to earn the weight.
	Preference NodeSelectorTerm `json:"preference" jsonschema:"required"`
}

// PodAffinity places the pod in the same topology domain as other pods.
type PodAffinity struct {
	// Hard rules: the pod is only scheduled where every term is satisfied.
	RequiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty"`
	// Soft rules: domains satisfying them score higher by their weight.
	PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty"`
}

// PodAntiAffinity keeps the pod out of topology domains that run certain other pods.
type PodAntiAffinity struct {
	// Hard rules: the pod is never scheduled where a term's pods already run.
	RequiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty"`
	// Soft rules: domains violating them score lower by their weight.
	PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty"`
}

// PodAffinityTerm selects a set of pods and the topology domain to compare with them.
type PodAffinityTerm struct {
	// Labels of the pods this term is about.
	LabelSelector *LabelSelector `json:"labelSelector,omitempty"`
	// Namespaces to look for those pods in; the pod's own namespace when empty and no namespaceSelector is set.
	Namespaces []string `json:"namespaces,omitempty"`
	// Node label whose value defines a topology domain, such as kubernetes.io/hostname.
	TopologyKey string `json:"topologyKey" jsonschema:"required"`
	// Labels of the namespaces to look for those pods in, added to namespaces; {} means all namespaces.
	NamespaceSelector *LabelSelector `json:"namespaceSelector,omitempty"`
	// Pod label keys whose values, taken from this pod, are added to labelSelector as equality terms.
	MatchLabelKeys []string `json:"matchLabelKeys,omitempty"`
	// Pod label keys whose values, taken from this pod, are added to labelSelector as inequality terms.
	MismatchLabelKeys []string `json:"mismatchLabelKeys,omitempty"`
}

// WeightedPodAffinityTerm is a pod affinity term with a weight for soft rules.
type WeightedPodAffinityTerm struct {
	// Score from 1 to 100 that the term adds or removes.
	Weight int32 `json:"weight" jsonschema:"required,minimum=1,maximum=100"`
	// Term that a topology domain is checked against.
	PodAffinityTerm PodAffinityTerm `json:"podAffinityTerm" jsonschema:"required"`
}

// LabelSelector matches objects by their labels; all conditions must hold.
type LabelSelector struct {
	// Labels that must be present with exactly these values.
	MatchLabels StringMap `json:"matchLabels,omitempty"`
	// Further label conditions, all of which must hold.
	MatchExpressions []LabelSelectorRequirement `json:"matchExpressions,omitempty"`
}

// LabelSelectorRequirement compares one label with a list of values.
type LabelSelectorRequirement struct {
	// Label key the condition is about.
	Key string `json:"key" jsonschema:"required"`
	// Comparison to apply to the label.
	Operator string `json:"operator" jsonschema:"required,enum=In,enum=NotIn,enum=Exists,enum=DoesNotExist"`
	// Values for In and NotIn; must be empty for Exists and DoesNotExist.
	Values []string `json:"values,omitempty"`
}

// TopologySpreadConstraint spreads matching pods evenly across topology domains.
type TopologySpreadConstraint struct {
	// Largest allowed difference in matching pod count between two domains (at least 1).
	MaxSkew int32 `json:"maxSkew" jsonschema:"required,minimum=1,maximum=2147483647"`
	// Node label whose value defines a domain, such as topology.kubernetes.io/zone.
	TopologyKey string `json:"topologyKey" jsonschema:"required"`
	// What to do when the constraint cannot be met: refuse to schedule, or schedule anyway.
	WhenUnsatisfiable string `json:"whenUnsatisfiable" jsonschema:"required,enum=DoNotSchedule,enum=ScheduleAnyway"`
	// Labels of the pods that are counted.
	LabelSelector *LabelSelector `json:"labelSelector,omitempty"`
	// Number of domains assumed to exist when fewer are eligible; only with DoNotSchedule.
	MinDomains *int32 `json:"minDomains,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Whether the pod's node affinity and node selector limit the domains counted.
	NodeAffinityPolicy *string `json:"nodeAffinityPolicy,omitempty" jsonschema:"enum=Honor,enum=Ignore"`
	// Whether node taints limit the domains counted.
	NodeTaintsPolicy *string `json:"nodeTaintsPolicy,omitempty" jsonschema:"enum=Honor,enum=Ignore"`
	// Pod label keys whose values, taken from this pod, narrow the pods counted.
	MatchLabelKeys []string `json:"matchLabelKeys,omitempty"`
}

// ---------------------------------------------------------------------------
// Pod-level settings

// PodSecurityContext holds security settings that apply to the whole pod.
type PodSecurityContext struct {
	// SELinux labels for all containers of the pod.
	SELinuxOptions *SELinuxOptions `json:"seLinuxOptions,omitempty"`
	// Windows-only settings for all containers of the pod.
	WindowsOptions *WindowsSecurityContextOptions `json:"windowsOptions,omitempty"`
	// User ID the container processes run as.
	RunAsUser *int64 `json:"runAsUser,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Primary group ID the container processes run as.
	RunAsGroup *int64 `json:"runAsGroup,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Refuse to start a container whose user would be root.
	RunAsNonRoot *bool `json:"runAsNonRoot,omitempty"`
	// Extra group IDs given to the first process of every container.
	SupplementalGroups []int64 `json:"supplementalGroups,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Whether the groups from the image's /etc/group are merged in or ignored.
	SupplementalGroupsPolicy *string `json:"supplementalGroupsPolicy,omitempty" jsonschema:"enum=Merge,enum=Strict"`
	// Group ID that owns supporting volumes and is added to every container.
	FSGroup *int64 `json:"fsGroup,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Namespaced kernel parameters set for the pod.
	Sysctls []Sysctl `json:"sysctls,omitempty"`
	// When volume ownership is changed to fsGroup: always, or only if the root differs.
	FSGroupChangePolicy *string `json:"fsGroupChangePolicy,omitempty" jsonschema:"enum=OnRootMismatch,enum=Always"`
	// Seccomp filter for all containers of the pod.
	SeccompProfile *SeccompProfile `json:"seccompProfile,omitempty"`
	// AppArmor profile for all containers of the pod.
	AppArmorProfile *AppArmorProfile `json:"appArmorProfile,omitempty"`
	// How SELinux labels are applied to volumes: with a mount option, or by relabelling every file.
	SELinuxChangePolicy *string `json:"seLinuxChangePolicy,omitempty" jsonschema:"enum=MountOption,enum=Recursive"`
}

// SecurityContext holds security settings of one container.
type SecurityContext struct {
	// Linux capabilities to add to or drop from the container.
	Capabilities *Capabilities `json:"capabilities,omitempty"`
	// Run the container with full access to the host's devices.
	Privileged *bool `json:"privileged,omitempty"`
	// SELinux labels for the container.
	SELinuxOptions *SELinuxOptions `json:"seLinuxOptions,omitempty"`
	// Windows-only settings for the container.
	WindowsOptions *WindowsSecurityContextOptions `json:"windowsOptions,omitempty"`
	// User ID the container process runs as.
	RunAsUser *int64 `json:"runAsUser,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Primary group ID the container process runs as.
	RunAsGroup *int64 `json:"runAsGroup,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Refuse to start the container if its user would be root.
	RunAsNonRoot *bool `json:"runAsNonRoot,omitempty"`
	// Mount the container's root filesystem read-only.
	ReadOnlyRootFilesystem *bool `json:"readOnlyRootFilesystem,omitempty"`
	// Whether a process may gain more privileges than its parent (setuid, file capabilities).
	AllowPrivilegeEscalation *bool `json:"allowPrivilegeEscalation,omitempty"`
	// How /proc is mounted: with the runtime's usual masked paths, or unmasked.
	ProcMount *string `json:"procMount,omitempty" jsonschema:"enum=Default,enum=Unmasked"`
	// Seccomp filter for the container.
	SeccompProfile *SeccompProfile `json:"seccompProfile,omitempty"`
	// AppArmor profile for the container.
	AppArmorProfile *AppArmorProfile `json:"appArmorProfile,omitempty"`
}

// Capabilities lists Linux capabilities to add and drop.
type Capabilities struct {
	// Capabilities to grant, such as NET_BIND_SERVICE.
	Add []string `json:"add,omitempty"`
	// Capabilities to remove, such as ALL.
	Drop []string `json:"drop,omitempty"`
}

// SELinuxOptions are the SELinux label parts given to a container.
type SELinuxOptions struct {
	// SELinux user part of the label.
	User string `json:"user,omitempty"`
	// SELinux role part of the label.
	Role string `json:"role,omitempty"`
	// SELinux type part of the label.
	Type string `json:"type,omitempty"`
	// SELinux level (MLS/MCS) part of the label.
	Level string `json:"level,omitempty"`
}

// SeccompProfile chooses the seccomp filter of a pod or container.
type SeccompProfile struct {
	// Kind of profile: the runtime's default, none, or a file on the node.
	Type string `json:"type" jsonschema:"required,enum=RuntimeDefault,enum=Unconfined,enum=Localhost"`
	// Path of the profile file below the kubelet's seccomp directory; only with type Localhost.
	LocalhostProfile *string `json:"localhostProfile,omitempty"`
}

// AppArmorProfile chooses the AppArmor profile of a pod or container.
type AppArmorProfile struct {
	// Kind of profile: the runtime's default, none, or one loaded on the node.
	Type string `json:"type" jsonschema:"required,enum=RuntimeDefault,enum=Unconfined,enum=Localhost"`
	// Name of the profile loaded on the node; only with type Localhost.
	LocalhostProfile *string `json:"localhostProfile,omitempty"`
}

// WindowsSecurityContextOptions are settings that only apply on Windows nodes.
type WindowsSecurityContextOptions struct {
	// Name of the GMSACredentialSpec object to use.
	GMSACredentialSpecName *string `json:"gmsaCredentialSpecName,omitempty"`
	// Contents of the GMSA credential spec, inlined by the webhook.
	GMSACredentialSpec *string `json:"gmsaCredentialSpec,omitempty"`
	// Windows user name the container process runs as.
	RunAsUserName *string `json:"runAsUserName,omitempty"`
	// Run the container as a Windows HostProcess container.
	HostProcess *bool `json:"hostProcess,omitempty"`
}

// Sysctl is one kernel parameter set for the pod.
type Sysctl struct {
	// Name of the kernel parameter, such as net.core.somaxconn.
	Name string `json:"name" jsonschema:"required"`
	// Value written to the kernel parameter.
	Value string `json:"value" jsonschema:"required"`
}

// HostAlias adds host names for an IP address to the pod's /etc/hosts.
type HostAlias struct {
	// IP address the host names resolve to.
	IP string `json:"ip" jsonschema:"required"`
	// Host names that resolve to the IP address.
	Hostnames []string `json:"hostnames,omitempty"`
}

// PodDNSConfig adds to the DNS resolver settings of the pod.
type PodDNSConfig struct {
	// IP addresses of DNS servers to use.
	Nameservers []string `json:"nameservers,omitempty"`
	// DNS search domains for short host names.
	Searches []string `json:"searches,omitempty"`
	// Resolver options, such as ndots.
	Options []PodDNSConfigOption `json:"options,omitempty"`
}

// PodDNSConfigOption is one resolver option of the pod.
type PodDNSConfigOption struct {
	// Option name, such as ndots, timeout or edns0.
	Name string `json:"name,omitempty"`
	// Option value, if the option takes one.
	Value *string `json:"value,omitempty"`
}

// DeploymentStrategy says how a Deployment replaces old pods with new ones.
type DeploymentStrategy struct {
	// Recreate stops all old pods first; RollingUpdate (the default) replaces them gradually.
	Type string `json:"type,omitempty" jsonschema:"enum=Recreate,enum=RollingUpdate"`
	// Pace of a rolling update; only with type RollingUpdate.
	RollingUpdate *RollingUpdateDeployment `json:"rollingUpdate,omitempty"`
}

// RollingUpdateDeployment sets the pace of a rolling update.
type RollingUpdateDeployment struct {
	// How many pods may be unavailable during the update, as a number or a percentage.
	MaxUnavailable *Percentish `json:"maxUnavailable,omitempty"`
	// How many pods may be created above the desired count during the update, as a number or a percentage.
	MaxSurge *Percentish `json:"maxSurge,omitempty"`
}

// LocalObjectReference names an object in the same namespace, such as an image pull secret.
type LocalObjectReference struct {
	// Name of the object.
	Name string `json:"name,omitempty"`
}

// ---------------------------------------------------------------------------
// Environment

// EnvVar is one environment variable of a container.
type EnvVar struct {
	// Name of the variable.
	Name string `json:"name" jsonschema:"required"`
	// Literal value; $(OTHER_VAR) references to earlier variables are expanded.
	Value string `json:"value,omitempty"`
	// Where to read the value from instead of a literal value.
	ValueFrom *EnvVarSource `json:"valueFrom,omitempty"`
}

// EnvVarSource reads an environment variable's value from exactly one source.
type EnvVarSource struct {
	// A field of the pod, such as metadata.name or status.podIP.
	FieldRef *ObjectFieldSelector `json:"fieldRef,omitempty"`
	// A resource limit or request of a container, such as limits.memory.
	ResourceFieldRef *ResourceFieldSelector `json:"resourceFieldRef,omitempty"`
	// A key of a ConfigMap.
	ConfigMapKeyRef *ConfigMapKeySelector `json:"configMapKeyRef,omitempty"`
	// A key of a Secret.
	SecretKeyRef *SecretKeySelector `json:"secretKeyRef,omitempty"`
	// A key of an env file inside one of the pod's volumes.
	FileKeyRef *FileKeySelector `json:"fileKeyRef,omitempty"`
}

// JSONSchemaExtend requires exactly one source, as the API server does.
func (EnvVarSource) JSONSchemaExtend(s *jsonschema.Schema) {
	one := uint64(1)
	s.MinProperties = &one
	s.MaxProperties = &one
}

// ObjectFieldSelector points at a field of the pod.
type ObjectFieldSelector struct {
	// API version the field path is written against; v1 by default.
	APIVersion string `json:"apiVersion,omitempty"`
	// Path of the field, such as metadata.namespace or metadata.labels['app'].
	FieldPath string `json:"fieldPath" jsonschema:"required"`
}

// ResourceFieldSelector points at a resource limit or request of a container.
type ResourceFieldSelector struct {
	// Container to read from; required in volumes, the current container in env.
	ContainerName string `json:"containerName,omitempty"`
	// Resource to read, such as limits.cpu or requests.memory.
	Resource string `json:"resource" jsonschema:"required"`
	// Unit the value is divided by, such as 1Mi or 1m; 1 by default.
	Divisor *Quantity `json:"divisor,omitempty"`
}

// ConfigMapKeySelector points at one key of a ConfigMap.
type ConfigMapKeySelector struct {
	// Name of the ConfigMap.
	Name string `json:"name,omitempty"`
	// Key to read.
	Key string `json:"key" jsonschema:"required"`
	// Start the container even if the ConfigMap or key is missing.
	Optional *bool `json:"optional,omitempty"`
}

// SecretKeySelector points at one key of a Secret.
type SecretKeySelector struct {
	// Name of the Secret.
	Name string `json:"name,omitempty"`
	// Key to read.
	Key string `json:"key" jsonschema:"required"`
	// Start the container even if the Secret or key is missing.
	Optional *bool `json:"optional,omitempty"`
}

// FileKeySelector points at one key of an env file in a volume of the pod.
type FileKeySelector struct {
	// Name of the volume holding the env file.
	VolumeName string `json:"volumeName" jsonschema:"required"`
	// Relative path of the env file inside the volume.
	Path string `json:"path" jsonschema:"required"`
	// Key to read from the env file.
	Key string `json:"key" jsonschema:"required"`
	// Leave the variable unset instead of failing when the file or key is missing.
	Optional *bool `json:"optional,omitempty"`
}

// EnvFromSource imports every key of a ConfigMap or Secret as environment variables.
type EnvFromSource struct {
	// Text put in front of every imported variable name.
	Prefix string `json:"prefix,omitempty"`
	// ConfigMap to import.
	ConfigMapRef *ConfigMapEnvSource `json:"configMapRef,omitempty"`
	// Secret to import.
	SecretRef *SecretEnvSource `json:"secretRef,omitempty"`
}

// ConfigMapEnvSource names a ConfigMap whose keys become environment variables.
type ConfigMapEnvSource struct {
	// Name of the ConfigMap.
	Name string `json:"name,omitempty"`
	// Start the container even if the ConfigMap is missing.
	Optional *bool `json:"optional,omitempty"`
}

// SecretEnvSource names a Secret whose keys become environment variables.
type SecretEnvSource struct {
	// Name of the Secret.
	Name string `json:"name,omitempty"`
	// Start the container even if the Secret is missing.
	Optional *bool `json:"optional,omitempty"`
}

// ---------------------------------------------------------------------------
// Containers

// Container is a complete Kubernetes container, as used for extra and init containers.
type Container struct {
	// Name of the container, unique within the pod (a DNS label).
	Name string `json:"name" jsonschema:"required"`
	// Container image reference, such as busybox:1.36.
	Image string `json:"image,omitempty"`
	// Entrypoint to run instead of the image's ENTRYPOINT.
	Command []string `json:"command,omitempty"`
	// Arguments to the entrypoint, instead of the image's CMD.
	Args []string `json:"args,omitempty"`
	// Working directory of the container; the image's default when empty.
	WorkingDir string `json:"workingDir,omitempty"`
	// Ports the container listens on, for information and for named ports.
	Ports []ContainerPort `json:"ports,omitempty"`
	// ConfigMaps and Secrets whose keys all become environment variables.
	EnvFrom []EnvFromSource `json:"envFrom,omitempty"`
	// Environment variables of the container.
	Env []EnvVar `json:"env,omitempty"`
	// CPU, memory and other resources of the container.
	Resources *ResourceRequirements `json:"resources,omitempty"`
	// Whether a change of each resource needs a container restart when resized in place.
	ResizePolicy []ContainerResizePolicy `json:"resizePolicy,omitempty"`
	// Restart behaviour of this container; Always on an init container makes it a sidecar.
	RestartPolicy *string `json:"restartPolicy,omitempty" jsonschema:"enum=Always,enum=OnFailure,enum=Never"`
	// Rules, checked in order, that decide on a restart from the container's exit code.
	RestartPolicyRules []ContainerRestartRule `json:"restartPolicyRules,omitempty"`
	// Volumes of the pod to mount into the container.
	VolumeMounts []VolumeMount `json:"volumeMounts,omitempty"`
	// Raw block volumes of the pod to expose as devices in the container.
	VolumeDevices []VolumeDevice `json:"volumeDevices,omitempty"`
	// Check that restarts the container when it fails.
	LivenessProbe *Probe `json:"livenessProbe,omitempty"`
	// Check that takes the container out of Service endpoints when it fails.
	ReadinessProbe *Probe `json:"readinessProbe,omitempty"`
	// Check that must pass before the other probes start.
	StartupProbe *Probe `json:"startupProbe,omitempty"`
	// Hooks run right after the container starts and before it stops.
	Lifecycle *Lifecycle `json:"lifecycle,omitempty"`
	// File in the container whose contents become the termination message.
	TerminationMessagePath string `json:"terminationMessagePath,omitempty"`
	// Where the termination message comes from: the file only, or the log tail if the file is empty on error.
	TerminationMessagePolicy string `json:"terminationMessagePolicy,omitempty" jsonschema:"enum=File,enum=FallbackToLogsOnError"`
	// When the image is pulled.
	ImagePullPolicy string `json:"imagePullPolicy,omitempty" jsonschema:"enum=Always,enum=IfNotPresent,enum=Never"`
	// Security settings of the container.
	SecurityContext *SecurityContext `json:"securityContext,omitempty"`
	// Keep a standard input stream open for the container.
	Stdin bool `json:"stdin,omitempty"`
	// Close standard input after the first client detaches.
	StdinOnce bool `json:"stdinOnce,omitempty"`
	// Give the container a terminal (TTY).
	TTY bool `json:"tty,omitempty"`
}

// ContainerPort is a port a container listens on.
type ContainerPort struct {
	// Name of the port (an IANA service name), usable as a named port.
	Name string `json:"name,omitempty"`
	// Port on the node that forwards to this container port; 0 or unset for none.
	HostPort int32 `json:"hostPort,omitempty" jsonschema:"minimum=0,maximum=65535"`
	// Port number inside the container.
	ContainerPort Port `json:"containerPort" jsonschema:"required"`
	// Transport protocol of the port; TCP by default.
	Protocol string `json:"protocol,omitempty" jsonschema:"enum=TCP,enum=UDP,enum=SCTP"`
	// Node IP address the host port binds to.
	HostIP string `json:"hostIP,omitempty"`
}

// VolumeMount mounts a volume of the pod into a container.
type VolumeMount struct {
	// Name of the pod volume to mount.
	Name string `json:"name" jsonschema:"required"`
	// Mount the volume read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
	// Whether a read-only mount is also read-only for submounts; only with readOnly true.
	RecursiveReadOnly *string `json:"recursiveReadOnly,omitempty" jsonschema:"enum=Disabled,enum=IfPossible,enum=Enabled"`
	// Absolute path in the container where the volume appears.
	MountPath string `json:"mountPath" jsonschema:"required"`
	// Sub-path of the volume to mount instead of its root.
	SubPath string `json:"subPath,omitempty"`
	// How mounts propagate between the host and the container.
	MountPropagation *string `json:"mountPropagation,omitempty" jsonschema:"enum=None,enum=HostToContainer,enum=Bidirectional"`
	// Like subPath, but $(VAR) references to the container's environment are expanded.
	SubPathExpr string `json:"subPathExpr,omitempty"`
	// Extra bind mount flags for this mount.
	BindMountOptions []string `json:"bindMountOptions,omitempty" jsonschema:"uniqueItems=true,enum=noexec,enum=nodev,enum=nosuid"`
}

// VolumeDevice exposes a raw block volume of the pod as a device in a container.
type VolumeDevice struct {
	// Name of the persistent volume claim volume of the pod.
	Name string `json:"name" jsonschema:"required"`
	// Device path in the container.
	DevicePath string `json:"devicePath" jsonschema:"required"`
}

// ContainerResizePolicy says whether resizing a resource in place restarts the container.
type ContainerResizePolicy struct {
	// Resource the policy is about.
	ResourceName string `json:"resourceName" jsonschema:"required,enum=cpu,enum=memory"`
	// Resize without a restart, or restart the container.
	RestartPolicy string `json:"restartPolicy" jsonschema:"required,enum=NotRequired,enum=RestartContainer"`
}

// ContainerRestartRule decides on a container restart from how the container exited.
type ContainerRestartRule struct {
	// What to do when the rule matches: restart this container, or all containers of the pod.
	Action string `json:"action,omitempty" jsonschema:"required,enum=Restart,enum=RestartAllContainers"`
	// Exit codes the rule matches.
	ExitCodes *ContainerRestartRuleOnExitCodes `json:"exitCodes,omitempty"`
}

// ContainerRestartRuleOnExitCodes matches a container's exit code against a set of values.
type ContainerRestartRuleOnExitCodes struct {
	// Whether the exit code must be in the set or outside it.
	Operator string `json:"operator,omitempty" jsonschema:"required,enum=In,enum=NotIn"`
	// Exit codes to compare with.
	Values []int32 `json:"values,omitempty" jsonschema:"uniqueItems=true"`
}

// Probe is a periodic health check of a container.
type Probe struct {
	// Run a command in the container; exit status 0 is healthy.
	Exec *ExecAction `json:"exec,omitempty"`
	// Send an HTTP GET; a status from 200 to 399 is healthy.
	HTTPGet *HTTPGetAction `json:"httpGet,omitempty"`
	// Open a TCP connection; success is healthy.
	TCPSocket *TCPSocketAction `json:"tcpSocket,omitempty"`
	// Call the gRPC health checking service.
	GRPC *GRPCAction `json:"grpc,omitempty"`
	// Seconds to wait after the container starts before the first check.
	InitialDelaySeconds int32 `json:"initialDelaySeconds,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
	// Seconds after which one check times out (default 1).
	TimeoutSeconds int32 `json:"timeoutSeconds,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Seconds between checks (default 10).
	PeriodSeconds int32 `json:"periodSeconds,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Passing checks in a row needed after a failure (default 1; must be 1 for liveness and startup).
	SuccessThreshold int32 `json:"successThreshold,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Failed checks in a row before the probe counts as failed (default 3).
	FailureThreshold int32 `json:"failureThreshold,omitempty" jsonschema:"minimum=1,maximum=2147483647"`
	// Grace period in seconds for stopping the pod after this probe fails, overriding the pod's.
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty" jsonschema:"minimum=1"`
}

// Lifecycle holds hooks run when a container starts and stops.
type Lifecycle struct {
	// Action run right after the container is created; the container is restarted if it fails.
	PostStart *LifecycleHandler `json:"postStart,omitempty"`
	// Action run before the container is stopped, within the termination grace period.
	PreStop *LifecycleHandler `json:"preStop,omitempty"`
	// Signal sent to stop the container instead of the image's STOPSIGNAL; needs the pod's OS set.
	StopSignal *string `json:"stopSignal,omitempty"`
}

// stopSignals are the values Kubernetes accepts for lifecycle.stopSignal.
var stopSignals = []string{
	"SIGABRT", "SIGALRM", "SIGBUS", "SIGCHLD", "SIGCLD", "SIGCONT", "SIGFPE", "SIGHUP",
	"SIGILL", "SIGINT", "SIGIO", "SIGIOT", "SIGKILL", "SIGPIPE", "SIGPOLL", "SIGPROF",
	"SIGPWR", "SIGQUIT", "SIGSEGV", "SIGSTKFLT", "SIGSTOP", "SIGSYS", "SIGTERM", "SIGTRAP",
	"SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGUSR1", "SIGUSR2", "SIGVTALRM", "SIGWINCH",
	"SIGXCPU", "SIGXFSZ",
	"SIGRTMIN", "SIGRTMIN+1", "SIGRTMIN+2", "SIGRTMIN+3", "SIGRTMIN+4", "SIGRTMIN+5",
	"SIGRTMIN+6", "SIGRTMIN+7", "SIGRTMIN+8", "SIGRTMIN+9", "SIGRTMIN+10", "SIGRTMIN+11",
	"SIGRTMIN+12", "SIGRTMIN+13", "SIGRTMIN+14", "SIGRTMIN+15",
	"SIGRTMAX-14", "SIGRTMAX-13", "SIGRTMAX-12", "SIGRTMAX-11", "SIGRTMAX-10", "SIGRTMAX-9",
	"SIGRTMAX-8", "SIGRTMAX-7", "SIGRTMAX-6", "SIGRTMAX-5", "SIGRTMAX-4", "SIGRTMAX-3",
	"SIGRTMAX-2", "SIGRTMAX-1", "SIGRTMAX",
}

// JSONSchemaExtend lists the signal names accepted for stopSignal.
func (Lifecycle) JSONSchemaExtend(s *jsonschema.Schema) {
	if s.Properties == nil {
		return
	}
	if p, ok := s.Properties.Get("stopSignal"); ok && p != nil {
		p.Enum = nil
		for _, sig := range stopSignals {
			p.Enum = append(p.Enum, sig)
		}
	}
}

// LifecycleHandler is the action of a lifecycle hook; set exactly one field.
type LifecycleHandler struct {
	// Run a command in the container.
	Exec *ExecAction `json:"exec,omitempty"`
	// Send an HTTP GET request.
	HTTPGet *HTTPGetAction `json:"httpGet,omitempty"`
	// Deprecated and unsupported as a hook: accepted by the API, but the hook fails when it runs.
	TCPSocket *TCPSocketAction `json:"tcpSocket,omitempty"`
	// Wait for a number of seconds.
	Sleep *SleepAction `json:"sleep,omitempty"`
}

// JSONSchemaExtend requires exactly one action, as the API server does.
func (LifecycleHandler) JSONSchemaExtend(s *jsonschema.Schema) {
	one := uint64(1)
	s.MinProperties = &one
	s.MaxProperties = &one
}

// ExecAction runs a command inside the container.
type ExecAction struct {
	// Command and arguments, run directly without a shell.
	Command []string `json:"command,omitempty"`
}

// HTTPGetAction sends an HTTP GET request to the container.
type HTTPGetAction struct {
	// Request path, such as /healthz.
	Path string `json:"path,omitempty"`
	// Port number or name of the container port to call.
	Port IntOrString `json:"port" jsonschema:"required"`
	// Host to connect to; the pod IP by default (set a Host header instead for virtual hosts).
	Host string `json:"host,omitempty"`
	// HTTP or HTTPS; HTTP by default.
	Scheme string `json:"scheme,omitempty" jsonschema:"enum=HTTP,enum=HTTPS"`
	// Extra request headers.
	HTTPHeaders []HTTPHeader `json:"httpHeaders,omitempty"`
	// HTTP version spoken on the connection; HTTP/1.1 by default.
	Protocol *string `json:"protocol,omitempty" jsonschema:"enum=HTTP1,enum=HTTP2"`
}

// HTTPHeader is one header of an HTTP check.
type HTTPHeader struct {
	// Header name.
	Name string `json:"name" jsonschema:"required"`
	// Header value.
	Value string `json:"value" jsonschema:"required"`
}

// TCPSocketAction opens a TCP connection to the container.
type TCPSocketAction struct {
	// Port number or name of the container port to connect to.
	Port IntOrString `json:"port" jsonschema:"required"`
	// Host to connect to; the pod IP by default.
	Host string `json:"host,omitempty"`
}

// GRPCAction calls the standard gRPC health checking service of the container.
type GRPCAction struct {
	// Port number of the gRPC server.
	Port Port `json:"port" jsonschema:"required"`
	// Service name sent in the health check request; empty checks the whole server.
	Service *string `json:"service,omitempty"`
	// Connect in plaintext (the default) or with TLS without certificate checks.
	Mode *string `json:"mode,omitempty" jsonschema:"enum=Plaintext,enum=TLS"`
}

// SleepAction waits for a number of seconds.
type SleepAction struct {
	// Number of seconds to wait.
	Seconds int64 `json:"seconds" jsonschema:"required,minimum=0"`
}

// ---------------------------------------------------------------------------
// Volumes

// Volume is a volume of the pod: a name plus one volume source (an emptyDir when none is set).
type Volume struct {
	// Name of the volume, referenced by volume mounts (a DNS label).
	Name string `json:"name" jsonschema:"required"`
	// A file or directory of the node.
	HostPath *HostPathVolumeSource `json:"hostPath,omitempty"`
	// An empty scratch directory that lives as long as the pod.
	EmptyDir *EmptyDirVolumeSource `json:"emptyDir,omitempty"`
	// A GCE persistent disk (deprecated in-tree driver).
	GCEPersistentDisk *GCEPersistentDiskVolumeSource `json:"gcePersistentDisk,omitempty"`
	// An AWS EBS volume (deprecated in-tree driver).
	AWSElasticBlockStore *AWSElasticBlockStoreVolumeSource `json:"awsElasticBlockStore,omitempty"`
	// A git repository cloned at pod start (deprecated).
	GitRepo *GitRepoVolumeSource `json:"gitRepo,omitempty"`
	// The keys of a Secret as files.
	Secret *SecretVolumeSource `json:"secret,omitempty"`
	// An NFS export.
	NFS *NFSVolumeSource `json:"nfs,omitempty"`
	// An iSCSI disk.
	ISCSI *ISCSIVolumeSource `json:"iscsi,omitempty"`
	// A GlusterFS volume (deprecated).
	Glusterfs *GlusterfsVolumeSource `json:"glusterfs,omitempty"`
	// A PersistentVolumeClaim in the pod's namespace.
	PersistentVolumeClaim *PersistentVolumeClaimVolumeSource `json:"persistentVolumeClaim,omitempty"`
	// A Ceph RBD image (deprecated).
	RBD *RBDVolumeSource `json:"rbd,omitempty"`
	// A volume of a FlexVolume driver (deprecated).
	FlexVolume *FlexVolumeSource `json:"flexVolume,omitempty"`
	// An OpenStack Cinder volume (deprecated in-tree driver).
	Cinder *CinderVolumeSource `json:"cinder,omitempty"`
	// A CephFS mount (deprecated).
	CephFS *CephFSVolumeSource `json:"cephfs,omitempty"`
	// A Flocker dataset (deprecated).
	Flocker *FlockerVolumeSource `json:"flocker,omitempty"`
	// Fields of the pod and container resources as files.
	DownwardAPI *DownwardAPIVolumeSource `json:"downwardAPI,omitempty"`
	// A Fibre Channel disk.
	FC *FCVolumeSource `json:"fc,omitempty"`
	// An Azure File share (deprecated in-tree driver).
	AzureFile *AzureFileVolumeSource `json:"azureFile,omitempty"`
	// The keys of a ConfigMap as files.
	ConfigMap *ConfigMapVolumeSource `json:"configMap,omitempty"`
	// A vSphere VMDK volume (deprecated in-tree driver).
	VsphereVolume *VsphereVirtualDiskVolumeSource `json:"vsphereVolume,omitempty"`
	// A Quobyte volume (deprecated).
	Quobyte *QuobyteVolumeSource `json:"quobyte,omitempty"`
	// An Azure data disk (deprecated in-tree driver).
	AzureDisk *AzureDiskVolumeSource `json:"azureDisk,omitempty"`
	// A Photon Controller persistent disk (deprecated).
	PhotonPersistentDisk *PhotonPersistentDiskVolumeSource `json:"photonPersistentDisk,omitempty"`
	// Several Secrets, ConfigMaps, downward API files and tokens merged into one directory.
	Projected *ProjectedVolumeSource `json:"projected,omitempty"`
	// A Portworx volume (deprecated in-tree driver).
	PortworxVolume *PortworxVolumeSource `json:"portworxVolume,omitempty"`
	// A ScaleIO volume (deprecated).
	ScaleIO *ScaleIOVolumeSource `json:"scaleIO,omitempty"`
	// A StorageOS volume (deprecated).
	StorageOS *StorageOSVolumeSource `json:"storageos,omitempty"`
	// An inline volume of a CSI driver.
	CSI *CSIVolumeSource `json:"csi,omitempty"`
	// A PersistentVolumeClaim created with the pod and deleted with it.
	Ephemeral *EphemeralVolumeSource `json:"ephemeral,omitempty"`
	// The contents of an OCI image or artifact, read-only.
	Image *ImageVolumeSource `json:"image,omitempty"`
}

// HostPathVolumeSource mounts a file or directory of the node.
type HostPathVolumeSource struct {
	// Path on the node.
	Path string `json:"path" jsonschema:"required"`
	// What must exist at the path, and whether to create it; empty skips the check.
	Type *string `json:"type,omitempty" jsonschema:"enum=,enum=DirectoryOrCreate,enum=Directory,enum=FileOrCreate,enum=File,enum=Socket,enum=CharDevice,enum=BlockDevice"`
}

// EmptyDirVolumeSource is a scratch directory that starts empty and is deleted with the pod.
type EmptyDirVolumeSource struct {
	// Backing storage: node disk when empty, Memory for tmpfs, or HugePages (HugePages-<size>).
	Medium string `json:"medium,omitempty" jsonschema:"pattern=^(Memory|HugePages(-.+)?)?$"`
	// Most storage the directory may use.
	SizeLimit *Quantity `json:"sizeLimit,omitempty"`
	// Permission bits of the directory, from 0 to 01777 (1023); 0777 by default.
	Mode *int32 `json:"mode,omitempty" jsonschema:"minimum=0,maximum=1023"`
}

// GCEPersistentDiskVolumeSource mounts a Google Compute Engine persistent disk.
type GCEPersistentDiskVolumeSource struct {
	// Name of the disk in GCE.
	PDName string `json:"pdName" jsonschema:"required"`
	// Filesystem type, such as ext4.
	FSType string `json:"fsType,omitempty"`
	// Partition number to mount; 0 mounts the whole disk.
	Partition int32 `json:"partition,omitempty" jsonschema:"minimum=0,maximum=255"`
	// Mount the disk read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// AWSElasticBlockStoreVolumeSource mounts an AWS EBS volume.
type AWSElasticBlockStoreVolumeSource struct {
	// ID of the EBS volume.
	VolumeID string `json:"volumeID" jsonschema:"required"`
	// Filesystem type, such as ext4.
	FSType string `json:"fsType,omitempty"`
	// Partition number to mount; 0 mounts the whole volume.
	Partition int32 `json:"partition,omitempty" jsonschema:"minimum=0,maximum=255"`
	// Mount the volume read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// GitRepoVolumeSource clones a git repository into an empty directory.
type GitRepoVolumeSource struct {
	// URL of the repository.
	Repository string `json:"repository" jsonschema:"required"`
	// Commit to check out.
	Revision string `json:"revision,omitempty"`
	// Directory name to clone into; "." clones into the volume root.
	Directory string `json:"directory,omitempty"`
}

// SecretVolumeSource exposes the keys of a Secret as files.
type SecretVolumeSource struct {
	// Name of the Secret in the pod's namespace.
	SecretName string `json:"secretName,omitempty"`
	// Keys to expose and their file paths; all keys when empty.
	Items []KeyToPath `json:"items,omitempty"`
	// Permission bits of the files, from 0 to 0777 (511); 0644 by default.
	DefaultMode *int32 `json:"defaultMode,omitempty" jsonschema:"minimum=0,maximum=511"`
	// Start the pod even if the Secret or a listed key is missing.
	Optional *bool `json:"optional,omitempty"`
	// User ID that owns the files unless an item sets its own.
	DefaultUser *int64 `json:"defaultUser,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// NFSVolumeSource mounts an NFS export.
type NFSVolumeSource struct {
	// Host name or IP address of the NFS server.
	Server string `json:"server" jsonschema:"required"`
	// Path exported by the server.
	Path string `json:"path" jsonschema:"required"`
	// Mount the export read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// ISCSIVolumeSource mounts an iSCSI disk.
type ISCSIVolumeSource struct {
	// Target portal as an IP address, with the port if not 3260.
	TargetPortal string `json:"targetPortal" jsonschema:"required"`
	// iSCSI qualified name of the target.
	IQN string `json:"iqn" jsonschema:"required"`
	// Logical unit number of the target.
	Lun int32 `json:"lun" jsonschema:"required,minimum=0,maximum=255"`
	// iSCSI interface name for the transport; "default" by default.
	ISCSIInterface string `json:"iscsiInterface,omitempty"`
	// Filesystem type, such as ext4.
	FSType string `json:"fsType,omitempty"`
	// Mount the disk read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
	// Further target portals for multipath.
	Portals []string `json:"portals,omitempty"`
	// Use CHAP authentication for discovery.
	DiscoveryCHAPAuth bool `json:"chapAuthDiscovery,omitempty"`
	// Use CHAP authentication for the session.
	SessionCHAPAuth bool `json:"chapAuthSession,omitempty"`
	// Secret holding the CHAP credentials.
	SecretRef *LocalObjectReference `json:"secretRef,omitempty"`
	// Custom initiator name for this connection.
	InitiatorName *string `json:"initiatorName,omitempty"`
}

// GlusterfsVolumeSource mounts a GlusterFS volume.
type GlusterfsVolumeSource struct {
	// Name of the Endpoints object listing the Gluster servers.
	EndpointsName string `json:"endpoints" jsonschema:"required"`
	// Name of the Gluster volume.
	Path string `json:"path" jsonschema:"required"`
	// Mount the volume read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// PersistentVolumeClaimVolumeSource mounts an existing PersistentVolumeClaim.
type PersistentVolumeClaimVolumeSource struct {
	// Name of the claim in the pod's namespace.
	ClaimName string `json:"claimName" jsonschema:"required"`
	// Mount the volume read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// RBDVolumeSource mounts a Ceph RADOS block device.
type RBDVolumeSource struct {
	// Addresses of the Ceph monitors.
	CephMonitors []string `json:"monitors" jsonschema:"required"`
	// Name of the RBD image.
	RBDImage string `json:"image" jsonschema:"required"`
	// Filesystem type, such as ext4.
	FSType string `json:"fsType,omitempty"`
	// RADOS pool name; rbd by default.
	RBDPool string `json:"pool,omitempty"`
	// RADOS user name; admin by default.
	RadosUser string `json:"user,omitempty"`
	// Path of the keyring file; /etc/ceph/keyring by default.
	Keyring string `json:"keyring,omitempty"`
	// Secret with the RADOS user's key, used instead of the keyring.
	SecretRef *LocalObjectReference `json:"secretRef,omitempty"`
	// Mount the device read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// FlexVolumeSource mounts a volume through a FlexVolume driver.
type FlexVolumeSource struct {
	// Name of the driver.
	Driver string `json:"driver" jsonschema:"required"`
	// Filesystem type; the driver's default when empty.
	FSType string `json:"fsType,omitempty"`
	// Secret passed to the driver.
	SecretRef *LocalObjectReference `json:"secretRef,omitempty"`
	// Mount the volume read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
	// Extra options passed to the driver.
	Options StringMap `json:"options,omitempty"`
}

// CinderVolumeSource mounts an OpenStack Cinder volume.
type CinderVolumeSource struct {
	// ID of the Cinder volume.
	VolumeID string `json:"volumeID" jsonschema:"required"`
	// Filesystem type, such as ext4.
	FSType string `json:"fsType,omitempty"`
	// Mount the volume read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
	// Secret with the OpenStack connection parameters.
	SecretRef *LocalObjectReference `json:"secretRef,omitempty"`
}

// CephFSVolumeSource mounts a CephFS filesystem.
type CephFSVolumeSource struct {
	// Addresses of the Ceph monitors.
	Monitors []string `json:"monitors" jsonschema:"required"`
	// Path inside the filesystem to mount; / by default.
	Path string `json:"path,omitempty"`
	// RADOS user name; admin by default.
	User string `json:"user,omitempty"`
	// Path of the key file of the user.
	SecretFile string `json:"secretFile,omitempty"`
	// Secret with the user's key, used instead of secretFile.
	SecretRef *LocalObjectReference `json:"secretRef,omitempty"`
	// Mount the filesystem read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// FlockerVolumeSource mounts a Flocker dataset.
type FlockerVolumeSource struct {
	// Name of the dataset.
	DatasetName string `json:"datasetName,omitempty"`
	// UUID of the dataset.
	DatasetUUID string `json:"datasetUUID,omitempty"`
}

// DownwardAPIVolumeSource writes pod fields and container resources into files.
type DownwardAPIVolumeSource struct {
	// Files to write.
	Items []DownwardAPIVolumeFile `json:"items,omitempty"`
	// Permission bits of the files, from 0 to 0777 (511); 0644 by default.
	DefaultMode *int32 `json:"defaultMode,omitempty" jsonschema:"minimum=0,maximum=511"`
	// User ID that owns the files unless an item sets its own.
	DefaultUser *int64 `json:"defaultUser,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// DownwardAPIVolumeFile is one file of a downward API volume.
type DownwardAPIVolumeFile struct {
	// Relative path of the file in the volume.
	Path string `json:"path" jsonschema:"required"`
	// Pod field to write, such as metadata.labels.
	FieldRef *ObjectFieldSelector `json:"fieldRef,omitempty"`
	// Container resource limit or request to write.
	ResourceFieldRef *ResourceFieldSelector `json:"resourceFieldRef,omitempty"`
	// Permission bits of the file, from 0 to 0777 (511).
	Mode *int32 `json:"mode,omitempty" jsonschema:"minimum=0,maximum=511"`
	// User ID that owns the file.
	User *int64 `json:"user,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// FCVolumeSource mounts a Fibre Channel disk.
type FCVolumeSource struct {
	// World wide names of the targets; use together with lun.
	TargetWWNs []string `json:"targetWWNs,omitempty"`
	// Logical unit number of the target.
	Lun *int32 `json:"lun,omitempty" jsonschema:"minimum=0,maximum=255"`
	// Filesystem type, such as ext4.
	FSType string `json:"fsType,omitempty"`
	// Mount the disk read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
	// World wide identifiers of the volume, instead of targetWWNs and lun.
	WWIDs []string `json:"wwids,omitempty"`
}

// AzureFileVolumeSource mounts an Azure File share.
type AzureFileVolumeSource struct {
	// Secret with the storage account name and key.
	SecretName string `json:"secretName" jsonschema:"required"`
	// Name of the share.
	ShareName string `json:"shareName" jsonschema:"required"`
	// Mount the share read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// ConfigMapVolumeSource exposes the keys of a ConfigMap as files.
type ConfigMapVolumeSource struct {
	// Name of the ConfigMap in the pod's namespace.
	Name string `json:"name,omitempty"`
	// Keys to expose and their file paths; all keys when empty.
	Items []KeyToPath `json:"items,omitempty"`
	// Permission bits of the files, from 0 to 0777 (511); 0644 by default.
	DefaultMode *int32 `json:"defaultMode,omitempty" jsonschema:"minimum=0,maximum=511"`
	// Start the pod even if the ConfigMap or a listed key is missing.
	Optional *bool `json:"optional,omitempty"`
	// User ID that owns the files unless an item sets its own.
	DefaultUser *int64 `json:"defaultUser,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// VsphereVirtualDiskVolumeSource mounts a vSphere VMDK.
type VsphereVirtualDiskVolumeSource struct {
	// Path of the VMDK, such as "[datastore] volumes/disk.vmdk".
	VolumePath string `json:"volumePath" jsonschema:"required"`
	// Filesystem type, such as ext4.
	FSType string `json:"fsType,omitempty"`
	// Name of the storage policy-based management profile.
	StoragePolicyName string `json:"storagePolicyName,omitempty"`
	// ID of that storage policy profile.
	StoragePolicyID string `json:"storagePolicyID,omitempty"`
}

// QuobyteVolumeSource mounts a Quobyte volume.
type QuobyteVolumeSource struct {
	// Quobyte registries as host:port pairs, comma-separated.
	Registry string `json:"registry" jsonschema:"required"`
	// Name of the Quobyte volume.
	Volume string `json:"volume" jsonschema:"required"`
	// Mount the volume read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
	// User that volume access is mapped to; the service account user by default.
	User string `json:"user,omitempty"`
	// Group that volume access is mapped to.
	Group string `json:"group,omitempty"`
	// Tenant owning the volume, for dynamically provisioned volumes.
	Tenant string `json:"tenant,omitempty"`
}

// AzureDiskVolumeSource mounts an Azure data disk.
type AzureDiskVolumeSource struct {
	// Name of the disk in blob storage.
	DiskName string `json:"diskName" jsonschema:"required"`
	// URI of the disk in blob storage.
	DataDiskURI string `json:"diskURI" jsonschema:"required"`
	// Host caching mode of the disk.
	CachingMode *string `json:"cachingMode,omitempty" jsonschema:"enum=None,enum=ReadOnly,enum=ReadWrite"`
	// Filesystem type, such as ext4 (the default).
	FSType *string `json:"fsType,omitempty"`
	// Mount the disk read-only.
	ReadOnly *bool `json:"readOnly,omitempty"`
	// Kind of disk: a shared or dedicated blob disk, or a managed disk.
	Kind *string `json:"kind,omitempty" jsonschema:"enum=Shared,enum=Dedicated,enum=Managed"`
}

// PhotonPersistentDiskVolumeSource mounts a Photon Controller persistent disk.
type PhotonPersistentDiskVolumeSource struct {
	// ID of the persistent disk.
	PdID string `json:"pdID" jsonschema:"required"`
	// Filesystem type, such as ext4.
	FSType string `json:"fsType,omitempty"`
}

// ProjectedVolumeSource merges several sources into one directory.
type ProjectedVolumeSource struct {
	// Sources whose files are merged.
	Sources []VolumeProjection `json:"sources,omitempty"`
	// Permission bits of the files, from 0 to 0777 (511); 0644 by default.
	DefaultMode *int32 `json:"defaultMode,omitempty" jsonschema:"minimum=0,maximum=511"`
	// User ID that owns the files unless an item sets its own.
	DefaultUser *int64 `json:"defaultUser,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// VolumeProjection is one source of a projected volume; set exactly one field.
type VolumeProjection struct {
	// Keys of a Secret.
	Secret *SecretProjection `json:"secret,omitempty"`
	// Pod fields and container resources.
	DownwardAPI *DownwardAPIProjection `json:"downwardAPI,omitempty"`
	// Keys of a ConfigMap.
	ConfigMap *ConfigMapProjection `json:"configMap,omitempty"`
	// A token of the pod's service account.
	ServiceAccountToken *ServiceAccountTokenProjection `json:"serviceAccountToken,omitempty"`
	// Certificates of ClusterTrustBundle objects.
	ClusterTrustBundle *ClusterTrustBundleProjection `json:"clusterTrustBundle,omitempty"`
	// A key and certificate issued to the pod.
	PodCertificate *PodCertificateProjection `json:"podCertificate,omitempty"`
}

// SecretProjection exposes keys of a Secret in a projected volume.
type SecretProjection struct {
	// Name of the Secret.
	Name string `json:"name,omitempty"`
	// Keys to expose and their file paths; all keys when empty.
	Items []KeyToPath `json:"items,omitempty"`
	// Start the pod even if the Secret or a listed key is missing.
	Optional *bool `json:"optional,omitempty"`
}

// DownwardAPIProjection exposes pod fields and container resources in a projected volume.
type DownwardAPIProjection struct {
	// Files to write.
	Items []DownwardAPIVolumeFile `json:"items,omitempty"`
}

// ConfigMapProjection exposes keys of a ConfigMap in a projected volume.
type ConfigMapProjection struct {
	// Name of the ConfigMap.
	Name string `json:"name,omitempty"`
	// Keys to expose and their file paths; all keys when empty.
	Items []KeyToPath `json:"items,omitempty"`
	// Start the pod even if the ConfigMap or a listed key is missing.
	Optional *bool `json:"optional,omitempty"`
}

// ServiceAccountTokenProjection writes a token of the pod's service account into a file.
type ServiceAccountTokenProjection struct {
	// Audience the token is issued for; the API server's by default.
	Audience string `json:"audience,omitempty"`
	// Requested lifetime of the token in seconds, at least 600; 3600 by default.
	ExpirationSeconds *int64 `json:"expirationSeconds,omitempty" jsonschema:"minimum=600,maximum=4294967296"`
	// Relative path of the token file.
	Path string `json:"path" jsonschema:"required"`
	// User ID that owns the file.
	User *int64 `json:"user,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// ClusterTrustBundleProjection writes certificates of ClusterTrustBundle objects into a file.
type ClusterTrustBundleProjection struct {
	// Name of one ClusterTrustBundle; not with signerName or labelSelector.
	Name *string `json:"name,omitempty"`
	// Signer whose ClusterTrustBundles are all merged; not with name.
	SignerName *string `json:"signerName,omitempty"`
	// Labels that narrow the bundles of signerName; {} matches all.
	LabelSelector *LabelSelector `json:"labelSelector,omitempty"`
	// Start the pod even if no matching bundle exists.
	Optional *bool `json:"optional,omitempty"`
	// Relative path of the bundle file.
	Path string `json:"path" jsonschema:"required"`
	// User ID that owns the file.
	User *int64 `json:"user,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// PodCertificateProjection has the kubelet obtain a key and certificate for the pod.
type PodCertificateProjection struct {
	// Signer the kubelet sends its certificate requests to.
	SignerName string `json:"signerName,omitempty" jsonschema:"required"`
	// Type of key pair the kubelet generates.
	KeyType string `json:"keyType,omitempty" jsonschema:"required,enum=RSA3072,enum=RSA4096,enum=ECDSAP256,enum=ECDSAP384,enum=ECDSAP521,enum=ED25519"`
	// Longest certificate lifetime to ask for, in seconds (at least 3600; 86400 by default).
	MaxExpirationSeconds *int32 `json:"maxExpirationSeconds,omitempty" jsonschema:"minimum=3600"`
	// Relative path of one file holding the private key followed by the certificate chain.
	CredentialBundlePath string `json:"credentialBundlePath,omitempty"`
	// Relative path of a file holding only the private key.
	KeyPath string `json:"keyPath,omitempty"`
	// Relative path of a file holding only the certificate chain.
	CertificateChainPath string `json:"certificateChainPath,omitempty"`
	// Free-form annotations passed on to the signer.
	UserAnnotations StringMap `json:"userAnnotations,omitempty"`
	// User ID that owns the files.
	User *int64 `json:"user,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// KeyToPath maps one key of a Secret or ConfigMap to a file path.
type KeyToPath struct {
	// Key to expose.
	Key string `json:"key" jsonschema:"required"`
	// Relative path of the file; may not contain "..".
	Path string `json:"path" jsonschema:"required"`
	// Permission bits of the file, from 0 to 0777 (511); the volume's defaultMode when unset.
	Mode *int32 `json:"mode,omitempty" jsonschema:"minimum=0,maximum=511"`
	// User ID that owns the file.
	User *int64 `json:"user,omitempty" jsonschema:"minimum=0,maximum=2147483647"`
}

// PortworxVolumeSource mounts a Portworx volume.
type PortworxVolumeSource struct {
	// ID of the Portworx volume.
	VolumeID string `json:"volumeID" jsonschema:"required"`
	// Filesystem type, such as ext4.
	FSType string `json:"fsType,omitempty"`
	// Mount the volume read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// ScaleIOVolumeSource mounts a ScaleIO volume.
type ScaleIOVolumeSource struct {
	// Address of the ScaleIO API gateway.
	Gateway string `json:"gateway" jsonschema:"required"`
	// Name of the ScaleIO storage system.
	System string `json:"system" jsonschema:"required"`
	// Secret with the ScaleIO user's credentials.
	SecretRef *LocalObjectReference `json:"secretRef" jsonschema:"required"`
	// Talk to the gateway over SSL.
	SSLEnabled bool `json:"sslEnabled,omitempty"`
	// Name of the protection domain of the storage.
	ProtectionDomain string `json:"protectionDomain,omitempty"`
	// Name of the storage pool of the protection domain.
	StoragePool string `json:"storagePool,omitempty"`
	// ThickProvisioned or ThinProvisioned (the default).
	StorageMode string `json:"storageMode,omitempty"`
	// Name of an existing volume in the system.
	VolumeName string `json:"volumeName,omitempty"`
	// Filesystem type, such as xfs (the default).
	FSType string `json:"fsType,omitempty"`
	// Mount the volume read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// StorageOSVolumeSource mounts a StorageOS volume.
type StorageOSVolumeSource struct {
	// Name of the StorageOS volume.
	VolumeName string `json:"volumeName,omitempty"`
	// StorageOS namespace of the volume; the pod's namespace by default.
	VolumeNamespace string `json:"volumeNamespace,omitempty"`
	// Filesystem type, such as ext4.
	FSType string `json:"fsType,omitempty"`
	// Mount the volume read-only.
	ReadOnly bool `json:"readOnly,omitempty"`
	// Secret with the StorageOS API credentials.
	SecretRef *LocalObjectReference `json:"secretRef,omitempty"`
}

// CSIVolumeSource mounts an inline volume of a CSI driver.
type CSIVolumeSource struct {
	// Name of the CSI driver.
	Driver string `json:"driver" jsonschema:"required"`
	// Mount the volume read-only.
	ReadOnly *bool `json:"readOnly,omitempty"`
	// Filesystem type; the driver decides when unset.
	FSType *string `json:"fsType,omitempty"`
	// Driver-specific settings of the volume.
	VolumeAttributes StringMap `json:"volumeAttributes,omitempty"`
	// Secret passed to the driver when it publishes the volume.
	NodePublishSecretRef *LocalObjectReference `json:"nodePublishSecretRef,omitempty"`
}

// EphemeralVolumeSource creates a PersistentVolumeClaim that lives and dies with the pod.
type EphemeralVolumeSource struct {
	// Template of the claim, named <pod name>-<volume name>.
	VolumeClaimTemplate *PersistentVolumeClaimTemplate `json:"volumeClaimTemplate,omitempty"`
}

// PersistentVolumeClaimTemplate is the template of the claim of an ephemeral volume.
type PersistentVolumeClaimTemplate struct {
	// Labels and annotations copied to the claim.
	Metadata *EphemeralVolumeMetadata `json:"metadata,omitempty"`
	// Specification of the claim.
	Spec PersistentVolumeClaimSpec `json:"spec" jsonschema:"required"`
}

// EphemeralVolumeMetadata is the metadata of an ephemeral volume's claim;
// Kubernetes rejects every field but labels and annotations here.
type EphemeralVolumeMetadata struct {
	// Labels given to the claim.
	Labels StringMap `json:"labels,omitempty"`
	// Annotations given to the claim.
	Annotations StringMap `json:"annotations,omitempty"`
}

// PersistentVolumeClaimSpec describes the storage a claim asks for.
type PersistentVolumeClaimSpec struct {
	// Ways the volume may be mounted.
	AccessModes []string `json:"accessModes,omitempty" jsonschema:"enum=ReadWriteOnce,enum=ReadOnlyMany,enum=ReadWriteMany,enum=ReadWriteOncePod"`
	// Labels of existing volumes the claim may bind to.
	Selector *LabelSelector `json:"selector,omitempty"`
	// Storage size the volume must have at least, and at most.
	Resources *VolumeResourceRequirements `json:"resources,omitempty"`
	// Name of a specific PersistentVolume to bind to.
	VolumeName string `json:"volumeName,omitempty"`
	// StorageClass to provision from; "" asks for a volume without a class.
	StorageClassName *string `json:"storageClassName,omitempty"`
	// Whether the volume is a filesystem (the default) or a raw block device.
	VolumeMode *string `json:"volumeMode,omitempty" jsonschema:"enum=Filesystem,enum=Block"`
	// Snapshot or claim in the same namespace to fill the new volume from.
	DataSource *ClaimDataSource `json:"dataSource,omitempty"`
	// Object to fill the new volume from, possibly of any API group or another namespace.
	DataSourceRef *ClaimDataSourceRef `json:"dataSourceRef,omitempty"`
	// VolumeAttributesClass to use for the volume.
	VolumeAttributesClassName *string `json:"volumeAttributesClassName,omitempty"`
}

// VolumeResourceRequirements sets the storage size of a claim.
type VolumeResourceRequirements struct {
	// Largest size the volume may have, per resource (storage).
	Limits map[string]Quantity `json:"limits,omitempty"`
	// Size the volume must have at least, per resource (storage).
	Requests map[string]Quantity `json:"requests,omitempty"`
}

// ClaimDataSource names an object in the same namespace that a new volume is filled from.
type ClaimDataSource struct {
	// API group of the object; the core group when unset.
	APIGroup *string `json:"apiGroup,omitempty"`
	// Kind of the object, such as VolumeSnapshot or PersistentVolumeClaim.
	Kind string `json:"kind" jsonschema:"required"`
	// Name of the object.
	Name string `json:"name" jsonschema:"required"`
}

// ClaimDataSourceRef names any object, possibly in another namespace, that a new volume is filled from.
type ClaimDataSourceRef struct {
	// API group of the object; the core group when unset.
	APIGroup *string `json:"apiGroup,omitempty"`
	// Kind of the object.
	Kind string `json:"kind" jsonschema:"required"`
	// Name of the object.
	Name string `json:"name" jsonschema:"required"`
	// Namespace of the object; another namespace needs a ReferenceGrant there.
	Namespace *string `json:"namespace,omitempty"`
}

// ImageVolumeSource mounts the contents of an OCI image or artifact read-only.
type ImageVolumeSource struct {
	// Image or artifact reference, as for a container image.
	Reference string `json:"reference,omitempty"`
	// When the image is pulled.
	PullPolicy string `json:"pullPolicy,omitempty" jsonschema:"enum=Always,enum=IfNotPresent,enum=Never"`
}
