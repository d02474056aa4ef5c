//go:build unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runNoHang runs valuesmith and fails the test if the run does not end: a
// read of a named pipe with no writer would block for ever.
func runNoHang(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- Run(args, strings.NewReader(""), &out, &errb) }()
	select {
	case code = <-done:
	case <-time.After(30 * time.Second):
		t.Fatalf("valuesmith %s did not return: it waits on a named pipe", strings.Join(args, " "))
	}
	return code, out.String(), errb.String()
}

// Every path valuesmith reads is looked at before it is opened: a named pipe
// (or a device, or a directory) is one line and exit 2, never a hang.
func TestInputsThatAreNotRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	chartDir := filepath.Join(dir, "chart")
	os.Mkdir(chartDir, 0o755)
	syscall.Mkfifo(filepath.Join(chartDir, "Chart.yaml"), 0o644)
	good := "../../examples/production.yaml"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"FILE", []string{"check", fifo}, fifo + ": error: is a named pipe, not a regular file"},
		{"-f", []string{"check", "-f", fifo}, fifo + ": error: is a named pipe, not a regular file"},
		{"--config", []string{"check", "--config", fifo, good}, "valuesmith: " + fifo + ": is a named pipe, not a regular file"},
		{"--set-file", []string{"check", "--set-file", "nameOverride=" + fifo, good}, fifo + ": is a named pipe, not a regular file"},
		{"--chart pipe", []string{"check", "--chart", fifo, good}, "not a chart directory or a .tgz file but a named pipe"},
		{"--chart with a pipe for Chart.yaml", []string{"check", "--chart", chartDir, good}, "Chart.yaml is a named pipe, not a regular file"},
		{"--answers", []string{"generate", "--answers", fifo}, "valuesmith: " + fifo + ": is a named pipe, not a regular file"},
		{"fix FILE", []string{"fix", fifo}, fifo + ": error: is a named pipe, not a regular file"},
		{"a device", []string{"check", "/dev/null"}, "/dev/null: error: is a device, not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runNoHang(t, tt.args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
			all := stdout + stderr
			if !strings.Contains(all, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, all)
			}
			for _, l := range strings.Split(all, "\n") {
				if strings.Contains(l, "named pipe") || strings.Contains(l, "device") {
					if strings.Count(all, l) != 1 {
						t.Errorf("line said more than once: %q", l)
					}
				}
			}
		})
	}
}

// --values-out never replaces a device, a named pipe or a directory, with
// --force or without; without --force a regular file is "exists", and with
// it the replaced file keeps its mode.
func TestGenerateReplacesRegularFilesOnly(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	for _, tt := range []struct {
		path, want string
	}{
		{"/dev/stdout", "/dev/stdout is a standard stream, not a file; to write to standard output, leave out the flag or give -"},
		{"/dev/null", "/dev/null is a device, not a regular file"},
		{fifo, fifo + " is a named pipe, not a regular file"},
		{dir, dir + " is a directory"},
	} {
		for _, force := range []bool{false, true} {
			args := []string{"generate", "--example", "--values-out", tt.path}
			if force {
				args = append(args, "--force")
			}
			code, _, stderr := runNoHang(t, args...)
			if code != ExitUsage || !strings.Contains(stderr, tt.want) || strings.Contains(stderr, "exists") {
				t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", args, code, stderr, tt.want)
			}
		}
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe was replaced")
	}
	values := filepath.Join(dir, "values.yaml")
	os.WriteFile(values, []byte("old\n"), 0o640)
	os.Chmod(values, 0o640)
	if code, _, stderr := runNoHang(t, "generate", "--example", "--values-out", values, "--force"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if st, _ := os.Stat(values); st.Mode().Perm() != 0o640 {
		t.Errorf("replaced file's mode %v, want 0640", st.Mode().Perm())
	}
}

// Control characters from the user's keys, values and file names are shown
// escaped: a value that would clear the screen, a key with a colour code, a
// file name with a newline each stay on their finding's one line.
func TestCheckShowsControlCharactersEscaped(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "odd\nname.yaml")
	src := "langfuse:\n  \"web\\e[31m\": 1\n  ingress:\n    enabled: true\n    hosts: [\"\\e[2J\\u202e\"]\n"
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Skip(err)
	}
	for _, format := range []string{"text", "github"} {
		code, stdout, stderr := runNoHang(t, "check", "-o", format, name)
		if code == ExitInternal || code == ExitUsage {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		all := stdout + stderr
		if strings.ContainsAny(all, "\x1b\r\u202e") {
			t.Errorf("%s: raw control characters reached the output:\n%q", format, all)
		}
		if format == "text" {
			if !strings.Contains(stdout, `odd\nname.yaml:2:3: `) || !strings.Contains(stdout, `web\x1b[31m`) {
				t.Errorf("escaped file name or key missing:\n%s", stdout)
			}
		}
	}
}

// A panic inside a command is a bug of valuesmith: one line naming it an
// internal error, exit 3, no stack trace.
func TestPanicIsAnInternalErrorExit3(t *testing.T) {
	saved := openWizardSession
	t.Cleanup(func() { openWizardSession = saved })
	openWizardSession = func(*streams) (*wizardSession, error) { panic("boom\nsecond line") }
	code, stdout, stderr := runNoHang(t, "wizard", "--values-out", filepath.Join(t.TempDir(), "v.yaml"))
	want := "valuesmith: internal error: boom ; second line (please report this with the input that caused it)\n"
	if code != ExitInternal || stderr != want || stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 3 and %q", code, stdout, stderr, want)
	}
}
