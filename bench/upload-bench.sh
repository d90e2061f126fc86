#!/usr/bin/env bash
# Upload benchmark: photo vs rclone vs the AWS CLI vs curl to presigned URLs (the loopback ceiling), all into the
# embedded local stack's S3-compatible server on 127.0.0.1, with thumbnail processing held so that only transfers
# are timed. See bench/README.md for what is measured and why.
#
# Usage: bench/upload-bench.sh [--reps N] [--only photos|big|small|memory]... [--report-only]
# Environment: BENCH_REPS (3), BENCH_TIMEOUT (seconds per tool run, 600), BENCH_AWS (aws command, "aws"),
#              BENCH_PORT_BASE (API port; Cognito and S3 take the next two; 9420), BENCH_PHOTO_ARGS (extra
#              arguments for every `photo upload`, empty), BENCH_TOOLS (the tools to time, "photo rclone aws curl";
#              "photo-base" is the photo built in BENCH_BASE), BENCH_BASE (another built checkout, e.g. a worktree
#              of main, to time against this one in the same run), BENCH_START_SECONDS (how long the local stack
#              may take to start, untimed; 60), BENCH_WORK (bench/out), BENCH_PHOTO (the photo client timed as
#              "photo", e.g. an installed package's /opt/photo/bin/photo; the checkout's ./photo; the server is
#              always the checkout's).
# Writes bench/out/results.md and prints it. Installs nothing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-$root/bench/out}
data=$work/data
runs=$work/runs
reps=${BENCH_REPS:-3}
tool_timeout=${BENCH_TIMEOUT:-600}
aws_cmd=${BENCH_AWS:-aws}
port_base=${BENCH_PORT_BASE:-9420}
read -r -a photo_extra <<<"${BENCH_PHOTO_ARGS:-}"
photo_client=${BENCH_PHOTO:-$root/photo}
scenarios=()
report_only=

while [ $# -gt 0 ]; do
  case $1 in
    --reps) reps=$2; shift 2 ;;
    --only) scenarios+=("$2"); shift 2 ;;
    --report-only) report_only=1; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "upload-bench: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ ${#scenarios[@]} -gt 0 ] || scenarios=(photos big memory)

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- prerequisites: report what is missing, install nothing -------------------------------------------------------

check_tools() {
  local missing=() t
  # aws lists the bucket to check every run; rclone only when it is timed
  local needed=(java curl "$aws_cmd" timeout awk sed split)
  case " ${BENCH_TOOLS:-rclone} " in *" rclone "*) needed+=(rclone) ;; esac
  for t in "${needed[@]}"; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [ -x /usr/bin/time ] || missing+=(/usr/bin/time)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "upload-bench: missing: ${missing[*]}" >&2
    echo "install them with: apt-get install -y rclone awscli curl time  (and a Java 17 JDK)" >&2
    exit 2
  fi
  [ -f "$root/cli/target/photo-cli.jar" ] || die "photo is not built; run: mvn -B -q -DskipTests package"
  case " ${BENCH_TOOLS:-} " in
    *" photo-base "*)
      [ -n "${BENCH_BASE:-}" ] || die "photo-base needs BENCH_BASE, a built checkout to compare with"
      [ -f "$BENCH_BASE/cli/target/photo-cli.jar" ] || die "$BENCH_BASE is not built" ;;
  esac
}

# --- data: made once under bench/out/data and reused --------------------------------------------------------------

readonly JPEG_HEAD='\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00'

# A JPEG start (SOI + JFIF APP0), random bytes, and an end marker: named and sniffed as a JPEG, never decoded
# because processing is held.
jpeg_like() {
  local file=$1 size=$2
  { printf "$JPEG_HEAD"; head -c $((size - 22)) /dev/urandom; printf '\xff\xd9'; } >"$file"
}

make_data() {
  mkdir -p "$data"
  if [ ! -f "$data/.photos-4mb.done" ]; then
    log "making 200 files of about 4 MB"
    rm -rf "$data/photos-4mb"; mkdir -p "$data/photos-4mb"
    local i
    for i in $(seq -w 0 199); do
      # 3.8 to 4.2 MB, so that no two files have the same size
      jpeg_like "$data/photos-4mb/img-$i.jpg" $((3800000 + (10#$i * 7919) % 400000))
    done
    touch "$data/.photos-4mb.done"
  fi
  if [ ! -f "$data/.big.done" ]; then
    log "making one 1 GiB file"
    rm -rf "$data/big"; mkdir -p "$data/big"
    jpeg_like "$data/big/one-gib.jpg" $((1024 * 1024 * 1024))
    touch "$data/.big.done"
  fi
  local n
  for n in 1000 10000; do
    if [ ! -f "$data/.small-$n.done" ]; then
      log "making $n small files of 3000 bytes"
      rm -rf "$data/small-$n"; mkdir -p "$data/small-$n"
      head -c $((n * 3000)) /dev/urandom >"$data/small-$n.blob"
      (cd "$data/small-$n" && split -b 3000 -a 5 -d --additional-suffix=.jpg "../small-$n.blob" small-)
      rm -f "$data/small-$n.blob"
      touch "$data/.small-$n.done"
    fi
  done
}

set_dir() { echo "$data/$1"; }
set_count() { find "$(set_dir "$1")" -type f | wc -l; }
set_bytes() { find "$(set_dir "$1")" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }

# Every tool reads from the page cache, none from disk.
warm() { find "$(set_dir "$1")" -type f -exec cat {} + >/dev/null; }

# --- the server: a fresh data dir for every timed run, processing held ----------------------------------------------

server_pid=
api_port=$port_base
cognito_port=$((port_base + 1))
s3_port=$((port_base + 2))

stop_server() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  local i
  for i in $(seq 1 300); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
trap stop_server EXIT
trap 'stop_server; exit 130' INT TERM

json_field() { sed -n "s/.*\"$2\":\"\\([^\"]*\\)\".*/\\1/p" "$1"; }

start_server() {
  local home=$1
  if curl -s --noproxy '*' -o /dev/null --max-time 1 "http://127.0.0.1:$api_port/config"; then
    die "port $api_port is in use; set BENCH_PORT_BASE"
  fi
  mkdir -p "$home"
  PHOTO_HOME=$home "$root/photo" local serve --hold-processing --api-port "$api_port" \
    --cognito-port "$cognito_port" --s3-port "$s3_port" >"$home.serve.log" 2>&1 &
  server_pid=$!
  local i ready=
  for i in $(seq 1 $((${BENCH_START_SECONDS:-60} * 10))); do
    kill -0 "$server_pid" 2>/dev/null || { cat "$home.serve.log" >&2; die "the local stack did not start"; }
    if [ -f "$home/server.json" ] && curl -s --noproxy '*' -o /dev/null --max-time 1 "http://127.0.0.1:$api_port/config"; then
      ready=1
      break
    fi
    sleep 0.1
  done
  [ -n "$ready" ] || die "the local stack did not answer within ${BENCH_START_SECONDS:-60} s"
  grep -q 'processing: *HELD' "$home.serve.log" || die "the local stack does not say processing is held"
  s3_endpoint=$(json_field "$home/server.json" s3)
  bucket=$(json_field "$home/server.json" bucket)
  s3_key=$(json_field "$home/server.json" s3AccessKey)
  s3_secret=$(json_field "$home/server.json" s3SecretKey)
  case $s3_endpoint in http://127.0.0.1:*) ;; *) die "unexpected S3 endpoint $s3_endpoint" ;; esac
}

# --- the tools, each in a clean environment that reaches only 127.0.0.1 ---------------------------------------------

# Environments as command prefixes (arrays), so that /usr/bin/time runs `env`, which execs the tool itself.
clean_env=(env -u AWS_CA_BUNDLE -u AWS_PROFILE -u AWS_SESSION_TOKEN -u HTTP_PROXY -u HTTPS_PROXY -u http_proxy
  -u https_proxy -u ALL_PROXY -u all_proxy -u PHOTO_PROFILE -u PHOTO_PASSWORD -u PHOTO_CONFIG_DIR
  NO_PROXY=127.0.0.1 no_proxy=127.0.0.1)

# Called once the server's keys are known.
make_envs() {
  : >"$work/empty.conf"
  aws_env=("${clean_env[@]}" AWS_ACCESS_KEY_ID="$s3_key" AWS_SECRET_ACCESS_KEY="$s3_secret"
    AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE="$work/empty.conf" AWS_SHARED_CREDENTIALS_FILE="$work/empty.conf"
    AWS_EC2_METADATA_DISABLED=true)
  rclone_env=("${clean_env[@]}" RCLONE_CONFIG="$work/empty.conf" RCLONE_CONFIG_BENCHS3_TYPE=s3
    RCLONE_CONFIG_BENCHS3_PROVIDER=Other RCLONE_CONFIG_BENCHS3_ACCESS_KEY_ID="$s3_key"
    RCLONE_CONFIG_BENCHS3_SECRET_ACCESS_KEY="$s3_secret" RCLONE_CONFIG_BENCHS3_ENDPOINT="$s3_endpoint"
    RCLONE_CONFIG_BENCHS3_FORCE_PATH_STYLE=true RCLONE_CONFIG_BENCHS3_REGION=us-east-1)
}

# photo with its own empty config, cache and state, so that no run benefits from an earlier one
make_photo_env() {
  local client=$1 jvm_opts=${2:-}
  mkdir -p "$client"/{home,config,cache,state,data}
  photo_env=("${clean_env[@]}" PHOTO_HOME="$server_home" PHOTO_CONFIG_DIR="$client/config"
    XDG_CONFIG_HOME="$client/config" XDG_CACHE_HOME="$client/cache" XDG_STATE_HOME="$client/state"
    XDG_DATA_HOME="$client/data" PHOTO_JAVA_OPTS="${PHOTO_JAVA_OPTS:-} $jvm_opts -Duser.home=$client/home")
}

java_cmd=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_cmd=$JAVA_HOME/bin/java; fi

presign() {
  local prefix=$1 dir=$2 out=$3
  "${clean_env[@]}" BENCH_S3_ACCESS_KEY="$s3_key" BENCH_S3_SECRET_KEY="$s3_secret" \
    "$java_cmd" -cp "$root/cli/target/photo-cli.jar:$root/cli/target/lib/*" "$root/bench/src/PresignPuts.java" \
    "$s3_endpoint" "$bucket" "$prefix" "$dir" "$out" 2>>"$out.log" || die "presigning failed; see $out.log"
}

# CPU seconds (user + system) the server process has used so far
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$server_pid/stat" 2>/dev/null || echo 0
}

# Runs a command under a timeout and /usr/bin/time; sets run_secs, run_rss_kb, run_cpu (user + system s) and
# run_server_cpu (what the server used meanwhile).
timed() {
  local out=$1; shift
  local start end status=0 server_before
  server_before=$(server_cpu)
  start=$(date +%s%N)
  timeout --kill-after=10 "$tool_timeout" /usr/bin/time -v -o "$out.time" "$@" >"$out" 2>"$out.err" || status=$?
  end=$(date +%s%N)
  run_secs=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
  run_rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out.time" 2>/dev/null || true)
  run_cpu=$(awk -F': ' '/(User|System) time/ {s += $2} END {printf "%.1f", s}' "$out.time" 2>/dev/null || true)
  run_server_cpu=$(awk -v a="$server_before" -v b="$(server_cpu)" 'BEGIN {printf "%.1f", b - a}')
  return $status
}

# Counts what arrived under a prefix; a run only counts if every file and byte did.
verify() {
  local prefix=$1 want_count=$2 want_bytes=$3 listing=$4 got
  timeout 300 "${aws_env[@]}" "$aws_cmd" --endpoint-url "$s3_endpoint" s3 ls "s3://$bucket/$prefix" --recursive \
    >"$listing" 2>&1 || { echo "listing failed"; return 1; }
  got=$(awk '$4 !~ /\/$/ && NF >= 4 {n++; s += $3} END {printf "%d %d", n, s}' "$listing")
  [ "$got" = "$want_count $want_bytes" ] || { echo "server holds $got (files bytes), expected $want_count $want_bytes"; return 1; }
}

# One timed run of one tool on one data set, on a fresh server. Appends "set tool rep secs rss status cpu" to
# raw.tsv.
run_one() {
  local set=$1 tool=$2 rep=$3
  local dir count bytes run prefix status=ok note=
  dir=$(set_dir "$set"); count=$(set_count "$set"); bytes=$(set_bytes "$set")
  run=$runs/$set-$tool-$rep
  rm -rf "$run"; mkdir -p "$run"
  server_home=$run/server
  start_server "$server_home"
  make_envs
  case $tool in
    photo|photo-heap128|photo-base)
      prefix=originals/
      make_photo_env "$run/client" "$([ "$tool" != photo-heap128 ] || echo -Xmx128m)"
      local photo_cmd=$photo_client
      [ "$tool" != photo-base ] || photo_cmd=$BENCH_BASE/photo
      timed "$run/out" "${photo_env[@]}" "$photo_cmd" upload "$dir" --album "bench-$set-$rep" \
        "${photo_extra[@]}" || status="exit $?" ;;
    rclone)
      prefix=bench/rclone-$rep/
      timed "$run/out" "${rclone_env[@]}" rclone copy --transfers 16 "$dir" "benchs3:$bucket/$prefix" || status="exit $?" ;;
    aws)
      prefix=bench/aws-$rep/
      timed "$run/out" "${aws_env[@]}" "$aws_cmd" --endpoint-url "$s3_endpoint" s3 cp --recursive --only-show-errors \
        "$dir" "s3://$bucket/$prefix" || status="exit $?" ;;
    curl)
      prefix=bench/curl-$rep/
      presign "$prefix" "$dir" "$run/curl.cfg"
      timed "$run/out" "${clean_env[@]}" curl -sS --parallel --parallel-immediate --parallel-max 16 \
        -w '%{http_code}\n' -K "$run/curl.cfg" || status="exit $?"
      [ "$(grep -c '^200$' "$run/out" || true)" = "$count" ] || [ "$status" != ok ] || status="not all 200" ;;
  esac
  if [ "$status" = ok ]; then
    note=$(verify "$prefix" "$count" "$bytes" "$run/listing") || status="incomplete: $note"
  fi
  if [ "$status" != ok ]; then
    log "$tool on $set (run $rep) FAILED: $status; first lines of its output:"
    head -n 5 "$run/out" "$run/out.err" >&2 || true
  fi
  stop_server
  rm -rf "$server_home"
  sync
  log "$set $tool run $rep: ${run_secs}s, CPU ${run_cpu:-?}s (server ${run_server_cpu:-?}s), peak RSS ${run_rss_kb:-?} KB, $status"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$tool" "$rep" "$run_secs" "${run_rss_kb:-}" "$status" \
    "${run_cpu:-}" "${run_server_cpu:-}" >>"$raw"
}

# --- the report ----------------------------------------------------------------------------------------------------

# median of the successful runs' seconds (or RSS, column 5) for one set and tool
median() {
  awk -F'\t' -v s="$1" -v t="$2" -v c="${3:-4}" '$1 == s && $2 == t && $6 == "ok" {print $c}' "$raw" | sort -g |
    awk '{v[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2];
         else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
best() {
  awk -F'\t' -v s="$1" -v t="$2" '$1 == s && $2 == t && $6 == "ok" {if (m == "" || $4 < m) m = $4}
    END {print (m == "" ? "n/a" : m)}' "$raw"
}
all_runs() {
  awk -F'\t' -v s="$1" -v t="$2" '$1 == s && $2 == t {
    printf "%s%s", sep, ($6 == "ok" ? $4 : "failed (" $6 ")"); sep = ", "; if ($6 != "ok") bad = $3}
    END {if (bad) printf "; see bench/out/runs/%s-%s-%s/out", s, t, bad}' "$raw"
}
peak_rss_mib() {
  awk -F'\t' -v s="$1" -v t="$2" '$1 == s && $2 == t && $6 == "ok" && $5 != "" {if ($5 > m) m = $5} END {if (m) printf "%.0f", m / 1024; else print "n/a"}' "$raw"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b}'; }
mibps() { awk -v b="$1" -v t="$2" 'BEGIN {if (t == "n/a" || t == 0) print "n/a"; else printf "%.0f", b / 1048576 / t}'; }
# one row of a ratio table: the label, the value, and against a target (OP X) whether it is met
target_row() {
  local label=$1 value=$2 op=${3:-} x=${4:-}
  if [ -z "$op" ]; then
    echo "| $label | $value | (context) | |"
  else
    echo "| $label | $value | $op $x | $(verdict "$value" "$op" "$x") |"
  fi
}
rate() { awk -v n="$1" -v t="$2" 'BEGIN {if (t == "n/a" || t == 0) print "n/a"; else printf "%.0f", n / t}'; }
verdict() {
  awk -v v="$1" -v op="$2" -v x="$3" 'BEGIN {if (v == "n/a") print "n/a";
    else if ((op == ">=" && v >= x) || (op == "<=" && v <= x) || (op == ">" && v > x) || (op == "<" && v < x)) print "met";
    else print "not met"}'
}

tool_label() {
  case $1 in
    photo) echo "photo upload${photo_extra[*]:+ ${photo_extra[*]}}${BENCH_PHOTO:+ ($BENCH_PHOTO)}" ;;
    photo-base) echo "photo upload, BENCH_BASE build${photo_extra[*]:+ ${photo_extra[*]}}" ;;
    rclone) echo "rclone copy --transfers 16" ;;
    aws) echo "aws s3 cp --recursive" ;;
    curl) echo "curl to presigned URLs (ceiling)" ;;
  esac
}

transfer_table() {
  local set=$1 bytes t
  bytes=$(set_bytes "$set")
  echo "| tool | median s | MiB/s | best s | CPU s | server CPU s | peak RSS MiB | runs (s) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
  local shown=(photo rclone aws curl)
  has_tool photo-base && shown=(photo photo-base rclone aws curl)
  for t in "${shown[@]}"; do
    local m
    m=$(median "$set" "$t")
    echo "| $(tool_label "$t") | $m | $(mibps "$bytes" "$m") | $(best "$set" "$t") | $(median "$set" "$t" 7) | $(median "$set" "$t" 8) | $(peak_rss_mib "$set" "$t") |" \
      "$(all_runs "$set" "$t") |"
  done
}

machine_facts() {
  echo "- date: $(date -u -r "$raw" '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- . ':!bench/out' 2>/dev/null || echo ' (with local changes)')"
  echo "- command: \`bench/upload-bench.sh --reps $reps${BENCH_PHOTO_ARGS:+ (BENCH_PHOTO_ARGS=\"$BENCH_PHOTO_ARGS\")}\`"
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "- $("$java_cmd" -version 2>&1 | head -n 1); $(rclone version 2>/dev/null | head -n 1); $("$aws_cmd" --version 2>&1 | head -n 1 | cut -d' ' -f1); $(curl --version | head -n 1 | cut -d' ' -f1-2)"
  echo "- server: \`photo local serve --hold-processing\` (S3Proxy, filesystem store), a fresh data dir for every run"
}

report() {
  local photos_bytes big_bytes p r a c
  # from the runs recorded, so that --report-only renders an earlier run as it was
  reps=$(awk -F'\t' '$3 > m {m = $3} END {print m + 0}' "$raw")
  {
    echo "# Upload benchmark results"
    echo
    machine_facts
    echo
    if has_set photos-4mb; then
      photos_bytes=$(set_bytes photos-4mb)
      echo "## $(set_count photos-4mb) files of about 4 MB ($(awk -v b="$photos_bytes" 'BEGIN {printf "%.0f", b / 1048576}') MiB), median of $reps"
      echo
      transfer_table photos-4mb
      p=$(median photos-4mb photo); r=$(median photos-4mb rclone); a=$(median photos-4mb aws); c=$(median photos-4mb curl)
      echo
      echo "| ratio | value | target | |"
      echo "|---|---:|---|---|"
      target_row "rclone time / photo time" "$(ratio "$r" "$p")" '>=' 1.5
      target_row "aws time / photo time" "$(ratio "$a" "$p")" '>' 1
      target_row "photo time / curl ceiling time" "$(ratio "$p" "$c")" '<=' 1.5
      target_row "rclone time / curl ceiling time" "$(ratio "$r" "$c")"
      base_row photos-4mb
      echo
    fi
    if has_set big; then
      big_bytes=$(set_bytes big)
      echo "## One 1 GiB file, median of $reps"
      echo
      transfer_table big
      p=$(median big photo); r=$(median big rclone); a=$(median big aws); c=$(median big curl)
      echo
      echo "| ratio | value | target | |"
      echo "|---|---:|---|---|"
      target_row "photo throughput / aws throughput" "$(ratio "$a" "$p")" '>=' 1.5
      target_row "photo throughput / rclone throughput" "$(ratio "$r" "$p")"
      target_row "photo throughput / curl single PUT" "$(ratio "$c" "$p")"
      target_row "photo peak RSS MiB" "$(peak_rss_mib big photo)" '<' 300
      base_row big
      echo
    fi
    if has_set small-1000 && has_tool photo-base; then
      echo "## 1000 files of 3000 bytes, median of $reps"
      echo
      transfer_table small-1000
      echo
      echo "| ratio | value | target | |"
      echo "|---|---:|---|---|"
      base_row small-1000
      echo
    fi
    if has_set small-10000; then
      local k1 k10 t1 t10
      k1=$(peak_rss_mib small-1000 photo); k10=$(peak_rss_mib small-10000 photo)
      t1=$(median small-1000 photo); t10=$(median small-10000 photo)
      echo "## Memory: photo upload of many small files (3000 bytes each)"
      echo
      echo "| files | peak RSS MiB | time s | files/s | runs (s) |"
      echo "|---:|---:|---:|---:|---|"
      echo "| 1000 | $k1 | $t1 | $(rate 1000 "$t1") | $(all_runs small-1000 photo) |"
      echo "| 10000 | $k10 | $t10 | $(rate 10000 "$t10") | $(all_runs small-10000 photo) |"
      echo "| 10000 with -Xmx128m | $(peak_rss_mib small-10000 photo-heap128) | $(median small-10000 photo-heap128) | | $(all_runs small-10000 photo-heap128) |"
      echo
      echo "RSS at 10 000 files / RSS at 1 000 files: $(ratio "$k10" "$k1") (flat means close to 1). A JVM's peak RSS"
      echo "also follows its default heap sizing (a quarter of RAM), which lets garbage pile up before collecting;"
      echo "the -Xmx128m row shows whether the upload fits a small fixed heap."
      echo
    fi
    echo "Times are wall clock for the whole command (JVM start and login included for photo; presigning"
    echo "excluded for the curl ceiling). Ratios above 1 in the first rows mean photo is faster. CPU s is the"
    echo "median user + system time of the tool's own process; server CPU s is what the server process used"
    echo "during the same run. On a small machine the client competes with the server for the same cores."
  } >"$work/results.md"
  cat "$work/results.md"
}

has_set() { awk -F'\t' -v s="$1" '$1 == s {f = 1} END {exit !f}' "$raw"; }
has_tool() { awk -F'\t' -v t="$1" '$2 == t {f = 1} END {exit !f}' "$raw"; }

# this build against the BENCH_BASE build, when both were timed on the set
base_row() {
  has_tool photo-base || return 0
  target_row "photo-base time / photo time (BENCH_BASE against this build)" \
    "$(ratio "$(median "$1" photo-base)" "$(median "$1" photo)")"
}

# --- main ----------------------------------------------------------------------------------------------------------

raw=$work/raw.tsv
if [ -n "$report_only" ]; then
  [ -s "$raw" ] || die "no results in $raw yet"
  report
  exit 0
fi
check_tools
mkdir -p "$work" "$runs"
make_data
: >"$raw"
log "reps: $reps; tool timeout: ${tool_timeout}s; ports $api_port-$s3_port; raw results in $raw"

read -r -a tools <<<"${BENCH_TOOLS:-photo rclone aws curl}"
for scenario in "${scenarios[@]}"; do
  case $scenario in
    photos|big|small)
      set=photos-4mb; [ "$scenario" = big ] && set=big; [ "$scenario" = small ] && set=small-1000
      warm "$set"
      for rep in $(seq 1 "$reps"); do
        # each repetition starts with a different tool, so no tool always runs first or last
        for k in "${!tools[@]}"; do
          run_one "$set" "${tools[$(((rep - 1 + k) % ${#tools[@]}))]}" "$rep"
        done
      done ;;
    memory)
      for set in small-1000 small-10000; do
        warm "$set"
        run_one "$set" photo 1
      done
      # bounded memory, whatever the JVM's default heap sizing: the same upload with a small fixed heap
      run_one small-10000 photo-heap128 1 ;;
    *) die "unknown scenario $scenario (photos, big, small, memory)" ;;
  esac
done

report
