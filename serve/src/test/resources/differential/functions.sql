-- Built-in functions as applications call them: format, LIKE/SIMILAR TO/regular expressions,
-- to_char/to_date/to_timestamp, extract/date_part, rounding, integer and interval helpers,
-- quoting, encode/decode, and set-returning functions in the select list and in FROM.

-- name: format_basic
SELECT format('Hello %s, you are %s', 'Bob', 42);

-- name: format_identifiers_literals
SELECT format('%I.%I', 'public', 'My Table'), format('%L', 'it''s'), format('%L', NULL), format('%s|%s', NULL, 'x');

-- name: format_positions_widths
SELECT format('%3$s %1$s %2$s', 'a', 'b', 'c'), format('|%-5s|%5s|', 'ab', 'cd');

-- name: like_backslash_escape
SELECT 'a_c' LIKE 'a\_c', 'abc' LIKE 'a\_c', 'a%c' LIKE 'a\%c', 'a_c' LIKE 'a#_c' ESCAPE '#';

-- name: like_escaped_backslash
SELECT 'C:\dir' LIKE 'C:\\dir', 'C:\dir' LIKE 'C:\dir';

-- name: similar_to
SELECT 'abc' SIMILAR TO 'a(b|x)c', 'abc' SIMILAR TO '%(b|d)%', 'abc' NOT SIMILAR TO 'a_', 'ab' SIMILAR TO 'a';

-- name: regex_operators
SELECT 'foobar' ~ '^foo', 'FooBar' ~* 'bar$', 'abc' !~ 'x', 'ABC' !~* 'b';

-- name: regexp_match
SELECT regexp_match('foo123bar456', '(\d+)'), regexp_match('abc', 'x'), regexp_match('k=v', '(\w)=(\w)');

-- name: regexp_matches_global
SELECT regexp_matches('a1b2c3', '[0-9]', 'g') AS m ORDER BY m;

-- name: regexp_replace_backrefs
SELECT regexp_replace('2024-01-02', '(\d+)-(\d+)-(\d+)', '\3/\2/\1'), regexp_replace('AbC', '[a-z]', '_', 'gi');

-- name: regexp_split
SELECT regexp_split_to_array('a, b,c', ',\s*');

-- name: regexp_split_to_table
SELECT regexp_split_to_table('x y z', ' ') AS w ORDER BY w;

-- name: to_char_timestamp
SELECT to_char(timestamp '2024-03-05 14:07:09.123456', 'YYYY-MM-DD HH24:MI:SS.US'), to_char(timestamp '2024-03-05 14:07:09', 'HH12:MI AM');

-- name: to_char_date_names
SELECT to_char(date '2024-03-05', 'Dy, DD Mon YYYY'), to_char(date '2024-03-05', 'FMDay FMMonth'), to_char(date '2024-03-05', 'IYYY-IW Q DDD');

-- name: to_char_numbers
SELECT to_char(1234567.891, '9,999,999.99'), to_char(42, '00000'), to_char(-5.5, 'S999.9'), to_char(0.5, 'FM0.00');

-- name: to_char_interval
SELECT to_char(interval '1 day 02:03:04', 'HH24:MI:SS');

-- name: to_date
SELECT to_date('05 Mar 2024', 'DD Mon YYYY'), to_date('20240305', 'YYYYMMDD');

-- name: to_timestamp_format
SELECT to_timestamp('2024-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS');

-- name: to_timestamp_epoch
SELECT to_timestamp(1700000000), to_timestamp(1700000000.5);

-- name: to_number
SELECT to_number('12,454.8-', '99G999D9S'), to_number('$1,234.50', 'L9,999.99');

-- name: extract_numeric
SELECT extract(year FROM timestamp '2024-03-05 14:07:09.5'), extract(second FROM timestamp '2024-03-05 14:07:09.5'), extract(epoch FROM timestamp '2024-03-05 14:07:09.5');

-- name: extract_fields
SELECT extract(dow FROM date '2024-03-10'), extract(doy FROM date '2024-03-05'), extract(week FROM date '2024-01-01'), extract(quarter FROM date '2024-05-01'), extract(isodow FROM date '2024-03-10');

-- name: extract_interval
SELECT extract(epoch FROM interval '1 day 1 hour'), extract(hour FROM interval '25 hours'), extract(minute FROM interval '90 minutes');

-- name: extract_time_fractions
SELECT extract(millisecond FROM time '10:00:01.5'), extract(microseconds FROM time '10:00:01.5');

-- name: extract_timestamptz
SELECT extract(hour FROM timestamptz '2024-03-05 14:07:09+02'), extract(timezone FROM timestamptz '2024-03-05 14:07:09+02');

-- name: date_part_float
SELECT date_part('second', timestamp '2024-03-05 14:07:09.5'), date_part('epoch', timestamp '2024-03-05 00:00:00'), date_part('dow', date '2024-03-05');

-- name: date_trunc
SELECT date_trunc('month', timestamp '2024-03-05 14:07:09'), date_trunc('hour', timestamptz '2024-03-05 14:07:09+00'), date_trunc('week', date '2024-03-07');

-- name: round_float_half_even
SELECT round(2.5::float8), round(3.5::float8), round(-2.5::float8), round(0.5::float8);

-- name: round_numeric_half_away
SELECT round(2.5), round(3.5), round(-2.5), round(2.345, 2), round(2.5::numeric, 0);

-- name: round_negative_scale
SELECT round(1234.5678::numeric, -2), round(15::numeric, -1);

-- name: to_hex
SELECT to_hex(255), to_hex(-1), to_hex(4294967296::bigint);

-- name: div_mod
SELECT div(7, 2), div(-7, 2), div(7.5, 2), mod(-7, 2);

-- name: justify
SELECT justify_days(interval '35 days'), justify_hours(interval '27 hours'), justify_interval(interval '1 mon -1 hour');

-- name: make_interval
SELECT make_interval(days => 10), make_interval(1, 2, 0, 3, 4, 5, 6.5), make_interval(hours => 36);

-- name: make_date_time
SELECT make_date(2024, 2, 29), make_time(8, 15, 23.5), make_timestamp(2024, 1, 2, 3, 4, 5.5);

-- name: make_timestamptz
SELECT make_timestamptz(2024, 1, 2, 3, 4, 5, 'Europe/Paris');

-- name: btrim
SELECT btrim('xxhixx', 'x'), btrim('  hi  '), btrim('abcba', 'ab');

-- name: quote_functions
SELECT quote_ident('users'), quote_ident('My Table'), quote_ident('select'), quote_literal('O''Reilly'), quote_literal(42), quote_nullable(NULL);

-- name: encode_decode
SELECT encode(convert_to('ü', 'UTF8'), 'hex'), decode('3q2+7w==', 'base64'), encode('\x00'::bytea, 'base64');

-- name: math_functions
SELECT abs(-5), greatest(1, 5, 3), least('b', 'a'), sign(-2.0), gcd(12, 18), lcm(4, 6), factorial(5);

-- name: math_numeric_results
SELECT exp(1.0), ln(10.0), log(100.0), log(2, 8.0);

-- name: math_float_results
SELECT pi(), cbrt(27::float8), degrees(pi()), sqrt(2::float8), sin(0::float8);

-- name: width_bucket
SELECT width_bucket(5.35, 0.024, 10.06, 5), width_bucket(0, 1, 10, 3);

-- name: age
SELECT age(timestamp '2024-03-05', timestamp '2023-01-01'), age(date '2024-03-05', date '2024-02-05');

-- name: null_counting
SELECT num_nonnulls(1, NULL, 2), num_nulls(1, NULL);

-- name: generate_series_select_list
SELECT generate_series(1, 3) ORDER BY 1;

-- name: generate_series_step_with_constant
SELECT generate_series(1, 10, 3) AS n, 'x' AS c ORDER BY n;

-- name: generate_series_from
SELECT * FROM generate_series(1, 3) AS g(n) ORDER BY n;

-- name: generate_series_from_default_name
SELECT * FROM generate_series(5, 1, -2) ORDER BY 1 DESC;

-- name: generate_series_dates
SELECT g FROM generate_series(date '2024-01-01', date '2024-01-03', interval '1 day') AS g ORDER BY g;

-- name: generate_series_timestamps
SELECT generate_series(timestamp '2024-01-01 00:00', timestamp '2024-01-01 02:00', interval '1 hour') AS t ORDER BY t;

-- name: generate_series_count
SELECT count(*), sum(n) FROM generate_series(1, 1000) n;

-- name: generate_series_alias_as_column
SELECT n, n * n AS sq FROM generate_series(1, 4) n ORDER BY n;

-- name: two_srfs_in_select_list
SELECT generate_series(1, 2) AS a, generate_series(1, 3) AS b ORDER BY b;

-- name: generate_subscripts
SELECT * FROM generate_subscripts(ARRAY['a', 'b', 'c'], 1) AS s ORDER BY s;

-- name: string_to_table
SELECT string_to_table('b,a,c', ',') AS s ORDER BY s;

-- name: srf_qualified
SELECT * FROM pg_catalog.generate_series(1, 2) ORDER BY 1;

-- name: srf_lateral_join
SELECT v.x, g FROM (VALUES (1), (2)) v(x), generate_series(1, v.x) g ORDER BY v.x, g;

-- name: sql_function_create
CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select i + 1';

-- name: sql_function_calls
SELECT add_one(5), add_one('7'), public.add_one(-1), add_one(NULL);

-- name: sql_function_return_form
CREATE FUNCTION label(a int, b text) RETURNS text RETURN b || ':' || (a * 2)::text;

-- name: sql_function_return_form_call
SELECT label(21, 'x'), label(1, NULL);

-- name: sql_function_table
CREATE TABLE fn_items (id int, name text);

-- name: sql_function_table_fill
INSERT INTO fn_items VALUES (1, 'a'), (2, 'b'), (3, 'c');

-- name: sql_function_returns_table
CREATE FUNCTION items_after(n int) RETURNS TABLE (id int, name text) LANGUAGE sql STABLE AS $$ SELECT id, name FROM fn_items WHERE id > n ORDER BY id $$;

-- name: sql_function_returns_table_call
SELECT * FROM items_after(1);

-- name: sql_function_setof
CREATE FUNCTION item_ids() RETURNS SETOF int LANGUAGE sql AS 'SELECT id FROM fn_items ORDER BY id';

-- name: sql_function_setof_call
SELECT * FROM item_ids();

-- name: sql_function_catalog
SELECT proname, prorettype::regtype, proretset, provolatile, pronargs, proargnames, pg_get_function_arguments(oid),
       pg_get_function_result(oid), prosrc
FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY proname;

-- name: sql_function_replace
CREATE OR REPLACE FUNCTION add_one(i int) RETURNS int LANGUAGE sql AS 'select i + 100';

-- name: sql_function_replaced_call
SELECT add_one(5);

-- name: sql_function_drop
DROP FUNCTION add_one(int);

-- name: sql_function_dropped_call
-- expect-error: 42883
SELECT add_one(5);

-- name: sql_function_drop_missing
-- expect-error: 42883
DROP FUNCTION add_one(int);

-- name: sql_function_drop_if_exists
DROP FUNCTION IF EXISTS add_one(int);

-- name: sql_function_drop_set_returning
DROP FUNCTION items_after(int), item_ids();

-- name: sql_function_drop_set_returning_gone
-- expect-error: 42883
SELECT * FROM item_ids();

-- name: string_to_table_forms
SELECT string_to_table('a|b||c', '|', '') AS s;

-- name: div_exact
SELECT div(1000000000000000000000000.5, 3), div(-7.9, 2.5), div(2.999999999999999999999996, 1), pg_typeof(div(7, 2));

-- name: div_by_zero
-- expect-error: 22012
SELECT div(1, 0);

-- name: default_parameters
CREATE FUNCTION add_tax(amount int, rate int DEFAULT 20, label text DEFAULT 'net') RETURNS text LANGUAGE sql
AS $$ SELECT label || ': ' || (amount * (100 + rate) / 100)::text $$;

-- name: default_parameters_all_left_out
SELECT add_tax(100);

-- name: default_parameters_one_given
SELECT add_tax(100, 50);

-- name: default_parameters_all_given
SELECT add_tax(100, 50, 'gross');

-- name: default_parameters_catalog
SELECT proname, pronargs, pronargdefaults, pg_get_function_arguments(oid), pg_get_function_identity_arguments(oid)
FROM pg_proc WHERE proname = 'add_tax';

-- name: default_parameters_order
-- expect-error: 42P13
CREATE FUNCTION bad_defaults(a int DEFAULT 1, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b';

-- name: default_parameters_expression
CREATE FUNCTION days_after(d date, n int DEFAULT 1 + 1) RETURNS date LANGUAGE sql RETURN d + n;

-- name: default_parameters_expression_call
SELECT days_after(date '2024-02-28'), days_after(date '2024-02-28', 3);

-- name: named_arguments
SELECT add_tax(100, label => 'gross'), add_tax(amount => 200), add_tax(100, rate => 5, label => 'x');

-- name: sql_function_strict
CREATE FUNCTION or_zero(n int) RETURNS int LANGUAGE sql STRICT AS 'SELECT coalesce(n, 0)';

-- name: sql_function_called_on_null_input
CREATE FUNCTION or_zero_called(n int) RETURNS int LANGUAGE sql CALLED ON NULL INPUT AS 'SELECT coalesce(n, 0)';

-- name: sql_function_strict_calls
SELECT or_zero(NULL), or_zero(4), or_zero_called(NULL);

-- name: sql_function_strict_setof
CREATE FUNCTION up_to(n int) RETURNS SETOF int LANGUAGE sql RETURNS NULL ON NULL INPUT AS 'SELECT g FROM generate_series(1, coalesce(n, 2)) g';

-- name: sql_function_strict_setof_calls
SELECT (SELECT count(*) FROM up_to(NULL)) AS none, (SELECT count(*) FROM up_to(3)) AS three;

-- name: sql_function_result_modifier_dropped
CREATE FUNCTION cents(x numeric) RETURNS numeric(10,2) LANGUAGE sql AS 'SELECT x';

-- name: sql_function_result_modifier_dropped_calls
-- (compared as a value: serve keeps no display scale per numeric value)
SELECT cents(1.2345) = 1.2345;

-- name: generate_series_zero_step
-- expect-error: 22023
SELECT generate_series(1, 10, 0);

-- name: generate_series_zero_step_in_from
-- expect-error: 22023
SELECT * FROM generate_series(1, 10, 0);

-- name: generate_series_negative_step
SELECT generate_series(5, 1, -2);
