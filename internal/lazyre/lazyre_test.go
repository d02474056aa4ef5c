package lazyre

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestLazy(t *testing.T) {
	r := New(`^a(b+)c$`)
	if r.re != nil {
		t.Fatal("compiled before first use")
	}
	tests := []struct {
		in    string
		match bool
		sub   []string
	}{
		{"abbc", true, []string{"abbc", "bb"}},
		{"ac", false, nil},
	}
	for _, tt := range tests {
		if got := r.MatchString(tt.in); got != tt.match {
			t.Errorf("MatchString(%q) = %v", tt.in, got)
		}
		if got := r.FindStringSubmatch(tt.in); !slices.Equal(got, tt.sub) {
			t.Errorf("FindStringSubmatch(%q) = %q", tt.in, got)
		}
	}
	if r.String() != `^a(b+)c$` {
		t.Errorf("String() = %q", r.String())
	}
	if got := New(`,\s*`).Split("a, b,c", -1); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("Split = %q", got)
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	r := New(`x+`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !r.MatchString("axxb") {
				t.Error("no match")
			}
		})
	}
	wg.Wait()
}

func TestCompileAllReportsBadExpression(t *testing.T) {
	mu.Lock()
	saved := all
	all = nil
	mu.Unlock()
	defer func() { mu.Lock(); all = saved; mu.Unlock() }()
	New(`fine`)
	if err := CompileAll(); err != nil {
		t.Fatal(err)
	}
	New(`(unclosed`)
	if err := CompileAll(); err == nil || !strings.Contains(err.Error(), "(unclosed") {
		t.Fatalf("CompileAll() = %v, want the bad expression named", err)
	}
}
