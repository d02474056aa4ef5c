package wizard

// The only file that imports survey: replacing the library means replacing
// this adapter.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"
)

// Survey is the Prompter on a terminal.
//
// For the whole session the terminal stays in the mode survey reads keys
// in (no echo, no line buffering, Ctrl-C as a key rather than a signal),
// not only while a question waits: a key pressed between two questions is
// then read by the next one instead of being echoed or turned into a
// signal, so Ctrl-C at any moment ends the wizard the same way. Close
// restores the terminal.
type Survey struct {
	in      *ttyInput
	out     *os.File
	session *terminal.RuneReader
	close   sync.Once
}

// NewSurvey starts a session on the terminal in (keys) and out (prompts).
// Call Close when done, also when the program is interrupted.
func NewSurvey(in, out *os.File) (*Survey, error) {
	s := &Survey{in: &ttyInput{f: in}, out: out}
	s.session = terminal.NewRuneReader(s.stdio())
	if err := s.session.SetTermMode(); err != nil {
		return nil, fmt.Errorf("set the terminal mode: %w", err)
	}
	return s, nil
}

// Close restores the terminal's mode. It is safe to call more than once
// and from another goroutine.
func (s *Survey) Close() error {
	var err error
	s.close.Do(func() { err = s.session.RestoreTermMode() })
	return err
}

// ErrNoCursorReport is a terminal that did not answer the cursor-position
// query: survey asks it before every prompt and would wait for ever.
var ErrNoCursorReport = errors.New("the terminal does not report its cursor position")

// Probe asks the terminal where its cursor is, as survey will before each
// prompt, and fails with ErrNoCursorReport when no answer comes within
// wait. Keys typed meanwhile are kept for the first question.
func (s *Survey) Probe(wait time.Duration) error {
	if _, err := io.WriteString(s.out, "\x1b[6n"); err != nil {
		return err
	}
	got := make(chan error, 1)
	go func() { got <- s.in.awaitReport() }()
	select {
	case err := <-got:
		return err
	case <-time.After(wait):
		return ErrNoCursorReport
	}
}

func (s *Survey) stdio() terminal.Stdio {
	return terminal.Stdio{In: s.in, Out: s.out, Err: s.out}
}

// Select implements Prompter.
func (s *Survey) Select(q Question, options []Option, def string) (answer string, err error) {
	values := make([]string, len(options))
	notes := make([]string, len(options))
	var preselect any
	for i, o := range options {
		values[i], notes[i] = o.Value, o.Note
		if o.Value == def {
			preselect = def
		}
	}
	p := &survey.Select{
		Message:     q.Message,
		Options:     values,
		Default:     preselect,
		Help:        q.Help,
		PageSize:    len(values),
		Description: func(_ string, i int) string { return notes[i] },
	}
	err = s.ask(p, &answer)
	return answer, err
}

// Input implements Prompter.
func (s *Survey) Input(q Question, def string, validate func(string) error) (answer string, err error) {
	p := &survey.Input{Message: q.Message, Default: def, Help: q.Help}
	err = s.ask(p, &answer, survey.WithValidator(func(v any) error {
		text, _ := v.(string)
		return validate(text)
	}))
	return answer, err
}

// Confirm implements Prompter.
func (s *Survey) Confirm(q Question, def bool) (answer bool, err error) {
	err = s.ask(&survey.Confirm{Message: q.Message, Default: def, Help: q.Help}, &answer)
	return answer, err
}

func (s *Survey) ask(p survey.Prompt, answer any, opts ...survey.AskOpt) (err error) {
	if s.in.ended() {
		return ErrInterrupted
	}
	defer func() {
		// survey does not expect its terminal to go away between writing a
		// cursor query and reading the reply, and fails on a nil position;
		// that is the end of the input, not a bug to report.
		if r := recover(); r != nil {
			if !s.in.ended() {
				panic(r)
			}
			err = ErrInterrupted
		}
	}()
	opts = append(opts, survey.WithStdio(s.in, s.out, s.out))
	err = survey.AskOne(p, answer, opts...)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, terminal.InterruptErr):
		return ErrInterrupted
	case errors.Is(err, io.EOF), s.in.ended():
		// survey ends the line itself on Ctrl-C only.
		fmt.Fprint(s.out, "\r\n")
		return ErrInterrupted
	}
	return err
}

// Keys survey reads in raw mode.
const (
	keyInterrupt = 0x03 // Ctrl-C
	keyEOT       = 0x04 // Ctrl-D: the end of input, as in a shell
)

// ttyInput hands survey the terminal's input in pieces that each question
// consumes whole. survey reads with a new buffered reader for each
// question and for each cursor-position query, and drops what such a
// reader read past the point it needed: keys typed ahead (or pasted) and
// keys that arrive together with a cursor-position report would be lost.
// So each Read returns at most one line (up to Enter, Ctrl-C or Ctrl-D) or
// up to the end of one cursor-position report, and keeps the rest for the
// next Read. Ctrl-D ends the input: survey would take it as Enter.
type ttyInput struct {
	f       *os.File
	pending []byte
	eof     bool
	buf     [512]byte
}

func (t *ttyInput) Fd() uintptr { return t.f.Fd() }

// awaitReport reads until a cursor-position report, which it drops; what
// came before it stays to be read.
func (t *ttyInput) awaitReport() error {
	var before []byte
	defer func() { t.pending = append(before, t.pending...) }()
	var p [512]byte
	for {
		n, err := t.Read(p[:])
		chunk := p[:n]
		if i := bytes.IndexByte(chunk, 0x1b); i >= 0 && cprLen(chunk[i:]) == len(chunk)-i {
			before = append(before, chunk[:i]...)
			return nil
		}
		before = append(before, chunk...)
		if err != nil {
			return ErrInterrupted
		}
	}
}

func (t *ttyInput) ended() bool {
	return t.eof && len(t.pending) == 0
}

func (t *ttyInput) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(t.pending) == 0 {
		if t.eof {
			return 0, io.EOF
		}
		n, err := t.f.Read(t.buf[:])
		if n == 0 {
			// A closed terminal reads as an error (EIO) rather than EOF;
			// either way there is no more input.
			t.eof = true
			if err == nil || errors.Is(err, io.EOF) {
				return 0, io.EOF
			}
			return 0, fmt.Errorf("%w: %v", io.EOF, err)
		}
		t.pending = append([]byte(nil), t.buf[:n]...)
	}
	chunk := t.pending[:chunkEnd(t.pending)]
	if i := bytes.IndexByte(chunk, keyEOT); i >= 0 {
		t.eof = true
		n := copy(p, chunk[:i])
		t.pending = nil
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
	n := copy(p, chunk)
	t.pending = t.pending[n:]
	return n, nil
}

// chunkEnd returns the length of the first piece of b: through the first
// Enter, Ctrl-C or Ctrl-D, or through the end of the first cursor-position
// report (ESC [ row ; col R), whichever comes first; else all of b.
func chunkEnd(b []byte) int {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\r', '\n', keyInterrupt, keyEOT:
			return i + 1
		case 0x1b:
			if n := cprLen(b[i:]); n > 0 {
				return i + n
			}
		}
	}
	return len(b)
}

// cprLen returns the length of the cursor-position report b starts with,
// or 0.
func cprLen(b []byte) int {
	if len(b) < 2 || b[1] != '[' {
		return 0
	}
	digits, semis := 0, 0
	for i := 2; i < len(b); i++ {
		switch c := b[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == ';':
			semis++
		case c == 'R' && semis == 1 && digits >= 2:
			return i + 1
		default:
			return 0
		}
	}
	return 0
}
