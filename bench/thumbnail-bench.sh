#!/usr/bin/env bash
# Thumbnail benchmark: photo's ImageProcessor, with each of its JPEG decoders (libjpeg-turbo at a reduced scale, and the
# JDK's full decode), vs vipsthumbnail vs ImageMagick on the same generated JPEGs (12 MP and 24 MP, photo-like, quality
# 90), one thread each (all pinned to one CPU with taskset when it exists), in one run.
# Also: SSIM of each tool's thumbnails against a Lanczos reference made by ImageMagick from the full image, a fine-lines
# chart for moire, the processor's peak heap on 24 MP under -Xmx200m and its whole-process RSS on 100 MP (baseline
# and progressive) under -Xmx512m, for both decoders.
#
# Usage: bench/thumbnail-bench.sh [--reps N]
# Environment: BENCH_REPS (5), BENCH_ROUNDS (5: rounds of photo and vips' 256 alternated), BENCH_WORK
# (bench/out/thumbnails). Writes BENCH_WORK/results.md and prints it.
# Needs: a built backend (mvn -B -q -pl backend/functions -am install -DskipTests), vipsthumbnail (Debian
# libvips-tools), convert (Debian imagemagick), /usr/bin/time. Installs nothing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-$root/bench/out/thumbnails}
reps=${BENCH_REPS:-5}
while [ $# -gt 0 ]; do
  case $1 in
    --reps) reps=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "thumbnail-bench: unknown argument: $1" >&2; exit 2 ;;
  esac
done

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
missing=()
for t in java mvn vipsthumbnail convert awk; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
[ -x /usr/bin/time ] || missing+=(/usr/bin/time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "thumbnail-bench: missing: ${missing[*]}" >&2
  echo "install them with: apt-get install -y libvips-tools imagemagick time  (and a Java 17 JDK, Maven)" >&2
  exit 2
fi
classes=$root/backend/functions/target/classes
[ -d "$classes" ] || { echo "thumbnail-bench: build first: mvn -B -q -pl backend/functions -am install -DskipTests" >&2; exit 2; }

mkdir -p "$work"/data "$work"/out
cpfile=$work/classpath.txt
[ -s "$cpfile" ] || (cd "$root" && mvn -B -q -pl backend/functions dependency:build-classpath -Dmdep.outputFile="$cpfile" >&2)
cp="$classes:$(cat "$cpfile")"
pin=()
command -v taskset >/dev/null 2>&1 && pin=(taskset -c 0)
# compiled once: a single-file launch would compile it again for every SSIM
mkdir -p "$work/classes"
javac -nowarn -cp "$cp" -d "$work/classes" "$root/bench/src/ThumbnailBench.java"
cp="$work/classes:$cp"
bench=(java -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -Djava.awt.headless=true -cp "$cp" ThumbnailBench)
export VIPS_CONCURRENCY=1 MAGICK_THREAD_LIMIT=1 OMP_NUM_THREADS=1

if [ ! -s "$work/data/photo100mp-progressive.jpg" ]; then
  log "generating photos in $work/data (once)"
  java -Xmx3g -Djava.awt.headless=true -cp "$cp" ThumbnailBench gen "$work/data"
fi
photos=("$work"/data/photo12mp-*.jpg "$work"/data/photo24mp-*.jpg)
all=("${photos[@]}" "$work/data/lines24mp.jpg")

# run a command $reps times; print the median CPU seconds (user + system, children included) and the median wall
# seconds. CPU time is the figure compared: the machine is shared, and every tool runs one thread.
seconds() {
  local cpu=() wall=() i
  for ((i = 0; i < reps; i++)); do
    /usr/bin/time -f '%U %S %e' -o "$work/time.txt" "$@" >/dev/null 2>&1
    cpu+=("$(awk '{print $1 + $2}' "$work/time.txt")")
    wall+=("$(awk '{print $3}' "$work/time.txt")")
  done
  echo "$(median "${cpu[@]}") $(median "${wall[@]}")"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

decoders=(turbo java)
declare -A decoder_arg=([turbo]=libjpeg-turbo [java]=java)
for d in "${decoders[@]}"; do
  log "photo ImageProcessor, $d decoder (both sizes per file, median of $reps after a warm-up)"
  # the functions' debug log (logback's default console) shares stdout: keep only the figures' rows
  "${pin[@]}" "${bench[@]}" time "${decoder_arg[$d]}" "$reps" "$work/out" "${all[@]}" 2> "$work/photo-decoder-$d.txt" \
    | awk -F'\t' 'NF == 5' > "$work/photo-times-$d.tsv"
done

declare -A vips_s magick_s
for group in 12mp 24mp; do
  files=("$work"/data/photo$group-*.jpg)
  for size in 256 1024; do
    log "vipsthumbnail $group $size (all files in one process)"
    vips_s[$group-$size]=$(seconds "${pin[@]}" vipsthumbnail "${files[@]}" -s "$size" -o "$work/out/%s_vips$size.jpg[Q=85]")
    log "ImageMagick $group $size (one convert per file)"
    magick_s[$group-$size]=$(seconds "${pin[@]}" bash -c '
      size=$1; out=$2; shift 2
      for f in "$@"; do b=$(basename "$f" .jpg)
        convert -limit thread 1 -define jpeg:size=$((size*2))x$((size*2)) "$f" -thumbnail ${size}x${size} -quality 85 "$out/${b}_magick$size.jpg"
      done' _ "$size" "$work/out" "${files[@]}")
  done
done
for size in 256 1024; do
  vipsthumbnail "$work/data/lines24mp.jpg" -s "$size" -o "$work/out/%s_vips$size.jpg[Q=85]"
  convert -limit thread 1 -define jpeg:size=$((size*2))x$((size*2)) "$work/data/lines24mp.jpg" -thumbnail ${size}x${size} -quality 85 "$work/out/lines24mp_magick$size.jpg"
done

log "SSIM against ImageMagick's Lanczos resize of the full image"
ssim_rows=()
for f in "${all[@]}"; do
  b=$(basename "$f" .jpg)
  for size in 256 1024; do
    ref=$work/out/${b}_ref$size.png
    [ -s "$ref" ] || convert -limit thread 1 "$f" -filter Lanczos -resize ${size}x${size} "$ref"
    st=$("${bench[@]}" ssim "$ref" "$work/out/${b}_turbo$size.jpg")
    sj=$("${bench[@]}" ssim "$ref" "$work/out/${b}_java$size.jpg")
    sv=$("${bench[@]}" ssim "$ref" "$work/out/${b}_vips$size.jpg")
    sm=$("${bench[@]}" ssim "$ref" "$work/out/${b}_magick$size.jpg")
    ssim_rows+=("| $b | $size | $st | $sj | $sv | $sm | $(awk -v a="$st" -v b="$sv" 'BEGIN {printf "%+.4f", a - b}') |")
  done
done

log "memory: 24 MP under -Xmx200m; 100 MP under -Xmx512m with whole-process RSS"
heap_rows=()
mem_rows=()
for d in "${decoders[@]}"; do
  line=$(/usr/bin/time -f 'RSS %M KB' -o "$work/rss.txt" java -Xmx200m -XX:+UseSerialGC -Djava.awt.headless=true \
    -cp "$cp" ThumbnailBench heap "${decoder_arg[$d]}" "$work/data/photo24mp-1.jpg" 2>/dev/null | grep -v DEBUG)
  heap_rows+=("| $line | $(cat "$work/rss.txt") |")
  for f in photo100mp.jpg photo100mp-progressive.jpg; do
    line=$(/usr/bin/time -f 'RSS %M KB' -o "$work/rss.txt" java -Xmx512m -XX:+UseSerialGC -Djava.awt.headless=true \
      -cp "$cp" ThumbnailBench heap "${decoder_arg[$d]}" "$work/data/$f" 2>/dev/null | grep -v DEBUG)
    mem_rows+=("| $line | $(cat "$work/rss.txt") |")
  done
done

per() { awk -v s="${1%% *}" -v n="$2" 'BEGIN {printf "%.0f", s * 1000 / n}'; } # CPU ms per photo
# median CPU ms of a decoder's files in a set (photo12mp or photo24mp)
set_median() { median $(awk -F'\t' -v g="$2" 'index($1, g) == 1 {print $2}' "$work/photo-times-$1.tsv"); }
# the same over the whole JVM's CPU during each call (JIT and GC threads included)
set_median_process() { median $(awk -F'\t' -v g="$2" 'index($1, g) == 1 {print $5}' "$work/photo-times-$1.tsv"); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
# The decisive ratio again, photo and vips alternated: on this shared machine the same calls drift by 10-15% over
# tens of seconds, more than the difference the target decides, so one block of each, run a minute apart, can land on
# either side. Each round runs photo's set (one JVM, a warm-up call, then the reps) and vips' 256 of the same set.
rounds=${BENCH_ROUNDS:-5}
mkdir -p "$work/out/interleaved"
declare -A round_rows round_ratios
for group in 12mp 24mp; do
  files=("$work"/data/photo$group-*.jpg)
  log "photo turbo and vipsthumbnail 256 alternated, $group: $rounds rounds"
  for ((i = 1; i <= rounds; i++)); do
    p=$(median $("${pin[@]}" "${bench[@]}" time libjpeg-turbo "$reps" "$work/out/interleaved" "${files[@]}" 2>/dev/null \
      | awk -F'\t' 'NF == 5 {print $2}'))
    v=$(per "$(seconds "${pin[@]}" vipsthumbnail "${files[@]}" -s 256 -o "$work/out/interleaved/%s_vips256.jpg[Q=85]")" 3)
    r=$(ratio "$p" "$v")
    round_rows[$group]+="| $group | $i | $p | $v | $r |"$'\n'
    round_ratios[$group]+="$r "
  done
done

{
  echo "# Thumbnail benchmark"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$root" rev-parse --short HEAD)"
  echo "- $(nproc) CPUs, $(java -version 2>&1 | head -1); $(vipsthumbnail --vips-version 2>/dev/null | head -1); $(convert -version | head -1 | cut -d' ' -f2-3)"
  echo "- reps: $reps; one thread each, pinned: ${pin[*]:-no taskset}"
  for d in "${decoders[@]}"; do echo "- photo $d: $(cat "$work/photo-decoder-$d.txt")"; done
  echo
  echo "## CPU ms per photo: photo makes 256 and 1024 from one decode; the others one size per run"
  echo
  echo "| file | photo turbo, both sizes (thread CPU) | process CPU | wall | CPU runs | photo java, both sizes (thread CPU) | process CPU | wall | CPU runs |"
  echo "|---|---:|---:|---:|---|---:|---:|---:|---|"
  paste "$work/photo-times-turbo.tsv" "$work/photo-times-java.tsv" \
    | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $5, $3, $4, $7, $10, $8, $9}'
  echo
  echo "| set | photo turbo, 256 + 1024 | photo java, 256 + 1024 | vips 256 | vips 1024 | magick 256 | magick 1024 |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for group in 12mp 24mp; do
    echo "| $group (3 files, median) | $(set_median turbo photo$group) | $(set_median java photo$group) | $(per "${vips_s[$group-256]}" 3) | $(per "${vips_s[$group-1024]}" 3) | $(per "${magick_s[$group-256]}" 3) | $(per "${magick_s[$group-1024]}" 3) |"
  done
  echo
  echo "| ratio, same run | 12 MP | 24 MP | target |"
  echo "|---|---:|---:|---|"
  for d in "${decoders[@]}"; do
    for other in "vips 256:vips_s:256:<= 1" "vips 1024:vips_s:1024:" "magick 256:magick_s:256:< 1" "magick 1024:magick_s:1024:< 1"; do
      IFS=: read -r name arr size target <<<"$other"
      row="| photo $d both sizes / $name alone"
      for group in 12mp 24mp; do
        if [ "$arr" = vips_s ]; then ref=${vips_s[$group-$size]}; else ref=${magick_s[$group-$size]}; fi
        row+=" | $(ratio "$(set_median "$d" "photo$group")" "$(per "$ref" 3)")"
      done
      echo "$row | $target |"
    done
  done
  for other in "vips 256:vips_s:256:<= 1" "magick 256:magick_s:256:< 1"; do
    IFS=: read -r name arr size target <<<"$other"
    row="| photo turbo both sizes, whole-process CPU / $name alone"
    for group in 12mp 24mp; do
      if [ "$arr" = vips_s ]; then ref=${vips_s[$group-$size]}; else ref=${magick_s[$group-$size]}; fi
      row+=" | $(ratio "$(set_median_process turbo "photo$group")" "$(per "$ref" 3)")"
    done
    echo "$row | $target |"
  done
  echo
  echo "(photo: the thread's CPU of each call, and the whole JVM's CPU over the same call, which adds what its JIT and"
  echo " GC threads spent then; median of the reps after a warm-up call)"
  echo
  echo "(vips and magick: median over runs of user+system seconds of the whole command, divided by 3; wall seconds:"
  for group in 12mp 24mp; do for size in 256 1024; do
    echo "  vips $group $size: ${vips_s[$group-$size]#* } s; magick $group $size: ${magick_s[$group-$size]#* } s"
  done; done
  echo ")"
  echo
  echo "## photo turbo (both sizes) against vips 256 alone, alternated in $rounds rounds"
  echo
  echo "| set | round | photo turbo, thread CPU ms (median of the set) | vips 256, CPU ms per photo | ratio |"
  echo "|---|---:|---:|---:|---:|"
  for group in 12mp 24mp; do printf '%s' "${round_rows[$group]}"; done
  echo
  for group in 12mp 24mp; do
    # shellcheck disable=SC2086 # the ratios are a space-separated list of numbers
    echo "- $group: median of the rounds' ratios $(median ${round_ratios[$group]}); lowest $(printf '%s\n' ${round_ratios[$group]} | sort -n | head -1), highest $(printf '%s\n' ${round_ratios[$group]} | sort -n | tail -1); target <= 1"
  done
  echo
  echo "## SSIM against the Lanczos reference"
  echo
  echo "| file | size | photo turbo | photo java | vips | magick | turbo - vips |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ssim_rows[@]}"
  echo
  echo "## Memory"
  echo
  echo "| 24 MP, -Xmx200m (decoder, file, size, time, peak heap, max heap) | whole-process max RSS |"
  echo "|---|---:|"
  printf '%s\n' "${heap_rows[@]}"
  echo
  echo "| 100 MP, -Xmx512m (decoder, file, size, time, peak heap, max heap) | whole-process max RSS |"
  echo "|---|---:|"
  printf '%s\n' "${mem_rows[@]}"
} > "$work/results.md"
cat "$work/results.md"
