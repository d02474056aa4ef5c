package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Whatever shape a secret takes in a values file (a string, an unquoted
// number or boolean, a bad tag, a password in a URL), no output format and
// no error message prints it.
func TestCheckNeverPrintsSecretValues(t *testing.T) {
	tests := []struct {
		name, values string
		secrets      []string
	}{
		{"numbers where strings belong", `
postgresql:
  auth:
    password: 31415926
langfuse:
  salt:
    value: 98765432101
  additionalEnv:
    - name: DB_PASSWORD
      value: 55501234
`, []string{"31415926", "98765432101", "55501234"}},
		{"bad tag", "postgresql:\n  auth:\n    password: !!int LEAKpw1\n", []string{"LEAKpw1"}},
		{"plain strings", `
langfuse:
  salt:
    value: LEAKsalt123
  encryptionKey:
    value: LEAKenc456
redis:
  auth:
    password: LEAKredis789
`, []string{"LEAKsalt123", "LEAKenc456", "LEAKredis789"}},
		{"passwords in URLs", `
clickhouse:
  host: http://u:LEAKch1@ch.example.com
s3:
  endpoint: http://ak:LEAKs3x@minio.example.com:9000
langfuse:
  nextauth:
    url: http://admin:LEAKurl1@lf.example.com
`, []string{"LEAKch1", "LEAKs3x", "LEAKurl1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "values.yaml")
			if err := os.WriteFile(file, []byte(tt.values), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, format := range []string{"text", "json", "sarif"} {
				code, out, errs := run(t, "check", "-o", format, file)
				if code == ExitOK {
					t.Errorf("%s: exit 0; a file with secrets in it should not pass", format)
				}
				for _, s := range tt.secrets {
					if strings.Contains(out, s) || strings.Contains(errs, s) {
						t.Errorf("%s output prints the secret %q:\n%s%s", format, s, out, errs)
					}
				}
			}
		})
	}
}
