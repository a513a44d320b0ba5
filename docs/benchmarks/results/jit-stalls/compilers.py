"""CPU of each JVM's JIT compiler threads, and of everything, per 5 s of the recording."""
import collections, re, subprocess, sys
D = sys.argv[1]
roles = dict(l.split()[::-1] for l in open(f"{D}/pids"))
out = subprocess.run(["perf", "script", "-i", f"{D}/perf.data", "-F", "pid,tid,cpu,time,event,trace"],
                     capture_output=True, text=True).stdout
SW = re.compile(r"^\s*(\d+)/(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+sched:sched_switch:\s+prev_comm=(.*?) prev_pid=(\d+) ")
last = {}; use = collections.defaultdict(collections.Counter); t0 = None
for line in out.splitlines():
    m = SW.match(line)
    if not m: continue
    pid, cpu, t, comm = int(m[1]), int(m[3]), float(m[4]), m[5]
    t0 = t0 or t
    if cpu in last and pid != 0:
        s = last[cpu]; b = int((s - t0) // 5)
        role = roles.get(str(pid), "other")
        key = f"{role}:{'C2' if comm.startswith('C2 ') else 'C1' if comm.startswith('C1 ') else 'GC' if ('GC' in comm or 'G1' in comm) else 'rest'}"
        use[b][key] += t - s
    last[cpu] = t
keys = sorted({k for c in use.values() for k in c if not k.endswith(':rest')})
print("5 s from", " ".join(f"{k:>16}" for k in keys), "       all")
for b in sorted(use):
    print(f"{b*5:>8}", " ".join(f"{use[b][k]*1000/5:16.0f}" for k in keys), f"{sum(use[b].values())*1000/5:10.0f}")
print("(ms of CPU a second; the box has 2,000)")
