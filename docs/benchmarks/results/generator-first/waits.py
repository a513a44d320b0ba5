#!/usr/bin/env python3
"""CPU and run-queue waits of whole processes over a window, from /proc/PID/task/*/schedstat.

    waits.py SECONDS NAME:PID [NAME:PID ...]

schedstat's three fields per thread are the time it ran, the time it spent runnable but waiting for a core
(both ns) and the number of times it got one. A thread that ends within the window drops out, so the
figures are those of the threads alive at both ends (a JVM's busy threads all are). Prints one line per
process: CPU ms a second, waiting ms a second, and the average wait each time a thread got a core (µs).
"""
import glob
import sys
import time


def sample(pid):
    threads = {}
    for path in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(path) as f:
                ran, waited, slices = (int(x) for x in f.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
        threads[path] = (ran, waited, slices)
    return threads


def main():
    seconds = float(sys.argv[1])
    procs = [arg.split(":", 1) for arg in sys.argv[2:]]
    before = {name: sample(pid) for name, pid in procs}
    time.sleep(seconds)
    after = {name: sample(pid) for name, pid in procs}
    for name, _ in procs:
        ran = waited = slices = 0
        for path, (r1, w1, s1) in after[name].items():
            if path in before[name]:
                r0, w0, s0 = before[name][path]
                ran, waited, slices = ran + r1 - r0, waited + w1 - w0, slices + s1 - s0
        avg = waited / slices / 1e3 if slices else 0.0
        print(f"{name}: cpu {ran / seconds / 1e6:.0f} ms/s, waiting {waited / seconds / 1e6:.0f} ms/s, "
              f"{avg:.0f} us per wait over {slices} waits")


if __name__ == "__main__":
    main()
