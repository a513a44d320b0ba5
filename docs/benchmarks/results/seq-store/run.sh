#!/usr/bin/env bash
# One changelog record fewer per message: the processor's last seq per group kept in its group-seq store
# (today) against kept in memory only (seqs-in-memory.patch, an experiment: it would not survive a restart),
# a fresh 1-broker cluster each round, in turn. Needs the processor built with the patch
# (git apply docs/benchmarks/results/seq-store/seqs-in-memory.patch), then
# ./mvnw install -DskipTests:
#   [ARMS="store memory store memory"] docs/benchmarks/results/seq-store/run.sh
# Rows go to data/seq-store/rows.jsonl, labelled with the arm; the broker's records in per topic during
# each round's first step to data/seq-store/requests-<round>-<arm>.txt.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
here="docs/benchmarks/results/seq-store"
OUT="${OUT:-$PWD/data/seq-store}"
. docs/benchmarks/results/fresh-cluster.sh
round=0
for arm in ${ARMS:-store memory store memory}; do
  round=$((round + 1))
  # every process gets the flag; only the patched processor reads it
  export JAVA_HEAP="-Xmx2g"
  [[ $arm == memory ]] && JAVA_HEAP+=" -Dchorus.experiment.seqs-in-memory=true"
  fresh_cluster
  # the first step's measured 30 s start after its 20 s prime and 10 s warm-up
  ( sleep 35; java "$here/../processor-fetch-wait/Requests.java" "$(cat "$CHORUS_CLUSTER_DIR/pids/broker-1")" 25 \
      > "$OUT/requests-$round-$arm.txt" 2>&1 ) &
  "${CHORUS[@]}" --scenario=cpu --label="$arm" --sizes=10 --rates=1000,1000,1000,2000 --max-rates=none --prime=20 \
    --warm-up=10 --measure=30 "$cpu" --out="$OUT/rows.jsonl"
  "${CHORUS[@]}" --scenario=cpu --label="$arm" --sizes=100 --rates=1000 --max-rates=none --prime=20 \
    --warm-up=10 --measure=30 "$cpu" --out="$OUT/rows.jsonl"
  wait
  scripts/local-cluster.sh stop
done
