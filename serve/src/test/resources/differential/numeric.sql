-- Numeric exactness: numeric literals, numeric columns with and without precision, rounding,
-- overflow, NaN/Infinity, values beyond 38 digits, and the types of aggregates and division.

-- name: literal_cast
SELECT 12345.6789::numeric;

-- name: literal_plain
SELECT 12345.6789;

-- name: literal_scales
SELECT 1.10::numeric, 0.000::numeric, -0.5::numeric, 2.50 AS price;

-- name: digits_39
SELECT 123456789012345678901234567890123456789::numeric;

-- name: digits_39_plain
SELECT 123456789012345678901234567890123456789;

-- name: fraction_40_digits
SELECT 1.234567890123456789012345678901234567890::numeric;

-- name: e30
SELECT 1e30::numeric;

-- name: e30_plain
SELECT 1e30, 1.5e-10;

-- name: exponent_cast
SELECT 1.5e-10::numeric, 2E+3::numeric;

-- name: create_table
CREATE TABLE money_rows (
    id int PRIMARY KEY,
    amount numeric,
    price numeric(10,2),
    rate numeric(5,4),
    big numeric(38,0)
);

-- name: insert
INSERT INTO money_rows VALUES
    (1, 12345.6789, 19.99, 0.0725, 12345678901234567890123456789012345678),
    (2, 0.1, 5, 1, 1),
    (3, -7.250, 0.005, 0.00005, 0),
    (4, NULL, NULL, NULL, NULL);

-- name: select_all
SELECT * FROM money_rows ORDER BY id;

-- name: insert_rounds_to_scale
INSERT INTO money_rows VALUES (5, 2.675, 2.675, 0.12345, -1) RETURNING price, rate, big;

-- name: insert_precision_overflow
-- expect-error: 22003
INSERT INTO money_rows VALUES (6, 1, 123456789.12, 1, 0);

-- name: insert_scale_overflow
-- expect-error: 22003
INSERT INTO money_rows (id, rate) VALUES (7, 10);

-- name: insert_big_overflow
-- expect-error: 22003
INSERT INTO money_rows (id, big) VALUES (8, 123456789012345678901234567890123456789);

-- name: cast_overflow
-- expect-error: 22003
SELECT 1000::numeric(5,2);

-- name: cast_rounds_half_away
SELECT 1.005::numeric(5,2), 1.004::numeric(5,2), -1.005::numeric(5,2);

-- name: where_numeric
SELECT id, price FROM money_rows WHERE price > 5 ORDER BY price;

-- name: sum_columns
SELECT sum(amount), sum(price), sum(rate), sum(big) FROM money_rows;

-- name: avg_price
SELECT avg(price) FROM money_rows;

-- name: avg_int
SELECT avg(x) FROM (VALUES (1), (2), (2)) v(x);

-- name: sum_int_type
SELECT sum(x), pg_typeof(sum(x)) FROM (VALUES (1), (2)) v(x);

-- name: sum_bigint_past_int8
SELECT sum(x), pg_typeof(sum(x)) FROM (VALUES (9223372036854775807::bigint), (1::bigint)) v(x);

-- name: avg_bigint_type
SELECT avg(x::bigint), pg_typeof(avg(x::bigint)) FROM (VALUES (1), (2)) v(x);

-- name: sum_float
SELECT sum(x), pg_typeof(sum(x)) FROM (VALUES (0.1::float8), (0.2::float8)) v(x);

-- name: count_type
SELECT count(*), pg_typeof(count(*)) FROM money_rows;

-- name: group_sum
SELECT id % 2 AS parity, sum(price) FROM money_rows GROUP BY 1 ORDER BY 1;

-- name: division_numeric
SELECT 10::numeric / 3;

-- name: division_int
SELECT 10 / 3, 10 % 3, -7 / 2, -7 % 2;

-- name: division_mixed
SELECT 1 / 3.0, 2.50 / 0.5;

-- name: multiply_scale
SELECT 1.10 * 2.000, 0.1 + 0.2, 1.5 - 1.50;

-- name: float_add
SELECT 0.1::float8 + 0.2::float8;

-- name: nan_infinity
SELECT 'NaN'::numeric, 'Infinity'::numeric, '-Infinity'::numeric;

-- name: nan_sorts_last
SELECT x FROM (VALUES ('NaN'::numeric), (1e100::numeric), ('-Infinity'::numeric), ('Infinity'::numeric)) v(x) ORDER BY x;

-- name: infinity_arithmetic
SELECT 'Infinity'::numeric + 1, 'NaN'::numeric * 0;

-- name: float_special
SELECT 'NaN'::float8, 'Infinity'::float8, '-Infinity'::float4;

-- name: round_numeric
SELECT round(2.5::numeric), round(-2.5::numeric), round(1234.5678, 2), round(1234.5678, -2);

-- name: trunc_numeric
SELECT trunc(1234.5678, 1), trunc(-1.9::numeric);

-- name: ceil_floor
SELECT ceil(1.2::numeric), floor(-1.2::numeric), ceil(1.2::float8), floor(-1.5::float8);

-- name: abs_sign
SELECT abs(-3.50::numeric), sign(-3.50::numeric), sign(0::numeric);

-- name: power
SELECT power(2::numeric, 10), 2 ^ 10, 2.0 ^ 0.5;

-- name: sqrt
SELECT sqrt(2::numeric), sqrt(16::numeric);

-- name: mod_numeric
SELECT mod(10.5, 3), 10.5 % 3;

-- name: numeric_to_int
SELECT 2.5::int, 3.5::int, -2.5::int;

-- name: float_to_int
SELECT 2.5::float8::int, 3.5::float8::int, -2.5::float8::int;

-- name: numeric_to_float
SELECT 12345.6789::float8, 12345.6789::float4;

-- name: literal_types
SELECT pg_typeof(1), pg_typeof(1.5), pg_typeof(10000000000), pg_typeof(1e3), pg_typeof(1::float4);

-- name: compare_scales
SELECT 1.0::numeric = 1.00::numeric, 1.10 = 1.1, 2.0 > 1.99999999999999999999999;

-- name: to_text
SELECT 12345.6789::numeric::text, 1e30::numeric::text, 0.10::numeric::text;

-- name: add_to_39_digits
SELECT 99999999999999999999999999999999999999 + 1;

-- name: negative_zero
SELECT -0.0::numeric, 0.0 * -1;

-- name: scale_function
SELECT scale(12.345), scale(10::numeric);

-- name: update_returning
UPDATE money_rows SET amount = amount * 2 WHERE id = 1 RETURNING amount;

-- name: int_cast_overflow
-- expect-error: 22003
SELECT 2147483648::int;

-- name: bigint_add_overflow
-- expect-error: 22003
SELECT 9223372036854775807::bigint + 1;

-- name: smallint_add_overflow
-- expect-error: 22003
SELECT 32767::smallint + 1::smallint;

-- name: float_to_int_overflow
-- expect-error: 22003
SELECT 1e10::float8::int;

-- name: float8_mul_overflow
-- expect-error: 22003
SELECT 1e308::float8 * 10;

-- name: float8_add_overflow
-- expect-error: 22003
SELECT 1e308::float8 + 1e308::float8;

-- name: float8_sub_overflow
-- expect-error: 22003
SELECT -1e308::float8 - 1e308::float8;

-- name: float8_mul_underflow
-- expect-error: 22003
SELECT 1e-308::float8 * 1e-308::float8;

-- name: float8_div_overflow
-- expect-error: 22003
SELECT 1e308::float8 / 1e-10::float8;

-- name: float8_div_underflow
-- expect-error: 22003
SELECT 1e-308::float8 / 1e308::float8;

-- name: float4_mul_overflow
-- expect-error: 22003
SELECT 1e38::float4 * 10::float4;

-- name: float_infinity_stays
SELECT 'infinity'::float8 * 2, 'infinity'::float8 + 1, '-infinity'::float8 - 1, 5 / 'infinity'::float8, 0::float8 * 1e308::float8;

-- name: float_arithmetic_within_range
SELECT 1.5::float8 * 2, 1e300::float8 * 1e7::float8, 2.5::float4 * 2::float4, 10::float8 / 4, 1::float8 - 0.25, pg_typeof(1.5::float4 * 2);

-- name: float_exp_overflow
-- expect-error: 22003
SELECT exp(1000::float8);

-- name: float_exp_underflow
-- expect-error: 22003
SELECT exp(-1000::float8);

-- name: float_exp_values
SELECT exp(1::float8), exp('infinity'::float8), exp('-infinity'::float8), exp(0::float8);

-- name: float_power_overflow
-- expect-error: 22003
SELECT power(10::float8, 400::float8);

-- name: float_power_zero_negative
-- expect-error: 2201F
SELECT power(0::float8, -1::float8);

-- name: float_power_negative_fraction
-- expect-error: 2201F
SELECT power(-8::float8, 0.5::float8);

-- name: float_power_values
SELECT power(2::float8, 10::float8), pow(-2::float8, 3::float8), power(2::float8, -2::float8), power(0::float8, 0::float8), power('infinity'::float8, 2::float8);

-- name: insert_select_star_source
CREATE TABLE star_source (label text, amount float8, note varchar(10));

-- name: insert_select_star_target
CREATE TABLE star_target (label varchar(5), amount numeric, note text);

-- name: insert_select_star_fill
INSERT INTO star_source VALUES ('a', 0.125, 'x'), ('b', 2.5, 'y');

-- name: insert_select_star_exact
INSERT INTO star_target SELECT * FROM star_source RETURNING *;

-- name: insert_select_star_too_long
-- expect-error: 22001
INSERT INTO star_target SELECT * FROM (VALUES ('toolong', 1.5::float8, 'z')) AS v;

-- name: insert_select_star_more_digits_than_kept
INSERT INTO star_source VALUES ('c', 1.234567890123456789e-7, 'w');

-- name: insert_select_star_digits
INSERT INTO star_target SELECT * FROM star_source WHERE label = 'c';

-- name: insert_select_star_fewer_columns
INSERT INTO star_target SELECT s.label FROM (SELECT * FROM star_source WHERE label = 'a') s RETURNING label, amount;

-- name: insert_values_fewer_columns
INSERT INTO star_target VALUES ('v') RETURNING label, amount, note;

-- name: sum_float_overflow
-- expect-error: 22003
SELECT sum(x) FROM (VALUES (1e308::float8), (1e308::float8)) v(x);

-- name: sum_float_infinite_input
SELECT sum(x), sum(x) FILTER (WHERE x < 0), sum(DISTINCT x) FROM (VALUES ('Infinity'::float8), (1::float8), (1::float8), (-2::float8)) v(x);

-- name: sum_float_grouped
SELECT g, sum(x) FROM (VALUES (1, 1.5::float8), (1, 2.25::float8), (2, NULL::float8)) v(g, x) GROUP BY g ORDER BY g;

-- Numeric division and avg: PostgreSQL's result scale depends on both operands' scales and
-- magnitudes (select_div_scale), so each row's quotient has its own number of decimals.

-- name: div_rows_table
CREATE TABLE div_rows (id int PRIMARY KEY, a numeric(12,2), i int, b bigint, s smallint, m numeric(38,2), f numeric(38,30));

-- name: div_rows_fill
INSERT INTO div_rows VALUES
    (1, 123.45, 7, 9223372036854775807, 32767, 999999999999999999999999999999999999.99, 0.123456789012345678901234567890),
    (2, -0.01, -3, -9223372036854775808, -32768, -0.01, -0.000000000000000000000000000001),
    (3, 0, 0, 0, 0, 0, 0),
    (4, NULL, NULL, NULL, NULL, NULL, NULL),
    (5, 9999999999.99, 2147483647, 12345678901234567, 1, 12345678901234567890.12, 1.5),
    (6, 0.05, 1, 99999999999999999, 2, 0.05, 0.000000000000000000000000000005);

-- name: div_by_constants
SELECT id, a / 100.0, a / 4, a / 3, a / -0.5, a / 1e-20, a / 123456789012345678901234567890 FROM div_rows ORDER BY id;

-- name: div_integers_by_numeric
SELECT id, i / 100.0, b / 100.0, s / 8::numeric, i / 2.5, b / 3.0, 7 / 2.0, -7 / 0.25 FROM div_rows ORDER BY id;

-- name: div_integer_by_numeric_column
SELECT id, i / a, b / a, 1 / a FROM div_rows WHERE a <> 0 ORDER BY id;

-- name: div_numeric_38_at_the_limit
SELECT id, m / 3, m / 100.0, m / 0.01, f / 7, f / 100.0, m / a FROM div_rows WHERE id <> 3 ORDER BY id;

-- name: div_small_magnitudes
SELECT 0.00000001 / 3, 1 / 30000000000.0, 0.000000000000000000000000000001 / 7, 1e-30 / 1e30;

-- name: div_cast_to_numeric
SELECT id, CAST(a / 100.0 AS numeric(12,2)), CAST(b / 100.0 AS numeric(20,1)), CAST(i / 3.0 AS numeric(13,3)),
    CAST(a / 8 AS numeric(14,4)), CAST(s / 0.5 AS numeric(8,1)), CAST(-a / 1000 AS numeric(12,2)) FROM div_rows ORDER BY id;

-- name: div_compared
SELECT id FROM div_rows WHERE a / 100.0 > 0.0001 AND i / 3.0 < 1000 ORDER BY id;

-- name: div_sum_of_casts
SELECT sum(CAST((g % 100000) / 100.0 AS numeric(12,2))), sum(CAST(g / 3.0 AS numeric(12,2))), max(CAST(-g / 8.0 AS numeric(12,3)))
FROM generate_series(CAST(1 AS bigint), 10000) AS s(g);

-- name: div_by_zero_column
-- expect-error: 22012
SELECT a / 0 FROM div_rows;

-- name: div_by_zero_decimal
-- expect-error: 22012
SELECT a / 0.00 FROM div_rows;

-- name: div_by_zero_value
-- expect-error: 22012
SELECT 1 / a FROM div_rows;

-- name: div_by_zero_in_cast
-- expect-error: 22012
SELECT CAST(i / 0.0 AS numeric(10,2)) FROM div_rows;

-- name: div_by_zero_no_rows
SELECT a / 0, i / 0.0 FROM div_rows WHERE false;

-- name: div_by_zero_null_only
SELECT a / 0 FROM div_rows WHERE id = 4;

-- name: avg_columns
SELECT avg(a), avg(i), avg(b), avg(s), avg(f), pg_typeof(avg(i)), pg_typeof(avg(s)), pg_typeof(avg(b)) FROM div_rows;

-- name: avg_numeric_38
SELECT avg(m) FROM div_rows WHERE id > 1;

-- name: avg_empty
SELECT avg(a), avg(i), avg(b), avg(m) FROM div_rows WHERE false;

-- name: avg_nulls_only
SELECT avg(a), avg(i) FROM div_rows WHERE id = 4;

-- name: avg_grouped
SELECT id % 2 AS parity, avg(a), avg(i), avg(s) FROM div_rows GROUP BY 1 ORDER BY 1;

-- name: avg_distinct_filter
SELECT avg(DISTINCT a), avg(a) FILTER (WHERE a > 0), avg(DISTINCT i) FILTER (WHERE i <> 7), avg(m) FILTER (WHERE id > 1) FROM div_rows;

-- name: avg_small_and_negative
SELECT avg(x) FROM (VALUES (0.001::numeric(6,3)), (-0.002), (0.0005::numeric(6,4))) v(x);

-- name: avg_integers_series
SELECT avg(g), avg(CAST(g AS int)), avg(CAST(g % 1000 AS numeric(12,2)) / 7) FROM generate_series(CAST(1 AS bigint), 1000) AS s(g);

-- name: div_cast_rounds_postgresqls_quotient
SELECT id, CAST(a / 3 AS numeric(14,2)), CAST(i / 7.0 AS numeric(12,0)), CAST(b / 3.0 AS numeric(38,5)), CAST(-a / 6 AS numeric(12,1)),
    CAST(m / 7 AS numeric(38,2)), CAST(f / 3 AS numeric(38,30)) FROM div_rows ORDER BY id;

-- name: avg_cast
SELECT CAST(avg(a) AS numeric(14,3)), CAST(avg(i) AS numeric(12,0)), CAST(avg(b) AS numeric(30,1)) FROM div_rows;

-- name: div_cast_half_away_from_zero
SELECT CAST(0.005 / 1 AS numeric(5,2)), CAST(-0.005::numeric(5,3) / 1 AS numeric(5,2)), CAST(2.5 / 2 AS numeric(4,0)), CAST(-2.5 / 2 AS numeric(4,0));

-- name: div_cast_overflow
-- expect-error: 22003
SELECT CAST(a / 0.001 AS numeric(12,2)) FROM div_rows;

-- A quotient in the result is PostgreSQL's text; ORDER BY it still sorts by the number.

-- name: div_order_by_position_and_alias
SELECT x, x / 3.0 AS q FROM (VALUES (1), (25), (100), (9), (-4)) v(x) ORDER BY q DESC, 1;

-- name: avg_order_by_alias_and_position
SELECT k, avg(x) AS m, avg(x * 2) FROM (VALUES (1, 1), (2, 25), (3, 100), (4, 9)) v(k, x) GROUP BY k ORDER BY m, 3 LIMIT 3;

-- name: div_order_by_distinct
SELECT DISTINCT x / 4.0 AS q FROM (VALUES (1), (25), (100), (9)) v(x) ORDER BY q;

-- name: avg_window
SELECT k, x, avg(x) OVER (ORDER BY k), avg(x) OVER (PARTITION BY k % 2), avg(x::numeric(6,2)) OVER (ORDER BY k ROWS BETWEEN 1 PRECEDING AND CURRENT ROW),
    CAST(avg(x) OVER (ORDER BY k) AS numeric(10,3)), avg(x) FILTER (WHERE x > 1) OVER (ORDER BY k)
FROM (VALUES (1, 1), (2, 25), (3, NULL), (4, 9), (5, -7)) v(k, x) ORDER BY k;

-- name: avg_window_named_and_sorted
SELECT k, avg(x) OVER w AS m, avg(x) OVER (ORDER BY k) AS n FROM (VALUES (1, 1.5::numeric(4,1)), (2, 2.5), (3, 30)) v(k, x)
WINDOW w AS (ORDER BY k) ORDER BY n DESC;

-- smallint with an integer is integer arithmetic

-- name: smallint_setup
CREATE TABLE small_values (x smallint);

-- name: smallint_rows
INSERT INTO small_values VALUES (300), (32767);

-- name: smallint_times_integer
SELECT x * 1000, x + 1, 1 + x, x - 40000 FROM small_values ORDER BY x;

-- name: smallint_constant_plus_integer
SELECT 32767::int2 + 1, pg_typeof(32767::int2 + 1), 2::int2 * 100000;

-- name: smallint_sum_of_products
SELECT sum(x * 2) FROM small_values;

-- name: smallint_plus_smallint_overflows
-- expect-error: 22003
SELECT 32767::int2 + 1::int2;

-- name: real_sum_setup
CREATE TABLE real_sums (r real, g int);

-- name: real_sum_rows
INSERT INTO real_sums VALUES (0.1, 1), (0.2, 1), (0.3, 2), ('3e38', 3), ('3e38', 3);

-- name: real_sum_grouped
SELECT g, sum(r), pg_typeof(sum(r)) FROM real_sums WHERE g < 3 GROUP BY g ORDER BY g;

-- name: real_sum_whole
SELECT sum(r), sum(r::float8) FROM real_sums WHERE g < 3;

-- name: real_sum_overflow
-- expect-error: 22003
SELECT sum(r) FROM real_sums;

-- name: real_sum_window
SELECT g, sum(r) OVER (ORDER BY r), sum(r) OVER () FROM real_sums WHERE g < 3 ORDER BY r;

-- name: numeric_product_beyond_18_digits
SELECT 123456789012345.5 * 1000, 1000000000::numeric * 1000000000::numeric

-- name: numeric_column_products_setup
CREATE TABLE priced (price numeric(14,2), qty int);
INSERT INTO priced VALUES (123456789012.34, 100000), (1.5, 2)

-- name: numeric_column_products
SELECT price * qty, qty * price, price + 999999999999999999, sum(price * qty) OVER () FROM priced ORDER BY 1

-- name: numeric_sum_of_products
SELECT sum(price * qty), pg_typeof(sum(price * qty)) FROM priced

-- name: integer_products_still_overflow
-- expect-error: 22003
SELECT 3000000000 * 4000000000

-- name: bare_numeric_as_text_setup
CREATE TABLE bare (n numeric);
INSERT INTO bare VALUES (2.5), (3), (-0.125)

-- name: bare_numeric_as_text
SELECT n::text, n || '', format('%s', n), concat(n, '/'), 'Total: ' || n FROM bare ORDER BY n

-- name: bare_numeric_sum_as_text
SELECT 'Total: ' || sum(n), string_agg(n::text, ',' ORDER BY n) FROM bare

-- name: text_column_to_bare_numeric
SELECT s::numeric, pg_typeof(s::numeric) FROM (VALUES ('1.25'), ('3'), (' -7.5 '), ('1.123456789')) v(s) ORDER BY 1

-- name: text_column_to_bare_numeric_beyond_ten_decimals
SELECT s::numeric FROM (VALUES ('1.123456789012345')) v(s)

-- name: integer_arguments_take_double_precision_forms
SELECT round(5), pg_typeof(round(5)), ceil(5), pg_typeof(ceil(5)), floor(7::bigint), pg_typeof(floor(7::bigint)),
       trunc(5), pg_typeof(trunc(5)), sign(-3), pg_typeof(sign(-3)), pg_typeof(round(5, 1))

-- name: real_arguments_take_double_precision_forms
SELECT round(123456789::real), ceil(1234567.5::real), floor(1234567.5::real), trunc(1234567.5::real), sign(2.5::real),
       pg_typeof(ceil(1.5::real))

-- name: math_of_integers_is_double_precision
SELECT sqrt(16), pg_typeof(sqrt(16)), ln(10), pg_typeof(ln(10)), exp(1), pg_typeof(exp(1)), power(2, 3), pg_typeof(power(2, 3)),
       pg_typeof(sqrt(2.0)), pg_typeof(power(2, 3.5))

-- name: real_compared_with_exact_numbers
SELECT 0.1::real = 0.1, 0.5::real = 0.5, 0.1::real = 0.1::float8, 0.1::real = 0.1::real, 0.1::real < 0.1, 1::real = 1

-- name: power_of_integers_is_double_precision
SELECT pg_typeof(10 ^ 17), (10 ^ 17)::numeric, (10 ^ 18)::numeric, (2 ^ 60)::numeric, pg_typeof(2 ^ 0.5), pg_typeof(trunc(7, 1))

-- name: products_of_declared_numerics_keep_their_scale
SELECT 1.5::numeric(10,5) * 1.5::numeric(10,5), 1.000::numeric(12,3) * 1.0000000000::numeric(20,10), 2.5::numeric(4,1) * 3

-- name: real_between_and_any_of_exact_numbers
SELECT r, r BETWEEN 0.1 AND 0.3, r NOT BETWEEN 0.1 AND 0.3, r BETWEEN SYMMETRIC 0.3 AND 0.1, r = ANY (ARRAY[0.1, 0.3]), r = ANY ('{0.1,0.3}')
FROM (VALUES (0.1::real), (1.5::real), (0.3::real)) v(r) ORDER BY r

-- name: real_in_a_subquery_of_exact_numbers
SELECT r, r IN (SELECT n FROM (VALUES (0.1::numeric), (1.5)) s(n)), r = ANY (SELECT 0.3::float8), r < ALL (SELECT 0.1::numeric),
    r::numeric IN (SELECT x FROM (VALUES (0.1::real), (1.5::real)) s(x)), 1.5 IN (SELECT x FROM (VALUES (1.5::real)) s(x))
FROM (VALUES (0.1::real), (1.5::real), (0.3::real)) v(r) ORDER BY r

-- name: quotients_divided_again_keep_postgresql_scale
SELECT 10.00 / 3 / 2, 1 / (10.00 / 3), (10.00 / 3) * 3, 1 + 10.00 / 3, round(10.00 / 3 / 7, 20), avg(x) / 3, avg(x) / 3 / 7
FROM (VALUES (10.00::numeric(10,2)), (10.00)) v(x)

-- name: prepared_division_by_a_numeric_parameter
PREPARE divide_declared(numeric) AS SELECT 10.00::numeric(10,2) / $1, pg_typeof(10.00::numeric(10,2) / $1);
PREPARE divide_inferred AS SELECT 10.00::numeric(10,2) / $1, $1 / 4.0, pg_typeof(10.00::numeric(10,2) / $1);
PREPARE divide_integer(int) AS SELECT 7 / $1, pg_typeof(7 / $1);
SELECT * FROM (VALUES (1)) v(x)

-- name: prepared_division_by_a_numeric_parameter_runs
EXECUTE divide_declared(3)

-- name: prepared_division_inferred_runs
EXECUTE divide_inferred('3')

-- name: prepared_integer_division_runs
EXECUTE divide_integer(2)

-- name: prepared_division_deallocated
DEALLOCATE ALL

-- name: floats_stored_as_numeric_take_their_significant_digits
CREATE TABLE float_store (x numeric(12,2), y numeric, z numeric(6,2));
INSERT INTO float_store VALUES (1.005::float8, 0.1::float8 + 0.2::float8, 2.675::real);
UPDATE float_store SET z = 1.125::float8 * 2;
SELECT x, y, z FROM float_store

-- name: large_numeric_constants_beside_floats
CREATE TABLE float_far (f float8, r real);
INSERT INTO float_far VALUES (1e300, 1e-30), (1.5e-39, 1e30);
UPDATE float_far SET f = 1e-300 WHERE f = 1e300;
SELECT f, r, f = 1e-300, f < 1e300, 2.5e-50 * 2.0::float8 FROM float_far ORDER BY f

-- name: numeric_in_a_subquery_of_reals_of_any_shape
CREATE TABLE real_shapes (r real);
INSERT INTO real_shapes VALUES (0.1), (2.5);
SELECT n, n IN (SELECT r FROM real_shapes UNION SELECT r FROM real_shapes), n IN (SELECT r FROM real_shapes UNION ALL SELECT 2.5::real),
    n IN (VALUES (0.1::real)), n IN (SELECT * FROM (SELECT r FROM real_shapes) s)
FROM (VALUES (0.1::numeric), (2.5)) v(n) ORDER BY n

-- name: floats_out_of_range_as_constants
-- expect-error: 22003
INSERT INTO float_far (r) VALUES (1e39)

-- name: floats_out_of_range_as_constants_double
-- expect-error: 22003
INSERT INTO float_far (f) VALUES (1e400)

-- name: floats_too_small_as_constants
-- expect-error: 22003
INSERT INTO float_far (f) VALUES (1e-400)

-- name: expressions_of_reals_stored_as_numeric
CREATE TABLE real_exprs (c numeric(20,10));
INSERT INTO real_exprs VALUES (1/3::real), (0.1::real * 3), (2.675::real);
SELECT c FROM real_exprs ORDER BY c

-- name: smallest_integer_constant_is_an_integer
SELECT pg_typeof(-2147483648), to_hex(-2147483648), -2147483648, pg_typeof(-2147483649), pg_typeof(2147483648)

-- name: casts_to_numeric_of_more_than_38_digits
SELECT ROUND((f)::numeric(1000, 15), 1), 1.5::numeric(39,2), 12345678901234567890123456.5::numeric(50,2), pg_typeof(1.5::numeric(39,2))
FROM (VALUES (2.345::float8), (-7.5), (1e20)) v(f) ORDER BY 1

-- name: casts_to_numeric_of_more_than_38_digits_overflow
-- expect-error: 22003
SELECT 1e30::numeric(50, 20)

-- name: integer_cast_to_numeric_divided_has_no_decimals
SELECT 2000000000::numeric / 7, 1234567890123456789::int8::numeric / 7, x::numeric / 7
FROM (VALUES (123456789012::int8)) v(x)

-- name: integer_column_cast_to_numeric_divided
SELECT x::numeric / 7 AS q, x / 7::numeric AS r FROM (VALUES (2000000000), (5)) v(x) ORDER BY x

-- name: quotient_as_text_keeps_its_digits
SELECT (1::numeric / 2145678)::text, 'r=' || (1::numeric / 2145678), (10::numeric / 4)::text

-- name: round_numeric_to_more_places_than_it_has
CREATE TABLE rounded_places (b numeric(8,2));
INSERT INTO rounded_places VALUES (8.28), (99.99), (-0.05);
SELECT b, round(b, 4), round(b, 1), round(b, 0), round(2.5, 3), round(1.5, 20), round(b::numeric, 3)
FROM rounded_places ORDER BY b

-- name: float_power_of_a_negative_base_to_a_fraction
-- expect-error: 2201F
SELECT (-8)::float8 ^ 0.5::float8

-- name: float_power_operator_overflow
-- expect-error: 22003
SELECT 10 ^ 400

-- name: float_power_operator
SELECT 2 ^ 10, 2.0::float8 ^ -1, (-8)::float8 ^ 3

-- name: numeric_math_result_scales
SELECT sqrt(2::numeric), sqrt(12345678901234567890.123), sqrt(0::numeric), sqrt(2.000000000000000000000000),
       exp(1::numeric), exp(10.5), exp(-100::numeric), ln(2::numeric), ln(12345.678), ln(1.0001), ln(0.95),
       log(100::numeric), log(0.001), log(2, 1024::numeric), log(0.5, 8.0), log(10::numeric, 3)

-- name: numeric_power_exact_and_general
SELECT 2::numeric ^ 100, power(10::numeric, -3), power(1.5, 3), power(2.50, 2), power(-2::numeric, 3),
       power(9.99, 50.5), power(4::numeric, 0.5), 0::numeric ^ 0, 0::numeric ^ 0.5, power(1.000001, 1000000),
       0.1 ^ 30, (-1.5) ^ 3, 1.5 ^ 2.5

-- name: numeric_math_of_columns
CREATE TABLE math_rows (a numeric, b numeric(10,3), c int);
INSERT INTO math_rows VALUES (2, 2.000, 2), (12345.678, 0.001, 7), (0.5, 1.5, -3);
SELECT sqrt(a), sqrt(b), exp(b), ln(b), power(a, c), power(b, c), a ^ b, log(b, a), round(sqrt(b), 3),
       sqrt(a) + 1, sqrt(a)::numeric(10,4), sqrt(a)::text, sqrt(a / 3), pg_typeof(power(c, c))
FROM math_rows ORDER BY c

-- name: numeric_sqrt_of_a_negative
-- expect-error: 2201F
SELECT sqrt(-1::numeric)

-- name: numeric_ln_of_zero
-- expect-error: 2201E
SELECT ln(0::numeric)

-- name: numeric_log_of_a_negative
-- expect-error: 2201E
SELECT log(10::numeric, -1)

-- name: numeric_log_base_one
-- expect-error: 22012
SELECT log(1::numeric, 10)

-- name: numeric_zero_to_a_negative_power
-- expect-error: 2201F
SELECT power(0::numeric, -1)

-- name: numeric_negative_to_a_fractional_power
-- expect-error: 2201F
SELECT power(-8::numeric, 1/3::numeric)

-- name: numeric_exp_overflow
-- expect-error: 22003
SELECT exp(6000::numeric)

-- name: setup_round_to_column
CREATE TABLE round_to (x numeric, k int, n2 numeric(10,3))

-- name: setup_round_to_column_rows
INSERT INTO round_to VALUES (1234.5678, 2, 12.345), (1234.5678, -2, -12.345), (-0.5, 0, 0.5), (2.675, 2, 99.995), (NULL, 1, 1), (5, NULL, 1)

-- name: round_trunc_to_a_column
SELECT round(x, k), trunc(x, k), round(n2, k), trunc(n2, k), round(k, k + 2) FROM round_to ORDER BY k, x

-- name: round_to_a_column_ordered
SELECT round(x, k + 1) FROM round_to ORDER BY 1

-- name: setup_grouped_quotients
CREATE TABLE grouped_quotients (id int, n numeric(10,2), i int, d date, b bigint)

-- name: setup_grouped_quotients_rows
INSERT INTO grouped_quotients VALUES (1, 10.5, 3, '2020-01-05', 9223372036854775807), (2, 7, 4, '2021-03-04', 1), (3, 7, 5, '2021-06-07', 5), (4, 100, 10, '2021-01-01', 2)

-- name: group_by_position_order_by_quotient
SELECT n / 3 AS q, count(*) FROM grouped_quotients GROUP BY 1 ORDER BY 1

-- name: group_by_alias_order_by_quotient_desc
SELECT i / 2.0 AS h FROM grouped_quotients GROUP BY h ORDER BY h DESC

-- name: group_by_extract_order_by_it
SELECT extract(year FROM d) AS y, count(*) FROM grouped_quotients GROUP BY 1 ORDER BY 1

-- name: group_by_math_expression
SELECT sqrt(i::numeric), count(*) FROM grouped_quotients GROUP BY sqrt(i::numeric) ORDER BY 1 DESC

-- name: group_by_round_of_quotient
SELECT round(n / 3, 2), count(*) FROM grouped_quotients GROUP BY 1 ORDER BY 1

-- name: distinct_quotient_ordered
SELECT DISTINCT n / 4 FROM grouped_quotients ORDER BY 1

-- name: avg_and_sum_of_integers_cast_to_numeric
SELECT avg(b::numeric), avg(i::numeric), sum(b::numeric), sum(b::numeric) / count(*), sum(i::numeric) / 7, avg(x::numeric) FROM grouped_quotients, (VALUES (1234567890)) v(x)

-- name: prepare_integer_beside_wider_parameters
PREPARE beside_integer(numeric, float8, bigint) AS SELECT id, coalesce(i, $1), coalesce(i, $2), greatest($3, i), CASE WHEN i > 4 THEN $1 ELSE i END FROM grouped_quotients ORDER BY id

-- name: execute_integer_beside_wider_parameters
EXECUTE beside_integer(2.5, 2.5, 1099511627776)

-- name: float_power_of_negative_base_numeric_exponent
-- expect-error: 2201F
SELECT (-0.5)::float8 ^ 0.5

-- name: float_power_numeric_exponent
SELECT 2.5::float8 ^ 0.5, 2::float8 ^ 1.5
