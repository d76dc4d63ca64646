-- PostgreSQL dialect that drivers, ORMs and admin tools send: reg* casts, OPERATOR(), COLLATE,
-- SET TIME ZONE forms, SET ROLE, and SET/SHOW/RESET of the common settings.

-- name: regclass_catalog
SELECT 'pg_class'::regclass;

-- name: create_table
CREATE TABLE widgets (id int PRIMARY KEY, name text);

-- name: regclass_table
SELECT 'widgets'::regclass, 'public.widgets'::regclass, 'widgets'::regclass::text;

-- name: regclass_oid
SELECT 'widgets'::regclass::oid > 16384;

-- name: regclass_unknown
-- expect-error: 42P01
SELECT 'missing'::regclass;

-- name: regtype_names
SELECT 'int4'::regtype, 'integer'::regtype, 'character varying'::regtype, 'text[]'::regtype, 'timestamptz'::regtype;

-- name: regtype_oids
SELECT 'int4'::regtype::oid, 'text'::regtype::oid, 'jsonb'::regtype::oid, 'numeric'::regtype::oid;

-- name: oid_to_regtype
SELECT 23::regtype, 1043::regtype, 1184::regtype;

-- name: oid_casts
SELECT 25::oid, pg_typeof(25::oid), 'text'::regtype::oid::int;

-- name: to_regclass_to_regtype
SELECT to_regclass('widgets'), to_regclass('nope'), to_regtype('int8'), to_regtype('nonsense');

-- name: catalog_lookup_by_regclass
SELECT relname, relkind FROM pg_class WHERE oid = 'widgets'::regclass;

-- name: catalog_columns_by_regclass
SELECT attname, atttypid::regtype FROM pg_attribute WHERE attrelid = 'widgets'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;

-- name: catalog_type_by_regtype
SELECT typname, typlen FROM pg_type WHERE oid = 'int4'::regtype;

-- name: operator_syntax
SELECT 'abc' OPERATOR(pg_catalog.~) 'b', 3 OPERATOR(pg_catalog.+) 4, 'abc' OPERATOR(pg_catalog.~~) 'a%';

-- name: insert
INSERT INTO widgets VALUES (1, 'b'), (2, 'a'), (3, 'B'), (4, 'wheel');

-- name: operator_syntax_in_where
SELECT name FROM widgets WHERE name OPERATOR(pg_catalog.~) '^w';

-- name: collate_default
SELECT 'a' COLLATE pg_catalog.default < 'b', 'B' < 'a' COLLATE "C", 'abc' COLLATE "C";

-- name: order_by_collate_c
SELECT name FROM widgets ORDER BY name COLLATE "C";

-- name: order_by_collate_default
SELECT name FROM widgets ORDER BY name COLLATE pg_catalog."default", id;

-- name: time_zone_interval
SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE;

-- name: time_zone_interval_show
SHOW TimeZone;

-- name: time_zone_interval_value
SELECT timestamptz '2024-07-01 12:00:00+00';

-- name: time_zone_interval_offset
SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE;

-- name: time_zone_interval_offset_value
SELECT timestamptz '2024-07-01 12:00:00+00';

-- name: time_zone_name
SET TIME ZONE 'Europe/Berlin';

-- name: time_zone_name_show
SHOW TimeZone;

-- name: time_zone_name_values
SELECT timestamptz '2024-07-01 12:00:00+00', timestamptz '2024-01-01 12:00:00+00';

-- name: at_time_zone
SELECT timestamp '2024-07-01 12:00' AT TIME ZONE 'UTC', timestamptz '2024-07-01 12:00:00+00' AT TIME ZONE 'America/New_York';

-- name: timezone_set_to
SET timezone TO 'UTC';

-- name: time_zone_show_alias
SHOW TIME ZONE;

-- name: datestyle_dmy
SET DateStyle = 'ISO, DMY';

-- name: datestyle_dmy_show
SHOW DateStyle;

-- name: datestyle_dmy_input
SELECT date '05/03/2024';

-- name: datestyle_mdy
SET DateStyle TO ISO, MDY;

-- name: datestyle_mdy_input
SELECT date '05/03/2024';

-- name: datestyle_german
SET datestyle = 'German';

-- name: datestyle_german_output
SELECT date '2024-03-05', timestamp '2024-03-05 01:02:03';

-- name: datestyle_reset
RESET DateStyle;

-- name: datestyle_after_reset
SHOW DateStyle;

-- name: search_path_set
SET search_path TO myschema, public;

-- name: search_path_show
SHOW search_path;

-- name: search_path_schema
CREATE SCHEMA myschema;

-- name: search_path_current_schema
SELECT current_schema();

-- name: search_path_create_in_first
CREATE TABLE gadgets (id int);

-- name: search_path_table_schema
SELECT schemaname, tablename FROM pg_tables WHERE tablename = 'gadgets';

-- name: search_path_public_only
SET search_path = public;

-- name: search_path_unqualified_hidden
-- expect-error: 42P01
SELECT * FROM gadgets;

-- name: search_path_default
SET search_path TO DEFAULT;

-- name: search_path_default_show
SHOW search_path;

-- name: search_path_set_config
SELECT set_config('search_path', 'myschema, public', false);

-- name: search_path_set_config_effect
SELECT count(*) FROM gadgets;

-- name: application_name_set
SET application_name = 'differential';

-- name: application_name_show
SHOW application_name;

-- name: application_name_current_setting
SELECT current_setting('application_name');

-- name: statement_timeout_units
SET statement_timeout = '5s';

-- name: statement_timeout_units_show
SHOW statement_timeout;

-- name: statement_timeout_ms
SET statement_timeout = 1500;

-- name: statement_timeout_ms_show
SHOW statement_timeout;

-- name: statement_timeout_reset
RESET statement_timeout;

-- name: statement_timeout_reset_show
SHOW statement_timeout;

-- name: lock_timeout
SET lock_timeout = '2s';

-- name: lock_timeout_show
SHOW lock_timeout;

-- name: extra_float_digits_0
SET extra_float_digits = 0;

-- name: extra_float_digits_0_values
SELECT 0.1::float8 + 0.2::float8, 1.23456789012345678::float8, 3.14159::float4, 1e100::float8, 1/3::float8;

-- name: extra_float_digits_3
SET extra_float_digits = 3;

-- name: extra_float_digits_3_show
SHOW extra_float_digits;

-- name: extra_float_digits_3_values
SELECT 0.1::float8 + 0.2::float8, 1.1::float4, 1/3::float8;

-- name: extra_float_digits_restore
SET extra_float_digits = 1;

-- name: intervalstyle_iso
SET IntervalStyle = 'iso_8601';

-- name: intervalstyle_iso_value
SELECT interval '1 day 2 hours', interval '1 year 3 months';

-- name: intervalstyle_reset
RESET IntervalStyle;

-- name: intervalstyle_default_value
SELECT interval '1 day 2 hours';

-- name: client_min_messages
SET client_min_messages = warning;

-- name: client_min_messages_show
SHOW client_min_messages;

-- name: work_mem
SET work_mem = '64MB';

-- name: work_mem_show
SHOW work_mem;

-- name: set_local_begin
BEGIN;

-- name: set_local
SET LOCAL TimeZone = 'Asia/Tokyo';

-- name: set_local_show
SHOW TimeZone;

-- name: set_local_commit
COMMIT;

-- name: set_local_gone
SHOW TimeZone;

-- name: set_role_none
SET ROLE NONE;

-- name: set_role_show
SHOW role;

-- name: set_role_self
SET ROLE postgres;

-- name: set_role_current_user
SELECT current_user, session_user;

-- name: reset_role
RESET ROLE;

-- name: set_session_authorization_default
SET SESSION AUTHORIZATION DEFAULT;

-- name: unknown_setting
-- expect-error: 42704
SET nonexistent_param = 1;

-- name: unknown_setting_show
-- expect-error: 42704
SHOW nonexistent_param;

-- name: invalid_setting_value
-- expect-error: 22023
SET extra_float_digits = 10;

-- name: standard_conforming_strings_literal
SELECT 'a\tb', E'a\tb' = 'a	b';

-- name: dollar_quoting
SELECT $tag$it's$tag$, $$a$$ || $x$b$x$;

-- name: is_distinct_from
SELECT 'x'::text IS DISTINCT FROM NULL, NULL IS NOT DISTINCT FROM NULL, 1 IS DISTINCT FROM 1;

-- name: typed_literal_syntax
SELECT int4 '42', float8 '1.5', bool 'yes', interval '1h 30m';

-- name: catalog_qualified_cast_syntax
SELECT CAST('1' AS pg_catalog.int8), '2'::pg_catalog.float8, pg_catalog.int4 '3';

-- name: row_constructor
SELECT ROW(1, 'a'), (1, 'a') = (1, 'a');

-- name: reset_all
RESET ALL;

-- name: reset_all_result
SELECT current_setting('application_name'), current_setting('search_path');

-- name: session_function_in_from
SELECT * FROM current_schema()

-- name: session_function_in_from_aliased
SELECT s.x FROM current_database() AS s(x)

-- name: session_names_are_name
SELECT current_database(), current_catalog, current_schema, current_user, session_user, current_role

-- name: advisory_try_and_unlock
SELECT pg_try_advisory_lock(1), pg_try_advisory_lock(1, 2), pg_advisory_unlock(1), pg_advisory_unlock(1, 2), pg_advisory_unlock(1)

-- name: advisory_lock_void
SELECT pg_advisory_lock(5), pg_advisory_unlock_all()

-- name: advisory_xact_lock_outside_block
SELECT pg_try_advisory_xact_lock(3), pg_advisory_xact_lock(3)

-- name: set_config_computed
SELECT set_config('application_name', 'app_' || 'x', false), current_setting('application_' || 'name')

-- name: numeric_39_digits_cast
SELECT 123456789012345678901234567890123456789::numeric + 1

-- citext is an extension's type, which serve does not provide: refused as PostgreSQL refuses it without the extension
-- (rather than taken as text, whose comparisons are case-sensitive).
-- name: citext_without_extension
-- expect-error: 42704
SELECT 'A'::citext = 'a'::citext;

-- name: citext_column_without_extension
-- expect-error: 42704
CREATE TABLE citext_emails (email citext);

-- The planner's settings, which pools and frameworks set when they connect, are accepted

-- name: planner_setting_cost
SET random_page_cost = 1.1;

-- name: planner_setting_enable
SET enable_seqscan = off;

-- name: planner_setting_shown
SELECT current_setting('random_page_cost'), current_setting('enable_seqscan');

-- name: planner_setting_bad_value
-- expect-error: 22023
SET enable_nestloop = maybe;

-- name: planner_setting_out_of_range
-- expect-error: 22023
SET default_statistics_target = 0;

-- name: planner_setting_reset
RESET enable_seqscan;

-- name: create_without_schema_on_path_set
SET search_path = nosuch_schema;

-- name: create_without_schema_on_path
-- expect-error: 3F000
CREATE TABLE nowhere (id int);

-- name: create_without_schema_on_path_view
-- expect-error: 3F000
CREATE VIEW nowhere_v AS SELECT 1 AS x;

-- name: create_without_schema_qualified
CREATE TABLE public.somewhere (id int);

-- name: create_without_schema_on_path_reset
RESET search_path;

-- name: create_without_schema_found
SELECT count(*) FROM somewhere;
