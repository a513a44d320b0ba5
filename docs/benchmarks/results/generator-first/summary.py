#!/usr/bin/env python3
"""Reads run.sh's files into one line per round, then the medians per arm.

    summary.py [DIR]    (default data/generator-first)

rows.jsonl holds three steps per round in the order the rounds ran, which is their numbers' order.
"""
import glob
import json
import re
import statistics
import sys

STEPS_PER_ROUND = 3
WAIT = re.compile(r"(\S+): .* (\d+) us per wait")


def jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "data/generator-first"
    steps = jsonl(f"{folder}/rows.jsonl")
    rounds = sorted((int(m.group(1)), m.group(2)) for m in
                    (re.search(r"floor-(\d+)-(\w+)\.jsonl$", p) for p in glob.glob(f"{folder}/floor-*.jsonl")))
    arms = {}
    for i, (number, arm) in enumerate(rounds):
        floor = {row["scenario"]: row for row in jsonl(f"{folder}/floor-{number}-{arm}.jsonl")}
        plain, committed = floor["floor-2hops"]["p99"], floor["floor-2hops-eos-10ms"]["p99"]
        mine = steps[STEPS_PER_ROUND * i:STEPS_PER_ROUND * (i + 1)]
        assert [s["target"] for s in mine] == [arm] * STEPS_PER_ROUND, (number, arm)
        with open(f"{folder}/waits-{number}-{arm}.txt") as f:
            waits = " ".join(" ".join(WAIT.match(line).groups()) for line in f.read().splitlines())
        latencies = ", ".join("%.1f/%.1f" % (s["p50"], s["p99"]) for s in mine)
        cpu = ", ".join("%.0f" % sum(s["cpu"].values()) for s in mine)
        print(f"round {number} {arm:9s} floor p99 {plain:.1f} (bound {1.25 * plain:.1f}), committed {committed:.1f}; "
              f"chorus p50/p99 {latencies}; cpu per 1000 {cpu}; "
              f"lost {sum(s['lost'] for s in mine)} dup {sum(s['duplicated'] for s in mine)}; wait us {waits}")
        totals = arms.setdefault(arm, {"p50": [], "p99": [], "floor": [], "committed": []})
        totals["p50"] += [s["p50"] for s in mine]
        totals["p99"] += [s["p99"] for s in mine]
        totals["floor"].append(plain)
        totals["committed"].append(committed)
    for arm, t in arms.items():
        print(f"{arm:9s} median of {len(t['p99'])} steps: p50 {statistics.median(t['p50']):.1f}, "
              f"p99 {statistics.median(t['p99']):.1f} ({min(t['p99']):.1f}-{max(t['p99']):.1f}); "
              f"floor p99 {'/'.join(f'{x:.1f}' for x in t['floor'])}, "
              f"committed {'/'.join(f'{x:.1f}' for x in t['committed'])}")


if __name__ == "__main__":
    main()
