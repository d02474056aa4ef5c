package schema

import (
	"regexp"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// regexps holds every pattern the validator has compiled in this process.
// A pruned schema inlines its definitions, so one pattern (a resource
// quantity, an image tag) is met once per place that uses it, and every
// part and every file compiles its own schema; they share one compiled
// regexp, which is safe for concurrent use. The patterns come from the
// schemas only, so the map is bounded by their size.
var regexps sync.Map

// sharedRegexp is the validator's default engine, Go's regexp package,
// compiling each pattern once.
func sharedRegexp(pattern string) (jsonschema.Regexp, error) {
	if re, ok := regexps.Load(pattern); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	actual, _ := regexps.LoadOrStore(pattern, re)
	return actual.(*regexp.Regexp), nil
}

// newCompiler is a compiler of the validator Helm uses, configured as
// Helm's but for the shared regexps.
func newCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(sharedRegexp)
	return c
}
