package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/valuesmith/valuesmith/internal/values"
)

// badInputMustContain are words a corpus file's message must hold, where the
// golden file alone would not keep the check meaningful.
var badInputMustContain = map[string]string{
	"alias-bomb.yaml":      "alias",
	"recursive-alias.yaml": "alias",
	"deep-nesting.yaml":    "deep",
	"non-utf8.yaml":        "UTF-8",
	"nul-byte.yaml":        "NUL",
	"utf16-bom.yaml":       "UTF-16",
	"tab-indent.yaml":      "tab",
}

// runBadInput runs valuesmith with args and stdin, and checks what every run
// on bad input must do: exit 2, say nothing of panics on stderr, finish.
func runBadInput(t *testing.T, stdin string, args ...string) (stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	// Time is bounded by construction (the alias-expansion budget, the depth
	// and size limits); values' benchmarks measure the worst cases.
	code := Run(args, strings.NewReader(stdin), &out, &errb)
	if code != ExitUsage {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, ExitUsage, out.String(), errb.String())
	}
	for _, bad := range []string{"panic", "goroutine", "internal error", ".go:"} {
		if strings.Contains(errb.String(), bad) {
			t.Errorf("stderr mentions %q:\n%s", bad, errb.String())
		}
	}
	if !strings.Contains(errb.String(), "could not be read") {
		t.Errorf("stderr lacks the summary of unreadable files:\n%s", errb.String())
	}
	return out.String(), errb.String()
}

// inputErrorLines are the lines of stdout that report input errors
// ("file:line:col: error: ..."), as opposed to findings ("...: error [rule]").
func inputErrorLines(stdout string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if strings.Contains(l, ": error: ") {
			lines = append(lines, l)
		}
	}
	return lines
}

// oneLine fails unless stdout is exactly one newline-terminated line, and
// returns it.
func oneLine(t *testing.T, stdout string) string {
	t.Helper()
	if !strings.HasSuffix(stdout, "\n") || strings.Count(stdout, "\n") != 1 {
		t.Fatalf("want exactly one line on stdout, got %q", stdout)
	}
	return strings.TrimSuffix(stdout, "\n")
}

// TestBadInputCorpus checks every file in testdata/bad against its golden
// file testdata/bad/<name>.golden, the exact line valuesmith prints.
// go test ./internal/cli/ -run BadInput -update rewrites the golden files.
func TestBadInputCorpus(t *testing.T) {
	t.Chdir("../..") // paths as a user types them: testdata/bad/<name>
	all, err := filepath.Glob("testdata/bad/*")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range all {
		if !strings.HasSuffix(f, ".golden") {
			files = append(files, filepath.ToSlash(f))
		}
	}
	if len(files) < 20 {
		t.Fatalf("testdata/bad holds %d files, want at least 20", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			stdout, _ := runBadInput(t, "", "check", path)
			line := oneLine(t, stdout)
			if !strings.HasPrefix(line, path+":") || !strings.Contains(line, ": error: ") {
				t.Errorf("line %q is not %s[:line:col]: error: message", line, path)
			}
			if word, ok := badInputMustContain[name]; ok && !strings.Contains(line, word) {
				t.Errorf("message %q should mention %q", line, word)
			}
			goldenPath := path + ".golden"
			if *update {
				if err := os.WriteFile(goldenPath, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (go test ./internal/cli/ -run BadInput -update writes it)", err)
			}
			if stdout != string(want) {
				t.Errorf("output differs from %s (-update rewrites it)\n got: %s\nwant: %s", goldenPath, stdout, want)
			}
		})
	}
	// A golden file without its input is left over from a removed case.
	goldens, _ := filepath.Glob("testdata/bad/*.golden")
	for _, g := range goldens {
		if _, err := os.Stat(strings.TrimSuffix(g, ".golden")); err != nil {
			t.Errorf("%s has no input file", g)
		}
	}
}

func TestBadInputMissingFile(t *testing.T) {
	t.Chdir("../..")
	stdout, _ := runBadInput(t, "", "check", "testdata/bad/no-such-file.yaml")
	if got, want := oneLine(t, stdout), "testdata/bad/no-such-file.yaml: error: cannot read: no such file"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestBadInputDirectory(t *testing.T) {
	dir := t.TempDir()
	stdout, _ := runBadInput(t, "", "check", dir)
	if got, want := oneLine(t, stdout), dir+": error: is a directory, not a file"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestBadInputTooLarge(t *testing.T) {
	// One byte over the limit, made at test time: not worth committing. The
	// message gives the exact size, which only a stat (not a read) knows.
	path := filepath.Join(t.TempDir(), "huge.yaml")
	chunk := bytes.Repeat([]byte("key: value # padding padding padding padding\n"), 1<<12)
	var data []byte
	for len(data) <= values.MaxFileSize {
		data = append(data, chunk...)
	}
	data = data[:values.MaxFileSize+1]
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _ := runBadInput(t, "", "check", path)
	want := path + ": error: file is 10485761 bytes, larger than the 10 MiB limit for an input file"
	if got := oneLine(t, stdout); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestBadInputUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	path := filepath.Join(t.TempDir(), "secret.yaml")
	if err := os.WriteFile(path, []byte("nameOverride: a\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	stdout, _ := runBadInput(t, "", "check", path)
	if got, want := oneLine(t, stdout), path+": error: cannot read: permission denied"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestBadInputStdin(t *testing.T) {
	stdout, _ := runBadInput(t, "nameOverride: a\nfullnameOverride: [a, b\n", "check", "-")
	want := "<stdin>:2:19: error: invalid YAML: the flow list [ starting here lacks a ',' between items or its closing ']'"
	if got := oneLine(t, stdout); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestBadInputGoodAndBad(t *testing.T) {
	t.Chdir("../..")
	// The good file parses and has one known finding, which shows it was
	// checked; what else the checks say about it is not this test's business.
	good := filepath.Join(t.TempDir(), "good.yaml")
	if err := os.WriteFile(good, []byte("langfuse:\n  nodeEnvv: production\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const bad = "testdata/bad/tab-indent.yaml"
	for _, order := range [][]string{{good, bad}, {bad, good}} {
		t.Run(filepath.Base(order[0])+" then "+filepath.Base(order[1]), func(t *testing.T) {
			stdout, stderr := runBadInput(t, "", append([]string{"check"}, order...)...)
			errs := inputErrorLines(stdout)
			if len(errs) != 1 || !strings.HasPrefix(errs[0], bad+":3:1: error: tab character") {
				t.Errorf("want exactly one error line, for %s; got %q", bad, errs)
			}
			if !strings.Contains(stdout, good+":2:3: ") || !strings.Contains(stdout, "nodeEnvv") {
				t.Errorf("the good file was not checked:\n%s", stdout)
			}
			if !strings.HasPrefix(stderr, "2 files, 1 could not be read") {
				t.Errorf("summary %q should count 2 files, 1 unreadable", stderr)
			}
		})
	}
}
