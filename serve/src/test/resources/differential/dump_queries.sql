-- What pg_dump asks of a server's catalog when it dumps a database, in the shapes it asks it.

-- name: setup_schema
CREATE SCHEMA shop;

-- name: setup_enum
CREATE TYPE shop.size AS ENUM ('s', 'm', 'l');

-- name: setup_table
CREATE TABLE shop.items (id serial PRIMARY KEY, size shop.size, note text);

-- name: setup_view
CREATE VIEW shop.small AS SELECT id, note FROM shop.items WHERE size = 's';

-- name: setup_sequence
CREATE SEQUENCE shop.tickets START 100;

-- name: acldefault_kinds
SELECT t, acldefault(t::"char", 10) FROM unnest(ARRAY['c', 'r', 's', 'd', 'f', 'l', 'L', 'n', 't', 'F', 'S', 'T', 'p']) AS t ORDER BY t;

-- name: name_subscript
SELECT typname, typname[0], typname[0] = '_' FROM pg_type WHERE typname IN ('_int4', 'int4', 'size', '_size') ORDER BY 1;

-- name: is_array_type
SELECT typname, typname[0] = '_' AND typelem != 0 AND (SELECT typarray FROM pg_type te WHERE oid = pg_type.typelem) = oid AS isarray
FROM pg_type WHERE typnamespace = 'shop'::regnamespace ORDER BY typname;

-- name: sequence_as_relation_before
SELECT last_value, log_cnt, is_called FROM shop.tickets;

-- name: sequence_draw
SELECT nextval('shop.tickets');

-- name: sequence_as_relation_after
SELECT last_value, is_called FROM shop.tickets;

-- name: options_to_table_empty
SELECT a.attname, array_to_string(ARRAY(SELECT quote_ident(option_name) || ' ' || quote_literal(option_value)
    FROM pg_options_to_table(a.attfdwoptions) ORDER BY option_name), ', ') FROM pg_attribute a
WHERE a.attrelid = 'shop.items'::regclass AND a.attnum > 0 ORDER BY a.attnum;

-- name: subquery_any
SELECT (SELECT 2) = ANY (ARRAY[1, 2, NULL]), (SELECT 3) = ANY (ARRAY[1, NULL]), (SELECT 1) <> ALL (ARRAY[2, 3]);

-- name: view_rule
SELECT r.rulename, r.ev_class::regclass::text, r.ev_type, r.is_instead FROM pg_rewrite r
WHERE r.ev_class = 'shop.small'::regclass;

-- name: view_rule_dependencies
SELECT DISTINCT d.refobjid::regclass::text, d.deptype FROM pg_depend d JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass
    AND d.objid = r.oid
WHERE r.ev_class = 'shop.small'::regclass AND d.refclassid = 'pg_class'::regclass ORDER BY 1, 2;

-- name: format_type_empty_path
SELECT pg_catalog.set_config('search_path', '', false);

-- name: format_type_qualified
SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a
WHERE a.attrelid = 'shop.items'::pg_catalog.regclass AND a.attname = 'size';

-- name: format_type_path_back
SELECT pg_catalog.set_config('search_path', 'shop, public', false);

-- name: format_type_visible
SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = 'shop.items'::regclass AND a.attname = 'size';

-- name: restrict_relation_kinds
SELECT set_config(name, 'view, foreign-table', false) FROM pg_settings WHERE name = 'restrict_nonsystem_relation_kind';
