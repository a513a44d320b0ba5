#!/usr/bin/env bash
# A fresh cluster's first modes step at 1,000 msg/s into groups of 10, with every context switch of the box
# recorded (perf sched events, monotonic clock) over the warm-up and measured seconds, and the generator
# listing deliveries slower than SLOW µs with their epoch times.
#   RUN=r1 [PRIME=60] JAR=<a generator built with ../slow-deliveries.patch> [GENOPTS=...] run.sh
# then: python3 windows.py data/jit-stalls/r1 90; python3 compilers.py data/jit-stalls/r1
# (root, for perf's system-wide recording; about 350 MB of perf.data a run)
set -euo pipefail
cd "$(dirname "$0")/../../../.."
ulimit -n 20000
D=$PWD/data/jit-stalls/${RUN:-r1}
mkdir -p $D
export CHORUS_CLUSTER_DIR=$D/cluster CHORUS_BROKERS=1 CHORUS_PROCESSORS=1 JAVA_HEAP=-Xmx2g
rm -rf $CHORUS_CLUSTER_DIR $D/pids $D/perf.data
trap 'scripts/local-cluster.sh stop >/dev/null || true' EXIT
scripts/local-cluster.sh start > /dev/null
for n in broker-1 processor-1 gateway-1 gateway-2; do echo "$n $(cat $CHORUS_CLUSTER_DIR/pids/$n)"; done > $D/pids
java -Xmx4g ${GENOPTS:-} -Dslow.micros=${SLOW:-50000} -jar ${JAR:?a generator built with slow-deliveries.patch} load --target=chorus \
  --secret-file=$CHORUS_CLUSTER_DIR/secret --urls=ws://127.0.0.1:9081/ws,ws://127.0.0.1:9082/ws --scenario=modes \
  --sizes=10 --rates=1000 --max-rates=none --prime=${PRIME:-60} --warm-up=30 --measure=30 --label=perf \
  "$(scripts/local-cluster.sh cpu-of)" --out=$D/run.jsonl > $D/run.log 2>&1 &
gen=$!
echo "generator $gen" >> $D/pids
until grep -q "primed with" $D/run.log; do sleep 0.5; kill -0 $gen || exit 1; done
python3 -c 'import time; print(time.time(), time.clock_gettime(time.CLOCK_MONOTONIC))' > $D/clocks
perf record -q -a -k CLOCK_MONOTONIC -e sched:sched_switch -e sched:sched_wakeup -e sched:sched_migrate_task \
  -o $D/perf.data -- sleep 62 2> $D/perf.err
wait $gen
grep '^bench: modes' $D/run.log
