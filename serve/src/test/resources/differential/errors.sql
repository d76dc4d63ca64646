-- Errors applications and ORMs act on: the SQLSTATE of unknown columns and tables, overflow,
-- subqueries returning several rows, bad regular expressions, parameters without values,
-- division by zero, constraint violations, syntax errors and invalid input.

-- name: create_table
CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL, qty int CHECK (qty >= 0), parent int REFERENCES t(id));

-- name: insert
INSERT INTO t VALUES (1, 'a', 1, NULL);

-- name: unknown_column_select
-- expect-error: 42703
SELECT nope FROM t;

-- name: unknown_column_qualified
-- expect-error: 42703
SELECT t.nope FROM t;

-- name: unknown_column_update_set
-- expect-error: 42703
UPDATE t SET nope = 1;

-- name: unknown_column_update_where
-- expect-error: 42703
UPDATE t SET name = 'x' WHERE nope = 1;

-- name: unknown_column_insert
-- expect-error: 42703
INSERT INTO t (id, nope) VALUES (2, 1);

-- name: unknown_column_order_by
-- expect-error: 42703
SELECT id FROM t ORDER BY nope;

-- name: unknown_table_select
-- expect-error: 42P01
SELECT * FROM missing;

-- name: unknown_table_insert
-- expect-error: 42P01
INSERT INTO missing VALUES (1);

-- name: unknown_table_drop
-- expect-error: 42P01
DROP TABLE missing;

-- name: unknown_table_join
-- expect-error: 42P01
SELECT * FROM t JOIN missing m ON m.id = t.id;

-- name: unknown_function
-- expect-error: 42883
SELECT unknown_function(1);

-- name: operator_does_not_exist
-- expect-error: 42883
SELECT 1 + true;

-- name: int_overflow_add
-- expect-error: 22003
SELECT 2147483647 + 1;

-- name: int_overflow_multiply
-- expect-error: 22003
SELECT 2147483647::int * 2;

-- name: smallint_overflow
-- expect-error: 22003
SELECT (-32768)::smallint - 1::smallint;

-- name: int_overflow_cast
-- expect-error: 22003
SELECT 10000000000::int;

-- name: float_overflow
-- expect-error: 22003
SELECT 1e308::float8 * 10;

-- name: numeric_overflow
-- expect-error: 22003
SELECT 123.45::numeric(4,2);

-- name: int_overflow_in_insert
-- expect-error: 22003
INSERT INTO t VALUES (3000000000, 'big', 0, NULL);

-- name: subquery_several_rows
-- expect-error: 21000
SELECT (SELECT id FROM t UNION ALL SELECT 2);

-- name: subquery_several_rows_in_where
-- expect-error: 21000
SELECT * FROM t WHERE id = (SELECT generate_series(1, 2));

-- name: bad_regex
-- expect-error: 2201B
SELECT 'abc' ~ '(';

-- name: bad_regex_function
-- expect-error: 2201B
SELECT regexp_replace('a', '[', 'b');

-- name: parameter_without_value
-- expect-error: 42P02
SELECT $1;

-- name: parameter_without_value_in_where
-- expect-error: 42P02
SELECT * FROM t WHERE id = $1;

-- name: division_by_zero_int
-- expect-error: 22012
SELECT 1/0;

-- name: division_by_zero_modulo
-- expect-error: 22012
SELECT 1 % 0;

-- name: division_by_zero_numeric
-- expect-error: 22012
SELECT 1.0 / 0;

-- name: division_by_zero_float
-- expect-error: 22012
SELECT 1::float8 / 0;

-- name: division_by_zero_in_table
-- expect-error: 22012
SELECT id / (qty - 1) FROM t;

-- name: unique_violation
-- expect-error: 23505
INSERT INTO t VALUES (1, 'dup', 0, NULL);

-- name: unique_violation_same_statement
-- expect-error: 23505
INSERT INTO t (id, name) VALUES (2, 'x'), (2, 'y');

-- name: not_null_violation_insert
-- expect-error: 23502
INSERT INTO t VALUES (2, NULL, 0, NULL);

-- name: not_null_violation_update
-- expect-error: 23502
UPDATE t SET name = NULL;

-- name: foreign_key_violation_insert
-- expect-error: 23503
INSERT INTO t VALUES (2, 'b', 0, 99);

-- name: child_row
INSERT INTO t VALUES (2, 'child', 0, 1);

-- name: unique_violation_update
-- expect-error: 23505
UPDATE t SET id = 1 WHERE id = 2;

-- name: foreign_key_violation_delete
-- expect-error: 23503
DELETE FROM t WHERE id = 1;

-- name: check_violation
-- expect-error: 23514
INSERT INTO t VALUES (3, 'c', -1, NULL);

-- name: check_violation_update
-- expect-error: 23514
UPDATE t SET qty = qty - 5;

-- name: syntax_misspelled_keyword
-- expect-error: 42601
SELEC 1;

-- name: syntax_dangling_operator
-- expect-error: 42601
SELECT 1 +;

-- name: syntax_empty_where
-- expect-error: 42601
SELECT * FROM t WHERE;

-- name: syntax_missing_table_name
-- expect-error: 42601
CREATE TABLE (x int);

-- name: syntax_too_many_values
-- expect-error: 42601
INSERT INTO t VALUES (3, 'c', 0, NULL, 5);

-- name: syntax_unterminated_string
-- expect-error: 42601
SELECT 'abc;

-- name: invalid_integer
-- expect-error: 22P02
SELECT 'abc'::int;

-- name: invalid_empty_integer
-- expect-error: 22P02
SELECT ''::int;

-- name: invalid_boolean
-- expect-error: 22P02
SELECT 'x'::boolean;

-- name: invalid_uuid
-- expect-error: 22P02
SELECT 'not a uuid'::uuid;

-- name: invalid_array
-- expect-error: 22P02
SELECT '{1,2'::int[];

-- name: invalid_json
-- expect-error: 22P02
SELECT '{"a":'::jsonb;

-- name: invalid_integer_in_comparison
-- expect-error: 22P02
SELECT * FROM t WHERE id = 'x';

-- name: invalid_integer_in_arithmetic
-- expect-error: 22P02
SELECT 1 + 'a';

-- name: invalid_numeric
-- expect-error: 22P02
SELECT '1.2.3'::numeric;

-- name: invalid_date
-- expect-error: 22008
SELECT '2024-13-01'::date;

-- name: invalid_time
-- expect-error: 22008
SELECT '12:61'::time;

-- name: invalid_date_syntax
-- expect-error: 22007
SELECT 'yesterday-ish'::date;

-- name: invalid_interval
-- expect-error: 22007
SELECT 'abc'::interval;

-- name: to_date_out_of_range
-- expect-error: 22008
SELECT to_date('2024-02-30', 'YYYY-MM-DD');

-- name: make_date_out_of_range
-- expect-error: 22008
SELECT make_date(2024, 2, 30);

-- name: group_by_missing
-- expect-error: 42803
SELECT id FROM t GROUP BY name;

-- name: aggregate_in_where
-- expect-error: 42803
SELECT count(*) FROM t WHERE count(*) > 1;

-- name: duplicate_table_reference
-- expect-error: 42712
SELECT id FROM t, t;

-- name: ambiguous_column
-- expect-error: 42702
SELECT id FROM t a JOIN t b ON true;

-- name: duplicate_table
-- expect-error: 42P07
CREATE TABLE t (x int);

-- name: duplicate_column
-- expect-error: 42701
CREATE TABLE dupcol (a int, a int);

-- name: negative_limit
-- expect-error: 2201W
SELECT * FROM t LIMIT -1;

-- name: negative_substring_length
-- expect-error: 22011
SELECT substring('abc', 1, -1);

-- name: sqrt_of_negative
-- expect-error: 2201F
SELECT sqrt(-1);

-- name: log_of_zero
-- expect-error: 2201E
SELECT ln(0);

-- name: order_by_position_out_of_range
-- expect-error: 42P10
SELECT id FROM t ORDER BY 5;

-- name: distinct_order_by_not_selected
-- expect-error: 42P10
SELECT DISTINCT id FROM t ORDER BY name;

-- name: cannot_cast
-- expect-error: 42846
SELECT CAST(ARRAY[1] AS int);

-- name: and_needs_boolean
-- expect-error: 42804
SELECT 1 FROM t WHERE id = 1 AND name;

-- name: union_column_count
-- expect-error: 42601
SELECT 1 UNION SELECT 1, 2;

-- name: union_type_mismatch
-- expect-error: 42804
SELECT 1 UNION SELECT 'a'::text;

-- name: null_character
-- expect-error: 54000
SELECT chr(0);

-- name: unknown_sequence
-- expect-error: 42P01
SELECT nextval('nope');

-- name: data_after_errors
SELECT id, name, qty, parent FROM t ORDER BY id;

-- name: repeat_beyond_1gb
-- expect-error: 54000
SELECT repeat('x', 2000000000)

-- name: repeat_pieces_beyond_1gb
-- expect-error: 54000
SELECT repeat('abcd', 300000000)

-- name: lpad_beyond_limit
-- expect-error: 54000
SELECT lpad('x', 300000000)

-- name: repeat_and_pads_that_fit
SELECT length(repeat('ab', 1000)), rpad('ab', 5, 'xy'), lpad('ab', 1), repeat('x', -1) = '', repeat(NULL, 3) IS NULL

-- name: repeat_computed_beyond_1gb
-- expect-error: 54000
SELECT repeat(s, n) FROM (VALUES ('xy', 1000000000)) AS v(s, n)

-- name: check_second_constraint_named
CREATE TABLE two_checks (id int PRIMARY KEY, n int CHECK (n > 0), s text, CONSTRAINT n_small CHECK (n < 100))

-- name: check_second_constraint_violated
-- expect-error: 23514
INSERT INTO two_checks VALUES (1, 200, 'x')

-- name: check_first_constraint_violated
-- expect-error: 23514
INSERT INTO two_checks VALUES (1, -1, 'x')

-- name: check_both_violated_first_by_name
-- PostgreSQL tests a table's checks in the order of their names
CREATE TABLE both_checks (a int, CONSTRAINT z_positive CHECK (a > 0), CONSTRAINT a_even CHECK (a % 2 = 0))

-- name: check_both_violated_insert
-- expect-error: 23514
INSERT INTO both_checks VALUES (-1)

-- name: check_update_violated
INSERT INTO two_checks VALUES (2, 5, 'y')

-- name: check_update_violated_second
-- expect-error: 23514
UPDATE two_checks SET n = n * 100 WHERE id = 2

-- name: check_table_level_multi_column
CREATE TABLE ranges (lo int, hi int, CHECK (lo <= hi))

-- name: check_table_level_multi_column_violated
-- expect-error: 23514
INSERT INTO ranges VALUES (5, 1)

-- name: pg_typeof_unknown_type
-- expect-error: 42704
SELECT pg_typeof('a'::foo)

-- name: cast_to_unknown_type
-- expect-error: 42704
SELECT 'a'::no_such_type

-- name: case_when_type_mismatch
-- expect-error: 42883
SELECT CASE 1 WHEN 'a'::text THEN 1 END

-- name: case_when_text_subject_int
-- expect-error: 42883
SELECT CASE 'x'::text WHEN 1 THEN 1 END

-- name: case_when_untyped_literal
SELECT CASE 1 WHEN '1' THEN 'one' END

-- name: compare_int_text
-- expect-error: 42883
SELECT 1 = 'a'::text

-- name: compare_bigint_varchar
-- expect-error: 42883
SELECT 1::bigint = 'x'::varchar

-- name: in_list_type_mismatch
-- expect-error: 42883
SELECT 1 IN ('a'::text, 'b'::text)

-- name: compare_date_int
-- expect-error: 42883
SELECT date '2020-01-01' = 1

-- name: compare_bool_int
-- expect-error: 42883
SELECT true = 1

-- name: compare_column_text_int
-- expect-error: 42883
SELECT * FROM two_checks WHERE s = 1

-- name: sqlstate_setup_left
CREATE TABLE err_left (id int PRIMARY KEY, a int);

-- name: sqlstate_setup_right
CREATE TABLE err_right (id int, b int);

-- name: sqlstate_add_existing_column
-- expect-error: 42701
ALTER TABLE err_left ADD COLUMN a int;

-- name: sqlstate_drop_and_add_column
ALTER TABLE err_right DROP COLUMN b, ADD COLUMN b text;

-- name: sqlstate_nested_aggregate
-- expect-error: 42803
SELECT sum(count(*)) FROM err_left;

-- name: sqlstate_using_missing_column
-- expect-error: 42703
SELECT * FROM err_left JOIN err_right USING (nosuch);

-- name: sqlstate_insert_column_twice
-- expect-error: 42701
INSERT INTO err_left (id, id) VALUES (1, 2);

-- name: sqlstate_drop_missing_index
-- expect-error: 42704
DROP INDEX err_nosuch_idx;

-- name: sqlstate_drop_view_of_table
-- expect-error: 42809
DROP VIEW err_left;

-- name: sqlstate_like_escape_two_characters
-- expect-error: 22025
SELECT 'a' LIKE 'a' ESCAPE 'xx';

-- name: sqlstate_second_primary_key
-- expect-error: 42P16
ALTER TABLE err_left ADD PRIMARY KEY (a);

-- name: sqlstate_zero_to_negative_power
-- expect-error: 2201F
SELECT power(0, -1);

-- name: sqlstate_zero_to_negative_numeric_power
-- expect-error: 2201F
SELECT power(0::numeric, -1);

-- name: unique_in_statement_setup
CREATE TABLE err_keys (id int PRIMARY KEY, email text UNIQUE, nick text UNIQUE);

-- name: unique_in_statement_second_key
-- expect-error: 23505
INSERT INTO err_keys VALUES (1, 'x', 'a'), (2, 'x', 'b');

-- name: unique_in_statement_primary_key
-- expect-error: 23505
INSERT INTO err_keys VALUES (1, 'x', 'a'), (1, 'y', 'b');

-- name: unique_in_statement_named_columns
-- expect-error: 23505
INSERT INTO err_keys (nick, id, email) VALUES ('n', 5, 'p'), ('n', 6, 'q');

-- name: integer_array_element_out_of_range
-- expect-error: 22003
SELECT ARRAY['2147483648']::int[]

-- name: float_into_numeric_with_too_many_digits
-- expect-error: 22003
SELECT 9999999999.995::float8::numeric(12,2)

-- name: text_into_numeric_with_too_many_digits_while_running
-- expect-error: 22003
SELECT s::numeric(5,2) FROM (VALUES ('12345.6')) v(s)

-- name: text_not_a_number_into_numeric_while_running
-- expect-error: 22P02
SELECT s::numeric(5,2) FROM (VALUES ('abc')) v(s)

-- name: text_integer_out_of_range_while_running
-- expect-error: 22003
SELECT s::int FROM (VALUES ('99999999999')) v(s)

-- name: sequence_errors_setup
CREATE SEQUENCE err_seq MAXVALUE 2

-- name: sequence_setval_out_of_bounds
-- expect-error: 22003
SELECT setval('err_seq', 0)

-- name: sequence_currval_before_nextval
-- expect-error: 55000
SELECT currval('err_seq')

-- name: sequence_draws
SELECT nextval('err_seq'), nextval('err_seq')

-- name: sequence_exhausted
-- expect-error: 2200H
SELECT nextval('err_seq')

-- name: memory_setting_not_a_size
-- expect-error: 22023
SET work_mem = 'abc'

-- name: memory_setting_below_its_minimum
-- expect-error: 22023
SET work_mem = '10'

-- name: chr_of_a_negative_number
-- expect-error: 22023
SELECT chr(-1)

-- name: chr_beyond_unicode
-- expect-error: 54000
SELECT chr(1114112)

-- name: like_pattern_ending_in_escape
-- expect-error: 22025
SELECT 'abc' LIKE 'a%#' ESCAPE '#'

-- name: convert_from_invalid_utf8
-- expect-error: 22021
SELECT convert_from('\xff'::bytea, 'UTF8')

-- name: make_date_field_out_of_range_message
-- expect-error: 22008
SELECT make_date(2023, 2, 29)

-- name: numeric_cast_overflow_detail
-- expect-error: 22003
SELECT 1234567.891::numeric(8,2)

-- name: question_mark_placeholder_is_a_syntax_error
-- expect-error: 42601
SELECT * FROM pg_class WHERE oid = ?

-- name: tablespace_size_of_an_unknown_tablespace
-- expect-error: 42704
SELECT pg_tablespace_size('nope')

-- name: group_by_position_out_of_range
-- expect-error: 42P10
SELECT x FROM generate_series(1, 3) x GROUP BY 5

-- name: window_function_without_over
-- expect-error: 42809
SELECT lag(x) FROM generate_series(1, 3) x

-- name: row_number_without_over
-- expect-error: 42809
SELECT row_number() FROM generate_series(1, 3) x

-- name: percentile_out_of_range
-- expect-error: 22003
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY x) FROM generate_series(1, 3) x

-- name: offset_negative
-- expect-error: 2201X
SELECT x FROM generate_series(1, 3) x OFFSET -1

-- name: window_defined_twice
-- expect-error: 42P20
SELECT sum(x) OVER w FROM generate_series(1, 3) x WINDOW w AS (ORDER BY x), w AS (ORDER BY x)

-- name: window_name_unknown
-- expect-error: 42704
SELECT sum(x) OVER nosuch FROM generate_series(1, 3) x
