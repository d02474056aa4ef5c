package migrate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

// FuzzMigrate: whatever the file, migrate ends in a result or an input
// error, never a panic; a file it changes still parses, and migrating the
// result again changes nothing more.
func FuzzMigrate(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.yaml")
	seeds = append(seeds, "../../../shared/reference/upstream-values/langfuse-chart-1.5.41.values.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("clickhouse:\n  clusterEnabled: false # keep\n  replicaCount: 1\n"))
	f.Add([]byte("postgresql:\n  auth:\n    username: postgres\n  architecture: replication\n"))
	f.Add([]byte("redis:\r\n  primary:\r\n    extraFlags: [\"--maxmemory-policy noeviction\"]\r\n"))
	f.Add([]byte("s3: &s3\n  image:\n    repository: bitnamilegacy/minio\nother: *s3\n"))
	opts := options(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		res, err := Run(opts, []File{{Name: "f.yaml", Data: data}})
		if err != nil {
			t.Fatalf("tool error: %v", err)
		}
		if len(res.InputErrors) > 0 || len(res.Files) != 1 || !res.Files[0].Changed() {
			return
		}
		after := res.Files[0].After
		if _, err := values.Parse("f.yaml", after); err != nil {
			t.Fatalf("the migrated file does not parse: %v\n%s", err, after)
		}
		again, err := Run(opts, []File{{Name: "f.yaml", Data: after}})
		if err != nil {
			t.Fatalf("tool error on the migrated file: %v", err)
		}
		if len(again.Files) == 1 && again.Files[0].Changed() {
			t.Fatalf("migrating twice changes the file again:\n%s\n---\n%s", after, again.Files[0].After)
		}
	})
}
