#!/usr/bin/env python3
r"""Run SQL statements through psycopg2 and print one JSON line per statement.

usage: run_psycopg2.py CONNINFO SQL...

Same contract as run_psycopg.py: plain cursor.execute() per argument on an autocommit
connection; {"ok":true,"status":...,"columns":[...],"rows":[[...]]} or
{"ok":false,"sqlstate":...,"message":...} per argument; values are the server's text
representation (or null); {"connect_error":true,...} and exit status 2 when connecting fails.
"""
import json
import sys

import psycopg2
import psycopg2.extensions as ext
import psycopg2.extras  # noqa: F401  (registers the json/jsonb casters so they are replaced too)


def emit(obj):
    print(json.dumps(obj, separators=(",", ":"), ensure_ascii=False), flush=True)


def error_fields(e):
    diag = getattr(e, "diag", None)
    message = diag.message_primary if diag is not None and diag.message_primary else str(e).strip()
    return {"sqlstate": getattr(e, "pgcode", None), "message": message}


def raw_text_casters(conn):
    # psycopg2 falls back to str for OIDs it has no caster for; replacing every known caster
    # with the identity makes all values arrive exactly as the server sent them.
    oids = tuple(ext.string_types.keys())
    raw = ext.new_type(oids, "RAW_TEXT", lambda value, cur: value)
    ext.register_type(raw, conn)


def run(conn, sql):
    with conn.cursor() as cur:
        cur.execute(sql)
        if cur.description is None:
            columns, rows = [], []
        else:
            columns = [d.name for d in cur.description]
            rows = [list(r) for r in cur.fetchall()]
        return {"ok": True, "status": cur.statusmessage, "columns": columns, "rows": rows}


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 64
    sys.stdout.reconfigure(encoding="utf-8")
    try:
        conn = psycopg2.connect(argv[1])
    except psycopg2.Error as e:
        emit({"connect_error": True, **error_fields(e)})
        return 2
    conn.autocommit = True
    raw_text_casters(conn)
    try:
        for sql in argv[2:]:
            try:
                emit(run(conn, sql))
            except psycopg2.Error as e:
                emit({"ok": False, **error_fields(e)})
                if not conn.closed:
                    try:
                        conn.rollback()
                    except psycopg2.Error:
                        pass
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
