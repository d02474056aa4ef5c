// Command compare times whole processes side by side: each command runs
// several times, interleaved, and the report gives the median and 90th
// percentile wall time, the median CPU time (user and system, which moves
// less than wall time on a busy machine), the peak resident memory, and
// ratios and differences between commands against targets. It needs nothing
// but Go, so bench/compare.sh runs on a fresh machine.
//
//	go run ./bench/compare -runs 20 \
//	  -cmd 'a=./valuesmith check values.yaml' -cmd 'b=helm lint --strict chart -f values.yaml' \
//	  -cmd 'c=helm template x chart | kubeconform' \
//	  -ratio 'a/b<=0.35' -diff 'a-b<=5ms'
//
// A command is split on spaces, or run with bash -o pipefail -c when it holds a pipe; the
// peak memory of a pipeline is that of its largest process, its CPU time
// the sum of them all.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type command struct {
	label string
	argv  []string
	wall  []time.Duration
	cpu   []time.Duration // user + system
	rss   int64           // KiB
}

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ", ") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	var cmds, ratios, diffs multi
	runs := flag.Int("runs", 20, "runs of each command")
	warm := flag.Int("warmup", 2, "untimed runs of each command first")
	md := flag.Bool("markdown", false, "print the table as Markdown too")
	flag.Var(&cmds, "cmd", "LABEL=COMMAND (repeatable; split on spaces, or run with bash -o pipefail -c when it holds a |)")
	flag.Var(&ratios, "ratio", "A/B or A/B<=TARGET: report median(A)/median(B)")
	flag.Var(&diffs, "diff", "A-B or A-B<=TARGETms: report median(A)-median(B) in ms")
	flag.Parse()
	cs, err := parseCommands(cmds)
	if err != nil {
		return err
	}
	for _, c := range cs {
		for i := 0; i < *warm; i++ {
			if _, _, _, err := once(c); err != nil {
				return err
			}
		}
	}
	// Interleave runs so that machine noise hits every command alike.
	for i := 0; i < *runs; i++ {
		for _, c := range cs {
			d, cpu, rss, err := once(c)
			if err != nil {
				return err
			}
			c.wall = append(c.wall, d)
			c.cpu = append(c.cpu, cpu)
			c.rss = max(c.rss, rss)
		}
	}
	med := table(w, cs, *runs)
	failed := false
	for _, r := range ratios {
		line, miss, err := ratio(r, med)
		if err != nil {
			return err
		}
		failed = failed || miss
		fmt.Fprintln(w, line)
	}
	for _, d := range diffs {
		line, miss, err := diff(d, med)
		if err != nil {
			return err
		}
		failed = failed || miss
		fmt.Fprintln(w, line)
	}
	if *md {
		markdown(w, cs)
	}
	if failed {
		fmt.Fprintln(w, "\nsome targets were missed (timings vary with the machine; see above)")
	}
	return nil
}

func parseCommands(cmds []string) ([]*command, error) {
	var cs []*command
	for _, c := range cmds {
		label, line, ok := strings.Cut(c, "=")
		if !ok || strings.TrimSpace(line) == "" {
			return nil, fmt.Errorf("-cmd %q: want LABEL=COMMAND", c)
		}
		argv := strings.Fields(line)
		if strings.Contains(line, "|") {
			argv = []string{"bash", "-o", "pipefail", "-c", line}
		}
		cs = append(cs, &command{label: label, argv: argv})
	}
	if len(cs) == 0 {
		return nil, errors.New("no -cmd given")
	}
	return cs, nil
}

// table prints the medians and returns them by label.
func table(w io.Writer, cs []*command, runs int) map[string]time.Duration {
	fmt.Fprintf(w, "%-40s %10s %10s %10s %12s   (%d runs each)\n", "command", "median", "p90", "CPU", "peak RSS", runs)
	med := map[string]time.Duration{}
	for _, c := range cs {
		m, p90 := median(c.wall), percentile(c.wall, 90)
		med[c.label] = m
		med[c.label+" (CPU)"] = median(c.cpu)
		fmt.Fprintf(w, "%-40s %10s %10s %10s %9.1f MiB\n", c.label, ms(m), ms(p90), ms(median(c.cpu)), float64(c.rss)/1024)
	}
	fmt.Fprintln(w)
	return med
}

func markdown(w io.Writer, cs []*command) {
	fmt.Fprintln(w, "\n| command | median | p90 | CPU (user+sys) | peak RSS |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, c := range cs {
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %.0f MiB |\n", c.label, ms(median(c.wall)), ms(percentile(c.wall, 90)), ms(median(c.cpu)), float64(c.rss)/1024)
	}
}

func ratio(expr string, med map[string]time.Duration) (string, bool, error) {
	e, target, hasTarget := strings.Cut(expr, "<=")
	a, b, ok := strings.Cut(e, "/")
	ma, okA := med[a]
	mb, okB := med[b]
	if !ok || !okA || !okB {
		return "", false, fmt.Errorf("-ratio %q names an unknown command", expr)
	}
	r := float64(ma) / float64(mb)
	line := fmt.Sprintf("ratio %s / %s = %.2f", a, b, r)
	if ca, cb := med[a+" (CPU)"], med[b+" (CPU)"]; cb > 0 {
		line += fmt.Sprintf(" (CPU %.2f)", float64(ca)/float64(cb))
	}
	if !hasTarget {
		return line, false, nil
	}
	t, err := strconv.ParseFloat(target, 64)
	if err != nil {
		return "", false, fmt.Errorf("-ratio %q: bad target", expr)
	}
	return verdict(line, fmt.Sprintf("%.2f", t), r > t)
}

func diff(expr string, med map[string]time.Duration) (string, bool, error) {
	e, target, hasTarget := strings.Cut(expr, "<=")
	a, b, ok := strings.Cut(e, "-")
	ma, okA := med[a]
	mb, okB := med[b]
	if !ok || !okA || !okB {
		return "", false, fmt.Errorf("-diff %q names an unknown command", expr)
	}
	d := ma - mb
	line := fmt.Sprintf("difference %s - %s = %s (CPU %s)", a, b, ms(d), ms(med[a+" (CPU)"]-med[b+" (CPU)"]))
	if !hasTarget {
		return line, false, nil
	}
	t, err := time.ParseDuration(target)
	if err != nil {
		return "", false, fmt.Errorf("-diff %q: bad target (want e.g. 3ms)", expr)
	}
	return verdict(line, ms(t), d > t)
}

func verdict(line, target string, missed bool) (string, bool, error) {
	v := "meets"
	if missed {
		v = "MISSES"
	}
	return fmt.Sprintf("%s  (target <= %s: %s)", line, target, v), missed, nil
}

// once runs a command and returns its wall time, CPU time and peak RSS in
// KiB.
func once(c *command) (time.Duration, time.Duration, int64, error) {
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	if cmd.ProcessState == nil {
		return 0, 0, 0, fmt.Errorf("%s: %w", c.label, err)
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	if err != nil {
		var ee *exec.ExitError
		// A checker that reports findings exits 1; only a crash or a usage
		// error (2 and up) means the comparison is broken.
		if !errors.As(err, &ee) || ee.ExitCode() > 1 {
			return 0, 0, 0, fmt.Errorf("%s: %v\n%s", c.label, err, out)
		}
	}
	return d, cpu, rss, nil
}

func median(ds []time.Duration) time.Duration { return percentile(ds, 50) }

func percentile(ds []time.Duration, p int) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)*p/100, len(s)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
