-- Constructs from the catalog queries of tools (pgcli, Grafana, DataGrip, psql, Django): untyped
-- array literals under ANY, scalar functions in FROM, parse_ident, system columns of pg_catalog's
-- tables, column names of CASE, and names read by SQL's rules in pg_get_serial_sequence.

-- name: create_table
CREATE TABLE "Orders" (id serial PRIMARY KEY, note text);

-- name: create_plain_table
CREATE TABLE items (id serial PRIMARY KEY, kind text, name text);

-- name: insert_items
INSERT INTO items (kind, name) VALUES ('r', 'one'), ('v', 'two'), ('f', 'three');

-- name: any_untyped_array_literal
SELECT name FROM items WHERE kind = ANY('{r,p,f}') ORDER BY id;

-- name: all_untyped_array_literal
SELECT name FROM items WHERE name <> ALL('{one,three}') ORDER BY id;

-- name: any_untyped_array_literal_catalog
SELECT relname FROM pg_catalog.pg_class c WHERE c.relkind = ANY('{r,p}') AND relname IN ('items', 'Orders') ORDER BY 1;

-- name: scalar_function_in_from
SELECT s[i] FROM generate_series(1, 3) AS i, string_to_array('a,b,c', ',') s ORDER BY i;

-- name: scalar_function_in_from_unaliased
SELECT * FROM upper('abc');

-- name: scalar_function_in_from_column_alias
SELECT v FROM lower('ABC') AS l(v);

-- name: grafana_search_path_schemas
SELECT CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END AS schema
FROM generate_series(array_lower(string_to_array(current_setting('search_path'), ','), 1),
                     array_upper(string_to_array(current_setting('search_path'), ','), 1)) AS i,
     string_to_array(current_setting('search_path'), ',') s
ORDER BY i;

-- name: grafana_columns
SELECT quote_ident(column_name) AS "column", data_type AS "type" FROM information_schema.columns
WHERE CASE WHEN array_length(parse_ident('items'), 1) = 2
           THEN quote_ident(table_schema) = (parse_ident('items'))[1] AND quote_ident(table_name) = (parse_ident('items'))[2]
           ELSE quote_ident(table_name) = 'items' AND quote_ident(table_schema) IN (
               SELECT CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
               FROM generate_series(array_lower(string_to_array(current_setting('search_path'), ','), 1),
                                    array_upper(string_to_array(current_setting('search_path'), ','), 1)) AS i,
                    string_to_array(current_setting('search_path'), ',') s)
      END
ORDER BY 1;

-- name: parse_ident
SELECT parse_ident('public.items'), parse_ident('"My Schema"."Tab"'), parse_ident('  a . b  '), parse_ident('x y', false);

-- name: parse_ident_trailing_dot
-- expect-error: 22023
SELECT parse_ident('a.');

-- name: parse_ident_junk
-- expect-error: 22023
SELECT parse_ident('a b');

-- name: parse_ident_unclosed_quote
-- expect-error: 22023
SELECT parse_ident('"abc');

-- name: case_named_after_else
SELECT CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::regtype::text END, CASE WHEN true THEN 1 END,
       CASE WHEN false THEN NULL ELSE array_to_string(ARRAY['a'], ',') END
FROM pg_class c WHERE c.relname = 'items';

-- name: catalog_tableoid
SELECT l.tableoid::regclass, l.lanname FROM pg_catalog.pg_language l WHERE l.lanname = 'plpgsql';

-- name: catalog_description_by_tableoid
SELECT l.lanname, d.description FROM pg_catalog.pg_language l
LEFT JOIN pg_catalog.pg_description d ON d.classoid = l.tableoid AND d.objoid = l.oid AND d.objsubid = 0
WHERE l.lanplcallfoid != 0 ORDER BY 1;

-- name: catalog_xmin
SELECT c.relname, pg_typeof(c.xmin), age(c.xmin) >= 0 AS aged, c.xmin::varchar::bigint > 0 AS positive
FROM pg_catalog.pg_class c WHERE c.relname = 'pg_class';

-- name: system_columns_in_pg_attribute
SELECT attname, attnum, atttypid::regtype FROM pg_attribute WHERE attrelid = 'items'::regclass AND attnum < 0 ORDER BY attnum;

-- name: serial_sequence_quoted_table
SELECT pg_get_serial_sequence('"Orders"', 'id'), pg_get_serial_sequence('public.items', 'id');

-- name: django_sequence_reset
SELECT setval(pg_get_serial_sequence('"Orders"', 'id'), coalesce(max("id"), 1), max("id") IS NOT null) FROM "Orders";

-- name: serial_sequence_unquoted_mixed_case
-- expect-error: 42P01
SELECT pg_get_serial_sequence('Orders', 'id');

-- name: terminate_negative_timeout
-- expect-error: 22003
SELECT pg_terminate_backend(pg_backend_pid(), -1);

-- name: cancel_no_such_backend
SELECT pg_cancel_backend(1);

-- name: invalid_oid_output
SELECT 0::regtype, 0::regclass, 0::regproc, 0::regprocedure, 0::regnamespace, 0::regrole, format_type(0, NULL), format_type(99999, NULL);

-- name: table_privilege_of_catalog_tables
SELECT has_table_privilege('pg_class', 'SELECT'), has_table_privilege('information_schema.tables', 'select'),
    has_table_privilege('pg_catalog.pg_namespace', 'SELECT, INSERT WITH GRANT OPTION')

-- name: table_privilege_of_a_missing_table
-- expect-error: 42P01
SELECT has_table_privilege('no_such_table_here', 'SELECT')

-- name: table_privilege_unknown
-- expect-error: 22023
SELECT has_table_privilege('pg_class', 'FLY')

-- name: pgadmin_connect_settings
SELECT set_config('bytea_output', 'hex', false) FROM pg_show_all_settings() WHERE name = 'bytea_output'

-- name: show_all_settings_as_pg_settings
SELECT count(*) = (SELECT count(*) FROM pg_settings) FROM pg_catalog.pg_show_all_settings()

-- name: encoding_names_by_number
SELECT pg_encoding_to_char(8), pg_encoding_to_char(9), pg_encoding_to_char(41), pg_encoding_to_char(-1), pg_encoding_to_char(99),
       pg_char_to_encoding('LATIN1'), pg_char_to_encoding('utf-8'), pg_char_to_encoding('nope')

-- name: privileges_setup
CREATE TABLE granted_table (a int PRIMARY KEY, b text);
CREATE INDEX granted_table_b ON granted_table (b DESC NULLS LAST);
CREATE VIEW granted_view AS SELECT a FROM granted_table

-- name: table_privileges_of_the_owner
SELECT grantor, grantee, table_name, privilege_type, is_grantable, with_hierarchy FROM information_schema.table_privileges
WHERE table_schema = 'public' AND table_name LIKE 'granted%' ORDER BY table_name, privilege_type

-- name: role_table_grants_dbt
SELECT grantee, privilege_type FROM information_schema.role_table_grants
WHERE table_schema = 'public' AND table_name = 'granted_table' AND grantor = current_role ORDER BY 2

-- name: information_schema_catalog_name
SELECT catalog_name = current_database() FROM information_schema.information_schema_catalog_name

-- name: index_properties_datagrip
SELECT p, pg_indexam_has_property(403, p), pg_index_has_property('granted_table_b'::regclass, p),
       pg_index_column_has_property('granted_table_b'::regclass, 1, p), pg_index_column_has_property('granted_table_pkey'::regclass, 1, p)
FROM unnest(ARRAY['can_order', 'can_unique', 'clusterable', 'asc', 'desc', 'nulls_first', 'nulls_last', 'orderable',
                  'distance_orderable', 'returnable', 'bogus']) p

-- name: index_properties_in_from
SELECT i.relname, am_order FROM pg_class i JOIN pg_index x ON x.indexrelid = i.oid
CROSS JOIN pg_catalog.pg_indexam_has_property(i.relam, 'can_order') am_order
WHERE x.indrelid = 'granted_table'::regclass ORDER BY 1
