package schema

import "testing"

func TestSharedRegexpCompilesEachPatternOnce(t *testing.T) {
	tests := []struct {
		pattern string
		valid   bool
		match   string
	}{
		{`^[0-9]+%$`, true, "50%"},
		{`^(Memory|HugePages(-.+)?)?$`, true, "HugePages-2Mi"},
		{`^(unclosed`, false, ""},
	}
	for _, tt := range tests {
		first, err := sharedRegexp(tt.pattern)
		if (err == nil) != tt.valid {
			t.Fatalf("%q: error %v, valid %v wanted", tt.pattern, err, tt.valid)
		}
		if !tt.valid {
			continue
		}
		again, _ := sharedRegexp(tt.pattern)
		if first != again {
			t.Errorf("%q compiled twice", tt.pattern)
		}
		if !first.MatchString(tt.match) || first.String() != tt.pattern {
			t.Errorf("%q: does not match %q or prints as %q", tt.pattern, tt.match, first)
		}
	}
}
