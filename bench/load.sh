#!/usr/bin/env bash
# Load on `photo local serve`: BENCH_N (default 8) `photo upload` processes of one profile into one album at once,
# while ApiLoad presigns (POST /uploads of one new file each) and lists (GET /photos) from BENCH_THREADS threads
# each. Afterwards every file must be in the album exactly once and READY, the album's count exact, and no request
# answered 5xx. Prints the request rates; docs/benchmarks.md keeps the figures. Usage:
#   bench/load.sh              (built first with: mvn -B -q -DskipTests package)
# Environment: BENCH_N, BENCH_FILES (files per process, default 25), BENCH_THREADS (default 2),
# BENCH_API_PORT (default 9430; Cognito and S3 take the next two).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${BENCH_N:-8}
files=${BENCH_FILES:-25}
threads=${BENCH_THREADS:-2}
api_port=${BENCH_API_PORT:-9430}
[ -f "$here/cli/target/photo-cli.jar" ] || { echo "bench: photo is not built; run: mvn -B -q -DskipTests package" >&2; exit 1; }
java_cmd=${JAVA:-java}
cp="$here/cli/target/photo-cli.jar:$here/cli/target/lib/*"

# shellcheck source=bench/lib/local-serve.sh
. "$here/bench/lib/local-serve.sh"
work=$(mktemp -d)
cleanup() {
  serve_stop
  rm -f "$here/cli/target/photo.jsa"
  rm -rf "$work"
}
trap cleanup EXIT

serve_isolate "$work"
serve_start "$here/photo" "$api_port"
api="http://127.0.0.1:$api_port"
serve_profile "$here/photo" load
BENCH_TOKEN=$(sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p' "$PHOTO_CONFIG_DIR/tokens-load.json")
export BENCH_TOKEN

# N folders of distinct JPEGs: the samples with bytes after their end marker (decoders stop there)
samples=("$here"/samples/*.jpg)
for p in $(seq 1 "$n"); do
  mkdir -p "$work/photos/run$p"
  for f in $(seq 1 "$files"); do
    src=${samples[$(( (p * files + f) % ${#samples[@]} ))]}
    { cat "$src"; printf 'load %s %s' "$p" "$f"; } > "$work/photos/run$p/img$f.jpg"
  done
done
total=$((n * files))

stop="$work/stop"
"$java_cmd" "$here/bench/src/ApiLoad.java" presign "$api" load "$threads" "$stop" 600 > "$work/presign.tsv" &
presign_pid=$!
"$java_cmd" "$here/bench/src/ApiLoad.java" list "$api" load "$threads" "$stop" 600 > "$work/list.tsv" &
list_pid=$!
for _ in $(seq 1 1200); do
  [ -f "$stop.presign.started" ] && [ -f "$stop.list.started" ] && break
  sleep 0.1
done

start=$(date +%s.%N)
pids=()
for p in $(seq 1 "$n"); do
  "$here/photo" upload "$work/photos/run$p" --album load --profile load --output json --quiet \
    > "$work/upload$p.json" 2> "$work/upload$p.err" &
  pids+=($!)
done
failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then failed=$((failed + 1)); echo "bench: upload $((i + 1)) failed:" >&2; cat "$work/upload$((i + 1)).err" >&2; fi
done
end=$(date +%s.%N)
touch "$stop"
wait "$presign_pid" "$list_pid"

# processing: wait (at most 10 minutes) until the album counts every file
count=0
for _ in $(seq 1 600); do
  count=$("$here/photo" albums --profile load --output json | tr -d ' \n' \
    | sed -n 's/.*"name":"load","count":\([0-9]*\).*/\1/p')
  [ "${count:-0}" -ge "$total" ] && break
  sleep 1
done
listed=$("$here/photo" list --album load --all --profile load --output json)
ids=$(printf '%s' "$listed" | grep -o '"photoId" *: *"[^"]*"' | sort -u | wc -l)
ready=$(printf '%s' "$listed" | grep -o '"status" *: *"READY"' | wc -l)

printf 'uploads: %d processes x %d files in %.1f s, %d failed\n' "$n" "$files" "$(echo "$end - $start" | bc)" "$failed"
printf 'mode\tthreads\trequests\tseconds\tper_second\tstatuses\n'
cat "$work/presign.tsv" "$work/list.tsv"
printf 'album count %s, distinct photos %s, READY %s, expected %s\n' "${count:-0}" "$ids" "$ready" "$total"
ok=1
[ "$failed" -eq 0 ] || ok=0
[ "${count:-0}" -eq "$total" ] && [ "$ids" -eq "$total" ] && [ "$ready" -eq "$total" ] || ok=0
if grep -qE $'\t(5[0-9][0-9]|-1)=' "$work/presign.tsv" "$work/list.tsv"; then ok=0; fi
[ "$ok" -eq 1 ] && echo "bench: every file once, count exact, no 5xx" || { echo "bench: FAILED" >&2; exit 1; }
