package spec

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/valuesmith/valuesmith/schema"
)

//go:embed answers.schema.json
var answersSchema []byte

// Schema returns the JSON Schema of the answers file.
func Schema() []byte { return answersSchema }

// GenerateSchema reflects Spec into the answers file's JSON Schema; srcDir
// is this package's source directory (for doc comments).
func GenerateSchema(srcDir string) ([]byte, error) {
	return schema.Reflect(&Spec{}, "github.com/valuesmith/valuesmith/internal/spec", srcDir,
		"valuesmith generate answers",
		"Answers of valuesmith generate: the same keys as its flags. Generated from valuesmith's Spec; do not edit.")
}

var (
	checkerOnce sync.Once
	checker     *schema.Checker
	checkerErr  error
)

// answersChecker validates answers documents with positions.
func answersChecker() (*schema.Checker, error) {
	checkerOnce.Do(func() {
		checker, checkerErr = schema.NewChecker(answersSchema)
		if checkerErr != nil {
			checkerErr = fmt.Errorf("read the answers schema: %w", checkerErr)
			return
		}
		// Answers are small: one part compiles them faster than two.
		checker.Parts = 1
	})
	return checker, checkerErr
}
