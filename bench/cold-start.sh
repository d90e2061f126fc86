#!/usr/bin/env bash
# Cold start of the Lambda functions, started the way Lambda starts Java, against moto's server as S3 and
# DynamoDB on 127.0.0.1. See bench/README.md ("Cold start") and docs/benchmarks.md.
#
#   bench/cold-start.sh                # 5 runs; figures in bench/out/coldstart/results.md
#   bench/cold-start.sh --runs 9 --java /path/to/jdk/bin/java --cpus 0
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=5
java_cmd=${BENCH_JAVA:-java}
cpus=""
api_memory=1024
processor_memory=1769
sample="$root/samples/07-rings.jpg"
only=""
large=""
interim=""
build=1
jar=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --java) java_cmd=$2; shift 2 ;;
    --cpus) cpus=$2; shift 2 ;;              # e.g. 0: pin every child JVM to that core list (taskset)
    --api-memory) api_memory=$2; shift 2 ;;
    --processor-memory) processor_memory=$2; shift 2 ;;
    --sample) sample=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;              # hello: time the trivial handler alone (checks the harness)
    --no-build) build=""; shift ;;          # reuse what the last run built
    --jar) jar=$2; shift 2 ;;                # time another deployment jar (e.g. another branch's build)
    --interim) interim=1; shift ;;           # the handlers with SQLite metadata, until the DynamoDB entry points exist
    --large) large=1; shift ;;               # a generated 24-megapixel JPEG instead of the sample (peak memory)
    *) echo "cold-start: unknown argument $1" >&2; exit 2 ;;
  esac
done

out="$root/bench/out/coldstart"
rm -rf "$out"
mkdir -p "$out/task" "$out/logs"

# builds the deployment jar too (-am), so the figures are for the sources checked out
if [ -n "$build" ]; then
  (cd "$root" && mvn -B -q -P bench -pl bench/coldstart -am -DskipTests package)
fi
[ -n "$jar" ] || jar=$(find "$root/backend/functions/target" -maxdepth 1 -name 'photo-functions*lambda.jar' | head -n 1)
if [ -z "$jar" ]; then
  echo "cold-start: the build left no deployment jar in backend/functions/target" >&2
  exit 1
fi

# Python with moto and boto3 (and cfn-lint, to read the table from the template); it may sit only under pyenv.
py=""
for candidate in python3 "$HOME/.pyenv/shims/python3"; do
  if "$candidate" -c 'import moto, boto3, cfnlint' >/dev/null 2>&1; then py=$candidate; break; fi
done
if [ -z "$py" ]; then
  echo "cold-start: needs a python3 with moto, boto3 and cfn-lint (moto's server emulates S3 and DynamoDB)" >&2
  exit 1
fi


# Lambda unzips the deployment package into the task root and loads classes from there.
(cd "$out/task" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" xf "$jar")

port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$py" -m moto.server -H 127.0.0.1 -p "$port" > "$out/moto.log" 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true' EXIT
endpoint="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if "$py" -c "import urllib.request; urllib.request.urlopen('$endpoint/moto-api/')" >/dev/null 2>&1; then break; fi
  sleep 0.2
done
"$py" -c "import urllib.request; urllib.request.urlopen('$endpoint/moto-api/')" >/dev/null \
  || { echo "cold-start: moto's server did not start on $endpoint (see $out/moto.log)" >&2; exit 1; }

bucket=photo-bench
table=photo-bench
# The table exactly as backend/template.yaml declares it, so the benchmark follows the template.
"$py" - "$root/backend/template.yaml" "$endpoint" "$bucket" "$table" <<'EOF'
import sys, boto3
from cfnlint.decode import decode
template_path, endpoint, bucket, table = sys.argv[1:]
template, errors = decode(template_path)
if errors:
    sys.exit(f"cold-start: cannot read {template_path}: {errors}")
props = template["Resources"]["PhotoTable"]["Properties"]
session = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="bench",
               aws_secret_access_key="bench")
boto3.client("s3", **session).create_bucket(Bucket=bucket)
boto3.client("dynamodb", **session).create_table(
    TableName=table, BillingMode=props["BillingMode"], AttributeDefinitions=props["AttributeDefinitions"],
    KeySchema=props["KeySchema"], GlobalSecondaryIndexes=props["GlobalSecondaryIndexes"])
EOF

java_path=$(command -v "$java_cmd")
if [ -n "$large" ]; then
  sample="$out/large.jpg"
  "$java_path" -cp "$root/bench/coldstart/target/classes" dev.photo.bench.coldstart.LargeJpeg "$sample"
fi
child_java="$java_path"
if [ -n "$cpus" ]; then
  # the driver starts this wrapper, which execs the JVM pinned to the given CPUs
  child_java="$out/java-pinned"
  printf '#!/bin/sh\nexec taskset -c %s %s "$@"\n' "$cpus" "$java_path" > "$child_java"
  chmod +x "$child_java"
fi

"$java_path" -version 2>&1 | head -n 1 > "$out/java-version.txt"
cursor_key=$(head -c 32 /dev/urandom | base64)
interim_args=()
if [ -n "$interim" ]; then
  interim_cp=":$root/bench/coldstart/target/classes"
  for j in "$root"/bench/coldstart/target/interim/*.jar; do interim_cp="$interim_cp:$j"; done
  interim_args=(--api-handler dev.photo.bench.coldstart.SqliteApiFunction::handleRequest
    --processor-handler dev.photo.bench.coldstart.SqliteProcessorFunction::handleRequest
    --extra-classpath "$interim_cp" --sqlite "$out/interim.db")
fi
"$java_path" -cp "$root/bench/coldstart/target/classes:$root/bench/coldstart/target/lib/*" \
  dev.photo.bench.coldstart.ColdStart \
  --java "$child_java" --ric "$root/bench/coldstart/target/ric" --task-root "$out/task" \
  --hello-root "$root/bench/coldstart/target/classes" --endpoint "$endpoint" --bucket "$bucket" --table "$table" \
  --cursor-key "$cursor_key" --sample "$sample" --runs "$runs" --api-memory "$api_memory" \
  --processor-memory "$processor_memory" ${only:+--only "$only"} "${interim_args[@]}" --logs "$out/logs" --out "$out/raw.tsv"

median() { # function column -> median of that column over the runs
  awk -F'\t' -v f="$1" -v c="$2" '$2 == f { print $c }' "$out/raw.tsv" | sort -n \
    | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
range() {
  awk -F'\t' -v f="$1" '$2 == f { print $3 }' "$out/raw.tsv" | sort -n | sed -n '1p;$p' | paste -sd '-'
}
jar_bytes=$(stat -c %s "$jar")
hello=$(median hello-stream 3)
{
  echo "# Cold start ($(date -u +%Y-%m-%dT%H:%MZ), $runs runs, $(cat "$out/java-version.txt")${cpus:+, CPUs $cpus}${interim:+, INTERIM entry points with SQLite metadata}, sample $(basename "$sample") $(stat -c %s "$sample") bytes)"
  echo
  echo "| function | memory | median ms | min-max ms | x hello-stream | median peak RSS MB |"
  echo "|---|---|---|---|---|---|"
  functions="hello-stream hello api processor"
  [ "$only" = hello ] && functions="hello-stream hello"
  for f in $functions; do
    case $f in hello*) mem=512 ;; api) mem=$api_memory ;; processor) mem=$processor_memory ;; esac
    ms=$(median $f 3)
    rss=$(median $f 4)
    echo "| $f | $mem MB | $ms | $(range $f) | $(awk -v a="$ms" -v b="$hello" 'BEGIN { printf "%.1f", a / b }') | $(awk -v r="$rss" 'BEGIN { printf "%.0f", r / 1024 }') |"
  done
  echo
  echo "deployment jar: $(basename "$jar"), $jar_bytes bytes ($(awk -v b="$jar_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB)"
} | tee "$out/results.md"
