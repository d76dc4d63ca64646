#!/usr/bin/env python3
r"""COPY and LISTEN/NOTIFY through psycopg 3 and asyncpg; prints one JSON line per step.

usage: copy_notify.py CONNINFO URI

Each step prints {"step":"name","ok":true,"value":...} or {"step":"name","ok":false,"sqlstate":"..."},
so the output of different servers can be compared.
"""
import asyncio
import sys

import asyncpg
import psycopg

from scenario_output import emit, plain

ROWS = [(1, "one", 1.5), (2, None, None), (3, "tab\there \\ and\nnewline", -2.25)]


def psycopg_steps(conninfo):
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS pg_copy")
        conn.execute("CREATE TABLE pg_copy (id int, name text, x float8)")
        with conn.cursor() as cur:
            with cur.copy("COPY pg_copy FROM STDIN") as copy:
                for row in ROWS:
                    copy.write_row(row)
            emit({"step": "psycopg copy text in", "ok": True, "value": cur.rowcount})
            with cur.copy("COPY pg_copy (id, name, x) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(["int4", "text", "float8"])
                for row in ROWS:
                    copy.write_row((row[0] + 10, row[1], row[2]))
            emit({"step": "psycopg copy binary in", "ok": True, "value": cur.rowcount})
            with cur.copy("COPY (SELECT * FROM pg_copy ORDER BY id) TO STDOUT") as copy:
                text = b"".join(bytes(b) for b in copy).decode()
            emit({"step": "psycopg copy text out", "ok": True, "value": text})
            with cur.copy("COPY (SELECT * FROM pg_copy ORDER BY id) TO STDOUT (FORMAT BINARY)") as copy:
                copy.set_types(["int4", "text", "float8"])
                rows = [list(r) for r in copy.rows()]
            emit({"step": "psycopg copy binary out", "ok": True, "value": rows})
            try:
                with cur.copy("COPY pg_copy FROM STDIN") as copy:
                    copy.write("4\tfour\t1\n5\tfive\tnot a number\n")
            except psycopg.Error as e:
                emit({"step": "psycopg bad row", "ok": False, "sqlstate": e.sqlstate, "context": e.diag.context})
            cur.execute("SELECT count(*) FROM pg_copy")
            emit({"step": "psycopg count", "ok": True, "value": cur.fetchone()[0]})


async def asyncpg_steps(uri):
    conn = await asyncpg.connect(uri)
    other = await asyncpg.connect(uri)
    try:
        await conn.execute("DROP TABLE IF EXISTS apg_copy")
        await conn.execute("CREATE TABLE apg_copy (id int, name text, x float8)")
        status = await conn.copy_records_to_table("apg_copy", records=ROWS)
        emit({"step": "asyncpg copy_records_to_table", "ok": True, "value": status})
        chunks = []

        async def sink(data):
            chunks.append(bytes(data))
        status = await conn.copy_from_query("SELECT * FROM apg_copy ORDER BY id", output=sink, format="csv")
        emit({"step": "asyncpg copy_from_query", "ok": True, "value": [status, b"".join(chunks).decode()]})

        got = asyncio.get_running_loop().create_future()
        await conn.add_listener("apg", lambda c, pid, channel, payload: got.done() or got.set_result([channel, payload]))
        await other.execute("NOTIFY apg, 'from asyncpg'")
        emit({"step": "asyncpg notification", "ok": True, "value": await asyncio.wait_for(got, 10)})
    finally:
        await conn.close()
        await other.close()


def main(conninfo, uri):
    psycopg_steps(conninfo)
    asyncio.run(asyncpg_steps(uri))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
