"""The hottest methods of a JFR recording's execution samples (JDK 17's jfr has no `view`).

    python3 jfr_top.py RECORDING.jfr [N=15]

Prints, by share of samples: the top frames (where the CPU was), and the first frame of the
project's own code (dev.pgwire) in each stack (which of our methods led there).
"""
import collections
import json
import subprocess
import sys

rec = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", rec],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
top, ours = collections.Counter(), collections.Counter()


def name(frame):
    m = frame["method"]
    return f'{m["type"]["name"]}.{m["name"]}'


for e in events:
    frames = (e["values"].get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    top[name(frames[0])] += 1
    own = next((name(f) for f in frames if name(f).startswith("dev.pgwire")), "(no dev.pgwire frame)")
    ours[own] += 1
total = sum(top.values()) or 1
print(f"{total} samples")
print("top frames:")
for k, v in top.most_common(n):
    print(f"  {100 * v / total:5.1f}%  {k}")
print("first dev.pgwire frame:")
for k, v in ours.most_common(n):
    print(f"  {100 * v / total:5.1f}%  {k}")
