#!/usr/bin/env bash
# Times valuesmith side by side with Helm on the same chart and values, in one
# run: the values-only check against helm lint --strict (target: at most 0.2x),
# and check --chart (schema, rules, render, manifest rules) against helm
# template alone and helm lint --strict (target: at most 0.6x helm template).
# Prints medians, peak memory and the ratios.
#
# The last rows are floors: `valuesmith version` does no work beyond starting
# a binary that links Helm's engine, client-go's scheme and the JSON Schema
# validator (their package initialisation alone is about 14 ms on the
# 2-core machine this was written on), so "valuesmith version / helm lint
# --strict" is the lowest ratio any values-only check in this binary can
# reach.
#
#   bench/compare.sh [VALUES_FILE]        (default: examples/production.yaml)
#   RUNS=50 HELM=/usr/local/bin/helm bench/compare.sh
#
# Needs only Go: helm comes from PATH, $HELM, or go install (v3.22.0).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
values=${1:-examples/production.yaml}

go build -o "$out/valuesmith" ./cmd/valuesmith
helm=${HELM:-$(command -v helm || true)}
if [ -z "$helm" ]; then
  [ -x "$out/helm" ] || GOBIN="$PWD/$out" go install helm.sh/helm/v3/cmd/helm@v3.22.0
  helm="$out/helm"
fi
echo "helm: $("$helm" version --short)"

# The chart's git tree declares sub-charts without carrying them: helm cannot
# render it at all. Give helm a copy without the dependencies block (valid
# while the values keep every store external); valuesmith renders the chart
# as it is and would report an enabled sub-chart that is missing.
rm -rf "$out/chart" && cp -r testdata/charts/langfuse "$out/chart"
awk 'BEGIN{skip=0} /^dependencies:/{skip=1;next} skip && /^[^ -]/{skip=0} !skip' \
  testdata/charts/langfuse/Chart.yaml > "$out/chart/Chart.yaml"

go run ./bench/compare -runs "${RUNS:-30}" \
  -cmd "valuesmith check=$out/valuesmith check $values" \
  -cmd "helm lint --strict=$helm lint --strict $out/chart -f $values" \
  -cmd "valuesmith check --chart=$out/valuesmith check --chart testdata/charts/langfuse $values" \
  -cmd "helm template=$helm template langfuse $out/chart -f $values --kube-version 1.33.0" \
  -ratio "valuesmith check/helm lint --strict<=0.2" \
  -ratio "valuesmith check --chart/helm template<=0.6" \
  -cmd "valuesmith version=$out/valuesmith version" \
  -cmd "helm version=$helm version --short" \
  -ratio "valuesmith check --chart/helm lint --strict" \
  -ratio "valuesmith version/helm lint --strict"
