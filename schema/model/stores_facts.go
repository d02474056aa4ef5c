package model

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
