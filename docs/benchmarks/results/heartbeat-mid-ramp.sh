#!/usr/bin/env bash
# Idle ramps through a gateway's Tomcat /ws with a heartbeat every 2 s, two gateway builds alternating:
#   OLD_JAR=... NEW_JAR=... docs/benchmarks/results/heartbeat-mid-ramp.sh
# Prints the connections open at each level and how many the gateway closed for not answering a ping.
set -u
cd "$(dirname "$0")/../../.."
ulimit -n 20000
export CHORUS_CLUSTER_DIR="$PWD/data/heartbeat-mid-ramp" CHORUS_BROKERS=1 CHORUS_PROCESSORS=1 JAVA_HEAP=-Xmx2g
export GATEWAY_OPTS="--server.tomcat.max-connections=120000 --server.tomcat.accept-count=10000 \
  --chorus.gateway.heartbeat-interval=2s --chorus.gateway.pong-timeout=1500ms"
rm -rf "$CHORUS_CLUSTER_DIR"
scripts/local-cluster.sh up broker-1
for build in OLD NEW OLD NEW; do
  jar_var="${build}_JAR"
  GATEWAY_JAR="${!jar_var:?set OLD_JAR and NEW_JAR}" scripts/local-cluster.sh up gateway-1
  java -Xmx4g -jar bench/target/chorus-bench-exec.jar idle --target=chorus --label="tomcat $build" \
    --url=ws://127.0.0.1:8081/ws --levels=5000,10000 \
    --pid="$(cat "$CHORUS_CLUSTER_DIR/pids/gateway-1")" --secret-file="$CHORUS_CLUSTER_DIR/secret" \
    --out="$CHORUS_CLUSTER_DIR/idle.jsonl" 2>&1 | grep "bench:"
  echo "$build: closed for no pong: $(grep -c 'did not answer a ping' "$CHORUS_CLUSTER_DIR/logs/gateway-1.log")"
  scripts/local-cluster.sh down gateway-1
done
scripts/local-cluster.sh stop
