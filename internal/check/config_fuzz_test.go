package check

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

// FuzzParseConfig: any bytes as .valuesmith.yaml give a config or one
// positioned, one-line input error; never a panic.
//
//	go test ./internal/check -run '^$' -fuzz FuzzParseConfig -fuzztime 3m
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("failOn: warning\nrelease: langfuse\nstartupSeconds: 90\nrules:\n  signup-open: error\n  image-digest-missing: on\nignore:\n  - rule: store-bundled\n    path: postgresql\n    file: values-dev.yaml\n    reason: dev\n"))
	f.Add([]byte("ignore: [{rule: schema, reason: r, file: '[a-'}]\n"))
	f.Add([]byte("rules: {no-such-rule: off}\n"))
	f.Add([]byte("deploy: helm\nfailOn: warning\n"))
	f.Add([]byte("deploy: [gitops]\n"))
	f.Add([]byte("deploy: Argo\n"))
	configs, _ := filepath.Glob("../rules/testdata/*/*.config.yaml")
	for _, p := range configs {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig(ConfigFileName, data)
		if err != nil {
			var ie *values.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error is not an InputError: %v", err)
			}
			if strings.Contains(ie.Error(), "\n") {
				t.Fatalf("multi-line error: %q", ie.Error())
			}
			return
		}
		if _, err := Select(cfg, nil, nil); err != nil {
			t.Fatalf("a config that parses is refused by Select: %v", err)
		}
	})
}
