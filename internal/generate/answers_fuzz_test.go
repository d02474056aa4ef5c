package generate

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/spec"
	"github.com/valuesmith/valuesmith/internal/values"
)

// FuzzAnswers runs generate --answers on any bytes: a parse error, input
// problems (each on one line) or a values file; never a panic and never
// an error of another kind.
//
//	go test ./internal/generate -run '^$' -fuzz FuzzAnswers -fuzztime 3m
func FuzzAnswers(f *testing.F) {
	for _, p := range []string{"../../profiles/example.answers.yaml", "testdata/full.answers.yaml"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("profile: evaluation\nhost: x\n"))
	f.Add([]byte("host: https://x\nweb: {replicas: two, memory: 2GB}\naccept: [{rule: signup-open}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := values.Parse("answers.yaml", data)
		if err != nil {
			var ie *values.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("parse error is not an InputError: %v", err)
			}
			return
		}
		_, _, err = FromInputs(spec.Inputs{Answers: doc})
		var ps spec.Problems
		var sc *SelfCheckError
		switch {
		case err == nil, errors.As(err, &sc):
		case errors.As(err, &ps):
			for _, p := range ps {
				if strings.Contains(p.String(), "\n") {
					t.Fatalf("multi-line problem: %q", p.String())
				}
			}
		default:
			t.Fatalf("error of another kind: %v", err)
		}
	})
}
