package values

import "testing"

func TestNodeAt(t *testing.T) {
	doc, err := Parse("v.yaml", []byte("a:\n  b: x\n  l:\n    - 1\n    - {c: y}\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		line, col int
		want      string // the scalar found, or "" for none
	}{
		{2, 3, "x"}, // the key b: its value
		{2, 6, "x"}, // the value itself
		{4, 7, "1"}, // a list item
		{5, 8, "y"}, // a key in a flow map in a list
		{1, 2, ""},  // inside a key
		{9, 1, ""},  // past the end
	}
	for _, tt := range tests {
		got := ""
		if n := doc.Root.At(tt.line, tt.col); n != nil {
			got = n.Str
		}
		if got != tt.want {
			t.Errorf("At(%d, %d) = %q, want %q", tt.line, tt.col, got, tt.want)
		}
	}
}
