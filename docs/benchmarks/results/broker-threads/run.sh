#!/usr/bin/env bash
# The broker's request threads on 2 cores: Kafka's defaults (3 network threads, 8 I/O threads) against 1 and 2,
# a fresh cluster each round, in turn. Needs a standalone jar built with broker-properties.patch (which passes
# -Dchorus.broker.X=Y on as the broker's X), then ./mvnw install -DskipTests:
#   [ARMS="default fewer default fewer"] docs/benchmarks/results/broker-threads/run.sh
# Rows go to data/broker-threads/rows.jsonl, labelled with the arm.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
OUT="${OUT:-$PWD/data/broker-threads}"
. docs/benchmarks/results/fresh-cluster.sh
export JAVA_HEAP=-Xmx2g
for arm in ${ARMS:-default fewer default fewer}; do
  export BROKER_JVM_OPTS=""
  [[ $arm == fewer ]] && BROKER_JVM_OPTS="-Dchorus.broker.num.network.threads=1 -Dchorus.broker.num.io.threads=2"
  fresh_cluster
  # the broker does not log its settings: count its request threads instead (per role, broker and controller)
  jcmd "$(cat "$CHORUS_CLUSTER_DIR/pids/broker-1")" Thread.print | grep -o '^"data-plane-kafka-[a-z-]*' | sort | uniq -c \
    | sed "s/^/$arm: /"
  "${CHORUS[@]}" --scenario=cpu --label="$arm" --sizes=10 --rates=1000,1000,1000,2000 --max-rates=none --prime=20 \
    --warm-up=10 --measure=30 "$cpu" --out="$OUT/rows.jsonl"
  "${CHORUS[@]}" --scenario=cpu --label="$arm" --sizes=100 --rates=1000 --max-rates=none --prime=20 \
    --warm-up=10 --measure=30 "$cpu" --out="$OUT/rows.jsonl"
  scripts/local-cluster.sh stop
done
