-- What the server says about itself and how it names result columns: version, database, user,
-- schema, settings (including custom x.y settings), column names of expressions, casts and
-- functions, pg_catalog-qualified names and pg_typeof.

-- name: version_is_15
SELECT version() LIKE 'PostgreSQL 15.%';

-- name: version_text
-- match: PostgreSQL 15\.\d+ .*
SELECT version();

-- name: server_version_show
-- match: 15\.\d+.*
SHOW server_version;

-- name: server_version_num
SELECT current_setting('server_version_num')::int BETWEEN 150000 AND 159999;

-- name: server_version_num_show
-- match: 150\d\d\d
SHOW server_version_num;

-- name: current_database
SELECT current_database();

-- name: current_catalog
SELECT current_catalog;

-- name: users
SELECT current_user, session_user, user, current_role;

-- name: current_schema
SELECT current_schema(), current_schema;

-- name: current_schemas
SELECT current_schemas(true), current_schemas(false);

-- name: backend_pid
SELECT pg_backend_pid() > 0;

-- name: in_recovery
SELECT pg_is_in_recovery();

-- name: encodings
SELECT current_setting('server_encoding'), current_setting('client_encoding'), pg_client_encoding();

-- name: superuser
SELECT current_setting('is_superuser');

-- name: show_integer_datetimes
SHOW integer_datetimes;

-- name: show_standard_conforming_strings
SHOW standard_conforming_strings;

-- name: show_max_identifier_length
SHOW max_identifier_length;

-- name: setting_timezone
SELECT current_setting('TimeZone'), current_setting('DateStyle');

-- name: setting_search_path
SELECT current_setting('search_path');

-- name: custom_set_config
SELECT set_config('myapp.tenant', '42', false);

-- name: custom_current_setting
SELECT current_setting('myapp.tenant');

-- name: custom_set
SET myapp.user_id = 'alice';

-- name: custom_show
SHOW myapp.user_id;

-- name: custom_missing_ok
SELECT current_setting('myapp.missing', true);

-- name: custom_missing
-- expect-error: 42704
SELECT current_setting('myapp.missing');

-- name: custom_set_config_local
SELECT set_config('myapp.local', 'x', true);

-- name: custom_local_gone
SELECT current_setting('myapp.local', true);

-- name: custom_reset
RESET myapp.user_id;

-- name: custom_after_reset
SELECT current_setting('myapp.user_id');

-- name: current_query
SELECT current_query();

-- name: name_constant
SELECT 1;

-- name: name_expressions
SELECT 1 + 1, 'a', NULL;

-- name: name_aggregates
SELECT count(*), sum(x), max(x), avg(x), min(x) FROM (VALUES (1)) v(x);

-- name: name_casts
SELECT 1::int, 2::bigint, '3'::text, 4::numeric(5,1), '2024-01-01'::date, 1::int4, 1::int2;

-- name: name_cast_syntax
SELECT CAST(1 AS integer), CAST('1' AS double precision), 1::real, true::boolean;

-- name: name_timestamp_casts
SELECT '2024-01-01'::timestamp, '2024-01-01'::timestamptz, '1 day'::interval, '10:00'::time;

-- name: name_functions
SELECT lower('A'), upper('b'), length('abc'), coalesce(NULL, 1), nullif(1, 2), greatest(1, 2), least(1, 2);

-- name: name_keywords
SELECT CASE WHEN true THEN 1 END, ARRAY[1, 2], EXISTS (SELECT 1), (SELECT 1), ROW(1, 2);

-- name: name_alias
SELECT x, x AS "Mixed Case", x AS lower_case FROM (SELECT 1 AS x) s;

-- name: name_values
SELECT * FROM (VALUES (1, 'a')) v;

-- name: name_table_alias_columns
SELECT t.* FROM (VALUES (1, 'a')) AS t(n, s);

-- name: name_operators
SELECT 1 = 1, NOT true, -5, 'a' || 'b', 2 * 3;

-- name: name_special_functions
SELECT current_date IS NOT NULL, now() IS NOT NULL, localtimestamp IS NOT NULL;

-- name: name_qualified_column
SELECT v.x FROM (VALUES (1)) v(x);

-- name: catalog_qualified_functions
SELECT pg_catalog.lower('ABC'), pg_catalog.length('abc'), pg_catalog.now() IS NOT NULL, pg_catalog.concat('a', 'b');

-- name: catalog_qualified_types
SELECT 1::pg_catalog.int4, 'a'::pg_catalog.text, 2::pg_catalog.int8, '1.5'::pg_catalog.numeric;

-- name: catalog_qualified_typeof
SELECT pg_catalog.pg_typeof(1);

-- name: typeof_basic
SELECT pg_typeof(1), pg_typeof('a'::text), pg_typeof(1.0), pg_typeof(true), pg_typeof(NULL), pg_typeof('a');

-- name: typeof_datetime
SELECT pg_typeof(now()), pg_typeof('2024-01-01'::date), pg_typeof(interval '1 day'), pg_typeof(time '10:00'), pg_typeof(timestamp '2024-01-01');

-- name: typeof_other
SELECT pg_typeof(ARRAY[1]), pg_typeof('{"a":1}'::jsonb), pg_typeof('{}'::json), pg_typeof('a'::char(2)), pg_typeof(1::bigint), pg_typeof(1::smallint), pg_typeof('\x00'::bytea), pg_typeof(gen_random_uuid());

-- name: typeof_as_text
SELECT pg_typeof(1)::text = 'integer';
