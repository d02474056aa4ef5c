package generate

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ErrExists is returned when a file that must be new exists.
var ErrExists = errors.New("file exists")

// ErrInterrupted is returned by a WriteAll that AbortWrites stopped before
// it moved any file into place.
var ErrInterrupted = errors.New("interrupted")

// An Output is one file of a WriteAll.
type Output struct {
	Path string
	Data []byte
	// Perm is the mode of a new file, less the process's umask (as a
	// shell's redirection would make it). A replaced file keeps its own
	// mode and, where the system allows, its owner.
	Perm fs.FileMode
	// Replace lets the file replace one of the same name; without it the
	// name must still be free when the file is moved into place. Only a
	// regular file is replaced (through a symbolic link, its target).
	Replace bool
}

// WriteAll writes every output or none. Each goes to a temporary file in
// its target directory first; only when all of them are on disk are they
// moved into place. Files that must be new are hard-linked in (which fails
// if the name has been taken meanwhile) and go first; replacements are
// renames, last, because a replaced file cannot be brought back. If a step
// fails, the files this run created are removed again and the error says
// which files, if any, were already replaced. No temporary file is left
// behind, also when AbortWrites is called (on an interrupt) meanwhile.
func WriteAll(outs []Output) error {
	b := pending.start()
	defer pending.finish(b)
	targets := make([]target, len(outs))
	for i, o := range outs {
		t, err := resolveTarget(o)
		if err != nil {
			return fmt.Errorf("%w; nothing was written", err)
		}
		targets[i] = t
	}
	for i, o := range outs {
		if err := writeTemp(b, o, &targets[i]); err != nil {
			return fmt.Errorf("%w; nothing was written", err)
		}
	}
	return pending.commit(b, func() error { return moveIntoPlace(outs, targets) })
}

// target is where an output goes: its path (a symbolic link's target), the
// file it replaces, and its temporary file.
type target struct {
	path string
	old  fs.FileInfo // the file replaced; nil for a new one
	temp string
}

// resolveTarget refuses to replace anything but a regular file: a device
// (/dev/stdout, /dev/null), a named pipe, a socket or a directory would
// become a regular file under the rename.
func resolveTarget(o Output) (target, error) {
	t := target{path: o.Path}
	if msg := StandardStream(o.Path); msg != "" {
		return t, errors.New(msg)
	}
	lst, err := os.Lstat(o.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return t, nil
	}
	if err != nil {
		return t, fmt.Errorf("write %s: %w", o.Path, err)
	}
	st := lst
	if lst.Mode()&fs.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(o.Path)
		if err != nil {
			return t, fmt.Errorf("write %s: a symbolic link to a missing file", o.Path)
		}
		if st, err = os.Stat(real); err != nil {
			return t, fmt.Errorf("write %s: %w", o.Path, err)
		}
		t.path = real // write through the link, keeping the link
	}
	if kind := NotRegular(o.Path, st.Mode()); kind != "" {
		return t, errors.New(kind)
	}
	if !o.Replace {
		return t, fmt.Errorf("%s: %w; refusing to overwrite it", o.Path, ErrExists)
	}
	t.old = st
	return t, nil
}

// NotRegular says why path, of mode m, is no file to write, or "" when it
// is a regular file.
func NotRegular(path string, m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return path + " is a directory"
	case m&fs.ModeNamedPipe != 0:
		return path + " is a named pipe, not a regular file; valuesmith replaces regular files only"
	case m&fs.ModeSocket != 0:
		return path + " is a socket, not a regular file; valuesmith replaces regular files only"
	case m&fs.ModeDevice != 0:
		return path + " is a device, not a regular file; valuesmith replaces regular files only"
	}
	return path + " is not a regular file; valuesmith replaces regular files only"
}

// StandardStream refuses a name of a standard stream or an open file
// (/dev/stdout, /dev/fd/1, /proc/self/fd/1): whatever it leads to, a
// rename would not write to the stream. It returns "" for any other name.
func StandardStream(path string) string {
	p := filepath.ToSlash(filepath.Clean(path))
	switch {
	case p == "/dev/stdout", p == "/dev/stderr", p == "/dev/stdin",
		strings.HasPrefix(p, "/dev/fd/"), strings.HasPrefix(p, "/proc/self/fd/"):
		return path + " is a standard stream, not a file; to write to standard output, leave out the flag or give -"
	}
	return ""
}

func moveIntoPlace(outs []Output, targets []target) error {
	order := make([]int, 0, len(outs))
	for i, o := range outs {
		if !o.Replace {
			order = append(order, i)
		}
	}
	for i, o := range outs {
		if o.Replace {
			order = append(order, i)
		}
	}
	var created, replaced []string
	for _, i := range order {
		o, t := outs[i], &targets[i]
		var err error
		if o.Replace {
			_, statErr := os.Lstat(t.path)
			if err = os.Rename(t.temp, t.path); err == nil {
				t.temp = ""
				if errors.Is(statErr, fs.ErrNotExist) {
					created = append(created, o.Path)
				} else {
					replaced = append(replaced, o.Path)
				}
				continue
			}
			err = fmt.Errorf("replace %s: %w", o.Path, err)
		} else if err = os.Link(t.temp, t.path); err == nil {
			created = append(created, t.path)
			continue
		} else if errors.Is(err, fs.ErrExist) {
			err = fmt.Errorf("%s: %w; refusing to overwrite it", o.Path, ErrExists)
		} else {
			err = fmt.Errorf("create %s: %w", o.Path, err)
		}
		for _, c := range created {
			os.Remove(c)
		}
		if len(replaced) > 0 {
			return fmt.Errorf("%w; already replaced: %s (the other files were not written)", err, strings.Join(replaced, ", "))
		}
		return fmt.Errorf("%w; nothing was written", err)
	}
	return nil
}

// writeTemp writes o's data to a new temporary file next to its target:
// created with o.Perm (so the umask applies), or with the mode and owner of
// the file it replaces.
func writeTemp(b *batch, o Output, t *target) error {
	tmp, err := pending.create(b, filepath.Dir(t.path), "."+filepath.Base(t.path)+".", o.Perm)
	if err != nil {
		return fmt.Errorf("create a temporary file for %s: %w", o.Path, err)
	}
	t.temp = tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		return fmt.Errorf("write %s: %w", o.Path, err)
	}
	if t.old != nil {
		if err := tmp.Chmod(t.old.Mode().Perm()); err != nil {
			return fail(err)
		}
		keepOwner(tmp, t.old)
	}
	if _, err := tmp.Write(o.Data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", o.Path, err)
	}
	return nil
}

// writes tracks the temporary files of the WriteAll calls in progress, so
// that AbortWrites, called on an interrupt, can remove them. Temporary
// files are a resource of the process, like the signal that asks for them
// to go.
type writes struct {
	mu      sync.Mutex
	batches map[*batch]bool
	// aborted refuses every later write too: the process is ending, and
	// a write that began now would leave its temporary files behind.
	aborted bool
	// moved counts the writes that moved their files into place.
	moved int
}

// batch is one WriteAll: its temporary files, and whether it was aborted.
type batch struct {
	temps   []string
	aborted bool
}

var pending writes

func (w *writes) start() *batch {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.batches == nil {
		w.batches = map[*batch]bool{}
	}
	b := &batch{aborted: w.aborted}
	w.batches[b] = true
	return b
}

// create makes a new temporary file in dir, registered before the lock is
// given up: an abort either comes first (and none is made) or sees it.
func (w *writes) create(b *batch, dir, prefix string, perm fs.FileMode) (*os.File, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if b.aborted {
		return nil, ErrInterrupted
	}
	for range 100 {
		var r [6]byte
		if _, err := rand.Read(r[:]); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, prefix+hex.EncodeToString(r[:]))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		b.temps = append(b.temps, name)
		return f, nil
	}
	return nil, errors.New("no free temporary file name")
}

// commit moves the files into place unless the batch was aborted; an abort
// waits until it is done, so the files are all in place or none.
func (w *writes) commit(b *batch, move func() error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if b.aborted {
		return fmt.Errorf("%w; nothing was written", ErrInterrupted)
	}
	w.moved++
	return move()
}

// finish removes what is left of the batch's temporary files.
func (w *writes) finish(b *batch) {
	w.mu.Lock()
	defer w.mu.Unlock()
	b.removeTemps()
	delete(w.batches, b)
}

func (b *batch) removeTemps() {
	for _, t := range b.temps {
		os.Remove(t)
	}
	b.temps = nil
}

// AbortWrites stops every WriteAll in progress that has not begun to move
// its files into place, and removes their temporary files; one that has
// begun finishes first. Every later WriteAll of the process is refused: it
// is for a process about to end. It reports whether any write of the
// process had moved files into place.
func AbortWrites() (wrote bool) {
	pending.mu.Lock()
	defer pending.mu.Unlock()
	pending.aborted = true
	for b := range pending.batches {
		b.aborted = true
		b.removeTemps()
	}
	return pending.moved > 0
}
