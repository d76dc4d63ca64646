-- Window functions, aggregates with FILTER and ORDER BY, DISTINCT ON, LATERAL, recursive CTEs.

-- name: setup_sales
CREATE TABLE sales (id int PRIMARY KEY, region text NOT NULL, rep text NOT NULL, sold_on date NOT NULL, amount numeric(10,2) NOT NULL, units int NOT NULL)

-- name: setup_sales_rows
INSERT INTO sales VALUES
  (1, 'north', 'ann', '2024-01-05', 100.00, 1),
  (2, 'north', 'bob', '2024-01-07', 250.50, 3),
  (3, 'south', 'cid', '2024-01-07', 75.25, 1),
  (4, 'north', 'ann', '2024-02-01', 300.00, 2),
  (5, 'south', 'dee', '2024-02-03', 75.25, 4),
  (6, 'south', 'cid', '2024-02-10', 180.00, 2),
  (7, 'east', 'eve', '2024-02-11', 20.00, 1),
  (8, 'north', 'bob', '2024-03-01', 90.00, 1)

-- name: running_total_default_frame
SELECT id, amount, sum(amount) OVER (ORDER BY sold_on, id) FROM sales ORDER BY id

-- name: running_total_peers
SELECT id, sold_on, sum(amount) OVER (ORDER BY sold_on) FROM sales ORDER BY id

-- name: moving_average_rows_frame
SELECT id, avg(amount) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM sales ORDER BY id

-- name: rows_frame_following
SELECT id, sum(units) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), count(*) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM sales ORDER BY id

-- name: range_frame_interval
SELECT id, sold_on, sum(amount) OVER (ORDER BY sold_on RANGE BETWEEN interval '7 days' PRECEDING AND CURRENT ROW) FROM sales ORDER BY id

-- name: range_frame_numeric_offset
SELECT id, units, count(*) OVER (ORDER BY units RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM sales ORDER BY id

-- name: groups_frame
SELECT id, sold_on, count(*) OVER (ORDER BY sold_on GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM sales ORDER BY id

-- name: frame_exclude_current_row
SELECT id, sum(units) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) FROM sales ORDER BY id

-- name: ranking_functions
SELECT id, amount, row_number() OVER (ORDER BY amount DESC, id), rank() OVER w, dense_rank() OVER w FROM sales WINDOW w AS (ORDER BY amount DESC) ORDER BY id

-- name: ntile_buckets
SELECT id, ntile(3) OVER (ORDER BY id), ntile(2) OVER (PARTITION BY region ORDER BY id) FROM sales ORDER BY id

-- name: percent_rank_cume_dist
SELECT id, amount, percent_rank() OVER (ORDER BY amount), cume_dist() OVER (ORDER BY amount) FROM sales ORDER BY id

-- name: first_last_value_default_frame
SELECT id, first_value(rep) OVER (PARTITION BY region ORDER BY id), last_value(rep) OVER (PARTITION BY region ORDER BY id) FROM sales ORDER BY id

-- name: last_value_full_frame
SELECT id, last_value(rep) OVER (PARTITION BY region ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM sales ORDER BY id

-- name: nth_value_frames
SELECT id, nth_value(amount, 2) OVER (ORDER BY id), nth_value(amount, 2) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM sales ORDER BY id

-- name: lag_lead
SELECT id, lag(amount) OVER (ORDER BY id), lead(amount, 2) OVER (ORDER BY id), lag(rep, 1, 'none') OVER (PARTITION BY region ORDER BY id) FROM sales ORDER BY id

-- name: named_window_inherit
SELECT id, sum(amount) OVER (w ORDER BY id), count(*) OVER w FROM sales WINDOW w AS (PARTITION BY region) ORDER BY id

-- name: window_over_aggregate
SELECT region, sum(amount), rank() OVER (ORDER BY sum(amount) DESC), sum(sum(amount)) OVER () FROM sales GROUP BY region ORDER BY region

-- name: share_of_total
SELECT id, round(100.0 * amount / sum(amount) OVER (PARTITION BY region), 2) FROM sales ORDER BY id

-- name: top_n_per_group
SELECT region, rep, amount FROM (SELECT *, row_number() OVER (PARTITION BY region ORDER BY amount DESC, id) AS rn FROM sales) s WHERE rn = 1 ORDER BY region

-- name: aggregate_filter
SELECT region, count(*) FILTER (WHERE amount > 100), sum(amount) FILTER (WHERE sold_on < '2024-02-01'), avg(units) FILTER (WHERE rep = 'ann') FROM sales GROUP BY region ORDER BY region

-- name: aggregate_order_by
SELECT array_agg(rep ORDER BY amount DESC, id), array_agg(DISTINCT region ORDER BY region), string_agg(rep, ',' ORDER BY sold_on DESC, id) FROM sales

-- name: json_agg_ordered
SELECT region, json_agg(id ORDER BY id DESC) FROM sales GROUP BY region ORDER BY region

-- name: bool_aggregates
SELECT region, bool_and(amount > 50), bool_or(units > 3), every(units >= 1) FROM sales GROUP BY region ORDER BY region

-- name: count_distinct_and_filter
SELECT count(DISTINCT rep), count(DISTINCT rep) FILTER (WHERE region = 'north'), count(*) FILTER (WHERE false) FROM sales

-- name: percentile_aggregates
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount), percentile_disc(0.5) WITHIN GROUP (ORDER BY amount), percentile_cont(ARRAY[0.25, 0.75]) WITHIN GROUP (ORDER BY units) FROM sales

-- name: distinct_on_latest
SELECT DISTINCT ON (region) region, id, sold_on, amount FROM sales ORDER BY region, sold_on DESC, id

-- name: distinct_on_expression
SELECT DISTINCT ON (date_trunc('month', sold_on)) date_trunc('month', sold_on) AS month, rep, amount FROM sales ORDER BY date_trunc('month', sold_on), amount DESC

-- name: lateral_top_two
SELECT r.region, t.id, t.amount FROM (SELECT DISTINCT region FROM sales) r CROSS JOIN LATERAL (SELECT id, amount FROM sales s WHERE s.region = r.region ORDER BY amount DESC, id LIMIT 2) t ORDER BY r.region, t.amount DESC, t.id

-- name: left_join_lateral_on_true
SELECT r.rep, l.last_sale FROM (VALUES ('ann'), ('zed')) AS r(rep) LEFT JOIN LATERAL (SELECT max(sold_on) AS last_sale FROM sales s WHERE s.rep = r.rep) l ON true ORDER BY r.rep

-- name: lateral_function_call
SELECT s.id, g FROM sales s, LATERAL generate_series(1, s.units) AS g WHERE s.region = 'south' ORDER BY s.id, g

-- name: recursive_counter
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT sum(i), max(i) FROM n

-- name: recursive_hierarchy
CREATE TABLE staff (id int PRIMARY KEY, name text, manager_id int)

-- name: recursive_hierarchy_rows
INSERT INTO staff VALUES (1, 'ceo', NULL), (2, 'cto', 1), (3, 'cfo', 1), (4, 'dev1', 2), (5, 'dev2', 2), (6, 'intern', 4)

-- name: recursive_hierarchy_paths
WITH RECURSIVE tree AS (SELECT id, name, 0 AS depth, name::text AS path FROM staff WHERE manager_id IS NULL UNION ALL SELECT s.id, s.name, t.depth + 1, t.path || ' > ' || s.name FROM staff s JOIN tree t ON s.manager_id = t.id) SELECT id, depth, path FROM tree ORDER BY path

-- name: recursive_ancestors
WITH RECURSIVE up AS (SELECT id, manager_id FROM staff WHERE id = 6 UNION ALL SELECT s.id, s.manager_id FROM staff s JOIN up ON s.id = up.manager_id) SELECT id FROM up ORDER BY id

-- name: recursive_union_distinct
WITH RECURSIVE r(x) AS (SELECT 1 UNION SELECT (x * 2) % 7 FROM r) SELECT x FROM r ORDER BY x

-- name: recursive_dates
WITH RECURSIVE d(day) AS (SELECT date '2024-01-30' UNION ALL SELECT day + 1 FROM d WHERE day < date '2024-02-02') SELECT day FROM d ORDER BY day

-- name: cte_materialized_reuse
WITH totals AS MATERIALIZED (SELECT region, sum(amount) AS total FROM sales GROUP BY region) SELECT a.region, a.total FROM totals a WHERE a.total > (SELECT avg(total) FROM totals) ORDER BY a.region

-- name: grouping_sets_cube
SELECT region, rep, sum(units) FROM sales GROUP BY CUBE (region, rep) HAVING sum(units) > 3 ORDER BY region NULLS LAST, rep NULLS LAST

-- name: window_function_in_where
-- expect-error: 42P20
SELECT id FROM sales WHERE row_number() OVER (ORDER BY id) = 1

-- name: ntile_zero
-- expect-error: 22014
SELECT ntile(0) OVER (ORDER BY id) FROM sales

-- name: lag_lead_default_of_wider_type
SELECT x, lag(x, 1, 0.5) OVER (ORDER BY x), lead(x, 1, 2.75) OVER (ORDER BY x), lag(x, 1, 1.5::float8) OVER (ORDER BY x),
       pg_typeof(lag(x, 1, 1.5::float8) OVER (ORDER BY x))
FROM (VALUES (1), (2)) v(x) ORDER BY x

-- name: lag_default_of_larger_scale
SELECT lag(p, 1, 0.125) OVER (ORDER BY p) FROM (VALUES (1.25::numeric(5,2)), (2.5::numeric(5,2))) v(p) ORDER BY p

-- name: lag_of_real_with_numeric_default
SELECT id, lag(r, 1, 0.5) OVER (ORDER BY id), pg_typeof(lag(r, 1, 0.5) OVER (ORDER BY id)), pg_typeof(lag(id, 1, 2.5::real) OVER (ORDER BY id))
FROM (VALUES (1, 1.1::real), (2, 2.2::real)) v(id, r) ORDER BY id

-- name: frame_offset_negative
-- expect-error: 22013
SELECT sum(x) OVER (ORDER BY x ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) x

-- name: frame_offset_null
-- expect-error: 22004
SELECT sum(x) OVER (ORDER BY x ROWS BETWEEN NULL PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) x

-- name: frame_end_offset_negative
-- expect-error: 22013
SELECT sum(x) OVER (ORDER BY x ROWS BETWEEN CURRENT ROW AND -2 FOLLOWING) FROM generate_series(1, 3) x

-- name: range_offset_negative
-- expect-error: 22013
SELECT sum(x) OVER (ORDER BY x RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) x
