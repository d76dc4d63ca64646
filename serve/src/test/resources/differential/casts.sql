-- Casts between text, numbers, booleans and dates, with the errors PostgreSQL gives.

-- name: text_to_numbers
SELECT '42'::int, ' 42 '::int, '-7'::smallint, '9000000000'::bigint, '3.14'::numeric, '1e3'::float8, '  2.5'::numeric(4,2)

-- name: numbers_to_text
SELECT 42::text, 3.50::text, 1.5::float8::text, (-0.0)::float8::text, 100::numeric(6,2)::text, 1e20::float8::text

-- name: numeric_to_int_rounding
SELECT 2.5::int, 3.5::int, (-2.5)::int, 2.4999::int, 1.5::smallint, 2.5::bigint

-- name: float_to_int_rounding
SELECT 2.5::float8::int, 3.5::float8::int, (-2.5)::float8::int, 0.5::float4::int

-- name: int_to_numeric_scale
SELECT 5::numeric(5,2), 12345::numeric(10,3), 1::numeric / 3

-- name: text_to_bool
SELECT 't'::bool, 'yes'::bool, 'off'::bool, '1'::bool, 'FALSE'::boolean, ' true '::bool

-- name: bool_to_text_and_int
SELECT true::text, false::text, true::int, 0::bool, 5::bool

-- name: text_to_dates
SELECT '2024-03-10'::date, '03/10/2024'::date, '2024-03-10 14:30'::timestamp, '2024-03-10 14:30+02'::timestamptz, 'epoch'::timestamp

-- name: date_to_text_and_timestamp
SELECT date '2024-03-10'::text, date '2024-03-10'::timestamp, timestamp '2024-03-10 14:30:15'::date, timestamp '2024-03-10 14:30:15'::time

-- name: numeric_precision_rounding
SELECT 1.005::numeric(5,2), 1.015::numeric(5,2), -1.005::numeric(5,2), 123.456::numeric(6,1)

-- name: cast_int_invalid_text
-- expect-error: 22P02
SELECT 'abc'::int

-- name: cast_int_decimal_text
-- expect-error: 22P02
SELECT '1.5'::int

-- name: cast_int_empty
-- expect-error: 22P02
SELECT ''::int

-- name: cast_numeric_invalid
-- expect-error: 22P02
SELECT '1,5'::numeric

-- name: cast_bool_invalid
-- expect-error: 22P02
SELECT 'maybe'::bool

-- name: cast_float_invalid
-- expect-error: 22P02
SELECT 'one'::float8

-- name: cast_int_overflow_text
-- expect-error: 22003
SELECT '3000000000'::int

-- name: cast_smallint_overflow
-- expect-error: 22003
SELECT 40000::smallint

-- name: cast_bigint_to_int_overflow
-- expect-error: 22003
SELECT 3000000000::bigint::int

-- name: cast_numeric_to_int_overflow
-- expect-error: 22003
SELECT 1e10::numeric::int

-- name: cast_float_to_int_overflow
-- expect-error: 22003
SELECT 1e20::float8::bigint

-- name: cast_numeric_field_overflow
-- expect-error: 22003
SELECT 123.45::numeric(4,2)

-- name: int_addition_overflow
-- expect-error: 22003
SELECT 2147483647 + 1

-- name: int_multiplication_overflow
-- expect-error: 22003
SELECT 100000 * 100000

-- name: bigint_overflow
-- expect-error: 22003
SELECT 9223372036854775807::bigint + 1

-- name: smallint_arithmetic_overflow
-- expect-error: 22003
SELECT 32767::smallint + 1::smallint

-- name: int_negation_overflow
-- expect-error: 22003
SELECT -(-2147483648)::int

-- name: abs_overflow
-- expect-error: 22003
SELECT abs(-2147483648::int)

-- name: sum_int_no_overflow
SELECT sum(x) FROM (VALUES (2147483647), (2147483647)) AS v(x)

-- name: column_overflow_on_insert
CREATE TABLE counters (id int PRIMARY KEY, n int, s smallint)

-- name: column_overflow_on_insert_row
INSERT INTO counters VALUES (1, 2147483647, 32767)

-- name: column_overflow_update
-- expect-error: 22003
UPDATE counters SET n = n + 1

-- name: column_overflow_insert_smallint
-- expect-error: 22003
INSERT INTO counters VALUES (2, 0, 40000)

-- name: division_by_zero_int
-- expect-error: 22012
SELECT 1 / 0

-- name: division_by_zero_numeric
-- expect-error: 22012
SELECT 1.5 / 0

-- name: division_by_zero_float
-- expect-error: 22012
SELECT 1.0::float8 / 0

-- name: modulo_by_zero
-- expect-error: 22012
SELECT 7 % 0

-- name: division_by_zero_column
-- expect-error: 22012
SELECT n / (s - s) FROM counters

-- name: division_by_zero_guarded
SELECT n / NULLIF(s - s, 0), coalesce(n / NULLIF(0, 0), -1) FROM counters

-- name: integer_division_truncates
SELECT 7 / 2, -7 / 2, 7 % 3, -7 % 3, 7.0 / 2, 7 / 2.0

-- name: int_min_divided_by_minus_one
-- expect-error: 22003
SELECT (-2147483648)::int / -1

-- name: cast_to_date_invalid_month
-- expect-error: 22008
SELECT '2024-13-01'::date

-- name: cast_text_column_to_int
SELECT v::int + 1 FROM (VALUES ('1'), ('22')) AS t(v) ORDER BY 1

-- name: cast_text_column_to_int_invalid
-- expect-error: 22P02
SELECT v::int FROM (VALUES ('1'), ('x')) AS t(v)

-- name: float_to_text_forms
SELECT '-0'::float8::text, 1e15::float8::text, 1e16::float8::text, 0.0001::float8::text, 1e-5::float8::text, 'NaN'::float8::text, '-Infinity'::float8::text, 1.5::float4::text

-- name: negative_zero_numeric_to_float
SELECT (-0.0)::float8, (-0.0)::float8::text, -0.0::float8

-- name: float_joined_to_text
SELECT 'v=' || 1.0::float8, 2.50::float4 || 'x', concat('a', 1e20::float8), format('%s|%s', 1.0::float8, 'NaN'::float4)

-- name: float_array_as_text
SELECT ARRAY[1.0::float8, 1e15, 2.5]::text, array_to_string(ARRAY[1.0::float8, 2.5], ',')

-- name: numeric_array_as_text
SELECT ARRAY[1.50::numeric(4,2), 2]::text

-- name: bool_array_to_string
SELECT array_to_string(ARRAY[true, false, NULL], ',', '?'), ARRAY[true, NULL]::text

-- name: row_constructor_as_text
SELECT ROW(1, 'a')::text, ROW(1)::text, ROW(1.5)::text, ROW(true, NULL)::text, (1, 'a b', 2.5::float8, NULL::text, '')::text, ROW('q"x', 'b\c')::text

-- name: table_row_as_text
SELECT c::text, c.id FROM counters c ORDER BY c.id

-- name: nullif_type_mismatch
-- expect-error: 42883
SELECT nullif(1, 'a'::text)

-- name: nullif_untyped_literal
SELECT nullif(1, '1'), nullif('a'::text, ''), nullif(2.5, 2)

-- name: generate_series_steps
SELECT (SELECT array_agg(g) FROM generate_series(5, 1, -2) AS g), (SELECT array_agg(g) FROM generate_series(1.0, 2.0, 0.5) AS g)

-- name: rounding_and_remainders
SELECT round(2.5), round(-2.5), round(2.567, 2), round(1234.5, -2), trunc(2.567, 1), mod(-7, 3), div(-7, 2), 7 / -2, 5 % -3, -5 % 3

-- name: small_integer_result_types
SELECT 10::int2 / 3::int2, pg_typeof(10::int2 / 3::int2), pg_typeof(1::int2 + 1), pg_typeof(1 + 1.5), pg_typeof(1::float4 + 1)

-- name: float_overflow_multiplication
-- expect-error: 22003
SELECT 1e300::float8 * 1e300::float8

-- name: integer_to_bit_n
SELECT 5::bit(4), 5::bit(40), (-1)::bit(4), 5::int8::bit(4), B'0101'::int, '0101'::bit(4)::int;

-- name: string_to_bit_n_padded_or_cut
SELECT '01'::bit(4), '0101101'::varbit(4), '01'::varbit(4), B'101'::bit(5), B'10111'::bit(2);

-- name: text_column_to_bit_n
SELECT b::bit(3) FROM (VALUES ('011'), ('10'), ('1101')) v(b) ORDER BY 1;

-- name: date_at_time_zone
SELECT date '2024-03-05' AT TIME ZONE 'UTC', date_trunc('month', date '2024-03-05' AT TIME ZONE 'UTC');

-- name: quote_literal_of_arrays
SELECT quote_literal(ARRAY[1, 2]), quote_nullable(ARRAY['a b', NULL]), quote_literal(1.5::float8);

-- name: text_column_to_boolean
SELECT s, s::boolean AS b FROM (VALUES ('on'), ('off'), (' true '), ('of'), ('Yes'), ('n'), ('1'), ('0'), ('t')) v(s) ORDER BY s

-- name: text_column_to_boolean_refused
-- expect-error: 22P02
SELECT s::boolean FROM (VALUES ('o')) v(s)

-- name: boolean_constant_prefixes
SELECT 'of'::boolean, 'on'::boolean, 'fal'::boolean, 'ye'::boolean

-- name: before_common_era_as_text
SELECT '4713-01-01 BC'::date::text, '0044-03-15 12:00 BC'::timestamp::text, '0044-03-15 10:00+00 BC'::timestamptz::text, '2024-01-02'::date::text;

-- name: before_common_era_as_varchar
SELECT '0001-12-31 BC'::date::varchar, '2024-01-02 03:04:05.5+00'::timestamptz::varchar;

-- name: numeric_column_to_smallint_overflow
-- expect-error: 22003
SELECT b::int2 FROM (VALUES (70818.5::numeric(8,2))) v(b)

-- name: numeric_column_to_integer_overflow
-- expect-error: 22003
SELECT b::int FROM (VALUES (7081800000::numeric)) v(b)

-- name: bigint_to_boolean_is_no_cast
-- expect-error: 42846
SELECT 1::int8::bool

-- name: boolean_to_smallint_is_no_cast
-- expect-error: 42846
SELECT true::int2

-- name: boolean_and_integer_cast
SELECT 1::bool, true::int, 0::int4::boolean, 'yes'::bool::int

-- name: casts_to_varchar_n_and_char_n_arrays_shorten_each_element
SELECT '{abcd}'::varchar(2)[], array['abcd']::varchar(2)[], '{"ab   "}'::char(2)[]::text, '{"a  ","bb  "}'::varchar(2)[],
       '{"a\"bcd",NULL}'::varchar(3)[], ARRAY['abc', NULL, 'x']::varchar(2)[], x::varchar(2)[]
FROM (VALUES ('{abcd}')) v(x)

-- name: function_style_casts
SELECT int4('12'), text(12), bool('t'), int8(3), float8(1), name('x'), "numeric"('1.5'), bytea('abc'),
       pg_catalog.varchar('ab'), bpchar('a'::"char"), timestamptz('2024-01-01 10:00'), jsonb('{"a":1}'), uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')

-- name: function_style_cast_out_of_range
-- expect-error: 22003
SELECT int2(70000)

-- name: internal_char_keeps_one_character
SELECT 'ab'::"char", pg_catalog."char"('xy'), CAST('q' AS "char")

-- name: text_parameters_setup
CREATE TABLE text_parameter_targets (i int, d date);
PREPARE text_as_int(text) AS SELECT $1::int;
PREPARE varchar_as_numbers(varchar) AS SELECT $1::int8, $1::numeric;
PREPARE text_as_float(text) AS SELECT $1::float8;
PREPARE text_as_bool(text) AS SELECT $1::bool;
PREPARE text_as_interval(text) AS SELECT $1::interval

-- name: text_parameter_not_an_integer
-- expect-error: 22P02
EXECUTE text_as_int('1.5')

-- name: varchar_parameter_not_a_bigint
-- expect-error: 22P02
EXECUTE varchar_as_numbers('9.5')

-- name: text_parameter_beyond_double_precision
-- expect-error: 22003
EXECUTE text_as_float('1e400')

-- name: text_parameter_read_as_boolean
EXECUTE text_as_bool('on')

-- name: text_parameter_read_as_interval
EXECUTE text_as_interval('P1Y2M')

-- name: varchar_parameter_into_integer_column
-- expect-error: 42804
PREPARE varchar_into_int(varchar) AS INSERT INTO text_parameter_targets (i) VALUES ($1)

-- name: text_beyond_float_ranges
-- expect-error: 22003
SELECT x::float8 FROM (VALUES ('1e-400')) v(x)

-- name: function_style_cast_column_names
SELECT date(ts), int4(x), text(x) FROM (VALUES (TIMESTAMP '2024-01-02 10:00', 5)) v(ts, x)

-- name: text_parameter_as_bytea
PREPARE text_as_bytea(text) AS SELECT $1::bytea;
EXECUTE text_as_bytea('\x0102')

-- name: domain_of_integer_string_constants
CREATE DOMAIN positive_count AS int CHECK (VALUE > 0);
SELECT '7'::positive_count, ' 8 '::positive_count, '+9'::positive_count

-- name: domain_of_integer_string_not_an_integer
-- expect-error: 22P02
SELECT '1.5'::positive_count

-- name: domain_of_integer_string_out_of_range
-- expect-error: 22003
SELECT '99999999999'::positive_count
