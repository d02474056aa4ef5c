package generate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/valuesmith/valuesmith/schema"
)

// ErrExists is returned when a file would be overwritten without --force.
var ErrExists = errors.New("file exists")

// WriteFile writes data to path atomically (temporary file and rename). An
// existing file is replaced only with force.
func WriteFile(path string, data []byte, perm fs.FileMode, force bool) error {
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return fmt.Errorf("%s is a directory", path)
		}
		if !force {
			return fmt.Errorf("%s: %w; pass --force to replace it", path, ErrExists)
		}
	}
	return schema.WriteFileAtomic(path, data, perm)
}

// WriteNew writes data to a path that must not exist yet, atomically and
// without a window in which another file could be clobbered: the data goes
// to a temporary file that is then hard-linked into place (which fails if
// the name is taken).
func WriteNew(path string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("chmod: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w; refusing to overwrite it", path, ErrExists)
		}
		return fmt.Errorf("create %s: %w", path, err)
	}
	return nil
}
