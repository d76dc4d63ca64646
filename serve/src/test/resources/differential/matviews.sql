-- Materialized views: kept as a table filled from the query, refreshed by REFRESH, read-only
-- otherwise, listed in pg_class (relkind m) and pg_matviews, absent from information_schema.

-- name: create_table
CREATE TABLE sales (id int PRIMARY KEY, region text NOT NULL, amount numeric(10,2));

-- name: insert
INSERT INTO sales VALUES (1, 'north', 10.50), (2, 'south', 20.25), (3, 'north', 4.00);

-- name: create_matview
CREATE MATERIALIZED VIEW region_totals AS SELECT region, sum(amount) AS total, count(*) AS n FROM sales GROUP BY region;

-- name: read
SELECT * FROM region_totals ORDER BY region;

-- name: insert_more
INSERT INTO sales VALUES (4, 'east', 1.00), (5, 'south', 0.75);

-- name: stale_until_refreshed
SELECT * FROM region_totals ORDER BY region;

-- name: refresh
REFRESH MATERIALIZED VIEW region_totals;

-- name: read_refreshed
SELECT * FROM region_totals ORDER BY region;

-- name: unique_index
CREATE UNIQUE INDEX region_totals_region ON region_totals (region);

-- name: refresh_concurrently
REFRESH MATERIALIZED VIEW CONCURRENTLY region_totals;

-- name: read_after_concurrent
SELECT region, total FROM region_totals ORDER BY region;

-- name: refresh_in_block_begin
BEGIN;

-- name: refresh_in_block
REFRESH MATERIALIZED VIEW region_totals;

-- name: refresh_in_block_commit
COMMIT;

-- name: insert_refused
-- expect-error: 42809
INSERT INTO region_totals VALUES ('west', 1, 1);

-- name: update_refused
-- expect-error: 42809
UPDATE region_totals SET total = 0;

-- name: delete_refused
-- expect-error: 42809
DELETE FROM region_totals;

-- name: truncate_refused
-- expect-error: 42809
TRUNCATE region_totals;

-- name: refresh_a_table
-- expect-error: 0A000
REFRESH MATERIALIZED VIEW sales;

-- name: refresh_missing
-- expect-error: 42P01
REFRESH MATERIALIZED VIEW no_such_view;

-- name: drop_table_of_matview
-- expect-error: 42809
DROP TABLE region_totals;

-- name: drop_matview_of_table
-- expect-error: 42809
DROP MATERIALIZED VIEW sales;

-- name: catalog_relkind
SELECT relname, relkind FROM pg_class WHERE relname IN ('sales', 'region_totals') ORDER BY 1;

-- name: catalog_matviews
SELECT schemaname, matviewname, ispopulated, hasindexes FROM pg_matviews;

-- name: catalog_not_in_tables
SELECT count(*) FROM pg_tables WHERE tablename = 'region_totals';

-- name: information_schema_leaves_it_out
SELECT count(*) FROM information_schema.tables WHERE table_name = 'region_totals';

-- name: matview_columns
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'region_totals'::regclass AND attnum > 0 ORDER BY attnum;

-- name: with_no_data
CREATE MATERIALIZED VIEW later_totals AS SELECT region FROM sales WITH NO DATA;

-- name: unpopulated_read
-- expect-error: 55000
SELECT * FROM later_totals;

-- name: unpopulated_in_subquery
-- expect-error: 55000
SELECT count(*) FROM sales WHERE region IN (SELECT region FROM later_totals);

-- name: unpopulated_catalog
SELECT c.relispopulated, m.ispopulated FROM pg_class c JOIN pg_matviews m ON m.matviewname = c.relname WHERE c.relname = 'later_totals';

-- name: unpopulated_cte_shadows
WITH later_totals AS (SELECT 'west' AS region) SELECT * FROM later_totals;

-- name: unpopulated_view_over_it
CREATE VIEW later_view AS SELECT region FROM later_totals;

-- name: unpopulated_ctas
-- expect-error: 55000
CREATE TABLE later_copy AS SELECT * FROM later_totals;

-- name: unpopulated_copy_table_form
-- expect-error: 42809
COPY later_totals TO STDOUT;

-- name: unpopulated_refresh_concurrently
-- expect-error: 0A000
REFRESH MATERIALIZED VIEW CONCURRENTLY later_totals;

-- name: unpopulated_refresh
REFRESH MATERIALIZED VIEW later_totals;

-- name: populated_read
SELECT region FROM later_totals ORDER BY region;

-- name: populated_catalog
SELECT relispopulated FROM pg_class WHERE relname = 'later_totals';

-- name: refresh_no_data_concurrently
-- expect-error: 42601
REFRESH MATERIALIZED VIEW CONCURRENTLY later_totals WITH NO DATA;

-- name: refresh_with_no_data
REFRESH MATERIALIZED VIEW later_totals WITH NO DATA;

-- name: refreshed_no_data_read
-- expect-error: 55000
SELECT count(*) FROM later_totals;

-- name: refreshed_no_data_catalog
SELECT ispopulated FROM pg_matviews WHERE matviewname = 'later_totals';

-- name: refresh_again
REFRESH MATERIALIZED VIEW later_totals;

-- name: read_through_view
SELECT count(*) FROM later_view;

-- name: drop_matview
DROP MATERIALIZED VIEW region_totals;

-- name: catalog_after_drop
SELECT count(*) FROM pg_matviews WHERE matviewname = 'region_totals';

-- name: comment_on_matview
CREATE MATERIALIZED VIEW commented AS SELECT id FROM sales;

-- name: comment_on_matview_set
COMMENT ON MATERIALIZED VIEW commented IS 'ids of sales';

-- name: comment_on_matview_read
SELECT obj_description('commented'::regclass, 'pg_class');

-- name: comment_refresh_keeps
REFRESH MATERIALIZED VIEW commented;

-- name: comment_after_refresh
SELECT obj_description('commented'::regclass, 'pg_class'), count(*) FROM commented;

-- Dependencies: a materialized view is among what reads a table

-- name: matview_dep_table
CREATE TABLE mv_base (id int PRIMARY KEY, amount int, tag text);

-- name: matview_dep_rows
INSERT INTO mv_base VALUES (1, 10, 'a'), (2, 20, 'b');

-- name: matview_dep_view
CREATE MATERIALIZED VIEW mv_totals AS SELECT tag, sum(amount) AS total FROM mv_base GROUP BY tag;

-- name: matview_dep_view_on_matview
CREATE VIEW mv_totals_view AS SELECT tag FROM mv_totals;

-- name: matview_dep_drop_table_refused
-- expect-error: 2BP01
DROP TABLE mv_base;

-- name: matview_dep_drop_column_refused
-- expect-error: 2BP01
ALTER TABLE mv_base DROP COLUMN amount;

-- name: matview_dep_alter_type_refused
-- expect-error: 0A000
ALTER TABLE mv_base ALTER COLUMN amount TYPE bigint;

-- name: matview_dep_unread_column
ALTER TABLE mv_base DROP COLUMN id;

-- name: matview_dep_drop_matview_refused
-- expect-error: 2BP01
DROP MATERIALIZED VIEW mv_totals;

-- name: matview_dep_drop_cascade
DROP TABLE mv_base CASCADE;

-- name: matview_dep_gone
SELECT relname FROM pg_class WHERE relname IN ('mv_base', 'mv_totals', 'mv_totals_view') ORDER BY relname;

-- name: enum_kept_type
CREATE TYPE kept_level AS ENUM ('zeta', 'alpha');

-- name: enum_kept_table
CREATE TABLE kept_levels (l kept_level);

-- name: enum_kept_rows
INSERT INTO kept_levels VALUES ('zeta'), ('alpha');

-- name: enum_kept_matview
CREATE MATERIALIZED VIEW kept_levels_mat AS SELECT l, count(*) AS n FROM kept_levels GROUP BY l;

-- name: enum_kept_table_as
CREATE TABLE kept_levels_copy AS SELECT l FROM kept_levels;

-- name: enum_kept_matview_order
SELECT l FROM kept_levels_mat WHERE l > 'zeta';

-- name: enum_kept_table_as_order
SELECT l FROM kept_levels_copy WHERE l > 'zeta' ORDER BY l;

-- name: enum_kept_types
SELECT attrelid::regclass, format_type(atttypid, atttypmod) FROM pg_attribute
WHERE attrelid IN ('kept_levels_mat'::regclass, 'kept_levels_copy'::regclass) AND attname = 'l' ORDER BY 1;
