package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/valuesmith/valuesmith/internal/finding"
	"github.com/valuesmith/valuesmith/internal/suggest"
	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema/model"
)

// subchartRules judge the store sections the chart hands whole to a
// sub-chart, whose schema lets any key through.
var subchartRules = []*Rule{
	{
		ID:       "store-key-ignored",
		Severity: finding.Error,
		Category: Stores,
		Summary:  "A key under postgresql, redis or s3 that neither the chart nor the store's sub-chart reads.",
		Rationale: "Chart 2.x passes each store section whole to its sub-chart (groundhog2k/postgres, valkey-io/valkey, " +
			"seaweedfs), so the schema cannot reject a key there, and Helm keeps a key nobody reads without a word. " +
			"Keys of chart 1.x's Bitnami sub-charts are the usual case: postgresql.enabled: false (meant as \"use my " +
			"managed database\") leaves postgresql.deploy at true and installs the bundled PostgreSQL; redis.master, " +
			"redis.commonConfiguration, s3.persistence and s3.resources size and configure nothing. Only keys directly " +
			"below the section are judged, against what the chart's templates and the pinned sub-chart's templates read, " +
			"and s3.allInOne.image: chart 2.0.0's values.yaml lists it, but the seaweedfs sub-chart takes the " +
			"SeaweedFS image from s3.image, so a tag written there does not run.",
		Remediation: "Move the setting to the key chart 2.x reads (the message names it: postgresql.deploy, " +
			"redis.valkeyConfig, s3.allInOne.data, s3.image, ...) or delete the key.",
		Versions: "~2.0.0",
		Check:    checkStoreKeyIgnored,
	},
	{
		ID:       "store-image-incompatible",
		Severity: finding.Error,
		Category: Stores,
		Summary:  "The bundled PostgreSQL, Valkey or SeaweedFS of chart 2.x is given a Bitnami or MinIO image, which its sub-chart cannot run.",
		Rationale: "Chart 1.x ran Bitnami images for its stores, and a values file often pins them (postgresql.image." +
			"repository: bitnami/postgresql). Chart 2.x's sub-charts read the same keys but are made for the upstream " +
			"images: they set the upstream entrypoint's environment, configuration files and data directory, which a " +
			"Bitnami image ignores, so the store starts with other settings than written or does not start. The same " +
			"goes for s3.image: chart 1.x's MinIO image (bitnamilegacy/minio), which the seaweedfs sub-chart of chart " +
			"2.x would run as its all-in-one SeaweedFS pod.",
		Remediation: "Delete postgresql.image.repository, redis.image.repository and s3.image.repository (the " +
			"defaults are the upstream postgres, valkey/valkey and chrislusf/seaweedfs images), or name a mirror of " +
			"those images.",
		Versions: "~2.0.0",
		Check:    checkStoreImageIncompatible,
	},
}

func checkStoreKeyIgnored(c *Context) {
	for _, sec := range c.Chart.Stores.Sections {
		sectionNode := c.User.Get(sec.Key)
		if sectionNode == nil || sectionNode.Kind != values.Map {
			continue
		}
		modelled := c.modelledKeys(&sec)
		for _, f := range sectionNode.Fields {
			fixed, isFixed := sec.Fixed[f.Key]
			if slices.Contains(sec.Reads, f.Key) || isFixed && f.Value.Text() == fixed || c.legacyKey(sec.Key+"."+f.Key) {
				continue
			}
			if suggest.Closest(f.Key, modelled) != "" {
				continue // schema validation names it as a misspelt key of the model
			}
			c.Report(Where{Pos: f.KeyPos, Path: sec.Key + "." + f.Key}, "%s", ignoredKeyMessage(c, &sec, f.Key))
		}
		c.reportNestedIgnored(&sec)
	}
}

// reportNestedIgnored reports the dotted keys of sec's Homes that the user
// wrote: keys below a key that is read, which nothing reads themselves.
func (c *Context) reportNestedIgnored(sec *model.StoreSection) {
	keys := make([]string, 0, len(sec.Homes))
	for k := range sec.Homes {
		if strings.Contains(k, ".") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if f := c.UserField(sec.Key + "." + k); f != nil {
			c.Report(Where{Pos: f.KeyPos, Path: sec.Key + "." + k}, "%s", ignoredKeyMessage(c, sec, k))
		}
	}
}

// modelledKeys are the keys of sec that the model lists: schema validation
// reports near misses of those itself.
func (c *Context) modelledKeys(sec *model.StoreSection) []string {
	var out []string
	keys := slices.Clone(sec.Reads)
	for k := range sec.Fixed {
		keys = append(keys, k)
	}
	for _, k := range keys {
		if ok, _ := c.Chart.Admits(sec.Key + "." + k); ok {
			out = append(out, k)
		}
	}
	return out
}

// legacyKey reports whether schema validation already names path as a key
// of the previous chart major (one root cause, one finding).
func (c *Context) legacyKey(path string) bool {
	for _, m := range c.Chart.Moves {
		if path == m.Path || strings.HasPrefix(path, m.Path+".") {
			return true
		}
	}
	return false
}

func ignoredKeyMessage(c *Context, sec *model.StoreSection, key string) string {
	path := sec.Key + "." + key
	msg := "nothing in chart " + c.Chart.Chart + " reads " + path + ": neither the chart's templates nor the " +
		sec.SubChart + " sub-chart"
	if fixed, ok := sec.Fixed[key]; ok {
		return msg + "; the store runs with " + key + " " + fixed + " whatever it says"
	}
	home, ok := sec.Homes[key]
	if !ok {
		if near := suggest.Closest(key, sec.Reads); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		return msg
	}
	msg += "; chart 2.x reads " + home
	if b := c.Chart.Stores.BundledStore(sec.Key); b != nil && home == sec.Key+".deploy" {
		if c.Bool(home) {
			msg += ", which is true: the bundled " + b.Name + " is deployed"
		} else {
			msg += ", which is false: no " + b.Name + " is deployed"
		}
	}
	if img, ok := c.Chart.Stores.StoreImage(home + ".tag"); ok {
		msg += runningTag(c, img)
	}
	return msg
}

// runningTag says which tag a bundled store image runs with, for a key
// written in place of the image's own keys.
func runningTag(c *Context, img *model.StoreImage) string {
	if tag := c.Str(img.Tag); tag != "" {
		return fmt.Sprintf(" (the %s pod runs tag %q, from %s)", img.Name, tag, img.Tag)
	}
	if img.Default != "" {
		return fmt.Sprintf(" (%s is unset, so the %s pod runs tag %q, the sub-chart's appVersion)", img.Tag, img.Name, img.Default)
	}
	return ""
}

func checkStoreImageIncompatible(c *Context) {
	for _, sec := range c.Chart.Stores.Sections {
		im := sec.Image
		if im == nil || !c.Bool(sec.Key+".deploy") {
			continue
		}
		f := c.UserField(im.Repository)
		if f == nil {
			continue
		}
		if ns := im.ForeignImage(f.Value.Text()); ns != "" {
			c.Report(c.AtNode(f.Value, im.Repository), "%s %q is a %s image: the %s sub-chart of chart %s is made for %s, "+
				"whose entrypoint, environment and data directory it sets up", im.Repository, f.Value.Text(), ns, sec.SubChart,
				c.Chart.Chart, im.Runs)
		}
	}
}
