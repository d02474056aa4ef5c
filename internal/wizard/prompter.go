// Package wizard walks a person through the generator's inputs in the
// terminal. It asks for the same Spec valuesmith generate builds from
// flags, and its result is the flag map generate would take for the same
// values, so both go through spec.Assemble the same way: the answers file
// it saves replays byte for byte with valuesmith generate --answers.
//
// The questions go through a Prompter; survey.go adapts
// github.com/AlecAivazis/survey/v2 to it and is the only file that knows
// that library.
package wizard

import "errors"

// ErrInterrupted is returned when the person presses Ctrl-C or the input
// ends (Ctrl-D, or a closed terminal). Nothing has been written then.
var ErrInterrupted = errors.New("interrupted")

// Question is one question.
type Question struct {
	// Key is the answers key the question sets (web.autoscaling.mode).
	Key string
	// Message is the question as shown.
	Message string
	// Help explains the question in a sentence; shown on '?'.
	Help string
}

// Option is one choice of a Select.
type Option struct {
	// Value is the answer, as the flag takes it.
	Value string
	// Note describes the choice next to it; may be empty.
	Note string
}

// Prompter asks questions. Each method returns ErrInterrupted on Ctrl-C or
// end of input.
type Prompter interface {
	// Select asks for one of options; def is the preselected value.
	Select(q Question, options []Option, def string) (string, error)
	// Input asks for a line of text; an empty line means def. validate
	// checks each reply (after def is filled in) and its error, which says
	// what is expected, is shown before asking again.
	Input(q Question, def string, validate func(string) error) (string, error)
	// Confirm asks a yes/no question.
	Confirm(q Question, def bool) (bool, error)
}
