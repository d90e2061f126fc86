#!/usr/bin/env bash
# Start time of `photo list --output json` on a remote-style profile against a running `photo local serve`,
# for this checkout and, optionally, a baseline checkout built the same way: both run in one hyperfine session,
# so their ratio is measured under the same load. Usage:
#   bench/list-start.sh [BASELINE_CHECKOUT]      (each checkout built with: mvn -B -q -DskipTests package)
# Environment: BENCH_RUNS (default 20), BENCH_API_PORT (default 9420; Cognito and S3 take the next two).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
baseline=${1:-}
runs=${BENCH_RUNS:-20}
api_port=${BENCH_API_PORT:-9420}
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing: apt-get install -y hyperfine" >&2; exit 1; }

# shellcheck source=bench/lib/local-serve.sh
. "$here/bench/lib/local-serve.sh"
work=$(mktemp -d)
cleanup() {
  serve_stop
  # the server may have recorded the class-data archive: one of the stack's classes, not of a command's
  rm -f "$here/cli/target/photo.jsa"
  rm -rf "$work"
}
trap cleanup EXIT

serve_isolate "$work"
serve_start "$here/photo" "$api_port"
# a remote-style profile: the served API by its URL, logged in once; its tokens stay valid for the whole run
serve_profile "$here/photo" x
# the launcher records a class-data archive on the first run after a build and maps it later: have each build
# record it from this very command, not from whatever ran first (the server above, for this checkout)
rm -f "$here/cli/target/photo.jsa"
"$here/photo" --profile x list --output json > /dev/null
commands=("$here/photo --profile x list --output json")
names=(-n "this checkout")
if [ -n "$baseline" ]; then
  rm -f "$baseline/cli/target/photo.jsa"
  "$baseline/photo" --profile x list --output json > /dev/null
  commands=("$baseline/photo --profile x list --output json" "${commands[@]}")
  names=(-n "baseline" "${names[@]}")
fi
hyperfine --runs "$runs" --warmup 2 -N "${names[@]}" "${commands[@]}" --export-markdown "$work/result.md"
cat "$work/result.md"
