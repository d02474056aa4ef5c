#!/bin/sh
# The Helm plugin's install and update hook. A plugin installed from the
# source (a clone, or helm plugin install URL) is built with Go into the
# plugin's bin/; otherwise valuesmith must be on PATH.
set -eu
dir="${HELM_PLUGIN_DIR:?helm sets HELM_PLUGIN_DIR for plugin hooks}"
if [ -f "$dir/go.mod" ] && [ -d "$dir/cmd/valuesmith" ] && command -v go >/dev/null 2>&1; then
  echo "helm valuesmith: building valuesmith with $(go version)"
  cd "$dir"
  go build -o bin/valuesmith ./cmd/valuesmith
  echo "helm valuesmith: $(bin/valuesmith version | head -n 1)"
elif command -v valuesmith >/dev/null 2>&1; then
  echo "helm valuesmith: using $(command -v valuesmith) ($(valuesmith version | head -n 1))"
else
  echo "helm valuesmith: valuesmith is not on PATH and cannot be built here (no Go, or no source); install valuesmith first" >&2
  exit 1
fi
