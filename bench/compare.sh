#!/usr/bin/env bash
# Times valuesmith against the floor of the libraries it links and against
# Helm and manifest checkers, on one chart and values file, in one
# interleaved run (medians; wall and CPU time; peak memory), and prints the
# ratios and differences the performance goals are stated in (README,
# "Performance").
#
#   bench/compare.sh [CHART [VALUES]]
#       CHART   chart directory (default testdata/charts/langfuse)
#       VALUES  values file (default examples/production.yaml)
#   RUNS=40 HELM=/usr/local/bin/helm bench/compare.sh ~/langfuse-k8s/charts/langfuse
#
# Rows:
#   floor                      bench/floor: links exactly valuesmith's
#                              third-party packages and exits
#   valuesmith version         valuesmith's own start-up
#   valuesmith check           schema and rules on VALUES
#   valuesmith check --chart   the same, plus render, manifest rules and
#                              Kubernetes validation (the render in a
#                              process of its own, as by default)
#   valuesmith check --chart --render-in-process
#                              the same, rendering in valuesmith's process
#   valuesmith generate, and check of what it writes (the embedded example)
#   helm lint --strict, helm template, helm template | kube-score score -,
#   helm template | kubeconform
#
# Needs only Go: helm comes from $HELM, PATH or go install (v3.22.0) into
# bench/out/bin. kube-score and kubeconform come from PATH or go install;
# when they cannot be installed (no module proxy) they are left out, and so
# is kubeconform when it cannot reach its JSON Schemas (it downloads them at
# run time; KUBECONFORM_SCHEMA_LOCATION names a local copy). go test never
# needs any of them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out/bin"
chart=${1:-testdata/charts/langfuse}
values=${2:-examples/production.yaml}
runs=${RUNS:-20}

go build -o "$out/valuesmith" ./cmd/valuesmith
go build -o "$out/floor" ./bench/floor

# tool NAME MODULE@VERSION: a binary from $NAME_UPPER, PATH, bench/out/bin or
# go install; empty when none can be had.
tool() {
  local name=$1 module=$2 var
  var=$(echo "$name" | tr 'a-z-' 'A-Z_')
  if [ -n "${!var:-}" ]; then echo "${!var}"; return; fi
  if command -v "$name" >/dev/null; then command -v "$name"; return; fi
  if [ ! -x "$out/bin/$name" ]; then
    GOBIN="$PWD/$out/bin" go install "$module" >&2 || { echo "compare: $name not installed ($module); left out" >&2; return; }
  fi
  echo "$PWD/$out/bin/$name"
}
helm=$(tool helm helm.sh/helm/v3/cmd/helm@v3.22.0)
[ -n "$helm" ] || { echo "compare: helm is needed" >&2; exit 2; }
kubescore=$(tool kube-score github.com/zegl/kube-score/cmd/kube-score@v1.20.0)
kubeconform=$(tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0)
echo "helm: $("$helm" version --short)"

# A chart's git tree declares sub-charts without carrying them, and helm
# cannot render it at all without them (offline, helm dependency build
# cannot fetch them). Give helm a copy without the dependencies block
# (valid while the values keep every store external); valuesmith renders
# the chart as it is and would report an enabled sub-chart that is missing.
hchart="$out/chart"
rm -rf "$hchart" && cp -r "$chart" "$hchart"
if [ ! -d "$chart/charts" ]; then
  awk 'BEGIN{skip=0} /^dependencies:/{skip=1;next} skip && /^[^ -]/{skip=0} !skip' \
    "$chart/Chart.yaml" > "$hchart/Chart.yaml"
fi
"$out/valuesmith" generate > "$out/generated.yaml"
template="$helm template langfuse $hchart -f $values --kube-version 1.33.0"

cmds=(
  -cmd "floor=$out/floor"
  -cmd "valuesmith version=$out/valuesmith version"
  -cmd "valuesmith check=$out/valuesmith check $values"
  -cmd "valuesmith check --chart=$out/valuesmith check --chart $chart $values"
  -cmd "valuesmith check --chart --render-in-process=$out/valuesmith check --chart $chart --render-in-process $values"
  -cmd "valuesmith generate=$out/valuesmith generate"
  -cmd "valuesmith check generated=$out/valuesmith check $out/generated.yaml"
  -cmd "helm lint --strict=$helm lint --strict $hchart -f $values"
  -cmd "helm template=$template"
)
if [ -n "$kubescore" ]; then
  cmds+=(-cmd "helm template | kube-score=$template | $kubescore score - --exit-one-on-warning=false")
fi
if [ -n "$kubeconform" ]; then
  kc="$kubeconform -summary"
  [ -n "${KUBECONFORM_SCHEMA_LOCATION:-}" ] && kc="$kc -schema-location $KUBECONFORM_SCHEMA_LOCATION"
  if $template | $kc - >/dev/null 2>&1; then
    cmds+=(-cmd "helm template | kubeconform=$template | $kc -")
  else
    echo "compare: kubeconform cannot validate here (it downloads its JSON Schemas at run time; set KUBECONFORM_SCHEMA_LOCATION to a local copy); left out" >&2
  fi
fi

go run ./bench/compare -runs "$runs" -markdown "${cmds[@]}" \
  -diff "valuesmith version-floor<=3ms" \
  -diff "valuesmith check-valuesmith version<=5ms" \
  -ratio "valuesmith check/helm lint --strict<=0.35" \
  -ratio "valuesmith check --chart/helm template<=0.55" \
  -ratio "valuesmith check --chart --render-in-process/helm template<=0.55" \
  -ratio "valuesmith generate/valuesmith check generated<=1.0" \
  -ratio "valuesmith version/helm lint --strict" \
  -ratio "valuesmith check --chart/helm lint --strict"
