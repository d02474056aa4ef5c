package spec

import (
	"errors"
	"strings"
	"testing"
)

// CheckAnswer refuses exactly what Assemble's schema check refuses for the
// same flag, key by key, so checking answers one at a time agrees with
// generate. Over-long values are not given to Assemble: the schema
// package's report of a maxLength violation panics (a nil printer in
// schema/validate.go's default case); TestCheckAnswerSaysWhatIsExpected
// covers CheckAnswer's side.
func TestCheckAnswerAgreesWithAssemble(t *testing.T) {
	samples := []string{"", " ", "0", "1", "4", "5", "64", "65", "100", "101", "3600", "3601", "65535", "65536", "-1", "1.5", "two",
		"true", "false", "yes", "none", "hpa", "keda", "keda-queue", "maxUnavailable", "soft", "hard", "off", "external", "bundled",
		"standalone", "cluster", "sentinel", "secret", "workload-identity", "info", "json", "text", "production", "evaluation",
		"langfuse", "Bad_Name", "-x", "x-", strings.Repeat("a", 54),
		"100m", "10x", "25%", "25%%", "sha256:" + strings.Repeat("a", 64), "sha256:abc", "a.example:6379,b.example:6379"}
	for _, p := range Params {
		for _, v := range samples {
			checkErr := CheckAnswer(p.Key, v)
			if f, _ := fieldOf(p.Key); constraintsOf(f).maxLength > 0 && len(v) > constraintsOf(f).maxLength {
				continue
			}
			_, err := Assemble(Inputs{Flags: map[string]string{p.Flag: v}})
			var ps Problems
			if err != nil && !errors.As(err, &ps) {
				t.Fatal(err)
			}
			refused := false
			for _, pr := range ps {
				if pr.Key == p.Key {
					refused = true
				}
			}
			if refused != (checkErr != nil) {
				t.Errorf("--%s %q: Assemble refuses: %v (%v); CheckAnswer: %v", p.Flag, v, refused, ps, checkErr)
			}
		}
	}
}

func TestCheckAnswerSaysWhatIsExpected(t *testing.T) {
	cases := []struct{ key, raw, want string }{
		{"redis.port", "70000", "70000 is out of range; give a port number from 1 to 65535"},
		{"clickhouse.nativePort", "x", `"x" is not a whole number; give a port number from 1 to 65535`},
		{"startupSeconds", "1", "give a whole number from 5 to 3600"},
		{"web.replicas", "0", "give a whole number of at least 1"},
		{"redis.tls", "maybe", "answer true or false"},
		{"spread.zone", "sideways", "choose one of hard, soft, off"},
		{"release", "My_Release", "give lower-case letters, digits and '-', starting and ending with a letter or digit"},
		{"release", strings.Repeat("a", 54), "give at most 53 characters"},
		{"pdb.value", "one", "give a count such as 1 or a percentage such as 25%"},
		{"ingress.bodySize", "10x", "give an nginx size such as 100m or 1g"},
		{"images.webDigest", "sha256:abc", "give sha256: and 64 lower-case hex digits, or nothing"},
		{"nope", "x", "nope is not an answers key"},
	}
	for _, tc := range cases {
		err := CheckAnswer(tc.key, tc.raw)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckAnswer(%s, %q) = %v, want %q", tc.key, tc.raw, err, tc.want)
		}
	}
	for _, ok := range [][2]string{{"redis.port", "6379"}, {"host", "anything: Validate judges it"}, {"redis.nodes", "a:1,b:2"}, {"web.autoscaling.mode", "keda-queue"}} {
		if err := CheckAnswer(ok[0], ok[1]); err != nil {
			t.Errorf("CheckAnswer(%s, %q): %v", ok[0], ok[1], err)
		}
	}
}
