package chart

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/valuesmith/valuesmith/internal/values"
)

// maxChartYAML bounds how much of a Chart.yaml is read.
const maxChartYAML = 1 << 20

// PeekVersion reads the version from a chart's Chart.yaml (a chart
// directory or a packaged .tgz) without loading the rest of the chart, so
// that the chart version is known before the chart has loaded.
func PeekVersion(p string) (string, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return "", fmt.Errorf("load chart %s: %w", p, err)
	}
	var data []byte
	switch {
	case fi.IsDir():
		data, err = readLimited(filepath.Join(p, "Chart.yaml"))
	case fi.Mode().IsRegular():
		data, err = chartYAMLInArchive(p)
	default:
		// A named pipe would block the open; Helm's loader would open it
		// too.
		err = errors.New("not a chart directory or a .tgz file but " + values.FileKind(fi.Mode()))
	}
	if err != nil {
		return "", fmt.Errorf("load chart %s: %w", p, err)
	}
	var meta struct {
		Version string `json:"version"`
	}
	if err := yaml.Unmarshal(data, &meta); err != nil {
		return "", fmt.Errorf("load chart %s: Chart.yaml: %w", p, err)
	}
	if strings.TrimSpace(meta.Version) == "" {
		return "", fmt.Errorf("load chart %s: Chart.yaml has no version", p)
	}
	return strings.TrimSpace(meta.Version), nil
}

func readLimited(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not a regular file", filepath.Base(name), values.FileKind(fi.Mode()))
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxChartYAML))
}

// chartYAMLInArchive finds <chart>/Chart.yaml in a packaged chart.
func chartYAMLInArchive(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("not a chart archive: %w", err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the archive has no Chart.yaml")
		}
		if err != nil {
			return nil, fmt.Errorf("read the archive: %w", err)
		}
		clean := path.Clean(strings.TrimPrefix(h.Name, "./"))
		if dir, base := path.Split(clean); base == "Chart.yaml" && strings.Count(dir, "/") == 1 {
			return io.ReadAll(io.LimitReader(tr, maxChartYAML))
		}
	}
}
