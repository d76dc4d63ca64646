#!/usr/bin/env python3
"""psycopg 3 through the gateway: server-side prepared statements (prepare=True) and pipelines
on more connections than the pool has. Prints {"ok":true,"checked":N} or {"ok":false,...}."""
import json
import sys

import psycopg


def main(conninfo, connections, rounds):
    conns = [psycopg.connect(conninfo, autocommit=True) for _ in range(connections)]
    checked = 0
    try:
        for r in range(rounds):
            for i, conn in enumerate(conns):
                n = r * 100 + i
                # prepare=True: a named statement (_pg3_N) prepared on the first use
                row = conn.execute("SELECT %s::int + 1, %s::text", (n, "x" * (i % 3)), prepare=True).fetchone()
                assert row == (n + 1, "x" * (i % 3)), row
                checked += 1
                if r % 5 == 0:
                    with conn.pipeline():
                        c1 = conn.execute("SELECT %s::int * 2", (n,), prepare=True)
                        c2 = conn.execute("SELECT %s::text || 'y'", (str(n),), prepare=True)
                    assert c1.fetchone()[0] == n * 2
                    assert c2.fetchone()[0] == str(n) + "y"
                    checked += 2
                if r % 7 == 0:
                    with conn.transaction():
                        conn.execute("SET LOCAL statement_timeout = '5s'")
                        v = conn.execute("SELECT current_setting('statement_timeout')", prepare=True).fetchone()[0]
                        assert v == "5s", v
                        checked += 1
        print(json.dumps({"ok": True, "checked": checked}), flush=True)
    except Exception as e:  # report and fail
        print(json.dumps({"ok": False, "error": repr(e), "sqlstate": getattr(e, "sqlstate", None)}), flush=True)
        sys.exit(1)
    finally:
        for c in conns:
            c.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
