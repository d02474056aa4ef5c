package chart

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
)

// Limits bound one rendering of a chart: a chart's templates are a program,
// and a hostile or broken one can loop or allocate without end.
type Limits struct {
	// Timeout is the longest a rendering may take.
	Timeout time.Duration
	// Memory is the most memory, in bytes, the rendering process may
	// use (only where rendering runs in a process of its own).
	Memory int64
}

// Default limits: far above what any real chart needs (the Langfuse chart
// renders in well under a second and 100 MiB), far below what would hurt
// the machine.
const (
	DefaultRenderTimeout = 10 * time.Second
	DefaultRenderMemory  = 1 << 30
)

// RenderRequest is what a rendering process needs: the chart is loaded
// again from Path.
type RenderRequest struct {
	Path        string         `json:"path"`
	Release     string         `json:"release"`
	Namespace   string         `json:"namespace"`
	KubeVersion string         `json:"kubeVersion"`
	APIVersions []string       `json:"apiVersions"`
	Values      map[string]any `json:"values"`
	// Each renders the templates one at a time, announcing each on the
	// progress output first, to name the one that reached a limit.
	Each bool `json:"each,omitempty"`
}

// RenderResponse is what rendering produced.
type RenderResponse struct {
	Manifests map[string]string `json:"manifests"`
	Errors    []RenderError     `json:"errors"`
}

// RenderError is one failure of the chart's templates. Limit is set when a
// limit of time or memory stopped the rendering; Chart when the template is
// broken whatever the values.
type RenderError struct {
	Template string `json:"template,omitempty"`
	Message  string `json:"message"`
	Limit    bool   `json:"limit,omitempty"`
	Chart    bool   `json:"chart,omitempty"`
}

// renderError is the package's name for it.
type renderError = RenderError

// Isolate renders a request somewhere the chart cannot harm the caller (a
// process of its own). It is set by the command line; without it, charts
// render in-process with only the time limit.
type Isolate func(ctx context.Context, req RenderRequest, progress io.Writer) (*RenderResponse, error)

// progressPrefix starts each line a rendering process prints before a
// template, in Each mode.
const progressPrefix = "rendering "

// ServeRender is the rendering process: it reads a RenderRequest from r,
// renders and writes the RenderResponse to w. In Each mode it names each
// template on progress before rendering it. With chartPath, the chart
// loads while the request is still on its way.
func ServeRender(chartPath string, r io.Reader, w, progress io.Writer) error {
	type loaded struct {
		c   *chart.Chart
		err error
	}
	early := make(chan loaded, 1)
	if chartPath != "" {
		go func() {
			c, err := Load(chartPath)
			early <- loaded{c, err}
		}()
	}
	var req RenderRequest
	if err := json.NewDecoder(r).Decode(&req); err != nil {
		return fmt.Errorf("read the render request: %w", err)
	}
	var l loaded
	if chartPath != "" && chartPath == req.Path {
		l = <-early
	} else {
		l.c, l.err = Load(req.Path)
	}
	if l.err != nil {
		return l.err
	}
	rc, vals, err := renderValues(l.c, req)
	if err != nil {
		return err
	}
	resp := &RenderResponse{}
	if req.Each {
		resp.Errors = renderEach(rc, vals, progress)
	} else {
		resp.Manifests, resp.Errors = render(rc, vals)
	}
	return json.NewEncoder(w).Encode(resp)
}

// renderValues prepares the chart and the values the templates see, as
// Check does.
func renderValues(c *chart.Chart, req RenderRequest) (*chart.Chart, chartutil.Values, error) {
	caps, err := capabilities(req.KubeVersion, req.APIVersions)
	if err != nil {
		return nil, nil, err
	}
	rc := withoutMissing(c)
	if err := chartutil.ProcessDependenciesWithMerge(rc, req.Values); err != nil {
		return nil, nil, fmt.Errorf("process dependencies: %w", err)
	}
	vals, err := chartutil.ToRenderValues(rc, req.Values, chartutil.ReleaseOptions{
		Name: req.Release, Namespace: req.Namespace, Revision: 1, IsInstall: true,
	}, caps)
	return rc, vals, err
}

// renderEach renders each template on its own (with the helpers), naming
// it on progress first.
func renderEach(c *chart.Chart, vals chartutil.Values, progress io.Writer) []RenderError {
	var names []string
	for _, t := range c.Templates {
		if !strings.HasPrefix(path.Base(t.Name), "_") {
			names = append(names, t.Name)
		}
	}
	sort.Strings(names)
	var errs []RenderError
	for _, name := range names {
		fmt.Fprintf(progress, "%s%s\n", progressPrefix, path.Join(c.Name(), name))
		one := *c
		one.Templates = nil
		for _, h := range c.Templates {
			if h.Name == name || strings.HasPrefix(path.Base(h.Name), "_") {
				one.Templates = append(one.Templates, h)
			}
		}
		if _, err := engine.Render(&one, vals); err != nil {
			errs = append(errs, parseRenderError(err))
		}
	}
	return errs
}

// renderBounded renders the chart within the limits: in a process of its
// own with isolate, else in a goroutine that is given up on at the time
// limit (it runs on until the process ends).
func renderBounded(opts Options, rc *chart.Chart, vals chartutil.Values, userVals map[string]any, apis []string) (map[string]string, []RenderError) {
	timeout := opts.Limits.Timeout
	if timeout <= 0 {
		timeout = DefaultRenderTimeout
	}
	if opts.Isolate == nil {
		type result struct {
			out  map[string]string
			errs []RenderError
		}
		done := make(chan result, 1)
		go func() {
			out, errs := render(rc, vals)
			done <- result{out, errs}
		}()
		select {
		case r := <-done:
			return r.out, r.errs
		case <-time.After(timeout):
			return nil, []RenderError{timeLimit("", timeout)}
		}
	}
	req := RenderRequest{Path: opts.Path, Release: opts.Release, Namespace: opts.Namespace,
		KubeVersion: opts.KubeVersion, APIVersions: apis, Values: userVals}
	resp, limitErr := isolated(opts.Isolate, req, timeout, opts.Limits.Memory, nil)
	if limitErr == nil {
		return resp.Manifests, resp.Errors
	}
	if !limitErr.Limit {
		return nil, []RenderError{*limitErr}
	}
	// A limit was reached: render again one template at a time to name
	// the template that reached it.
	req.Each = true
	var progress bytes.Buffer
	each, again := isolated(opts.Isolate, req, timeout, opts.Limits.Memory, &progress)
	switch {
	case again != nil:
		limitErr = again
		limitErr.Template = lastAnnounced(progress.String())
	case len(each.Errors) > 0:
		// One at a time, the templates failed within the limits: those
		// failures are the news.
		return nil, each.Errors
	}
	return nil, []RenderError{*limitErr}
}

// isolated runs one request through isolate with the time limit. It
// returns the response, or the failure as a RenderError.
func isolated(isolate Isolate, req RenderRequest, timeout time.Duration, memory int64, progress io.Writer) (*RenderResponse, *RenderError) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if progress == nil {
		progress = io.Discard
	}
	resp, err := isolate(ctx, req, progress)
	switch {
	case err == nil:
		return resp, nil
	case ctx.Err() != nil:
		e := timeLimit("", timeout)
		return nil, &e
	case errors.Is(err, ErrRenderMemory):
		e := memoryLimit("", memory)
		return nil, &e
	}
	return nil, &RenderError{Message: "rendering failed: " + oneLine(err.Error())}
}

// ErrRenderMemory is a rendering process that ran out of its memory.
var ErrRenderMemory = errors.New("out of memory")

func timeLimit(tpl string, d time.Duration) RenderError {
	return RenderError{Template: tpl, Limit: true, Message: fmt.Sprintf("rendering did not finish within the time limit of %v (--render-timeout): a template loops for too long", d)}
}

func memoryLimit(tpl string, n int64) RenderError {
	if n <= 0 {
		n = DefaultRenderMemory
	}
	return RenderError{Template: tpl, Limit: true, Message: fmt.Sprintf("rendering needed more than the memory limit of %d MiB (--render-memory): a template builds too much output or recurses too deep", n>>20)}
}

// lastAnnounced is the template the rendering process named last.
func lastAnnounced(progress string) string {
	last := ""
	for _, l := range strings.Split(progress, "\n") {
		if t, ok := strings.CutPrefix(l, progressPrefix); ok {
			last = t
		}
	}
	return last
}

// ProcessIsolate renders in processes that cmd makes (the same program,
// told to serve one render request on its standard input): their standard
// error is the progress output, and one that dies of a lack of memory is
// ErrRenderMemory. One process is started at once, so that its start-up
// and its loading of the chart overlap the caller's work; stop ends it if
// it was never used.
func ProcessIsolate(cmd func() *exec.Cmd) (isolate Isolate, stop func()) {
	var mu sync.Mutex
	spare := startRenderer(cmd)
	isolate = func(ctx context.Context, req RenderRequest, progress io.Writer) (*RenderResponse, error) {
		mu.Lock()
		p := spare
		spare = nil
		mu.Unlock()
		if p == nil {
			p = startRenderer(cmd)
		}
		return p.serve(ctx, req, progress)
	}
	stop = func() {
		mu.Lock()
		defer mu.Unlock()
		if spare != nil {
			spare.kill()
			spare = nil
		}
	}
	return isolate, stop
}

// renderer is a started rendering process.
type renderer struct {
	cmd         *exec.Cmd
	stdin       io.WriteCloser
	out, stderr bytes.Buffer
	err         error // from starting it
}

func startRenderer(cmd func() *exec.Cmd) *renderer {
	p := &renderer{cmd: cmd()}
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.stderr
	if p.stdin, p.err = p.cmd.StdinPipe(); p.err != nil {
		return p
	}
	p.err = p.cmd.Start()
	return p
}

func (p *renderer) kill() {
	if p.err == nil {
		p.stdin.Close()
		_ = p.cmd.Process.Kill()
		_ = p.cmd.Wait()
	}
}

// serve sends the request and reads the response; at ctx's end the
// process is killed.
func (p *renderer) serve(ctx context.Context, req RenderRequest, progress io.Writer) (*RenderResponse, error) {
	if p.err != nil {
		return nil, p.err
	}
	done := make(chan error, 1)
	go func() {
		err := json.NewEncoder(p.stdin).Encode(req)
		p.stdin.Close()
		if werr := p.cmd.Wait(); werr != nil || err != nil {
			done <- errors.Join(werr, err)
			return
		}
		done <- nil
	}()
	var runErr error
	select {
	case runErr = <-done:
	case <-ctx.Done():
		_ = p.cmd.Process.Kill()
		<-done
		_, _ = progress.Write(p.stderr.Bytes())
		return nil, ctx.Err()
	}
	_, _ = progress.Write(p.stderr.Bytes())
	if runErr != nil {
		msg := p.stderr.String()
		if strings.Contains(msg, "out of memory") || strings.Contains(msg, "stack overflow") || strings.Contains(msg, "cannot allocate memory") {
			return nil, ErrRenderMemory
		}
		return nil, fmt.Errorf("%w: %s", runErr, lastLine(msg))
	}
	var resp RenderResponse
	if err := json.Unmarshal(p.out.Bytes(), &resp); err != nil {
		return nil, fmt.Errorf("read the rendering: %w", err)
	}
	return &resp, nil
}

// lastLine is the last line of s that is not a progress line.
func lastLine(s string) string {
	last := ""
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, progressPrefix) {
			last = l
		}
	}
	return last
}
