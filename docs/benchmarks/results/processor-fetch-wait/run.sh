#!/usr/bin/env bash
# The processor's fetch held to gather commands (fetch-wait.patch, not kept), against Kafka's default of
# answering at once, on one warm cluster: the processor restarted with each wait in turn, each round steps of
# 1,000, 1,000 and 2,000 msg/s into groups of 10, then 10 and 100, and the broker's request rates read over
# 25 s from 95 s after the restart (the end of the second 1,000 msg/s step and the start of the 2,000).
# Build the patched processor first and pass its exec jar:
#   git apply docs/benchmarks/results/processor-fetch-wait/fetch-wait.patch
#   ./mvnw -q package -Dmaven.test.skip=true -pl processor && cp processor/target/processor-*-exec.jar /tmp/
#   git apply -R docs/benchmarks/results/processor-fetch-wait/fetch-wait.patch
#   PATCHED_JAR=/tmp/processor-0.1.0-SNAPSHOT-exec.jar docs/benchmarks/results/processor-fetch-wait/run.sh
# Rows and request rates go to data/processor-fetch-wait/, labelled "fetch-wait <wait>"; 0ms is the default.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
here=docs/benchmarks/results/processor-fetch-wait
ulimit -n 20000
export CHORUS_CLUSTER_DIR="$PWD/data/processor-fetch-wait" CHORUS_BROKERS=1 CHORUS_PROCESSORS=1 JAVA_HEAP=-Xmx2g
export PROCESSOR_JAR="${PATCHED_JAR:?set PATCHED_JAR to the patched processor exec jar}"
rm -rf "$CHORUS_CLUSTER_DIR"
trap 'scripts/local-cluster.sh stop >/dev/null || true' EXIT
scripts/local-cluster.sh start
round=0
for wait in ${WAITS:-0ms 10ms 5ms 0ms 10ms 5ms}; do
  round=$((round + 1))
  scripts/local-cluster.sh down processor-1
  PROCESSOR_OPTS=--chorus.processor.fetch-wait=$wait scripts/local-cluster.sh up processor-1
  cpu="$(scripts/local-cluster.sh cpu-of)"
  ( sleep 95; java "$here/Requests.java" "$(cat "$CHORUS_CLUSTER_DIR/pids/broker-1")" 25 \
      > "$CHORUS_CLUSTER_DIR/requests-$round-$wait.txt" 2>&1 ) &
  for rates in 1000,1000,2000 10,100; do
    prime=20; [[ $rates == 10,100 ]] && prime=0
    java -Xmx4g -jar bench/target/chorus-bench-exec.jar load --target=chorus \
      --secret-file="$CHORUS_CLUSTER_DIR/secret" --urls=ws://127.0.0.1:9081/ws,ws://127.0.0.1:9082/ws \
      --scenario=cpu --sizes=10 --rates=$rates --max-rates=none --prime=$prime --warm-up=$((prime ? 10 : 5)) \
      --measure=$((prime ? 30 : 20)) "$cpu" --label="fetch-wait $wait" --out="$CHORUS_CLUSTER_DIR/rows.jsonl"
    wait
  done
done
