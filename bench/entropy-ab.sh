#!/usr/bin/env bash
# The resizing decode with the shim's own Huffman decoder (entropy.c) against libjpeg-turbo's, alternated call by call
# in one process pinned to one CPU, on the thumbnail benchmark's photos (bench/thumbnail-bench.sh makes them) or on
# the files given: each decoded at 1/2 and resampled to its 1024 px thumbnail, as the processor does for 12 and 24 MP.
#
# Usage: bench/entropy-ab.sh [FILE.jpg ...]     Environment: BENCH_ROUNDS (15), BENCH_WORK (bench/out/thumbnails)
# Needs gcc, libjpeg-turbo's headers (Debian: libjpeg62-turbo-dev) and a JDK (for jni.h).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-$root/bench/out/thumbnails}
rounds=${BENCH_ROUNDS:-15}
native=$root/backend/functions/src/main/native
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
mkdir -p "$work"
"${CC:-gcc}" -O3 -Wall -Wextra -I"$java_home/include" -I"$java_home/include/linux" -I"$native" \
  -o "$work/entropy-ab" "$root/bench/native/entropy-ab.c" "$native/resample.c" "$native/entropy.c" -ljpeg -lm
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=("$work"/data/photo12mp-*.jpg "$work"/data/photo24mp-*.jpg)
  [ -s "${files[0]}" ] || { echo "entropy-ab: no photos in $work/data: run bench/thumbnail-bench.sh once" >&2; exit 2; }
fi
pin=()
command -v taskset >/dev/null 2>&1 && pin=(taskset -c 0)
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds"
for f in "${files[@]}"; do
  "${pin[@]}" "$work/entropy-ab" "$f" 4 1024 "$rounds"
done
