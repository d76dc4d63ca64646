#!/usr/bin/env python3
r"""Exercise the extended query protocol with asyncpg and print one JSON line per step.

usage: extended_asyncpg.py DSN

asyncpg prepares every statement (Parse + Describe), encodes parameters in binary by the
described types and asks for binary results, and refuses values that do not match a type. The
scenario: parameters of many types (arrays apart: asyncpg looks their element types up in the
catalog), a table written and read with inferred parameter types,
prepare() + fetch, and errors. Each step prints
  {"step":"name","ok":true,"value":...}   or   {"step":"name","ok":false,"sqlstate":"22012","error":"DivisionByZeroError"}
with Python values made JSON-friendly (type names kept), so output from different servers can be
compared.
"""
import asyncio
import datetime
import decimal
import sys
import uuid

import asyncpg

from scenario_output import emit, plain


async def step(name, coro_fn):
    try:
        emit({"step": name, "ok": True, "value": plain(await coro_fn())})
    except asyncpg.PostgresError as e:
        emit({"step": name, "ok": False, "sqlstate": e.sqlstate, "error": type(e).__name__})


TZ = datetime.timezone(datetime.timedelta(hours=-3))
WHEN = datetime.datetime(2024, 1, 31, 13, 45, 0, 500000, tzinfo=TZ)
UID = uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")


async def main(dsn):
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("SET TimeZone = 'UTC'")
        await step("parameters", lambda: conn.fetch(
            "SELECT $1::int + 1 AS a, $2::text AS b, $3::numeric(10,2) AS c, $4::date AS d, $5::timestamptz AS e, "
            "$6::uuid AS f, $7::bool AS g, $8::bytea AS h, $9::int8 AS k, $10::float8 AS l, $11::interval AS m, "
            "$12::timestamp AS n, $13::time AS o, $14::int2 AS p, $15::float4 AS q",
            41, "ünï ✓", decimal.Decimal("1.50"), datetime.date(2024, 2, 29), WHEN, UID, True, b"\x00\xff",
            9_000_000_000, 0.1, datetime.timedelta(days=3, seconds=7, microseconds=5),
            datetime.datetime(1999, 12, 31, 23, 59, 59), datetime.time(12, 0, 1), -3, 1.5))
        await step("special_values", lambda: conn.fetchrow(
            "SELECT $1::date AS d, $2::timestamptz AS e, $3::float8 AS f, $4::numeric(12,6) AS n, $5::text AS t",
            datetime.date(1, 1, 1), datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc), float("inf"),
            decimal.Decimal("-0.000123"), None))
        # asyncpg learns array types by querying pg_type and pg_range, so arrays need a PostgreSQL catalog
        await step("array_parameters", lambda: conn.fetchrow("SELECT $1::int[] AS i, $2::text[] AS j",
                                                             [1, None, 3], ["a b", None]))

        await conn.execute("CREATE TABLE things (id INT PRIMARY KEY, name TEXT, price NUMERIC(12,3), seen TIMESTAMPTZ, "
                           "flag BOOLEAN, blob BYTEA, u UUID)")

        async def insert_many():
            await conn.executemany("INSERT INTO things VALUES ($1, $2, $3, $4, $5, $6, $7)",
                                   [(i, "thing %d" % i, decimal.Decimal(i) / 8, WHEN + datetime.timedelta(hours=i),
                                     i % 3 == 0, bytes([i]), uuid.UUID(int=i)) for i in range(1, 51)])
            return await conn.fetchval("SELECT count(*) FROM things")
        await step("executemany", insert_many)
        await step("fetch_row", lambda: conn.fetchrow("SELECT * FROM things WHERE id = $1", 8))

        async def prepared():
            stmt = await conn.prepare("SELECT id, name, price FROM things WHERE id > $1 AND flag = $2 ORDER BY id LIMIT $3")
            params = [t.name for t in stmt.get_parameters()]
            columns = [(a.name, a.type.name) for a in stmt.get_attributes()]
            first = await stmt.fetch(10, True, 3)
            second = await stmt.fetch(40, True, 5)
            return [params, columns, first, second]
        await step("prepare", prepared)

        async def cursor():
            async with conn.transaction():
                return [r async for r in conn.cursor("SELECT id FROM things WHERE id <= $1 ORDER BY id", 25, prefetch=7)]
        await step("cursor", cursor)

        await step("bulk_insert_returning", lambda: conn.fetch(
            "INSERT INTO things (id, name) SELECT x, 'bulk' FROM unnest($1::int[]) x RETURNING id, name", [101, 102]))

        async def untyped_in_transaction():
            async with conn.transaction():
                await conn.execute("UPDATE things SET price = price * $1 WHERE id = $2", 2, 101)
                total = await conn.fetchval("SELECT $1 + 1", 41)
                await conn.execute("UPDATE things SET price = $1 WHERE id = 102", decimal.Decimal("1.5"))
            return [total, await conn.fetch("SELECT id, price FROM things WHERE id > 100 ORDER BY id")]
        await step("untyped_in_transaction", untyped_in_transaction)

        async def prepared_again_after_alter():
            await conn.execute("CREATE TABLE altered (v INT)")
            await conn.execute("INSERT INTO altered VALUES (1)")
            before = await conn.fetch("SELECT * FROM altered")
            await conn.execute("ALTER TABLE altered ADD COLUMN w NUMERIC DEFAULT 1.5")
            return [before, await conn.fetch("SELECT * FROM altered")]
        await step("prepared_again_after_alter", prepared_again_after_alter)

        await step("division_by_zero", lambda: conn.fetch("SELECT 1 / $1::int", 0))
        await step("undefined_table", lambda: conn.fetch("SELECT * FROM missing WHERE id = $1", 1))
        await step("unique_violation", lambda: conn.execute("INSERT INTO things (id) VALUES ($1)", 1))
        await step("not_null", lambda: conn.execute("INSERT INTO things (id, name) VALUES (NULL, $1)", "x"))
        await step("after_errors", lambda: conn.fetchval("SELECT count(*) FROM things WHERE id < $1", 1000))
    finally:
        await conn.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        sys.exit(64)
    sys.stdout.reconfigure(encoding="utf-8")
    asyncio.run(main(sys.argv[1]))
