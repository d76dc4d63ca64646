"""Writes the catalog benchmark's schema: N tables of 20 columns (a bigint primary key and 19
columns cycling through ten everyday types, every fourth NOT NULL), the same SQL for serve and
PostgreSQL.

    python3 catalog_schema.py N > schema.sql
"""
import sys

TYPES = ["integer", "bigint", "text", "varchar(64)", "numeric(12,2)", "timestamp", "timestamptz",
         "boolean", "date", "double precision"]

n = int(sys.argv[1])
for t in range(1, n + 1):
    cols = ["id bigint PRIMARY KEY"]
    for i in range(1, 20):
        not_null = " NOT NULL" if i % 4 == 0 else ""
        cols.append(f"c{i:02d} {TYPES[(t + i) % len(TYPES)]}{not_null}")
    print(f"CREATE TABLE t{t:04d} ({', '.join(cols)});")
