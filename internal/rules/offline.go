package rules

// OfflineAPIVersions lists the API versions that helm template (or a
// GitOps render, without a cluster to ask) must be given with
// --api-versions for these values to render: the release's CRD check
// (chart 2.0.x: clickhouse.crdCheck with the bundled ClickHouse) fails
// unless each API it needs is offered.
func (c *Context) OfflineAPIVersions() []string {
	chk := c.Chart.Stores.CRDCheck
	if chk == nil || !c.Bool(chk.Deploy) || !c.Bool(chk.Key) {
		return nil
	}
	var apis []string
	for _, need := range chk.Needs {
		if need.When == "" || c.Bool(need.When) {
			apis = append(apis, need.API)
		}
	}
	return apis
}
