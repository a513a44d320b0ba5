# Sourced by the experiment scripts beside it (jdk25/, broker-threads/, seq-store/, generator-first/), from
# the repository's root with OUT set: a round is a fresh 1-broker cluster (1 processor, 2 gateways) started
# with whatever the script exported for it, then warmed as scripts/bench.sh warms its fixed-load steps.
# Defines BENCH (the generator) and CHORUS (`bench load` against the gateways' Netty ports) and stops the
# cluster on exit.
ulimit -n 20000
mkdir -p "$OUT"
export CHORUS_CLUSTER_DIR="$OUT/cluster" CHORUS_BROKERS=1 CHORUS_PROCESSORS=1
BENCH=(java -Xmx4g -jar bench/target/chorus-bench-exec.jar)
CHORUS=("${BENCH[@]}" load --target=chorus --secret-file="$CHORUS_CLUSTER_DIR/secret"
  --urls=ws://127.0.0.1:9081/ws,ws://127.0.0.1:9082/ws)
trap 'scripts/local-cluster.sh stop >/dev/null || true' EXIT

# Starts a new cluster and warms it; sets cpu to its processes' --cpu-of for the steps that follow.
fresh_cluster() {
  rm -rf "$CHORUS_CLUSTER_DIR"
  scripts/local-cluster.sh start
  cpu="$(scripts/local-cluster.sh cpu-of)"
  "${CHORUS[@]}" --scenario=warm-up --sizes=10,100 --rates=250 --max-rates=none --prime=30 --warm-up=20 \
    --measure=5 --out="$OUT/warm-up.jsonl"
}
