package finding

import "testing"

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, é and 日本", "plain text, é and 日本"},
		{"\x1b[2Jcleared", `\x1b[2Jcleared`},
		{"two\nlines\r", `two\nlines\r`},
		{"tab\there", `tab\there`},
		{"bell\a del\x7f", `bell\x07 del\x7f`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"bidi \u202egnp.exe", `bidi \u202egnp.exe`},
		{"bad \xff byte", `bad \xff byte`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A finding's one-line forms never carry a control character of the
// user's: a value that clears the screen, a file name with a newline.
func TestFindingStringIsOneSafeLine(t *testing.T) {
	f := Finding{RuleID: "r", Severity: Error, File: "a\nb.yaml", Line: 1, Col: 2, Path: "k\x1b[31m", Message: "value \"\x1b[2J\""}
	want := `a\nb.yaml:1:2: error [r] k\x1b[31m: value "\x1b[2J"`
	if got := f.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
