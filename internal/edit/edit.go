// Package edit changes a Helm values file the way a careful person would:
// only the text of the keys being changed is touched. Edits name keys by
// their path in the values; they are found in the yaml.v3 tree of the file
// and applied as splices to the original bytes, so every other line stays
// byte for byte as it was: comments, key order, quoting, flow style, blank
// lines, anchors and line endings. New text follows the file's own
// indentation and line endings.
//
// After each edit the result is parsed again with the project's parser, and
// after all of them the values it holds are compared with the values the
// edits mean to produce: an edit that would break the file or change any
// other value is refused with an *Error, and nothing is returned.
package edit

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/valuesmith/valuesmith/internal/values"
)

// Op is what an edit does.
type Op int

// The edits.
const (
	// OpSet sets the value at Path, creating missing parent maps, and
	// replaces whatever was there (a scalar, a map or a list; a list item
	// when the last token of Path is an index).
	OpSet Op = iota + 1
	// OpDelete deletes the key (or list item) at Path with the comment
	// lines directly above it. A map left empty is deleted from its parent
	// too; a list left empty becomes []. A missing key is no change.
	OpDelete
	// OpMove moves the key at Path, with its value and comments, to To:
	// a rename when the parent stays, else a move to another parent
	// (created when missing). To must not exist yet.
	OpMove
	// OpAppend adds Value as the last item of the list at Path, creating
	// the list when it is missing.
	OpAppend
)

func (o Op) String() string {
	switch o {
	case OpSet:
		return "set"
	case OpDelete:
		return "delete"
	case OpMove:
		return "move"
	case OpAppend:
		return "append to"
	}
	return "edit"
}

// Edit is one change to a values file. Paths are lists of map keys, with a
// decimal index for a list item.
type Edit struct {
	Op    Op
	Path  []string
	To    []string
	Value *values.Node
}

// Set returns an edit that sets path to v.
func Set(path []string, v *values.Node) Edit { return Edit{Op: OpSet, Path: path, Value: v} }

// Delete returns an edit that deletes the key or list item at path.
func Delete(path []string) Edit { return Edit{Op: OpDelete, Path: path} }

// Move returns an edit that moves the key at from to to.
func Move(from, to []string) Edit { return Edit{Op: OpMove, Path: from, To: to} }

// Append returns an edit that appends v to the list at path.
func Append(path []string, v *values.Node) Edit { return Edit{Op: OpAppend, Path: path, Value: v} }

// String says what the edit does without its value (which might be a
// secret's reference, and is in the diff anyway).
func (e Edit) String() string {
	if e.Op == OpMove {
		return fmt.Sprintf("move %s to %s", values.DisplayPath(e.Path), values.DisplayPath(e.To))
	}
	return fmt.Sprintf("%s %s", e.Op, values.DisplayPath(e.Path))
}

// Path splits a dotted key path ("langfuse.web.replicas") into tokens. Keys
// that hold dots themselves are given as tokens directly.
func Path(dotted string) []string { return strings.Split(dotted, ".") }

// Error is an edit that was refused, and why.
type Error struct {
	Edit   *Edit
	Reason string
}

func (e *Error) Error() string {
	if e.Edit == nil {
		return e.Reason
	}
	return fmt.Sprintf("cannot %s: %s", e.Edit, e.Reason)
}

// Apply applies edits in order to the source of a values file and returns
// the new source. A file that does not parse is refused with the parser's
// *values.InputError; an edit that cannot be made safely with an *Error.
// Either way nothing is returned.
func Apply(file string, src []byte, edits ...Edit) ([]byte, error) {
	d, err := load(file, src)
	if err != nil {
		return nil, err
	}
	want := clone(d.parsed.Root)
	for i := range edits {
		e := &edits[i]
		out, err := d.apply(*e)
		if err != nil {
			return nil, withEdit(err, e)
		}
		if err := model(want, *e); err != nil {
			return nil, withEdit(err, e)
		}
		if out == nil {
			continue
		}
		next, err := load(file, out)
		if err != nil {
			return nil, withEdit(refusedParse(err), e)
		}
		d = next
	}
	if got, exp := d.parsed.Root.Interface(), want.Interface(); !reflect.DeepEqual(got, exp) {
		return nil, &Error{Reason: fmt.Sprintf("the result would change %s, which the edits do not mean to change; edit the file by hand", firstDifference(got, exp, ""))}
	}
	return d.src, nil
}

func withEdit(err error, e *Edit) error {
	var ee *Error
	if errors.As(err, &ee) {
		if ee.Edit == nil {
			ee.Edit = e
		}
		return ee
	}
	return &Error{Edit: e, Reason: err.Error()}
}

// refusedParse turns a parse failure of an edited file into a refusal. The
// parser's messages never hold values, only positions and kinds.
func refusedParse(err error) error {
	var ie *values.InputError
	if errors.As(err, &ie) {
		return &Error{Reason: fmt.Sprintf("the result would not parse (line %d: %s)", ie.Line, ie.Msg)}
	}
	return &Error{Reason: "the result would not parse: " + err.Error()}
}

// apply makes one edit and returns the new source, or nil for no change.
func (d *doc) apply(e Edit) ([]byte, error) {
	if len(e.Path) == 0 {
		return nil, &Error{Reason: "empty path"}
	}
	switch e.Op {
	case OpSet:
		if e.Value == nil {
			return nil, &Error{Reason: "no value"}
		}
		return d.set(e.Path, e.Value)
	case OpDelete:
		return d.delete(e.Path)
	case OpMove:
		if len(e.To) == 0 {
			return nil, &Error{Reason: "no destination"}
		}
		return d.move(e.Path, e.To)
	case OpAppend:
		if e.Value == nil {
			return nil, &Error{Reason: "no value"}
		}
		return d.append(e.Path, e.Value)
	}
	return nil, &Error{Reason: "unknown edit"}
}

// firstDifference names the first path at which two plain values differ,
// without saying what the values are.
func firstDifference(a, b any, path string) string {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			if !reflect.DeepEqual(am[k], bm[k]) {
				return firstDifference(am[k], bm[k], values.JoinKey(path, k))
			}
		}
	}
	al, aok := a.([]any)
	bl, bok := b.([]any)
	if aok && bok && len(al) == len(bl) {
		for i := range al {
			if !reflect.DeepEqual(al[i], bl[i]) {
				return firstDifference(al[i], bl[i], values.JoinIndex(path, i))
			}
		}
	}
	if path == "" {
		return "the top level"
	}
	return path
}

func itoa(i int) string { return strconv.Itoa(i) }
