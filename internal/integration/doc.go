// Package integration tests valuesmith through the tools that consume it:
// the Helm plugin with the real helm, the pre-commit hooks with pre-commit,
// the GitHub Action with actionlint and shellcheck, and the GitLab CI and
// Argo CD examples by running their commands. Each test needs its tool on
// PATH; without it the test skips, unless VALUESMITH_REQUIRE_TOOLS=1 (set
// by .ci/run, which installs them) makes it fail. It holds tests only.
package integration
