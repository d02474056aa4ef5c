package v15

//go:generate go run ../../internal/values/gotree/gen -o defaults_tree.go -var defaultsTree defaults-1.5.41.yaml

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

//go:embed defaults-1.5.41.yaml
var defaults []byte

// Release returns what valuesmith knows about chart 1.5.x.
func Release() *model.Release {
	return &model.Release{
		Chart:        "1.5.41",
		AppVersion:   "3.224.1",
		Dir:          "v15",
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
	}
}

// stores are the facts of the bundled stores of chart 1.5.x: Bitnami
// sub-charts, whose empty image tags keep the full version each sub-chart
// release pins.
var stores = &model.StoreFacts{
	Bundled: []model.BundledStore{
		{Key: "postgresql", Name: "PostgreSQL (Bitnami)", Single: "one PostgreSQL primary without automatic failover",
			Images: []model.StoreImage{{Tag: "postgresql.image.tag", Name: "PostgreSQL", Parts: 2, EmptyPinned: true}}},
		{Key: "redis", Name: "Redis (Bitnami Valkey)", Single: "one Valkey primary without automatic failover; while it restarts ingestion stops",
			Images: []model.StoreImage{{Tag: "redis.image.tag", Name: "Valkey", Parts: 3, EmptyPinned: true}}},
		{Key: "clickhouse", Name: "ClickHouse (Bitnami)", Single: "a single ClickHouse replica (clickhouse.replicaCount is below 2)",
			ReplicasKey: "clickhouse.replicaCount", ReplicasDefault: 3,
			Images: []model.StoreImage{
				{Tag: "clickhouse.image.tag", Name: "ClickHouse", Parts: 3, EmptyPinned: true},
				{Tag: "clickhouse.zookeeper.image.tag", Name: "ZooKeeper", Parts: 3, EmptyPinned: true},
			}},
		{Key: "s3", Name: "S3 (Bitnami MinIO)", Single: "one MinIO pod holding every event and media object",
			Images: []model.StoreImage{{Tag: "s3.image.tag", Name: "MinIO", Parts: 3, EmptyPinned: true}}},
	},
	ClickHouseCluster: "clickhouse.clusterEnabled",
	RedisPolicy:       model.RedisPolicy{Key: "redis.primary.extraFlags", Flags: true},
	Secrets:           model.StoreSecrets(),
	ClickHouseTLS:     model.CommonClickHouseTLS(),
}
