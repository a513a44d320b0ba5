#!/usr/bin/env bash
# The crash scenario against real processes: starts scripts/local-cluster.sh (3 brokers, 2 processors,
# 2 gateways, each its own JVM) in a fresh directory, lets 20 clients chat in 5 groups over both gateways
# while it kill -9s processor-1, broker-3, processor-2, gateway-2 and processor-1 again (each started
# again), then checks every history and prints the verdict and the recovery times. Exits non-zero on any
# loss, duplicate or disorder. Takes about 3 minutes; everything stays on 127.0.0.1 and stops by itself.
#   scripts/crash-test.sh [--groups=5] [--members=4] [--send-every-ms=500]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export CHORUS_CLUSTER_DIR="${CHORUS_CLUSTER_DIR:-$(mktemp -d /tmp/chorus-crash.XXXXXX)}"
JAVA="${JAVA:-java}"

if ! ls standalone/target/chorus-standalone.jar processor/target/processor-*-exec.jar \
    gateway/target/gateway-*-exec.jar bench/target/chorus-bench-exec.jar >/dev/null 2>&1; then
  ./mvnw -q -B -ntp install -DskipTests
fi

trap 'scripts/local-cluster.sh stop >/dev/null' EXIT
echo "cluster in $CHORUS_CLUSTER_DIR"
scripts/local-cluster.sh start
"$JAVA" -jar bench/target/chorus-bench-exec.jar crash --cluster="$ROOT/scripts/local-cluster.sh" "$@" \
  | tee "$CHORUS_CLUSTER_DIR/crash-scenario.log"
