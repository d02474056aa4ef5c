package spec

import "github.com/valuesmith/valuesmith/profiles"

// queueScalingReason explains why queue scaling accepts
// autoscaler-replicas-fight: the chart cannot leave replicas out for an
// autoscaler it does not render itself (facts A.8).
const queueScalingReason = "queue scaling uses a ScaledObject in extraManifests, so the chart still renders worker replicas; " +
	"they are set to the ScaledObject's minimum, so an upgrade can only drop the worker to its floor until KEDA's next poll"

// Accepted returns every warning the generated file accepts on purpose: the
// profile's, the answers', and those that come with a chosen option.
func (a *Assembled) Accepted() []profiles.Accepted {
	out := append([]profiles.Accepted{}, a.Profile.Accept...)
	for _, acc := range a.Spec.Accept {
		out = append(out, profiles.Accepted{Rule: acc.Rule, Reason: acc.Reason})
	}
	if a.Spec.Worker.Autoscaling.Mode == "keda-queue" {
		out = append(out, profiles.Accepted{Rule: "autoscaler-replicas-fight", Reason: queueScalingReason})
	}
	return out
}

// Accepts reports whether warnings of rule are accepted.
func (a *Assembled) Accepts(rule string) bool {
	for _, acc := range a.Accepted() {
		if acc.Rule == rule {
			return true
		}
	}
	return false
}
