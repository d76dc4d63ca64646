-- SQL-standard syntax and functions PostgreSQL gives its own meaning: lastval, OVERLAPS,
-- aggregates of intervals, numeric series, date_trunc in a zone, substring's SIMILAR form,
-- case mapping in a C-locale UTF-8 database, FETCH … WITH TIES, JOIN … USING … AS, and the
-- SEARCH and CYCLE clauses of recursive queries: their edge cases (NULLs, errors).

-- name: lastval_before_any_nextval
-- expect-error: 55000
SELECT lastval();

-- name: lastval_setup_a
CREATE SEQUENCE fn_seq_a START 100;

-- name: lastval_setup_b
CREATE SEQUENCE fn_seq_b START 500 INCREMENT 5;

-- name: lastval_setup_serials
CREATE TABLE fn_serials (id serial PRIMARY KEY, label text);

-- name: lastval_setup_identities
CREATE TABLE fn_identities (id int GENERATED ALWAYS AS IDENTITY (START 70), label text);

-- name: lastval_any_sequence
SELECT nextval('fn_seq_a'), nextval('fn_seq_b');

-- name: lastval_after_two
SELECT lastval();

-- name: lastval_after_serial_insert
INSERT INTO fn_serials (label) VALUES ('a'), ('b'), ('c');

-- name: lastval_of_serial
SELECT lastval(), currval('fn_serials_id_seq');

-- name: lastval_after_identity_default_values
INSERT INTO fn_identities DEFAULT VALUES;

-- name: lastval_of_identity
SELECT lastval();

-- name: lastval_after_insert_select
INSERT INTO fn_serials (label) SELECT 'x' || g FROM generate_series(1, 4) g;

-- name: lastval_of_insert_select
SELECT lastval(), (SELECT max(id) FROM fn_serials);

-- name: lastval_explicit_default_item
INSERT INTO fn_serials (id, label) VALUES (DEFAULT, 'd') RETURNING id;

-- name: lastval_after_explicit_default_item
SELECT lastval();

-- name: lastval_not_moved_by_explicit_value
INSERT INTO fn_serials (id, label) VALUES (1000, 'e');

-- name: lastval_still_the_draw
SELECT lastval();

-- name: lastval_block_begin
BEGIN;

-- name: lastval_block_insert
INSERT INTO fn_serials (label) VALUES ('f');

-- name: lastval_in_a_transaction_block
SELECT lastval();

-- name: lastval_block_commit
COMMIT;

-- name: lastval_after_setval
SELECT setval('fn_seq_a', 42), lastval();

-- name: overlaps_null_ends
SELECT (date '2024-01-01', NULL::date) OVERLAPS (date '2024-01-01', date '2024-01-03') AS same_start,
       (NULL::date, date '2024-01-05') OVERLAPS (date '2024-01-01', date '2024-01-03') AS instant_inside,
       (NULL::date, NULL::date) OVERLAPS (date '2024-01-01', date '2024-01-03') AS no_period;

-- name: overlaps_reversed_ends_and_intervals
SELECT (time '10:00', time '09:00') OVERLAPS (time '09:30', interval '1 minute') AS times,
       (timestamp '2024-01-01', interval '-1 day') OVERLAPS (timestamp '2023-12-31 12:00', timestamp '2023-12-31 13:00') AS negative_span,
       (timestamptz '2024-01-01 00:00+00', timestamptz '2024-01-02 00:00+00') OVERLAPS (timestamptz '2024-01-02 00:00+00', interval '1 hour') AS touching;

-- name: overlaps_in_where
SELECT p FROM (VALUES (1, date '2024-01-01', date '2024-01-10'), (2, date '2024-02-01', date '2024-02-05'), (3, NULL, date '2024-01-05')) v(p, s, e)
WHERE (s, e) OVERLAPS (date '2024-01-04', date '2024-01-06') ORDER BY p;

-- name: interval_sum_keeps_fields_apart
SELECT sum(x), avg(x) FROM (VALUES (interval '1 month 3 days'), (interval '25 hours'), (interval '-2 days 1 second'), (NULL)) t(x);

-- name: interval_sum_months_and_days
SELECT sum(x), avg(x), sum(x) FILTER (WHERE x > interval '2 days') FROM (VALUES (interval '1 month'), (interval '1 day')) t(x);

-- name: interval_aggregates_of_nothing
SELECT sum(x), avg(x), pg_typeof(sum(x)), pg_typeof(avg(x)) FROM (VALUES (NULL::interval)) t(x);

-- name: interval_sum_grouped
SELECT g, sum(x) FROM (VALUES (1, interval '1 hour'), (1, interval '90 minutes'), (2, interval '1 year')) t(g, x) GROUP BY g ORDER BY g;

-- name: interval_percentiles
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_cont(0.25) WITHIN GROUP (ORDER BY x), percentile_cont(0) WITHIN GROUP (ORDER BY x)
FROM (VALUES (interval '1 month'), (interval '1 day'), (interval '3 hours'), (NULL)) t(x);

-- name: interval_percentile_of_nothing
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (NULL::interval)) t(x);

-- name: interval_percentile_out_of_range
-- expect-error: 22003
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (interval '1 day')) t(x);

-- name: numeric_series_in_from
SELECT * FROM generate_series(0.1, -0.3, -0.1);

-- name: numeric_series_default_step
SELECT x, pg_typeof(x) FROM generate_series(1.0, 3) AS x;

-- name: numeric_series_empty_and_null
SELECT (SELECT count(*) FROM generate_series(5.0, 1, 1)) AS backwards, (SELECT count(*) FROM generate_series(1.0, NULL, 1)) AS null_stop;

-- name: numeric_series_exact_steps
SELECT sum(x), count(*), max(x) FROM generate_series(0, 1, 0.1) x;

-- name: numeric_series_zero_step
-- expect-error: 22023
SELECT * FROM generate_series(1.0, 2.0, 0);

-- name: date_trunc_zone_across_dst
SELECT date_trunc('month', timestamptz '2024-03-10 12:00:00+00', 'America/New_York'), date_trunc('hour', timestamptz '2024-03-10 07:30:00+00', 'America/New_York'),
       date_trunc('day', NULL::timestamptz, 'UTC'), date_trunc('week', timestamptz '2024-05-17 02:00:00+00', '+05');

-- name: date_trunc_zone_case_insensitive
SELECT date_trunc('day', timestamptz '2024-05-17 02:00:00+00', 'europe/paris');

-- name: date_trunc_zone_unknown
-- expect-error: 22023
SELECT date_trunc('day', timestamptz '2024-05-17 02:00:00+00', 'Nope/Zone');

-- name: substring_similar_one_separator
SELECT substring('foobar' FROM '%#"o_b%' FOR '#'), substring('foobar' FROM 'f(o|x)%' FOR '#'), substring('foobar' FROM 'x%' FOR '#');

-- name: substring_similar_greedy_parts
SELECT substring('foobar' FROM '%#"o%#"%' FOR '#'), substring('foobar' FROM '%#"o%#"%b%' FOR '#'), substring('fo"obar' FROM '%#"o"o#"%' FOR '#');

-- name: substring_similar_nulls
SELECT substring(NULL FROM '%' FOR '#'), substring('a' FROM '%' FOR NULL), substring('foobar' SIMILAR '%#"o_b#"%' ESCAPE '#');

-- name: substring_similar_three_separators
-- expect-error: 2200C
SELECT substring('foobar' FROM '#"f#"oo#"bar' FOR '#');

-- name: substring_similar_long_escape
-- expect-error: 22025
SELECT substring('foo' FROM '%' FOR '##');

-- name: case_mapping_ascii_only
SELECT upper('straße élan'), lower('ÉLAN ẞ MiXeD'), initcap('élan straße ÉCOLE'), upper(NULL), lower('AbC'::varchar(3));

-- name: ties_setup
CREATE TABLE fn_scores (name text, score int, country text);

-- name: ties_fill
INSERT INTO fn_scores VALUES ('a', 80, 'US'), ('b', 90, 'DE'), ('c', 80, 'US'), ('d', NULL, 'FR'), ('e', 70, 'DE'), ('f', 90, 'US');

-- name: ties_by_position_with_offset
SELECT * FROM (SELECT name, score FROM fn_scores ORDER BY 2 DESC NULLS LAST OFFSET 1 ROWS FETCH FIRST 2 ROWS WITH TIES) t ORDER BY name;

-- name: ties_by_output_alias_after_grouping
SELECT country, count(*) AS n FROM fn_scores GROUP BY country ORDER BY n DESC FETCH FIRST 1 ROW WITH TIES;

-- name: ties_zero_rows
SELECT name AS s, score FROM fn_scores ORDER BY score FETCH FIRST 0 ROWS WITH TIES;

-- name: ties_nulls_first
SELECT name FROM fn_scores ORDER BY score NULLS FIRST FETCH FIRST 1 ROWS WITH TIES;

-- name: ties_in_a_subquery
SELECT count(*), min(name), max(name) FROM (SELECT name FROM fn_scores ORDER BY score DESC NULLS LAST FETCH FIRST 1 ROWS WITH TIES) t;

-- name: ties_null_count
-- expect-error: 2201W
SELECT name FROM fn_scores ORDER BY score FETCH FIRST NULL ROWS WITH TIES;

-- name: ties_negative_count
-- expect-error: 2201W
SELECT name FROM fn_scores ORDER BY score FETCH FIRST (0 - 1) ROWS WITH TIES;

-- name: using_alias_setup
CREATE TABLE fn_items (id int, sku text);

-- name: using_alias_setup_products
CREATE TABLE fn_products (sku text, title text);

-- name: using_alias_fill
INSERT INTO fn_items VALUES (1, 'x'), (2, 'x'), (3, 'y'), (4, 'z');

-- name: using_alias_fill_products
INSERT INTO fn_products VALUES ('x', 'X'), ('y', 'Y'), ('w', 'W');

-- name: using_alias_left_star
SELECT j.*, id FROM fn_items LEFT JOIN fn_products USING (sku) AS j ORDER BY id;

-- name: using_alias_right
SELECT j.sku, title FROM fn_items RIGHT JOIN fn_products USING (sku) AS j ORDER BY 1, 2;

-- name: using_alias_full
SELECT j.sku FROM fn_items FULL JOIN fn_products USING (sku) AS j ORDER BY 1;

-- name: using_alias_in_where
SELECT id FROM fn_items i JOIN fn_products p USING (sku) AS j WHERE j.sku = 'x' ORDER BY id;

-- name: using_alias_other_column
-- expect-error: 42703
SELECT j.title FROM fn_items JOIN fn_products USING (sku) AS j;

-- name: search_setup
CREATE TABLE fn_tree (id int, parent_id int, name text);

-- name: search_fill
INSERT INTO fn_tree VALUES (1, NULL, 'root'), (2, 1, 'b'), (3, 1, 'a'), (4, 2, 'ba'), (5, 3, 'aa'), (6, 4, 'baa');

-- name: search_breadth_first
WITH RECURSIVE t AS (SELECT id, parent_id, name FROM fn_tree WHERE parent_id IS NULL UNION ALL SELECT c.id, c.parent_id, c.name FROM fn_tree c JOIN t ON c.parent_id = t.id)
SEARCH BREADTH FIRST BY name SET ord SELECT id, name FROM t ORDER BY ord;

-- name: search_depth_first_column_list_and_alias
WITH RECURSIVE t(n, nm) AS (SELECT id, name FROM fn_tree WHERE parent_id IS NULL UNION ALL SELECT c.id, c.name FROM fn_tree c, t p WHERE c.parent_id = p.n)
SEARCH DEPTH FIRST BY nm, n SET o SELECT n, nm FROM t ORDER BY o;

-- name: cycle_setup
CREATE TABLE fn_edges (a int, b int);

-- name: cycle_fill
INSERT INTO fn_edges VALUES (1, 2), (2, 3), (3, 1), (3, 4);

-- name: cycle_boolean_mark
WITH RECURSIVE g AS (SELECT a, b FROM fn_edges WHERE a = 1 UNION ALL SELECT e.a, e.b FROM fn_edges e JOIN g ON e.a = g.b)
CYCLE a SET is_cycle USING path SELECT a, b, is_cycle FROM g ORDER BY a, b, is_cycle;

-- name: cycle_text_mark
WITH RECURSIVE g AS (SELECT a, b FROM fn_edges WHERE a = 1 UNION ALL SELECT e.a, e.b FROM fn_edges e JOIN g ON e.a = g.b)
CYCLE a, b SET c TO 'Y' DEFAULT 'N' USING p SELECT a, b, c FROM g ORDER BY a, b, c;

-- name: lastval_insert_without_column_list
INSERT INTO fn_serials VALUES (DEFAULT, 'g'), (DEFAULT, 'h') RETURNING id;

-- name: lastval_after_insert_without_column_list
SELECT lastval();

-- name: lastval_serial_last_setup
CREATE TABLE fn_tail (label text, n serial);

-- name: lastval_insert_select_without_column_list
INSERT INTO fn_tail SELECT 'x' || g FROM generate_series(1, 3) g;

-- name: lastval_after_insert_select_without_column_list
SELECT lastval(), (SELECT max(n) FROM fn_tail);

-- name: interval_sum_over_a_window
SELECT g, x, sum(x) OVER (PARTITION BY g ORDER BY x), avg(x) OVER (PARTITION BY g) FROM (VALUES (1, interval '1 hour'), (1, interval '1 day'), (2, interval '1 mon')) t(g, x) ORDER BY g, x;

-- name: ties_over_distinct
SELECT DISTINCT country, score / 10 AS decile FROM fn_scores ORDER BY decile DESC NULLS LAST, country FETCH FIRST 2 ROWS WITH TIES;

-- name: ties_over_union
SELECT * FROM (SELECT score FROM fn_scores UNION SELECT 85 ORDER BY 1 DESC NULLS LAST FETCH FIRST 2 ROWS WITH TIES) t ORDER BY score;

-- name: ties_over_distinct_expression_not_listed
-- expect-error: 42P10
SELECT DISTINCT country FROM fn_scores ORDER BY score FETCH FIRST 1 ROWS WITH TIES;

-- name: search_and_cycle_columns_shown
WITH RECURSIVE t AS (SELECT id, name FROM fn_tree WHERE parent_id IS NULL UNION ALL SELECT c.id, c.name FROM fn_tree c JOIN t ON c.parent_id = t.id)
SEARCH DEPTH FIRST BY id SET ord CYCLE id SET is_cycle USING path SELECT * FROM t ORDER BY ord;

-- name: search_breadth_first_column_shown
WITH RECURSIVE t AS (SELECT id, name FROM fn_tree WHERE parent_id IS NULL UNION ALL SELECT c.id, c.name FROM fn_tree c JOIN t ON c.parent_id = t.id)
SEARCH BREADTH FIRST BY id, name SET ord SELECT * FROM t ORDER BY ord;

-- name: view_with_standard_forms
CREATE VIEW fn_top_products AS SELECT j.sku, count(*) AS n FROM fn_items JOIN fn_products USING (sku) AS j GROUP BY j.sku ORDER BY n DESC FETCH FIRST 1 ROW WITH TIES;

-- name: view_with_standard_forms_read
SELECT * FROM fn_top_products ORDER BY sku;

-- name: create_table_as_with_search
CREATE TABLE fn_tree_order AS WITH RECURSIVE t AS (SELECT id, name FROM fn_tree WHERE parent_id IS NULL UNION ALL SELECT c.id, c.name FROM fn_tree c JOIN t ON c.parent_id = t.id)
SEARCH DEPTH FIRST BY name SET ord SELECT id, name, row_number() OVER (ORDER BY ord) AS position FROM t;

-- name: create_table_as_with_search_read
SELECT * FROM fn_tree_order ORDER BY position;

-- name: lastval_before_discard_sequences
SELECT nextval('fn_seq_a') > 0, lastval() > 0;

-- name: discard_sequences
DISCARD SEQUENCES;

-- name: lastval_after_discard_sequences
-- expect-error: 55000
SELECT lastval();

-- name: typeof_user_function_setup
CREATE FUNCTION typeof_net(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round($1 / 1.2, 2) $$;

-- name: typeof_user_function_setup_text
CREATE FUNCTION typeof_twice(x int) RETURNS text LANGUAGE sql AS 'SELECT x::text || x::text';

-- name: typeof_user_function
SELECT pg_typeof(typeof_net(12)), pg_typeof(typeof_twice(1)), pg_typeof(typeof_net(NULL)), typeof_net(13), typeof_twice(4);

-- name: replace_function_same_return_type
CREATE FUNCTION replaced_fn(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1';
CREATE OR REPLACE FUNCTION replaced_fn(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 2';
SELECT replaced_fn(1)

-- name: replace_function_other_return_type
-- expect-error: 42P13
CREATE OR REPLACE FUNCTION replaced_fn(x int) RETURNS text LANGUAGE sql AS 'SELECT x::text'

-- name: replace_function_setof
-- expect-error: 42P13
CREATE OR REPLACE FUNCTION replaced_fn(x int) RETURNS SETOF int LANGUAGE sql AS 'SELECT x'

-- name: replace_function_after_refusals
SELECT replaced_fn(1), pg_typeof(replaced_fn(1))

-- name: definition_functions_setup
CREATE DOMAIN def_positive AS int CHECK (VALUE > 0);
CREATE TYPE def_mood AS ENUM ('low', 'high');
CREATE FUNCTION def_add(a int, b int DEFAULT 2) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ select a+b $$;
CREATE FUNCTION def_pairs(n int) RETURNS TABLE(x int, y text) LANGUAGE sql STABLE AS 'select i, i::text from generate_series(1, n) i';
CREATE FUNCTION def_series(n int) RETURNS SETOF bigint LANGUAGE sql AS 'select generate_series(1, n)';
CREATE FUNCTION def_noargs() RETURNS numeric(10,2) LANGUAGE sql AS $b$select 1.5$b$;
CREATE FUNCTION def_plpgsql(a text) RETURNS text LANGUAGE plpgsql AS $$ begin return a || 'x'; end $$;
CREATE FUNCTION def_arrays(a int[], m def_mood) RETURNS text[] LANGUAGE sql AS $$ select array['a', m::text] $$;
CREATE FUNCTION def_domain(p def_positive) RETURNS def_positive LANGUAGE sql AS $$ select p $$;
CREATE FUNCTION def_quoted() RETURNS text LANGUAGE sql AS $q$ select '$function$' $q$

-- name: functiondef_user_functions
SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND p.proname LIKE 'def\_%' ORDER BY p.proname

-- name: functiondef_builtin_functions
SELECT pg_get_functiondef('lower(text)'::regprocedure), pg_get_functiondef('generate_series(int, int)'::regprocedure),
       pg_get_functiondef('now()'::regprocedure), pg_get_functiondef('pg_catalog.pg_get_keywords()'::regprocedure)

-- name: functiondef_no_function
SELECT pg_get_functiondef(0) IS NULL, pg_get_functiondef(NULL) IS NULL

-- name: functiondef_aggregate
-- expect-error: 42809
SELECT pg_get_functiondef('sum(int4)'::regprocedure)

-- name: regprocedure_signatures
SELECT 'lower(text)'::regprocedure, 'pg_catalog.generate_series(integer,integer)'::regprocedure,
       'def_add(int4, integer)'::regprocedure, 'def_noargs()'::regprocedure, 'def_arrays(int[], def_mood)'::regprocedure,
       'round(numeric, int)'::regprocedure::oid = 'round(numeric,integer)'::regprocedure::oid

-- name: regprocedure_no_such_signature
-- expect-error: 42883
SELECT 'lower(int)'::regprocedure

-- name: routines_user_functions
SELECT routine_catalog, routine_schema, routine_name, routine_type, data_type, type_udt_schema, type_udt_name,
       routine_body, routine_definition, external_language, parameter_style, is_deterministic, sql_data_access,
       is_null_call, security_type, dtd_identifier, numeric_precision, character_maximum_length,
       specific_name = routine_name || '_' || (SELECT p.oid FROM pg_proc p WHERE p.proname = routine_name)::text AS specific
FROM information_schema.routines WHERE routine_schema = 'public' AND routine_name LIKE 'def\_%' ORDER BY routine_name

-- name: parameters_user_functions
SELECT r.routine_name, p.ordinal_position, p.parameter_mode, p.is_result, p.parameter_name, p.data_type, p.udt_schema,
       p.udt_name, p.dtd_identifier, p.parameter_default, p.numeric_precision
FROM information_schema.parameters p JOIN information_schema.routines r ON r.specific_name = p.specific_name
WHERE p.specific_schema = 'public' AND r.routine_name LIKE 'def\_%' ORDER BY r.routine_name, p.ordinal_position

-- name: array_and_typed_defaults_setup
CREATE FUNCTION def_defaults(a int, b int[] DEFAULT '{1,2}', c numeric(5,1) DEFAULT 2.25, d date DEFAULT '2020-01-02', e text[] DEFAULT '{x,"y z"}')
RETURNS text LANGUAGE sql AS 'select a::text || b::text || c::text || d::text || e::text'

-- name: array_and_typed_defaults
SELECT def_defaults(1), def_defaults(1, ARRAY[3]), def_defaults(1, c => 1.25), pg_get_function_arguments('def_defaults'::regproc)

-- name: same_table_setup
CREATE TABLE fn_emp (id int PRIMARY KEY, name text, manager_id int, salary numeric(10,2));
INSERT INTO fn_emp VALUES (1, 'Boss', NULL, 100), (2, 'Ann', 1, 50), (3, 'Bob', 1, 40), (4, 'Cy', 2, 30);
CREATE FUNCTION fn_mgr_name(p int) RETURNS text LANGUAGE sql STABLE AS $$ SELECT name FROM fn_emp WHERE id = p $$;
CREATE FUNCTION fn_earning_more(s numeric) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM fn_emp WHERE fn_emp.salary > s $$;
CREATE FUNCTION fn_mgr_of(p int) RETURNS text LANGUAGE sql AS $$ SELECT fn_mgr_name(fn_emp.manager_id) FROM fn_emp WHERE fn_emp.id = p $$

-- name: same_table_select_list
-- (the argument is the caller's column, never the body's column of the same name)
SELECT id, fn_mgr_name(manager_id), fn_earning_more(salary), fn_mgr_of(id), fn_mgr_name(fn_emp.manager_id) FROM fn_emp ORDER BY id

-- name: same_table_where_and_group
SELECT fn_mgr_name(manager_id), count(*), count(*) FILTER (WHERE fn_mgr_name(manager_id) = 'Boss') FROM fn_emp
WHERE fn_mgr_name(manager_id) IS NOT NULL GROUP BY fn_mgr_name(manager_id) ORDER BY 1

-- name: same_table_aliased_join
SELECT e.id, fn_mgr_name(e.manager_id), fn_mgr_name(m.id) FROM fn_emp e JOIN fn_emp m ON m.id = e.manager_id ORDER BY 1

-- name: same_table_update
UPDATE fn_emp SET name = name || '*' WHERE fn_mgr_name(manager_id) = 'Ann';
SELECT id, name FROM fn_emp ORDER BY id

-- name: same_table_delete_returning
DELETE FROM fn_emp WHERE fn_mgr_name(manager_id) = 'Ann' RETURNING id, name

-- name: other_table_same_column_setup
CREATE TABLE fn_cust (id int, name text);
INSERT INTO fn_cust VALUES (1, 'c1'), (2, 'c2'), (3, 'c3'), (4, 'c4');
CREATE TABLE fn_ord (ord_no int, id int);
INSERT INTO fn_ord VALUES (10, 2), (11, 3);
CREATE FUNCTION fn_next_cust(p int) RETURNS text LANGUAGE sql AS $$ SELECT name FROM fn_cust WHERE id = p + 1 $$

-- name: other_table_same_column
SELECT ord_no, fn_next_cust(id), (SELECT count(*) FROM fn_ord WHERE fn_next_cust(id) = 'c3') FROM fn_ord
WHERE fn_next_cust(id) IN ('c3', 'c4') ORDER BY 1

-- name: numeric_argument_exact
CREATE FUNCTION fn_numeric_id(x numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT x $$;
SELECT fn_numeric_id(0.1234567891), fn_numeric_id(12345678901234567890.5), fn_numeric_id(NULL), fn_numeric_id(-7)

-- name: numeric_argument_beyond_ten_decimals
SELECT fn_numeric_id(0.123456789012345)

-- name: numeric_result_beyond_ten_decimals
CREATE FUNCTION fn_tiny() RETURNS numeric LANGUAGE sql AS $$ SELECT 0.000000000001234 $$;
SELECT fn_tiny()

-- name: integer_argument_setup
CREATE FUNCTION fn_twice(x int) RETURNS int LANGUAGE sql AS $$ SELECT x * 2 $$;
CREATE FUNCTION fn_next(x bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT x + 1 $$;
CREATE TABLE fn_ints (a int, b bigint, c smallint);
INSERT INTO fn_ints VALUES (1, 10000000000, 3), (2, NULL, 4)

-- name: integer_arguments
SELECT a, fn_twice(a), fn_twice(c), fn_twice('4'), fn_twice(' 5 '), fn_next(b), fn_next(a) FROM fn_ints ORDER BY a

-- name: integer_argument_from_fractional_text
-- expect-error: 22P02
SELECT fn_twice('2.5')

-- name: integer_argument_from_numeric
-- expect-error: 42883
SELECT fn_twice(2.5)

-- name: drop_function_other_signature
-- expect-error: 42883
DROP FUNCTION fn_twice(text)

-- name: drop_function_other_signature_if_exists
DROP FUNCTION IF EXISTS fn_twice(int, int)

-- name: function_overload
CREATE FUNCTION fn_twice(x text) RETURNS text LANGUAGE sql AS $$ SELECT x || x $$

-- name: drop_function_own_signature
DROP FUNCTION fn_next(int8);
SELECT count(*) FROM pg_proc WHERE proname = 'fn_next'

-- name: function_views_setup
CREATE FUNCTION fn_plus_one(a int) RETURNS int LANGUAGE sql AS $$ SELECT a + 1 $$;
CREATE VIEW fn_calling_view AS SELECT fn_plus_one(1) AS x;
CREATE VIEW fn_reading_view AS SELECT x FROM fn_calling_view

-- name: drop_function_views_call
-- expect-error: 2BP01
DROP FUNCTION fn_plus_one

-- name: drop_function_views_call_signature
-- expect-error: 2BP01
DROP FUNCTION fn_plus_one(int)

-- name: views_after_refused_drop
SELECT * FROM fn_reading_view

-- name: drop_function_cascade
DROP FUNCTION fn_plus_one CASCADE;
SELECT (SELECT count(*) FROM pg_views WHERE viewname LIKE 'fn\_%ing\_view'), (SELECT count(*) FROM pg_proc WHERE proname = 'fn_plus_one')

-- name: null_defaults
CREATE FUNCTION fn_null_defaults(a text DEFAULT NULL, b int DEFAULT NULL, d int[] DEFAULT NULL, e varchar DEFAULT NULL::varchar)
RETURNS text LANGUAGE sql AS 'SELECT coalesce(a, b::text, d::text, e, ''none'')';
SELECT pg_get_function_arguments('fn_null_defaults'::regproc), fn_null_defaults(), fn_null_defaults('x'), fn_null_defaults(b => 3)

-- name: standard_body_definitions
CREATE FUNCTION fn_ret_concat(a int, b text) RETURNS text LANGUAGE sql IMMUTABLE RETURN b || (a + 1)::text;
CREATE FUNCTION fn_ret_numeric(a numeric) RETURNS numeric LANGUAGE sql RETURN a * 2;
CREATE FUNCTION fn_ret_const(x int) RETURNS int LANGUAGE sql RETURN 1;
CREATE FUNCTION fn_ret_bool(x int, y int DEFAULT 3) RETURNS boolean LANGUAGE sql STABLE STRICT RETURN x > y AND x < 100;
CREATE FUNCTION fn_ret_call(s text) RETURNS text LANGUAGE sql RETURN upper(s) || 'x';
SELECT proname, prosrc, prosqlbody IS NOT NULL, pg_get_functiondef(oid), pg_get_function_sqlbody(oid) FROM pg_proc
WHERE proname LIKE 'fn\_ret\_%' OR proname = 'lower' ORDER BY 1

-- name: first_row_setup
CREATE TABLE fn_members (org int, name text);
INSERT INTO fn_members VALUES (1, 'a'), (1, 'b'), (2, 'c');
CREATE FUNCTION fn_first_member(p int) RETURNS text LANGUAGE sql AS $$ SELECT name FROM fn_members WHERE org = p ORDER BY name DESC $$

-- name: first_row_of_several
-- (a function's query of several rows gives its first)
SELECT org, fn_first_member(org) FROM fn_members ORDER BY 1, 2

-- name: set_function_alias_setup
CREATE FUNCTION fn_series(n int) RETURNS SETOF int LANGUAGE sql AS 'SELECT generate_series(1, n)';
CREATE FUNCTION fn_pairs(n int) RETURNS TABLE(x int, y text) LANGUAGE sql AS 'SELECT i, i::text FROM generate_series(1, n) i'

-- name: set_function_alias_names_its_value
SELECT s, s + 1, s.s FROM fn_series(3) s WHERE s > 1 ORDER BY 1

-- name: set_function_alias_with_column_names
SELECT * FROM fn_series(2) s(v) ORDER BY v

-- name: table_function_alias_keeps_columns
SELECT t.x, y FROM fn_pairs(2) t ORDER BY 1

-- name: set_function_with_ordinality
SELECT * FROM fn_series(2) WITH ORDINALITY

-- name: return_type_mismatch_boolean
-- expect-error: 42P13
CREATE FUNCTION fn_positive_int(a int) RETURNS int LANGUAGE sql AS $$ SELECT a > 0 $$

-- name: return_type_mismatch_text
-- expect-error: 42P13
CREATE FUNCTION fn_text_int() RETURNS int LANGUAGE sql AS $$ SELECT 'abc'::text $$

-- name: return_type_mismatch_number_boolean
-- expect-error: 42P13
CREATE FUNCTION fn_int_bool() RETURNS boolean LANGUAGE sql AS $$ SELECT 1 $$

-- name: return_type_assignable
CREATE FUNCTION fn_round_int() RETURNS int LANGUAGE sql AS $$ SELECT 2.5 $$;
CREATE FUNCTION fn_bool_text() RETURNS text LANGUAGE sql AS $$ SELECT true $$;
CREATE FUNCTION fn_int_numeric() RETURNS numeric LANGUAGE sql AS $$ SELECT 1::int $$;
CREATE FUNCTION fn_float_bigint() RETURNS bigint LANGUAGE sql AS $$ SELECT 2.5::float8 $$;
CREATE FUNCTION fn_date_timestamp() RETURNS timestamp LANGUAGE sql AS $$ SELECT DATE '2024-01-02' $$;
SELECT fn_round_int(), fn_bool_text(), fn_int_numeric(), fn_float_bigint(), fn_date_timestamp()

-- name: string_arguments_setup
CREATE FUNCTION fn_count_of(a int[]) RETURNS int LANGUAGE sql AS $$ SELECT array_length(a, 1) $$;
CREATE FUNCTION fn_hour_later(i interval) RETURNS text LANGUAGE sql AS $$ SELECT (i + interval '1 hour')::text $$;
CREATE FUNCTION fn_flag(b boolean) RETURNS text LANGUAGE sql AS $$ SELECT b::text $$;
CREATE FUNCTION fn_day(d date) RETURNS text LANGUAGE sql AS $$ SELECT d::text $$;
CREATE FUNCTION fn_doc(j jsonb) RETURNS text LANGUAGE sql AS $$ SELECT j::text $$;
CREATE FUNCTION fn_int_arg(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$

-- name: string_arguments_read_as_the_arguments_types
SELECT fn_count_of('{7,8,9}'), fn_hour_later('1-2'), fn_hour_later('PT1H'), fn_flag('on'), fn_day('Jan 5, 2024'),
       fn_doc('{"b": 1, "a": 2, "a": 3}'), fn_count_of(a => '{1}')

-- name: string_argument_not_an_integer
-- expect-error: 22P02
SELECT fn_int_arg('1e3')

-- name: domain_arguments_setup
CREATE DOMAIN fn_posint AS int CHECK (VALUE > 0);
CREATE DOMAIN fn_required AS int NOT NULL;
CREATE DOMAIN fn_tenths AS numeric(5,1);
CREATE FUNCTION fn_of_posint(a fn_posint) RETURNS int LANGUAGE sql RETURN a;
CREATE FUNCTION fn_to_posint(a int) RETURNS fn_posint LANGUAGE sql AS $$ SELECT a $$;
CREATE FUNCTION fn_of_required(a fn_required) RETURNS int LANGUAGE sql AS $$ SELECT a $$;
CREATE FUNCTION fn_of_tenths(a fn_tenths) RETURNS numeric LANGUAGE sql AS $$ SELECT a $$;
CREATE FUNCTION fn_to_tenths(a numeric) RETURNS fn_tenths LANGUAGE sql AS $$ SELECT a $$

-- name: domain_arguments_accepted
SELECT fn_of_posint(5), fn_of_posint('7'), fn_to_posint(3), fn_of_required(1), fn_of_tenths(2.25), fn_to_tenths(2.25)

-- name: domain_argument_check_violated
-- expect-error: 23514
SELECT fn_of_posint(-1)

-- name: domain_argument_check_violated_by_a_column
-- expect-error: 23514
SELECT fn_of_posint(x) FROM (VALUES (1), (-2)) v(x)

-- name: domain_result_check_violated
-- expect-error: 23514
SELECT fn_to_posint(-3)

-- name: domain_argument_not_null
-- expect-error: 23502
SELECT fn_of_required(NULL)

-- name: comment_on_function
CREATE FUNCTION fn_commented(a int) RETURNS int LANGUAGE sql RETURN a + 1;
COMMENT ON FUNCTION fn_commented(int) IS 'adds one';
SELECT obj_description('fn_commented'::regproc, 'pg_proc'), obj_description('fn_commented(int)'::regprocedure)

-- name: comment_on_function_kept_by_replace
CREATE OR REPLACE FUNCTION fn_commented(a int) RETURNS int LANGUAGE sql RETURN a + 2;
SELECT d.description, fn_commented(1) FROM pg_description d JOIN pg_proc p ON p.oid = d.objoid WHERE p.proname = 'fn_commented'

-- name: comment_on_function_of_other_arguments
-- expect-error: 42883
COMMENT ON FUNCTION fn_commented(text) IS 'x'

-- name: comment_on_function_removed
COMMENT ON FUNCTION fn_commented IS '';
SELECT count(*) FROM pg_description d JOIN pg_proc p ON p.oid = d.objoid WHERE p.proname = 'fn_commented'

-- name: domain_of_varchar_argument_setup
CREATE DOMAIN fn_code AS varchar(3);
CREATE FUNCTION fn_of_code(x fn_code) RETURNS text LANGUAGE sql AS 'SELECT x';
CREATE FUNCTION fn_to_code(x text) RETURNS fn_code LANGUAGE sql AS 'SELECT x';
SELECT fn_of_code('abc'), fn_to_code('ab')

-- name: domain_of_varchar_argument_too_long
-- expect-error: 22001
SELECT fn_of_code('abcdef')

-- name: domain_of_varchar_result_too_long
-- expect-error: 22001
SELECT fn_to_code('abcdef')
