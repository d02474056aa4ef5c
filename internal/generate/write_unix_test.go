//go:build unix

package generate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// umask reads the process's umask (and puts it back).
func umask(t *testing.T) os.FileMode {
	t.Helper()
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}

// A replacement that fails after another replacement (a race: the name
// changed after the checks) says which file was already replaced.
func TestMoveIntoPlaceSaysWhatWasReplaced(t *testing.T) {
	dir := t.TempDir()
	keep, other := filepath.Join(dir, "keep"), filepath.Join(dir, "other")
	os.WriteFile(keep, []byte("keep\n"), 0o644)
	tmp := filepath.Join(dir, ".keep.tmp")
	os.WriteFile(tmp, []byte("new"), 0o644)
	outs := []Output{{Path: keep, Replace: true}, {Path: other, Replace: true}}
	targets := []target{{path: keep, temp: tmp}, {path: other, temp: filepath.Join(dir, ".gone")}}
	err := moveIntoPlace(outs, targets)
	if err == nil || !strings.Contains(err.Error(), "already replaced: "+keep) {
		t.Fatalf("error %v", err)
	}
}

// Only regular files are replaced: a named pipe, a device, a directory or a
// link to one of them is refused with --force too, and nothing is written.
// A link to a regular file is written through, the link kept.
func TestWriteAllReplacesRegularFilesOnly(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	os.Symlink(fifo, filepath.Join(dir, "link-to-fifo"))
	os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "dangling"))
	os.Mkdir(filepath.Join(dir, "adir"), 0o755)
	tests := []struct{ path, want string }{
		{fifo, "is a named pipe, not a regular file"},
		{filepath.Join(dir, "link-to-fifo"), "is a named pipe, not a regular file"},
		{filepath.Join(dir, "dangling"), "a symbolic link to a missing file"},
		{filepath.Join(dir, "adir"), "is a directory"},
		{"/dev/null", "/dev/null is a device, not a regular file"},
	}
	for _, tt := range tests {
		err := WriteAll([]Output{{Path: tt.path, Data: []byte("x"), Perm: 0o644, Replace: true}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.path, err, tt.want)
		}
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the named pipe was replaced: %v %v", st, err)
	}
	// Through a link to a regular file: the target is replaced, keeping
	// its mode; the link stays a link.
	real := filepath.Join(dir, "real.yaml")
	os.WriteFile(real, []byte("old"), 0o640)
	os.Chmod(real, 0o640)
	link := filepath.Join(dir, "values.yaml")
	os.Symlink(real, link)
	if err := WriteAll([]Output{{Path: link, Data: []byte("new"), Perm: 0o644, Replace: true}}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if data, _ := os.ReadFile(real); string(data) != "new" {
		t.Errorf("target holds %q", data)
	}
	if st, _ := os.Stat(real); st.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want 0640", st.Mode().Perm())
	}
	if got := listDir(t, dir); len(got) != 6 {
		t.Errorf("files left: %v", got)
	}
}

// New files honour the umask: 0644 under umask 027 is 0640, a secrets file
// stays 0600.
func TestWriteAllHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	outs := []Output{
		{Path: filepath.Join(dir, "values.yaml"), Data: []byte("v"), Perm: 0o644},
		{Path: filepath.Join(dir, "secrets.yaml"), Data: []byte("s"), Perm: 0o600},
	}
	if err := WriteAll(outs); err != nil {
		t.Fatal(err)
	}
	for i, want := range []os.FileMode{0o640, 0o600} {
		if st, _ := os.Stat(outs[i].Path); st.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", outs[i].Path, st.Mode().Perm(), want)
		}
	}
}

// AbortWrites removes the temporary files of a WriteAll in progress, which
// then moves nothing into place.
func TestAbortWritesRemovesTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	b := pending.start()
	f, err := pending.create(b, dir, ".v.yaml.", 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	AbortWrites()
	if got := listDir(t, dir); len(got) != 0 {
		t.Errorf("left after the abort: %v", got)
	}
	moved := false
	err = pending.commit(b, func() error { moved = true; return nil })
	if !errors.Is(err, ErrInterrupted) || moved {
		t.Errorf("commit after abort: %v, moved %v", err, moved)
	}
	if _, err := pending.create(b, dir, ".v.yaml.", 0o644); !errors.Is(err, ErrInterrupted) {
		t.Errorf("create after abort: %v", err)
	}
	pending.finish(b)
	// A later write is refused: the process is ending.
	err = WriteAll([]Output{{Path: filepath.Join(dir, "v.yaml"), Data: []byte("v"), Perm: 0o644}})
	if !errors.Is(err, ErrInterrupted) || len(listDir(t, dir)) != 0 {
		t.Errorf("write after abort: %v, files %v", err, listDir(t, dir))
	}
	pending.mu.Lock()
	pending.aborted = false
	pending.mu.Unlock()
}

// A replaced file keeps its owner and group, where the process may set
// them (as root); elsewhere the test has nothing to show and skips.
func TestWriteAllKeepsTheOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root may give a file to another user")
	}
	path := filepath.Join(t.TempDir(), "values.yaml")
	if err := os.WriteFile(path, []byte("old: 1\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	const uid, gid = 4321, 4322
	if err := os.Chown(path, uid, gid); err != nil {
		t.Skip(err)
	}
	if err := WriteAll([]Output{{Path: path, Data: []byte("new: 1\n"), Perm: 0o644, Replace: true}}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != uid || st.Gid != gid || fi.Mode().Perm() != 0o640 {
		t.Errorf("owner %d:%d mode %v, want %d:%d 0640", st.Uid, st.Gid, fi.Mode().Perm(), uid, gid)
	}
}
