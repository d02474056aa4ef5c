package model

import (
	"slices"
	"strings"
)

// StoreFacts are the facts of a release's bundled stores, and the store
// keys whose path differs between releases.
type StoreFacts struct {
	// Bundled lists the stores the chart can deploy itself, in the chart's
	// order.
	Bundled []BundledStore
	// ClickHouseCluster is the key that keeps ClickHouse cluster mode (DDL
	// ON CLUSTER) on for an external ClickHouse, true by default.
	ClickHouseCluster string
	// RedisPolicy is where the bundled Redis gets its memory policy, which
	// must be noeviction.
	RedisPolicy RedisPolicy
	// ClickHouseAPIs are the API versions the bundled ClickHouse needs the
	// cluster to serve (an operator's custom resources); none when a
	// sub-chart deploys it.
	ClickHouseAPIs []string
	// CRDCheck, when set, is the chart's check that the ClickHouse
	// operator's APIs are served before it renders the bundled ClickHouse.
	CRDCheck *CRDCheck
	// Secrets are the store passwords that can come from an existing
	// Secret instead of a literal.
	Secrets []StoreSecret
	// Sections are the store sections the chart hands to a sub-chart, with
	// the keys something reads; nil when no sub-chart gets a section.
	Sections []StoreSection
	// ClickHouseTLS is how Langfuse chooses TLS for ClickHouse.
	ClickHouseTLS *ClickHouseTLS
}

// CRDCheck is a render-time check of the cluster's APIs: with Key and
// Deploy true, the chart fails unless every API of Needs whose When key is
// empty or true is offered.
type CRDCheck struct {
	Key, Deploy string
	Needs       []APINeed
}

// APINeed is an API version (group/version/Kind) a check requires, when
// the key When is true (always when When is empty).
type APINeed struct {
	API, When string
}

// StoreSecret is where a store keeps its password when it comes from an
// existing Secret.
type StoreSecret struct {
	// Password is the literal's key, Existing the Secret's name key.
	Password, Existing string
	// KeyField names the key inside the Secret; empty when the store needs
	// more than one key (then moving the literal is left to a person).
	KeyField string
}

// StoreSecret returns the existing-Secret support of the literal password
// at path.
func (s *StoreFacts) StoreSecret(path string) (StoreSecret, bool) {
	for _, sec := range s.Secrets {
		if sec.Password == path {
			return sec, true
		}
	}
	return StoreSecret{}, false
}

// RedisPolicy is where the bundled Redis' memory policy is set: a line of a
// config file held in a string, or an item of a list of server flags.
type RedisPolicy struct {
	// Key is the values key.
	Key string
	// Flags: Key is a list of command-line flags, and the policy is the item
	// FlagPrefix + " noeviction"; otherwise Key is config text with the line
	// ConfigPrefix + " noeviction".
	Flags bool
}

// Prefixes of the memory-policy setting in config text and as a flag.
const (
	ConfigPrefix = "maxmemory-policy"
	FlagPrefix   = "--maxmemory-policy"
)

// NoEviction is the setting the chart looks for.
func (p RedisPolicy) NoEviction() string {
	if p.Flags {
		return FlagPrefix + " noeviction"
	}
	return ConfigPrefix + " noeviction"
}

// BundledStore is a store the chart deploys when <Key>.deploy is true.
type BundledStore struct {
	// Key is the store's values section (postgresql, redis, clickhouse, s3).
	Key string
	// Name says what the chart deploys, for messages: "S3 (SeaweedFS)".
	Name string
	// Single says why the bundled store is not highly available.
	Single string
	// ReplicasKey, when set, is the replica count of a store that the chart
	// replicates at 2 or more; ReplicasDefault is its template fallback.
	ReplicasKey     string
	ReplicasDefault int
	// Images are the store's image tags.
	Images []StoreImage
}

// StoreImage is the image tag of one bundled store workload.
type StoreImage struct {
	// Tag is the values key of the tag.
	Tag string
	// Name is the workload, for messages.
	Name string
	// Parts is how many version parts a tag needs before it stops moving
	// (18.1 for PostgreSQL, 8.0.2 for Valkey).
	Parts int
	// EmptyPinned says an empty tag keeps the sub-chart's own tag, which
	// that sub-chart release pins to a full version; otherwise an empty tag
	// is the sub-chart's moving default.
	EmptyPinned bool
	// Default, when set, is the tag the store runs while Tag is unset and
	// the chart's values.yaml does not say it (the sub-chart's appVersion),
	// for messages.
	Default string
}

// StoreImage returns the image of a bundled store whose tag key is tag.
func (s *StoreFacts) StoreImage(tag string) (*StoreImage, bool) {
	for i := range s.Bundled {
		for j := range s.Bundled[i].Images {
			if s.Bundled[i].Images[j].Tag == tag {
				return &s.Bundled[i].Images[j], true
			}
		}
	}
	return nil, false
}

// BundledStore returns the facts of the store in values section key, or
// nil when the release cannot deploy it.
func (s *StoreFacts) BundledStore(key string) *BundledStore {
	for i := range s.Bundled {
		if s.Bundled[i].Key == key {
			return &s.Bundled[i]
		}
	}
	return nil
}

// StoreSecrets are the store passwords that charts 1.5.x and 2.0.x both
// read from an existing Secret, with the same keys.
func StoreSecrets() []StoreSecret {
	return []StoreSecret{
		{Password: "postgresql.auth.password", Existing: "postgresql.auth.existingSecret", KeyField: "postgresql.auth.secretKeys.userPasswordKey"},
		{Password: "redis.auth.password", Existing: "redis.auth.existingSecret", KeyField: "redis.auth.existingSecretPasswordKey"},
		{Password: "redis.sentinel.password", Existing: "redis.sentinel.existingSecret"},
		{Password: "clickhouse.auth.password", Existing: "clickhouse.auth.existingSecret", KeyField: "clickhouse.auth.existingSecretKey"},
		{Password: "s3.auth.rootPassword", Existing: "s3.auth.existingSecret"},
	}
}

// StoreSection is a store's values section that the chart hands whole to a
// sub-chart (its alias): the chart's own templates read some of its keys,
// the sub-chart others, and nothing reads the rest. Helm keeps a key that
// neither reads without a word, so a setting written there is lost.
type StoreSection struct {
	// Key is the values section (postgresql, redis, s3).
	Key string
	// Name is the store, for messages: "PostgreSQL".
	Name string
	// SubChart names the sub-chart and its pinned version, for messages:
	// "groundhog2k/postgres 1.6.3".
	SubChart string
	// Reads are the keys directly below Key that the chart's templates or
	// the sub-chart's templates read. Keys below them are not judged: a
	// sub-chart may pass maps on as they are.
	Reads []string
	// Fixed are keys the chart's own values.yaml lists that nothing reads,
	// with the value the store runs with whatever they say: a key written
	// with that value changes nothing and is not reported (a copy of the
	// chart's defaults is no mistake); any other value is ignored.
	Fixed map[string]string
	// Homes say, for keys that nothing reads, which key holds that setting
	// in this release: keys of older charts directly below Key, and dotted
	// keys below a key that is read (allInOne.image, which the chart's
	// values.yaml lists but no template reads).
	Homes map[string]string
	// Image, when set, is the image the sub-chart runs and the image
	// families it cannot run.
	Image *SubChartImage
}

// SubChartImage is the image of a store's sub-chart workload.
type SubChartImage struct {
	// Repository is the values key of the image repository.
	Repository string
	// Runs says which image the sub-chart is made for, for messages.
	Runs string
	// Foreign are repository path segments (an image namespace such as
	// bitnami) of images whose entrypoint, environment and data layout the
	// sub-chart does not drive.
	Foreign []string
}

// Section returns the sub-chart section facts of values section key, or
// nil when the release hands that section to no sub-chart.
func (s *StoreFacts) Section(key string) *StoreSection {
	for i := range s.Sections {
		if s.Sections[i].Key == key {
			return &s.Sections[i]
		}
	}
	return nil
}

// ForeignImage returns the namespace segment of repo that marks an image the
// sub-chart cannot run, or "" when repo is not one of them.
func (im *SubChartImage) ForeignImage(repo string) string {
	for _, seg := range strings.Split(strings.ToLower(strings.TrimSpace(repo)), "/") {
		if slices.Contains(im.Foreign, seg) {
			return seg
		}
	}
	return ""
}

// ClickHouseTLS is how the chart chooses the protocol of CLICKHOUSE_URL:
// https only when the host starts with HTTPSPrefix (Sprig's hasPrefix, so
// case matters); otherwise, and for the bundled ClickHouse, plain http.
type ClickHouseTLS struct {
	// Host and Deploy are the values keys of the external host and of the
	// bundled ClickHouse.
	Host, Deploy string
	// HTTPSPrefix is the host prefix that makes the chart use https.
	HTTPSPrefix string
	// URLEnv is the variable Langfuse queries ClickHouse with; an entry of
	// that name in langfuse.additionalEnv decides instead of the host.
	URLEnv string
	// SuppressEnv is the variable whose entry in langfuse.additionalEnv
	// makes the chart emit no ClickHouse variable at all.
	SuppressEnv string
}

// CommonClickHouseTLS is the ClickHouse protocol choice of charts 1.5.x and
// 2.0.x, whose templates pick it the same way.
func CommonClickHouseTLS() *ClickHouseTLS {
	return &ClickHouseTLS{Host: "clickhouse.host", Deploy: "clickhouse.deploy", HTTPSPrefix: "https://", URLEnv: "CLICKHOUSE_URL",
		SuppressEnv: "CLICKHOUSE_MIGRATION_URL"}
}
