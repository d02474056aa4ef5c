package v20

//go:generate go run ../../internal/values/gotree/gen -o defaults_tree.go -var defaultsTree defaults-2.0.0.yaml

import (
	_ "embed"

	"github.com/valuesmith/valuesmith/schema/model"
)

//go:embed values.schema.json
var schemaJSON []byte

//go:embed validation.schema.json
var validationJSON []byte

//go:embed paths.txt
var paths string

//go:embed defaults-2.0.0.yaml
var defaults []byte

// Release returns what valuesmith knows about chart 2.0.x.
func Release() *model.Release {
	return &model.Release{
		Chart:        "2.0.0",
		AppVersion:   "4.4.0",
		Dir:          "v20",
		Root:         &Values{},
		Schema:       schemaJSON,
		Validation:   validationJSON,
		Paths:        paths,
		Defaults:     defaults,
		DefaultsTree: defaultsTree,
		Moves:        moves,
		Workloads:    model.LangfuseWorkloads(),
		Refusals:     refusals,

		SchemaRefusals: model.CommonSchemaRefusals(),
		Stores:         stores,

		GeneratesAppSecrets:   true,
		KeepsGeneratedSecrets: true,
		Upgrade:               upgrade,
	}
}

// stores are the facts of the bundled stores of chart 2.0.x: sub-charts of
// groundhog2k (PostgreSQL), valkey-io (Valkey) and SeaweedFS, and a
// ClickHouse cluster run by the ClickHouse operator. The default image
// tags of PostgreSQL, Valkey and ClickHouse name a major or minor line
// only; SeaweedFS runs its sub-chart's appVersion.
var stores = &model.StoreFacts{
	Bundled: []model.BundledStore{
		{Key: "postgresql", Name: "PostgreSQL", Single: "a single PostgreSQL pod without failover",
			Images: []model.StoreImage{{Tag: "postgresql.image.tag", Name: "PostgreSQL", Parts: 2}}},
		{Key: "redis", Name: "Redis (Valkey)", Single: "a single Valkey primary without failover; while it restarts ingestion stops",
			Images: []model.StoreImage{{Tag: "redis.image.tag", Name: "Valkey", Parts: 3}}},
		{Key: "clickhouse", Name: "ClickHouse", Single: "a single ClickHouse replica (clickhouse.cluster.replicas is below 2)",
			ReplicasKey: "clickhouse.cluster.replicas", ReplicasDefault: 1,
			Images: []model.StoreImage{
				{Tag: "clickhouse.cluster.image.tag", Name: "ClickHouse", Parts: 3},
				{Tag: "clickhouse.keeper.image.tag", Name: "ClickHouse Keeper", Parts: 3},
			}},
		// The seaweedfs 4.23.0 sub-chart takes the all-in-one pod's image
		// (and its bucket hook's) from its own image.registry, repository
		// and tag, that is s3.image.*, the tag falling back to its
		// appVersion "4.23", a full SeaweedFS release. The chart's
		// values.yaml sets s3.allInOne.image, which nothing reads.
		{Key: "s3", Name: "S3 (SeaweedFS)", Single: "one SeaweedFS all-in-one pod holding every event and media object",
			Images: []model.StoreImage{{Tag: "s3.image.tag", Name: "SeaweedFS", Parts: 2, EmptyPinned: true, Default: "4.23"}}},
	},
	ClickHouseCluster: "clickhouse.cluster.enabled",
	RedisPolicy:       model.RedisPolicy{Key: "redis.valkeyConfig"},
	ClickHouseAPIs: []string{"clickhouse.com/v1alpha1", "clickhouse.com/v1alpha1/ClickHouseCluster",
		"clickhouse.com/v1alpha1/KeeperCluster"},
	CRDCheck: &model.CRDCheck{Key: "clickhouse.crdCheck", Deploy: "clickhouse.deploy", Needs: []model.APINeed{
		{API: "clickhouse.com/v1alpha1/ClickHouseCluster"},
		{API: "clickhouse.com/v1alpha1/KeeperCluster", When: "clickhouse.keeper.enabled"},
	}},
	Secrets:       model.StoreSecrets(),
	Sections:      sections,
	ClickHouseTLS: model.CommonClickHouseTLS(),
}
