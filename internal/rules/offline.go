package rules

// OfflineAPIVersions lists the API versions that helm template (or a
// GitOps render, without a cluster to ask) must be given with
// --api-versions for these values to render: with clickhouse.deploy and
// clickhouse.crdCheck on, the chart fails unless the ClickHouse operator's
// ClickHouseCluster API is offered, and, separately, its KeeperCluster API
// while the keeper is enabled.
//
// FACT: chart 2.0.x's crdCheck condition and the operator's API names
// (chart facts B.3); the generator's render hint reads them here.
func (c *Context) OfflineAPIVersions() []string {
	if !c.Bool("clickhouse.deploy") || !c.Bool("clickhouse.crdCheck") {
		return nil
	}
	apis := []string{"clickhouse.com/v1alpha1/ClickHouseCluster"}
	if c.Bool("clickhouse.keeper.enabled") {
		apis = append(apis, "clickhouse.com/v1alpha1/KeeperCluster")
	}
	return apis
}
