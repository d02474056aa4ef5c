package model

// Upgrade says how values written for the previous chart major become
// values of a release: the facts valuesmith migrate reads besides the
// release's Moves. Old and new defaults are never spelled here: they are
// read from the two releases' defaults.
type Upgrade struct {
	// From is the modelled release of the previous major whose keys and
	// defaults the old values are read with ("1.5.41").
	From string
	// Guide is the address of the chart's upgrade guide, for the steps a
	// person has to take.
	Guide string
	// Settings are sub-chart settings of the previous major, inside keys the
	// Moves remove or keys this release no longer reads, that have a home in
	// this release. Each is a Move with Carry (or Convert) set; migrate
	// carries them before it removes what contains them.
	Settings []Move
	// Defaults are keys whose chart default changed between the majors.
	Defaults []ChangedDefault
	// Copies are the bundled stores, each with what a person does about its
	// data when the values move to this release.
	Copies []StoreCopy
	// Reused are keys both majors read that configure another program in
	// this release: whatever an old file holds there is for the old
	// program, so migrate removes it (and lists what it held) instead of
	// leaving it to the new one. Each is a Move without NewPath.
	Reused []Move
	// Images are the image keys of bundled stores that both majors read but
	// that run another image in this release (a Bitnami image there, the
	// upstream image here).
	Images []string
	// Buckets, when set, is how the S3 bucket is chosen, whose default
	// changed.
	Buckets *BucketKeys
}

// BucketKeys are the keys that choose the S3 bucket: Bucket, else Fallback
// (the previous major's default of Bucket was empty, so Fallback decided),
// and with the bundled store the buckets it creates.
type BucketKeys struct {
	Bucket, Fallback, Created string
}

// When says under which condition a default is pinned or reset.
type When int

// Conditions of a ChangedDefault, by whether the store the key belongs to
// (the first element of its path) is deployed by the chart.
const (
	Never When = iota
	// Always: whatever the store.
	Always
	// IfBundled: while the chart deploys the store.
	IfBundled
	// IfExternal: while the store is external.
	IfExternal
)

// ChangedDefault is a key whose chart default changed between the majors.
type ChangedDefault struct {
	// Path is the key in this release.
	Path string
	// OldPath is the key that held the setting in the previous major, when
	// it had another path.
	OldPath string
	// Pin: under this condition a file that does not set the key gets the
	// old default written, so the release keeps running as before.
	Pin When
	// Reset: under this condition a value equal to the old default is
	// removed, so the new default applies.
	Reset When
	// Note says why.
	Note string
}

// StoreCopy is a bundled store and what happens to its data when the values
// move to the new major.
type StoreCopy struct {
	// Store is the store's values section (postgresql, redis, ...).
	Store string
	// Data is true when the store holds data that must be copied.
	Data bool
	// How says what to do.
	How string
}
