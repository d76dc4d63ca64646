#!/usr/bin/env python3
r"""Run SQL statements through psycopg 3 and print one JSON line per statement.

usage: run_psycopg.py CONNINFO SQL...

CONNINFO is a libpq conninfo (key=value or URI). Each SQL argument is run with a plain
cursor.execute() (no parameters) on an autocommit connection. Output, one line per argument:
  {"ok":true,"status":"SELECT 1","columns":["a"],"rows":[["1"]]}
  {"ok":false,"sqlstate":"42P01","message":"relation \"x\" does not exist"}
Values are the server's text representation (or null), so every client prints the same rows.
When one argument holds several statements, the last result is reported. On connection
failure: {"connect_error":true,"sqlstate":...,"message":...} and exit status 2 (sqlstate is
null when libpq reports no SQLSTATE, as for refused connections).
"""
import json
import sys

import psycopg


def emit(obj):
    print(json.dumps(obj, separators=(",", ":"), ensure_ascii=False), flush=True)


def error_fields(e):
    diag = getattr(e, "diag", None)
    message = diag.message_primary if diag is not None and diag.message_primary else str(e).strip()
    return {"sqlstate": getattr(e, "sqlstate", None), "message": message}


def text_rows(cur):
    # Load through the driver first, so a value it cannot parse is reported as an error ...
    cur.fetchall()
    # ... then print what the server sent, identical for every client.
    res = cur.pgresult
    encoding = cur.connection.info.encoding
    rows = []
    for r in range(res.ntuples):
        row = []
        for c in range(res.nfields):
            v = res.get_value(r, c)
            row.append(None if v is None else bytes(v).decode(encoding))
        rows.append(row)
    return rows


def run(conn, sql):
    with conn.cursor() as cur:
        cur.execute(sql)
        while cur.nextset():
            pass
        if cur.description is None:
            columns, rows = [], []
        else:
            columns = [d.name for d in cur.description]
            rows = text_rows(cur)
        return {"ok": True, "status": cur.statusmessage, "columns": columns, "rows": rows}


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 64
    sys.stdout.reconfigure(encoding="utf-8")
    try:
        conn = psycopg.connect(argv[1], autocommit=True)
    except psycopg.Error as e:
        emit({"connect_error": True, **error_fields(e)})
        return 2
    with conn:
        for sql in argv[2:]:
            try:
                emit(run(conn, sql))
            except psycopg.Error as e:
                emit({"ok": False, **error_fields(e)})
                if not conn.closed:
                    conn.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
