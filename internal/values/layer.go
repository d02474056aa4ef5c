package values

// Effective values are what the chart's templates see: the chart's defaults
// with every user layer (helm -f a.yaml -f b.yaml) applied the way Helm does
// it. Each value keeps the position it was written at; values that come from
// the chart's defaults have a zero position.

// Layer merges user layers in order, the way helm merges several -f files:
// a later file wins, maps merge key by key, lists and scalars replace, and a
// null replaces too (it is applied against the defaults by Coalesce).
func Layer(layers ...*Node) *Node {
	var out *Node
	for _, l := range layers {
		out = mergeLayer(out, l)
	}
	return out
}

func mergeLayer(base, over *Node) *Node {
	if base == nil || over == nil || base.Kind != Map || over.Kind != Map {
		if over == nil {
			return base
		}
		return over
	}
	out := &Node{Kind: Map, Pos: over.Pos}
	for _, f := range base.Fields {
		out.Fields = append(out.Fields, f)
	}
	for _, f := range over.Fields {
		i := indexOf(out.Fields, f.Key)
		if i < 0 {
			out.Fields = append(out.Fields, f)
			continue
		}
		merged := mergeLayer(out.Fields[i].Value, f.Value)
		out.Fields[i] = &Field{Key: f.Key, KeyPos: f.KeyPos, Value: merged}
	}
	return out
}

func indexOf(fs []*Field, key string) int {
	for i, f := range fs {
		if f.Key == key {
			return i
		}
	}
	return -1
}

// Coalesce puts user values over the chart's defaults the way Helm does
// before rendering: user values win; maps merge; a user null deletes the
// key, default included; a default null stays null when the user does not
// set the key. Default values carry no position.
func Coalesce(user, defaults *Node) *Node {
	d := stripPositions(defaults)
	if user == nil {
		return d
	}
	return coalesce(user, d)
}

func coalesce(user, def *Node) *Node {
	if user.Kind != Map || def == nil || def.Kind != Map {
		return dropNulls(user)
	}
	out := &Node{Kind: Map, Pos: user.Pos}
	for _, f := range user.Fields {
		if f.Value.Kind == Null {
			// A user null removes the key and its default.
			continue
		}
		if dv := def.Get(f.Key); dv != nil {
			out.Fields = append(out.Fields, &Field{Key: f.Key, KeyPos: f.KeyPos, Value: coalesce(f.Value, dv)})
			continue
		}
		out.Fields = append(out.Fields, &Field{Key: f.Key, KeyPos: f.KeyPos, Value: dropNulls(f.Value)})
	}
	for _, f := range def.Fields {
		if user.Field(f.Key) == nil {
			out.Fields = append(out.Fields, f)
		}
	}
	return out
}

// dropNulls removes null-valued keys inside user maps, as Helm does while
// coalescing.
func dropNulls(n *Node) *Node {
	if n == nil || n.Kind != Map {
		return n
	}
	out := &Node{Kind: Map, Pos: n.Pos}
	for _, f := range n.Fields {
		if f.Value.Kind == Null {
			continue
		}
		out.Fields = append(out.Fields, &Field{Key: f.Key, KeyPos: f.KeyPos, Value: dropNulls(f.Value)})
	}
	return out
}

// stripPositions copies a defaults tree with every position cleared, so
// nothing points into the tool's own data file.
func stripPositions(n *Node) *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Pos = Pos{}
	if n.Fields != nil {
		c.Fields = make([]*Field, len(n.Fields))
		for i, f := range n.Fields {
			c.Fields[i] = &Field{Key: f.Key, Value: stripPositions(f.Value)}
		}
	}
	if n.Items != nil {
		c.Items = make([]*Node, len(n.Items))
		for i, it := range n.Items {
			c.Items[i] = stripPositions(it)
		}
	}
	return &c
}

// FromUser reports whether a value was written in a user's file rather than
// taken from the chart's defaults.
func (n *Node) FromUser() bool { return n != nil && !n.Pos.IsZero() }
