// Command compare times whole processes side by side: each command runs
// several times, interleaved, and the report gives the median and 90th
// percentile wall time, the peak resident memory, and ratios between
// commands against targets. It needs nothing but Go, so bench/compare.sh runs
// on a fresh machine.
//
//	go run ./bench/compare -runs 30 \
//	  -cmd 'a=./valuesmith check values.yaml' -cmd 'b=helm lint --strict chart -f values.yaml' \
//	  -ratio 'a/b<=0.2'
package main

import (
	"errors"
	"flag"
	"fmt"
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
	rss   int64 // KiB
}

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ", ") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run() error {
	var cmds, ratios multi
	runs := flag.Int("runs", 20, "runs of each command")
	warm := flag.Int("warmup", 2, "untimed runs of each command first")
	flag.Var(&cmds, "cmd", "LABEL=COMMAND (repeatable; the command is split on spaces)")
	flag.Var(&ratios, "ratio", "A/B or A/B<=TARGET: report median(A)/median(B)")
	flag.Parse()
	var cs []*command
	for _, c := range cmds {
		label, line, ok := strings.Cut(c, "=")
		if !ok {
			return fmt.Errorf("-cmd %q: want LABEL=COMMAND", c)
		}
		cs = append(cs, &command{label: label, argv: strings.Fields(line)})
	}
	if len(cs) == 0 {
		return errors.New("no -cmd given")
	}
	for _, c := range cs {
		for i := 0; i < *warm; i++ {
			if _, _, err := once(c); err != nil {
				return err
			}
		}
	}
	// Interleave runs so that machine noise hits every command alike.
	for i := 0; i < *runs; i++ {
		for _, c := range cs {
			d, rss, err := once(c)
			if err != nil {
				return err
			}
			c.wall = append(c.wall, d)
			c.rss = max(c.rss, rss)
		}
	}
	fmt.Printf("%-34s %10s %10s %12s   (%d runs each)\n", "command", "median", "p90", "peak RSS", *runs)
	med := map[string]time.Duration{}
	for _, c := range cs {
		sort.Slice(c.wall, func(i, j int) bool { return c.wall[i] < c.wall[j] })
		m, p90 := c.wall[len(c.wall)/2], c.wall[len(c.wall)*9/10]
		med[c.label] = m
		fmt.Printf("%-34s %10s %10s %9.1f MiB\n", c.label, ms(m), ms(p90), float64(c.rss)/1024)
	}
	fmt.Println()
	failed := false
	for _, r := range ratios {
		expr, target, hasTarget := strings.Cut(r, "<=")
		a, b, ok := strings.Cut(expr, "/")
		ma, okA := med[a]
		mb, okB := med[b]
		if !ok || !okA || !okB {
			return fmt.Errorf("-ratio %q names an unknown command", r)
		}
		ratio := float64(ma) / float64(mb)
		line := fmt.Sprintf("ratio %s / %s = %.2f", a, b, ratio)
		if hasTarget {
			t, err := strconv.ParseFloat(target, 64)
			if err != nil {
				return fmt.Errorf("-ratio %q: bad target", r)
			}
			verdict := "meets"
			if ratio > t {
				verdict, failed = "MISSES", true
			}
			line += fmt.Sprintf("  (target <= %.2f: %s)", t, verdict)
		}
		fmt.Println(line)
	}
	if failed {
		fmt.Println("\nsome targets were missed (timings vary with the machine; see above)")
	}
	return nil
}

// once runs a command and returns its wall time and peak RSS in KiB.
func once(c *command) (time.Duration, int64, error) {
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	if err != nil {
		var ee *exec.ExitError
		// A checker that reports findings exits 1; only a crash or a usage
		// error (2 and up) means the comparison is broken.
		if !errors.As(err, &ee) || ee.ExitCode() > 1 {
			return 0, 0, fmt.Errorf("%s: %v\n%s", c.label, err, out)
		}
	}
	return d, rss, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
