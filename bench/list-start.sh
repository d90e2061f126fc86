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

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  # the server may have recorded the class-data archive: one of the stack's classes, not of a command's
  rm -f "$here/cli/target/photo.jsa"
  rm -rf "$work"
}
trap cleanup EXIT

# everything photo keeps goes under $work: nothing read from or written to the user's own directories
export PHOTO_HOME="$work/server" PHOTO_CONFIG_DIR="$work/config" PHOTO_STATE_DIR="$work/state"
export XDG_CONFIG_HOME="$work/xdg-config" XDG_STATE_HOME="$work/xdg-state" XDG_DATA_HOME="$work/xdg-data"
unset PHOTO_PROFILE PHOTO_PASSWORD

"$here/photo" local serve --api-port "$api_port" --cognito-port $((api_port + 1)) --s3-port $((api_port + 2)) \
  > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  grep -q "Press Ctrl-C" "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
grep -q "Press Ctrl-C" "$work/serve.log" || { cat "$work/serve.log" >&2; exit 1; }

# a remote-style profile: the served API by its URL, logged in once; its tokens stay valid for the whole run
"$here/photo" configure --api-url "http://127.0.0.1:$api_port" --profile x > /dev/null
password=$(sed -n 's/.*"password" *: *"\([^"]*\)".*/\1/p' "$PHOTO_HOME/admin-credentials.json")
printf '%s\n' "$password" | "$here/photo" login --profile x --username admin --password-stdin > /dev/null
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
