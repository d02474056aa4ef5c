package generate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrExists is returned when a file that must be new exists.
var ErrExists = errors.New("file exists")

// An Output is one file of a WriteAll.
type Output struct {
	Path string
	Data []byte
	Perm fs.FileMode
	// Replace lets the file replace one of the same name; without it the
	// name must still be free when the file is moved into place.
	Replace bool
}

// WriteAll writes every output or none. Each goes to a temporary file in
// its target directory first; only when all of them are on disk are they
// moved into place. Files that must be new are hard-linked in (which fails
// if the name has been taken meanwhile) and go first; replacements are
// renames, last, because a replaced file cannot be brought back. If a step
// fails, the files this run created are removed again and the error says
// which files, if any, were already replaced. No temporary file is left
// behind.
func WriteAll(outs []Output) error {
	temps := make([]string, len(outs))
	defer func() {
		for _, t := range temps {
			if t != "" {
				os.Remove(t)
			}
		}
	}()
	for i, o := range outs {
		t, err := writeTemp(o)
		if err != nil {
			return fmt.Errorf("%w; nothing was written", err)
		}
		temps[i] = t
	}
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
		o := outs[i]
		var err error
		if o.Replace {
			_, statErr := os.Lstat(o.Path)
			if err = os.Rename(temps[i], o.Path); err == nil {
				temps[i] = ""
				if errors.Is(statErr, fs.ErrNotExist) {
					created = append(created, o.Path)
				} else {
					replaced = append(replaced, o.Path)
				}
				continue
			}
			err = fmt.Errorf("replace %s: %w", o.Path, err)
		} else if err = os.Link(temps[i], o.Path); err == nil {
			created = append(created, o.Path)
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

// writeTemp writes o's data to a new temporary file next to o.Path, with
// o's mode, and returns its name.
func writeTemp(o Output) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(o.Path), "."+filepath.Base(o.Path)+".*")
	if err != nil {
		return "", fmt.Errorf("create a temporary file for %s: %w", o.Path, err)
	}
	name := tmp.Name()
	fail := func(err error) (string, error) {
		tmp.Close()
		os.Remove(name)
		return "", fmt.Errorf("write %s: %w", o.Path, err)
	}
	if err := tmp.Chmod(o.Perm); err != nil {
		return fail(err)
	}
	if _, err := tmp.Write(o.Data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return "", fmt.Errorf("write %s: %w", o.Path, err)
	}
	return name, nil
}
