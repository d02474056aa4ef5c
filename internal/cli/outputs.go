package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/valuesmith/valuesmith/internal/generate"
	"github.com/valuesmith/valuesmith/internal/report"
)

// outputFile is a file a command will write, with the flag that names it.
type outputFile struct{ flag, path, abs, real string }

// checkOutputFiles refuses, before anything is written, every file a run
// could not write: two flags naming the same file (also through a
// symbolic link to a directory), a missing directory, a directory, an
// existing secrets file (--secrets-out never overwrites), and an existing
// file unless mayReplace (--force, or a command that asks first), and a
// bare output format name (json, sarif, ...), meant as a format.
func checkOutputFiles(files []outputFile, mayReplace bool) error {
	for _, f := range files {
		if slices.Contains(report.Formats, f.path) || f.path == "yaml" {
			return fmt.Errorf("%s %s: that is an output format, not a file name: this command writes YAML files (to write a file named %s, give ./%s)", f.flag, f.path, f.path, f.path)
		}
	}
	for i := range files {
		f := &files[i]
		abs, err := filepath.Abs(f.path)
		if err != nil {
			return err
		}
		f.abs = abs
		for _, prev := range files[:i] {
			if prev.abs == abs {
				return sameFile(prev, *f)
			}
		}
	}
	for i := range files {
		f := &files[i]
		dir := filepath.Dir(f.path)
		if dst, err := os.Stat(dir); err != nil || !dst.IsDir() {
			return fmt.Errorf("cannot write %s: directory %s does not exist", f.path, dir)
		}
		// The name through the real directory: two paths through a
		// symbolic link name the same file even before it exists.
		if real, err := filepath.EvalSymlinks(filepath.Dir(f.abs)); err == nil {
			f.real = filepath.Join(real, filepath.Base(f.abs))
		} else {
			f.real = f.abs
		}
		// (A hard link or a symbolic link to another target is no
		// collision: the rename replaces the name, not the file.)
		for _, prev := range files[:i] {
			if prev.real == f.real {
				return sameFile(prev, *f)
			}
		}
		// A device (/dev/stdout), a named pipe, a socket or a directory,
		// also behind a link, is never replaced, --force or not.
		if msg := generate.StandardStream(f.path); msg != "" {
			return errors.New(msg)
		}
		if st, err := os.Stat(f.path); err == nil {
			if msg := generate.NotRegular(f.path, st.Mode()); msg != "" {
				return errors.New(msg)
			}
		}
		if f.flag == "--secrets-out" {
			if _, err := os.Lstat(f.path); err == nil {
				return fmt.Errorf("%s exists; refusing to overwrite a secrets file (new values would break a running installation)", f.path)
			}
			continue
		}
		if _, err := os.Lstat(f.path); err == nil && !mayReplace {
			return fmt.Errorf("%s exists; pass --force to replace it", f.path)
		}
	}
	return nil
}

func sameFile(a, b outputFile) error {
	return fmt.Errorf("%s %s and %s %s are the same file; give --values-out, --save-answers, --schema-out and --secrets-out different names", a.flag, a.path, b.flag, b.path)
}
