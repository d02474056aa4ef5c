package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema/model"
)

var memoryRules = []*Rule{
	{
		ID:       "resources-below-minimum",
		Severity: finding.Warning,
		Category: Availability,
		Summary:  "The web or worker container requests less than the 2 CPU and 4 GiB that Langfuse documents as its minimum.",
		Rationale: "Langfuse's self-hosting guide (Sizing & Scaling, " + model.DocumentedMinimum.Source + ") gives 2 CPU and 4 GiB " +
			"memory as the minimum for each web and each worker container. Below it the web container's start-up " +
			"migrations and the worker's ingestion batches run slowly or out of memory, and pods restart under " +
			"ordinary load. The chart sets no resources at all by default.",
		Remediation: "Set requests.cpu: \"2\" and requests.memory: 4Gi (and limits.memory: 4Gi) under langfuse.web.resources and " +
			"langfuse.worker.resources; for a trial install, ignore the finding with a reason.",
		Check: checkResourcesBelowMinimum,
	},
	{
		ID:       "node-heap-uncapped",
		Severity: finding.Info,
		Category: Availability,
		Summary:  "The web or worker container has a memory limit but NODE_OPTIONS sets no V8 heap ceiling (--max-old-space-size).",
		Rationale: "Without --max-old-space-size, Node sizes the JavaScript heap itself. The Langfuse images run Node 24 " +
			"(node:24-alpine in web/Dockerfile and worker/Dockerfile since Langfuse 3.104.0), which reads the container's " +
			"cgroup memory limit, but sets the ceiling at about half of it: a 4Gi container aborts with \"JavaScript heap " +
			"out of memory\" near 2 GiB of heap while the rest of its limit stays unused, and the ceiling moves with the " +
			"runtime rather than with the limit you wrote. Images built on an older Node may size the heap from the " +
			"node's memory instead of the limit, and are OOM-killed before V8 collects garbage.",
		Remediation: "Add NODE_OPTIONS with --max-old-space-size=<MiB> below the memory limit (75% of it leaves room for " +
			"buffers and native memory: 3072 for 4Gi) to langfuse.web.pod.additionalEnv and langfuse.worker.pod.additionalEnv.",
		Check: checkNodeHeapUncapped,
	},
	{
		ID:       "node-heap-over-limit",
		Severity: finding.Warning,
		Category: Availability,
		Summary:  "NODE_OPTIONS sets a V8 heap ceiling at or above the container's memory limit.",
		Rationale: "The heap is only part of a Node process's memory: V8's young generation, Buffers, thread stacks and " +
			"native libraries (Langfuse loads Prisma's query engine into the process) come on top. With the heap " +
			"ceiling at the limit, the container reaches its memory limit before V8 has to collect garbage, and the " +
			"kernel kills it (OOMKilled, no JavaScript error, in-flight requests and jobs lost).",
		Remediation: "Lower --max-old-space-size to about 75% of limits.memory in MiB (3072 for 4Gi), or raise the limit.",
		Check:       checkNodeHeapOverLimit,
	},
}

// MiB is a mebibyte in bytes.
const MiB = 1 << 20

// HeapPercent is the share of a container's memory limit that valuesmith
// gives the V8 heap (--max-old-space-size): the remaining quarter holds what
// lives outside the JavaScript heap (V8's young generation, Buffers, thread
// stacks, Prisma's native query engine). Langfuse's own build step uses the
// same share (--max-old-space-size-percentage=75 in web/Dockerfile).
const HeapPercent = 75

// HeapMiB is HeapPercent of a memory limit, in whole MiB (rounded down).
func HeapMiB(limit resource.Quantity) int64 {
	return limit.Value() / MiB * HeapPercent / 100
}

// quantityOf parses a CPU or memory value as Kubernetes does; ok is false
// when it is absent or not a quantity (the schema reports those).
func quantityOf(n *values.Node) (resource.Quantity, bool) {
	if n == nil || n.Kind == values.Null || n.Kind == values.Map || n.Kind == values.List {
		return resource.Quantity{}, false
	}
	q, err := resource.ParseQuantity(strings.TrimSpace(n.Text()))
	return q, err == nil
}

// MustQuantity parses a quantity the tool itself writes.
func MustQuantity(s string) resource.Quantity { return resource.MustParse(s) }

func checkResourcesBelowMinimum(c *Context) {
	minima := []struct{ key, want, what string }{
		{"requests.cpu", model.DocumentedMinimum.CPU, "CPU"},
		{"requests.memory", model.DocumentedMinimum.Memory, "memory"},
	}
	for _, comp := range c.Components() {
		src := c.Coalesce(c.Comp(comp)+".resources", "langfuse.resources")
		if src.Node == nil {
			continue // resources-missing
		}
		var low []string
		var first string
		for _, m := range minima {
			q, ok := quantityOf(src.Node.Lookup(m.key))
			if !ok || q.Cmp(MustQuantity(m.want)) >= 0 {
				continue
			}
			low = append(low, fmt.Sprintf("%s %s (minimum %s)", m.what, q.String(), m.want))
			if first == "" {
				first = src.Path + "." + m.key
			}
		}
		if len(low) == 0 {
			continue
		}
		c.Report(c.At(first), "the %s container requests %s: below what Langfuse documents for each %s container",
			comp, strings.Join(low, " and "), comp)
	}
}

// heapCap is a V8 heap ceiling found in NODE_OPTIONS.
type heapCap struct {
	// MiB is --max-old-space-size; 0 when the ceiling is a percentage.
	MiB int
	// Percent is --max-old-space-size-percentage (Node 24); 0 when absent.
	Percent float64
	Where   Where
	Text    string
}

// nodeHeap reads a component's NODE_OPTIONS (the last entry of its
// additionalEnv, as Kubernetes uses it). known is false when the value
// cannot be read from the values (valueFrom, or envFrom that may set it).
func (c *Context) nodeHeap(comp string) (hc *heapCap, known bool) {
	e, found := LastEnv(c.ComponentEnv(comp), "NODE_OPTIONS")
	if !found {
		if Truthy(c.Get("langfuse.additionalEnvFrom")) || Truthy(c.Get(c.Comp(comp)+".pod.additionalEnvFrom")) {
			return nil, false
		}
		return nil, true
	}
	v, literal := e.Value()
	if !literal {
		return nil, false
	}
	fields := strings.Fields(v)
	for i, f := range fields {
		name, arg, hasArg := strings.Cut(f, "=")
		name = strings.ReplaceAll(name, "_", "-")
		if name != "--max-old-space-size" && name != "--max-old-space-size-percentage" {
			continue
		}
		if !hasArg && i+1 < len(fields) {
			arg = fields[i+1]
		}
		where := c.AtNode(e.Node, e.Path)
		if n := e.Node.Get("value"); n != nil && n.FromUser() {
			where = Where{Pos: n.Pos, Path: e.Path + ".value"}
		}
		if name == "--max-old-space-size" {
			if n, err := strconv.Atoi(arg); err == nil && n > 0 {
				hc = &heapCap{MiB: n, Where: where, Text: f}
			}
		} else if p, err := strconv.ParseFloat(arg, 64); err == nil && p > 0 {
			hc = &heapCap{Percent: p, Where: where, Text: f}
		}
	}
	return hc, true
}

// memoryLimit is a component's limits.memory and where it was set.
func (c *Context) memoryLimit(comp string) (resource.Quantity, string, bool) {
	src := c.Coalesce(c.Comp(comp)+".resources", "langfuse.resources")
	if src.Node == nil {
		return resource.Quantity{}, "", false
	}
	q, ok := quantityOf(src.Node.Lookup("limits.memory"))
	return q, src.Path + ".limits.memory", ok && q.Sign() > 0
}

// heapReport is one finding of a heap rule, before components that share
// the value it is about are joined into one.
type heapReport struct {
	where Where
	comps []string
	// msg formats the finding for the components named ("web", or "web
	// and worker").
	msg func(comps string) string
}

// reportJoined reports once for each place, naming every component whose
// finding is about that place (a global value read by both).
func (c *Context) reportJoined(rs []heapReport) {
	var out []heapReport
	for _, r := range rs {
		i := slices.IndexFunc(out, func(o heapReport) bool { return o.where == r.where && o.msg(r.comps[0]) == r.msg(r.comps[0]) })
		if i >= 0 && !r.where.Pos.IsZero() {
			out[i].comps = append(out[i].comps, r.comps...)
			continue
		}
		out = append(out, r)
	}
	for _, r := range out {
		c.Report(r.where, "%s", r.msg(strings.Join(r.comps, " and ")))
	}
}

func checkNodeHeapUncapped(c *Context) {
	var rs []heapReport
	for _, comp := range c.Components() {
		limit, path, ok := c.memoryLimit(comp)
		if !ok {
			continue
		}
		if hc, known := c.nodeHeap(comp); hc != nil || !known {
			continue
		}
		rs = append(rs, heapReport{where: c.At(path), comps: []string{comp}, msg: func(comps string) string {
			return fmt.Sprintf("the %s memory limit is %s, but NODE_OPTIONS sets no --max-old-space-size: Node sizes the heap "+
				"itself (about half the limit on the Node 24 of the Langfuse images); %d%% of the limit is %d MiB",
				comps, limit.String(), HeapPercent, HeapMiB(limit))
		}})
	}
	c.reportJoined(rs)
}

func checkNodeHeapOverLimit(c *Context) {
	var rs []heapReport
	for _, comp := range c.Components() {
		limit, _, ok := c.memoryLimit(comp)
		if !ok {
			continue
		}
		hc, _ := c.nodeHeap(comp)
		if hc == nil {
			continue
		}
		limitMiB := limit.Value() / MiB
		var msg func(string) string
		switch {
		case hc.MiB > 0 && int64(hc.MiB) >= limitMiB:
			msg = func(comps string) string {
				return fmt.Sprintf("%s lets the %s heap grow to %d MiB, not below the %s memory limit (%d MiB): the container "+
					"is OOM-killed before V8 collects garbage; %d%% of the limit is %d MiB", hc.Text, comps, hc.MiB, limit.String(), limitMiB, HeapPercent, HeapMiB(limit))
			}
		case hc.Percent >= 100:
			msg = func(comps string) string {
				return fmt.Sprintf("%s lets the %s heap grow to the whole %s memory limit: the container is OOM-killed before V8 collects garbage",
					hc.Text, comps, limit.String())
			}
		default:
			continue
		}
		rs = append(rs, heapReport{where: hc.Where, comps: []string{comp}, msg: msg})
	}
	c.reportJoined(rs)
}
