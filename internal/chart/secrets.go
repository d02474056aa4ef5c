package chart

import (
	"sort"
)

// neededSecrets lists the Secrets that rendered objects read but the release
// does not create: env secretKeyRefs, envFrom, secret volumes (also in
// projections), image pull secrets, Ingress TLS and KEDA
// TriggerAuthentications.
func neededSecrets(objs []*Object) []SecretRef {
	created := map[string]bool{}
	for _, o := range objs {
		if o.Kind == "Secret" {
			created[o.Name] = true
		}
	}
	refs := map[string]*SecretRef{}
	add := func(name, key, user string) {
		if name == "" || created[name] {
			return
		}
		r := refs[name]
		if r == nil {
			r = &SecretRef{Name: name}
			refs[name] = r
		}
		if key != "" && !contains(r.Keys, key) {
			r.Keys = append(r.Keys, key)
		}
		if !contains(r.UsedBy, user) {
			r.UsedBy = append(r.UsedBy, user)
		}
	}
	for _, o := range objs {
		user := o.ID()
		if spec, _, ok := podTemplate(o); ok {
			var ctrs []any
			ctrs = append(ctrs, list(spec["containers"])...)
			ctrs = append(ctrs, list(spec["initContainers"])...)
			for _, c := range ctrs {
				for _, e := range list(get(c, "env")) {
					if ref := get(e, "valueFrom", "secretKeyRef"); ref != nil {
						add(str(get(ref, "name")), str(get(ref, "key")), user)
					}
				}
				for _, e := range list(get(c, "envFrom")) {
					if ref := get(e, "secretRef"); ref != nil {
						add(str(get(ref, "name")), "", user)
					}
				}
			}
			for _, v := range list(spec["volumes"]) {
				if s := get(v, "secret"); s != nil {
					name := str(get(s, "secretName"))
					if items := list(get(s, "items")); len(items) > 0 {
						for _, it := range items {
							add(name, str(get(it, "key")), user)
						}
					} else {
						add(name, "", user)
					}
				}
				for _, src := range list(get(v, "projected", "sources")) {
					if s := get(src, "secret"); s != nil {
						add(str(get(s, "name")), "", user)
					}
				}
			}
			for _, ps := range list(spec["imagePullSecrets"]) {
				add(str(get(ps, "name")), ".dockerconfigjson", user)
			}
		}
		switch o.Kind {
		case "Ingress":
			for _, t := range list(get(o.Obj, "spec", "tls")) {
				add(str(get(t, "secretName")), "tls.crt", user)
				add(str(get(t, "secretName")), "tls.key", user)
			}
		case "TriggerAuthentication", "ClusterTriggerAuthentication":
			for _, t := range list(get(o.Obj, "spec", "secretTargetRef")) {
				add(str(get(t, "name")), str(get(t, "key")), user)
			}
		}
	}
	out := make([]SecretRef, 0, len(refs))
	for _, r := range refs {
		sort.Strings(r.Keys)
		sort.Strings(r.UsedBy)
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
