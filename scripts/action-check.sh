#!/usr/bin/env bash
# valuesmith check for the GitHub Action (action.yml at the repository
# root). The action's inputs arrive as environment variables:
#   VALUESMITH_FILES    values files, one release each (split at white space; globs expand)
#   VALUESMITH_VALUES   files layered under every file, like helm -f (split the same way)
#   VALUESMITH_ARGS     more arguments for valuesmith check (split at white space)
#   VALUESMITH_FAIL_ON  lowest severity that fails the step
#   VALUESMITH_SARIF    "true" to write a SARIF log for code scanning
# The findings go to standard output as workflow commands (annotations on
# the pull request); the SARIF log's path goes to $GITHUB_OUTPUT as
# sarif-file. The exit code is valuesmith's: 0, 1 findings, 2 bad input.
set -euo pipefail

# Word splitting and globbing are wanted here: the inputs are lists.
# shellcheck disable=SC2206
files=(${VALUESMITH_FILES:-})
if [ "${#files[@]}" -eq 0 ]; then
  echo "::error title=valuesmith::the files input names no values file" >&2
  exit 2
fi
args=(--fail-on "${VALUESMITH_FAIL_ON:-error}")
for f in ${VALUESMITH_VALUES:-}; do
  args+=(-f "$f")
done
# shellcheck disable=SC2206
args+=(${VALUESMITH_ARGS:-})

if [ "${VALUESMITH_SARIF:-true}" = "true" ]; then
  sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/valuesmith.sarif"
  # Findings or bad input are reported by the run below; the log is
  # written either way.
  valuesmith check "${args[@]}" --output sarif "${files[@]}" >"$sarif" || true
  echo "sarif-file=$sarif" >>"${GITHUB_OUTPUT:-/dev/null}"
fi
valuesmith check "${args[@]}" --output github "${files[@]}"
