-- Django 5.2.18 (django.db.backends.postgresql, psycopg 3.3 driver; Debian sid package) against PostgreSQL 15.18.
-- Text below is what Django hands to the driver (captured with connection.execute_wrapper), placeholders %s.
-- psycopg 3 with Django's default (client-side binding cursor, server_side_binding=False) interpolates the
-- values and sends plain simple-Query text, e.g. WHERE c.relname = 'orders' — confirmed in the server log.
-- Django's triple-quoted SQL is shown dedented (Django sends the same text with leading indentation).
-- Server version comes from ParameterStatus (connection.info.server_version) — no query.

-- source: django/django/django/db/backends/postgresql/operations.py@5.2.18 (set_time_zone_sql, via base.py _configure_timezone) — connect: only when the TimeZone ParameterStatus differs from settings.TIME_ZONE (UTC when USE_TZ=True)
-- sample params: ['UTC']
SELECT set_config('TimeZone', %s, false);

-- source: django/django/django/contrib/postgres/signals.py@5.2.18 (get_type_oids) — connect, only with django.contrib.postgres installed: hstore OIDs (then again with citext)
-- sample params: ('hstore',)  then ('citext',)
SELECT oid, typarray FROM pg_type WHERE typname = %s;

-- source: django/django/django/db/backends/postgresql/base.py@5.2.18 (is_usable) — CONN_HEALTH_CHECKS / is_usable() liveness probe
SELECT 1;

-- source: django/django/django/db/backends/postgresql/introspection.py@5.2.18 — introspection.get_table_list() (also table_names() used by migrate/inspectdb)
SELECT
    c.relname,
    CASE
        WHEN c.relispartition THEN 'p'
        WHEN c.relkind IN ('m', 'v') THEN 'v'
        ELSE 't'
    END,
    obj_description(c.oid, 'pg_class')
FROM pg_catalog.pg_class c
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v')
    AND n.nspname NOT IN ('pg_catalog', 'pg_toast')
    AND pg_catalog.pg_table_is_visible(c.oid);

-- source: django/django/django/db/backends/postgresql/introspection.py@5.2.18 — introspection.get_table_description()
-- sample params: ['orders']
SELECT
    a.attname AS column_name,
    NOT (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)) AS is_nullable,
    pg_get_expr(ad.adbin, ad.adrelid) AS column_default,
    CASE WHEN collname = 'default' THEN NULL ELSE collname END AS collation,
    a.attidentity != '' AS is_autofield,
    col_description(a.attrelid, a.attnum) AS column_comment
FROM pg_attribute a
LEFT JOIN pg_attrdef ad ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
LEFT JOIN pg_collation co ON a.attcollation = co.oid
JOIN pg_type t ON a.atttypid = t.oid
JOIN pg_class c ON a.attrelid = c.oid
JOIN pg_namespace n ON c.relnamespace = n.oid
WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v')
    AND c.relname = %s
    AND n.nspname NOT IN ('pg_catalog', 'pg_toast')
    AND pg_catalog.pg_table_is_visible(c.oid);

-- source: django/django/django/db/backends/postgresql/introspection.py@5.2.18 — introspection.get_table_description() — second step: reads cursor.description of the table (row type metadata)
SELECT * FROM "orders" LIMIT 1;

-- source: django/django/django/db/backends/postgresql/introspection.py@5.2.18 — introspection.get_sequences()
-- sample params: ['orders']
SELECT
    s.relname AS sequence_name,
    a.attname AS colname
FROM
    pg_class s
    JOIN pg_depend d ON d.objid = s.oid
        AND d.classid = 'pg_class'::regclass
        AND d.refclassid = 'pg_class'::regclass
    JOIN pg_attribute a ON d.refobjid = a.attrelid
        AND d.refobjsubid = a.attnum
    JOIN pg_class tbl ON tbl.oid = d.refobjid
        AND tbl.relname = %s
        AND pg_catalog.pg_table_is_visible(tbl.oid)
WHERE
    s.relkind = 'S';

-- source: django/django/django/db/backends/postgresql/introspection.py@5.2.18 — introspection.get_relations()
-- sample params: ['orders']
SELECT a1.attname, c2.relname, a2.attname
FROM pg_constraint con
LEFT JOIN pg_class c1 ON con.conrelid = c1.oid
LEFT JOIN pg_class c2 ON con.confrelid = c2.oid
LEFT JOIN
    pg_attribute a1 ON c1.oid = a1.attrelid AND a1.attnum = con.conkey[1]
LEFT JOIN
    pg_attribute a2 ON c2.oid = a2.attrelid AND a2.attnum = con.confkey[1]
WHERE
    c1.relname = %s AND
    con.contype = 'f' AND
    c1.relnamespace = c2.relnamespace AND
    pg_catalog.pg_table_is_visible(c1.oid);

-- source: django/django/django/db/backends/postgresql/introspection.py@5.2.18 — introspection.get_constraints() (also get_primary_key_columns(), inspectdb) — first query: constraints
-- sample params: ['orders']
SELECT
    c.conname,
    array(
        SELECT attname
        FROM unnest(c.conkey) WITH ORDINALITY cols(colid, arridx)
        JOIN pg_attribute AS ca ON cols.colid = ca.attnum
        WHERE ca.attrelid = c.conrelid
        ORDER BY cols.arridx
    ),
    c.contype,
    (SELECT fkc.relname || '.' || fka.attname
    FROM pg_attribute AS fka
    JOIN pg_class AS fkc ON fka.attrelid = fkc.oid
    WHERE fka.attrelid = c.confrelid AND fka.attnum = c.confkey[1]),
    cl.reloptions
FROM pg_constraint AS c
JOIN pg_class AS cl ON c.conrelid = cl.oid
WHERE cl.relname = %s
    AND pg_catalog.pg_table_is_visible(cl.oid)
    AND c.contype != 'n';

-- source: django/django/django/db/backends/postgresql/introspection.py@5.2.18 — introspection.get_constraints() (also get_primary_key_columns(), inspectdb) — second query: indexes
-- sample params: ['btree', 'orders']
SELECT
    indexname,
    array_agg(attname ORDER BY arridx),
    indisunique,
    indisprimary,
    array_agg(ordering ORDER BY arridx),
    amname,
    exprdef,
    s2.attoptions
FROM (
    SELECT
        c2.relname as indexname, idx.*, attr.attname, am.amname,
        CASE
            WHEN idx.indexprs IS NOT NULL THEN
                pg_get_indexdef(idx.indexrelid)
        END AS exprdef,
        CASE am.amname
            WHEN %s THEN
                CASE (option & 1)
                    WHEN 1 THEN 'DESC' ELSE 'ASC'
                END
        END as ordering,
        c2.reloptions as attoptions
    FROM (
        SELECT *
        FROM
            pg_index i,
            unnest(i.indkey, i.indoption)
                WITH ORDINALITY koi(key, option, arridx)
    ) idx
    LEFT JOIN pg_class c ON idx.indrelid = c.oid
    LEFT JOIN pg_class c2 ON idx.indexrelid = c2.oid
    LEFT JOIN pg_am am ON c2.relam = am.oid
    LEFT JOIN
        pg_attribute attr ON attr.attrelid = c.oid AND attr.attnum = idx.key
    WHERE c.relname = %s AND pg_catalog.pg_table_is_visible(c.oid)
) s2
GROUP BY indexname, indisunique, indisprimary, amname, exprdef, attoptions;

-- source: django/django/django/db/backends/postgresql/schema.py@5.2.18 (_is_collation_deterministic) — schema editor: only when altering a field with db_collation
-- sample params: ['C']
SELECT collisdeterministic
FROM pg_collation
WHERE collname = %s;

-- source: django/django/django/db/backends/postgresql/creation.py@5.2.18 (_database_exists) — test database creation (keepdb) — sent on a connection to the "postgres" database
-- sample params: ['test_appdb']
SELECT 1 FROM pg_catalog.pg_database WHERE datname = %s;

-- source: django/django/django/db/backends/postgresql/operations.py@5.2.18 (sequence_reset_sql) — loaddata / sqlsequencereset: reset serial sequences (pg_get_serial_sequence); table and column are inlined
SELECT setval(pg_get_serial_sequence('"orders"','id'), coalesce(max("id"), 1), max("id") IS NOT null) FROM "orders";

-- source: django/django/django/db/backends/postgresql/operations.py@5.2.18 (sequence_reset_by_name_sql) — flush / TransactionTestCase: reset sequences to 1
SELECT setval(pg_get_serial_sequence('"orders"','id'), 1, false);

