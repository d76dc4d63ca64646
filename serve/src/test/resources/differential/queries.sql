-- Everyday queries: joins, grouping, window functions, CTEs, DISTINCT ON, paging, NULL ordering,
-- conditional expressions, date/time arithmetic and output, DML with RETURNING / FROM / USING,
-- upserts, views, and how booleans, floats and integers come out.

-- name: create_dept
CREATE TABLE dept (id int PRIMARY KEY, name text NOT NULL);

-- name: create_emp
CREATE TABLE emp (
    id int PRIMARY KEY,
    name text NOT NULL,
    dept_id int REFERENCES dept(id),
    salary numeric(10,2),
    hired date,
    manager_id int,
    active boolean NOT NULL DEFAULT true
);

-- name: insert_dept
INSERT INTO dept VALUES (1, 'Engineering'), (2, 'Sales'), (3, 'Empty');

-- name: insert_emp
INSERT INTO emp VALUES
    (1, 'Ann', 1, 120000, '2019-03-01', NULL, true),
    (2, 'Bob', 1, 95000.50, '2020-07-15', 1, true),
    (3, 'Cid', 2, 70000, '2021-01-10', 1, false),
    (4, 'Dee', 2, 82000, '2018-11-30', 3, true),
    (5, 'Eve', NULL, NULL, NULL, NULL, true);

-- name: inner_join
SELECT e.name, d.name AS dept FROM emp e JOIN dept d ON d.id = e.dept_id ORDER BY e.id;

-- name: left_join_same_column_names
SELECT e.name, d.name FROM emp e LEFT JOIN dept d ON d.id = e.dept_id ORDER BY e.id;

-- name: full_join
SELECT e.name AS emp, d.name AS dept FROM emp e FULL JOIN dept d ON d.id = e.dept_id ORDER BY e.id NULLS LAST, d.id;

-- name: self_join
SELECT e.name, m.name AS manager FROM emp e LEFT JOIN emp m ON m.id = e.manager_id ORDER BY e.id;

-- name: cross_join_values
SELECT dept.id, n FROM dept CROSS JOIN (VALUES (1), (2)) v(n) ORDER BY dept.id, n;

-- name: join_using
SELECT id, e.name FROM emp e JOIN (SELECT 2 AS id UNION ALL SELECT 4) x USING (id) ORDER BY id;

-- name: left_join_count
SELECT d.name, count(e.id) FROM dept d LEFT JOIN emp e ON e.dept_id = d.id GROUP BY d.name ORDER BY d.name;

-- name: group_by_aggregates
SELECT dept_id, count(*), sum(salary), avg(salary), min(hired), max(hired) FROM emp GROUP BY dept_id ORDER BY dept_id NULLS FIRST;

-- name: having
SELECT dept_id, count(*) FROM emp GROUP BY dept_id HAVING count(*) > 1 ORDER BY dept_id;

-- name: filter_bool_aggregates
SELECT active, count(*) FILTER (WHERE salary > 80000) AS rich, bool_and(salary > 0), bool_or(manager_id IS NULL) FROM emp GROUP BY active ORDER BY active;

-- name: rollup
SELECT dept_id, active, count(*) FROM emp GROUP BY ROLLUP (dept_id, active) ORDER BY dept_id NULLS LAST, active NULLS LAST, 3;

-- name: count_variants
SELECT count(*), count(salary), count(DISTINCT dept_id) FROM emp;

-- name: window_rank
SELECT name, salary, rank() OVER (ORDER BY salary DESC NULLS LAST), row_number() OVER (PARTITION BY dept_id ORDER BY salary DESC) FROM emp ORDER BY id;

-- name: window_sum_lag_lead
SELECT name, sum(salary) OVER (PARTITION BY dept_id) AS dept_total, lag(name) OVER (ORDER BY id), lead(name, 1, '-') OVER (ORDER BY id) FROM emp ORDER BY id;

-- name: window_frame_named
SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), first_value(name) OVER w, dense_rank() OVER (ORDER BY dept_id) FROM emp WINDOW w AS (ORDER BY id) ORDER BY id;

-- name: window_distribution
SELECT id, ntile(2) OVER (ORDER BY id), percent_rank() OVER (ORDER BY id), cume_dist() OVER (ORDER BY id) FROM emp ORDER BY id;

-- name: window_running_total
SELECT id, salary, sum(salary) OVER (ORDER BY id) AS running FROM emp ORDER BY id;

-- name: cte
WITH rich AS (SELECT * FROM emp WHERE salary > 80000) SELECT name FROM rich ORDER BY name;

-- name: cte_recursive_tree
WITH RECURSIVE chain(id, name, depth) AS (
    SELECT id, name, 0 FROM emp WHERE manager_id IS NULL AND dept_id IS NOT NULL
    UNION ALL
    SELECT e.id, e.name, c.depth + 1 FROM emp e JOIN chain c ON e.manager_id = c.id
)
SELECT * FROM chain ORDER BY depth, id;

-- name: cte_recursive_counter
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT sum(i) FROM n;

-- name: cte_recursive_fibonacci
WITH RECURSIVE fib(a, b) AS (SELECT 0::bigint, 1::bigint UNION ALL SELECT b, a + b FROM fib WHERE b < 100) SELECT string_agg(a::text, ',' ORDER BY a) FROM fib;

-- name: cte_data_modifying
WITH moved AS (UPDATE emp SET manager_id = manager_id WHERE id = 4 RETURNING id) SELECT count(*) FROM moved;

-- name: distinct_on
SELECT DISTINCT ON (dept_id) dept_id, name, salary FROM emp ORDER BY dept_id, salary DESC;

-- name: distinct
SELECT DISTINCT dept_id FROM emp ORDER BY dept_id NULLS FIRST;

-- name: limit_offset
SELECT name FROM emp ORDER BY id LIMIT 2 OFFSET 1;

-- name: offset_only
SELECT name FROM emp ORDER BY id OFFSET 3;

-- name: fetch_first
SELECT name FROM emp ORDER BY id FETCH FIRST 2 ROWS ONLY;

-- name: nulls_first
SELECT name, salary FROM emp ORDER BY salary NULLS FIRST, id;

-- name: nulls_default_desc
SELECT name, salary FROM emp ORDER BY salary DESC, id;

-- name: nulls_default_asc
SELECT name, hired FROM emp ORDER BY hired, id;

-- name: order_by_expression
SELECT id, name FROM emp ORDER BY length(name) DESC, name LIMIT 3;

-- name: case_searched
SELECT name, CASE WHEN salary >= 100000 THEN 'high' WHEN salary >= 80000 THEN 'mid' ELSE 'low' END AS band FROM emp ORDER BY id;

-- name: case_simple
SELECT CASE dept_id WHEN 1 THEN 'eng' WHEN 2 THEN 'sales' END FROM emp ORDER BY id;

-- name: coalesce_nullif_greatest
SELECT name, COALESCE(salary, 0), NULLIF(dept_id, 2), GREATEST(salary, 90000), LEAST(hired, '2020-01-01') FROM emp ORDER BY id;

-- name: string_agg
SELECT string_agg(name, ', ' ORDER BY name) FROM emp;

-- name: string_agg_grouped
SELECT dept_id, string_agg(name, '/' ORDER BY name DESC) FROM emp GROUP BY dept_id ORDER BY dept_id NULLS LAST;

-- name: where_in
SELECT id, name FROM emp WHERE name IN ('Ann', 'Eve') ORDER BY id;

-- name: where_between
SELECT id FROM emp WHERE salary BETWEEN 80000 AND 100000 ORDER BY id;

-- name: where_like
SELECT id FROM emp WHERE name LIKE '_e%' ORDER BY id;

-- name: where_exists
SELECT id FROM emp WHERE EXISTS (SELECT 1 FROM dept WHERE dept.id = emp.dept_id AND dept.name = 'Sales') ORDER BY id;

-- name: where_not_in_subquery
SELECT id FROM emp WHERE dept_id NOT IN (SELECT id FROM dept WHERE name = 'Sales') ORDER BY id;

-- name: where_scalar_subquery
SELECT id FROM emp e WHERE e.salary > (SELECT avg(salary) FROM emp) ORDER BY id;

-- name: where_date_literal
SELECT name, hired FROM emp WHERE hired > '2020-01-01' ORDER BY hired;

-- name: where_boolean_column
SELECT name FROM emp WHERE active ORDER BY name DESC;

-- name: union
SELECT name FROM emp UNION SELECT name FROM dept ORDER BY 1;

-- name: intersect_except
SELECT dept_id FROM emp INTERSECT SELECT id FROM dept EXCEPT SELECT 2 ORDER BY 1;

-- name: scalar_subqueries
SELECT (SELECT max(salary) FROM emp) AS top, (SELECT count(*) FROM dept) AS depts;

-- name: lateral
SELECT d.name, x.cnt FROM dept d, LATERAL (SELECT count(*) AS cnt FROM emp e WHERE e.dept_id = d.id) x ORDER BY d.id;

-- name: group_by_to_char
SELECT to_char(hired, 'YYYY') AS y, count(*) FROM emp WHERE hired IS NOT NULL GROUP BY 1 ORDER BY 1;

-- name: values_statement
VALUES (1, 'a'), (2, 'b');

-- name: table_statement
TABLE dept ORDER BY id;

-- name: date_arithmetic
SELECT date '2024-01-31' + interval '1 month', date '2024-03-01' - date '2024-02-01', date '2024-03-05' + 10, timestamp '2024-03-05 10:00' - interval '90 minutes';

-- name: timestamp_difference
SELECT timestamp '2024-03-05 10:00' - timestamp '2024-03-01 08:30', interval '1 day' * 3, interval '1 hour' / 2;

-- name: interval_output
SELECT interval '1 year 2 months 3 days 04:05:06.789', interval '-1 day', interval '36 hours', interval '0';

-- name: interval_input_forms
SELECT interval '1.5 days', interval 'P1Y2M', interval '2 weeks', interval '-1 day +2 hours';

-- name: date_time_output
SELECT date '2024-02-29', time '13:45:00.5', timestamp '2024-03-05 10:00:00.123', '13:45:00+02'::timetz;

-- name: timestamptz_output_utc
SELECT timestamptz '2024-03-05 10:00:00+02', timestamptz '2024-03-05 10:00:00.5-05:30';

-- name: timestamptz_at_time_zone
SELECT timestamptz '2024-03-05 10:00:00+00' AT TIME ZONE 'Asia/Kolkata';

-- name: timezone_new_york
SET TimeZone = 'America/New_York';

-- name: timestamptz_output_new_york
SELECT timestamptz '2024-03-05 10:00:00+00', timestamptz '2024-07-05 10:00:00+00', timestamp '2024-03-05 10:00'::timestamptz;

-- name: timezone_kolkata
SET TimeZone = 'Asia/Kolkata';

-- name: timestamptz_output_kolkata
SELECT timestamptz '2024-03-05 10:00:00+00';

-- name: timezone_back_to_utc
SET TimeZone = 'UTC';

-- name: date_comparisons
SELECT '2024-03-05'::date < '2024-03-06'::date, date '2024-03-05'::timestamp, date '2024-03-05' = timestamp '2024-03-05 00:00';

-- name: special_date_values
SELECT 'infinity'::timestamp, '-infinity'::date, isfinite(date '2024-01-01');

-- name: insert_returning_star
INSERT INTO dept VALUES (4, 'Ops') RETURNING *;

-- name: insert_returning_expressions
INSERT INTO dept (id, name) VALUES (5, 'Legal'), (6, 'HR') RETURNING id, upper(name) AS upper_name;

-- name: update_from
UPDATE emp SET salary = salary * 1.1 FROM dept WHERE dept.id = emp.dept_id AND dept.name = 'Sales' RETURNING emp.name, emp.salary;

-- name: delete_using_no_rows
DELETE FROM emp USING dept WHERE dept.id = emp.dept_id AND dept.name = 'Nobody';

-- name: delete_returning
DELETE FROM emp WHERE NOT active RETURNING id, name;

-- name: update_no_rows
UPDATE emp SET salary = 0 WHERE id = 999;

-- name: upsert_do_update
INSERT INTO dept VALUES (4, 'Operations') ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name RETURNING *;

-- name: upsert_do_nothing
INSERT INTO dept VALUES (4, 'X') ON CONFLICT DO NOTHING;

-- name: upsert_do_nothing_returning
INSERT INTO dept VALUES (4, 'Y'), (7, 'New') ON CONFLICT (id) DO NOTHING RETURNING id;

-- name: upsert_alias_where
INSERT INTO dept AS d VALUES (5, 'Legal2') ON CONFLICT (id) DO UPDATE SET name = d.name || '+' WHERE d.id = 5 RETURNING name;

-- name: upsert_on_constraint
INSERT INTO dept VALUES (6, 'Human Resources') ON CONFLICT ON CONSTRAINT dept_pkey DO UPDATE SET name = EXCLUDED.name;

-- name: counters_table
CREATE TABLE counters (k text PRIMARY KEY, n int NOT NULL);

-- name: counter_first
INSERT INTO counters VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET n = counters.n + 1;

-- name: counter_second
INSERT INTO counters VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET n = counters.n + 1;

-- name: counter_several
INSERT INTO counters VALUES ('a', 1), ('b', 1) ON CONFLICT (k) DO UPDATE SET n = counters.n + EXCLUDED.n RETURNING k, n;

-- name: counters_result
SELECT * FROM counters ORDER BY k;

-- name: dept_result
SELECT * FROM dept ORDER BY id;

-- name: view_create
CREATE VIEW emp_view AS SELECT e.id, e.name, d.name AS dept FROM emp e LEFT JOIN dept d ON d.id = e.dept_id;

-- name: view_select
SELECT * FROM emp_view WHERE dept IS NOT NULL ORDER BY id;

-- name: view_replace
CREATE OR REPLACE VIEW emp_view AS SELECT e.id, e.name, d.name AS dept, e.salary FROM emp e LEFT JOIN dept d ON d.id = e.dept_id;

-- name: view_select_replaced
SELECT id, salary FROM emp_view ORDER BY id;

-- name: view_drop
DROP VIEW emp_view;

-- name: boolean_output
SELECT true, false, NULL::boolean, 't'::boolean, 'yes'::boolean, 'off'::boolean;

-- name: boolean_expressions
SELECT 1 = 1, 1 < 0, NULL = NULL, 1 IS NULL, true AND NULL, false AND NULL;

-- name: float_output
SELECT 1.0::float8, 0.1::float8, 1e100::float8, 1.23456789012345678::float8, 100000000000000000000::float8, -0.0::float8, 1e-7::float8;

-- name: float4_output
SELECT 1.5::float4, 3.14159::float4, 0.1::float4, 16777217::float4;

-- name: float_division
SELECT 1/3::float8, 2/3::float4, 10::float8 / 4;

-- name: integer_limits
SELECT 2147483647, -2147483648, 9223372036854775807, -9223372036854775808, 9223372036854775808;

-- name: integer_literal_types
SELECT pg_typeof(2147483647), pg_typeof(2147483648), pg_typeof(9223372036854775808);

-- name: integer_overflow_add
-- expect-error: 22003
SELECT 2147483647 + 1;

-- name: bigint_overflow_add
-- expect-error: 22003
SELECT 9223372036854775807 + 1;

-- name: uuid_output
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid, '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}'::uuid;

-- name: final_counts
SELECT (SELECT count(*) FROM emp) AS emps, (SELECT count(*) FROM dept) AS depts;

-- name: group_by_primary_key_selects_other_columns
SELECT "dept"."name" AS "name", COUNT("emp"."id") AS "n" FROM "dept" LEFT OUTER JOIN "emp" ON ("dept"."id" = "emp"."dept_id")
WHERE "dept"."id" <= 3 GROUP BY "dept"."id" ORDER BY "dept"."name";

-- name: group_by_primary_key_alias_and_unqualified
SELECT d.id, d.name, count(e.id) FILTER (WHERE e.salary > 0) FROM dept d LEFT JOIN emp e ON e.dept_id = d.id
WHERE d.id <= 3 GROUP BY d.id HAVING count(*) >= 0 ORDER BY d.name;

-- name: group_by_primary_key_unqualified
SELECT id, name FROM dept WHERE id <= 3 GROUP BY id ORDER BY name;

-- name: group_by_non_key_column_refused
-- expect-error: 42803
SELECT e.name, count(*) FROM emp e JOIN dept d ON d.id = e.dept_id GROUP BY d.id;

-- name: timestamptz_offset_after_space
SELECT '2026-12-05 02:35:06.023 +00:00'::timestamptz, '2026-12-05 02:35:06.023 +05:30'::timestamptz, '2026-12-05 02:35:06 -08'::timestamp;

-- name: datetime_postgres_input
SELECT 'Dec 5 2026 10:00 PST'::timestamptz, 'epoch'::timestamptz, '12/05/2026'::date, 'December 5, 2026'::date, '2026-12-05T10:00:00Z'::timestamptz;

-- name: datetime_out_of_range
-- expect-error: 22008
SELECT '2026-13-05'::date;

-- name: datetime_bad_syntax
-- expect-error: 22007
SELECT '2026-12-05 nonsense'::timestamptz;

-- name: datetime_table
CREATE TABLE stamps (t timestamptz, d date, l timestamp);

-- name: datetime_insert_offsets
INSERT INTO stamps VALUES ('2026-12-05 02:35:06.023 +00:00', 'Dec 5, 2026', '2026-12-05 02:35:06 +03:00') RETURNING *;

-- name: join_left
CREATE TABLE jl (x int, k int, z text);

-- name: join_right
CREATE TABLE jr (y int, k int, z text);

-- name: join_fill
INSERT INTO jl VALUES (1, 10, 'l'), (3, 30, 'only left'); INSERT INTO jr VALUES (2, 10, 'r'), (4, 40, 'only right');

-- name: natural_join_star
SELECT * FROM jl NATURAL JOIN jr ORDER BY k;

-- name: using_join_star
SELECT * FROM jl JOIN jr USING (k) ORDER BY k;

-- name: using_left_join_star
SELECT * FROM jl AS a LEFT JOIN jr AS b USING (k) ORDER BY k;

-- name: using_full_join_star
SELECT * FROM jl FULL JOIN jr USING (k) ORDER BY k;

-- name: substring_pattern
SELECT substring('foobar' FROM 'o.b'), substring('foobar' FROM 'o(.)b'), substring('foobar' FROM 'x'), substring('foobar', 'b.*');

-- name: interval_qualified_constants
SELECT interval '1' hour, interval '2' day, interval '1:30' hour to minute, interval '@ 1 hour ago', interval 'P1DT2H30M';

-- name: interval_column
CREATE TABLE spans (s interval);

-- name: interval_column_insert
INSERT INTO spans VALUES ('P1Y2M'), ('1.5 days'), ('-1 day +2 hours') RETURNING s;

-- name: interval_qualifier_truncates
SELECT interval '1 day 2:03:04.5' hour to minute, interval '1 day 2:03:04.5' day, interval '14 months 3 days' year, interval '1.5' day, interval '90' minute;

-- name: interval_qualified_column
CREATE TABLE qspans (hm interval hour to minute, d interval day, n int);

-- name: interval_qualified_column_insert
INSERT INTO qspans VALUES ('1 day 02:03:04', '3 days 04:05:06', 1), ('5', '2', 2) RETURNING hm, d;

-- name: interval_qualified_column_update
UPDATE qspans SET hm = '7 hours 8 minutes 9 seconds' WHERE n = 1 RETURNING hm;

-- name: interval_qualified_column_types
SELECT attname, format_type(atttypid, atttypmod), atttypmod FROM pg_attribute WHERE attrelid = 'qspans'::regclass AND attnum > 0 ORDER BY attnum;

-- name: interval_division
SELECT interval '1 hour' / 2, interval '1 day' / 3, interval '1 month' / 7, interval '1 year 2 months 3 days 04:05:06.5' / 2.5,
       interval '-1 day +2 hours' / 4, interval '10 days' / -3;

-- name: interval_division_by_zero
-- expect-error: 22012
SELECT interval '1 hour' / 0;

-- name: bc_constants
SELECT CAST('0044-03-15 12:00:00 BC' AS timestamp), CAST('0044-03-15 BC' AS date), date '0001-01-01 BC', timestamp '2000-01-01 BC', timestamptz '0044-03-15 12:00:00+00 BC';

-- name: bc_arithmetic
SELECT date '0044-03-15 BC' + 1, date '0001-12-31 BC' + 1, timestamp '0044-03-15 12:00:00 BC' < timestamp '0001-01-01 00:00:00';

-- name: bc_table
CREATE TABLE ancient (id int, d date, t timestamp);

-- name: bc_insert
INSERT INTO ancient VALUES (1, '0044-03-15 BC', '0044-03-15 12:30:00 BC'), (2, '4713-11-24 BC', '0001-12-31 23:59:59.5 BC');

-- name: bc_select
SELECT id, d, t, extract(year FROM d) FROM ancient ORDER BY id;

-- name: bc_year_fields
SELECT x, extract(year FROM x), extract(decade FROM x), extract(century FROM x), extract(millennium FROM x), extract(isoyear FROM x),
  date_part('year', x), date_part('century', x)
FROM (VALUES (date '0044-03-15 BC'), (date '0001-01-01 BC'), (date '0001-01-01'), (date '2024-06-30'), (date '1000-12-31'), (date '1001-01-01'), (date '0010-01-01 BC'), (date '0011-01-01 BC')) AS v(x) ORDER BY x;

-- name: recursive_numeric_anchor
WITH RECURSIVE t(n, x) AS (SELECT 1, 100.00 UNION ALL SELECT n + 1, round(x * 1.05, 2) FROM t WHERE n < 4) SELECT n, x::numeric(10,2) FROM t;

-- name: recursive_numeric_factorial
WITH RECURSIVE f(n, v) AS (SELECT 1, 1::numeric UNION ALL SELECT n + 1, v * (n + 1) FROM f WHERE n < 12) SELECT * FROM f;

-- name: recursive_numeric_steps
WITH RECURSIVE s(i, x) AS (SELECT 1, 0.0 UNION ALL SELECT i + 1, x + 0.25 FROM s WHERE i < 4) SELECT i, x::numeric(4,2) FROM s;

-- name: recursive_modifier_lost
-- expect-error: 42804
WITH RECURSIVE s(i, x) AS (SELECT 1, 'a'::varchar(3) UNION ALL SELECT i + 1, x || 'b' FROM s WHERE i < 4) SELECT * FROM s;

-- name: recursive_integer_widened
-- expect-error: 42804
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 0.5 FROM r WHERE n < 3) SELECT * FROM r;

-- name: recursive_bigint_counter
WITH RECURSIVE r(n) AS (SELECT 1::bigint UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r;

-- name: untyped_constants_beside_dates_and_intervals_setup
CREATE TABLE untyped_moments (d date, ts timestamp, tz timestamptz, t time, iv interval, n numeric(10,2), a int[]);
INSERT INTO untyped_moments VALUES ('2024-03-01', '2024-03-01 10:00', '2024-03-01 10:00+00', '10:00', '2 hours', 2.50, '{1,2}')

-- name: untyped_constants_beside_dates_and_intervals
SELECT d - '2024-01-01', ts - '2024-01-01', tz - '2024-01-01 00:00+00', t - '11:30', iv - '1 hour', iv * '2', iv / '2',
    iv + '1 hour', t + '01:00', '2024-12-31' - d, '3 hours' + iv, '2' * iv, n * '2', '3' - n, n * '1.50'
FROM untyped_moments

-- name: untyped_constant_added_to_a_date_is_ambiguous
-- expect-error: 42725
SELECT d + '1 day' FROM untyped_moments

-- name: untyped_constants_beside_arrays
SELECT array_append(a, '7'), array_prepend('0', a), array_cat(a, '{5}'), array_remove(a, '1'), array_position(a, '2'),
    a || '{9}', '{0}' || a, array_append(ARRAY['x'], 'y') FROM untyped_moments

-- name: untyped_moments_done
DROP TABLE untyped_moments

-- name: generate_series_inside_select_list_expressions
SELECT generate_series(1, 3)::text, format('%s', generate_series(1, 3)), generate_series(1, 3) * 2, concat('n', generate_series(1, 3))

-- name: generate_series_of_dates_formatted
SELECT to_char(generate_series('2024-01-01'::date, '2024-03-01', '1 month'), 'YYYY-MM'), generate_series('2024-01-01'::date, '2024-01-03', '1 day')::date

-- name: generate_series_in_expressions_counted
SELECT count(*) FROM (SELECT generate_series(1, 3)::text) s

-- name: generate_series_in_expressions_per_row
SELECT i, generate_series(1, i)::text FROM (VALUES (1), (2)) v(i) ORDER BY 1, 2

-- name: timestamptz_minus_timestamp_across_daylight_saving
SET TIME ZONE 'America/New_York';
SELECT timestamptz '2024-07-01 12:00' - timestamp '2024-01-01 12:00', timestamp '2024-07-01 12:00' - timestamptz '2024-01-01 12:00',
    timestamptz '2024-07-01 12:00' - date '2024-01-01', date '2024-07-01' - timestamptz '2024-01-01 12:00';
RESET TIME ZONE

-- name: real_compared_with_an_exact_number
SELECT 0.1::real IN (0.1), 0.1::real NOT IN (0.1), 0.1::real IS NOT DISTINCT FROM 0.1, 0.1::real IS DISTINCT FROM 0.1, 0.1::real IN (0.1, 0.2)

-- name: untyped_constants_compared_with_numbers
SELECT 2 = '2', 2 IN ('2', '3'), 1 + '1', 2.5::real = '2.5', 2.50::numeric(4,2) = '2.5', 2 < ' 3 '

-- name: untyped_fraction_compared_with_an_integer
-- expect-error: 22P02
SELECT 2 = '1.5'

-- name: untyped_fraction_in_a_list_of_integers
-- expect-error: 22P02
SELECT 2 IN ('1.5')

-- name: untyped_fraction_added_to_an_integer
-- expect-error: 22P02
SELECT 1 + '0.6'

-- name: age_of_one_timestamp_from_the_sessions_today
SET TIME ZONE 'America/New_York';
SELECT age(timestamp '2024-01-01') = age(current_date::timestamp, timestamp '2024-01-01'),
    age(timestamptz '2024-01-01 00:00-05') = age(date_trunc('day', now()), timestamptz '2024-01-01 00:00-05');
RESET TIME ZONE

-- name: star_of_a_table_grouped_by_its_key_setup
CREATE TABLE grouped_customers (id int PRIMARY KEY, name text);
CREATE TABLE grouped_orders (id int, cid int);
INSERT INTO grouped_customers VALUES (1, 'a'), (2, 'b');
INSERT INTO grouped_orders VALUES (1, 1), (2, 1), (3, 2)

-- name: star_of_a_table_grouped_by_its_key
SELECT c.*, count(*) FROM grouped_customers c JOIN grouped_orders o ON o.cid = c.id GROUP BY c.id ORDER BY 1

-- name: star_of_a_table_grouped_by_its_key_done
DROP TABLE grouped_customers;
DROP TABLE grouped_orders

-- name: rollup_of_an_expression_over_a_grouped_column
SELECT d, date_trunc('month', d) m, count(*) FROM (VALUES (date '2024-01-05'), (date '2024-01-20'), (date '2024-02-03')) v(d)
GROUP BY ROLLUP(date_trunc('month', d), d) ORDER BY 2, 1

-- name: rollup_and_grouping_sets_of_lower
SELECT r, lower(r), count(*), grouping(lower(r), r) FROM (VALUES ('A'), ('a'), ('B')) v(r) GROUP BY ROLLUP(lower(r), r) ORDER BY 2, 1

-- name: nullif_of_a_real_and_an_exact_number
SELECT nullif(0.1::real, 0.1), nullif(0.5::real, 0.5), nullif(0.1, 0.1::real), nullif(0.1::real, 0.1::real), pg_typeof(nullif(0.1::real, 0.1))

-- name: float_sum_divided_by_zero
-- expect-error: 22012
SELECT sum(x) / 0 FROM (VALUES (1.5::float8)) v(x)

-- name: set_operation_parentheses_except
SELECT 3 EXCEPT (SELECT 3 EXCEPT SELECT 3)

-- name: set_operation_parentheses_intersect_left
(SELECT 1 UNION SELECT 2) INTERSECT SELECT 2 ORDER BY 1

-- name: set_operation_parentheses_intersect_right
SELECT 5 INTERSECT (SELECT 5 UNION SELECT 6) ORDER BY 1

-- name: set_operation_parentheses_union_all
SELECT 1 UNION ALL (SELECT 1 UNION SELECT 1)

-- name: set_operation_parentheses_both_sides
(SELECT 1 UNION SELECT 2) EXCEPT (SELECT 2 UNION SELECT 3) ORDER BY 1

-- name: set_operation_precedence_unparenthesized
SELECT 1 UNION SELECT 2 INTERSECT SELECT 2 ORDER BY 1

-- name: values_untyped_strings_take_the_column_type
SELECT * FROM (VALUES ('2024-02-01'), (DATE '2024-01-01')) v(d) ORDER BY d

-- name: values_untyped_interval
SELECT x FROM (VALUES ('1 day'), (interval '2 hours')) v(x) ORDER BY x

-- name: values_lists_of_different_lengths
-- expect-error: 42601
SELECT * FROM (VALUES (1, 2), (3)) v(x, y)

-- name: integer_modulo_minus_one
SELECT (-2147483648)::int % -1, (-32768)::int2 % (-1)::int2, (-9223372036854775808)::int8 % -1, NULL::int % -1, -7 % 3

-- name: series_of_moments_zero_step
-- expect-error: 22023
SELECT count(*) FROM generate_series('2024-01-01'::timestamp, '2024-01-05', '0 days')

-- name: float_constant_beyond_double_precision
-- expect-error: 22003
SELECT 1e400::float8

-- name: float_constant_beyond_real
-- expect-error: 22003
SELECT 1e39::float4

-- name: float_constant_below_double_precision
-- expect-error: 22003
SELECT 1e-400::float8

-- name: smallint_beside_integer_constant_is_integer
SELECT CASE WHEN x > 100 THEN x::int2 ELSE 2 END * 20000, greatest(x::int2, 2) * 20000, (ARRAY[x::int2, 2])[2] * 20000, coalesce(NULL::int2, 3) * 20000 FROM (VALUES (1)) v(x)

-- name: prepare_untyped_parameter_beside_numeric_column
PREPARE beside_price AS SELECT $1 UNION ALL SELECT 9.99::numeric(10,2)

-- name: execute_untyped_parameter_beside_numeric_column
EXECUTE beside_price('12345.678')

-- name: setup_insert_values_numeric
CREATE TABLE insert_values_numeric (b numeric(10,2))

-- name: insert_values_string_beside_integer
INSERT INTO insert_values_numeric VALUES ('1.005'), (2) RETURNING b

-- name: setup_modulo_sequence
CREATE SEQUENCE modulo_sequence

-- name: modulo_by_a_volatile_divisor_runs_it_once
SELECT 10 % nextval('modulo_sequence'), currval('modulo_sequence')
