package model

// Sizing is what Langfuse documents as the least a web or worker container
// needs: an application fact (Langfuse's self-hosting guide), the same for
// every chart release, read by the sizing rules, the generator's validation
// and its templates.
type Sizing struct {
	// CPU and Memory are the minimum requests, as Kubernetes quantities.
	CPU, Memory string
	// CPUSaturation is the CPU use, in percent of the minimum request, above
	// which the guide calls a container saturated.
	CPUSaturation int
	// Source is the page that documents the numbers.
	Source string
	// HeapSource is the page that asks for NODE_OPTIONS=--max-old-space-size.
	HeapSource string
}

// DocumentedMinimum is Langfuse's documented minimum per web and worker
// container: 2 CPU and 4 GiB each, saturated above 50% CPU ("Sizing &
// Scaling" of the self-hosting guide).
var DocumentedMinimum = Sizing{
	CPU:           "2",
	Memory:        "4Gi",
	CPUSaturation: 50,
	Source:        "https://langfuse.com/self-hosting/configuration/scaling",
	HeapSource:    "https://langfuse.com/self-hosting/deployment/infrastructure/containers",
}
