#!/usr/bin/env python3
r"""Exercise the extended query protocol with psycopg 3 and print one JSON line per step.

usage: extended_psycopg.py CONNINFO

Runs a fixed scenario on an autocommit connection: a table with columns of several types,
executemany inserts, parameters of several types in text and binary cursors, pipeline mode
(including an error inside a pipeline), and prints for each step
  {"step":"name","ok":true,"value":...}   or   {"step":"name","ok":false,"sqlstate":"22012","error":"DivisionByZero"}
Values are the Python objects psycopg returned, made JSON-friendly (Decimal, dates, bytes,
UUIDs as strings with their Python type name), so output from different servers can be compared.
"""
import datetime
import decimal
import sys
import uuid

import psycopg

from scenario_output import emit, plain


def step(name, fn):
    try:
        emit({"step": name, "ok": True, "value": plain(fn())})
    except psycopg.Error as e:
        emit({"step": name, "ok": False, "sqlstate": e.sqlstate, "error": type(e).__name__})


TZ = datetime.timezone(datetime.timedelta(hours=2))
ROW = (1, "one ✓", decimal.Decimal("12.50"), datetime.datetime(2024, 1, 31, 13, 45, 0, 123456, tzinfo=TZ), True,
       b"\x00\x01\xff", ["a b", None, "c"], uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), datetime.date(2024, 2, 29),
       2.5, [1, 2, 3])
INSERT = "INSERT INTO items VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 64
    sys.stdout.reconfigure(encoding="utf-8")
    with psycopg.connect(argv[1], autocommit=True) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        conn.execute("CREATE TABLE items (id INT PRIMARY KEY, name TEXT, price NUMERIC(10,2), created TIMESTAMPTZ, ok BOOLEAN, "
                     "data BYTEA, tags TEXT[], u UUID, d DATE, f DOUBLE PRECISION, ints INT[])")

        def executemany():
            with conn.cursor() as cur:
                rows = [ROW] + [(i, "n%d" % i, decimal.Decimal(i) / 4, ROW[3] + datetime.timedelta(days=i), i % 2 == 0,
                                 bytes([i % 256]), ["t%d" % i], uuid.UUID(int=i), ROW[8], i / 8, [i])
                                for i in range(2, 101)]
                cur.executemany(INSERT, rows)
            return conn.execute("SELECT count(*), sum(id)::bigint, sum(price) FROM items").fetchone()
        step("executemany", executemany)

        def select(binary):
            with conn.cursor(binary=binary) as cur:
                cur.execute("SELECT * FROM items WHERE id = %s", [1])
                return cur.fetchall()
        step("text_cursor", lambda: select(False))
        step("binary_cursor", lambda: select(True))

        def binary_range():
            with conn.cursor(binary=True) as cur:
                cur.execute("SELECT id, price, created, ok FROM items WHERE id BETWEEN %s AND %s ORDER BY id", [10, 14])
                return cur.fetchall()
        step("binary_range", binary_range)

        def parameters(binary):
            with conn.cursor(binary=binary) as cur:
                cur.execute("SELECT %s::int + 1, %s::text, %s::numeric(10,3), %s::date, %s::timestamptz, %s::bool, "
                            "%s::bytea, %s::uuid, %s::float8, %s::int[]",
                            [41, "x y", decimal.Decimal("1.5"), datetime.date(2000, 1, 1), ROW[3], False, b"\xde\xad",
                             ROW[7], 0.1, [4, None, 6]])
                return cur.fetchone()
        step("parameters_text", lambda: parameters(False))
        step("parameters_binary", lambda: parameters(True))

        def typed_parameters_as_text(binary):
            # values of typed parameters where text is taken: PostgreSQL's text of each, not the engine's
            with conn.cursor(binary=binary) as cur:
                cur.execute("CREATE TEMPORARY TABLE typed_text (k int, s text, v varchar(100))")
                values = [datetime.timedelta(days=1, hours=2), [1, 2], [True, None], [decimal.Decimal("1.50")],
                          [datetime.date(2024, 1, 1)], datetime.datetime(2024, 1, 2, 3, 4, 5), b"\x00\xff"]
                for k, v in enumerate(values):
                    cur.execute("INSERT INTO typed_text VALUES (%s, %s, %s)", [k, v, v])
                rows = cur.execute("SELECT k, s, v FROM typed_text ORDER BY k").fetchall()
                cur.execute("DROP TABLE typed_text")
                cur.execute("SELECT %s::text, format('%%s|%%s', %s, %s), length(%s::text)",
                            [datetime.timedelta(days=1), datetime.timedelta(hours=1), [3, 4], [5]])
                return [rows, cur.fetchone()]
        step("typed_parameters_as_text", lambda: typed_parameters_as_text(False))
        step("typed_parameters_as_text_binary", lambda: typed_parameters_as_text(True))

        def lists_unnested(binary):
            # lists sent as typed arrays: their elements keep their type (numeric division, avg of integers)
            with conn.cursor(binary=binary) as cur:
                prices = cur.execute("SELECT x / 3, x FROM unnest(%s) x ORDER BY x",
                                     [[decimal.Decimal("1.15"), decimal.Decimal("2.25")]]).fetchall()
                counts = cur.execute("SELECT avg(x), sum(x), min(x / 2) FROM unnest(%s) x", [[1, 2, 4]]).fetchone()
                text = cur.execute("SELECT %s::text, sum(x) FROM unnest(%s) x",
                                   [[decimal.Decimal("1.10")], [decimal.Decimal("1.15"), decimal.Decimal("-0.5")]]).fetchone()
                return [prices, counts, text, [d.type_code for d in cur.description]]
        # strings go untyped: each takes the type PostgreSQL's function resolution gives it
        step("untyped_parameters_in_functions",
             lambda: conn.execute("SELECT round(%s, 2), round(%s), abs(%s), mod(%s, 3), make_date(%s, %s, %s), age(%s, %s), sqrt(%s)",
                                  ["1.2345", "2.5", "-3.5", "10", "2024", "2", "29", "2024-01-01", "2023-01-01", "2"]).fetchone())
        step("pg_typeof_of_parameters",
             lambda: conn.execute("SELECT pg_typeof(%s)::text, %s::int, %s::int", [1, 2, 3]).fetchone())
        step("lists_unnested", lambda: lists_unnested(False))
        step("lists_unnested_binary", lambda: lists_unnested(True))

        def dates_by_their_types():
            # json, to_char and date arithmetic of date, time, timestamp and interval parameters
            naive = datetime.datetime(2024, 1, 2, 3, 4, 5)
            return conn.execute(
                "SELECT jsonb_build_object('ts', %s, 'tz', %s, 'd', %s), to_json(%s)::text, to_char(%s, 'YYYY-MM-DD'), "
                "to_char(%s, 'HH24:MI TZ'), to_char(%s, 'HH24:MI:SS'), %s + %s, substring('abc123' from %s)",
                [naive, ROW[3], ROW[8], ROW[3], ROW[8], ROW[3], datetime.timedelta(hours=26), naive,
                 datetime.timedelta(hours=5), "[0-9]+"]).fetchone()
        step("dates_by_their_types", dates_by_their_types)

        def series_of_moments_with_parameters():
            # gap filling as BI tools write it: a series of moments between bound parameters
            start, end = datetime.datetime(2024, 1, 1, tzinfo=TZ), datetime.datetime(2024, 1, 3, tzinfo=TZ)
            days = conn.execute("SELECT g FROM generate_series(%s::timestamptz, %s::timestamptz, '1 day') g", [start, end]).fetchall()
            dates = conn.execute("SELECT g FROM generate_series(%s::date, %s::date, '1 day') g", [start.date(), end.date()]).fetchall()
            hours = conn.execute("SELECT count(*) FROM generate_series(%s, %s, interval '1 hour') g", [start, end]).fetchone()
            return [days, dates, hours]
        step("series_of_moments_with_parameters", series_of_moments_with_parameters)

        def pipeline():
            with conn.pipeline():
                cur = conn.execute("SELECT %s::int * 2", [21])
                cur2 = conn.execute("SELECT name FROM items WHERE id = %s", [2])
            return [cur.fetchone(), cur2.fetchone()]
        step("pipeline", pipeline)

        def pipeline_error():
            # in a transaction block, so that the rollback does not depend on how the server
            # groups a pipeline that arrives in pieces
            try:
                with conn.transaction(), conn.pipeline():
                    conn.execute(INSERT, (1000,) + ROW[1:])
                    conn.execute("SELECT 10 / %s::int", [0])
                    conn.execute(INSERT, (1001,) + ROW[1:])
            except psycopg.errors.DivisionByZero as e:
                after = conn.execute("SELECT count(*) FROM items WHERE id >= %s", [1000]).fetchone()
                return ["DivisionByZero", e.sqlstate, after]
            return "no error"
        step("pipeline_error", pipeline_error)

        step("unique_violation", lambda: conn.execute(INSERT, ROW))
        step("undefined_table", lambda: conn.execute("SELECT * FROM missing WHERE id = %s", [1]))

        def transaction():
            with conn.transaction():
                conn.execute(INSERT, (2000,) + ROW[1:])
                inside = conn.execute("SELECT count(*) FROM items WHERE id = %s", [2000]).fetchone()
            return [inside, conn.execute("SELECT count(*) FROM items").fetchone()]
        step("transaction", transaction)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
