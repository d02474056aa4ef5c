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
	// CRDCheck, when set, is the chart's check that the ClickHouse
	// operator's APIs are served before it renders the bundled ClickHouse.
	CRDCheck *CRDCheck
	// Secrets are the store passwords that can come from an existing
	// Secret instead of a literal.
	Secrets []StoreSecret
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
