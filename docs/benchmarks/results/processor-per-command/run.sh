#!/usr/bin/env bash
# The processor's CPU per 1,000 deliveries at 1,000 msg/s into groups of 10, two processor builds alternating
# on one warm cluster (both gateways the NEW build), three 30 s steps after each restart:
#   OLD_JAR=... NEW_JAR=... docs/benchmarks/results/processor-per-command/run.sh
# Rows go to data/processor-per-command/rows.jsonl, labelled "processor OLD" / "processor NEW"; leave out each
# restart's first step, which the JIT's warm-up inflates.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
ulimit -n 20000
export CHORUS_CLUSTER_DIR="$PWD/data/processor-per-command" CHORUS_BROKERS=1 CHORUS_PROCESSORS=1 JAVA_HEAP=-Xmx2g
: "${OLD_JAR:?set OLD_JAR and NEW_JAR to processor exec jars}" "${NEW_JAR:?}"
export GATEWAY_JAR="${NEW_GATEWAY_JAR:-$(ls gateway/target/gateway-*-exec.jar)}"
rm -rf "$CHORUS_CLUSTER_DIR"
trap 'scripts/local-cluster.sh stop >/dev/null || true' EXIT
PROCESSOR_JAR="$OLD_JAR" scripts/local-cluster.sh start
for build in OLD NEW OLD NEW OLD NEW; do
  jar_var="${build}_JAR"
  scripts/local-cluster.sh down processor-1
  PROCESSOR_JAR="${!jar_var}" scripts/local-cluster.sh up processor-1
  cpu="$(scripts/local-cluster.sh cpu-of)"
  java -Xmx4g -jar bench/target/chorus-bench-exec.jar load --target=chorus \
    --secret-file="$CHORUS_CLUSTER_DIR/secret" --urls=ws://127.0.0.1:9081/ws,ws://127.0.0.1:9082/ws \
    --scenario=cpu --sizes=10 --rates=1000,1000,1000 --max-rates=none --prime=20 --warm-up=10 --measure=30 \
    "$cpu" --label="processor $build" --out="$CHORUS_CLUSTER_DIR/rows.jsonl"
done
