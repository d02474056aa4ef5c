package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/lazyre"
)

var imageRules = []*Rule{
	{
		ID:       "image-tag-floating",
		Severity: finding.Error,
		Category: Images,
		Summary:  "The web or worker image uses a tag that moves (latest, an empty tag, a major-only tag, a branch name).",
		Rationale: "A moving tag pulls a different Langfuse build whenever a node pulls the image again: pods of one " +
			"Deployment run different versions, a rollback does not roll back, and a release with database migrations " +
			"can arrive unannounced. The chart pulls with imagePullPolicy Always by default, so this happens on every " +
			"pod start.",
		Remediation: "Set langfuse.image.tag to a full release version such as \"4.4.0\" (or per-component tags with a digest).",
		Check:       checkImageTagFloating,
	},
	{
		ID:       "image-tag-implicit",
		Severity: finding.Warning,
		Category: Images,
		Summary:  "No image tag is set, so the image follows the chart's appVersion.",
		Rationale: "Without a tag the chart uses its appVersion. Upgrading the chart for an unrelated change then " +
			"upgrades Langfuse too, including its database migrations (chart 2.0.0 moved from Langfuse 3 to 4).",
		Remediation: "Set langfuse.image.tag to the Langfuse version you run (the chart's appVersion, or the version you tested).",
		Check:       checkImageTagImplicit,
	},
	{
		ID:       "image-version-skew",
		Severity: finding.Error,
		Category: Images,
		Summary:  "The web and worker images resolve to different Langfuse versions.",
		Rationale: "Web and worker share the database schema and the queue format. Running two versions side by side " +
			"means one of them talks to a schema or job format it does not know.",
		Remediation: "Give both components the same version: set langfuse.image.tag only, or the same version in langfuse.web.image.tag and langfuse.worker.image.tag.",
		Check:       checkImageVersionSkew,
	},
	{
		ID:       "image-digest-missing",
		Severity: finding.Info,
		Category: Images,
		OptIn:    true,
		Summary:  "An image tag is not pinned to a digest.",
		Rationale: "A tag can be re-pushed; a digest cannot. Web and worker are different images, so each needs its own " +
			"digest, in the per-component tag (the chart has no digest key: \"4.4.0@sha256:...\" in the tag works).",
		Remediation: "Set langfuse.web.image.tag and langfuse.worker.image.tag to \"<version>@sha256:<digest>\" with each image's own digest.",
		Check:       checkImageDigestMissing,
	},
	{
		ID:       "store-image-floating",
		Severity: finding.Warning,
		Category: Images,
		Summary:  "A bundled store (deploy: true) uses an image tag that moves, such as postgres:18 or valkey:8.0.",
		Rationale: "Chart 2.x's defaults pin PostgreSQL, Valkey and ClickHouse to a major or minor line only (chart 1.x's " +
			"Bitnami sub-charts pin full versions unless a tag is set; chart 2.x's SeaweedFS runs its sub-chart's " +
			"appVersion, a full release, while s3.image.tag is unset). A pod restart can then pull a newer store release " +
			"than the one tested, and PostgreSQL or ClickHouse data files do not always downgrade.",
		Remediation: "Pin the store image to a full version (postgresql.image.tag: \"18.1\", redis.image.tag: \"8.0.2\"; in chart 2.x clickhouse.cluster.image.tag: \"26.4.2.17\", s3.image.tag: \"4.23\").",
		Check:       checkStoreImageFloating,
	},
}

var (
	digestRE   = lazyre.New(`@sha256:[0-9a-f]{64}$`)
	majorOnly  = lazyre.New(`^v?[0-9]+$`)
	majorMinor = lazyre.New(`^v?[0-9]+\.[0-9]+$`)
)

// movingWords are tags that name a channel or branch rather than a release.
var movingWords = map[string]bool{
	"latest": true, "main": true, "master": true, "stable": true, "edge": true, "dev": true,
	"develop": true, "nightly": true, "next": true, "beta": true, "alpha": true, "canary": true,
}

// floatingReason says why a Langfuse image tag moves, or "" when it is
// pinned. A digest pins whatever the tag says.
func floatingReason(tag string) string {
	if digestRE.MatchString(tag) {
		return ""
	}
	switch t := strings.TrimSpace(tag); {
	case t == "":
		return "is empty"
	case movingWords[strings.ToLower(t)]:
		return fmt.Sprintf("%q names a channel, not a release", t)
	case majorOnly.MatchString(t), majorMinor.MatchString(t):
		return fmt.Sprintf("%q is a version line that moves with every release", t)
	}
	return ""
}

func checkImageTagFloating(c *Context) {
	// Components that inherit one tag share its root cause: one finding at
	// the key that sets it, naming every component it floats.
	type floating struct {
		where Where
		why   string
		comps []string
	}
	var found []*floating
	for _, comp := range c.Components() {
		it := c.ImageTagOf(comp)
		why := floatingReason(it.Tag)
		if why == "" {
			continue
		}
		where := c.At(c.Comp(comp) + ".image.tag")
		if it.From != "" {
			where = c.At(it.From)
		}
		i := slices.IndexFunc(found, func(f *floating) bool { return f.where == where && f.why == why })
		if i < 0 {
			found = append(found, &floating{where: where, why: why})
			i = len(found) - 1
		}
		found[i].comps = append(found[i].comps, comp)
	}
	for _, f := range found {
		c.Report(f.where, "the %s image tag %s", strings.Join(f.comps, " and "), f.why)
	}
}

func checkImageTagImplicit(c *Context) {
	if c.SetByUser("langfuse.image.tag") && Truthy(c.Get("langfuse.image.tag")) {
		return
	}
	var untagged []string
	for _, comp := range c.Components() {
		if !Truthy(c.Get(c.Comp(comp) + ".image.tag")) {
			untagged = append(untagged, comp)
		}
	}
	switch len(untagged) {
	case 0:
	case 1:
		c.Report(c.At("langfuse.image.tag"), "the %s image follows the chart's appVersion (%s); a chart upgrade upgrades Langfuse", untagged[0], c.Chart.AppVersion)
	default:
		c.Report(c.At("langfuse.image.tag"), "the web and worker images follow the chart's appVersion (%s); a chart upgrade upgrades Langfuse", c.Chart.AppVersion)
	}
}

// versionOf strips a digest from a tag.
func versionOf(tag string) string {
	v, _, _ := strings.Cut(tag, "@")
	return strings.TrimPrefix(v, "v")
}

func checkImageVersionSkew(c *Context) {
	web, worker := c.ImageTagOf("web"), c.ImageTagOf("worker")
	if versionOf(web.Tag) == versionOf(worker.Tag) {
		return
	}
	// Report at the tag that differs from the global one, or the worker's.
	at := worker.From
	if at == "" || at == "langfuse.image.tag" {
		at = web.From
	}
	if at == "" {
		at = c.Comp("worker") + ".image.tag"
	}
	c.Report(c.At(at), "web runs %q and worker runs %q", versionOf(web.Tag), versionOf(worker.Tag))
}

func checkImageDigestMissing(c *Context) {
	for _, comp := range c.Components() {
		it := c.ImageTagOf(comp)
		if digestRE.MatchString(it.Tag) {
			continue
		}
		path := c.Comp(comp) + ".image.tag"
		c.Report(c.At(path), "the %s image tag %q has no @sha256 digest", comp, it.Tag)
	}
}

func checkStoreImageFloating(c *Context) {
	for _, st := range c.Chart.Stores.Bundled {
		if !c.Bool(st.Key + ".deploy") {
			continue
		}
		for _, img := range st.Images {
			tag := strings.TrimSpace(c.Str(img.Tag))
			if digestRE.MatchString(tag) || tag == "" && img.EmptyPinned {
				continue
			}
			v := strings.TrimPrefix(strings.SplitN(tag, "-", 2)[0], "v")
			if tag != "" && !movingWords[strings.ToLower(tag)] && len(strings.Split(v, ".")) >= img.Parts {
				continue
			}
			shown := tag
			if shown == "" {
				shown = "(empty)"
			}
			c.Report(c.At(img.Tag), "the bundled %s image tag %q moves; pin a full version", img.Name, shown)
		}
	}
}
