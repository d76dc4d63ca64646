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

-- Definitions name user objects as the asking session's search_path finds them: bare where it finds
-- that very object, else qualified (pg_dump's empty search_path qualifies them all).

-- name: path_setup_default
CREATE TABLE shop.orders (id serial PRIMARY KEY, size shop.size DEFAULT 'm' CHECK (size <> 'l'::shop.size), item int);

-- name: path_setup_view
CREATE VIEW shop.big_orders AS SELECT o.id, i.note FROM shop.orders o JOIN shop.items i ON i.id = o.item WHERE o.size = 'l';

-- name: path_setup_index
CREATE INDEX orders_small ON shop.orders (item) WHERE size = 's'::shop.size;

-- name: path_shop_defaults
SELECT a.attname, pg_get_expr(d.adbin, d.adrelid), pg_get_expr(d.adbin, d.adrelid, true) FROM pg_attrdef d
JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'shop.orders'::regclass ORDER BY 1;

-- name: path_shop_view
SELECT pg_get_viewdef('shop.big_orders'::regclass), pg_get_viewdef('shop.big_orders'::regclass, true);

-- name: path_shop_check
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'shop.orders'::regclass AND contype = 'c';

-- name: path_shop_index
SELECT pg_get_indexdef('shop.orders_small'::regclass), pg_get_indexdef('shop.orders_small'::regclass, 0, true);

-- name: path_to_empty
SELECT pg_catalog.set_config('search_path', '', false);

-- name: path_empty_defaults
SELECT a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_attrdef d
JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
WHERE d.adrelid = 'shop.orders'::pg_catalog.regclass ORDER BY 1;

-- name: path_empty_view
SELECT pg_catalog.pg_get_viewdef('shop.big_orders'::pg_catalog.regclass);

-- name: path_empty_check
SELECT conname, pg_catalog.pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint
WHERE conrelid = 'shop.orders'::pg_catalog.regclass AND contype = 'c';

-- name: path_empty_index
SELECT pg_catalog.pg_get_indexdef('shop.orders_small'::pg_catalog.regclass);

-- name: path_serial_dependencies
SELECT d.classid::pg_catalog.regclass::text, d.refobjid::pg_catalog.regclass::text, d.refobjsubid, d.deptype
FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_attrdef ad ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
    AND d.objid = ad.oid
WHERE ad.adrelid = 'shop.orders'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass ORDER BY 2, 3;

-- name: path_serial_owned
SELECT d.objid::pg_catalog.regclass::text, d.refobjid::pg_catalog.regclass::text, d.refobjsubid, d.deptype
FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    AND d.objid = 'shop.orders_id_seq'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass;

-- name: path_back_to_public
SELECT pg_catalog.set_config('search_path', 'public', false);

-- name: path_public_view
SELECT pg_get_viewdef('shop.big_orders'::regclass, true);

-- name: path_composite_storage
CREATE TYPE shop.dims AS (w int, h int);

-- name: path_composite_column
CREATE TABLE shop.boxes (id int, dims shop.dims, size shop.size);

-- name: path_composite_attributes
SELECT attname, attlen, attbyval, attalign, attstorage FROM pg_attribute
WHERE attrelid = 'shop.boxes'::regclass AND attnum > 0 ORDER BY attnum;

-- name: init_privs
SELECT classoid::regclass::text, count(*), count(*) FILTER (WHERE objsubid <> 0) FROM pg_init_privs GROUP BY 1 ORDER BY 1;

-- name: settings_in_their_units
SELECT name, setting, unit FROM pg_settings WHERE name IN ('work_mem', 'maintenance_work_mem', 'effective_cache_size', 'temp_buffers', 'statement_timeout') ORDER BY name

-- name: settings_set_in_other_units
SET work_mem = 65536;
SET temp_buffers = '16MB';
SET statement_timeout = '1min'

-- name: settings_shown_in_the_largest_unit
SELECT current_setting('work_mem'), current_setting('temp_buffers'), current_setting('statement_timeout')

-- name: settings_set_read_in_their_units
SELECT name, setting FROM pg_settings WHERE name IN ('work_mem', 'temp_buffers', 'statement_timeout') ORDER BY name

-- name: settings_reset
RESET work_mem;
RESET temp_buffers;
RESET statement_timeout

-- name: comment_removed_by_an_empty_one
CREATE TABLE commented (id int);
COMMENT ON TABLE commented IS 'hello';
COMMENT ON TABLE commented IS ''

-- name: comment_removed
SELECT obj_description('commented'::regclass) IS NULL

-- name: server_settings_shown
SHOW checkpoint_timeout

-- name: server_settings_shown_in_units
SHOW wal_segment_size

-- name: server_settings_as_current_setting
SELECT current_setting('autovacuum_naptime'), current_setting('checkpoint_timeout'), current_setting('wal_segment_size'),
    current_setting('temp_file_limit'), current_setting('array_nulls')
