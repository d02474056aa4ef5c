package cli

import (
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/valuesmith/valuesmith/internal/chart"
)

// renderCommand is the hidden command a rendering process runs: check
// --chart renders each release in a process of its own, so that a chart's
// templates that loop or allocate without end hit a limit, not the user's
// machine.
const renderCommand = "__render"

// renderLimitFlags are --render-timeout, --render-memory and
// --render-in-process.
type renderLimitFlags struct {
	timeout   time.Duration
	memory    string
	inProcess bool
}

func (r *renderLimitFlags) register(f *pflag.FlagSet) {
	f.DurationVar(&r.timeout, "render-timeout", chart.DefaultRenderTimeout, "with --chart, the longest rendering one release may take")
	f.StringVar(&r.memory, "render-memory", "1Gi", "with --chart, the most memory rendering one release may use (a quantity: 512Mi, 2Gi)")
	f.BoolVar(&r.inProcess, "render-in-process", false, "with --chart, render in valuesmith's own process: faster by one process start, for charts you trust (--render-timeout still holds, --render-memory does not)")
}

// isolation starts the rendering process for chartPath, unless
// --render-in-process asks for none (isolate is then nil).
func (r *renderLimitFlags) isolation(chartPath string, l chart.Limits) (isolate chart.Isolate, stop func()) {
	if r.inProcess {
		return nil, func() {}
	}
	return renderProcess(chartPath, l)
}

func (r *renderLimitFlags) limits() (chart.Limits, error) {
	if r.timeout <= 0 {
		return chart.Limits{}, fmt.Errorf("--render-timeout must be positive, not %v", r.timeout)
	}
	q, err := resource.ParseQuantity(r.memory)
	if err != nil || q.Value() < 64<<20 {
		return chart.Limits{}, fmt.Errorf("--render-memory %q: want a quantity of at least 64Mi, such as 512Mi or 2Gi", r.memory)
	}
	return chart.Limits{Timeout: r.timeout, Memory: q.Value()}, nil
}

// renderProcess starts this program again as the rendering process for
// chartPath, with the memory limit; stop ends a process not used.
func renderProcess(chartPath string, l chart.Limits) (isolate chart.Isolate, stop func()) {
	exe, err := os.Executable()
	if err != nil {
		return nil, func() {} // render in-process, with the time limit only
	}
	return chart.ProcessIsolate(func() *exec.Cmd {
		c := exec.Command(exe, renderCommand, "--chart", chartPath, "--memory", strconv.FormatInt(l.Memory, 10))
		c.Env = append(os.Environ(), "GOTRACEBACK=none")
		return c
	})
}

// withinMemory waits for done, watching the heap: past limit, it gives up
// on the rendering and says "out of memory", which ends the process (the
// goroutine that renders ends with it).
func withinMemory(done <-chan error, limit int64) error {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			metrics.Read(sample)
			if used := sample[0].Value.Uint64(); used > uint64(limit) {
				return fmt.Errorf("out of memory: rendering holds %d MiB, over its limit of %d MiB", used>>20, limit>>20)
			}
		}
	}
}

func newRenderCmd(s *streams) *cobra.Command {
	var memory int64
	var chartPath string
	cmd := &cobra.Command{
		Use:    renderCommand,
		Short:  "Render one release for check --chart (internal)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			done := make(chan error, 1)
			go func() { done <- chart.ServeRender(chartPath, s.in, s.out, s.err) }()
			if memory <= 0 {
				return <-done
			}
			debug.SetMemoryLimit(memory)
			return withinMemory(done, memory)
		},
	}
	cmd.Flags().Int64Var(&memory, "memory", 0, "memory limit in bytes")
	cmd.Flags().StringVar(&chartPath, "chart", "", "chart to load before the request comes")
	return cmd
}
