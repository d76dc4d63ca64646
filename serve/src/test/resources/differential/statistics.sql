-- Statistical aggregates: stddev, stddev_samp, stddev_pop, variance, var_samp and var_pop of
-- integers and numeric are numeric with PostgreSQL's exact digits (numeric_stddev_internal);
-- of float4/float8 they are float8. NULLs, one row, zero variance, empty input, extreme values,
-- GROUP BY, FILTER, DISTINCT and the window forms.

-- name: create_table
CREATE TABLE samples (
    id int PRIMARY KEY,
    grp text,
    small smallint,
    i int,
    big bigint,
    price numeric(10,2),
    wide numeric(30,5),
    amount numeric,
    ratio float8
);

-- name: insert
INSERT INTO samples VALUES
    (1, 'a', 3, 10, 9223372036854775807, 1.50, 12345678901234567890.12345, 1.5, 0.5),
    (2, 'a', 4, 20, -9223372036854775808, 2.25, 1.00001, 2.125, 1.25),
    (3, 'a', 5, 35, 9223372036854775806, -3.10, -7, 0.0001, -2),
    (4, 'b', 6, 7, 5, 1.00, 2, 100, 3),
    (5, 'b', 6, 7, 5, 1.00, 2, 100, 3),
    (6, 'c', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (7, 'd', 1, 1, 1, 0.01, 0.00001, 0.25, 1),
    (8, 'e', -32768, -2147483648, -42, -99999999.99, -1234567890123456789012345.00001, -3, -0.5),
    (9, 'e', 32767, 2147483647, 42, 99999999.99, 1234567890123456789012345.00001, 3, 0.5);

-- name: all_int4
SELECT stddev(i), stddev_samp(i), stddev_pop(i), variance(i), var_samp(i), var_pop(i) FROM samples;

-- name: all_int2
SELECT stddev(small), stddev_pop(small), variance(small), var_pop(small) FROM samples;

-- name: int8_near_limits
SELECT stddev(big), stddev_pop(big), variance(big), var_pop(big) FROM samples WHERE id <= 3;

-- name: int8_all
SELECT stddev(big), var_pop(big) FROM samples;

-- name: numeric_with_scale
SELECT stddev(price), stddev_pop(price), variance(price), var_pop(price) FROM samples;

-- name: numeric_wide
SELECT stddev(wide), stddev_pop(wide), variance(wide), var_pop(wide) FROM samples;

-- name: numeric_unconstrained
SELECT stddev(amount), stddev_pop(amount), variance(amount), var_pop(amount) FROM samples;

-- name: float8_stays_float8
SELECT stddev(ratio), stddev_pop(ratio), variance(ratio), var_pop(ratio) FROM samples;

-- name: group_by
SELECT grp, stddev(i), stddev_pop(i), variance(price), var_pop(big), var_samp(small) FROM samples GROUP BY grp ORDER BY grp;

-- name: one_row_sample_is_null
SELECT stddev_samp(i), var_samp(price), stddev_pop(i), var_pop(price) FROM samples WHERE id = 7;

-- name: zero_variance
SELECT stddev(i), variance(price), stddev_pop(wide), var_pop(amount) FROM samples WHERE grp = 'b';

-- name: only_nulls
SELECT stddev(i), var_pop(price), stddev_pop(big) FROM samples WHERE id = 6;

-- name: empty_input
SELECT stddev(i), stddev_pop(i), variance(price), var_pop(amount) FROM samples WHERE false;

-- name: empty_input_grouped
SELECT grp, stddev(i) FROM samples WHERE false GROUP BY grp;

-- name: negative_numbers
SELECT stddev(x), var_pop(x) FROM (VALUES (-5), (-17), (-123456)) t(x);

-- name: series
SELECT stddev(g), variance(g), stddev_pop(g), var_pop(g) FROM generate_series(1, 1000) g;

-- name: series_int8
SELECT stddev(g::int8), var_samp(g::int8) FROM generate_series(-500, 2000, 7) g;

-- name: small_values
SELECT stddev(x), var_pop(x) FROM (VALUES (1e-20::numeric(30,25)), (3e-20::numeric(30,25))) t(x);

-- name: huge_numeric_beyond_38_digits
SELECT stddev(x::numeric(38,0)), var_pop(x::numeric(38,0)) FROM (VALUES (99999999999999999999999999999999999999), (1)) t(x);

-- name: filter_and_distinct
SELECT stddev(i) FILTER (WHERE i > 7), stddev(DISTINCT i), var_pop(DISTINCT price) FROM samples;

-- name: rounded
SELECT round(stddev(price), 4), round(variance(small), 2), pg_typeof(round(stddev(price), 4)) FROM samples;

-- name: in_arithmetic
SELECT stddev(i) * 2, variance(small) + 1, stddev(price)::numeric(12,3) FROM samples;

-- name: order_by_result
SELECT grp, stddev(price) AS s FROM samples GROUP BY grp ORDER BY s DESC NULLS LAST, grp;

-- name: having
SELECT grp FROM samples GROUP BY grp HAVING stddev(i) > 1 ORDER BY grp;

-- name: window_partition
SELECT id, stddev(i) OVER (PARTITION BY grp), var_pop(price) OVER (PARTITION BY grp) FROM samples ORDER BY id;

-- name: window_running
SELECT id, stddev_samp(small) OVER (ORDER BY id), var_samp(big) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM samples ORDER BY id;

-- name: window_whole
SELECT id, stddev_pop(amount) OVER () FROM samples ORDER BY id;

-- name: subquery_value
SELECT (SELECT variance(small) FROM samples) AS v;

-- name: round_beyond_18_digits
SELECT round(variance(i), 2), round(variance(big), 0), variance(big)::numeric(38,0) FROM samples WHERE id > 3;

-- name: nested_beyond_18_digits
SELECT variance(i) + 0 FROM samples;

-- name: text_argument
-- expect-error: 42883
SELECT stddev(grp) FROM samples;

-- name: corr_and_regr_slope_without_variance
SELECT corr(x, y), regr_slope(x, y), regr_slope(y, x) FROM (VALUES (1, 5), (2, 5), (3, 5)) v(x, y)

-- name: corr_of_one_row_and_of_none
SELECT (SELECT corr(x, y) FROM (VALUES (1, 2)) v(x, y)), (SELECT coalesce(corr(x, y), 0) FROM (VALUES (1, 2), (1, 3)) v(x, y)),
       (SELECT corr(x, y) FROM (VALUES (1, 2)) v(x, y) WHERE false)

-- name: corr_by_group_and_window_without_variance
SELECT g, x, corr(x, y) OVER (PARTITION BY g ORDER BY x ROWS 1 PRECEDING) IS NULL AS no_corr,
       regr_slope(y, x) OVER (PARTITION BY g ORDER BY x ROWS 1 PRECEDING) IS NULL AS no_slope
FROM (VALUES (1, 1, 2), (1, 2, 4), (2, 5, 5)) v(g, x, y) ORDER BY g, x

-- name: hypothetical_set_table
CREATE TABLE hypothetical (g int, i int, t text);
INSERT INTO hypothetical VALUES (1, 1, 'a'), (1, 3, 'b'), (1, 3, 'c'), (1, NULL, 'd'), (2, 5, 'e'), (2, 7, NULL)

-- name: hypothetical_set_aggregates
SELECT rank(3) WITHIN GROUP (ORDER BY i), dense_rank(3) WITHIN GROUP (ORDER BY i),
       percent_rank(3) WITHIN GROUP (ORDER BY i), cume_dist(3) WITHIN GROUP (ORDER BY i)
FROM hypothetical

-- name: hypothetical_set_aggregates_directions_and_nulls
SELECT g, rank(4) WITHIN GROUP (ORDER BY i DESC), dense_rank(4) WITHIN GROUP (ORDER BY i DESC NULLS LAST),
       percent_rank(4) WITHIN GROUP (ORDER BY i NULLS FIRST), cume_dist(4) WITHIN GROUP (ORDER BY i DESC),
       rank(NULL) WITHIN GROUP (ORDER BY i), cume_dist(NULL) WITHIN GROUP (ORDER BY i NULLS FIRST)
FROM hypothetical GROUP BY g ORDER BY g

-- name: hypothetical_set_aggregates_of_two_keys_and_filter
SELECT rank(3, 'b') WITHIN GROUP (ORDER BY i, t), dense_rank(3, 'bb') WITHIN GROUP (ORDER BY i, t DESC),
       cume_dist(3, 'c') WITHIN GROUP (ORDER BY i, t), rank(3) WITHIN GROUP (ORDER BY i) FILTER (WHERE g = 1),
       percent_rank(3) WITHIN GROUP (ORDER BY i) FILTER (WHERE g = 9), pg_typeof(rank(3) WITHIN GROUP (ORDER BY i))
FROM hypothetical
