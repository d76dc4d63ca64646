"""The hottest methods of a JFR recording (JDK 17's jfr has no `view`): execution samples of
threads running Java code and native-method samples of threads inside native code (DuckDB behind
JDBC), counted together; threads waiting for work or I/O are left out.

    python3 jfr_top.py RECORDING.jfr [N=15] [FILTER]

Only stacks with a frame containing FILTER (e.g. CopyFromStdin) count when it is given. Prints,
by share of samples: the top frames (where the CPU was), the deepest frame of the project's own
code (dev.pgwire) and the shallowest one below the session (which feature led there).
"""
import collections
import json
import subprocess
import sys

rec = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
only = sys.argv[3] if len(sys.argv) > 3 else None
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events",
                      "jdk.ExecutionSample,jdk.NativeMethodSample", rec],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
top, deepest = collections.Counter(), collections.Counter()
IDLE = ("epollWait0", "Unsafe.park", "Object.wait", "Thread.sleep", "waitForReferencePendingList", "accept0")


def name(frame):
    m = frame["method"]
    return f'{m["type"]["name"]}.{m["name"]}'.replace("/", ".")


for e in events:
    frames = [name(f) for f in ((e["values"].get("stackTrace") or {}).get("frames") or [])]
    if not frames or frames[0].endswith(IDLE):
        continue
    if only and not any(only in f for f in frames):
        continue
    top[frames[0]] += 1
    deepest[next((f for f in frames if f.startswith("dev.pgwire")), "(no dev.pgwire frame)")] += 1
total = sum(top.values()) or 1
print(f"{total} samples" + (f" with {only} on the stack" if only else ""))
for title, counter in (("top frames", top), ("deepest dev.pgwire frame", deepest)):
    print(f"{title}:")
    for k, v in counter.most_common(n):
        print(f"  {100 * v / total:5.1f}%  {k}")
