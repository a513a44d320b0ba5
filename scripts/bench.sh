#!/usr/bin/env bash
# Every benchmark in one run, then docs/BENCHMARKS.md and its plots (docs/benchmarks/*.png):
#   1. latency at 100, 500, 1,000 and 2,000 msg/s into groups of 10 and of 100, and 1,000 into groups of 10
#      four times more, as the targets' samples;
#   2. the highest sustained deliveries/s (groups of 100, p99 <= 250 ms, nothing lost, no growing lag);
#   3. idle connections on one server: 5k, 10k, 20k, 50k (19k where a process gets only 20,000 files);
#   4. the Kafka floor: produce -> consume, one hop and two, on Chorus's own broker, and two hops again with
#      the forward committed in transactions every 10 ms, as the processor commits by default.
# Chorus runs as separate processes (scripts/local-cluster.sh with 1 broker, 1 processor, 2 gateways), its
# clients on the gateways' Netty ports (chorus.gateway.netty.port), the web server's /ws measured beside; the
# peer, Socket.IO 4 with the Redis adapter on two Node processes, runs the same scenarios from the same
# generator (scripts/peer.sh installs and starts it). Everything on 127.0.0.1; about 50 minutes.
#   scripts/bench.sh [--only=floor,modes,chorus,chorus-idle,peer,peer-idle,report] [--quick]
# --quick: shorter steps and fewer idle connections, to try the pipeline (its figures are not the docs').
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ARGS="$*"
ONLY="floor,modes,chorus,chorus-idle,peer,peer-idle,report"
QUICK=""
for arg in "$@"; do
  case "$arg" in
    --only=*) ONLY="${arg#--only=}" ;;
    --quick) QUICK=1 ;;
    *) echo "usage: $0 [--only=floor,modes,chorus,chorus-idle,peer,peer-idle,report] [--quick]" >&2; exit 2 ;;
  esac
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }
# --cpu-of for a load step: every process of the system under test, read when the step starts (the steps
# below restart some of them), so each step also reports the CPU each delivery cost each process
chorus_cpu() { scripts/local-cluster.sh cpu-of; }
peer_cpu() {
  local name arg="--cpu-of="
  for name in node-3001 node-3002 redis; do arg+="$name:$(cat "${PEER_DIR:-$ROOT/data/peer}/$name.pid"),"; done
  echo "${arg%,}"
}

RESULTS="${BENCH_RESULTS:-$ROOT/data/bench}"
export CHORUS_CLUSTER_DIR="$RESULTS/cluster" CHORUS_BROKERS=1 CHORUS_PROCESSORS=1
export JAVA_HEAP="-Xmx2g"
# 50k idle connections need the gateway to accept them and everyone to have the file descriptors
export GATEWAY_OPTS="--server.tomcat.max-connections=120000 --server.tomcat.accept-count=10000"
ulimit -n 400000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
JAVA="${JAVA:-java}"
BENCH=("$JAVA" -Xmx4g -jar "$ROOT/bench/target/chorus-bench-exec.jar")
# Chorus's clients connect to the gateways' Netty ports (tokens signed with the cluster's secret, as that port
# serves only /ws); the web server's /ws is measured beside it, labelled "on tomcat"
NETTY_URLS="--urls=ws://127.0.0.1:9081/ws,ws://127.0.0.1:9082/ws"
TOMCAT_URLS="--urls=ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws"
SECRET="--secret-file=$CHORUS_CLUSTER_DIR/secret"
CHORUS=("${BENCH[@]}" load --target=chorus "$SECRET")
if [[ -n "$QUICK" ]]; then
  STEP=(--warm-up=2 --measure=5) MODE_STEP=(--prime=5 --warm-up=5 --measure=5) LEVELS="--levels=1000,2000"
  REPEAT=(--scenario=repeat --sizes=10 --rates=1000 --max-rates=none --prime=5)
else
  # a freshly started processor (and, in the first mode, gateways) needs its JIT warm before it keeps up
  # with 1,000 msg/s: started at full rate, it begins the step seconds behind and spends the step catching up;
  # 30 s at half the rate then 15 s at full was not enough on 2 cores (p99 of seconds in the primes)
  STEP=(--warm-up=5 --measure=15) MODE_STEP=(--prime=60 --warm-up=30 --measure=15)
  # the targets' step (1,000 msg/s into groups of 10) four times more, after the other steps: one 15 s step on
  # a box every process shares is one sample of it, and the targets take the median of the five
  # (primed at half the rate, as the maximum step before may leave a backlog)
  REPEAT=(--scenario=repeat --sizes=10 --rates=1000,1000,1000,1000 --max-rates=none --prime=30)
  # 19,000 rather than 20k and 50k: this machine caps every process at 20,000 file descriptors
  # (ulimit -Hn, and no CAP_SYS_RESOURCE to raise it), the gateway's and the generator's alike;
  # where the cap is higher, add 20000,50000
  LEVELS="--levels=5000,10000,19000"
  hard="$(ulimit -Hn)"
  if [[ "$hard" == unlimited || "$hard" -gt 110000 ]]; then LEVELS="--levels=5000,10000,20000,50000"; fi
fi

if ! ls standalone/target/chorus-standalone.jar processor/target/processor-*-exec.jar \
    gateway/target/gateway-*-exec.jar bench/target/chorus-bench-exec.jar >/dev/null 2>&1; then
  ./mvnw -q -B -ntp install -DskipTests
fi
mkdir -p "$RESULTS"

if wants floor || wants modes || wants chorus || wants chorus-idle; then
  rm -rf "$CHORUS_CLUSTER_DIR"
  trap 'scripts/local-cluster.sh stop >/dev/null || true' EXIT
  scripts/local-cluster.sh start
  if wants floor; then
    rm -f "$RESULTS/floor.jsonl"
    "${BENCH[@]}" floor --bootstrap=127.0.0.1:19092 "${STEP[@]}" --commit-intervals=10 --out="$RESULTS/floor.jsonl"
  fi
  if wants modes; then
    # 1,000 msg/s into groups of 10 under each processing guarantee and commit interval, the processor
    # restarted for each; then back to the defaults for the rest
    rm -f "$RESULTS/modes.jsonl"
    # restarted gracefully: a kill -9'd member keeps its partitions until its session times out, and the
    # new one would spend the first seconds of the step waiting for them
    # (10 ms is the default; 2 and 5 ms fall behind at 2,000 msg/s: docs/PERFORMANCE.md)
    for mode in "exactly_once_v2 100ms 1" "exactly_once_v2 50ms 1" "exactly_once_v2 20ms 1" \
        "exactly_once_v2 10ms 1" "exactly_once_v2 5ms 1" "exactly_once_v2 2ms 1" "exactly_once_v2 10ms 2" \
        "at_least_once 100ms 1"; do
      set -- $mode
      scripts/local-cluster.sh down processor-1
      PROCESSOR_OPTS="--chorus.processor.processing-guarantee=$1 --chorus.processor.commit-interval=$2
        --chorus.processor.stream-threads=$3" scripts/local-cluster.sh up processor-1
      "${CHORUS[@]}" "$NETTY_URLS" --scenario=modes --label="chorus $1, commit $2, $3 thread(s)" --sizes=10 \
        --rates=1000 --max-rates=none "${MODE_STEP[@]}" "$(chorus_cpu)" --out="$RESULTS/modes.jsonl"
    done
    set --
    scripts/local-cluster.sh down processor-1 && scripts/local-cluster.sh up processor-1
  fi
  if wants chorus; then
    # a just-started processor and gateways need a minute of traffic before their JIT keeps up (without
    # the modes above to warm them, the first steps measured that minute): warm both group sizes up,
    # unrecorded, at a rate the warm cluster keeps up with
    "${CHORUS[@]}" "$NETTY_URLS" --scenario=warm-up --sizes=10,100 --rates=250 --max-rates=none \
      --prime=30 --warm-up=20 --measure=5 --out="$RESULTS/warm-up.jsonl"
    rm -f "$RESULTS/chorus.jsonl"
    "${CHORUS[@]}" "$NETTY_URLS" "${STEP[@]}" "$(chorus_cpu)" --out="$RESULTS/chorus.jsonl"
    "${CHORUS[@]}" "$NETTY_URLS" "${REPEAT[@]}" "${STEP[@]}" "$(chorus_cpu)" --out="$RESULTS/chorus.jsonl"
  fi
  if wants modes; then
    # the defaults through the web server's /ws instead of Netty's, on the same warm cluster
    "${CHORUS[@]}" "$TOMCAT_URLS" --scenario=modes --label="chorus exactly_once_v2, commit 10ms, 1 thread(s), on tomcat" \
      --sizes=10 --rates=1000 --max-rates=none "${MODE_STEP[@]}" "$(chorus_cpu)" --out="$RESULTS/modes.jsonl"
    # the defaults with both gateways pushing deliveries as they are written, not when their transaction
    # commits, then with their command producers waiting Kafka's own 5 ms to fill a batch, as they did before
    # 2026-12-06; measured here, on the processor the steps above have warmed, with the gateways restarted
    # and primed like every mode above; then both back to the defaults for the rest
    for setting in "read_uncommitted --chorus.gateway.kafka.deliveries-isolation=read_uncommitted" \
        "linger 5ms --chorus.gateway.kafka.producer-linger=5ms"; do
      for g in gateway-1 gateway-2; do scripts/local-cluster.sh down $g; done
      for g in gateway-1 gateway-2; do GATEWAY_OPTS="$GATEWAY_OPTS ${setting##* }" scripts/local-cluster.sh up $g; done
      "${CHORUS[@]}" "$NETTY_URLS" --scenario=modes \
        --label="chorus exactly_once_v2, commit 10ms, 1 thread(s), gateways ${setting% *}" --sizes=10 \
        --rates=1000 --max-rates=none "${MODE_STEP[@]}" "$(chorus_cpu)" --out="$RESULTS/modes.jsonl"
    done
    for g in gateway-1 gateway-2; do scripts/local-cluster.sh down $g && scripts/local-cluster.sh up $g; done
  fi
  if wants chorus-idle; then
    rm -f "$RESULTS/chorus-idle.jsonl"
    # each on a fresh gateway, so that the load runs' history is not in its heap: Netty's /ws, then the web server's
    for transport in "chorus 9081" "chorus on tomcat 8081"; do
      port="${transport##* }"
      scripts/local-cluster.sh down gateway-1 && scripts/local-cluster.sh up gateway-1
      "${BENCH[@]}" idle --target=chorus --label="${transport% *}" --url=ws://127.0.0.1:$port/ws $LEVELS \
        --pid="$(cat "$CHORUS_CLUSTER_DIR/pids/gateway-1")" --secret-file="$CHORUS_CLUSTER_DIR/secret" \
        --out="$RESULTS/chorus-idle.jsonl"
    done
  fi
  scripts/local-cluster.sh stop
  trap - EXIT
fi

if wants peer || wants peer-idle; then
  trap 'scripts/peer.sh stop >/dev/null || true' EXIT
  scripts/peer.sh start
  if wants peer; then
    rm -f "$RESULTS/peer.jsonl"
    PEER_URLS="--urls=ws://127.0.0.1:3001/socket.io/?EIO=4&transport=websocket,ws://127.0.0.1:3002/socket.io/?EIO=4&transport=websocket"
    "${BENCH[@]}" load --target=socket.io "${STEP[@]}" "$(peer_cpu)" "$PEER_URLS" --out="$RESULTS/peer.jsonl"
    "${BENCH[@]}" load --target=socket.io "${REPEAT[@]}" "${STEP[@]}" "$(peer_cpu)" "$PEER_URLS" \
      --out="$RESULTS/peer.jsonl"
  fi
  if wants peer-idle; then
    scripts/peer.sh stop && scripts/peer.sh start # a fresh node
    rm -f "$RESULTS/peer-idle.jsonl"
    "${BENCH[@]}" idle --target=socket.io --url="ws://127.0.0.1:3001/socket.io/?EIO=4&transport=websocket" \
      --stats=http://127.0.0.1:3001/stats $LEVELS --out="$RESULTS/peer-idle.jsonl"
  fi
  scripts/peer.sh stop
  trap - EXIT
fi

if wants report; then
  {
    echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr); everything (brokers, servers, generator) on this one box, over loopback."
    echo "- Java: $("$JAVA" -version 2>&1 | head -1); Node: $(node --version 2>/dev/null || echo none); Redis: $(redis-server --version 2>/dev/null | awk '{print $3}' || echo none)"
    echo "- Chorus: \`scripts/local-cluster.sh\` with 1 KRaft broker, 1 processor and 2 gateways (each a JVM, $JAVA_HEAP), default settings (\`exactly_once_v2\`, the commit interval of \`chorus.processor.commit-interval\`, producers \`acks=all\`, idempotent); the JVM client library (\`ChorusClient\`), users spread over both gateways, connected to their Netty ports (\`chorus.gateway.netty.port\`; rows \"on tomcat\" through the web server's /ws instead)."
    echo "- Peer: the canonical Socket.IO 4 chat server with the Redis adapter, two Node processes (\`bench/peer\`), driven by the same generator speaking Socket.IO over the JDK WebSocket client."
    echo "- Generator: \`bench\` module, open model (constant arrival rate; latency from the scheduled send time, HdrHistogram), texts of 100 bytes, each user sending at most 5 msg/s; steps of ${STEP[*]} s, the one at 1,000 msg/s into groups of 10 run again after the others (${REPEAT[*]}) and the targets read from the median of them all (each setting of the interval and guarantee: ${MODE_STEP[*]}, the processor restarted before it; the fixed-load and maximum steps after an unrecorded warm-up of both group sizes at 250 msg/s; the rows with the gateways reading \`read_uncommitted\`, then with their command producers lingering 5 ms, after those, on the warm processor, its restarted gateways primed like each setting), then up to 10 s for the last deliveries (what has not arrived by then counts as lost)."
    echo "- Kafka floor: \`bench floor\` on Chorus's broker before the other steps, a topic of one partition per hop, producers \`acks=all\`, idempotent, Kafka's default 5 ms linger, consumers \`read_committed\`; the rows committed every 10 ms forward as a Kafka Streams thread does (records sent in a transaction, then a flush, the consumed offsets and the commit once 10 ms have passed since the last commit ended)."
    echo "- Idle connections: Netty clients bound to 127.0.0.2..4 as source addresses; heap after a full GC (\`jcmd GC.run\` + \`jstat\`, or \`global.gc()\` in Node) and RSS from /proc, per connection over the reading with none."
  } > "$RESULTS/machine.md"
  files=()
  for f in floor modes chorus chorus-idle peer peer-idle; do [[ -f "$RESULTS/$f.jsonl" ]] && files+=("$RESULTS/$f.jsonl"); done
  "${BENCH[@]}" report --results="$(IFS=,; echo "${files[*]}")" --out=docs/BENCHMARKS.md --plots=docs/benchmarks \
    --machine-file="$RESULTS/machine.md" --command="scripts/bench.sh${ARGS:+ $ARGS}"
  echo "wrote docs/BENCHMARKS.md and docs/benchmarks/*.png from $RESULTS"
fi
