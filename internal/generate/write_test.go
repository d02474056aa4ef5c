package generate

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteAllWritesEveryFile(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.yaml")
	os.WriteFile(old, []byte("old\n"), 0o600)
	outs := []Output{
		{Path: filepath.Join(dir, "new.yaml"), Data: []byte("new\n"), Perm: 0o644},
		{Path: old, Data: []byte("replaced\n"), Perm: 0o644, Replace: true},
		{Path: filepath.Join(dir, "secret.yaml"), Data: []byte("secret\n"), Perm: 0o600},
	}
	if err := WriteAll(outs); err != nil {
		t.Fatal(err)
	}
	for _, o := range outs {
		data, err := os.ReadFile(o.Path)
		if err != nil || string(data) != string(o.Data) {
			t.Errorf("%s: %q, %v", o.Path, data, err)
		}
		want := o.Perm &^ umask(t)
		if o.Replace {
			want = 0o600 // the replaced file's own mode
		}
		if st, _ := os.Stat(o.Path); st.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", o.Path, st.Mode().Perm(), want)
		}
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"new.yaml", "old.yaml", "secret.yaml"}) {
		t.Errorf("files: %v", got)
	}
}

// A failure in the middle removes what the run created and says what, if
// anything, it had already replaced; no temporary file is left behind.
func TestWriteAllIsAllOrNothing(t *testing.T) {
	tests := []struct {
		name string
		// outs in dir; "taken" exists as a file, "adir" as a non-empty
		// directory, "keep" as a file with "keep\n".
		outs     func(dir string) []Output
		wantErr  string
		replaced bool // "keep" was replaced before the failure
	}{
		{"a new file's name was taken", func(dir string) []Output {
			return []Output{
				{Path: filepath.Join(dir, "a.yaml"), Data: []byte("a"), Perm: 0o644},
				{Path: filepath.Join(dir, "keep"), Data: []byte("new"), Perm: 0o644, Replace: true},
				{Path: filepath.Join(dir, "taken"), Data: []byte("s"), Perm: 0o600},
			}
		}, "refusing to overwrite it; nothing was written", false},
		{"a replacement fails after a creation", func(dir string) []Output {
			return []Output{
				{Path: filepath.Join(dir, "adir"), Data: []byte("v"), Perm: 0o644, Replace: true},
				{Path: filepath.Join(dir, "a.yaml"), Data: []byte("a"), Perm: 0o644},
				{Path: filepath.Join(dir, "b.yaml"), Data: []byte("b"), Perm: 0o644, Replace: true},
			}
		}, "nothing was written", false},
		{"a directory in the way is refused before anything moves", func(dir string) []Output {
			return []Output{
				{Path: filepath.Join(dir, "keep"), Data: []byte("new"), Perm: 0o644, Replace: true},
				{Path: filepath.Join(dir, "adir"), Data: []byte("v"), Perm: 0o644, Replace: true},
			}
		}, "adir is a directory; nothing was written", false},
		{"a temporary file cannot be created", func(dir string) []Output {
			return []Output{
				{Path: filepath.Join(dir, "a.yaml"), Data: []byte("a"), Perm: 0o644},
				{Path: filepath.Join(dir, "nosuchdir", "b.yaml"), Data: []byte("b"), Perm: 0o644},
			}
		}, "nothing was written", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "taken"), []byte("taken\n"), 0o600)
			os.WriteFile(filepath.Join(dir, "keep"), []byte("keep\n"), 0o644)
			os.Mkdir(filepath.Join(dir, "adir"), 0o755)
			os.WriteFile(filepath.Join(dir, "adir", "x"), nil, 0o644)
			err := WriteAll(tt.outs(dir))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			if strings.Contains(tt.wantErr, "refusing") && !errors.Is(err, ErrExists) {
				t.Errorf("%v is not ErrExists", err)
			}
			if got := listDir(t, dir); !slices.Equal(got, []string{"adir", "keep", "taken"}) {
				t.Errorf("files left: %v", got)
			}
			keep, _ := os.ReadFile(filepath.Join(dir, "keep"))
			if (string(keep) == "new") != tt.replaced {
				t.Errorf("keep holds %q", keep)
			}
			if taken, _ := os.ReadFile(filepath.Join(dir, "taken")); string(taken) != "taken\n" {
				t.Errorf("taken holds %q", taken)
			}
		})
	}
}
