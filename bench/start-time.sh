#!/usr/bin/env bash
# Start-time benchmark: whole-process wall time of `photo --version` and of `photo list --output json` against a
# running `photo local serve`, next to `java -version` of the same runtime (the floor) and `gh --version` when
# gh is installed. Each photo given is timed in the same hyperfine run, so their ratios are comparable.
#
# Usage: bench/start-time.sh [--runs N] [PHOTO...]
#   PHOTO: photo launchers to compare (default: the checkout's ./photo and, when built by
#          packaging/build-packages.sh, the packaged image cli/target/package-work/photo/bin/photo with the AOT
#          caches the build made).
# Writes bench/out/start-time.md (hyperfine's tables) and prints it. Needs hyperfine. The server listens on
# BENCH_PORT_BASE (9530) and the next two ports.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=10
photos=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) photos+=("$1"); shift ;;
  esac
done
command -v hyperfine >/dev/null || { echo "start-time: error: hyperfine is not installed" >&2; exit 1; }
image=$root/cli/target/package-work/photo
if [ ${#photos[@]} -eq 0 ]; then
  photos=("$root/photo")
  if [ -x "$image/bin/photo" ]; then
    photos+=("$image/bin/photo")
  fi
fi
out=$root/bench/out
mkdir -p "$out"
scratch=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

# one server for all runs: the first PHOTO's local stack, with the samples uploaded once
export PHOTO_HOME=$scratch/home PHOTO_CONFIG_DIR=$scratch/config
port=${BENCH_PORT_BASE:-9530}
"${photos[0]}" local serve --api-port "$port" --cognito-port $((port + 1)) --s3-port $((port + 2)) > "$scratch/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  [ -f "$PHOTO_HOME/server.json" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$scratch/serve.log" >&2; exit 1; }
  sleep 0.1
done
"${photos[0]}" upload "$root/samples" --album start --wait > /dev/null 2>&1
java_cmd=java
[ -n "${JAVA_HOME:-}" ] && java_cmd=$JAVA_HOME/bin/java

args=(--warmup 2 --runs "$runs" -N --style basic)
version_cmds=("$java_cmd -XX:+UseSerialGC -version")
list_cmds=()
if [ -x "$image/lib/runtime/bin/java" ]; then
  version_cmds+=("$image/lib/runtime/bin/java -XX:+UseSerialGC -version")
  # in the list run too, so that each run carries its own floor and the ratios come from one hyperfine session
  list_cmds+=("$image/lib/runtime/bin/java -XX:+UseSerialGC -version")
fi
if command -v gh >/dev/null; then version_cmds+=("gh --version"); fi
for p in "${photos[@]}"; do
  "$p" list --output json > /dev/null   # fails the script now rather than in hyperfine
  version_cmds+=("$p --version")
  list_cmds+=("$p list --output json")
done
{
  echo "# photo start time, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD)"
  echo
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"
  echo
  hyperfine "${args[@]}" --export-markdown "$scratch/version.md" "${version_cmds[@]}" > "$scratch/version.txt"
  cat "$scratch/version.md"
  echo
  hyperfine "${args[@]}" --export-markdown "$scratch/list.md" "${list_cmds[@]}" > "$scratch/list.txt"
  cat "$scratch/list.md"
  echo
  echo "CPU (user + system, mean of the runs):"
  grep -hE '^Benchmark|User:' "$scratch/version.txt" "$scratch/list.txt" | sed 's/^ *//'
} > "$out/start-time.md"
cat "$out/start-time.md"
