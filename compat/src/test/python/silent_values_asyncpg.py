#!/usr/bin/env python3
"""The silent-value cases (compat/src/test/resources/silent-values.json) through asyncpg.

usage: silent_values_asyncpg.py CASES_JSON DATABASE URI

Every step is prepared (asyncpg always uses the extended protocol) and its parameters and results
travel in binary for the types asyncpg knows, so the binary flag of a step changes nothing here.
Column types are asyncpg's own type names. Output: see silent_values_common.
"""
import asyncio
import sys

import asyncpg

from silent_values_common import canon, emit, load_cases, main_args, param


async def run_step(conn, step):
    params = [param(p) for p in step.get("params", [])]
    stmt = await conn.prepare(step["sql"])
    rows = await stmt.fetch(*params)
    attrs = stmt.get_attributes()
    columns = [[a.name, a.type.name] for a in attrs]
    return {"ok": True, "columns": columns, "rows": [[canon(v) for v in r] for r in rows]}


async def main():
    cases_path, _database, uri = main_args()
    conn = await asyncpg.connect(uri)
    try:
        for ci, case in enumerate(load_cases(cases_path)):
            for si, step in enumerate(case["steps"]):
                try:
                    out = await run_step(conn, step)
                except asyncpg.PostgresError as e:
                    out = {"ok": False, "sqlstate": e.sqlstate, "message": str(e)}
                except Exception as e:
                    out = {"ok": False, "sqlstate": None, "message": "driver: %r" % e}
                emit({"case": ci, "step": si, **out})
    finally:
        await conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
