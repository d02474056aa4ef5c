package suggest

import "testing"

func TestClosest(t *testing.T) {
	cases := []struct {
		in    string
		cands []string
		want  string
	}{
		{"livenesProbe", []string{"livenessProbe", "readinessProbe"}, "livenessProbe"},
		{"ingres", []string{"ingress", "image"}, "ingress"},
		{"minReplicas", []string{"minReplicaCount", "maxReplicaCount"}, "minReplicaCount"},
		{"Host", []string{"host"}, "host"},
		{"hots", []string{"host", "port"}, "host"},
		{"maxUnavailabel", []string{"maxUnavailable", "minAvailable"}, "maxUnavailable"},
		{"zone", []string{"deploy", "bucket"}, ""},
		{"ab", []string{"xy"}, ""},
		{"host", []string{"host"}, ""},
		{"imagePullPolicyy", []string{"image", "imagePullPolicy"}, "imagePullPolicy"},
		{"zzz", []string{"image", "name"}, ""},
	}
	for _, tc := range cases {
		if got := Closest(tc.in, tc.cands); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"ab", "ba", 1}, {"kitten", "sitting", 3}, {"hots", "host", 1}} {
		if got := Distance(tc.a, tc.b); got != tc.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
}
