#!/usr/bin/env python3
"""psqlODBC, the ODBC driver Tableau, Power BI and Excel reach PostgreSQL with, through pyodbc:
usage odbc_flow.py HOST PORT DATABASE USER PASSWORD

The connection is made as Tableau configures it (UseDeclareFetch=1: every SELECT runs as
DECLARE … CURSOR WITH HOLD and FETCH, here two rows at a time), and with psqlODBC's default
statement-level rollback (a SAVEPOINT around each statement of a transaction). Steps: connect,
create (DDL and parameterized inserts), the ODBC catalog functions (SQLTables, SQLColumns,
SQLPrimaryKeys, SQLForeignKeys both ways, SQLStatistics, SQLGetTypeInfo, SQLProcedures), a
Tableau-style aggregate query, parameters and values of many types, and a transaction in which a
failed statement is rolled back alone.
"""
import sys

import pyodbc

from steps import init, run_steps

DRIVER = "/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so"

SCHEMA = [
    "CREATE TABLE o_orders (id serial PRIMARY KEY, customer varchar(40) NOT NULL, placed date,"
    " total numeric(10,2) DEFAULT 0, note text)",
    "CREATE TABLE o_items (order_id int REFERENCES o_orders(id), line int, sku char(8),"
    " qty smallint CHECK (qty > 0), PRIMARY KEY (order_id, line))",
    "CREATE UNIQUE INDEX o_orders_customer_placed ON o_orders (customer, placed)",
    "CREATE VIEW o_totals AS SELECT customer, sum(total) AS total FROM o_orders GROUP BY customer",
    "CREATE FUNCTION o_double(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x * 2'",
]


def rows(cursor):
    return [[None if v is None else str(v) for v in row] for row in cursor.fetchall()]


def main():
    init()
    host, port, database, user, password = sys.argv[1:6]
    conn_str = ("Driver=%s;Server=%s;Port=%s;Database=%s;Uid=%s;Pwd=%s;SSLMode=disable;"
                "UseDeclareFetch=1;Fetch=2" % (DRIVER, host, port, database, user, password))
    conn = pyodbc.connect(conn_str, autocommit=True)
    cur = conn.cursor()

    def table_oid(name):
        cur.execute("SELECT CAST(CAST(? AS regclass) AS oid)", name)
        return str(cur.fetchone()[0])

    def masked(result, oids):
        """Each server numbers its tables itself: their OIDs are shown by name."""
        return [[("oid of " + oids[v]) if v in oids else v for v in row] for row in result]

    def connect():
        cur.execute("SELECT 1")
        return [conn.getinfo(pyodbc.SQL_DBMS_NAME), conn.getinfo(pyodbc.SQL_DBMS_VER)[:2],
                cur.fetchone()[0]]

    def create():
        for statement in SCHEMA:
            cur.execute(statement)
        cur.executemany("INSERT INTO o_orders (customer, placed, total, note) VALUES (?, ?, ?, ?)",
                        [("ann", "2024-01-02", "12.50", "first"), ("bob", "2024-02-03", "7.25", None),
                         ("cy", None, "100.00", "x")])
        cur.execute("INSERT INTO o_items VALUES (1, 1, 'AB-1', 2), (1, 2, 'CD-2', 1), (2, 1, 'AB-1', 5)")
        return cur.rowcount

    def tables():
        return {"public": rows(cur.tables(schema="public")),
                "views": rows(cur.tables(tableType="VIEW", schema="public"))}

    def columns():
        oids = {table_oid(t): t for t in ("o_orders", "o_items", "o_totals")}
        return {t: masked(rows(cur.columns(table=t, schema="public")), oids) for t in ("o_orders", "o_items", "o_totals")}

    def keys():
        return {"primary": rows(cur.primaryKeys("o_items", schema="public")),
                "exported": rows(cur.foreignKeys(table="o_orders", schema="public")),
                "imported": rows(cur.foreignKeys(foreignTable="o_items", foreignSchema="public"))}

    def statistics():
        return {t: rows(cur.statistics(t, schema="public")) for t in ("o_orders", "o_items")}

    def type_info():
        return rows(cur.getTypeInfo())

    def procedures():
        return rows(cur.procedures(procedure="o_double", schema="public"))

    def tableau_query():
        cur.execute('SELECT CAST("o_orders"."customer" AS TEXT) AS "customer",'
                    ' SUM("o_orders"."total") AS "sum:total:ok",'
                    ' COUNT(DISTINCT "o_items"."sku") AS "ctd:sku:ok",'
                    ' CAST(DATE_TRUNC(\'MONTH\', CAST("o_orders"."placed" AS DATE)) AS DATE) AS "tmn:placed:ok"'
                    ' FROM "public"."o_orders" "o_orders"'
                    ' LEFT JOIN "public"."o_items" "o_items" ON ("o_orders"."id" = "o_items"."order_id")'
                    ' GROUP BY 1, 4 ORDER BY 1 ASC NULLS FIRST')
        grouped = rows(cur)
        cur.execute('SELECT "o_totals"."customer" AS "customer", "o_totals"."total" AS "total"'
                    ' FROM "public"."o_totals" "o_totals" WHERE ("o_totals"."total" >= ?) ORDER BY 2 DESC', 10)
        return {"grouped": grouped, "view": rows(cur),
                "description": [[d[0], d[1].__name__] for d in cur.description]}

    def values():
        cur.execute("SELECT CAST(? AS bigint), CAST(? AS numeric(20,6)), CAST(? AS boolean), CAST(? AS date),"
                    " CAST(? AS timestamp), CAST(? AS text), CAST(? AS bytea), CAST(? AS uuid), CAST(? AS double precision),"
                    " CAST(NULL AS integer)",
                    9007199254740993, "12345678901234.123456", True, "2024-02-29", "2024-02-29 13:14:15.123456",
                    "naïve ☃ text", b"\x00\xff\x10", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", 0.1)
        first = rows(cur)
        cur.execute("SELECT CAST(12345.6789 AS numeric), CAST('1 day 02:03:04' AS interval), ARRAY[1, 2, 3],"
                    " CAST('{\"a\": [1, 2]}' AS jsonb), CAST('12:34:56' AS time)")
        return {"parameters": first, "literals": rows(cur)}

    def statement_rollback():
        conn.autocommit = False
        try:
            cur.execute("INSERT INTO o_orders (customer, total) VALUES ('dee', 1)")
            try:
                cur.execute("INSERT INTO o_orders (customer, total) VALUES (NULL, 2)")
                failed = None
            except pyodbc.Error as e:
                failed = e.args[0]
            cur.execute("INSERT INTO o_orders (customer, total) VALUES ('eve', 3)")
            conn.commit()
        finally:
            conn.autocommit = True
        cur.execute("SELECT customer, total FROM o_orders WHERE customer IN ('dee', 'eve') ORDER BY 1")
        return {"failed_sqlstate": failed, "kept": rows(cur)}

    ok = run_steps([("connect", connect), ("create", create)])
    if ok:
        run_steps([("tables", tables), ("columns", columns), ("keys", keys), ("statistics", statistics),
                   ("type info", type_info), ("procedures", procedures), ("tableau query", tableau_query),
                   ("values", values), ("statement rollback", statement_rollback)], independent=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
