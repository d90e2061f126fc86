#!/usr/bin/env bash
# Differential fuzzing of the shim's Huffman decoder (entropy.c) against libjpeg-turbo's, under AddressSanitizer and
# UBSan: a set of small JPEGs in every sampling, with and without restart markers, grey, odd-sized and at quality 100
# (made once from the thumbnail benchmark's first 12 MP photo with ImageMagick and vips), each mutated INPUTS times
# per seed and decoded at 1/8, 1/4, 1/2 and 1/1.
#
# Usage: bench/entropy-fuzz.sh        Environment: FUZZ_INPUTS (300), FUZZ_SEEDS (3), BENCH_WORK (bench/out/thumbnails)
# Needs gcc (with libasan and libubsan), libjpeg-turbo's headers, a JDK, ImageMagick and libvips-tools; and
# bench/thumbnail-bench.sh run once for its photos. Exits 1 on any sanitizer report or unexplained difference.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-$root/bench/out/thumbnails}
inputs=${FUZZ_INPUTS:-300}
seeds=${FUZZ_SEEDS:-3}
native=$root/backend/functions/src/main/native
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
photo=$work/data/photo12mp-1.jpg
[ -s "$photo" ] || { echo "entropy-fuzz: no $photo: run bench/thumbnail-bench.sh once" >&2; exit 2; }
set=$work/fuzz
mkdir -p "$set"
"${CC:-gcc}" -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -Wall -Wextra \
  -I"$java_home/include" -I"$java_home/include/linux" -I"$native" \
  -o "$work/entropy-fuzz" "$root/bench/native/entropy-fuzz.c" "$native/resample.c" "$native/entropy.c" -ljpeg -lm
if [ ! -s "$set/rstgrey.jpg" ]; then
  convert "$photo" -resize '640x480!' -quality 92 "$set/base420.jpg"
  convert "$set/base420.jpg" -sampling-factor 1x1 -quality 95 "$set/s444.jpg"
  convert "$set/base420.jpg" -sampling-factor 2x1 -quality 90 "$set/s422.jpg"
  convert "$set/base420.jpg" -sampling-factor 1x2 -quality 90 "$set/s440.jpg"
  convert "$set/base420.jpg" -colorspace Gray -quality 90 "$set/grey.jpg"
  convert "$set/base420.jpg" -resize '333x251!' -quality 97 "$set/odd.jpg"
  vips copy "$set/base420.jpg" "$set/rst1.jpg[Q=92,restart_interval=1]"
  vips copy "$set/odd.jpg" "$set/rst7opt.jpg[Q=97,restart_interval=7,optimize_coding]"
  vips copy "$set/s444.jpg" "$set/rst444.jpg[Q=95,restart_interval=5,subsample_mode=off]"
  vips copy "$set/base420.jpg" "$set/q100.jpg[Q=100,optimize_coding]"
  vips copy "$set/grey.jpg" "$set/rstgrey.jpg[Q=90,restart_interval=2]"
fi
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
status=0
log=$work/entropy-fuzz.log
: > "$log"
for seed in $(seq "$seeds"); do
  for scale in 1 2 4 8; do
    for f in "$set"/*.jpg; do
      "$work/entropy-fuzz" "$f" "$scale" "$inputs" "$seed" >> "$log" 2>&1 || status=1
    done
  done
done
cat "$log"
awk '/ inputs,/ { inputs += $4; alike += $6; both += $9; bad += $13; fill += $19; unexplained += $30 }
     END { printf "total: %d inputs, %d decoded alike, %d refused by both, %d bad codes refused only here,", inputs, alike, both, bad
           printf " %d FF FF 00 read as libjpeg'"'"'s careful path reads it, %d unexplained\n", fill, unexplained }' "$log"
exit "$status"
