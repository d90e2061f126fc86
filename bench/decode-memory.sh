#!/usr/bin/env bash
# Peak RSS (VmHWM) of `photo local serve` while it processes 100-megapixel progressive JPEGs: one photo alone, then
# BENCH_N (default 4) uploaded at once, each round in a fresh server (VmHWM is the peak since the process started).
# The local stack's decode budget should keep the N-photo peak close to the one-photo peak; docs/benchmarks.md keeps
# the figures. Usage:
#   bench/decode-memory.sh            (built first with: mvn -B -q -DskipTests package)
# Environment: BENCH_N, BENCH_PHOTO (a JPEG to use instead of generating one; at most 100 MP),
# BENCH_SERVE_OPTS (JVM options of the server, after the launcher's -XX:+UseSerialGC -Xmx256m),
# BENCH_API_PORT (default 9440; Cognito and S3 take the next two).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${BENCH_N:-4}
api_port=${BENCH_API_PORT:-9440}
[ -f "$here/cli/target/photo-cli.jar" ] || { echo "bench: photo is not built; run: mvn -B -q -DskipTests package" >&2; exit 1; }
java_cmd=${JAVA:-java}

work=$(mktemp -d)
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=
}
cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

photo=${BENCH_PHOTO:-}
if [ -z "$photo" ]; then
  photo="$work/p100.jpg"
  echo "bench: generating a 12000x8333 progressive JPEG" >&2
  "$java_cmd" -Xmx1g "$here/bench/src/BigJpeg.java" "$photo" 12000 8333 progressive
fi

# one round: a fresh server, K distinct copies of the photo (bytes after the end marker), uploaded with --wait
round() {
  local k=$1 dir="$work/round$1"
  mkdir -p "$dir/photos"
  for i in $(seq 1 "$k"); do { cat "$photo"; printf 'copy %s' "$i"; } > "$dir/photos/big$i.jpg"; done
  export PHOTO_HOME="$dir/server" PHOTO_CONFIG_DIR="$dir/config" PHOTO_STATE_DIR="$dir/state"
  export XDG_CONFIG_HOME="$dir/xdg-config" XDG_STATE_HOME="$dir/xdg-state" XDG_DATA_HOME="$dir/xdg-data"
  unset PHOTO_PROFILE PHOTO_PASSWORD
  PHOTO_JAVA_OPTS="${BENCH_SERVE_OPTS:-}" "$here/photo" local serve --api-port "$api_port" \
    --cognito-port $((api_port + 1)) --s3-port $((api_port + 2)) > "$dir/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    grep -q "Press Ctrl-C" "$dir/serve.log" 2>/dev/null && break
    sleep 0.1
  done
  grep -q "Press Ctrl-C" "$dir/serve.log" || { cat "$dir/serve.log" >&2; exit 1; }
  local base
  base=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
  "$here/photo" configure --api-url "http://127.0.0.1:$api_port" --profile mem > /dev/null
  sed -n 's/.*"password" *: *"\([^"]*\)".*/\1/p' "$PHOTO_HOME/admin-credentials.json" \
    | "$here/photo" login --profile mem --username admin --password-stdin > /dev/null
  local start end
  start=$(date +%s.%N)
  "$here/photo" upload "$dir/photos" --album mem --profile mem --wait --wait-timeout 20m --output json --quiet \
    > "$dir/upload.json" 2> "$dir/upload.err" || { cat "$dir/upload.err" >&2; }
  end=$(date +%s.%N)
  local peak ready
  peak=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
  ready=$("$here/photo" list --album mem --profile mem --output json | grep -o '"status" *: *"READY"' | wc -l)
  if [ "$ready" -ne "$k" ]; then
    echo "bench: $((k - ready)) of $k photos not READY; the server's warnings:" >&2
    grep -E "WARN|ERROR|Exception|Error" "$dir/serve.log" | cut -c1-300 | head -20 >&2
  fi
  stop_server
  printf '| %s | %s | %s | %s | %.1f |\n' "$k" "$((base / 1024))" "$((peak / 1024))" "$ready/$k" \
    "$(echo "$end - $start" | bc)"
  echo "$peak" > "$work/peak$k"
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$here" rev-parse --short HEAD); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "photo: $(basename "$photo"), $(stat -c %s "$photo") bytes; server JVM: -XX:+UseSerialGC -Xmx256m ${BENCH_SERVE_OPTS:-}"
echo
echo "| photos at once | RSS after start MiB | peak RSS MiB | READY | upload --wait s |"
echo "|---:|---:|---:|---|---:|"
round 1
round "$n"
printf '\npeak RSS with %s photos / with 1 photo: %.2f\n' "$n" "$(echo "$(cat "$work/peak$n") / $(cat "$work/peak1")" | bc -l)"
