package kubevalidate

import (
	"fmt"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/validate/content"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/valuesmith/valuesmith/internal/lazyre"
)

var regexTail = lazyre.New(`,? ?regex used for validation is '[^']*'\)?`)

// tidy shortens apimachinery validation messages (drops the regex) and
// joins several into one line.
func tidy(msgs []string) string {
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		m = regexTail.ReplaceAllString(m, ")")
		m = strings.ReplaceAll(m, "',  or '", "' or '")
		m = strings.ReplaceAll(m, "', )", "')")
		m = strings.ReplaceAll(m, " ()", "")
		out = append(out, m)
	}
	return strings.Join(out, "; ")
}

// semanticChecks runs the cheap checks strict decoding cannot make.
func semanticChecks(obj runtime.Object, gvk schema.GroupVersionKind) []problem {
	var ps []problem
	if acc, err := meta.Accessor(obj); err == nil {
		ps = append(ps, checkObjectMeta(acc.GetName(), acc.GetNamespace(), acc.GetLabels(), acc.GetAnnotations(), gvk, fieldPath{"metadata"}, true)...)
	}
	spec := fieldPath{"spec"}
	tmpl := spec.key("template")
	switch o := obj.(type) {
	case *appsv1.Deployment:
		ps = append(ps, checkWorkload(o.Spec.Selector, &o.Spec.Template, tmpl)...)
	case *appsv1.StatefulSet:
		ps = append(ps, checkWorkload(o.Spec.Selector, &o.Spec.Template, tmpl)...)
	case *appsv1.DaemonSet:
		ps = append(ps, checkWorkload(o.Spec.Selector, &o.Spec.Template, tmpl)...)
	case *appsv1.ReplicaSet:
		ps = append(ps, checkWorkload(o.Spec.Selector, &o.Spec.Template, tmpl)...)
	case *batchv1.Job:
		ps = append(ps, checkPodTemplate(&o.Spec.Template, tmpl)...)
	case *batchv1.CronJob:
		ps = append(ps, checkPodTemplate(&o.Spec.JobTemplate.Spec.Template, spec.key("jobTemplate", "spec", "template"))...)
	case *corev1.Pod:
		ps = append(ps, checkPodSpec(&o.Spec, spec)...)
	case *corev1.PodTemplate:
		ps = append(ps, checkPodTemplate(&o.Template, fieldPath{"template"})...)
	case *corev1.Service:
		ps = append(ps, checkService(o)...)
	case *policyv1.PodDisruptionBudget:
		if o.Spec.MinAvailable != nil && o.Spec.MaxUnavailable != nil {
			ps = append(ps, problem{spec.key("maxUnavailable"), "minAvailable and maxUnavailable cannot both be set"})
		}
		ps = append(ps, checkIntOrPercent(o.Spec.MinAvailable, spec.key("minAvailable"))...)
		ps = append(ps, checkIntOrPercent(o.Spec.MaxUnavailable, spec.key("maxUnavailable"))...)
	case *autoscalingv2.HorizontalPodAutoscaler:
		ps = append(ps, checkHPA(o.Spec.MinReplicas, o.Spec.MaxReplicas, o.Spec.ScaleTargetRef.Kind, o.Spec.ScaleTargetRef.Name)...)
	case *autoscalingv1.HorizontalPodAutoscaler:
		ps = append(ps, checkHPA(o.Spec.MinReplicas, o.Spec.MaxReplicas, o.Spec.ScaleTargetRef.Kind, o.Spec.ScaleTargetRef.Name)...)
	case *networkingv1.Ingress:
		ps = append(ps, checkIngress(o)...)
	}
	return ps
}

// checkObjectMeta validates name, namespace, labels and annotation keys.
func checkObjectMeta(name, namespace string, lbls, annotations map[string]string, gvk schema.GroupVersionKind, p fieldPath, top bool) []problem {
	var ps []problem
	if top {
		if name == "" {
			ps = append(ps, problem{p.key("name"), "metadata.name is required"})
		} else if errs := nameErrors(gvk, name); len(errs) > 0 {
			ps = append(ps, problem{p.key("name"), fmt.Sprintf("invalid name for %s: %s", gvk.Kind, tidy(errs))})
		}
		if namespace != "" {
			if errs := validation.IsDNS1123Label(namespace); len(errs) > 0 {
				ps = append(ps, problem{p.key("namespace"), "invalid namespace: " + tidy(errs)})
			}
		}
	}
	for _, k := range sortedKeys(lbls) {
		if errs := content.IsLabelKey(k); len(errs) > 0 {
			ps = append(ps, problem{p.key("labels", k), "invalid label key: " + tidy(errs)})
		}
		if errs := content.IsLabelValue(lbls[k]); len(errs) > 0 {
			ps = append(ps, problem{p.key("labels", k), "invalid label value: " + tidy(errs)})
		}
	}
	for _, k := range sortedKeys(annotations) {
		if errs := content.IsLabelKey(strings.ToLower(k)); len(errs) > 0 {
			ps = append(ps, problem{p.key("annotations", k), "invalid annotation key: " + tidy(errs)})
		}
	}
	return ps
}

// nameErrors applies the name rule of the kind.
func nameErrors(gvk schema.GroupVersionKind, name string) []string {
	switch {
	case gvk.Group == "" && gvk.Kind == "Service":
		return validation.IsDNS1035Label(name)
	case gvk.Group == "" && gvk.Kind == "Namespace":
		return validation.IsDNS1123Label(name)
	case gvk.Group == "rbac.authorization.k8s.io":
		return content.IsPathSegmentName(name)
	}
	return validation.IsDNS1123Subdomain(name)
}

func checkWorkload(sel *metav1.LabelSelector, tmpl *corev1.PodTemplateSpec, tp fieldPath) []problem {
	var ps []problem
	spec := fieldPath{"spec"}
	if sel == nil || (len(sel.MatchLabels) == 0 && len(sel.MatchExpressions) == 0) {
		ps = append(ps, problem{spec.key("selector"), "spec.selector is required and must not be empty"})
	} else if s, err := metav1.LabelSelectorAsSelector(sel); err != nil {
		ps = append(ps, problem{spec.key("selector"), "invalid selector: " + lowerFirst(err.Error())})
	} else if !s.Matches(labels.Set(tmpl.Labels)) {
		ps = append(ps, problem{tp.key("metadata", "labels"), "pod template labels do not match spec.selector"})
	}
	return append(ps, checkPodTemplate(tmpl, tp)...)
}

func checkPodTemplate(tmpl *corev1.PodTemplateSpec, tp fieldPath) []problem {
	ps := checkObjectMeta("", "", tmpl.Labels, tmpl.Annotations, schema.GroupVersionKind{}, tp.key("metadata"), false)
	return append(ps, checkPodSpec(&tmpl.Spec, tp.key("spec"))...)
}

// checkPodSpec checks containers, ports, env, resources, probes and volume mounts.
func checkPodSpec(spec *corev1.PodSpec, p fieldPath) []problem {
	var ps []problem
	if len(spec.Containers) == 0 {
		ps = append(ps, problem{p.key("containers"), "at least one container is required"})
	}
	volumes := map[string]bool{}
	for i, v := range spec.Volumes {
		vp := p.key("volumes").index(i).key("name")
		switch {
		case v.Name == "":
			ps = append(ps, problem{vp, "volume name is required"})
		case volumes[v.Name]:
			ps = append(ps, problem{vp, fmt.Sprintf("duplicate volume name %q", v.Name)})
		default:
			if errs := validation.IsDNS1123Label(v.Name); len(errs) > 0 {
				ps = append(ps, problem{vp, "invalid volume name: " + tidy(errs)})
			}
		}
		volumes[v.Name] = true
	}
	names := map[string]string{} // container name -> path of first use
	check := func(list string, cs []corev1.Container) {
		for i := range cs {
			ps = append(ps, checkContainer(&cs[i], p.key(list).index(i), names, volumes)...)
		}
	}
	check("initContainers", spec.InitContainers)
	check("containers", spec.Containers)
	return ps
}

func checkContainer(c *corev1.Container, cp fieldPath, names map[string]string, volumes map[string]bool) []problem {
	var ps []problem
	np := cp.key("name")
	switch {
	case c.Name == "":
		ps = append(ps, problem{np, "container name is required"})
	case names[c.Name] != "":
		ps = append(ps, problem{np, fmt.Sprintf("duplicate container name %q (also used at %s)", c.Name, names[c.Name])})
	default:
		names[c.Name] = cp.String()
		if errs := validation.IsDNS1123Label(c.Name); len(errs) > 0 {
			ps = append(ps, problem{np, "invalid container name: " + tidy(errs)})
		}
	}
	if strings.TrimSpace(c.Image) == "" {
		ps = append(ps, problem{cp.key("image"), "container image is required"})
	}

	portNames := map[string]bool{}
	for i, port := range c.Ports {
		pp := cp.key("ports").index(i)
		if errs := validation.IsValidPortNum(int(port.ContainerPort)); len(errs) > 0 {
			ps = append(ps, problem{pp.key("containerPort"), "containerPort " + tidy(errs)})
		}
		if port.HostPort != 0 {
			if errs := validation.IsValidPortNum(int(port.HostPort)); len(errs) > 0 {
				ps = append(ps, problem{pp.key("hostPort"), "hostPort " + tidy(errs)})
			}
		}
		if port.Name != "" {
			if errs := validation.IsValidPortName(port.Name); len(errs) > 0 {
				ps = append(ps, problem{pp.key("name"), "invalid port name: " + tidy(errs)})
			} else if portNames[port.Name] {
				ps = append(ps, problem{pp.key("name"), fmt.Sprintf("duplicate port name %q", port.Name)})
			}
			portNames[port.Name] = true
		}
	}

	for i, e := range c.Env {
		ep := cp.key("env").index(i)
		switch {
		case e.Name == "":
			ps = append(ps, problem{ep.key("name"), "env var name must not be empty"})
		default:
			if errs := validation.IsRelaxedEnvVarName(e.Name); len(errs) > 0 {
				ps = append(ps, problem{ep.key("name"), "invalid env var name: " + tidy(errs)})
			}
		}
		if e.Value != "" && e.ValueFrom != nil {
			ps = append(ps, problem{ep.key("valueFrom"), "env var may not have both value and valueFrom"})
		}
	}

	for _, name := range sortedResourceNames(c.Resources.Requests) {
		req := c.Resources.Requests[corev1.ResourceName(name)]
		lim, ok := c.Resources.Limits[corev1.ResourceName(name)]
		if ok && req.Cmp(lim) > 0 {
			ps = append(ps, problem{cp.key("resources", "requests", name),
				fmt.Sprintf("%s request %s is above the limit %s", name, req.String(), lim.String())})
		}
	}

	for _, pr := range []struct {
		name  string
		probe *corev1.Probe
	}{{"livenessProbe", c.LivenessProbe}, {"readinessProbe", c.ReadinessProbe}, {"startupProbe", c.StartupProbe}} {
		if pr.probe != nil {
			ps = append(ps, checkProbe(pr.probe, cp.key(pr.name), portNames)...)
		}
	}

	for i, m := range c.VolumeMounts {
		mp := cp.key("volumeMounts").index(i)
		if m.Name == "" {
			ps = append(ps, problem{mp.key("name"), "volumeMount name is required"})
		} else if !volumes[m.Name] {
			ps = append(ps, problem{mp.key("name"), fmt.Sprintf("volumeMount refers to volume %q, which the pod does not define", m.Name)})
		}
		if m.MountPath == "" {
			ps = append(ps, problem{mp.key("mountPath"), "mountPath is required"})
		}
	}
	return ps
}

func sortedResourceNames(rl corev1.ResourceList) []string {
	m := make(map[string]bool, len(rl))
	for k := range rl {
		m[string(k)] = true
	}
	return sortedKeys(m)
}

func checkProbe(pr *corev1.Probe, pp fieldPath, portNames map[string]bool) []problem {
	var ps []problem
	handlers := 0
	if pr.Exec != nil {
		handlers++
	}
	if pr.HTTPGet != nil {
		handlers++
		ps = append(ps, checkProbePort(pr.HTTPGet.Port, pp.key("httpGet", "port"), portNames)...)
	}
	if pr.TCPSocket != nil {
		handlers++
		ps = append(ps, checkProbePort(pr.TCPSocket.Port, pp.key("tcpSocket", "port"), portNames)...)
	}
	if pr.GRPC != nil {
		handlers++
		if errs := validation.IsValidPortNum(int(pr.GRPC.Port)); len(errs) > 0 {
			ps = append(ps, problem{pp.key("grpc", "port"), "probe port " + tidy(errs)})
		}
	}
	switch {
	case handlers == 0:
		ps = append(ps, problem{pp, "probe must specify one handler (exec, httpGet, tcpSocket or grpc)"})
	case handlers > 1:
		ps = append(ps, problem{pp, "probe may specify only one handler (exec, httpGet, tcpSocket or grpc)"})
	}
	return ps
}

func checkProbePort(port intstr.IntOrString, p fieldPath, portNames map[string]bool) []problem {
	if port.Type == intstr.Int {
		if errs := validation.IsValidPortNum(int(port.IntVal)); len(errs) > 0 {
			return []problem{{p, "probe port " + tidy(errs)}}
		}
		return nil
	}
	if errs := validation.IsValidPortName(port.StrVal); len(errs) > 0 {
		return []problem{{p, "invalid probe port name: " + tidy(errs)}}
	}
	if !portNames[port.StrVal] {
		return []problem{{p, fmt.Sprintf("probe port %q is not a named port of this container", port.StrVal)}}
	}
	return nil
}

func checkService(s *corev1.Service) []problem {
	var ps []problem
	seen := map[string]bool{}
	for i, port := range s.Spec.Ports {
		pp := fieldPath{"spec", "ports", i}
		if errs := validation.IsValidPortNum(int(port.Port)); len(errs) > 0 {
			ps = append(ps, problem{pp.key("port"), "port " + tidy(errs)})
		}
		if port.TargetPort.Type == intstr.String {
			if errs := validation.IsValidPortName(port.TargetPort.StrVal); len(errs) > 0 {
				ps = append(ps, problem{pp.key("targetPort"), "invalid targetPort name: " + tidy(errs)})
			}
		} else if port.TargetPort.IntVal != 0 {
			if errs := validation.IsValidPortNum(int(port.TargetPort.IntVal)); len(errs) > 0 {
				ps = append(ps, problem{pp.key("targetPort"), "targetPort " + tidy(errs)})
			}
		}
		switch {
		case port.Name == "" && len(s.Spec.Ports) > 1:
			ps = append(ps, problem{pp.key("name"), "port name is required when a Service has more than one port"})
		case port.Name != "" && seen[port.Name]:
			ps = append(ps, problem{pp.key("name"), fmt.Sprintf("duplicate port name %q", port.Name)})
		case port.Name != "":
			if errs := validation.IsDNS1123Label(port.Name); len(errs) > 0 {
				ps = append(ps, problem{pp.key("name"), "invalid port name: " + tidy(errs)})
			}
		}
		seen[port.Name] = true
	}
	return ps
}

func checkIntOrPercent(v *intstr.IntOrString, p fieldPath) []problem {
	if v == nil || v.Type != intstr.String {
		return nil
	}
	if errs := validation.IsValidPercent(v.StrVal); len(errs) > 0 {
		return []problem{{p, "must be an integer or a percentage such as 50%"}}
	}
	return nil
}

func checkHPA(minReplicas *int32, maxReplicas int32, targetKind, targetName string) []problem {
	var ps []problem
	spec := fieldPath{"spec"}
	if maxReplicas < 1 {
		ps = append(ps, problem{spec.key("maxReplicas"), "maxReplicas must be at least 1"})
	}
	if minReplicas != nil && *minReplicas > maxReplicas {
		ps = append(ps, problem{spec.key("minReplicas"), fmt.Sprintf("minReplicas %d is above maxReplicas %d", *minReplicas, maxReplicas)})
	}
	if targetKind == "" {
		ps = append(ps, problem{spec.key("scaleTargetRef", "kind"), "scaleTargetRef.kind is required"})
	}
	if targetName == "" {
		ps = append(ps, problem{spec.key("scaleTargetRef", "name"), "scaleTargetRef.name is required"})
	}
	return ps
}

func checkIngress(ing *networkingv1.Ingress) []problem {
	var ps []problem
	for i, r := range ing.Spec.Rules {
		if r.HTTP == nil {
			continue
		}
		for j, path := range r.HTTP.Paths {
			pp := fieldPath{"spec", "rules", i, "http", "paths", j}
			if path.PathType == nil {
				ps = append(ps, problem{pp.key("pathType"), "pathType is required (Prefix, Exact or ImplementationSpecific)"})
			} else {
				switch *path.PathType {
				case networkingv1.PathTypePrefix, networkingv1.PathTypeExact:
					if !strings.HasPrefix(path.Path, "/") {
						ps = append(ps, problem{pp.key("path"), "path must be absolute (start with /) for pathType " + string(*path.PathType)})
					}
				case networkingv1.PathTypeImplementationSpecific:
				default:
					ps = append(ps, problem{pp.key("pathType"), "pathType must be Prefix, Exact or ImplementationSpecific"})
				}
			}
			ps = append(ps, checkIngressBackend(path.Backend, pp.key("backend"))...)
		}
	}
	if ing.Spec.DefaultBackend != nil {
		ps = append(ps, checkIngressBackend(*ing.Spec.DefaultBackend, fieldPath{"spec", "defaultBackend"})...)
	}
	return ps
}

func checkIngressBackend(b networkingv1.IngressBackend, p fieldPath) []problem {
	switch {
	case b.Service == nil && b.Resource == nil:
		return []problem{{p, "backend must specify service or resource"}}
	case b.Service != nil && b.Resource != nil:
		return []problem{{p, "backend may not specify both service and resource"}}
	case b.Service != nil:
		sp := b.Service.Port
		if (sp.Name == "") == (sp.Number == 0) {
			return []problem{{p.key("service", "port"), "service port must have exactly one of name or number"}}
		}
	}
	return nil
}
