// Package suggest finds the likely intended word for a typo: the "did you
// mean" of unknown keys, fields and rule IDs.
package suggest

import "strings"

// Closest returns the candidate nearest to s when it is near enough to be a
// likely typo, else "". Near enough: the same word in another case; an edit
// distance (insertions, deletions, substitutions, adjacent transpositions,
// ignoring case) of 1, or 2 for words of 6 characters or more; or a long
// shared prefix (minReplicas for minReplicaCount).
func Closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	limit := 1
	if len(s) >= 6 {
		limit = 2
	}
	for _, c := range candidates {
		if c == s {
			continue
		}
		lc := strings.ToLower(c)
		if lc == ls {
			return c
		}
		d := Distance(ls, lc)
		if d > limit && sharedStem(ls, lc) {
			d = limit
		}
		if d <= limit && (d < bestD || d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// sharedStem reports a long common prefix covering most of the shorter
// word, with lengths not far apart.
func sharedStem(a, b string) bool {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	short := min(len(a), len(b))
	diff := len(a) - len(b)
	return n >= 5 && n*10 >= 8*short && diff >= -5 && diff <= 5
}

// Distance is the optimal string alignment distance between a and b.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
