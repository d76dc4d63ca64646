#!/usr/bin/env python3
"""asyncpg's type introspection against a server: usage asyncpg_types.py URI

asyncpg learns every non-built-in type from the server (its introspection query over pg_type,
pg_attribute, pg_range) before it can encode or decode it: arrays, enums, domains and composite
types here, as parameters and as results.
"""
import asyncio
import sys

import asyncpg
from decimal import Decimal

from steps import emit, init


async def step(name, coro):
    try:
        emit({"step": name, "ok": True, "value": await coro})
    except Exception as e:
        emit({"step": name, "ok": False, "error": "%s: %s" % (type(e).__name__, e),
              "sqlstate": getattr(e, "sqlstate", None), "sql": None})


def rows(records):
    return [[(list(v) if isinstance(v, (list, tuple)) else (dict(v.items()) if isinstance(v, asyncpg.Record) else v)) for v in r.values()] for r in records]


async def main():
    init()
    conn = await asyncpg.connect(sys.argv[1])
    try:
        await step("create enum", conn.execute("CREATE TYPE ap_mood AS ENUM ('sad', 'ok', 'happy')"))
        await step("create domain", conn.execute("CREATE DOMAIN ap_posint AS integer CHECK (VALUE > 0)"))
        await step("create composite", conn.execute("CREATE TYPE ap_pair AS (a int, b text)"))
        await step("create tables", conn.execute(
            "CREATE TABLE ap_things (id int PRIMARY KEY, tags text[], nums int8[], m ap_mood, moods ap_mood[])"))
        await step("create table of domain and composite", conn.execute("CREATE TABLE ap_more (q ap_posint, p ap_pair)"))
        await step("int and text arrays", rows_of(conn, "SELECT $1::int4[] AS i, $2::text[] AS t, $3::numeric[] AS n",
                                                  [1, 2, None], ["a", "b c"], [Decimal("1.5"), Decimal("2")]))
        await step("enum", rows_of(conn, "SELECT 'happy'::ap_mood AS m, '{sad,ok}'::ap_mood[] AS ms"))
        await step("enum parameter", rows_of(conn, "SELECT $1::ap_mood AS m", "ok"))
        await step("domain", rows_of(conn, "SELECT 5::ap_posint AS q"))
        await step("domain check", rows_of(conn, "SELECT 0::ap_posint AS q"))
        await step("composite", rows_of(conn, "SELECT ROW(1, 'x')::ap_pair AS p"))
        await step("insert all", conn.execute("INSERT INTO ap_things VALUES ($1, $2, $3, $4, $5)",
                                              1, ["red", "green"], [1, 2 ** 40], "happy", ["sad", "ok"]))
        await step("insert domain and composite", conn.execute("INSERT INTO ap_more VALUES ($1, $2)", 7, (2, "y")))
        await step("select domain and composite", rows_of(conn, "SELECT * FROM ap_more"))
        await step("select all", rows_of(conn, "SELECT * FROM ap_things"))
        await step("copy records", copy_records(conn))
    finally:
        await conn.close()
    return 0


async def rows_of(conn, sql, *args):
    return rows(await conn.fetch(sql, *args))


async def copy_records(conn):
    await conn.copy_records_to_table("ap_things", records=[(2, ["b"], [3], "ok", [])])
    return await conn.fetchval("SELECT count(*) FROM ap_things")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
