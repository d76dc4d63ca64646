-- Views: what pg_get_viewdef, pg_views and information_schema.views show of a view's query, plain
-- and pretty (PostgreSQL 15's ruleutils: one column a line, qualified columns, the star written
-- out, parentheses and indentation), over joins, aggregates, CASE, casts, subqueries, ORDER BY,
-- LIMIT and set operations.

-- name: view_of_the_catalog_first_in_a_new_database
CREATE VIEW catalog_tables AS SELECT c.relname::text AS name FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'

-- name: create_tables
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, amount numeric(10,2), qty int, note text, created date);

-- name: create_customers
CREATE TABLE customers (id int PRIMARY KEY, name varchar(40), city text);

-- name: create_schema
CREATE SCHEMA other;

-- name: create_items
CREATE TABLE other.items (id int, "Label" text, price numeric);

-- name: create_mixed
CREATE TABLE "Mixed" ("Id" int, val double precision, flag boolean, at timestamptz, tags text[]);

-- name: create_star_where
CREATE VIEW v_star_where AS SELECT * FROM orders WHERE amount > 100;

-- name: star_where
SELECT pg_get_viewdef('v_star_where'::regclass);

-- name: star_where_pretty
SELECT pg_get_viewdef('v_star_where', true);

-- name: create_join_on
CREATE VIEW v_join_on AS SELECT o.id, c.name AS customer, o.amount * o.qty AS total FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.note IS NOT NULL AND o.qty >= 2;

-- name: join_on
SELECT pg_get_viewdef('v_join_on'::regclass);

-- name: join_on_pretty
SELECT pg_get_viewdef('v_join_on', true);

-- name: create_aggregates
CREATE VIEW v_aggregates AS SELECT customer_id, count(*) AS n, sum(amount) AS total, max(created) FROM orders GROUP BY customer_id HAVING count(*) > 1 ORDER BY customer_id LIMIT 10;

-- name: aggregates
SELECT pg_get_viewdef('v_aggregates'::regclass);

-- name: aggregates_pretty
SELECT pg_get_viewdef('v_aggregates', true);

-- name: create_case_cast_offset
CREATE VIEW v_case_cast_offset AS SELECT id, CASE WHEN qty > 10 THEN 'big' WHEN qty > 5 THEN 'mid' ELSE 'small' END AS size, amount::int AS whole, note || '!' AS shout FROM orders ORDER BY id DESC OFFSET 5;

-- name: case_cast_offset
SELECT pg_get_viewdef('v_case_cast_offset'::regclass);

-- name: case_cast_offset_pretty
SELECT pg_get_viewdef('v_case_cast_offset', true);

-- name: create_simple_case
CREATE VIEW v_simple_case AS SELECT id, CASE note WHEN 'a' THEN 1 ELSE 0 END AS x FROM orders;

-- name: simple_case
SELECT pg_get_viewdef('v_simple_case'::regclass);

-- name: simple_case_pretty
SELECT pg_get_viewdef('v_simple_case', true);

-- name: create_union
CREATE VIEW v_union AS SELECT id FROM orders UNION SELECT id FROM customers;

-- name: union
SELECT pg_get_viewdef('v_union'::regclass);

-- name: union_pretty
SELECT pg_get_viewdef('v_union', true);

-- name: create_union_all_ordered
CREATE VIEW v_union_all_ordered AS SELECT id FROM orders UNION ALL SELECT id FROM customers ORDER BY 1;

-- name: union_all_ordered
SELECT pg_get_viewdef('v_union_all_ordered'::regclass);

-- name: union_all_ordered_pretty
SELECT pg_get_viewdef('v_union_all_ordered', true);

-- name: create_intersect_except
CREATE VIEW v_intersect_except AS SELECT id FROM orders INTERSECT SELECT id FROM customers EXCEPT SELECT id FROM other.items;

-- name: intersect_except
SELECT pg_get_viewdef('v_intersect_except'::regclass);

-- name: intersect_except_pretty
SELECT pg_get_viewdef('v_intersect_except', true);

-- name: create_subqueries
CREATE VIEW v_subqueries AS SELECT c.name, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS orders FROM customers c WHERE c.id IN (SELECT customer_id FROM orders);

-- name: subqueries
SELECT pg_get_viewdef('v_subqueries'::regclass);

-- name: subqueries_pretty
SELECT pg_get_viewdef('v_subqueries', true);

-- name: create_exists_aliases
CREATE VIEW v_exists_aliases AS SELECT id, note FROM orders WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = orders.customer_id);

-- name: exists_aliases
SELECT pg_get_viewdef('v_exists_aliases'::regclass);

-- name: exists_aliases_pretty
SELECT pg_get_viewdef('v_exists_aliases', true);

-- name: create_not_in_all
CREATE VIEW v_not_in_all AS SELECT id FROM orders WHERE id NOT IN (SELECT id FROM customers) AND qty > ALL (SELECT id FROM customers);

-- name: not_in_all
SELECT pg_get_viewdef('v_not_in_all'::regclass);

-- name: not_in_all_pretty
SELECT pg_get_viewdef('v_not_in_all', true);

-- name: create_left_join_like
CREATE VIEW v_left_join_like AS SELECT o.id, c.city FROM orders o LEFT JOIN customers c ON o.customer_id = c.id WHERE c.city = 'Oslo' OR c.city LIKE 'B%';

-- name: left_join_like
SELECT pg_get_viewdef('v_left_join_like'::regclass);

-- name: left_join_like_pretty
SELECT pg_get_viewdef('v_left_join_like', true);

-- name: create_right_full_join
CREATE VIEW v_right_full_join AS SELECT o.id, c.name, i.price FROM orders o RIGHT JOIN customers c ON c.id = o.customer_id FULL JOIN other.items i ON i.id = o.id;

-- name: right_full_join
SELECT pg_get_viewdef('v_right_full_join'::regclass);

-- name: right_full_join_pretty
SELECT pg_get_viewdef('v_right_full_join', true);

-- name: create_join_using
CREATE VIEW v_join_using AS SELECT * FROM orders JOIN customers USING (id);

-- name: join_using
SELECT pg_get_viewdef('v_join_using'::regclass);

-- name: join_using_pretty
SELECT pg_get_viewdef('v_join_using', true);

-- name: create_comma_join
CREATE VIEW v_comma_join AS SELECT a.id, b.id AS other FROM orders a, customers b WHERE a.customer_id = b.id;

-- name: comma_join
SELECT pg_get_viewdef('v_comma_join'::regclass);

-- name: comma_join_pretty
SELECT pg_get_viewdef('v_comma_join', true);

-- name: create_distinct_between_in
CREATE VIEW v_distinct_between_in AS SELECT DISTINCT customer_id FROM orders WHERE id BETWEEN 1 AND 10 AND note IN ('a', 'b');

-- name: distinct_between_in
SELECT pg_get_viewdef('v_distinct_between_in'::regclass);

-- name: distinct_between_in_pretty
SELECT pg_get_viewdef('v_distinct_between_in', true);

-- name: create_distinct_on
CREATE VIEW v_distinct_on AS SELECT DISTINCT ON (customer_id) customer_id, id FROM orders ORDER BY customer_id, id;

-- name: distinct_on
SELECT pg_get_viewdef('v_distinct_on'::regclass);

-- name: distinct_on_pretty
SELECT pg_get_viewdef('v_distinct_on', true);

-- name: create_constants
CREATE VIEW v_constants AS SELECT 1 AS one, 'x'::text AS t, true AS yes, NULL::int AS nothing;

-- name: constants
SELECT pg_get_viewdef('v_constants'::regclass);

-- name: constants_pretty
SELECT pg_get_viewdef('v_constants', true);

-- name: create_nameless_column
CREATE VIEW v_nameless_column AS SELECT 1, 'a'::text AS b;

-- name: nameless_column
SELECT pg_get_viewdef('v_nameless_column'::regclass);

-- name: nameless_column_pretty
SELECT pg_get_viewdef('v_nameless_column', true);

-- name: create_dates_not
CREATE VIEW v_dates_not AS SELECT id, amount FROM orders WHERE created > '2020-01-01' AND NOT (qty = 0);

-- name: dates_not
SELECT pg_get_viewdef('v_dates_not'::regclass);

-- name: dates_not_pretty
SELECT pg_get_viewdef('v_dates_not', true);

-- name: create_functions
CREATE VIEW v_functions AS SELECT id, coalesce(note, '') AS note, upper(note) AS up, length(note) FROM orders;

-- name: functions
SELECT pg_get_viewdef('v_functions'::regclass);

-- name: functions_pretty
SELECT pg_get_viewdef('v_functions', true);

-- name: create_filter_distinct_aggregates
CREATE VIEW v_filter_distinct_aggregates AS SELECT customer_id, avg(amount) FILTER (WHERE qty > 1) AS a, count(DISTINCT note) FROM orders GROUP BY 1;

-- name: filter_distinct_aggregates
SELECT pg_get_viewdef('v_filter_distinct_aggregates'::regclass);

-- name: filter_distinct_aggregates_pretty
SELECT pg_get_viewdef('v_filter_distinct_aggregates', true);

-- name: create_quoted_names
CREATE VIEW v_quoted_names AS SELECT "Id", val * 2 AS dbl, NOT flag AS nf, at FROM "Mixed" WHERE flag AND val > -1.5 ORDER BY val DESC NULLS LAST, "Id" LIMIT ALL;

-- name: quoted_names
SELECT pg_get_viewdef('v_quoted_names'::regclass);

-- name: quoted_names_pretty
SELECT pg_get_viewdef('v_quoted_names', true);

-- name: create_typmod_casts
CREATE VIEW v_typmod_casts AS SELECT id, note::varchar(5) AS short, amount::numeric(5,1), created + 1 AS next FROM orders;

-- name: typmod_casts
SELECT pg_get_viewdef('v_typmod_casts'::regclass);

-- name: typmod_casts_pretty
SELECT pg_get_viewdef('v_typmod_casts', true);

-- name: create_order_by_aggregate
CREATE VIEW v_order_by_aggregate AS SELECT customer_id, count(*) FROM orders GROUP BY customer_id ORDER BY count(*) DESC, 1;

-- name: order_by_aggregate
SELECT pg_get_viewdef('v_order_by_aggregate'::regclass);

-- name: order_by_aggregate_pretty
SELECT pg_get_viewdef('v_order_by_aggregate', true);

-- name: create_other_schema
CREATE VIEW v_other_schema AS SELECT i."Label", i.price FROM other.items i WHERE i."Label" LIKE '%x%' OR i."Label" IS NULL;

-- name: other_schema
SELECT pg_get_viewdef('v_other_schema'::regclass);

-- name: other_schema_pretty
SELECT pg_get_viewdef('v_other_schema', true);

-- name: create_subquery_in_from
CREATE VIEW v_subquery_in_from AS SELECT s.id FROM (SELECT id FROM orders) s;

-- name: subquery_in_from
SELECT pg_get_viewdef('v_subquery_in_from'::regclass);

-- name: subquery_in_from_pretty
SELECT pg_get_viewdef('v_subquery_in_from', true);

-- name: create_expression_subqueries
CREATE VIEW v_expression_subqueries AS SELECT (SELECT 1) AS a, 2 IN (SELECT 1) AS b, EXISTS (SELECT 1, 2 FROM orders) AS c, (SELECT x.n FROM (SELECT 1, 2 AS n) x) AS e;

-- name: expression_subqueries
SELECT pg_get_viewdef('v_expression_subqueries'::regclass);

-- name: expression_subqueries_pretty
SELECT pg_get_viewdef('v_expression_subqueries', true);

-- name: create_view_over_view
CREATE VIEW v_view_over_view AS SELECT v_star_where.id, v_star_where.note FROM v_star_where WHERE v_star_where.qty < 3;

-- name: view_over_view
SELECT pg_get_viewdef('v_view_over_view'::regclass);

-- name: view_over_view_pretty
SELECT pg_get_viewdef('v_view_over_view', true);

-- name: create_expressions
CREATE VIEW v_expressions AS SELECT id, qty BETWEEN 1 AND 5 AS small, note IN ('a','b') AS ab, coalesce(qty, 0) + 1 AS q FROM orders;

-- name: expressions
SELECT pg_get_viewdef('v_expressions'::regclass);

-- name: expressions_pretty
SELECT pg_get_viewdef('v_expressions', true);

-- name: create_text_operators
CREATE VIEW v_text_operators AS SELECT upper(name) || ' ' || lower(city) AS label, length(name) > 3 AS long FROM customers;

-- name: text_operators
SELECT pg_get_viewdef('v_text_operators'::regclass);

-- name: text_operators_pretty
SELECT pg_get_viewdef('v_text_operators', true);

-- name: create_comparisons
CREATE VIEW v_comparisons AS SELECT id, amount FROM orders WHERE amount >= 10.5 AND note <> '' AND qty < 100;

-- name: comparisons
SELECT pg_get_viewdef('v_comparisons'::regclass);

-- name: comparisons_pretty
SELECT pg_get_viewdef('v_comparisons', true);

-- name: create_window_functions
CREATE VIEW v_window_functions AS SELECT customer_id, sum(amount) OVER (PARTITION BY customer_id ORDER BY created DESC NULLS LAST, id) AS running, rank() OVER (ORDER BY qty DESC), count(*) OVER () AS total FROM orders;

-- name: window_functions
SELECT pg_get_viewdef('v_window_functions'::regclass);

-- name: window_functions_pretty
SELECT pg_get_viewdef('v_window_functions', true);

-- name: create_with_ctes
CREATE VIEW v_with_ctes AS WITH a(k, n) AS (SELECT customer_id, count(*) FROM orders GROUP BY customer_id), b AS MATERIALIZED (SELECT id, name FROM customers) SELECT b.name, a.n FROM a JOIN b ON b.id = a.k WHERE a.n > 1;

-- name: with_ctes
SELECT pg_get_viewdef('v_with_ctes'::regclass);

-- name: with_ctes_pretty
SELECT pg_get_viewdef('v_with_ctes', true);

-- name: create_with_union
CREATE VIEW v_with_union AS WITH t AS (SELECT id FROM orders) SELECT id FROM t UNION SELECT id FROM customers;

-- name: with_union
SELECT pg_get_viewdef('v_with_union'::regclass);

-- name: with_union_pretty
SELECT pg_get_viewdef('v_with_union', true);
-- name: column_aliases
CREATE VIEW v_aliases (a, b) AS SELECT id, note FROM orders;

-- name: column_aliases_shown
SELECT definition FROM pg_views WHERE viewname = 'v_aliases';

-- name: information_schema_view
SELECT view_definition FROM information_schema.views WHERE table_name = 'v_join_on';

-- name: duplicate_column
-- expect-error: 42701
CREATE VIEW v_twice AS SELECT o.id, c.id FROM orders o CROSS JOIN customers c;

-- name: star_over_pg_type
SELECT t.* FROM pg_catalog.pg_type t WHERE t.typname IN ('int4', '_int4', 'numeric') ORDER BY t.typname;

-- name: regtype_array_names
SELECT proname, proargtypes::regtype[]::text[], proargtypes::int[], proargtypes::regtype[] FROM pg_proc WHERE proname IN ('abs', 'now', 'to_char') ORDER BY proname, proargtypes::int[];

-- name: regtype_array_coalesce
SELECT proname, COALESCE(proallargtypes::regtype[], proargtypes::regtype[])::text[] FROM pg_proc WHERE proname IN ('_pg_expandarray', '_pg_char_max_length') ORDER BY 1;

-- name: vector_array_through_cte
WITH p AS (SELECT proname, proargtypes::oid[] AS args FROM pg_proc WHERE proname = '_pg_char_max_length') SELECT * FROM p;

-- name: natural_join_of_ctes
WITH a AS (SELECT 1 AS x, 2 AS k), b AS (SELECT 2 AS k, 3 AS y) SELECT * FROM a NATURAL JOIN b;

-- A view depends on what it reads: DROP refuses while views read it, DROP … CASCADE drops them too

-- name: depend_setup_table
CREATE TABLE dep_base (id int, a int, b text);

-- name: depend_setup_other
CREATE TABLE dep_other (x int);

-- name: depend_setup_view
CREATE VIEW dep_v AS SELECT id, a, b FROM dep_base;

-- name: depend_setup_view_of_view
CREATE VIEW dep_vv AS SELECT id FROM dep_v;

-- name: depend_setup_other_view
CREATE VIEW dep_other_v AS SELECT x FROM dep_other;

-- name: depend_drop_table_refused
-- expect-error: 2BP01
DROP TABLE dep_base;

-- name: depend_drop_view_refused
-- expect-error: 2BP01
DROP VIEW dep_v;

-- name: depend_drop_several_refused
-- expect-error: 2BP01
DROP TABLE dep_other, dep_base;

-- name: depend_views_kept
SELECT viewname FROM pg_views WHERE viewname LIKE 'dep\_%' ORDER BY 1;

-- name: depend_drop_view_with_its_reader
DROP VIEW dep_vv, dep_v;

-- name: depend_drop_cascade
DROP TABLE dep_other CASCADE;

-- name: depend_views_after_cascade
SELECT viewname FROM pg_views WHERE viewname LIKE 'dep\_%' ORDER BY 1;

-- name: depend_drop_named_twice
DROP TABLE dep_base, dep_base;

-- name: column_depend_setup_table
CREATE TABLE coldep (id int, a int, b text, c int);

-- name: column_depend_setup_view
CREATE VIEW coldep_v AS SELECT id, a, b FROM coldep;

-- name: column_depend_setup_view_of_view
CREATE VIEW coldep_vv AS SELECT id FROM coldep_v;

-- name: column_depend_setup_star
CREATE VIEW coldep_star AS SELECT * FROM coldep WHERE id > 0;

-- name: column_depend_drop_refused
-- expect-error: 2BP01
ALTER TABLE coldep DROP COLUMN b;

-- name: column_depend_type_refused
-- expect-error: 0A000
ALTER TABLE coldep ALTER COLUMN a TYPE bigint;

-- name: column_depend_drop_star_view
DROP VIEW coldep_star;

-- name: column_depend_drop_unread
ALTER TABLE coldep DROP COLUMN c;

-- name: column_depend_drop_cascade
ALTER TABLE coldep DROP COLUMN b CASCADE;

-- name: column_depend_views_after
SELECT viewname FROM pg_views WHERE viewname LIKE 'coldep%' ORDER BY 1;

-- name: column_depend_type_after
ALTER TABLE coldep ALTER COLUMN a TYPE bigint;

-- Renames under views: a view reads the renamed table, view or column by its new name and keeps its own columns' names

-- name: rename_setup
CREATE TABLE ren_t (id int PRIMARY KEY, a int, b text);
INSERT INTO ren_t VALUES (1, 10, 'x'), (2, 20, 'y');
CREATE VIEW ren_v AS SELECT id, a, b FROM ren_t WHERE a > 5;
CREATE VIEW ren_star AS SELECT * FROM ren_t;
CREATE VIEW ren_sub AS SELECT s.a + 1 AS a1 FROM (SELECT ren_t.a FROM ren_t) s;
CREATE VIEW ren_join AS SELECT p.id, q.a FROM ren_t p JOIN ren_t q ON p.id = q.id;
CREATE VIEW ren_vv AS SELECT id, a FROM ren_v;
COMMENT ON VIEW ren_v IS 'filtered rows'

-- name: rename_column
ALTER TABLE ren_t RENAME COLUMN a TO amount

-- name: rename_column_view_reads
SELECT * FROM ren_v ORDER BY id

-- name: rename_column_star_view_keeps_names
SELECT * FROM ren_star ORDER BY id

-- name: rename_column_subquery
SELECT * FROM ren_sub ORDER BY 1

-- name: rename_column_join
SELECT * FROM ren_join ORDER BY 1

-- name: rename_column_view_of_view
SELECT * FROM ren_vv ORDER BY 1

-- name: rename_column_viewdef
SELECT pg_get_viewdef('ren_v'::regclass)

-- name: rename_column_viewdef_star
SELECT pg_get_viewdef('ren_star'::regclass, true)

-- name: rename_column_comment_kept
SELECT obj_description('ren_v'::regclass, 'pg_class')

-- name: rename_column_view_columns
SELECT attname FROM pg_attribute WHERE attrelid = 'ren_v'::regclass AND attnum > 0 ORDER BY attnum

-- name: rename_table
ALTER TABLE ren_t RENAME TO ren_t2

-- name: rename_table_view_reads
SELECT * FROM ren_v ORDER BY id

-- name: rename_table_viewdef
SELECT pg_get_viewdef('ren_join'::regclass)

-- name: rename_view
ALTER VIEW ren_v RENAME TO ren_v2

-- name: rename_view_view_of_view
SELECT * FROM ren_vv ORDER BY 1

-- name: rename_view_viewdef
SELECT pg_get_viewdef('ren_vv'::regclass)

-- name: rename_in_block_savepoint
BEGIN;
ALTER TABLE ren_t2 RENAME COLUMN b TO label;
SAVEPOINT s;
ALTER TABLE ren_t2 RENAME TO ren_t3;
ROLLBACK TO SAVEPOINT s;
COMMIT

-- name: rename_in_block_after
SELECT * FROM ren_star ORDER BY id

-- name: rename_in_block_catalog
SELECT relname FROM pg_class WHERE relname LIKE 'ren_t%' ORDER BY 1

-- name: rename_in_block_viewdef
SELECT pg_get_viewdef('ren_star'::regclass)

-- name: rename_column_back
ALTER TABLE ren_t2 RENAME COLUMN amount TO a

-- name: rename_column_back_viewdef
SELECT pg_get_viewdef('ren_v2'::regclass, true)

-- name: rename_order_by_output_setup
CREATE TABLE ren_ord (a int, b int);
INSERT INTO ren_ord VALUES (1, 5), (2, 4), (3, 3);
CREATE VIEW ren_top(x) AS SELECT b AS a FROM ren_ord ORDER BY a LIMIT 1

-- name: rename_order_by_output_viewdef
SELECT pg_get_viewdef('ren_top'::regclass)

-- name: rename_order_by_output
ALTER TABLE ren_ord RENAME COLUMN b TO bb

-- name: rename_order_by_output_rows
SELECT * FROM ren_top

-- name: rename_other_schema_setup
CREATE SCHEMA ren_sa;
CREATE SCHEMA ren_sb;
CREATE TABLE ren_sb.st (x int);
INSERT INTO ren_sb.st VALUES (1);
SET search_path = ren_sa, ren_sb;
CREATE VIEW ren_sa.sv AS SELECT x FROM st;
SET search_path = "$user", public

-- name: rename_other_schema
ALTER TABLE ren_sb.st RENAME COLUMN x TO xx

-- name: rename_other_schema_rows
SELECT * FROM ren_sa.sv

-- name: rename_view_column_comment_setup
CREATE TABLE ren_cc (a int, b int);
CREATE VIEW ren_ccv AS SELECT a, b FROM ren_cc;
COMMENT ON COLUMN ren_ccv.a IS 'col a'

-- name: rename_view_column_comment
ALTER TABLE ren_cc RENAME COLUMN b TO bb

-- name: rename_view_column_comment_kept
SELECT col_description('ren_ccv'::regclass, 1), col_description('ren_ccv'::regclass, 2)

-- name: comment_on_table_of_a_view
-- expect-error: 42809
COMMENT ON TABLE ren_ccv IS 'y'

-- name: comment_on_view_of_a_table
-- expect-error: 42809
COMMENT ON VIEW ren_cc IS 'x'

-- name: star_view_setup
CREATE TABLE star_base (a int, b text);
INSERT INTO star_base VALUES (1, 'x');
CREATE VIEW star_view AS SELECT * FROM star_base WHERE a > 0;
CREATE VIEW star_view_qualified AS SELECT s.*, 1 AS one FROM star_base s

-- name: star_view_table_gains_a_column
ALTER TABLE star_base ADD COLUMN c int DEFAULT 7

-- name: star_view_keeps_its_columns
SELECT * FROM star_view

-- name: star_view_qualified_keeps_its_columns
SELECT * FROM star_view_qualified

-- name: star_view_columns_in_the_catalog
SELECT attname FROM pg_attribute WHERE attrelid = 'star_view'::regclass AND attnum > 0 ORDER BY attnum

-- name: enum_view_setup
CREATE TYPE view_mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE mood_rows (id int, m view_mood);
INSERT INTO mood_rows VALUES (1, 'sad'), (2, 'happy');
CREATE VIEW mood_view AS SELECT id, m FROM mood_rows

-- name: enum_view_compares_in_enum_order
SELECT id, m FROM mood_view WHERE m > 'ok' ORDER BY id

-- name: quotient_view_table
CREATE TABLE quotient_orders (id int, amount numeric(12,2), qty int);

-- name: quotient_view_rows
INSERT INTO quotient_orders VALUES (1, 10.00, 2), (2, 99.90, 2), (3, 5.00, 1), (4, 120.00, 12);

-- name: quotient_view
CREATE VIEW quotient_units AS SELECT id, amount / qty AS unit, avg(amount) OVER () AS mean, stddev(amount) OVER () AS sd FROM quotient_orders;

-- name: quotient_view_sorts_as_numbers
SELECT id FROM quotient_units ORDER BY unit DESC, id;

-- name: quotient_view_sums
SELECT round(sum(unit), 2), round(max(mean), 4), round(max(sd), 6), pg_typeof(sum(unit)) FROM quotient_units;

-- name: quotient_view_compares
SELECT id FROM quotient_units WHERE unit > 9.5 ORDER BY id;

-- name: quotient_table_as
CREATE TABLE quotient_copy AS SELECT avg(qty) AS a, sum(amount) / count(*) AS b FROM quotient_orders;

-- name: quotient_table_as_numbers
SELECT round(a, 4), round(b, 4), pg_typeof(a), pg_typeof(b), a > 2, b * 2 > 100 FROM quotient_copy;

-- name: quotient_matview
CREATE MATERIALIZED VIEW quotient_mat AS SELECT id, amount / qty AS unit FROM quotient_orders;

-- name: quotient_matview_sorts_as_numbers
SELECT id FROM quotient_mat ORDER BY unit DESC, id;

-- name: view_definition_keeps_lateral_setup
CREATE TABLE lat_a (id int PRIMARY KEY);
CREATE TABLE lat_b (a_id int, y int);
CREATE VIEW lat_comma AS SELECT a.id, s.tot FROM lat_a a, LATERAL (SELECT sum(b.y) AS tot FROM lat_b b WHERE b.a_id = a.id) s;
CREATE VIEW lat_cross AS SELECT a.id, s.tot FROM lat_a a CROSS JOIN LATERAL (SELECT sum(b.y) AS tot FROM lat_b b WHERE b.a_id = a.id) s;
CREATE VIEW lat_left AS SELECT a.id, s.y FROM lat_a a LEFT JOIN LATERAL (SELECT b.y FROM lat_b b WHERE b.a_id = a.id LIMIT 1) s ON true

-- name: view_definition_keeps_lateral
SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c WHERE c.relname IN ('lat_comma', 'lat_cross', 'lat_left') ORDER BY 1

-- name: view_of_untyped_constants_beside_arrays_setup
CREATE TABLE untyped_view_base (ia int[], t time)

-- name: view_of_untyped_constants_beside_arrays
CREATE VIEW untyped_view AS SELECT ia || '{3}' AS a, array_append(ia, '4') AS b, t + '1 hour' AS c FROM untyped_view_base;
INSERT INTO untyped_view_base VALUES ('{1}', '10:00');
SELECT * FROM untyped_view

-- name: view_of_untyped_constants_beside_arrays_done
DROP VIEW untyped_view;
DROP TABLE untyped_view_base

-- name: character_columns_keep_their_types_through_a_view
CREATE TABLE view_chars (c char(5), v varchar(5), t text);
INSERT INTO view_chars VALUES ('ab', 'ab', 'ab');
CREATE VIEW view_chars_v AS SELECT c, v, t FROM view_chars;
SELECT c, v, t, pg_typeof(c), pg_typeof(v), '[' || c || ']', length(c) FROM view_chars_v

-- name: character_columns_through_a_view_compare_as_character
SELECT count(*) FROM view_chars_v WHERE c = 'ab   ' AND c = 'ab' AND v = 'ab';
DROP VIEW view_chars_v;
DROP TABLE view_chars

-- name: view_of_the_catalog_after_tables_made
SELECT name FROM catalog_tables ORDER BY name
