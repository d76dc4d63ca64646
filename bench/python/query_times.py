"""Times each query psql sends for a backslash command on two servers, alternately in one
process (psycopg 3, simple protocol as psql uses, one connection each, one unmeasured run first).

    psql -E -c '\\d t0500' ... 2>&1 | python3 query_times.py OURS_CONNINFO REFERENCE_CONNINFO ROUNDS

Reads psql -E's echo on stdin; prints per query the median milliseconds on each server and
their ratio, headed by the query's first line and its FROM.
"""
import re
import statistics
import sys
import time

import psycopg

queries = re.findall(r"\*{9} QUERY \*{10}\n(.*?)\n\*{26}", sys.stdin.read(), re.S)
rounds = int(sys.argv[3])
ours = psycopg.connect(sys.argv[1], autocommit=True)
reference = psycopg.connect(sys.argv[2], autocommit=True)


def run(conn, q):
    t0 = time.perf_counter()
    conn.execute(q.encode(), prepare=False).fetchall()
    return (time.perf_counter() - t0) * 1000


for q in queries:
    run(ours, q)
    run(reference, q)
    a, b = [], []
    for _ in range(rounds):
        a.append(run(ours, q))
        b.append(run(reference, q))
    ma, mb = statistics.median(a), statistics.median(b)
    lines = [l.strip() for l in q.splitlines()]
    head = lines[0][:60]
    src = next((l for l in lines if l.startswith("FROM")), "")[:50]
    print(f"{ma:8.1f} {mb:8.1f} {ma / mb if mb else 0:7.1f}x  {head} | {src}")
