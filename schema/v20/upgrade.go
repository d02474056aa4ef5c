package v20

import (
	"errors"
	"strings"

	"github.com/valuesmith/valuesmith/internal/values"
	"github.com/valuesmith/valuesmith/schema/model"
)

// upgrade is how values of chart 1.5.x become values of chart 2.0.0, as the
// chart's examples/upgrade-v1-to-v2 guide and the two charts' values show it:
// Bitnami sub-charts (PostgreSQL, Valkey, ClickHouse with ZooKeeper, MinIO)
// gave way to groundhog2k/postgres, valkey-io/valkey, a ClickHouse operator
// cluster with ClickHouse Keeper, and SeaweedFS.
var upgrade = &model.Upgrade{
	From:     "1.5.41",
	Guide:    "https://github.com/langfuse/langfuse-k8s/tree/langfuse-2.0.0/examples/upgrade-v1-to-v2",
	Settings: subchartSettings,
	Defaults: changedDefaults,
	Copies:   storeCopies,
	Reused:   reused,
	Images:   []string{"postgresql.image", "redis.image"},
	Buckets:  &model.BucketKeys{Bucket: "s3.bucket", Fallback: "s3.defaultBuckets", Created: "s3.allInOne.s3.createBuckets"},
}

// reused are the keys chart 1.x read for its Bitnami MinIO that chart 2.0.0
// reads for SeaweedFS: the seaweedfs 4.23.0 sub-chart builds the all-in-one
// pod's image from s3.image.registry, repository and tag, so chart 1.x's
// MinIO image (bitnamilegacy/minio, a tag such as 2024.12.18-debian-12-r1)
// left there would run in the SeaweedFS pod, or fail to pull.
var reused = []model.Move{
	{Path: "s3.image", Note: "chart 1.x's MinIO image; chart 2.x reads s3.image as the SeaweedFS image (unset: chrislusf/seaweedfs with the sub-chart's appVersion), so a MinIO image left there would run in the SeaweedFS pod"},
}

// subchartSettings are Bitnami sub-chart settings of chart 1.x with the same
// meaning in a chart 2.x key: volume sizes and classes, resources and
// scheduling of each bundled store.
var subchartSettings = []model.Move{
	carry("postgresql.primary.persistence.size", "postgresql.storage.requestedSize"),
	carry("postgresql.primary.persistence.storageClass", "postgresql.storage.className"),
	carry("postgresql.primary.resources", "postgresql.resources"),
	carry("postgresql.primary.nodeSelector", "postgresql.nodeSelector"),
	carry("postgresql.primary.tolerations", "postgresql.tolerations"),
	carry("postgresql.primary.affinity", "postgresql.affinity"),
	carry("postgresql.primary.service.ports.postgresql", "postgresql.service.port"),
	carry("redis.primary.persistence.enabled", "redis.dataStorage.enabled"),
	carry("redis.primary.persistence.size", "redis.dataStorage.requestedSize"),
	carry("redis.primary.persistence.storageClass", "redis.dataStorage.className"),
	carry("redis.primary.resources", "redis.resources"),
	carry("clickhouse.persistence.size", "clickhouse.cluster.storage.size"),
	carry("clickhouse.persistence.storageClass", "clickhouse.cluster.storage.className"),
	carry("clickhouse.resources", "clickhouse.cluster.resources"),
	carry("clickhouse.nodeSelector", "clickhouse.cluster.nodeSelector"),
	carry("clickhouse.tolerations", "clickhouse.cluster.tolerations"),
	carry("clickhouse.affinity", "clickhouse.cluster.affinity"),
	carry("clickhouse.zookeeper.replicaCount", "clickhouse.keeper.replicas"),
	carry("clickhouse.zookeeper.persistence.size", "clickhouse.keeper.storage.size"),
	carry("clickhouse.zookeeper.persistence.storageClass", "clickhouse.keeper.storage.className"),
	carry("clickhouse.zookeeper.resources", "clickhouse.keeper.resources"),
	carry("s3.persistence.size", "s3.allInOne.data.size"),
	carry("s3.persistence.storageClass", "s3.allInOne.data.storageClass"),
	carry("s3.resources", "s3.allInOne.resources"),
}

func carry(from, to string) model.Move {
	return model.Move{Path: from, NewPath: to, Carry: true, Bundled: true,
		Note: "the same setting of the bundled store in chart 2.x"}
}

// changedDefaults are the keys whose default changed in chart 2.0.0 in a way
// a release notices: the database user and name an external PostgreSQL was
// set up with, the ClickHouse replica count, and settings that only fit the
// Bitnami stores.
var changedDefaults = []model.ChangedDefault{
	{Path: "postgresql.auth.username", Pin: model.IfExternal, Reset: model.IfBundled,
		Note: "the external database keeps the user it was set up with; the bundled PostgreSQL of chart 2.x creates its own user (its image's superuser is postgres)"},
	{Path: "postgresql.auth.database", Pin: model.IfExternal, Reset: model.IfBundled,
		Note: "the external database keeps its name; the bundled PostgreSQL of chart 2.x creates its own database, which the data is copied into"},
	{Path: "postgresql.auth.secretKeys.adminPasswordKey", Reset: model.IfBundled,
		Note: "the key named the Bitnami sub-chart's superuser password"},
	{Path: "clickhouse.cluster.replicas", OldPath: "clickhouse.replicaCount", Pin: model.IfBundled,
		Note: "the bundled ClickHouse of chart 1.x ran 3 replicas by default, chart 2.x runs 1"},
	{Path: "s3.auth.rootUser", Reset: model.IfBundled,
		Note: "the MinIO root user of chart 1.x; SeaweedFS gets the chart 2.x default"},
	{Path: "postgresql.image.repository", Reset: model.Always,
		Note: "chart 1.x's Bitnami image; chart 2.x runs the upstream postgres image"},
	{Path: "redis.image.repository", Reset: model.Always,
		Note: "chart 1.x's Bitnami image; chart 2.x runs the upstream valkey/valkey image"},
}

// storeCopies say what the upgrade guide does with each bundled store: the
// chart refuses a helm upgrade that would replace a bundled Bitnami store
// with an empty one, so a second release of chart 2.x is installed next to
// the running one and the data copied over before traffic moves.
var storeCopies = []model.StoreCopy{
	{Store: "postgresql", Data: true, How: "copy the database into the chart 2.x release with logical replication (wal_level=logical on the chart 1.x PostgreSQL, a publication there and a subscription in the new one)"},
	{Store: "clickhouse", Data: true, How: "copy the tables into the ClickHouse operator cluster of the chart 2.x release with INSERT ... SELECT from remote(), repeated until the last pass at the freeze"},
	{Store: "s3", Data: true, How: "mirror the MinIO buckets into the SeaweedFS of the chart 2.x release (mc mirror, then once more at the freeze)"},
	{Store: "redis", How: "nothing to copy: the new Valkey starts empty; stop the chart 1.x web pods and let its worker drain the Redis queues before traffic moves"},
}

// flagsToConfig turns the Bitnami Valkey's command-line flags
// (--maxmemory-policy noeviction) into valkey.conf lines (maxmemory-policy
// noeviction), which is what redis.valkeyConfig holds.
func flagsToConfig(n *values.Node) (*values.Node, error) {
	if n == nil || n.Kind != values.List {
		return nil, errors.New("not a list of flags")
	}
	var b strings.Builder
	for _, it := range n.Items {
		flag := strings.TrimSpace(it.Text())
		if it.Kind != values.String || !strings.HasPrefix(flag, "--") || len(flag) < 3 {
			return nil, errors.New("an item is not a --flag")
		}
		name, arg, _ := strings.Cut(strings.TrimPrefix(flag, "--"), " ")
		if strings.Contains(name, "=") {
			name, arg, _ = strings.Cut(name, "=")
		}
		b.WriteString(strings.TrimSpace(name + " " + strings.TrimSpace(arg)))
		b.WriteString("\n")
	}
	return &values.Node{Kind: values.String, Str: b.String()}, nil
}
