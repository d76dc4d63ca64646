-- Temporary tables in the catalog as their own session sees them: schema pg_temp_N (its number
-- differs between the servers, so it is compared by pattern), relpersistence t, their columns,
-- defaults, keys and indexes in pg_attribute, pg_attrdef, pg_index and pg_constraint, and
-- information_schema's LOCAL TEMPORARY.

-- name: no_temp_schema_yet
SELECT pg_my_temp_schema() = 0 AS none, current_schemas(true);

-- name: no_temp_namespace_yet
SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pg_temp_%';

-- name: permanent
CREATE TABLE perm (id int PRIMARY KEY, label text);

-- name: create_temp
CREATE TEMP TABLE tmp (id serial PRIMARY KEY, name text NOT NULL DEFAULT 'x', n int UNIQUE, CHECK (n > 0));

-- name: create_temp_index
CREATE INDEX tmp_name ON tmp (name);

-- name: temp_schema_is_mine
SELECT n.nspname LIKE 'pg_temp_%' AS temp, n.oid = pg_my_temp_schema() AS mine, pg_is_other_temp_schema(n.oid) AS other
FROM pg_namespace n WHERE n.nspname LIKE 'pg_temp_%';

-- name: temp_schema_first_on_path
SELECT (current_schemas(true))[1] LIKE 'pg_temp_%' AS first, (current_schemas(true))[2:];

-- name: temp_relations
SELECT c.relname, c.relkind, c.relpersistence, n.nspname LIKE 'pg_temp_%' AS temp, c.relnatts, c.relchecks, c.relhasindex
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relpersistence = 't' AND n.nspname LIKE 'pg_temp_%' ORDER BY 1;

-- name: permanent_relations_stay_permanent
SELECT relname, relpersistence FROM pg_class WHERE relname IN ('perm', 'perm_pkey') ORDER BY 1;

-- name: temp_columns
SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef, pg_get_expr(d.adbin, d.adrelid)
FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = 'tmp'::regclass AND a.attnum > 0 ORDER BY a.attnum;

-- name: temp_columns_by_qualified_name
SELECT count(*) FROM pg_attribute WHERE attrelid = 'pg_temp.tmp'::regclass AND attnum > 0;

-- name: temp_indexes
SELECT c.relname, i.indisprimary, i.indisunique, pg_get_indexdef(i.indexrelid, 0, true) LIKE 'CREATE%' AS def
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'tmp'::regclass ORDER BY 1;

-- name: temp_constraints
SELECT conname, contype, pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conrelid = 'tmp'::regclass ORDER BY 1;

-- name: temp_visible
SELECT relname, pg_table_is_visible(oid) FROM pg_class WHERE relname IN ('tmp', 'perm') ORDER BY 1;

-- name: temp_serial_sequence
SELECT pg_get_serial_sequence('tmp', 'id') LIKE 'pg_temp_%.tmp_id_seq' AS seq;

-- name: temp_to_regclass
SELECT to_regclass('tmp') IS NOT NULL AS found, 'tmp'::regclass::text;

-- name: info_tables
SELECT table_schema LIKE 'pg_temp_%' AS temp, table_name, table_type, is_insertable_into
FROM information_schema.tables WHERE table_name IN ('tmp', 'perm') ORDER BY 2;

-- name: info_columns
SELECT table_schema LIKE 'pg_temp_%' AS temp, column_name, ordinal_position, column_default, is_nullable, data_type
FROM information_schema.columns WHERE table_name = 'tmp' ORDER BY ordinal_position;

-- name: info_constraints
SELECT constraint_name, constraint_type FROM information_schema.table_constraints
WHERE table_name = 'tmp' AND constraint_type <> 'CHECK' ORDER BY 1;

-- name: info_key_columns
SELECT constraint_name, column_name, ordinal_position FROM information_schema.key_column_usage
WHERE table_name = 'tmp' ORDER BY 1, 3;

-- name: info_schemata
SELECT schema_name ~ '^pg_temp_[0-9]+$' AS temp, schema_name ~ '^pg_toast_temp_[0-9]+$' AS toast
FROM information_schema.schemata WHERE schema_name LIKE 'pg_%temp%' ORDER BY 1;

-- name: create_temp_view
CREATE TEMP VIEW tmp_view AS SELECT id, name FROM tmp;

-- name: temp_view
SELECT c.relname, c.relkind, c.relpersistence, t.table_type
FROM pg_class c JOIN information_schema.tables t ON t.table_name = c.relname WHERE c.relname = 'tmp_view';

-- name: shadowing_temp
CREATE TEMP TABLE perm (x int);

-- name: shadowing_temp_visible
SELECT n.nspname LIKE 'pg_temp_%' AS temp, pg_table_is_visible(c.oid) FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'perm' AND c.relkind = 'r' ORDER BY 1;

-- name: shadowing_temp_columns
SELECT attname FROM pg_attribute WHERE attrelid = 'perm'::regclass AND attnum > 0 ORDER BY attnum;

-- name: drop_temp_view
DROP VIEW tmp_view;

-- name: drop_temp
DROP TABLE tmp;

-- name: dropped_temp_gone
SELECT count(*) FROM pg_class WHERE relname IN ('tmp', 'tmp_pkey', 'tmp_name', 'tmp_view');

-- name: discard_temp
DISCARD TEMP;

-- name: discarded
SELECT count(*) FROM pg_class WHERE relpersistence = 't';

-- name: temp_schema_stays
SELECT pg_my_temp_schema() <> 0 AS kept, (current_schemas(true))[1] LIKE 'pg_temp_%' AS first,
(SELECT count(*) FROM pg_namespace WHERE oid = pg_my_temp_schema()) AS listed;

-- name: temp_in_transaction_begin
BEGIN;

-- name: temp_in_transaction_create
CREATE TEMP TABLE scratch (a int, b text) ON COMMIT DROP;

-- name: temp_in_transaction_columns
SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'scratch' ORDER BY ordinal_position;

-- name: temp_in_transaction_commit
COMMIT;

-- name: temp_after_commit_drop
SELECT count(*) FROM information_schema.columns WHERE table_name = 'scratch';

-- name: temp_foreign_key_setup
CREATE TEMP TABLE temp_parent (id int PRIMARY KEY);
CREATE TEMP TABLE temp_child (id int, parent int REFERENCES temp_parent)

-- name: temp_foreign_key_missing_parent
-- expect-error: 23503
INSERT INTO temp_child VALUES (1, 5)

-- name: temp_foreign_key_parent_present
INSERT INTO temp_parent VALUES (5);
INSERT INTO temp_child VALUES (1, 5)

-- name: temp_foreign_key_parent_still_referenced
-- expect-error: 23503
DELETE FROM temp_parent WHERE id = 5

-- name: temp_foreign_key_rows
SELECT * FROM temp_child

-- name: temp_foreign_key_cascade_setup
CREATE TEMP TABLE temp_cascade_parent (id int PRIMARY KEY);
CREATE TEMP TABLE temp_cascade_child (id int, parent int REFERENCES temp_cascade_parent ON DELETE CASCADE);
INSERT INTO temp_cascade_parent VALUES (1), (2);
INSERT INTO temp_cascade_child VALUES (10, 1), (20, 2)

-- name: temp_foreign_key_cascade
DELETE FROM temp_cascade_parent WHERE id = 1

-- name: temp_foreign_key_cascade_rows
SELECT * FROM temp_cascade_child ORDER BY id

-- name: on_commit_drop_outside_a_block
CREATE TEMP TABLE gone_at_once (x int) ON COMMIT DROP;
SELECT to_regclass('gone_at_once')

-- name: on_commit_drop_outside_a_block_again
CREATE TEMP TABLE gone_at_once (x int) ON COMMIT DROP

-- name: temp_table_in_a_failed_block_begin
BEGIN

-- name: temp_table_in_a_failed_block_setup
-- expect-error: 22012
SELECT 1 / 0

-- name: temp_table_in_a_failed_block
-- expect-error: 25P02
CREATE TEMP TABLE failed_block_temp (x int)

-- name: temp_table_in_a_failed_block_next
-- expect-error: 25P02
SELECT 1

-- name: temp_table_in_a_failed_block_end
ROLLBACK

-- name: view_of_a_temporary_table_is_temporary
CREATE TEMP TABLE viewed_temp (id int, label text);
INSERT INTO viewed_temp VALUES (1, 'a');
CREATE VIEW viewed_temp_view AS SELECT id, label FROM viewed_temp;
SELECT c.relname, c.relpersistence, n.nspname LIKE 'pg_temp_%' AS temp
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'viewed_temp_view'

-- name: view_of_a_temporary_table_reads
SELECT * FROM viewed_temp_view
