#!/usr/bin/env python3
"""Every full run of scripts/bench.sh kept here, a row each, as the table in PERFORMANCE.md's "The targets".

    python3 docs/benchmarks/results/runs.py [RUN_DIR ...]

Reads the rows each run wrote (run-*/ beside this file, or the directories given, such as data/bench for a
run not yet archived) and prints, per run, the figures the issue's targets are read from. Latencies in ms.
"""
import json
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# What Chorus ran with in each run, as the commits of the day set it: the transport its clients used, the
# processor's commit interval and the gateways' command linger. Runs after the last entry are as it is.
SETTINGS = [
    ("2026-11-25", "Tomcat, 20 ms, linger 5 ms"),
    ("2026-12-06-1328", "Netty, 20 ms, linger 5 ms"),
    ("2026-12-06-1945", "Netty, 10 ms, linger 0"),
]


def rows(run, name):
    path = run / f"{name}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def one(found):
    return found[0] if found else None


def ms(value):
    return "-" if value is None else f"{value:.1f}"


def settings(stamp):
    chosen = SETTINGS[0][1]
    for since, what in SETTINGS:
        if stamp >= since:
            chosen = what
    return chosen


def summary(run):
    stamp = run.name.removeprefix("run-")
    chorus = rows(run, "chorus")
    floor = rows(run, "floor")
    modes = rows(run, "modes")
    idle = [r for r in rows(run, "chorus-idle") if r["target"] == "chorus"]
    peer = rows(run, "peer")

    def at(rows_, scenario, target, size, rate):
        return [r for r in rows_ if r["scenario"] == scenario and r["target"] == target
                and r["groupSize"] == size and r["rate"] == rate]

    steps = at(chorus, "latency", "chorus", 10, 1000) + at(chorus, "repeat", "chorus", 10, 1000)
    two_hops = one([r for r in floor if r["scenario"] == "floor-2hops" and r["rate"] == 1000])
    eos = one([r for r in floor if r["scenario"] == "floor-2hops-eos-10ms" and r["rate"] == 1000])
    alo = one([r for r in modes if r["target"].startswith("chorus at_least_once")])
    eos_10 = one([r for r in modes if r["target"] == "chorus exactly_once_v2, commit 10ms, 1 thread(s)"])
    at_2000 = one(at(chorus, "latency", "chorus", 10, 2000))
    sustained = max([r["deliveries"] for r in chorus if r["scenario"] in ("latency", "max")
                     and r["p99"] <= 250 and r["lost"] == 0 and r["duplicated"] == 0 and not r["lagGrows"]],
                    default=0)
    peer_1000 = one(at(peer, "latency", "socket.io", 10, 1000))

    if len(steps) > 1:
        p50 = f"{statistics.median(r['p50'] for r in steps):.1f} (median of {len(steps)})"
        p99 = f"{statistics.median(r['p99'] for r in steps):.1f} (median of {len(steps)})"
    elif steps:
        p50, p99 = ms(steps[0]["p50"]), ms(steps[0]["p99"])
    else:
        p50 = p99 = "-"
    if at_2000 is None:
        p50_2000 = "-"
    elif at_2000["lost"] == 0 and not at_2000["lagGrows"]:
        p50_2000 = ms(at_2000["p50"])
    else:
        p50_2000 = f"{ms(at_2000['p50'])}, falling behind"
    per_connection = "-"
    base = one([r for r in idle if r["rate"] == 0])
    most = max(idle, key=lambda r: r["rate"], default=None)
    if base and most and most["rate"] > 0:
        heap = (most["heapBytes"] - base["heapBytes"]) / 1024 / most["rate"]
        rss = (most["rssBytes"] - base["rssBytes"]) / 1024 / most["rate"]
        per_connection = f"{heap:.1f} / {rss:.1f} at {most['rate']:,}"
    return [
        stamp, settings(stamp), p50, p99,
        ms(1.25 * two_hops["p99"]) if two_hops else "-",
        ms(eos["p99"]) if eos else "-",
        f"{ms(eos_10['p50'])} / {ms(eos_10['p99'])}" if eos_10 else "-",
        f"{ms(alo['p50'])} / {ms(alo['p99'])}" if alo else "-",
        p50_2000, f"{sustained:,}", per_connection,
        f"{ms(peer_1000['p50'])} / {ms(peer_1000['p99'])}" if peer_1000 else "-",
    ]


def main(args):
    runs = [Path(a) for a in args] or sorted(p for p in HERE.glob("run-*") if p.is_dir())
    header = ["run", "Chorus: transport, commit interval, gateway linger", "p50 at 1,000 msg/s × 10",
              "p99 at 1,000 msg/s × 10", "p99 bound (1.25 × two-hop floor)", "exactly-once floor p99",
              "modes step, exactly-once at 10 ms, p50 / p99",
              "at-least-once p50 / p99", "p50 at 2,000 msg/s × 10", "most deliveries/s sustained",
              "idle KiB heap / RSS each", "the peer at 1,000 msg/s × 10, p50 / p99"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for run in runs:
        print("| " + " | ".join(summary(run)) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
