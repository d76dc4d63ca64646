#!/usr/bin/env python3
"""asyncpg through the gateway: its statement cache (named statements) on more connections than
the pool has, concurrently. Prints {"ok":true,"checked":N} or {"ok":false,...}."""
import asyncio
import json
import sys

import asyncpg


async def worker(dsn, w, rounds):
    conn = await asyncpg.connect(dsn)
    checked = 0
    try:
        for r in range(rounds):
            v = await conn.fetchval("SELECT $1::int + $2::int", r, w)
            assert v == r + w, v
            rows = await conn.fetch("SELECT g, g::text FROM generate_series(1, $1::int) g", 1 + r % 5)
            assert len(rows) == 1 + r % 5
            checked += 2
            if r % 10 == 0:
                async with conn.transaction():
                    await conn.execute("SELECT pg_catalog.now()")
                    v = await conn.fetchval("SELECT $1::text", "t")
                    assert v == "t"
                    checked += 1
            stmt = await conn.prepare("SELECT $1::bigint * 3")
            assert await stmt.fetchval(r) == r * 3
            checked += 1
    finally:
        await conn.close()
    return checked


async def main(dsn, connections, rounds):
    try:
        done = await asyncio.gather(*(worker(dsn, w, rounds) for w in range(connections)))
        print(json.dumps({"ok": True, "checked": sum(done)}), flush=True)
    except Exception as e:
        print(json.dumps({"ok": False, "error": repr(e), "sqlstate": getattr(e, "sqlstate", None)}), flush=True)
        sys.exit(1)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
