#!/bin/sh
# The Helm plugin's command: helm valuesmith ARGS runs valuesmith ARGS.
# It prefers the binary the install hook built, then valuesmith on PATH.
set -eu
bin="${HELM_PLUGIN_DIR:-$(dirname "$0")/..}/bin/valuesmith"
if [ ! -x "$bin" ]; then
  if ! bin=$(command -v valuesmith); then
    echo "helm valuesmith: valuesmith is not installed; install Go and run: helm plugin update valuesmith, or put valuesmith on PATH" >&2
    exit 2
  fi
fi
exec "$bin" "$@"
