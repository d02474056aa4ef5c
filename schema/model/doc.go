// Package model holds what every modelled release of the Langfuse chart
// shares: the Go types of the sections whose templates are the same in each
// release (the web and worker Deployments, their pods, probes, autoscalers,
// PDBs and ingress; Kubernetes objects inside values), the types of chart
// facts (ports, names, selector labels, fallbacks, render-time failures,
// moved keys), and the facts of the shared templates themselves.
//
// A release's own home (schema/v15, schema/v20) composes these into its
// values model and adds what only that release has. Nothing outside those
// homes spells a chart fact: rules, manifest checks, the generator and the
// wizard read them through schema.Version.
package model
