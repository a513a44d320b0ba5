"""Stall windows from the generator's SLOW lines, and who had the box's CPUs in each (perf sched_switch)."""
import collections, re, subprocess, sys

D = sys.argv[1]
MIN_MS = float(sys.argv[2]) if len(sys.argv) > 2 else 80
roles = dict(l.split()[::-1] for l in open(f"{D}/pids"))
wall, mono = map(float, open(f"{D}/clocks").read().split())
to_mono = lambda epoch_ms: epoch_ms / 1000 - wall + mono

slow = []
for line in open(f"{D}/run.log"):
    if line.startswith("SLOW"):
        f = dict(x.split("=", 1) for x in line.split()[1:] if "=" in x)
        slow.append((int(f["sched"]), int(f["sentAt"]), int(f["recv"]), float(f["total"]), int(f["k"])))
slow = [s for s in slow if to_mono(s[0]) > mono + 1]
slow.sort()
clusters, cur = [], []
for s in slow:
    if cur and s[0] - cur[-1][0] > 50:
        clusters.append(cur); cur = []
    cur.append(s)
if cur: clusters.append(cur)
windows = []
for c in clusters:
    worst = max(x[3] for x in c)
    if worst >= MIN_MS:
        windows.append((to_mono(min(x[1] for x in c)), to_mono(max(x[2] for x in c)), len(c), worst,
                        min(x[4] for x in c), max(x[4] for x in c),
                        sum(x[1] - x[0] for x in c) / len(c), sum(x[3] for x in c) / len(c)))
print(f"{len(slow)} deliveries over the threshold after perf started; {len(windows)} windows with one >= {MIN_MS} ms")

out = subprocess.run(["perf", "script", "-i", f"{D}/perf.data", "-F", "pid,tid,cpu,time,event,trace"],
                     capture_output=True, text=True).stdout
SW = re.compile(r"^\s*(\d+)/(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+sched:sched_switch:\s+prev_comm=(.*?) prev_pid=(\d+) "
                r"prev_prio=\d+ prev_state=(\S+) ==> next_comm=(.*?) next_pid=(\d+)")
WK = re.compile(r"^\s*\d+/\d+\s+\[\d+\]\s+([\d.]+):\s+sched:sched_wakeup:\s+comm=(.*?) pid=(\d+)")
last = {}       # cpu -> (time, tid running)
names, proc = {}, {}
runs = []       # (start, end, tid)
woken = {}      # tid -> wakeup time, for run-queue waits
waits = []      # (woke, ran, tid)
t_first = None
for line in out.splitlines():
    m = SW.match(line)
    if m:
        pid, tid, cpu, t = int(m[1]), int(m[2]), int(m[3]), float(m[4])
        t_first = t_first or t
        prev, nxt = int(m[6]), int(m[9])
        names[prev] = m[5]; names[nxt] = m[8]; proc[prev] = pid
        if cpu in last:
            runs.append((last[cpu][0], t, last[cpu][1]))
        last[cpu] = (t, nxt)
        if nxt in woken:
            waits.append((woken.pop(nxt), t, nxt))
        continue
    m = WK.match(line)
    if m:
        woken[int(m[3])] = float(m[1]); names.setdefault(int(m[3]), m[2])
t_last = max(t for t, _ in last.values())
span = t_last - t_first
print(f"perf: {len(runs)} runs on the CPUs over {span:.1f} s")

def who(tid):
    p = proc.get(tid)
    return f"{roles.get(str(p), p)}:{names.get(tid, '?')}" if tid else "idle"

def cpu_in(a, b):
    use = collections.Counter()
    for s, e, tid in runs:
        if e > a and s < b:
            use[who(tid)] += min(e, b) - max(s, a)
    return use

base = cpu_in(t_first, t_last)
for a, b, n, worst, k0, k1, pre, avg in windows:
    use = cpu_in(a, b)
    busy = sum(v for k, v in use.items() if k != "idle")
    print(f"\nwindow {a - t_first:7.3f}-{b - t_first:7.3f} s ({(b - a) * 1000:.0f} ms): {n} slow deliveries, "
          f"messages {k0}-{k1}, worst {worst:.0f} ms, mean {avg:.0f} ms of which {pre:.1f} before sentAt; "
          f"CPUs busy {100 * busy / (2 * (b - a)):.0f} % (whole recording {100 * (span * 2 - base['idle']) / (2 * span):.0f} %)")
    for k, v in use.most_common(12):
        share = base[k] / span
        print(f"   {v * 1000:7.1f} ms  {k:55} (usually {share * (b - a) * 1000:6.1f} ms in as long)")
    long_waits = sorted(((r - w, tid) for w, r, tid in waits if a <= r <= b), reverse=True)[:5]
    print("   longest run-queue waits:", ", ".join(f"{who(t)} {d * 1000:.1f} ms" for d, t in long_waits))
