#!/usr/bin/env bash
# The generator first for a core: how much of the p99 at 1,000 msg/s into groups of 10 is the generator's own
# wait for one of the two cores it shares with Chorus. Arms, a fresh 1-broker cluster each round, in turn:
#   shared          every process at nice 0, as scripts/bench.sh runs them
#   generator       the generator's JVM at nice -10: woken, it takes a core ahead of Chorus's processes
#                   (the stand-in for clients on machines of their own, but its CPU still comes off the box)
#   broker          the generator and every thread of the broker at nice -10
# Each round measures the Kafka floor (two hops as they come and committed every 10 ms) with the same
# priorities, then three 30 s steps of Chorus; a window of its first step's CPU and run-queue waits per process.
# Needs root (a negative nice) and built jars:
#   [ARMS="shared generator broker shared generator broker"] [ROUND=0] docs/benchmarks/results/generator-first/run.sh
# Rows go to data/generator-first/rows.jsonl (labelled with the arm) and floor-<round>-<arm>.jsonl; the waits
# to waits-<round>-<arm>.txt. Rounds are numbered from ROUND + 1, so that more rounds add files beside
# those of a run before. The rows beside this script are of the defaults, then ARMS="broker generator
# shared" ROUND=6; summary.py reads them (output.txt).
set -euo pipefail
cd "$(dirname "$0")/../../../.."
here="docs/benchmarks/results/generator-first"
OUT="${OUT:-$PWD/data/generator-first}"
. docs/benchmarks/results/fresh-cluster.sh
export JAVA_HEAP=-Xmx2g
renice_all() { # NICE PID: every thread of the process (nice is per thread on Linux)
  local task
  for task in /proc/"$2"/task/*; do renice -n "$1" -p "${task##*/}" > /dev/null; done
}
round="${ROUND:-0}"
for arm in ${ARMS:-shared generator broker shared generator broker}; do
  round=$((round + 1))
  nice=0
  [[ $arm != shared ]] && nice=-10
  fresh_cluster
  broker="$(cat "$CHORUS_CLUSTER_DIR/pids/broker-1")"
  [[ $arm == broker ]] && renice_all -10 "$broker"
  nice -n "$nice" "${BENCH[@]}" floor --bootstrap=127.0.0.1:19092 --rates=1000 --warm-up=5 --measure=15 \
    --commit-intervals=10 --out="$OUT/floor-$round-$arm.jsonl"
  nice -n "$nice" "${CHORUS[@]}" --scenario=cpu --label="$arm" --sizes=10 --rates=1000,1000,1000 \
    --max-rates=none --prime=20 --warm-up=10 --measure=30 "$cpu" --out="$OUT/rows.jsonl" &
  generator=$!
  # the first step's measured 30 s start after its 20 s prime and 10 s warm-up
  sleep 35
  IFS=, read -ra cluster <<< "${cpu#--cpu-of=}"
  python3 "$here/waits.py" 25 "generator:$generator" "${cluster[@]}" > "$OUT/waits-$round-$arm.txt"
  wait "$generator"
  scripts/local-cluster.sh stop
done
