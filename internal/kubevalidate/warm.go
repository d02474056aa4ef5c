package kubevalidate

// Warm validates a typical workload and throws the result away. The first
// strict decode of a pod template builds Go's decoding tables for every type
// it meets (containers, probes, resources, security contexts, volumes,
// scheduling); a caller with a spare core calls Warm while it does other
// work so that the real objects do not pay for that. It is never needed for
// correctness.
func Warm() { Validate(warmObject()) }

// warmObject is a valid Deployment that touches the pod types.
func warmObject() map[string]any {
	container := map[string]any{
		"name":  "warm",
		"image": "example.invalid/warm:1",
		"ports": []any{map[string]any{"name": "http", "containerPort": int64(3000), "protocol": "TCP"}},
		"env": []any{
			map[string]any{"name": "A", "value": "a"},
			map[string]any{"name": "B", "valueFrom": map[string]any{"secretKeyRef": map[string]any{"name": "s", "key": "k"}}},
		},
		"resources":       map[string]any{"requests": map[string]any{"cpu": "1", "memory": "1Gi"}, "limits": map[string]any{"memory": "1Gi"}},
		"livenessProbe":   map[string]any{"httpGet": map[string]any{"path": "/", "port": int64(3000)}, "timeoutSeconds": int64(5)},
		"readinessProbe":  map[string]any{"tcpSocket": map[string]any{"port": "http"}},
		"securityContext": map[string]any{"runAsNonRoot": true, "capabilities": map[string]any{"drop": []any{"ALL"}}},
		"volumeMounts":    []any{map[string]any{"name": "tmp", "mountPath": "/tmp"}},
	}
	return map[string]any{
		"apiVersion": "apps/v1",
		"kind":       "Deployment",
		"metadata":   map[string]any{"name": "warm", "labels": map[string]any{"app": "warm"}},
		"spec": map[string]any{
			"selector": map[string]any{"matchLabels": map[string]any{"app": "warm"}},
			"template": map[string]any{
				"metadata": map[string]any{"labels": map[string]any{"app": "warm"}},
				"spec": map[string]any{
					"containers":      []any{container},
					"securityContext": map[string]any{"fsGroup": int64(1000), "seccompProfile": map[string]any{"type": "RuntimeDefault"}},
					"volumes":         []any{map[string]any{"name": "tmp", "emptyDir": map[string]any{}}},
					"tolerations":     []any{map[string]any{"key": "k", "operator": "Exists"}},
					"affinity":        map[string]any{"podAntiAffinity": map[string]any{}},
					"topologySpreadConstraints": []any{map[string]any{
						"maxSkew": int64(1), "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway",
						"labelSelector": map[string]any{"matchLabels": map[string]any{"app": "warm"}},
					}},
				},
			},
		},
	}
}
