-- The catalog as a transaction that changed it sees it: its own new, altered and dropped
-- relations, columns, constraints, indexes, types, views and comments, in pg_catalog, in
-- information_schema and through regclass and the catalog functions; a savepoint's rollback and
-- the transaction's rollback take them away again, and a commit shows them to everyone.

-- name: committed_table
CREATE TABLE ct_base (a int PRIMARY KEY, b text);

-- name: committed_comment
COMMENT ON TABLE ct_base IS 'first';

-- name: begin
BEGIN;

-- name: create_table
CREATE TABLE ct_new (id serial PRIMARY KEY, name varchar(20) UNIQUE, n int, r int REFERENCES ct_base (a));

-- name: create_index
CREATE INDEX ct_new_n ON ct_new (n);

-- name: regclass_of_new
SELECT 'ct_new'::regclass, to_regclass('ct_new') IS NOT NULL AS found;

-- name: serial_sequence_of_new
SELECT pg_get_serial_sequence('ct_new', 'id');

-- name: new_relations
SELECT relname, relkind, relnatts, relhasindex FROM pg_class WHERE relname LIKE 'ct_new%' ORDER BY 1;

-- name: new_constraints
SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'ct_new'::regclass ORDER BY 1;

-- name: new_indexes
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ct_new' ORDER BY 1;

-- name: new_index_definition
SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = 'ct_new'::regclass ORDER BY 1;

-- name: new_columns
SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid) AS def
FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = 'ct_new'::regclass AND a.attnum > 0 ORDER BY a.attnum;

-- name: new_information_schema
SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
WHERE table_name = 'ct_new' ORDER BY ordinal_position;

-- name: new_foreign_key
SELECT tc.constraint_name, kcu.column_name, ccu.table_name AS referenced
FROM information_schema.table_constraints tc
JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
WHERE tc.table_name = 'ct_new' AND tc.constraint_type = 'FOREIGN KEY';

-- name: table_is_visible
SELECT c.relname FROM pg_class c WHERE pg_table_is_visible(c.oid) AND c.relname LIKE 'ct_%' AND c.relkind = 'r' ORDER BY 1;

-- name: alter_committed
ALTER TABLE ct_base ADD COLUMN c numeric(10,2) DEFAULT 1.5;

-- name: alter_committed_type
ALTER TABLE ct_base ALTER COLUMN b TYPE varchar(30);

-- name: comment_column
COMMENT ON COLUMN ct_base.c IS 'cee';

-- name: comment_table_again
COMMENT ON TABLE ct_base IS 'second';

-- name: altered_class
SELECT relname, relnatts FROM pg_class WHERE relname = 'ct_base';

-- name: altered_columns
SELECT attname, format_type(atttypid, atttypmod), col_description(attrelid, attnum)
FROM pg_attribute WHERE attrelid = 'ct_base'::regclass AND attnum > 0 ORDER BY attnum;

-- name: altered_comment
SELECT obj_description('ct_base'::regclass, 'pg_class');

-- name: altered_information_schema
SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, column_default
FROM information_schema.columns WHERE table_name = 'ct_base' ORDER BY ordinal_position;

-- name: create_enum
CREATE TYPE ct_mood AS ENUM ('sad', 'ok');

-- name: enum_labels
SELECT enumlabel FROM pg_enum WHERE enumtypid = 'ct_mood'::regtype ORDER BY enumsortorder;

-- name: enum_type
SELECT typname, typtype FROM pg_type WHERE typname = 'ct_mood';

-- name: create_view
CREATE VIEW ct_view AS SELECT a, b FROM ct_base;

-- name: view_definition
SELECT pg_get_viewdef('ct_view'::regclass);

-- name: savepoint
SAVEPOINT s1;

-- name: drop_in_savepoint
DROP TABLE ct_new;

-- name: dropped_in_savepoint
SELECT count(*) FROM pg_class WHERE relname LIKE 'ct_new%';

-- name: rollback_to_savepoint
ROLLBACK TO s1;

-- name: back_after_savepoint
SELECT relname FROM pg_class WHERE relname LIKE 'ct_new%' ORDER BY 1;

-- name: rename
ALTER TABLE ct_base RENAME TO ct_renamed;

-- name: renamed
SELECT relname FROM pg_class WHERE relname IN ('ct_base', 'ct_renamed') ORDER BY 1;

-- name: renamed_information_schema
SELECT table_name, table_type FROM information_schema.tables WHERE table_name LIKE 'ct_%' ORDER BY 1;

-- name: commit
COMMIT;

-- name: committed_for_everyone
SELECT relname FROM pg_class WHERE relname LIKE 'ct_%' ORDER BY 1;

-- name: committed_comment_kept
SELECT obj_description('ct_renamed'::regclass, 'pg_class');

-- name: begin_drops
BEGIN;

-- name: drop_view
DROP VIEW ct_view;

-- name: drop_new
DROP TABLE ct_new;

-- name: drop_renamed
DROP TABLE ct_renamed;

-- name: drop_enum
DROP TYPE ct_mood;

-- name: dropped_relations
SELECT relname FROM pg_class WHERE relname LIKE 'ct_%' ORDER BY 1;

-- name: dropped_type
SELECT count(*) FROM pg_type WHERE typname LIKE '%ct_mood';

-- name: dropped_regclass
SELECT to_regclass('ct_renamed');

-- name: rollback
ROLLBACK;

-- name: back_after_rollback
SELECT relname FROM pg_class WHERE relname LIKE 'ct_%' ORDER BY 1;

-- name: create_in_implicit_block
CREATE TABLE ct_implicit (x int); SELECT 'ct_implicit'::regclass;

-- name: composite_column_in_a_defining_transaction
CREATE TYPE ct_pair AS (x int, y text);
CREATE TABLE ct_pairs (id int, p ct_pair, arr ct_pair[]);
INSERT INTO ct_pairs VALUES (1, row(2, 'b'), ARRAY[row(3, 'c')::ct_pair]);
BEGIN;
CREATE TABLE ct_other (x int);
SELECT p, arr FROM ct_pairs

-- name: composite_column_in_a_defining_transaction_all
SELECT * FROM ct_pairs

-- name: composite_rollback
ROLLBACK

-- name: function_made_in_a_transaction
BEGIN;
CREATE SCHEMA ct_fn_s;
CREATE FUNCTION ct_fx1(a int, b text DEFAULT 'x') RETURNS text LANGUAGE sql AS $$ SELECT b || a $$;
SELECT 'ct_fx1'::regproc, 'ct_fx1(int, text)'::regprocedure, 'ct_fn_s'::regnamespace,
       pg_get_function_arguments('ct_fx1'::regproc), pg_get_function_result('ct_fx1'::regproc),
       pg_get_function_identity_arguments('ct_fx1'::regproc)

-- name: function_made_in_a_transaction_listed
SELECT p.proname, pg_get_function_result(p.oid), pg_get_function_arguments(p.oid), p.pronamespace::regnamespace
FROM pg_proc p WHERE p.proname = 'ct_fx1'

-- name: function_rollback
ROLLBACK

-- name: catalog_view_made
CREATE VIEW ct_catalog_view AS SELECT c.relname::text AS name, c.relkind::text AS kind FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname LIKE 'ct_cv_%'

-- name: catalog_view_after_create_table
CREATE TABLE ct_cv_one (a serial PRIMARY KEY);
SELECT name, kind FROM ct_catalog_view ORDER BY name

-- name: catalog_view_after_drop_table
DROP TABLE ct_cv_one;
SELECT count(*) FROM ct_catalog_view

-- name: view_of_catalog_view_after_create_table
CREATE VIEW ct_catalog_view2 AS SELECT count(*) AS n FROM ct_catalog_view;
CREATE TABLE ct_cv_two (a int);
SELECT n, (SELECT count(*) FROM ct_catalog_view) FROM ct_catalog_view2
