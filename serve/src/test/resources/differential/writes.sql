-- Upserts, UPDATE … FROM, DELETE … USING, RETURNING.

-- name: setup_products
CREATE TABLE products (sku text PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL, stock int NOT NULL DEFAULT 0, updated_at timestamp)

-- name: setup_price_updates
CREATE TABLE price_updates (sku text, new_price numeric(10,2))

-- name: insert_returning_star
INSERT INTO products (sku, name, price, stock) VALUES ('a1', 'apple', 1.20, 10), ('b2', 'banana', 0.50, 20), ('c3', 'cherry', 5.00, 0) RETURNING *

-- name: insert_returning_expression
INSERT INTO products (sku, name, price) VALUES ('d4', 'date', 3.10) RETURNING sku, price * 2 AS double_price, stock

-- name: upsert_do_nothing
INSERT INTO products (sku, name, price) VALUES ('a1', 'apple again', 9.99) ON CONFLICT DO NOTHING

-- name: upsert_do_nothing_returning
INSERT INTO products (sku, name, price) VALUES ('a1', 'x', 1), ('e5', 'elderberry', 7.25) ON CONFLICT (sku) DO NOTHING RETURNING sku

-- name: upsert_do_update_excluded
INSERT INTO products (sku, name, price, stock) VALUES ('a1', 'apple', 1.35, 5) ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price, stock = products.stock + EXCLUDED.stock RETURNING sku, price, stock

-- name: upsert_do_update_where
INSERT INTO products (sku, name, price) VALUES ('b2', 'banana', 0.10), ('c3', 'cherry', 6.00) ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price WHERE EXCLUDED.price > products.price RETURNING sku, price

-- name: upsert_on_constraint
INSERT INTO products (sku, name, price) VALUES ('d4', 'dried date', 3.30) ON CONFLICT ON CONSTRAINT products_pkey DO UPDATE SET name = EXCLUDED.name

-- name: upsert_multi_row_result
SELECT sku, name, price, stock FROM products ORDER BY sku

-- name: upsert_same_row_twice
-- expect-error: 21000
INSERT INTO products (sku, name, price) VALUES ('f6', 'fig', 1), ('f6', 'fig', 2) ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price

-- name: upsert_no_matching_constraint
-- expect-error: 42P10
INSERT INTO products (sku, name, price) VALUES ('a1', 'x', 1) ON CONFLICT (name) DO NOTHING

-- name: insert_select_returning
INSERT INTO price_updates SELECT sku, price * 1.10 FROM products WHERE stock > 0 RETURNING sku, new_price

-- name: update_from
UPDATE products p SET price = u.new_price, updated_at = timestamp '2024-05-01 09:00' FROM price_updates u WHERE u.sku = p.sku RETURNING p.sku, p.price, p.updated_at

-- name: update_from_subquery_aggregate
UPDATE products p SET stock = p.stock + t.n FROM (SELECT sku, count(*)::int AS n FROM price_updates GROUP BY sku) t WHERE t.sku = p.sku

-- name: update_returning_old_and_new_expression
UPDATE products SET stock = stock - 1 WHERE sku = 'a1' RETURNING sku, stock, stock + 1 AS before

-- name: update_no_rows
UPDATE products SET stock = 0 WHERE sku = 'nope'

-- name: update_with_cte
WITH cheap AS (SELECT sku FROM products WHERE price < 2) UPDATE products SET name = upper(name) WHERE sku IN (SELECT sku FROM cheap) RETURNING sku, name

-- name: delete_using
DELETE FROM price_updates u USING products p WHERE p.sku = u.sku AND p.stock < 10 RETURNING u.sku

-- name: delete_returning_star
WITH gone AS (DELETE FROM products WHERE stock = 0 RETURNING *) SELECT * FROM gone ORDER BY sku

-- name: delete_with_subquery
DELETE FROM price_updates WHERE sku NOT IN (SELECT sku FROM products)

-- name: final_products
SELECT sku, name, price, stock, updated_at FROM products ORDER BY sku

-- name: insert_default_values
CREATE TABLE audit (id serial PRIMARY KEY, note text DEFAULT 'none', at date DEFAULT date '2024-01-01')

-- name: insert_default_values_returning
INSERT INTO audit DEFAULT VALUES RETURNING id, note, at

-- name: insert_default_keyword
INSERT INTO audit (note, at) VALUES (DEFAULT, '2024-02-02'), ('x', DEFAULT) RETURNING id, note, at

-- name: insert_not_null_violation
-- expect-error: 23502
INSERT INTO products (sku, price) VALUES ('z9', 1)

-- name: insert_duplicate_key
-- expect-error: 23505
INSERT INTO products (sku, name, price) VALUES ('a1', 'dup', 1)

-- name: update_set_row
UPDATE audit SET (note, at) = ('tuple', date '2024-03-03') WHERE id = 1 RETURNING id, note, at

-- name: upsert_one_row_xmax_setup
CREATE TABLE upsert_one (k text PRIMARY KEY, n int)

-- name: upsert_one_row_inserted
INSERT INTO upsert_one VALUES ('a', 3) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n RETURNING k, n, (xmax = 0) AS inserted

-- name: upsert_one_row_updated
INSERT INTO upsert_one VALUES ('a', 4) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n RETURNING k, n, (xmax = 0) AS inserted

-- name: upsert_one_row_alias_nothing
INSERT INTO upsert_one AS u VALUES ('b', 5) ON CONFLICT (k) DO NOTHING RETURNING k, u.xmax = 0

-- name: returning_schema_qualified_setup
CREATE SCHEMA ret_s;
CREATE TABLE ret_s.k2 (code varchar PRIMARY KEY, bal numeric(20,6))

-- name: returning_schema_qualified_upsert
INSERT INTO ret_s.k2 (code, bal) VALUES ('A', 1) ON CONFLICT (code) DO UPDATE SET bal = 1 RETURNING ret_s.k2.code, (xmax = 0) AS inserted

-- name: returning_schema_qualified_rows
INSERT INTO ret_s.k2 (code, bal) VALUES ('B', 1), ('C', 2) RETURNING ret_s.k2.code, k2.bal

-- name: returning_schema_qualified_star_update
UPDATE ret_s.k2 SET bal = 5 WHERE code = 'A' RETURNING ret_s.k2.*

-- name: returning_schema_qualified_star_delete
DELETE FROM ret_s.k2 WHERE code = 'B' RETURNING ret_s.k2.*

-- name: upsert_batches_setup
CREATE TABLE ub (id int, k int UNIQUE);
CREATE TABLE ub_serial (id serial PRIMARY KEY, code text UNIQUE, note text);
CREATE TABLE ub_update (id int PRIMARY KEY, code text UNIQUE, n int);
CREATE TABLE ub_keyless (a int, b text);
INSERT INTO ub_update VALUES (2, 'a', 0)

-- name: upsert_batch_null_keys_kept
INSERT INTO ub VALUES (1, NULL), (2, NULL) ON CONFLICT (k) DO NOTHING

-- name: upsert_batch_null_keys_kept_without_target
INSERT INTO ub VALUES (3, NULL), (4, NULL) ON CONFLICT DO NOTHING

-- name: upsert_batch_null_keys_from_a_query
INSERT INTO ub SELECT i, NULL FROM generate_series(5, 9) i ON CONFLICT DO NOTHING

-- name: upsert_batch_duplicates_skipped_in_order
INSERT INTO ub VALUES (20, 1), (21, 1), (22, 2), (23, NULL) ON CONFLICT (k) DO NOTHING RETURNING *

-- name: upsert_batch_against_the_table
INSERT INTO ub VALUES (24, 2), (25, 3) ON CONFLICT DO NOTHING RETURNING id

-- name: upsert_batch_rows
SELECT count(*), count(k), sum(id) FROM ub

-- name: upsert_batch_serial_keys
INSERT INTO ub_serial (code, note) VALUES ('a', NULL), ('a', 'dup'), (NULL, 'x'), (NULL, 'y') ON CONFLICT DO NOTHING RETURNING id, code

-- name: upsert_batch_serial_keys_target
INSERT INTO ub_serial (code) VALUES ('b'), ('a') ON CONFLICT (code) DO NOTHING RETURNING id

-- name: upsert_batch_serial_rows
SELECT * FROM ub_serial ORDER BY id

-- name: upsert_batch_no_unique_key
INSERT INTO ub_keyless VALUES (1, 'a'), (1, 'a') ON CONFLICT DO NOTHING

-- name: upsert_batch_no_unique_key_one_row
INSERT INTO ub_keyless VALUES (2, 'b') ON CONFLICT DO NOTHING

-- name: upsert_batch_update_same_key_computed
-- expect-error: 21000
INSERT INTO ub_update VALUES (1 + 1, 'b', 1), (4 - 2, 'c', 2) ON CONFLICT (id) DO UPDATE SET n = excluded.n

-- name: upsert_batch_update_same_key_from_a_query
-- expect-error: 21000
INSERT INTO ub_update SELECT 2, 'b' || i, i FROM generate_series(1, 2) i ON CONFLICT (id) DO UPDATE SET n = excluded.n

-- name: upsert_batch_update_distinct_keys
INSERT INTO ub_update (id, code, n) SELECT i, 'q' || i, i FROM generate_series(2, 4) i ON CONFLICT (id) DO UPDATE SET n = excluded.n * 10

-- name: upsert_batch_update_rows
SELECT * FROM ub_update ORDER BY id

-- name: text_assignment_setup
CREATE TABLE text_targets (id int, tx text, vc varchar(40), c char(30));
CREATE TABLE text_sources (a int[], t text[], b bytea, r real, d float8, j jsonb, ts timestamptz, i interval, bo bool, n numeric(10,2), dt date);
INSERT INTO text_sources VALUES ('{1,2}', '{x,"y z"}', '\xdeadbeef', 123456789.123, '-0', '{"a": [1, 2]}', '2024-01-02 03:04:05+00', '1 day 02:00', true, 1.50, '2024-01-02')

-- name: text_assignment_of_arrays_and_rows
INSERT INTO text_targets VALUES (1, array[1,2], array[1,2], array[1,2]), (2, row(1,'a'), row(1,'a'), row(1,'a'))

-- name: text_assignment_from_columns
INSERT INTO text_targets SELECT 3, b, b, b FROM text_sources

-- name: text_assignment_from_real_columns
INSERT INTO text_targets SELECT 4, r, r, r FROM text_sources

-- name: text_assignment_from_double_columns
INSERT INTO text_targets SELECT 5, d, d, d FROM text_sources

-- name: text_assignment_from_text_arrays
INSERT INTO text_targets SELECT 6, 'NaN'::float8, t, t FROM text_sources

-- name: text_assignment_from_json_and_times
INSERT INTO text_targets SELECT 7, j, ts, i FROM text_sources

-- name: text_assignment_from_bool_numeric_date
INSERT INTO text_targets SELECT 8, bo, n, dt FROM text_sources

-- name: text_assignment_by_update
UPDATE text_targets SET tx = a FROM text_sources WHERE id = 8

-- name: text_assignment_rows
SELECT * FROM text_targets ORDER BY id

-- name: insert_alias_in_returning
INSERT INTO text_targets AS x (id) VALUES (77) RETURNING x.id, x.*

-- name: writable_cte_values_setup
CREATE TABLE cte_targets (id int, n numeric, tx text, b bytea, v varchar(5))

-- name: writable_cte_insert_values_assigned
WITH i AS (INSERT INTO cte_targets VALUES (1, 12345.6789, array[1,2], '\xdeadbeef', 'abc  ') RETURNING *) SELECT * FROM i

-- name: writable_cte_insert_fewer_values
WITH i AS (INSERT INTO cte_targets VALUES (2) RETURNING id) SELECT * FROM i

-- name: writable_cte_update_values_assigned
WITH u AS (UPDATE cte_targets SET n = 1.123456789, b = '\x00ff', tx = array['a b'] WHERE id = 2 RETURNING id, n, b, tx) SELECT * FROM u

-- name: writable_cte_rows
SELECT * FROM cte_targets ORDER BY id

-- name: update_same_column_twice
-- expect-error: 42601
UPDATE cte_targets SET n = 1, n = 2

-- name: upsert_same_column_twice
-- expect-error: 42601
INSERT INTO upsert_one VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET n = 1, n = 2

-- name: merge_matching_a_row_twice_setup
CREATE TABLE merge_twice_target (id int, v int);
CREATE TABLE merge_twice_source (id int, v int);
INSERT INTO merge_twice_target VALUES (1, 0);
INSERT INTO merge_twice_source VALUES (1, 1), (1, 2)

-- name: merge_matching_a_row_twice
-- expect-error: 21000
MERGE INTO merge_twice_target t USING merge_twice_source s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v

-- name: merge_matching_a_row_twice_done
DROP TABLE merge_twice_target;
DROP TABLE merge_twice_source

-- name: not_null_violation_names_its_column
-- expect-error: 23502
CREATE TEMPORARY TABLE nn_named (id int NOT NULL);
INSERT INTO nn_named VALUES (NULL)

-- name: merge_assigns_values_as_insert_and_update_do
CREATE TABLE merge_tgt (id int PRIMARY KEY, n numeric(6,2), v varchar(5), t timestamp(0), d int DEFAULT 7);
INSERT INTO merge_tgt VALUES (1, 1.5, 'a', NULL, 1), (2, 2.5, 'b', NULL, 2), (3, 3.5, 'c', NULL, 3);
CREATE TABLE merge_src (id int, n numeric, v text, t timestamp);
INSERT INTO merge_src VALUES (1, 10.555, 'x', '2024-01-01 10:00:00.7'), (2, NULL, NULL, NULL), (4, 4.444, 'new', '2024-02-02 02:02:02.5'), (5, 5, 'z', NULL);
MERGE INTO merge_tgt AS t USING merge_src AS s ON t.id = s.id
  WHEN MATCHED AND s.n IS NULL THEN DELETE
  WHEN MATCHED THEN UPDATE SET n = s.n, v = s.v || '!', t = s.t
  WHEN NOT MATCHED AND s.id = 5 THEN DO NOTHING
  WHEN NOT MATCHED THEN INSERT (id, n, v, t) VALUES (s.id, s.n, s.v, s.t);
WITH w AS (SELECT 3 AS id, 99.999 AS n) MERGE INTO merge_tgt USING w ON merge_tgt.id = w.id WHEN MATCHED THEN UPDATE SET n = w.n;
MERGE INTO merge_tgt USING (SELECT 9 AS id) q ON merge_tgt.id = q.id WHEN NOT MATCHED THEN INSERT VALUES (q.id, 1.005);
MERGE INTO merge_tgt t USING merge_src s ON t.id = s.id WHEN MATCHED THEN UPDATE SET d = DEFAULT;
SELECT * FROM merge_tgt ORDER BY id

-- name: merge_value_too_long_for_varchar
-- expect-error: 22001
MERGE INTO merge_tgt USING (VALUES (10, 'abcdefg')) q(id, v) ON merge_tgt.id = q.id WHEN NOT MATCHED THEN INSERT VALUES (q.id, DEFAULT, q.v)

-- name: merge_array_element_too_long
-- expect-error: 22001
CREATE TABLE merge_tags (id int, tags varchar(3)[]);
MERGE INTO merge_tags USING (SELECT 3 AS id, ARRAY['toolong'] AS t) s ON merge_tags.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.t)

-- name: merge_numeric_beyond_its_scale
-- expect-error: 22003
MERGE INTO merge_tgt USING (SELECT 1 AS id) s ON merge_tgt.id = s.id WHEN MATCHED THEN UPDATE SET n = 123456.7

-- name: merge_identity_and_generated_columns
CREATE TABLE merge_ident (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, k int, g int GENERATED ALWAYS AS (k * 2) STORED);
MERGE INTO merge_ident USING (VALUES (10)) v(k) ON merge_ident.k = v.k
    WHEN NOT MATCHED THEN INSERT (id, k) OVERRIDING SYSTEM VALUE VALUES (50, v.k);
MERGE INTO merge_ident USING (VALUES (11)) v(k) ON merge_ident.k = v.k WHEN NOT MATCHED THEN INSERT (k) VALUES (v.k);
MERGE INTO merge_ident USING (VALUES (12)) v(k) ON merge_ident.k = v.k WHEN NOT MATCHED THEN INSERT (id, k) VALUES (DEFAULT, v.k);
SELECT * FROM merge_ident ORDER BY k

-- name: merge_value_into_an_always_identity
-- expect-error: 428C9
MERGE INTO merge_ident USING (VALUES (13)) v(k) ON merge_ident.k = v.k WHEN NOT MATCHED THEN INSERT (id, k) VALUES (60, v.k)

-- name: merge_into_a_view
-- expect-error: 0A000
CREATE VIEW merge_ident_view AS SELECT id, k FROM merge_ident;
MERGE INTO merge_ident_view USING (VALUES (1)) v(k) ON merge_ident_view.k = v.k WHEN MATCHED THEN UPDATE SET k = 1

-- name: merge_on_an_unknown_column_of_the_source
-- expect-error: 42703
MERGE INTO merge_ident t USING (VALUES (1)) s(id) ON t.id = s.nosuch WHEN MATCHED THEN DELETE

-- name: setup_assignment_casts
CREATE TABLE assignment_casts (id int, i int, n numeric(6,2), j jsonb, s text)

-- name: text_cast_into_integer_column
-- expect-error: 42804
INSERT INTO assignment_casts (id, i) VALUES (1, '1.5'::text)

-- name: text_column_into_integer_column
-- expect-error: 42804
INSERT INTO assignment_casts (id, i) SELECT id, s FROM assignment_casts

-- name: text_cast_into_numeric_column_by_update
-- expect-error: 42804
UPDATE assignment_casts SET n = '1.555'::text

-- name: integer_into_jsonb_column
-- expect-error: 42804
INSERT INTO assignment_casts (id, j) VALUES (3, 1)

-- name: assignment_casts_that_exist
INSERT INTO assignment_casts (id, i, n, s) VALUES (4, '7', 1.555, 42) RETURNING *

-- name: expression_unique_index_arbiters_setup
CREATE TABLE ux_users (id serial PRIMARY KEY, email text, org int, n int, deleted_at timestamp);
CREATE UNIQUE INDEX ON ux_users (lower(email));
CREATE UNIQUE INDEX ON ux_users (org, (n + 1)) WHERE deleted_at IS NULL;
INSERT INTO ux_users (email, org, n) VALUES ('Ann@x', 1, 1);
INSERT INTO ux_users (email, org, n, deleted_at) VALUES ('gone@x', 2, 2, '2024-01-01');
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ux_users' ORDER BY indexname

-- name: expression_unique_index_violation_names_the_index
-- expect-error: 23505
INSERT INTO ux_users (email, org, n) VALUES ('ANN@X', 5, 5)

-- name: partial_expression_unique_index_violation_names_the_index
-- expect-error: 23505
INSERT INTO ux_users (email, org, n) VALUES ('b@x', 1, 1)

-- name: expression_index_is_an_arbiter_of_one_row
INSERT INTO ux_users (email, org, n) VALUES ('ann@X', 9, 9) ON CONFLICT DO NOTHING RETURNING email

-- name: expression_index_target_of_one_row
INSERT INTO ux_users (email, org, n) VALUES ('ANN@x', 9, 9) ON CONFLICT (lower(email)) DO NOTHING RETURNING email

-- name: expression_and_partial_indexes_are_arbiters_of_several_rows
INSERT INTO ux_users (email, org, n) VALUES ('c@x', 1, 1), ('d@x', 2, 2), ('D@X', 3, 3), (NULL, 4, 4), (NULL, 4, 5), ('e@x', 4, 4)
ON CONFLICT DO NOTHING RETURNING email, org, n

-- name: partial_index_target_with_its_predicate
INSERT INTO ux_users (email, org, n) VALUES ('f@x', 2, 2), ('g@x', 2, 2) ON CONFLICT (org, (n + 1)) WHERE deleted_at IS NULL DO NOTHING
RETURNING email

-- name: expression_index_target_of_a_query
INSERT INTO ux_users (email, org, n) SELECT 'Q' || g, 10 + g, g FROM generate_series(1, 3) g
UNION ALL SELECT 'ann@x', 20, 20 ON CONFLICT (lower(email)) DO NOTHING

-- name: expression_index_target_matching_no_index
-- expect-error: 42P10
INSERT INTO ux_users (email, org, n) VALUES ('h@x', 30, 30) ON CONFLICT (upper(email)) DO NOTHING

-- name: expression_unique_index_arbiters_rows
SELECT email, org, n, deleted_at IS NULL AS live FROM ux_users ORDER BY id

-- name: unique_index_of_a_column_and_an_expression_is_no_key_of_the_column
CREATE TABLE ux_pair (a int, b text);
CREATE UNIQUE INDEX ux_pair_u ON ux_pair (a, lower(b));
INSERT INTO ux_pair VALUES (1, 'x');
INSERT INTO ux_pair VALUES (1, 'y'), (2, 'z'), (1, 'X') ON CONFLICT DO NOTHING;
SELECT * FROM ux_pair ORDER BY a, b

-- name: unnamed_indexes_are_named_as_postgresql_names_them
CREATE TABLE ux_named (a int, b text, UNIQUE (a));
CREATE INDEX ON ux_named (a);
CREATE INDEX ON ux_named (a);
CREATE UNIQUE INDEX ON ux_named (b) WHERE a > 0;
CREATE INDEX ON ux_named (lower(b), (a + 1));
SELECT indexname FROM pg_indexes WHERE tablename = 'ux_named' ORDER BY indexname;
DROP TABLE ux_named, ux_pair, ux_users

-- name: expression_index_arbiter_over_columns_left_to_their_defaults
CREATE TABLE ux_defaults (id serial PRIMARY KEY, email text NOT NULL, tenant text DEFAULT 'main', k text DEFAULT 'def', v int);
CREATE UNIQUE INDEX ON ux_defaults (tenant, lower(email));
CREATE UNIQUE INDEX ON ux_defaults (lower(k)) WHERE v IS NULL;
INSERT INTO ux_defaults (email) VALUES ('A@x') ON CONFLICT DO NOTHING;
INSERT INTO ux_defaults (email) VALUES ('a@X'), ('b@x') ON CONFLICT DO NOTHING RETURNING email, tenant;
INSERT INTO ux_defaults (email, tenant, v) VALUES ('a@X', 'other', 1) ON CONFLICT (tenant, lower(email)) DO NOTHING RETURNING email, tenant;
INSERT INTO ux_defaults (email, v) VALUES ('c@x', 2), ('c@x', 3) ON CONFLICT (tenant, lower(email)) DO NOTHING RETURNING email, v;
SELECT email, tenant, k, v FROM ux_defaults ORDER BY id

-- name: expression_index_arbiter_of_an_insert_with_a_with_clause
CREATE TABLE ux_with (id int PRIMARY KEY, e text);
CREATE UNIQUE INDEX ON ux_with (lower(e));
INSERT INTO ux_with VALUES (1, 'a');
WITH src(e) AS (VALUES ('A'), ('b'), ('B')) INSERT INTO ux_with SELECT row_number() OVER () + 10, e FROM src ON CONFLICT DO NOTHING
RETURNING id, e;
SELECT * FROM ux_with ORDER BY id;
DROP TABLE ux_with, ux_defaults

-- name: on_conflict_on_constraint_of_a_unique_index_setup
CREATE TABLE oc_index_name (a int, b int);
CREATE UNIQUE INDEX oc_index_name_b ON oc_index_name (b)

-- name: on_conflict_on_constraint_of_a_unique_index_is_no_constraint
-- expect-error: 42704
INSERT INTO oc_index_name VALUES (1, 1) ON CONFLICT ON CONSTRAINT oc_index_name_b DO NOTHING

-- name: on_conflict_on_constraint_of_a_unique_index_done
DROP TABLE oc_index_name

-- name: upsert_proposed_rows_setup
CREATE TABLE upsert_checked (id int PRIMARY KEY, name varchar(5) NOT NULL, qty int DEFAULT 1 CHECK (qty >= 0),
    note text CHECK (length(note) < 4), flag boolean DEFAULT false NOT NULL);
INSERT INTO upsert_checked (id, name, qty) VALUES (1, 'a', 1), (2, 'b', 2)

-- name: upsert_proposed_row_not_null
-- expect-error: 23502
INSERT INTO upsert_checked (id, name, qty) VALUES (3, 'c', 3), (1, NULL, 1) ON CONFLICT (id) DO UPDATE SET qty = upsert_checked.qty + 10

-- name: upsert_proposed_row_check
-- expect-error: 23514
INSERT INTO upsert_checked (id, name, qty) VALUES (1, 'y', -5) ON CONFLICT (id) DO UPDATE SET name = excluded.name

-- name: upsert_proposed_row_check_of_a_function
-- expect-error: 23514
INSERT INTO upsert_checked (id, name, note) VALUES (1, 'x', 'long') ON CONFLICT (id) DO NOTHING

-- name: upsert_proposed_row_too_long
-- expect-error: 22001
INSERT INTO upsert_checked (id, name) VALUES (1, 'toolong') ON CONFLICT (id) DO UPDATE SET qty = 5

-- name: upsert_proposed_row_default_null
-- expect-error: 23502
INSERT INTO upsert_checked (id, name, flag) VALUES (1, 'x', NULL) ON CONFLICT DO NOTHING

-- name: upsert_proposed_rows_nothing_changed
SELECT id, name, qty, note, flag FROM upsert_checked ORDER BY id

-- name: upsert_proposed_rows_accepted
INSERT INTO upsert_checked (id, name, qty) VALUES (2, 'bb', 20), (3, 'c', 3), (1, 'aa', DEFAULT)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, qty = excluded.qty RETURNING id, name, qty

-- name: overriding_user_value_setup
CREATE TABLE overridden_ids (id int GENERATED BY DEFAULT AS IDENTITY, v int);
CREATE TABLE overridden_always (id int GENERATED ALWAYS AS IDENTITY, v int)

-- name: overriding_user_value_ignores_the_identity_given
INSERT INTO overridden_ids (id, v) OVERRIDING USER VALUE VALUES (5, 4), (6, 5) RETURNING id, v

-- name: overriding_user_value_of_always
INSERT INTO overridden_always (id, v) OVERRIDING USER VALUE VALUES (5, 4) RETURNING id, v

-- name: array_parameter_narrowed_setup
CREATE TABLE narrowed_arrays (s smallint[], n numeric(4,2)[]);
PREPARE narrow_small(int[]) AS INSERT INTO narrowed_arrays (s) VALUES ($1);
PREPARE narrow_numeric(numeric[]) AS INSERT INTO narrowed_arrays (n) VALUES ($1)

-- name: array_parameter_narrowed_out_of_range
-- expect-error: 22003
EXECUTE narrow_small('{40000}')

-- name: array_parameter_numeric_field_overflow
-- expect-error: 22003
EXECUTE narrow_numeric('{999.5}')

-- name: upsert_untyped_array_parameter_setup
CREATE TABLE upsert_tags (id int PRIMARY KEY, name text NOT NULL, tags text[]);
PREPARE upsert_tags_row AS INSERT INTO upsert_tags VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET tags = excluded.tags RETURNING *

-- name: upsert_untyped_array_parameter
EXECUTE upsert_tags_row(1, 'a', '{x,y}')

-- name: upsert_untyped_array_parameter_again
EXECUTE upsert_tags_row(1, 'a', '{z}')

-- name: upsert_untyped_parameter_not_null
-- expect-error: 23502
EXECUTE upsert_tags_row(1, NULL, '{z}')
