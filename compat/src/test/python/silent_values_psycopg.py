#!/usr/bin/env python3
"""The silent-value cases (compat/src/test/resources/silent-values.json) through psycopg 3.

usage: silent_values_psycopg.py CASES_JSON DATABASE CONNINFO

Parameters are bound server-side (psycopg 3's default); binary steps use a binary cursor and %b
placeholders, so both parameters and results travel in binary. Output: see silent_values_common.
"""
import sys

import psycopg

from silent_values_common import canon, emit, load_cases, main_args, param, placeholders


def run_step(conn, step):
    binary = step.get("binary", False)
    params = [param(p) for p in step.get("params", [])]
    sql = placeholders(step["sql"], "%b" if binary else "%s") if params else step["sql"]
    with conn.cursor(binary=binary) as cur:
        cur.execute(sql, params or None)
        if cur.description is None:
            return {"ok": True, "columns": [], "rows": []}
        columns = [[d.name, d.type_code] for d in cur.description]
        rows = [[canon(v) for v in row] for row in cur.fetchall()]
        return {"ok": True, "columns": columns, "rows": rows}


def main():
    cases_path, _database, conninfo = main_args()
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for ci, case in enumerate(load_cases(cases_path)):
            for si, step in enumerate(case["steps"]):
                try:
                    out = run_step(conn, step)
                except psycopg.Error as e:
                    out = {"ok": False, "sqlstate": e.sqlstate, "message": str(e).strip()}
                except Exception as e:  # a value the driver could not decode
                    out = {"ok": False, "sqlstate": None, "message": "driver: %r" % e}
                emit({"case": ci, "step": si, **out})
    return 0


if __name__ == "__main__":
    sys.exit(main())
