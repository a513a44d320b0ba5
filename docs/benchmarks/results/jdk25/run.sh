#!/usr/bin/env bash
# Chorus's processes (broker, processor, gateways) on JDK 17 and on JDK 25 in turn, a fresh cluster each round;
# the generator always on the default java. Load steps, then idle connections on a fresh gateway-1 (on JDK 25
# also with compact object headers). After ./mvnw install -DskipTests:
#   [JDK17=.../bin/java] [JDK25=.../bin/java] [JDKS="17 25 17 25"] [GC_LOGS=1] docs/benchmarks/results/jdk25/run.sh
# Rows go to data/jdk/ (rows.jsonl labelled "jdk N", idle.jsonl labelled with the gateway's heap flags).
set -euo pipefail
cd "$(dirname "$0")/../../../.."
JDK17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
OUT="${OUT:-$PWD/data/jdk}"
. docs/benchmarks/results/fresh-cluster.sh
for jdk in ${JDKS:-17 25 17 25}; do
  export JAVA="$JDK17"; [[ $jdk == 25 ]] && JAVA="$JDK25"
  export JAVA_HEAP=-Xmx2g
  # GC_LOGS=1: every Chorus process logs its collections to $OUT/gc-<round>-jdk<N>/gc-<pid>.log
  round=$(( ${round:-0} + 1 ))
  if [[ -n "${GC_LOGS:-}" ]]; then
    mkdir -p "$OUT/gc-$round-jdk$jdk"
    JAVA_HEAP="$JAVA_HEAP -Xlog:gc:file=$OUT/gc-$round-jdk$jdk/gc-%p.log:uptime"
  fi
  fresh_cluster
  "${CHORUS[@]}" --scenario=cpu --label="jdk $jdk" --sizes=10 --rates=1000,1000,2000 --max-rates=none --prime=20 \
    --warm-up=10 --measure=30 "$cpu" --out="$OUT/rows.jsonl"
  "${CHORUS[@]}" --scenario=cpu --label="jdk $jdk" --sizes=100 --rates=500,1000 --max-rates=none --prime=20 \
    --warm-up=10 --measure=30 "$cpu" --out="$OUT/rows.jsonl"
  heaps=("-Xmx2g"); [[ $jdk == 25 ]] && heaps+=("-Xmx2g -XX:+UseCompactObjectHeaders")
  for heap in "${heaps[@]}"; do
    scripts/local-cluster.sh down gateway-1
    JAVA_HEAP="$heap" scripts/local-cluster.sh up gateway-1
    "${BENCH[@]}" idle --target=chorus --label="jdk $jdk $heap" --url=ws://127.0.0.1:9081/ws \
      --levels=5000,10000,19000 --pid="$(cat "$CHORUS_CLUSTER_DIR/pids/gateway-1")" \
      --secret-file="$CHORUS_CLUSTER_DIR/secret" --out="$OUT/idle.jsonl"
  done
  scripts/local-cluster.sh stop
done
