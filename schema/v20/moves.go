package v20

import "github.com/valuesmith/valuesmith/schema/model"

// moves lists the chart 1.5.x keys that chart 2.0.0 no longer reads.
// s3.image is not one: chart 2.0.0 reads it as the SeaweedFS image (see
// upgrade's Reused).
var moves = []model.Move{
	{Path: "global.security.allowInsecureImages", Note: "it existed for the Bitnami sub-charts, which chart 2.x no longer uses"},
	{Path: "postgresql.architecture", Note: "the bundled PostgreSQL of chart 2.x is single-instance; for high availability use an external database (postgresql.deploy: false)"},
	{Path: "postgresql.primary", Note: "it configured the Bitnami sub-chart of chart 1.x; chart 2.x reads postgresql.resources, postgresql.service, postgresql.storage and the other top-level postgresql keys"},
	{Path: "redis.architecture", Note: "the bundled Valkey of chart 2.x is standalone; read replicas are redis.replica"},
	{Path: "redis.primary.extraFlags", NewPath: "redis.valkeyConfig", Note: "flags became valkey.conf lines: write maxmemory-policy noeviction there", Convert: flagsToConfig, Bundled: true},
	{Path: "redis.primary", Note: "it configured the Bitnami sub-chart of chart 1.x; chart 2.x reads redis.resources, redis.dataStorage and redis.valkeyConfig"},
	{Path: "clickhouse.clusterEnabled", NewPath: "clickhouse.cluster.enabled", Note: "chart 2.x ignores the old key, so cluster mode silently falls back to its default (on)", Carry: true},
	{Path: "clickhouse.replicaCount", NewPath: "clickhouse.cluster.replicas", Note: "the default changed from 3 to 1", Carry: true, Bundled: true},
	{Path: "clickhouse.shards", Note: "chart 2.x always runs one shard"},
	{Path: "clickhouse.resourcesPreset", NewPath: "clickhouse.cluster.resources", Note: "give explicit requests and limits instead of a preset"},
	{Path: "clickhouse.zookeeper", NewPath: "clickhouse.keeper", Note: "ClickHouse Keeper replaced ZooKeeper"},
	{Path: "clickhouse.image", NewPath: "clickhouse.cluster.image", Note: "the ClickHouse image moved under cluster"},
}
