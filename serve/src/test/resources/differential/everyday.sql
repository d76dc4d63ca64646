-- Everyday SQL as applications, ORMs and analysts send it, beyond the basics of queries.sql:
-- window frames and ranking, CTEs (recursive and data-modifying), upsert variants, UPDATE ... FROM
-- and DELETE ... USING, string and date/time functions, aggregates and grouping sets, how values
-- come out, joins, set operations and subqueries, json/arrays in daily use, constraint errors,
-- views, temp tables, sequences, ALTER TABLE, and information_schema queries.

-- name: create_customers
CREATE TABLE customers (
    id serial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name text NOT NULL,
    country char(2),
    created_at timestamptz NOT NULL DEFAULT '2024-01-01 00:00:00+00',
    score int CHECK (score BETWEEN 0 AND 100)
);

-- name: create_products
CREATE TABLE products (sku text PRIMARY KEY, title text NOT NULL, price numeric(10,2) NOT NULL, tags text[] NOT NULL DEFAULT '{}', attrs jsonb);

-- name: create_orders
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    customer_id int NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    placed_at timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'new',
    total numeric(12,2)
);

-- name: create_order_items
CREATE TABLE order_items (
    order_id bigint REFERENCES orders(id) ON DELETE CASCADE,
    sku text REFERENCES products(sku),
    qty int NOT NULL CHECK (qty > 0),
    unit_price numeric(10,2) NOT NULL,
    PRIMARY KEY (order_id, sku)
);

-- name: fill_customers
INSERT INTO customers (email, name, country, created_at, score) VALUES
    ('ann@example.com', 'Ann Smith', 'US', '2024-01-05 09:00:00+00', 80),
    ('bob@example.com', 'bob jones', 'GB', '2024-01-20 17:30:00+00', 55),
    ('cid@example.org', 'Cid', 'US', '2024-02-11 23:15:00+00', NULL),
    ('dee@example.net', 'Dee O''Neil', 'DE', '2024-03-01 00:00:00+00', 91),
    ('eve@example.com', 'Eve', NULL, '2024-03-15 12:00:00+00', 55)
RETURNING id, email;

-- name: fill_products
INSERT INTO products VALUES
    ('A-1', 'Widget', 9.99, '{tools,small}', '{"color": "red", "weight": 1.5}'),
    ('B-2', 'Gadget', 24.50, '{tools}', '{"color": "blue", "dims": [10, 20]}'),
    ('C-3', 'Doohickey', 3.00, '{}', NULL),
    ('D-4', 'Thingamajig', 120.00, '{big,tools}', '{"color": "red", "discontinued": true}');

-- name: fill_orders
INSERT INTO orders (customer_id, placed_at, status, total) VALUES
    (1, '2024-01-06 10:00:00+00', 'paid', 34.49),
    (1, '2024-02-14 08:30:00+00', 'paid', 120.00),
    (2, '2024-01-21 12:00:00+00', 'cancelled', 9.99),
    (3, '2024-02-12 01:00:00+00', 'paid', 6.00),
    (4, '2024-03-02 15:45:00+00', 'new', NULL),
    (1, '2024-03-20 19:00:00+00', 'new', 29.97);

-- name: fill_order_items
INSERT INTO order_items VALUES (1, 'A-1', 1, 9.99), (1, 'B-2', 1, 24.50), (2, 'D-4', 1, 120.00), (4, 'C-3', 2, 3.00), (6, 'A-1', 3, 9.99);

-- Window functions

-- name: window_latest_per_group
SELECT * FROM (SELECT o.*, row_number() OVER (PARTITION BY customer_id ORDER BY placed_at DESC) AS rn FROM orders o) t WHERE rn = 1 ORDER BY customer_id;

-- name: window_rank_ties
SELECT name, score, rank() OVER w, dense_rank() OVER w, percent_rank() OVER w, cume_dist() OVER w
FROM customers WINDOW w AS (ORDER BY score DESC NULLS LAST) ORDER BY score DESC NULLS LAST, name;

-- name: window_lag_lead_default
SELECT id, total, lag(total, 1, 0) OVER (ORDER BY id), lead(total) OVER (ORDER BY id), total - lag(total) OVER (ORDER BY id) AS delta FROM orders ORDER BY id;

-- name: window_running_and_moving
SELECT id, total, sum(total) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) AS running,
       avg(total) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS moving_avg
FROM orders ORDER BY id;

-- name: window_range_interval_frame
SELECT id, placed_at, count(*) OVER (ORDER BY placed_at RANGE BETWEEN interval '30 days' PRECEDING AND CURRENT ROW) FROM orders ORDER BY id;

-- name: window_first_last_nth
SELECT id, first_value(id) OVER w, last_value(id) OVER w, nth_value(id, 2) OVER w
FROM orders WINDOW w AS (PARTITION BY customer_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) ORDER BY id;

-- name: window_last_value_default_frame
SELECT id, last_value(id) OVER (PARTITION BY customer_id ORDER BY id), count(*) OVER (PARTITION BY customer_id ORDER BY id) FROM orders ORDER BY id;

-- name: window_default_frame_peers
SELECT status, id, sum(id) OVER (ORDER BY status) AS peers_included FROM orders ORDER BY status, id;

-- name: window_aggregate_filter
SELECT customer_id, id, count(*) FILTER (WHERE status = 'paid') OVER (PARTITION BY customer_id) AS paid,
       sum(total) FILTER (WHERE status <> 'cancelled') OVER (PARTITION BY customer_id) AS kept
FROM orders ORDER BY id;

-- name: window_groups_frame
SELECT id, score, sum(score) OVER (ORDER BY score GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM customers ORDER BY id;

-- name: window_count_distinct_refused
-- expect-error: 0A000
SELECT count(DISTINCT status) OVER () FROM orders;

-- name: window_function_in_where_refused
-- expect-error: 42P20
SELECT id FROM orders WHERE row_number() OVER (ORDER BY id) = 1;

-- CTEs

-- name: cte_multiple
WITH paid AS (SELECT * FROM orders WHERE status = 'paid'),
     per_customer AS (SELECT customer_id, count(*) AS n, sum(total) AS spent FROM paid GROUP BY customer_id)
SELECT c.name, p.n, p.spent FROM per_customer p JOIN customers c ON c.id = p.customer_id ORDER BY p.spent DESC;

-- name: create_categories
CREATE TABLE categories (id int PRIMARY KEY, parent_id int REFERENCES categories(id), name text NOT NULL);

-- name: fill_categories
INSERT INTO categories VALUES (1, NULL, 'All'), (2, 1, 'Tools'), (3, 1, 'Toys'), (4, 2, 'Hammers'), (5, 4, 'Claw'), (6, 3, 'Dolls');

-- name: cte_recursive_text_path
WITH RECURSIVE tree AS (
    SELECT id, name, name AS path, 1 AS depth FROM categories WHERE parent_id IS NULL
    UNION ALL
    SELECT c.id, c.name, tree.path || ' > ' || c.name, depth + 1 FROM categories c JOIN tree ON c.parent_id = tree.id
)
SELECT * FROM tree ORDER BY path;

-- name: cte_recursive_search_depth_first
WITH RECURSIVE t AS (
    SELECT id, parent_id, name FROM categories WHERE parent_id IS NULL
    UNION ALL
    SELECT c.id, c.parent_id, c.name FROM categories c JOIN t ON c.parent_id = t.id
) SEARCH DEPTH FIRST BY id SET ord
SELECT id, name FROM t ORDER BY ord;

-- name: cte_insert_returning_chain
WITH new_customer AS (
    INSERT INTO customers (email, name, country, created_at, score) VALUES ('fay@example.com', 'Fay', 'FR', '2024-03-30 08:00:00+00', 70) RETURNING id
)
INSERT INTO orders (customer_id, placed_at, total) SELECT id, '2024-04-01 10:00:00+00', 15.00 FROM new_customer RETURNING customer_id, status, total;

-- name: create_table_like
CREATE TABLE orders_like (LIKE orders INCLUDING DEFAULTS);

-- name: create_orders_archive
CREATE TABLE orders_archive (id bigint PRIMARY KEY, customer_id int, placed_at timestamptz, status text, total numeric(12,2));

-- name: cte_delete_into_archive
WITH moved AS (DELETE FROM orders WHERE status = 'cancelled' RETURNING *)
INSERT INTO orders_archive SELECT id, customer_id, placed_at, status, total FROM moved;

-- name: cte_delete_into_archive_star
WITH moved AS (DELETE FROM orders_archive WHERE status = 'no such status' RETURNING *) INSERT INTO orders_archive SELECT * FROM moved;

-- name: archive_contents
SELECT id, customer_id, status, total FROM orders_archive ORDER BY id;

-- name: cte_delete_into_archive_star_rows
WITH moved AS (DELETE FROM orders_archive WHERE id = (SELECT min(id) FROM orders_archive) RETURNING *)
INSERT INTO orders_archive SELECT * FROM moved RETURNING id, customer_id, status, total;

-- name: cte_star_of_returning
WITH moved AS (UPDATE orders_archive SET total = total WHERE id = (SELECT max(id) FROM orders_archive) RETURNING *)
SELECT * FROM moved;

-- name: cte_update_returning_select
WITH upd AS (UPDATE products SET price = price * 1.10 WHERE 'tools' = ANY (tags) RETURNING sku, price) SELECT sku, price FROM upd ORDER BY sku;

-- name: cte_fk_tables
CREATE TABLE fk_parent (id int PRIMARY KEY);
CREATE TABLE fk_cascade_child (pid int REFERENCES fk_parent(id) ON DELETE CASCADE, n int);
CREATE TABLE fk_restrict_child (pid int REFERENCES fk_parent(id));
INSERT INTO fk_parent VALUES (1), (2), (3);
INSERT INTO fk_cascade_child VALUES (1, 1), (2, 2);
INSERT INTO fk_restrict_child VALUES (3);

-- name: cte_delete_cascades
WITH d AS (DELETE FROM fk_parent WHERE id = 1 RETURNING id) SELECT count(*) FROM d;

-- name: cte_delete_cascaded_rows
SELECT pid, n FROM fk_cascade_child ORDER BY pid;

-- name: cte_delete_restricted
-- expect-error: 23503
WITH d AS (DELETE FROM fk_parent WHERE id = 3 RETURNING id) SELECT count(*) FROM d;

-- name: cte_insert_missing_parent
-- expect-error: 23503
WITH i AS (INSERT INTO fk_restrict_child VALUES (99) RETURNING pid) SELECT * FROM i;

-- name: cte_fk_rows_after
SELECT (SELECT array_agg(id ORDER BY id) FROM fk_parent) AS parents, (SELECT array_agg(pid ORDER BY pid) FROM fk_restrict_child) AS restricted;

-- name: cte_modifying_count
WITH d AS (DELETE FROM order_items WHERE qty > 100 RETURNING 1) SELECT count(*) FROM d;

-- name: cte_modifying_then_modifying_tag
WITH d AS (DELETE FROM order_items WHERE qty > 1000 RETURNING 1) UPDATE orders_archive SET total = total WHERE id > 0;

-- Upserts

-- name: create_inventory
CREATE TABLE inventory (sku text PRIMARY KEY, qty int NOT NULL DEFAULT 0, note text);

-- name: upsert_excluded_add
INSERT INTO inventory (sku, qty) VALUES ('A-1', 5), ('B-2', 3) ON CONFLICT (sku) DO UPDATE SET qty = inventory.qty + EXCLUDED.qty RETURNING *;

-- name: upsert_excluded_add_again
INSERT INTO inventory (sku, qty) VALUES ('A-1', 5), ('C-3', 1) ON CONFLICT (sku) DO UPDATE SET qty = inventory.qty + EXCLUDED.qty RETURNING sku, qty;

-- name: upsert_set_excluded
INSERT INTO inventory (sku, qty) VALUES ('A-1', 1), ('D-4', 1) ON CONFLICT (sku) DO UPDATE SET qty = EXCLUDED.qty;

-- name: upsert_where_false_no_row
INSERT INTO inventory VALUES ('A-1', 100, 'x') ON CONFLICT (sku) DO UPDATE SET qty = EXCLUDED.qty, note = EXCLUDED.note WHERE inventory.qty > 1000 RETURNING *;

-- name: upsert_where_excluded
INSERT INTO inventory VALUES ('B-2', 7, 'restock') ON CONFLICT (sku) DO UPDATE SET qty = EXCLUDED.qty, note = EXCLUDED.note WHERE EXCLUDED.qty > inventory.qty RETURNING *;

-- name: upsert_row_set
INSERT INTO inventory VALUES ('C-3', 1, 'a') ON CONFLICT (sku) DO UPDATE SET (qty, note) = (EXCLUDED.qty + 10, 'updated: ' || EXCLUDED.note) RETURNING *;

-- name: upsert_coalesce_excluded
INSERT INTO inventory VALUES ('D-4', 2, NULL) ON CONFLICT (sku) DO UPDATE SET note = coalesce(EXCLUDED.note, inventory.note, 'none') RETURNING sku, note;

-- name: create_upsert_scratch
CREATE TABLE upsert_scratch (k text PRIMARY KEY, n int);

-- name: fill_upsert_scratch
INSERT INTO upsert_scratch VALUES ('a', 1), ('b', 1);

-- name: upsert_returning_order_do_nothing
INSERT INTO upsert_scratch VALUES ('e', 0), ('c', 0), ('d', 0) ON CONFLICT (k) DO NOTHING RETURNING k;

-- name: upsert_returning_order_do_update
INSERT INTO upsert_scratch VALUES ('f', 0), ('b', 2), ('g', 0), ('a', 2) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n RETURNING k, n;

-- name: upsert_inserted_or_updated_xmax
INSERT INTO upsert_scratch VALUES ('a', 3), ('h', 3) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n RETURNING k, (xmax = 0) AS inserted;

-- name: upsert_unnest_xmax
INSERT INTO upsert_scratch (k, n) SELECT * FROM unnest('{x1,a,x2}'::text[], '{4,4,4}'::int[]) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n RETURNING k, xmax::text::bigint = 0 AS inserted;

-- name: upsert_do_nothing_xmax
INSERT INTO upsert_scratch AS s VALUES ('x3', 1), ('a', 1) ON CONFLICT DO NOTHING RETURNING s.k, s.xmax = 0 AS inserted;

-- name: upsert_same_key_twice
-- expect-error: 21000
INSERT INTO upsert_scratch VALUES ('z', 1), ('z', 2) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n;

-- name: upsert_unnest_returning_order
INSERT INTO upsert_scratch (k, n) SELECT * FROM unnest('{q,a,p,b}'::text[], '{5,5,5,5}'::int[]) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n RETURNING k, n;

-- name: upsert_query_do_nothing_order
INSERT INTO upsert_scratch AS s (k, n) SELECT 'm' || g, g FROM generate_series(1, 4) g ORDER BY g DESC ON CONFLICT DO NOTHING RETURNING s.k, s.n * 10 AS tens;

-- name: upsert_query_same_key_twice
-- expect-error: 21000
INSERT INTO upsert_scratch (k, n) SELECT * FROM unnest('{y,y}'::text[], '{1,2}'::int[]) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n RETURNING k;

-- name: upsert_expression_keys_order
INSERT INTO upsert_scratch VALUES ('r' || 2, 1), (upper('a'), 1), ('r' || 1, 1), ('a', 7) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n + 1 RETURNING *;

-- name: upsert_do_nothing_key_order
INSERT INTO upsert_scratch (k, n) VALUES ('n2', NULL), ('n1', NULL) ON CONFLICT DO NOTHING RETURNING k, n IS NULL AS no_n;

-- name: create_upsert_pair
CREATE TABLE upsert_pair (a int, b text, v int, PRIMARY KEY (a, b));

-- name: upsert_pair_order
INSERT INTO upsert_pair VALUES (2, 'x', 1), (1, 'y', 1), (1, 'x', 1) ON CONFLICT (a, b) DO UPDATE SET v = upsert_pair.v + 1 RETURNING a, b, v;

-- name: upsert_pair_order_again
INSERT INTO upsert_pair VALUES (3, 'z', 1), (1, 'x', 1), (2, 'x', 1) ON CONFLICT (a, b) DO UPDATE SET v = upsert_pair.v + 1 RETURNING a, b, v;

-- name: upsert_pair_same_key_twice
-- expect-error: 21000
INSERT INTO upsert_pair VALUES (5, 'q', 1), (5, lower('Q'), 2) ON CONFLICT (a, b) DO UPDATE SET v = 0 RETURNING a;

-- name: upsert_do_update_needs_target
-- expect-error: 42601
INSERT INTO upsert_scratch VALUES ('a', 1) ON CONFLICT DO UPDATE SET n = 1;

-- name: upsert_target_without_unique
-- expect-error: 42P10
INSERT INTO upsert_scratch VALUES ('a', 1) ON CONFLICT (n) DO NOTHING;

-- name: upsert_composite_key
INSERT INTO order_items VALUES (1, 'A-1', 2, 9.99) ON CONFLICT (order_id, sku) DO UPDATE SET qty = order_items.qty + EXCLUDED.qty RETURNING order_id, sku, qty;

-- name: upsert_on_unique_column
INSERT INTO customers (email, name) VALUES ('ann@example.com', 'Ann S.') ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING email, name, score;

-- name: upsert_do_nothing_tag
INSERT INTO customers (email, name, created_at) VALUES ('ann@example.com', 'X', '2024-04-02 00:00:00+00'), ('gus@example.com', 'Gus', '2024-04-02 00:00:00+00') ON CONFLICT DO NOTHING;

-- name: inventory_result
SELECT * FROM inventory ORDER BY sku;

-- UPDATE ... FROM, DELETE ... USING, RETURNING

-- name: update_from_aggregate_subquery
UPDATE orders o SET total = s.amount
FROM (SELECT order_id, sum(qty * unit_price) AS amount FROM order_items GROUP BY order_id) s
WHERE s.order_id = o.id AND o.total IS DISTINCT FROM s.amount
RETURNING o.id, o.total;

-- name: update_from_join_alias
UPDATE customers c SET score = coalesce(c.score, 0) + 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'new' RETURNING c.email, c.score;

-- name: update_set_row
UPDATE products SET (title, price) = ('Widget Pro', price + 1) WHERE sku = 'A-1' RETURNING *;

-- name: update_set_row_subquery
UPDATE products SET (title, price) = (SELECT title, price FROM products p2 WHERE p2.sku = 'C-3') WHERE sku = 'C-3' RETURNING sku, title, price;

-- name: update_set_row_subquery_correlated
UPDATE products SET (title, price) = (SELECT upper(p2.title), p2.price + 1 FROM products p2 WHERE p2.sku = products.sku) WHERE sku = 'C-3' RETURNING sku, title, price;

-- name: update_set_row_subquery_no_row
UPDATE products SET (title, price) = (SELECT title, price FROM products p2 WHERE p2.sku = 'nope') WHERE sku = 'nope';

-- name: update_set_row_subquery_aggregate
UPDATE products SET (price, title) = (SELECT max(price), min(title) FROM products p2 WHERE p2.sku <> 'C-3') WHERE sku = 'C-3' RETURNING sku, title, price;

-- name: update_set_row_subquery_two_rows
-- expect-error: 21000
UPDATE products SET (title, price) = (SELECT title, price FROM products p2) WHERE sku = 'C-3';

-- name: update_set_row_subquery_column_count
-- expect-error: 42601
UPDATE products SET (title, price) = (SELECT title FROM products p2 WHERE p2.sku = 'C-3') WHERE sku = 'C-3';

-- name: update_returning_expression
UPDATE inventory SET qty = qty - 1 WHERE sku = 'A-1' RETURNING sku, qty, qty + 1 AS before, upper(sku) AS up;

-- name: update_case_expression
UPDATE orders SET status = CASE WHEN total IS NULL THEN 'draft' WHEN total > 100 THEN 'big' ELSE status END WHERE status = 'new' RETURNING id, status;

-- name: update_with_subquery_in_set
UPDATE customers SET score = (SELECT count(*) FROM orders WHERE orders.customer_id = customers.id) WHERE email = 'cid@example.org' RETURNING score;

-- name: delete_using_join
DELETE FROM order_items oi USING orders o WHERE o.id = oi.order_id AND o.status = 'draft' RETURNING oi.*;

-- name: delete_returning_star
DELETE FROM inventory WHERE note IS NULL AND qty < 3 RETURNING *;

-- name: delete_where_not_exists
DELETE FROM products p WHERE NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.sku = p.sku) AND p.sku = 'C-9';

-- name: insert_select_ordered_returning
INSERT INTO inventory (sku, qty) SELECT sku, 0 FROM products WHERE sku NOT IN (SELECT sku FROM inventory) ORDER BY sku RETURNING sku, qty, note;

-- name: insert_default_values_returning
CREATE TABLE audit (id serial PRIMARY KEY, at timestamptz DEFAULT '2024-01-01 00:00:00+00', who text DEFAULT current_user, note text);

-- name: insert_default_values
INSERT INTO audit DEFAULT VALUES RETURNING *;

-- name: insert_returning_star_mixed_defaults
INSERT INTO audit (note) VALUES ('second'), (DEFAULT) RETURNING id, who, note;

-- String functions

-- name: initcap_edges
SELECT initcap('o''neil mc-donald 3rd école'), initcap('hello_world foo.bar'), initcap('ÉCOLE normale');

-- name: pad_edges
SELECT lpad('abc', 2), rpad('abc', 2), lpad('', 3, 'xy'), rpad('x', 0), rpad('é', 3, 'ü'), lpad('x', -1);

-- name: pad_with_empty_fill
SELECT lpad('5', 5, ''), rpad('5', 5, '');

-- name: regexp_replace_everyday
SELECT regexp_replace('abcabc', 'b', 'X'), regexp_replace('abc', '(a)(b)', '\2\1'), regexp_replace('phone: 555-1234', '\D', '', 'g'),
       regexp_replace('John Smith', '(\w+) (\w+)', '\2, \1'), regexp_replace('x', 'y', 'z');

-- name: substring_regex_forms
SELECT substring('order #12345 shipped' FROM '#(\d+)'), substring('abc' FROM 2), substring('abc' FOR 2), substring('abc' FROM 0 FOR 2);

-- name: substring_similar_escape
SELECT substring('foobar' FROM '%#"o_b#"%' FOR '#'), substring('foobar', '%#"o_b#"%', '#');

-- name: format_everyday
SELECT format('UPDATE %I SET %I = %L WHERE id = %s', 'user', 'Name', 'O''Brien', 42), format('%s%%', 10), format('%L', 3.5), format('%I', 'lower_ok'), format('%I', 'Has Space');

-- name: format_arrays_and_nulls
SELECT format('%s', ARRAY[1, 2]), format('%L', 'a\b'), format('[%s]', NULL::text), format('%1$s-%1$s', 'x'), format('%s', true), format('%s', 1.50);

-- name: format_too_few_arguments
-- expect-error: 22023
SELECT format('%s %s', 'only one');

-- name: upper_sharp_s
SELECT upper('straße'), upper('Hello World'), lower('MiXeD 123');

-- name: split_part_edges
SELECT split_part('a,b', ',', 5), split_part('', ',', 1), split_part('abc', '', 1), split_part('a,,b', ',', 2) = '';

-- name: split_part_zero
-- expect-error: 22023
SELECT split_part('a,b', ',', 0);

-- name: like_any_array
SELECT email FROM customers WHERE email LIKE ANY (ARRAY['%.org', '%.net']) ORDER BY email;

-- name: hex_integer_input_refused
-- expect-error: 22P02
SELECT '0x1F'::int;

-- Dates and times

-- name: date_trunc_with_zone
SELECT date_trunc('day', timestamptz '2024-05-17 02:00:00+00', 'America/New_York');

-- name: date_trunc_group_by_month
SELECT date_trunc('month', placed_at) AS month, count(*), sum(total) FROM orders GROUP BY 1 ORDER BY 1;

-- name: age_more
SELECT age(timestamp '2024-03-31', timestamp '2024-02-29'), age(timestamp '2023-12-31 23:00', timestamp '2024-01-01 01:00'), age(date '2000-02-29', date '2024-02-28'),
       age(timestamptz '2024-06-01 00:00+00', timestamptz '1990-06-15 12:00+00');

-- name: extract_epoch_more
SELECT extract(epoch FROM timestamptz '2024-01-01 00:00:00+00'), extract(epoch FROM date '2024-01-01'), extract(epoch FROM interval '1 month'),
       extract(epoch FROM timestamp '1970-01-01 00:00:01.5'), pg_typeof(extract(epoch FROM timestamptz '2024-01-01 00:00:00+00'));

-- name: at_time_zone_both_directions
SELECT timestamp '2024-07-01 12:00' AT TIME ZONE 'Europe/Berlin', timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'Europe/Berlin',
       timestamptz '2024-01-01 12:00+00' AT TIME ZONE 'America/Los_Angeles', timestamp '2024-03-10 02:30' AT TIME ZONE 'America/New_York';

-- name: at_time_zone_offsets_and_abbreviations
SELECT timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'UTC', timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'EST',
       timezone('Asia/Tokyo', timestamptz '2024-07-01 12:00+00'), timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'PST8PDT';

-- name: at_time_zone_posix_offset_sign
SELECT timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'UTC+3', timestamp '2024-07-01 12:00' AT TIME ZONE 'UTC-3';

-- name: at_time_zone_numeric_offset
SELECT timestamptz '2024-07-01 12:00+00' AT TIME ZONE '+02', timestamptz '2024-07-01 12:00+00' AT TIME ZONE '-05:30';

-- name: to_char_date_patterns
SELECT to_char(timestamp '2024-03-05 04:07:09.5', 'YYYY-MM-DD"T"HH24:MI:SS'), to_char(timestamp '2024-03-05 16:07:09', 'Mon DD, YYYY HH12:MI PM'),
       to_char(date '2024-03-05', 'Day'), to_char(date '2024-03-05', 'FMMM/FMDD/YY'), to_char(timestamp '2024-03-05 16:07:09.123', 'MS'),
       to_char(date '2024-03-05', 'WW "week" J');

-- name: to_char_number_patterns
SELECT to_char(1234.5, 'FM9,999.00'), to_char(0.075, '0.99'), to_char(-1234, '9999PR'), to_char(12, 'FM99th'), to_char(1e6, '9.99EEEE'), to_char(7, 'FM000'), to_char(3.14159::float8, '9.99');

-- name: make_date_parts
SELECT make_date(2024, 12, 31), make_timestamp(2024, 2, 29, 23, 59, 59.999999), make_interval(years => 1, months => -1), make_date(-44, 3, 15);

-- name: generate_series_month_steps
SELECT g::date FROM generate_series(date '2024-01-31', date '2024-06-30', interval '1 month') g ORDER BY g;

-- name: generate_series_calendar_left_join
SELECT d::date AS day, count(o.id) FROM generate_series(date '2024-02-10', date '2024-02-15', interval '1 day') d
LEFT JOIN orders o ON o.placed_at::date = d::date GROUP BY 1 ORDER BY 1;

-- name: date_bin_values
SELECT date_bin('15 minutes', timestamp '2024-03-05 10:38:20', timestamp '2000-01-01'), date_bin(interval '1 hour', timestamptz '2024-03-05 10:38:20+00', timestamptz '2024-01-01 00:30+00');

-- name: date_bin_group_by
SELECT date_bin('30 days', placed_at, timestamptz '2024-01-01 00:00+00') AS bucket, count(*) FROM orders GROUP BY 1 ORDER BY 1;

-- name: now_deterministic_facts
SELECT now() > timestamptz '2020-01-01', now() = now(), current_date >= date '2024-01-01', now()::date = current_date,
       pg_typeof(now()), pg_typeof(current_date), pg_typeof(current_timestamp), pg_typeof(localtimestamp), pg_typeof(current_time);

-- name: now_is_transaction_start
SELECT now() = current_timestamp, now() = transaction_timestamp(), clock_timestamp() >= now();

-- name: overlaps_operator
SELECT (date '2024-01-01', date '2024-02-01') OVERLAPS (date '2024-01-15', date '2024-03-01'), (date '2024-01-01', interval '1 day') OVERLAPS (date '2024-01-02', interval '1 day');

-- name: interval_aggregates
SELECT c.name, sum(o.placed_at - c.created_at), avg(o.placed_at - c.created_at), max(o.placed_at - c.created_at)
FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name;

-- name: date_bin_months_refused
-- expect-error: 0A000
SELECT date_bin('1 month', timestamp '2024-03-05', timestamp '2024-01-01');

-- Aggregates and grouping

-- name: string_agg_order_desc_and_distinct
SELECT string_agg(name, ', ' ORDER BY name DESC), string_agg(DISTINCT country, '|' ORDER BY country), string_agg(country, '|' ORDER BY country NULLS FIRST) FROM customers;

-- name: array_agg_distinct_and_ordered
SELECT array_agg(DISTINCT status ORDER BY status), array_agg(id ORDER BY placed_at DESC), array_agg(total ORDER BY id) FILTER (WHERE total > 20) FROM orders;

-- name: array_agg_distinct_nulls
SELECT array_agg(DISTINCT country ORDER BY country) FROM customers;

-- name: percentile_cont_disc
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY score), percentile_disc(0.5) WITHIN GROUP (ORDER BY score),
       percentile_cont(0.25) WITHIN GROUP (ORDER BY total), percentile_disc(0.9) WITHIN GROUP (ORDER BY total) FROM customers, orders WHERE orders.customer_id = customers.id;

-- name: percentile_grouped
SELECT status, percentile_cont(0.5) WITHIN GROUP (ORDER BY total) AS median FROM orders GROUP BY status ORDER BY status;

-- name: percentile_of_interval
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY placed_at - timestamptz '2024-01-01 00:00+00') FROM orders;

-- name: mode_aggregate
SELECT mode() WITHIN GROUP (ORDER BY score), mode() WITHIN GROUP (ORDER BY country) FROM customers;

-- name: count_distinct_variants
SELECT count(DISTINCT country), count(DISTINCT (country, score)), count(*) FILTER (WHERE score IS NULL), count(DISTINCT score) FILTER (WHERE score > 50) FROM customers;

-- name: grouping_sets
SELECT status, date_trunc('month', placed_at)::date AS month, count(*), sum(total)
FROM orders GROUP BY GROUPING SETS ((status), (date_trunc('month', placed_at)::date), ()) ORDER BY status NULLS LAST, month NULLS LAST;

-- name: rollup_with_grouping
SELECT country, score > 60 AS high, count(*), grouping(country), grouping(country, score > 60)
FROM customers GROUP BY ROLLUP (country, score > 60) ORDER BY grouping(country, score > 60), country NULLS LAST, high NULLS LAST;

-- name: aggregate_empty_input
SELECT count(*), sum(total), avg(total), max(total), string_agg(status, ','), array_agg(id), bool_and(true), json_agg(id) FROM orders WHERE false;

-- name: sum_types
SELECT pg_typeof(sum(score)), pg_typeof(sum(customers.id)), pg_typeof(avg(score)), pg_typeof(sum(total)), pg_typeof(sum(1.5::float4)), pg_typeof(count(*)) FROM customers, orders;

-- name: typeof_of_aggregate_one_row
SELECT pg_typeof(sum(score)) FROM customers;

-- name: ambiguous_column_in_aggregate
-- expect-error: 42702
SELECT sum(id) FROM customers, orders;

-- name: statistical_aggregates
SELECT stddev(score), stddev_pop(score), variance(score), var_pop(score), corr(score, id), regr_slope(score, id) FROM customers;

-- Casts and how values come out

-- name: float_output_everyday
SELECT 0.1::float8 + 0.2::float8, 1e100::float8, -0.0::float8, 'NaN'::float8, 1/3::float4, 100::float8 / 3, 2.5e-5::float8, 123456789012345678::float8;

-- name: numeric_output_everyday
SELECT 0.1 + 0.2, 1.0 / 3, 10.0 / 4, 2 * 1.50, 1e3::numeric, 1.230::numeric, (1.5)::numeric(5,1)::text, 7 / 2, 7 / 2.0, -7 / 2;

-- name: numeric_rounding_casts
SELECT 2.5::int, 3.5::int, (-2.5)::int, 2.5::float8::int, 3.5::float8::int, 0.5::bigint, 1.49999::int, '2.5'::float8::smallint;

-- name: integer_overflow_sum_column
-- expect-error: 22003
SELECT (score * 100000000)::int FROM customers WHERE score IS NOT NULL;

-- name: integer_overflow_abs_min
-- expect-error: 22003
SELECT abs(-2147483648::int);

-- name: integer_overflow_negate
-- expect-error: 22003
SELECT -(-2147483648)::int;

-- name: division_by_zero_column
-- expect-error: 22012
SELECT total / (score - score) FROM orders JOIN customers ON customers.id = orders.customer_id WHERE score IS NOT NULL;

-- name: invalid_input_numeric_column
-- expect-error: 22P02
SELECT * FROM orders WHERE total = 'abc';

-- name: invalid_input_int_with_fraction
-- expect-error: 22P02
SELECT '1.5'::int;

-- name: invalid_input_bigint_with_spaces_inside
-- expect-error: 22P02
SELECT '1 000'::bigint;

-- name: boolean_input_and_output
SELECT 'true'::boolean, 'FALSE'::boolean, ' on '::boolean, 'y'::boolean, '0'::boolean, true::text, false::int, 1::boolean, 0::boolean;

-- name: cast_to_text_forms
SELECT 42::text, 4.20::text, 1e-5::float8::text, true::text, date '2024-01-02'::text, interval '90 minutes'::text, '{1,2}'::int[]::text, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text;

-- name: case_result_types
SELECT CASE WHEN true THEN 1 ELSE 2.5 END, CASE WHEN false THEN 1 END, CASE WHEN true THEN 'a' ELSE NULL END, pg_typeof(CASE WHEN true THEN 1 ELSE 2.5 END),
       pg_typeof(CASE WHEN true THEN 1 ELSE 2::bigint END);

-- name: case_type_mismatch
-- expect-error: 42804
SELECT CASE WHEN true THEN 1 ELSE 'x'::text END;

-- name: case_column_type_mismatch
-- expect-error: 42804
SELECT CASE WHEN score > 50 THEN name ELSE score END FROM customers;

-- name: case_boolean_and_integer
-- expect-error: 42804
SELECT CASE WHEN true THEN true ELSE 1 END;

-- name: case_date_and_interval
-- expect-error: 42804
SELECT CASE WHEN true THEN interval '1 day' ELSE created_at END FROM customers;

-- name: case_jsonb_and_json
-- expect-error: 42846
SELECT CASE WHEN true THEN '{}'::jsonb ELSE '{}'::json END;

-- name: case_matching_types
SELECT CASE WHEN score > 60 THEN name ELSE 'low' END, CASE WHEN score IS NULL THEN created_at ELSE '2024-06-01'::date END,
       CASE WHEN true THEN 1::int2 ELSE 2::bigint END
FROM customers ORDER BY id;

-- name: coalesce_column_type_mismatch
-- expect-error: 42804
SELECT coalesce(score, name) FROM customers;

-- name: greatest_type_mismatch
-- expect-error: 42804
SELECT greatest(1, 'x'::text);

-- name: array_type_mismatch
-- expect-error: 42804
SELECT ARRAY[id, email] FROM customers;

-- name: array_of_one_category
SELECT ARRAY[id, score], ARRAY[name, country] FROM customers ORDER BY id;

-- name: values_type_mismatch
-- expect-error: 42804
SELECT * FROM (VALUES (1), ('x'::text)) v;

-- name: values_time_and_date
-- expect-error: 42846
VALUES ('10:00'::time), ('2024-01-01'::date);

-- name: union_string_constant_takes_the_type
SELECT 1 UNION SELECT '2' UNION SELECT 10 ORDER BY 1;

-- name: union_string_constant_of_another_type
-- expect-error: 22P02
SELECT 1 UNION SELECT '2.5';

-- name: union_string_constants_of_a_date_column
SELECT created_at FROM customers UNION SELECT '2020-01-01' ORDER BY 1 LIMIT 2;

-- name: union_timestamp_and_integer
-- expect-error: 42804
SELECT created_at FROM customers UNION SELECT 1;

-- name: union_jsonb_and_json
-- expect-error: 42846
SELECT attrs FROM products UNION ALL SELECT '{}'::json;

-- name: union_arrays_of_other_elements
-- expect-error: 42846
SELECT ARRAY[1] UNION ALL SELECT tags FROM products;

-- name: union_of_untyped_strings_is_text
-- expect-error: 42804
SELECT 'a' UNION SELECT 'b' UNION SELECT 1;

-- name: case_string_constant_takes_the_type
SELECT CASE WHEN false THEN 1 ELSE '2' END, pg_typeof(CASE WHEN false THEN 1 ELSE '2' END), CASE WHEN true THEN now() ELSE '2024-01-01' END > '2020-01-01',
       greatest(1, '10'), ARRAY[1, '2'], CASE WHEN true THEN 'yes' ELSE false END;

-- name: case_string_constant_of_another_type
-- expect-error: 22P02
SELECT CASE WHEN true THEN 1 ELSE 'x' END;

-- name: coalesce_types
SELECT coalesce(NULL, 1, 2.5), pg_typeof(coalesce(NULL, 1, 2.5)), coalesce(NULL::text, 'x'), coalesce(score, 0) FROM customers WHERE email = 'cid@example.org';

-- name: coalesce_type_mismatch
-- expect-error: 22P02
SELECT coalesce(1, 'x');

-- Joins, set operations, paging

-- name: full_join_coalesce
SELECT coalesce(i.sku, p.sku) AS sku, i.qty, p.title FROM inventory i FULL JOIN products p ON p.sku = i.sku ORDER BY 1;

-- name: join_using_alias
SELECT j.sku, count(*) FROM order_items JOIN products USING (sku) AS j GROUP BY j.sku ORDER BY j.sku;

-- name: lateral_top_n_per_group
SELECT c.email, o.id, o.total FROM customers c CROSS JOIN LATERAL (SELECT id, total FROM orders WHERE customer_id = c.id ORDER BY total DESC NULLS LAST LIMIT 1) o ORDER BY c.email;

-- name: left_join_lateral_on_true
SELECT c.email, o.n FROM customers c LEFT JOIN LATERAL (SELECT count(*) AS n FROM orders WHERE customer_id = c.id AND status = 'paid') o ON true ORDER BY c.email;

-- name: lateral_unnest_tags
SELECT p.sku, t.tag FROM products p, LATERAL unnest(p.tags) AS t(tag) ORDER BY p.sku, t.tag;

-- name: distinct_on_expression
SELECT DISTINCT ON (date_trunc('month', placed_at)) date_trunc('month', placed_at) AS m, id FROM orders ORDER BY date_trunc('month', placed_at), total DESC NULLS LAST;

-- name: fetch_first_with_ties
SELECT name, score FROM customers ORDER BY score DESC NULLS LAST FETCH FIRST 3 ROWS WITH TIES;

-- name: fetch_first_with_ties_more
SELECT name, score FROM customers WHERE score IS NOT NULL ORDER BY score FETCH FIRST 1 ROW WITH TIES;

-- name: union_type_resolution
SELECT 1 AS x UNION SELECT 2.5 UNION SELECT NULL ORDER BY x NULLS FIRST;

-- name: intersect_all_except_all
SELECT x FROM (VALUES (1), (1), (2), (3)) a(x) INTERSECT ALL SELECT y FROM (VALUES (1), (1), (1), (2)) b(y) ORDER BY 1;

-- name: except_all
SELECT x FROM (VALUES (1), (1), (2), (3)) a(x) EXCEPT ALL SELECT y FROM (VALUES (1), (2)) b(y) ORDER BY 1;

-- Subqueries

-- name: not_in_subquery_with_null
SELECT count(*) FROM customers WHERE score NOT IN (SELECT score FROM customers WHERE country = 'US');

-- name: any_all_subquery
SELECT email FROM customers WHERE score > ALL (SELECT score FROM customers WHERE country = 'GB') AND score >= ANY (SELECT 90) ORDER BY email;

-- name: scalar_subquery_several_rows
-- expect-error: 21000
SELECT email, (SELECT id FROM orders o WHERE o.customer_id = c.id) FROM customers c;

-- name: window_function_in_having_refused
-- expect-error: 42P20
SELECT status FROM orders GROUP BY status HAVING count(*) > rank() OVER (ORDER BY status);

-- name: window_function_in_group_by_refused
-- expect-error: 42P20
SELECT count(*) FROM orders GROUP BY row_number() OVER ();

-- name: window_function_in_update_where_refused
-- expect-error: 42P20
UPDATE orders SET total = total WHERE row_number() OVER () = 1;

-- name: window_function_in_subquery_of_where
SELECT count(*) FROM orders WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS r FROM orders) x WHERE r <= 2);

-- name: aggregate_in_delete_returning_refused
-- expect-error: 42803
DELETE FROM orders WHERE false RETURNING max(id);

-- name: aggregate_in_returning_subquery
UPDATE orders SET total = total WHERE id = 1 RETURNING id, (SELECT count(*) FROM customers) > 0 AS any;

-- name: returning_correlated_subquery
UPDATE orders AS o SET total = total WHERE id = 1 RETURNING o.id, (SELECT c.email FROM customers c WHERE c.id = o.customer_id) AS email;

-- name: returning_subquery_reads_changed_table
UPDATE orders SET total = total WHERE id = 1 RETURNING id, (SELECT count(*) FROM orders) > 0 AS any;

-- name: scalar_subquery_star_of_one_column
SELECT (SELECT * FROM (SELECT 1) s);

-- name: scalar_subquery_union_several_columns
-- expect-error: 42601
SELECT (SELECT 1, 2 UNION ALL SELECT 3, 4);

-- name: scalar_subquery_several_columns
-- expect-error: 42601
SELECT (SELECT 1, 2);

-- name: row_comparison_subquery
SELECT (1, 'a') = (SELECT 1, 'a'), (1, 2) < (1, 3), (1, NULL) = (1, 2);

-- name: in_subquery_multi_column
SELECT id FROM orders WHERE (customer_id, status) IN (SELECT 1, 'paid' UNION ALL SELECT 3, 'paid') ORDER BY id;

-- name: row_comparison_nulls
SELECT (1, NULL) = (1, 2), (1, NULL) = (2, 2), (1, NULL) <> (2, NULL), (1, NULL) < (2, NULL), (NULL, 1) < (1, 2), (1, NULL) <= (1, 2), ROW(1, 2) >= ROW(1, 2);

-- name: row_in_list_nulls
SELECT (1, NULL) IN ((1, 2)), (1, NULL) NOT IN ((2, 2)), (1, NULL) IN ((1, 2), (1, NULL)), (1, 2) IN ((1, 2), (3, NULL)), (1, 2) NOT IN ((1, 3), (2, NULL));

-- name: row_comparison_subquery_cases
SELECT (1, 'a') = (SELECT 1, 'b'), (1, NULL) = (SELECT 1, 'b'), (1, 'a') = (SELECT 1, 'a' WHERE false), (1, 'a') < (SELECT 1, 'b'),
       (2, 'a') <> (SELECT 1, 'a'), ROW(1, 2) = (SELECT * FROM (VALUES (1, 2)) v);

-- name: row_comparison_subquery_columns
SELECT o.id FROM orders o WHERE (o.customer_id, o.status) = (SELECT c.id, 'paid' FROM customers c WHERE c.id = o.customer_id) ORDER BY 1;

-- name: row_comparison_subquery_several_rows
-- expect-error: 21000
SELECT (1, 'a') = (SELECT 1, 'a' UNION ALL SELECT 2, 'b');

-- name: row_comparison_subquery_too_few_columns
-- expect-error: 42601
SELECT (1, 2) = (SELECT 1);

-- name: row_in_subquery_too_many_columns
-- expect-error: 42601
SELECT (1, 2) IN (SELECT 1, 2, 3);

-- name: row_any_all_subquery
SELECT customer_id, status, (customer_id, status) = ANY (SELECT 1, 'paid' UNION ALL SELECT NULL, 'new'),
       (customer_id, status) < ANY (SELECT 2, 'a'), (customer_id, status) <> ALL (SELECT 1, 'paid'),
       (customer_id, status) = ALL (SELECT 1, 'paid'), (customer_id, status) <> ANY (SELECT 1, 'paid'),
       (customer_id, status) NOT IN (SELECT 1, 'paid' UNION ALL SELECT NULL, 'new')
FROM orders ORDER BY id;

-- name: row_any_all_empty_subquery
SELECT (1, 2) < ANY (SELECT 1, 2 WHERE false), (1, 2) < ALL (SELECT 1, 2 WHERE false), (1, NULL) >= ALL (SELECT 1, 2), (1, NULL) > ANY (SELECT 0, 2);

-- uuid, json and arrays in daily use

-- name: uuid_table
CREATE TABLE sessions (id uuid PRIMARY KEY, customer_id int, data jsonb NOT NULL DEFAULT '{}');

-- name: uuid_insert_and_compare
INSERT INTO sessions VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 1, '{"cart": [{"sku": "A-1", "qty": 2}], "theme": "dark"}'),
    ('00000000-0000-0000-0000-000000000001', 2, '{"cart": [], "theme": null}') RETURNING id;

-- name: order_by_ambiguous_output_name
-- expect-error: 42702
SELECT id, id::text FROM sessions ORDER BY id;

-- name: order_by_same_column_twice
SELECT id, sessions.id, customer_id FROM sessions ORDER BY id;

-- name: order_by_star_and_cast_with_the_name
-- expect-error: 42702
SELECT *, customer_id::text AS customer_id FROM sessions ORDER BY customer_id;

-- name: order_by_ambiguous_join_columns
-- expect-error: 42702
SELECT s.customer_id, c.id AS customer_id FROM sessions s JOIN customers c ON c.id = s.customer_id ORDER BY customer_id;

-- name: jsonb_build_object_from_columns
SELECT jsonb_build_object('id', id, 'email', email, 'score', score, 'since', created_at) FROM customers WHERE email IN ('ann@example.com', 'cid@example.org') ORDER BY id;

-- name: jsonb_agg_of_rows
SELECT customer_id, jsonb_agg(jsonb_build_object('id', id, 'total', total) ORDER BY id) FROM orders GROUP BY customer_id ORDER BY customer_id;

-- name: json_arrow_text_filters
SELECT sku, attrs->>'color' AS color, (attrs->>'weight')::numeric AS weight, attrs->'dims'->>1 AS depth FROM products WHERE attrs->>'color' = 'red' ORDER BY sku;

-- name: json_nested_cart_lateral
SELECT s.customer_id, item->>'sku' AS sku, (item->>'qty')::int AS qty FROM sessions s, jsonb_array_elements(s.data->'cart') AS item ORDER BY 1, 2;

-- name: jsonb_set_update
UPDATE sessions SET data = jsonb_set(data, '{theme}', '"light"') || '{"seen": true}' WHERE customer_id = 2 RETURNING data;

-- name: json_null_handling
SELECT '{"a": null}'::jsonb->'a', '{"a": null}'::jsonb->>'a' IS NULL, jsonb_typeof('{"a": null}'::jsonb->'a'), '{"a": null}'::jsonb ? 'a';

-- name: jsonb_numeric_extraction
SELECT ('{"p": 19.90}'::jsonb->>'p')::numeric, ('{"p": 19.90}'::jsonb->'p')::numeric, ('{"n": 1e2}'::jsonb->>'n'), '{"f": 0.1}'::jsonb->'f';

-- name: array_contains_overlap_columns
SELECT sku, tags @> ARRAY['tools'], tags && ARRAY['big', 'small'], ARRAY['tools'] <@ tags FROM products ORDER BY sku;

-- name: unnest_with_ordinality_columns
SELECT p.sku, t.tag, t.pos FROM products p, unnest(p.tags) WITH ORDINALITY AS t(tag, pos) ORDER BY p.sku, t.pos;

-- name: array_update_append_column
UPDATE products SET tags = array_append(tags, 'sale') WHERE sku = 'C-3' RETURNING tags;

-- Constraint errors

-- name: not_null_violation_named_column
-- expect-error: 23502
INSERT INTO customers (email, name) VALUES ('x@example.com', NULL);

-- name: check_violation_named
-- expect-error: 23514
UPDATE customers SET score = 101 WHERE email = 'ann@example.com';

-- name: fk_violation_insert
-- expect-error: 23503
INSERT INTO orders (customer_id, placed_at) VALUES (999, '2024-01-01 00:00+00');

-- name: fk_violation_update_child
-- expect-error: 23503
UPDATE order_items SET sku = 'NOPE' WHERE order_id = 1 AND sku = 'B-2';

-- name: fk_violation_delete_parent
-- expect-error: 23503
DELETE FROM products WHERE sku = 'B-2';

-- name: unique_violation_email
-- expect-error: 23505
UPDATE customers SET email = 'bob@example.com' WHERE email = 'ann@example.com';

-- name: unique_violation_case_insensitive_not
INSERT INTO customers (email, name, created_at) VALUES ('ANN@example.com', 'Ann Upper', '2024-04-03 00:00+00') RETURNING email;

-- name: check_violation_insert_select
-- expect-error: 23514
INSERT INTO order_items SELECT 1, 'C-3', 0, 1.00;

-- name: not_null_default_null
-- expect-error: 23502
INSERT INTO orders (customer_id, placed_at, status) VALUES (1, '2024-01-01 00:00+00', NULL);

-- Views, temp tables, sequences

-- name: view_with_aggregates
CREATE VIEW customer_stats AS SELECT c.id, c.email, count(o.id) AS orders, coalesce(sum(o.total), 0) AS spent FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.email;

-- name: view_query
SELECT email, orders, spent FROM customer_stats WHERE orders > 0 ORDER BY spent DESC, email;

-- name: view_column_types
SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'customer_stats' ORDER BY ordinal_position;

-- name: view_update_simple
CREATE VIEW us_customers AS SELECT id, email, name, country FROM customers WHERE country = 'US';

-- name: view_update_through
UPDATE us_customers SET name = name || ' (US)' WHERE email = 'cid@example.org' RETURNING name;

-- name: view_definition
SELECT table_name, is_updatable FROM information_schema.views WHERE table_schema = 'public' ORDER BY table_name;

-- name: temp_table_create_as
CREATE TEMP TABLE tmp_totals AS SELECT customer_id, sum(total) AS spent FROM orders GROUP BY customer_id;

-- name: temp_table_select_join
SELECT c.email, t.spent FROM tmp_totals t JOIN customers c ON c.id = t.customer_id ORDER BY t.spent DESC NULLS LAST, c.email;

-- name: temp_table_schema_name
SELECT count(*) FROM pg_class WHERE relname = 'tmp_totals' AND relpersistence = 't';

-- name: create_table_as_with_data_types
CREATE TABLE order_summary AS SELECT id, total::float8 AS total_f, placed_at::date AS day, status = 'paid' AS paid FROM orders;

-- name: create_table_as_column_types
SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'order_summary' ORDER BY ordinal_position;

-- name: sequence_everyday
CREATE SEQUENCE invoice_no START 1000 INCREMENT 10;

-- name: sequence_nextval_in_insert
CREATE TABLE invoices (no int PRIMARY KEY DEFAULT nextval('invoice_no'), amount numeric(8,2));

-- name: sequence_default_used
INSERT INTO invoices (amount) VALUES (10), (20.5) RETURNING no, amount;

-- name: sequence_currval_lastval
SELECT currval('invoice_no'), lastval(), nextval('invoice_no');

-- name: sequence_setval_is_called
SELECT setval('invoice_no', 5000, false), nextval('invoice_no'), setval('invoice_no', 42);

-- name: sequence_catalog_view
SELECT sequencename, start_value, increment_by, last_value FROM pg_sequences WHERE sequencename = 'invoice_no';

-- ALTER TABLE everyday changes

-- name: alter_add_column_default
ALTER TABLE invoices ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR';

-- name: alter_add_column_default_read
SELECT no, amount, currency FROM invoices ORDER BY no;

-- name: alter_rename_column
ALTER TABLE invoices RENAME COLUMN amount TO net_amount;

-- name: alter_type_using
ALTER TABLE invoices ALTER COLUMN net_amount TYPE int USING round(net_amount)::int;

-- name: alter_type_using_read
SELECT no, net_amount, pg_typeof(net_amount) FROM invoices ORDER BY no;

-- name: alter_type_text_to_int_using
ALTER TABLE invoices ADD COLUMN ref text;

-- name: alter_type_text_to_int_using_fill
UPDATE invoices SET ref = '00' || no::text;

-- name: alter_type_text_to_int_using_apply
ALTER TABLE invoices ALTER COLUMN ref TYPE bigint USING ref::bigint;

-- name: alter_type_text_to_int_using_read
SELECT no, ref, pg_typeof(ref) FROM invoices ORDER BY no;

-- name: alter_set_default_and_drop_not_null
ALTER TABLE invoices ALTER COLUMN currency SET DEFAULT 'USD', ALTER COLUMN currency DROP NOT NULL;

-- name: alter_after_changes_insert
INSERT INTO invoices (net_amount) VALUES (5) RETURNING net_amount, currency, ref;

-- name: alter_set_not_null_fails
-- expect-error: 23502
ALTER TABLE customers ALTER COLUMN score SET NOT NULL;

-- name: alter_add_column_if_not_exists
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS currency text;

-- name: alter_add_column_if_not_exists_kept_type
SELECT currency || '|', octet_length(currency), pg_typeof(currency) FROM invoices ORDER BY no;

-- name: alter_add_column_if_not_exists_not_null
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS archived boolean DEFAULT false NOT NULL;

-- name: alter_add_column_if_not_exists_not_null_again
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS archived boolean DEFAULT false NOT NULL;

-- name: alter_add_column_if_not_exists_not_null_values
SELECT count(*), bool_or(archived), pg_typeof(bool_or(archived)) FROM invoices;

-- name: alter_drop_column_cascade_view
ALTER TABLE invoices DROP COLUMN ref;

-- name: alter_rename_table
ALTER TABLE invoices RENAME TO bills;

-- name: alter_columns_after
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'bills' ORDER BY ordinal_position;

-- information_schema and catalog queries an application runs

-- name: info_tables_list
SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'orders_like' ORDER BY table_name;

-- name: info_columns_of_customers
SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default
FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'customers' ORDER BY ordinal_position;

-- name: info_foreign_keys
SELECT tc.table_name, kcu.column_name, ccu.table_name AS foreign_table, ccu.column_name AS foreign_column, rc.delete_rule
FROM information_schema.table_constraints tc
JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name IN ('orders', 'order_items') ORDER BY 1, 2;

-- name: info_table_exists_check
SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'customers'), to_regclass('public.nope') IS NULL;

-- name: select_empty_target_list
SELECT EXISTS (SELECT FROM customers WHERE score > 90);

-- Column types in expressions, JSON of rows, and time zones other than UTC

-- name: create_readings
CREATE TABLE readings (id int PRIMARY KEY, ts timestamptz, d date, n numeric(10,2), f float8, c char(5), v varchar(20), b boolean);

-- name: fill_readings
INSERT INTO readings VALUES (1, '2024-03-10 06:30:00+00', '2024-03-10', -7.5, -7.5, 'ab', 'ab', true),
    (2, '2024-11-03 05:30:00+00', '2024-11-03', 2.25, 0.125, 'xyz  ', 'xyz  ', false),
    (3, '2024-12-31 23:59:59.999999+00', '2024-02-29', NULL, NULL, NULL, NULL, NULL);

-- name: timestamptz_to_time
SELECT id, ts::time, ts::timetz FROM readings ORDER BY id;

-- name: timezone_new_york
SET TimeZone = 'America/New_York';

-- name: new_york_date_parts
SELECT id, ts, ts::date, date_trunc('day', ts), extract(hour FROM ts), to_char(ts, 'YYYY-MM-DD HH24:MI TZ'), ts::timestamp FROM readings ORDER BY id;

-- name: new_york_dst_arithmetic
SELECT timestamptz '2024-03-09 12:00-05' + interval '1 day', timestamptz '2024-03-09 12:00-05' + interval '24 hours', timestamptz '2024-11-02 12:00-04' + interval '1 day',
       '2024-03-10 02:30'::timestamptz, '2024-11-03 01:30'::timestamptz;

-- name: new_york_series_over_dst
SELECT generate_series(timestamptz '2024-03-09 00:00-05', timestamptz '2024-03-12 00:00-04', interval '1 day') AS t ORDER BY t;

-- name: timezone_utc_again
SET TimeZone = 'UTC';

-- name: char_column_pattern_matching
SELECT id, c LIKE 'ab', c ILIKE 'AB', c ~ 'b$', c SIMILAR TO 'ab', c LIKE 'ab%' FROM readings ORDER BY id;

-- name: char_column_where_like
SELECT count(*) FROM readings WHERE c LIKE 'ab';

-- name: char_column_in_json
SELECT json_build_object('c', c, 'v', v), to_jsonb(c) FROM readings ORDER BY id;

-- name: row_to_jsonb_with_char
SELECT to_jsonb(r) - 'ts' FROM readings r ORDER BY id;

-- name: jsonb_agg_distinct_order
SELECT jsonb_agg(DISTINCT b ORDER BY b), jsonb_object_agg(id, n ORDER BY id) FROM readings;

-- name: coalesce_array_agg_empty
SELECT coalesce(array_agg(id) FILTER (WHERE id > 10), '{}'), coalesce(NULL::text[], '{a,b}') FROM readings;

-- name: array_concat_untyped_literal
SELECT ARRAY[1] || '{2,3}', '{}'::int[] || 1;

-- name: create_table_array_defaults
CREATE TABLE labels (id int PRIMARY KEY, names varchar(50)[] NOT NULL DEFAULT '{}', codes int[] DEFAULT '{1,2}');

-- name: array_default_used
INSERT INTO labels (id) VALUES (1) RETURNING id, names, codes;

-- name: array_default_explicit
INSERT INTO labels VALUES (2, '{a,b}', '{3}') RETURNING names, codes;

-- name: varchar_array_column_type
SELECT names, pg_typeof(names) FROM labels ORDER BY id;

-- name: array_default_set_and_add
ALTER TABLE labels ALTER COLUMN names SET DEFAULT '{x}', ADD COLUMN tags text[] NOT NULL DEFAULT '{a,"b c"}';

-- name: array_default_set_and_add_used
INSERT INTO labels (id) VALUES (3) RETURNING id, codes, tags, names::text;

-- name: array_default_catalog
SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'labels'::regclass ORDER BY a.attnum;

-- name: sha256_of_literal
SELECT sha256('x'), encode(sha256('x'), 'hex'), encode(sha256('x'::bytea), 'hex');

-- name: float_underflow_input
-- expect-error: 22003
SELECT '1e-400'::float8;

-- name: input_checks_table
CREATE TABLE input_checks (i int, f float8);

-- name: insert_text_fraction_into_int
-- expect-error: 22P02
INSERT INTO input_checks (i) VALUES ('1.5');

-- name: insert_text_hex_into_int
-- expect-error: 22P02
INSERT INTO input_checks (i) VALUES ('0x10');

-- name: insert_text_underflow_into_float
-- expect-error: 22003
INSERT INTO input_checks (f) VALUES ('1e-400');

-- name: smallint_input_out_of_range
-- expect-error: 22003
SELECT '32768'::smallint;

-- name: bigint_input_out_of_range
-- expect-error: 22003
SELECT '9223372036854775808'::bigint;

-- name: float_to_numeric_cast
SELECT 3.14159265358979::float8::numeric, 1e20::float8::numeric, 123.456::float4::numeric, 0.1::float8::numeric, (1/3::float8)::numeric(10,5);

-- name: special_datetime_inputs
SELECT 'today'::date = current_date, 'tomorrow'::date - 'yesterday'::date, 'now'::timestamptz = now(), 'epoch'::date;

-- name: time_difference
SELECT time '10:00' - time '08:30', time '23:00' + interval '2 hours', time '10:00' < time '09:00';

-- name: round_float_with_places_refused
-- expect-error: 42883
SELECT round(2.675::float8, 2);

-- name: values_numeric_scale
SELECT * FROM (VALUES (1, 'a', 1.5), (2, NULL, 2)) v(i, s, n) ORDER BY i;

-- name: generate_series_numeric
SELECT generate_series(1.0, 2.0, 0.5) AS x ORDER BY x;

-- name: round_of_stddev_numeric
SELECT round(avg(n), 2), round(stddev(n), 4), pg_typeof(round(stddev(n), 4)) FROM readings;

-- name: alter_drop_default_catalog
ALTER TABLE labels ALTER COLUMN codes DROP DEFAULT;

-- name: alter_drop_default_catalog_read
SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'labels' ORDER BY ordinal_position;

-- name: alter_add_column_with_foreign_key
ALTER TABLE labels ADD COLUMN owner_id int REFERENCES customers(id) ON DELETE SET NULL;

-- name: alter_rename_constraint
ALTER TABLE labels RENAME CONSTRAINT labels_pkey TO labels_pk;

-- name: relation_size_positive
SELECT pg_total_relation_size('customers') > 0, pg_relation_size('customers') > 0, pg_size_pretty(123456789::bigint);

-- name: concat_ws_with_array
SELECT concat_ws(',', ARRAY['x', 'y']), format('%s', ARRAY['a b', 'c']), format('%L', ARRAY['a']);

-- name: concat_with_array
SELECT concat('tags: ', ARRAY[1, 2]);

-- name: having_output_alias_refused
-- expect-error: 42703
SELECT status, count(*) AS n FROM orders GROUP BY status HAVING n > 1;

-- name: where_output_alias_refused
-- expect-error: 42703
SELECT id AS order_no FROM orders WHERE order_no > 1;

-- name: order_by_alias_in_expression_refused
-- expect-error: 42703
SELECT id AS order_no FROM orders ORDER BY order_no + 1;

-- name: where_output_alias_also_a_column
-- orders has a column status: the name in WHERE is that column, not the output name
SELECT id AS status FROM orders WHERE status = 'paid' ORDER BY 1;

-- name: where_output_alias_of_a_view_column
SELECT email AS spent FROM customer_stats WHERE spent > 0 ORDER BY 1;

-- name: where_output_alias_of_a_cte_column
WITH c(n, s) AS (SELECT id, status FROM orders) SELECT n AS s2 FROM c WHERE s = 'paid' AND n > 1 ORDER BY s2;

-- name: where_output_alias_of_a_subquery_column
SELECT q.n AS total FROM (SELECT id AS n, total FROM orders) q WHERE total > 1 ORDER BY 1;

-- name: where_output_alias_of_a_subquery_refused
-- expect-error: 42703
SELECT q.n AS m FROM (SELECT id AS n FROM orders) q WHERE m > 1;

-- name: where_output_alias_in_a_subquery_refused
-- expect-error: 42703
SELECT id AS order_no FROM orders o WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = order_no);

-- name: where_output_alias_of_a_function_column
SELECT g AS x FROM generate_series(1, 3) AS g WHERE g > 1 ORDER BY x;

-- name: select_list_output_alias_refused
-- expect-error: 42703
SELECT id AS n, n + 1 FROM orders;

-- name: update_subquery_output_alias_refused
-- expect-error: 42703
UPDATE orders SET total = total WHERE id IN (SELECT order_id AS o FROM order_items WHERE o > 1);

-- name: group_by_output_alias
SELECT status AS s, count(*) AS n FROM orders GROUP BY s ORDER BY n DESC, s;

-- name: group_by_output_alias_in_rollup
SELECT status AS s, count(*) AS n FROM orders GROUP BY ROLLUP (s) ORDER BY s NULLS LAST;

-- name: group_by_output_alias_in_expression_refused
-- expect-error: 42703
SELECT status AS s, count(*) FROM orders GROUP BY s || 'x';

-- name: group_by_ambiguous_output_name
-- expect-error: 42702
SELECT id AS k, status AS k FROM orders GROUP BY k;

-- name: order_by_output_alias_and_aggregate
SELECT customer_id AS c, count(*) AS n FROM orders GROUP BY customer_id ORDER BY n DESC, c;

-- name: order_by_alias_in_expression_also_a_column
-- the expression reads the column total, not the output column named total
SELECT id, id * 10 AS total FROM orders ORDER BY total IS NULL, id;

-- name: output_alias_in_a_set_operation_order_by
SELECT id AS n FROM orders WHERE id IN (SELECT id AS n FROM orders UNION SELECT 2 ORDER BY n DESC LIMIT 2) ORDER BY n;

-- name: order_by_alias_in_subquery_refused
-- expect-error: 42703
SELECT id AS order_no FROM orders ORDER BY (SELECT order_no);

-- name: returning_aggregate_refused
-- expect-error: 42803
UPDATE orders SET total = total WHERE id = 1 RETURNING count(*);

-- name: merge_table
CREATE TABLE stock (sku text PRIMARY KEY, qty int NOT NULL);

-- name: merge_upsert
MERGE INTO stock s USING (VALUES ('A-1', 5), ('B-2', 2)) v(sku, qty) ON s.sku = v.sku
WHEN MATCHED THEN UPDATE SET qty = s.qty + v.qty WHEN NOT MATCHED THEN INSERT VALUES (v.sku, v.qty);

-- name: merge_again_with_delete
MERGE INTO stock s USING (VALUES ('A-1', -5), ('C-3', 1)) v(sku, qty) ON s.sku = v.sku
WHEN MATCHED AND s.qty + v.qty <= 0 THEN DELETE WHEN MATCHED THEN UPDATE SET qty = s.qty + v.qty WHEN NOT MATCHED THEN INSERT VALUES (v.sku, v.qty);

-- name: merge_result
SELECT * FROM stock ORDER BY sku;

-- name: generated_column_table
CREATE TABLE line_totals (qty int, price numeric(8,2), total numeric(10,2) GENERATED ALWAYS AS (qty * price) STORED);

-- name: generated_column_insert
INSERT INTO line_totals (qty, price) VALUES (3, 2.50) RETURNING *;

-- name: generated_column_insert_value_refused
-- expect-error: 428C9
INSERT INTO line_totals VALUES (1, 1.00, 5.00);

-- name: generated_column_insert_default
INSERT INTO line_totals VALUES (2, 1.25, DEFAULT) RETURNING *;

-- name: generated_column_insert_named_default
INSERT INTO line_totals (qty, total, price) VALUES (4, DEFAULT, 0.50), (5, DEFAULT, 1.00) RETURNING *;

-- name: generated_column_insert_select_refused
-- expect-error: 428C9
INSERT INTO line_totals (qty, price, total) SELECT 1, 1.00, NULL;

-- name: generated_column_update_refused
-- expect-error: 428C9
UPDATE line_totals SET total = 0;

-- name: generated_column_update_row_refused
-- expect-error: 428C9
UPDATE line_totals SET (qty, total) = (1, 0);

-- name: generated_column_update_default
UPDATE line_totals SET qty = qty + 1, total = DEFAULT WHERE qty = 4 RETURNING *;

-- name: generated_column_update_only_default
UPDATE line_totals SET total = DEFAULT WHERE qty = 2 RETURNING *;

-- name: generated_column_result
SELECT * FROM line_totals ORDER BY qty, price;

-- name: partial_unique_upsert_table
CREATE TABLE subscriptions (id int PRIMARY KEY, email text NOT NULL, active boolean NOT NULL);

-- name: partial_unique_upsert_index
CREATE UNIQUE INDEX subscriptions_active_email ON subscriptions (email) WHERE active;

-- name: partial_unique_upsert_fill
INSERT INTO subscriptions VALUES (1, 'a@example.com', true), (2, 'a@example.com', false);

-- name: partial_unique_upsert
INSERT INTO subscriptions VALUES (3, 'a@example.com', true) ON CONFLICT (email) WHERE active DO UPDATE SET id = subscriptions.id RETURNING id;

-- name: orm_columns_with_defaults
SELECT a.attname, format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid), a.attnotnull, col_description(a.attrelid, a.attnum), a.attidentity, a.attgenerated
FROM pg_attribute a LEFT JOIN pg_attrdef d ON a.attrelid = d.adrelid AND a.attnum = d.adnum
WHERE a.attrelid = '"orders"'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;

-- name: orm_foreign_keys
SELECT t2.oid::regclass::text AS to_table, a1.attname AS column, a2.attname AS primary_key, c.conname, c.confupdtype, c.confdeltype, c.convalidated
FROM pg_constraint c JOIN pg_class t1 ON c.conrelid = t1.oid JOIN pg_class t2 ON c.confrelid = t2.oid
JOIN pg_attribute a1 ON a1.attnum = c.conkey[1] AND a1.attrelid = t1.oid JOIN pg_attribute a2 ON a2.attnum = c.confkey[1] AND a2.attrelid = t2.oid
WHERE c.contype = 'f' AND t1.relname IN ('orders', 'order_items') ORDER BY c.conname;

-- name: explain_costs_off
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE status = 'paid';

-- name: partitioned_table
CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);

-- name: identity_restart_table
CREATE TABLE tickets (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, subject text);

-- name: identity_restart_fill
INSERT INTO tickets (subject) VALUES ('first') RETURNING id;

-- name: identity_restart
ALTER TABLE tickets ALTER COLUMN id RESTART WITH 500;

-- name: identity_restart_next
INSERT INTO tickets (subject) VALUES ('second') RETURNING id;

-- name: final_state_orders
SELECT id, customer_id, status, total FROM orders ORDER BY id;

-- name: final_state_customers
SELECT id, email, country, score FROM customers ORDER BY email;

-- name: precision_table
CREATE TABLE stamps (id int PRIMARY KEY, t0 time(0), ts2 timestamp(2), tz1 timestamptz(1));

-- name: precision_insert_rounds
INSERT INTO stamps VALUES (1, '23:59:59.6', '1999-12-31 23:59:59.995', '1990-06-01 12:00:00.05+00'), (2, '00:00:00.4', '2024-01-01 00:00:00.004', 'infinity');

-- name: precision_update_rounds
UPDATE stamps SET ts2 = '1960-01-01 00:00:00.005' WHERE id = 2;

-- name: precision_read
SELECT * FROM stamps ORDER BY id;

-- name: precision_casts
SELECT '10:11:12.75'::time(1), '2024-05-06 07:08:09.125'::timestamp(2), CAST('1969-12-31 23:59:59.5+00' AS timestamptz(0));

-- name: number_input_in_coalesce
-- expect-error: 22P02
SELECT coalesce(1, 'x');

-- name: number_input_spaces_and_signs
SELECT ' 42 '::int, '-7'::int2, '+9'::int8, '1e300'::float8, '-Infinity'::float8, 'nan'::float8;

-- name: number_input_text_column
-- expect-error: 22P02
SELECT (v || '.5')::int FROM (VALUES ('12')) AS t(v);

-- name: union_null_arm
SELECT NULL UNION ALL SELECT 1;

-- name: bytea_position_boundary
SELECT position('\xadbe'::bytea IN '\xdeadbeef'::bytea), position('\xeadb'::bytea IN '\xdeadbeef'::bytea);

-- name: fixed_offset_minutes
SELECT timestamp '2024-07-01 12:00' AT TIME ZONE 'UTC-05:30', timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'GMT+9';

-- name: exists_empty_select_list
SELECT NOT EXISTS (SELECT FROM customers WHERE false);

-- name: one_column_function_alias
SELECT e, e::text FROM jsonb_array_elements_text('["a","b"]') AS e ORDER BY 1;

-- name: timetz_without_seconds
SELECT '10:00+02'::timetz, '10:00:01.5-05:30'::timetz, time with time zone '04:05 +0130';

-- name: timetz_out_of_range
-- expect-error: 22008
SELECT '25:00+02'::timetz;

-- name: create_timetz_table
CREATE TABLE timetz_values (t timetz);

-- name: timetz_insert_without_seconds
INSERT INTO timetz_values VALUES ('10:00+02'), ('23:59:59.5-03') RETURNING t;

-- name: prepare_values_typed_and_untyped_parameters
PREPARE values_mixed(int2) AS SELECT * FROM (VALUES ($1), ($2)) v(p)

-- name: execute_values_typed_and_untyped_parameters
EXECUTE values_mixed(1, NULL)

-- name: prepare_union_typed_and_untyped_parameters
PREPARE union_mixed(int2) AS SELECT $1 UNION ALL SELECT $2 UNION ALL SELECT $3

-- name: execute_union_typed_and_untyped_parameters
EXECUTE union_mixed(1, NULL, '7')

-- name: prepare_array_typed_and_untyped_parameters
PREPARE array_mixed(numeric) AS SELECT ARRAY[$1, $2], greatest($1, $2)

-- name: execute_array_typed_and_untyped_parameters
EXECUTE array_mixed(1.5, NULL)

-- name: setup_bulk_insert_target
CREATE TABLE bulk_items (id int, price numeric(10,2), made date)

-- name: prepare_bulk_insert_as_orms_send_it
PREPARE bulk_insert(int, numeric, date) AS INSERT INTO bulk_items SELECT a::int, b::numeric(10,2), c::date FROM (VALUES ($1, $2, $3, 0), ($4, $5, $6, 1)) s(a, b, c, n) ORDER BY n RETURNING *

-- name: execute_bulk_insert_as_orms_send_it
EXECUTE bulk_insert(1, 1.50, NULL, 2, NULL, '2020-01-02')
