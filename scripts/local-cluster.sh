#!/usr/bin/env bash
# A local multi-process Chorus on 127.0.0.1: 3 KRaft brokers (RF 3, min ISR 2), 2 processors, 2 gateways,
# each its own JVM from the built jars (./mvnw -q install -DskipTests first).
#   scripts/local-cluster.sh start|stop|status
#   scripts/local-cluster.sh up NAME     starts one role (broker-1..3, processor-1..2, gateway-1..2), waits till ready
#   scripts/local-cluster.sh down NAME   stops one role gracefully (SIGTERM; it leaves its group) and waits
#   scripts/local-cluster.sh kill NAME   kill -9 of one role
#   scripts/local-cluster.sh cpu-of      prints bench's --cpu-of=NAME:PID,... for every role running
# Data and logs under ${CHORUS_CLUSTER_DIR:-./data/local-cluster}; pids in its pids/ folder, so that
# `kill -9 $(cat data/local-cluster/pids/processor-1)` crashes exactly one instance.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${CHORUS_CLUSTER_DIR:-$ROOT/data/local-cluster}"
PIDS="$DIR/pids"
JAVA="${JAVA:-java}"
BROKER_PORTS=(19092 19192 19292)
CONTROLLER_PORTS=(19093 19193 19293)
GATEWAY_PORTS=(8081 8082)
# each gateway also serves /ws on Netty (chorus.gateway.netty.port): ws://127.0.0.1:9081/ws and :9082/ws
NETTY_PORTS=(9081 9082)
# the processors' health and metrics (their actuator): a port each, as they share the host
PROCESSOR_PORTS=(8090 8091)
# CHORUS_BROKERS=1 and CHORUS_PROCESSORS=1 make a smaller cluster (the benchmarks use one broker, as the
# standalone does); JAVA_HEAP, BROKER_JVM_OPTS, GATEWAY_OPTS and PROCESSOR_OPTS pass settings through, and
# GATEWAY_JAR and PROCESSOR_JAR run another build of the gateway or the processor (to compare two builds).
BROKERS="${CHORUS_BROKERS:-3}"
PROCESSORS="${CHORUS_PROCESSORS:-2}"
JAVA_HEAP="${JAVA_HEAP:--Xmx512m}"
VOTERS="" BOOTSTRAP=""
for ((n = 1; n <= BROKERS; n++)); do
  VOTERS+="${VOTERS:+,}$n@127.0.0.1:${CONTROLLER_PORTS[$((n-1))]}"
  BOOTSTRAP+="${BOOTSTRAP:+,}127.0.0.1:${BROKER_PORTS[$((n-1))]}"
done

jar() { ls "$ROOT"/$1 2>/dev/null | head -1 || true; }
STANDALONE_JAR="$(jar 'standalone/target/chorus-standalone.jar')"
PROCESSOR_JAR="${PROCESSOR_JAR:-$(jar 'processor/target/processor-*-exec.jar')}"
GATEWAY_JAR="${GATEWAY_JAR:-$(jar 'gateway/target/gateway-*-exec.jar')}"

alive() { [[ -f "$PIDS/$1" ]] && kill -0 "$(cat "$PIDS/$1")" 2>/dev/null; }

launch() { # name, then the command
  local name=$1; shift
  if alive "$name"; then echo "$name already running"; return; fi
  nohup "$@" > "$DIR/logs/$name.log" 2>&1 &
  echo $! > "$PIDS/$name"
  echo "started $name (pid $!)"
}

wait_for() { # log, text, seconds
  for _ in $(seq 1 "$3"); do grep -q "$2" "$DIR/logs/$1.log" 2>/dev/null && return 0; sleep 1; done
  echo "$1 did not log '$2' within $3 s; see $DIR/logs/$1.log" >&2; return 1
}

secret() { # made once, atomically: gateways started together must share it
  if [[ ! -s "$DIR/secret" ]]; then
    head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$DIR/secret.$$" && mv -n "$DIR/secret.$$" "$DIR/secret"
    rm -f "$DIR/secret.$$"
  fi
  cat "$DIR/secret"
}

up() { # one role: broker-N, processor-N or gateway-N; returns once it is ready
  local name=$1 i=${1##*-}
  mkdir -p "$PIDS" "$DIR/logs"
  case "$name" in
    broker-[123])
      launch "$name" "$JAVA" $JAVA_HEAP ${BROKER_JVM_OPTS:-} -jar "$STANDALONE_JAR" --broker-only --node-id=$i \
        --kafka-port=${BROKER_PORTS[$((i-1))]} --kafka-controller-port=${CONTROLLER_PORTS[$((i-1))]} \
        --quorum-voters=$VOTERS --data-dir="$DIR/$name"
      wait_for "$name" "is running on" 120 ;;
    processor-[12])
      launch "$name" "$JAVA" $JAVA_HEAP -jar "$PROCESSOR_JAR" --chorus.kafka.bootstrap-servers=$BOOTSTRAP \
        --server.port=${PROCESSOR_PORTS[$((i-1))]} \
        --chorus.processor.state-dir="$DIR/$name" ${PROCESSOR_OPTS:-}
      wait_for "$name" "to RUNNING" 180 ;;
    gateway-[12])
      launch "$name" "$JAVA" $JAVA_HEAP -jar "$GATEWAY_JAR" --chorus.kafka.bootstrap-servers=$BOOTSTRAP \
        --server.port=${GATEWAY_PORTS[$((i-1))]} --chorus.gateway.netty.port=${NETTY_PORTS[$((i-1))]} \
        --chorus.gateway.id=gw-$i \
        --chorus.gateway.auth.hs256-secret="$(secret)" --chorus.gateway.auth.dev-enabled=true \
        --chorus.gateway.media.dir="$DIR/media" ${GATEWAY_OPTS:-}
      wait_for "$name" "Started GatewayApplication" 120 ;;
    *) echo "no such role: $name (broker-1..3, processor-1..2, gateway-1..2)" >&2; exit 2 ;;
  esac
}

start() {
  for j in "$STANDALONE_JAR" "$PROCESSOR_JAR" "$GATEWAY_JAR"; do
    [[ -n "$j" ]] || { echo "jars missing: run ./mvnw -q install -DskipTests" >&2; exit 1; }
  done
  # the brokers wait for each other (a quorum needs two of three), so launch all three, then wait
  local brokers=()
  for ((n = 1; n <= BROKERS; n++)); do brokers+=("broker-$n"); done
  together "${brokers[@]}"
  # one processor at a time: the first creates the topics, the second joins its group
  for ((n = 1; n <= PROCESSORS; n++)); do up "processor-$n"; done
  secret > /dev/null
  together gateway-1 gateway-2
  status
}

together() { # up each role in parallel; fails if any fails
  local pids=() failed=0
  for name in "$@"; do up "$name" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  return $failed
}

crash() { # kill -9 one role: no shutdown hook, no flush, no leaving the group
  if alive "$1"; then kill -9 "$(cat "$PIDS/$1")"; rm -f "$PIDS/$1"; echo "killed $1 (kill -9)"
  else echo "$1 is not running" >&2; exit 1; fi
}

down() { # SIGTERM to each named role, then wait for each to exit
  for name in "$@"; do
    if alive "$name"; then kill "$(cat "$PIDS/$name")"; echo "stopping $name"; fi
  done
  for name in "$@"; do
    for _ in $(seq 1 60); do alive "$name" || break; sleep 1; done
    # one that ignores a minute of SIGTERM (wedged, e.g. out of memory) is killed
    if alive "$name"; then kill -9 "$(cat "$PIDS/$name")"; echo "killed $name (kill -9): it did not stop"; fi
    rm -f "$PIDS/$name"
  done
}

stop() { # gateways first (clients move on), then processors, then the brokers they need
  down gateway-1 gateway-2 processor-1 processor-2 broker-1 broker-2 broker-3
}

status() {
  for name in broker-1 broker-2 broker-3 processor-1 processor-2 gateway-1 gateway-2; do
    if alive "$name"; then echo "$name up (pid $(cat "$PIDS/$name"))"; else echo "$name down"; fi
  done
  echo "Kafka: $BOOTSTRAP   gateways: ws://127.0.0.1:${GATEWAY_PORTS[0]}/ws ws://127.0.0.1:${GATEWAY_PORTS[1]}/ws" \
    "(on Netty: ws://127.0.0.1:${NETTY_PORTS[0]}/ws ws://127.0.0.1:${NETTY_PORTS[1]}/ws)"
}

cpu_of() { # bench load --cpu-of: each running role by name, so a step reports what each delivery cost it
  local name arg=""
  for name in broker-1 broker-2 broker-3 processor-1 processor-2 gateway-1 gateway-2; do
    if alive "$name"; then arg+="${arg:+,}$name:$(cat "$PIDS/$name")"; fi
  done
  echo "--cpu-of=$arg"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  up) up "${2:?usage: $0 up NAME}" ;;
  down) down "${2:?usage: $0 down NAME}" ;;
  kill) crash "${2:?usage: $0 kill NAME}" ;;
  cpu-of) cpu_of ;;
  *) echo "usage: $0 start|stop|status|up NAME|down NAME|kill NAME|cpu-of" >&2; exit 2 ;;
esac
