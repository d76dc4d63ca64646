-- Arrays: literals, constructors, output quoting, subscripts and slices, ANY/ALL, the array
-- functions and operators, unnest and array_agg, and array columns.

-- name: int_literal
SELECT '{1,2}'::int[];

-- name: text_literal_quoting
SELECT '{a,"b c"}'::text[];

-- name: multi_dimensional_literal
SELECT '{{1,2},{3,4}}'::int[];

-- name: constructors
SELECT ARRAY[1, 2, 3], ARRAY['a', 'b'], ARRAY[[1, 2], [3, 4]];

-- name: empty
SELECT ARRAY[]::int[], '{}'::text[];

-- name: output_quoting
SELECT ARRAY['x', NULL, 'NULL', '', 'a,b', 'q"t', 'back\slash', ' lead'];

-- name: element_types
SELECT ARRAY[1.5, 2.25]::numeric[], ARRAY[true, false], ARRAY['2024-01-02'::date], ARRAY['2024-01-02 03:04:05'::timestamp];

-- name: mixed_numeric_constructor
SELECT ARRAY[1, 2.5], pg_typeof(ARRAY[1, 2.5]);

-- name: other_element_types
SELECT '{1,2}'::bigint[], '{1.5}'::float8[], ARRAY['a', 'b']::varchar[], '{t,f}'::bool[];

-- name: subscripts
SELECT (ARRAY[10, 20, 30])[2], (ARRAY[10, 20, 30])[5], (ARRAY[10, 20, 30])[2:3], (ARRAY[[1, 2], [3, 4]])[2][1];

-- name: any_all
SELECT 2 = ANY(ARRAY[1, 2, 3]), 5 = ANY('{1,2,3}'::int[]), 1 = ALL(ARRAY[1, 1]), 3 <> ALL(ARRAY[1, 2]);

-- name: any_with_nulls
SELECT NULL::int = ANY(ARRAY[1]), 1 = ANY(ARRAY[NULL, 2]), 2 = ANY(ARRAY[NULL, 2]);

-- name: dimension_functions
SELECT array_length(ARRAY[1, 2, 3], 1), array_upper(ARRAY[1, 2, 3], 1), array_lower(ARRAY[1, 2], 1), array_ndims(ARRAY[[1], [2]]), cardinality(ARRAY[[1, 2], [3, 4]]);

-- name: dimension_functions_empty
SELECT array_length('{}'::int[], 1), array_upper('{}'::int[], 1), cardinality('{}'::int[]);

-- name: array_dims
SELECT array_dims(ARRAY[[1, 2, 3], [4, 5, 6]]), array_upper('{{1,2},{3,4}}'::int[], 2);

-- name: remove_replace
SELECT array_remove(ARRAY[1, 2, 3, 2], 2), array_replace(ARRAY[1, 2, 3], 2, 9), array_remove(ARRAY['a', NULL], NULL);

-- name: append_prepend_cat
SELECT array_append(ARRAY[1, 2], 3), array_prepend(0, ARRAY[1, 2]), array_cat(ARRAY[1], ARRAY[2, 3]);

-- name: concat_operator
SELECT ARRAY[1, 2] || ARRAY[3], ARRAY[1, 2] || 3, 0 || ARRAY[1, 2], ARRAY[[1, 2]] || ARRAY[3, 4];

-- name: array_to_string
SELECT array_to_string(ARRAY[1, 2, 3], '-'), array_to_string(ARRAY['a', NULL, 'c'], ','), array_to_string(ARRAY['a', NULL], ',', '?');

-- name: positions
SELECT array_position(ARRAY['a', 'b', 'c'], 'b'), array_position(ARRAY[1], 5), array_positions(ARRAY[1, 2, 1], 1);

-- name: containment
SELECT ARRAY[1, 2] @> ARRAY[1], ARRAY[1, 2] <@ ARRAY[1, 2, 3], ARRAY[1, 2] && ARRAY[2, 5], ARRAY[1] && ARRAY[3];

-- name: comparison
SELECT ARRAY[1, 2] = ARRAY[1, 2], ARRAY[1, 2] < ARRAY[1, 3], ARRAY[1, 2] < ARRAY[1, 2, 0], '{1,2}'::int[] = '{1,2}';

-- name: array_fill
SELECT array_fill(0, ARRAY[3]), array_fill('x'::text, ARRAY[2, 2]);

-- name: string_to_array_cast
SELECT string_to_array('1,2,3', ',')::int[];

-- name: unnest_select_list
SELECT unnest(ARRAY[3, 1, 2]) AS x ORDER BY x;

-- name: unnest_multi_dimensional
SELECT unnest(ARRAY[[1, 2], [3, 4]]) AS x ORDER BY x;

-- name: unnest_with_ordinality
SELECT * FROM unnest(ARRAY['b', 'a', 'c']) WITH ORDINALITY AS t(v, n) ORDER BY n;

-- name: unnest_several_arrays
SELECT * FROM unnest(ARRAY[1, 2], ARRAY['a', 'b', 'c']) AS t(n, s) ORDER BY s;

-- name: unnest_several_arrays_unnamed
SELECT * FROM unnest(ARRAY['x', 'y', 'z'], ARRAY[10, 20]::int2[]::integer[], ARRAY['a', 'b', 'c']::varchar[]) ORDER BY 1

-- name: unnest_several_arrays_with_ordinality
SELECT * FROM unnest(ARRAY[5, 6, 7], ARRAY['a']) WITH ORDINALITY AS t(n, s, i) ORDER BY i

-- name: insert_from_unnest_several_arrays
CREATE TABLE perms AS SELECT * FROM unnest(ARRAY['add', 'change'], ARRAY[1, 1]) AS t(codename, content_type_id)

-- name: unnest_column_name
SELECT * FROM unnest(ARRAY[1, 2]) ORDER BY 1;

-- name: create_table
CREATE TABLE posts (id int PRIMARY KEY, tags text[], scores int[]);

-- name: insert
INSERT INTO posts VALUES (1, '{sql,pg}', '{1,2}'), (2, ARRAY['java'], ARRAY[5]), (3, '{}', NULL);

-- name: select_columns
SELECT * FROM posts ORDER BY id;

-- name: where_any
SELECT id FROM posts WHERE 'pg' = ANY(tags) ORDER BY id;

-- name: where_contains
SELECT id FROM posts WHERE tags @> ARRAY['sql'] ORDER BY id;

-- name: where_overlaps
SELECT id FROM posts WHERE tags && '{java,pg}' ORDER BY id;

-- name: column_functions
SELECT id, cardinality(tags), array_length(tags, 1), tags[1] AS first_tag FROM posts ORDER BY id;

-- name: update_append
UPDATE posts SET tags = array_append(tags, 'new') WHERE id = 2 RETURNING tags;

-- name: update_element
UPDATE posts SET tags[1] = 'SQL' WHERE id = 1 RETURNING tags;

-- name: array_agg
SELECT array_agg(id ORDER BY id) FROM posts;

-- name: array_agg_unnested
SELECT array_agg(t ORDER BY t) FROM posts, unnest(tags) t;

-- name: array_agg_null_element
SELECT array_agg(x) FROM (VALUES (NULL::int)) v(x);

-- name: array_agg_no_rows
SELECT array_agg(x) FROM (SELECT 1 WHERE false) v(x);

-- name: array_subquery
SELECT ARRAY(SELECT id FROM posts ORDER BY id DESC);

-- name: typeof_arrays
SELECT pg_typeof('{1,2,3}'::int[]), pg_typeof(ARRAY['a']), pg_typeof(ARRAY[1.5]), pg_typeof('{}'::text[][]);

-- name: array_cast_to_text
SELECT ARRAY['a', 'b c', '', NULL, 'null', 'x"y', 'p\q', '{z}']::text AS t, ARRAY[1, NULL, 3]::text, ARRAY[[1, 2], [3, 4]]::text,
       ARRAY[true, false]::text, (NULL::int[])::text, '{}'::int[]::text, ARRAY['x']::varchar;

-- name: array_text_in_expressions
SELECT ARRAY['a', 'b']::text || '!', length(ARRAY[10, 20]::text), ARRAY['a b']::text LIKE '%"%';

-- name: array_dims_and_deeper_bounds
SELECT array_dims(ARRAY[1, 2]), array_dims('{}'::int[]), array_dims(ARRAY[[[1], [2]], [[3], [4]]]), array_length(ARRAY[[1, 2, 3], [4, 5, 6]], 2), array_upper(ARRAY[1, 2], 2);

-- name: numeric_array_column_scale
CREATE TABLE prices (id int, amounts numeric[]);

-- name: numeric_array_column_insert
INSERT INTO prices VALUES (1, '{1.5,2,0.25,-3}'), (2, ARRAY[10, 0.001]);

-- name: numeric_array_column_select
SELECT id, amounts, amounts[1] FROM prices ORDER BY id;

-- Text cast to an array while the statement runs (array_in of a column's value, not a constant).
-- name: text_column_setup
CREATE TABLE array_texts (id int, t text);

-- name: text_column_rows
INSERT INTO array_texts VALUES (1, '{1,2,3}'), (2, '{}'), (3, NULL), (4, '{"a,b",NULL,"c\"d", e }'), (5, '{1.255,-1.245}'), (6, '{{1,2},{3,4}}'), (7, '{1.12345678901234}'), (8, 'junk');

-- name: text_column_to_int_array
SELECT id, t::int[], cardinality(t::int[]) FROM array_texts WHERE id IN (1, 2, 3) ORDER BY id;

-- name: text_column_to_text_array
SELECT t::text[], (t::text[])[4], array_length(t::text[], 1) FROM array_texts WHERE id = 4;

-- name: text_column_to_numeric_typmod_array
SELECT t::numeric(10,2)[], t::numeric[], t::float8[] FROM array_texts WHERE id = 5;

-- name: text_column_malformed
-- expect-error: 22P02
SELECT t::int[] FROM array_texts WHERE id = 8;

-- name: text_column_bad_element
-- expect-error: 22P02
SELECT t::int[] FROM array_texts WHERE id = 4;

-- name: text_column_numeric_beyond_scale
SELECT t::numeric[] FROM array_texts WHERE id = 7;

-- name: text_column_two_dimensions
SELECT t::int[] FROM array_texts WHERE id = 6;

-- name: text_expression_to_array
SELECT ('{' || id || ',' || id * 2 || '}')::bigint[] FROM array_texts WHERE id <= 3 ORDER BY id;

-- The array constructor with a cast, as psycopg2 writes a Python list beside ::type[]

-- name: any_constructor_cast_bigint
SELECT id FROM array_texts WHERE id = ANY(ARRAY[1, 2]::bigint[]) ORDER BY id;

-- name: any_constructor_cast_function_form
SELECT id FROM array_texts WHERE id = ANY(CAST(ARRAY[2, 3] AS int[])) ORDER BY id;

-- name: all_constructor_cast
SELECT count(*) FROM array_texts WHERE id <> ALL(ARRAY[1]::bigint[]);

-- name: any_constructor_cast_text
SELECT 'a' = ANY(ARRAY['a', 'b']::text[]), 'c' = ANY(ARRAY['a', 'b']::varchar[]), 1 = ANY(ARRAY[1, 2]::bigint[]);

-- name: any_constructor_cast_null_element
SELECT 3 = ANY(ARRAY[1, NULL]::int[]), 1 = ALL(ARRAY[1, NULL]::int[]);

-- name: containment_with_null_elements
SELECT ARRAY[1, NULL] @> ARRAY[NULL::int], ARRAY[NULL::int] <@ ARRAY[1, NULL], ARRAY[1, 2] @> ARRAY[1], ARRAY[1] <@ ARRAY[1, 2],
       ARRAY[1, 2] @> '{}'::int[], ARRAY[1, NULL] && ARRAY[NULL::int]

-- name: containment_of_null_arrays
SELECT a @> ARRAY[NULL::int], ARRAY[NULL::int] <@ a, a @> ARRAY[1] FROM (VALUES (NULL::int[])) v(a)

-- name: integer_array_constant_with_a_fraction
-- expect-error: 22P02
SELECT '{1.5,2}'::int[]

-- name: integer_array_constant_with_hex
-- expect-error: 22P02
SELECT '{0x1F}'::bigint[]

-- name: integer_array_from_split_text_with_a_fraction
-- expect-error: 22P02
SELECT string_to_array('1.5,2', ',')::int[]

-- name: integer_array_from_text_array_with_hex
-- expect-error: 22P02
SELECT ARRAY['0x1F']::int[]

-- name: integer_arrays_from_text_read_as_integers
SELECT '{ 1 , -2,+3,NULL}'::int[], string_to_array('4, 5,6', ',')::bigint[], ARRAY['7', NULL]::smallint[],
    (SELECT s::int[] FROM (VALUES ('{8,9}')) v(s))

-- name: array_bounds_of_null_and_empty_arrays
CREATE TABLE array_bounds (id int, a int[]);
INSERT INTO array_bounds VALUES (1, NULL), (2, '{}'), (3, '{1,2}');
SELECT id, array_lower(a, 1), array_upper(a, 1), array_ndims(a), array_length(a, 1), cardinality(a), array_dims(a)
FROM array_bounds ORDER BY id

-- name: array_bounds_of_a_parameter_dimension
PREPARE array_bound(int) AS SELECT id, array_length(a, $1), array_lower(a, $1), array_upper(a, $1) FROM array_bounds ORDER BY id;
EXECUTE array_bound(1)

-- name: array_bounds_of_a_parameter_dimension_other
EXECUTE array_bound(2)

-- name: array_bounds_of_other_dimensions
DEALLOCATE ALL;
SELECT array_length(ARRAY[1,2], 0), array_upper(ARRAY[1,2], 0), array_lower(ARRAY[1,2], 2), array_lower(ARRAY[[1,2],[3,4]], 2)

-- name: array_slices_with_bounds_outside_the_array
SELECT (ARRAY[1,2,3])[-5:-1], (ARRAY[1,2,3])[-1:1], (ARRAY[1,2,3])[-1:2], (ARRAY[1,2,3])[0:2], (ARRAY[1,2,3])[2:9],
    (ARRAY[1,2,3])[3:2], (ARRAY[1,2,3])[:2], (ARRAY[1,2,3])[2:], (ARRAY[1,2,3])[NULL:2]

-- name: array_constants_of_two_dimensions
SELECT array_ndims('{{1,2},{3,4}}'::int[]), array_dims('{{1,2},{3,4}}'::int[]), cardinality('{{1,2},{3,4}}'::int[]),
    array_length('{{1,2},{3,4}}'::int[], 2), to_json('{{"a","b"}}'::text[]), array_to_json('{{1,2},{3,4}}'::int[])

-- name: array_constant_of_two_dimensions_unnested
SELECT unnest('{{1,2},{3,4}}'::int[]) AS v ORDER BY v

-- name: array_position_from_a_start
SELECT array_position(ARRAY[1,2,1,2], 2, 3), array_position(ARRAY[1,2,1], 1, 2), array_position(ARRAY[1,2,3], 1, 2),
    array_position(ARRAY['a',NULL,'b'], NULL, 1), array_position(ARRAY[1,2], 2, -5)

-- name: array_position_from_a_null_start
-- expect-error: 22004
SELECT array_position(ARRAY[1,2], 1, NULL)

-- name: array_lower_bounds_other_than_one
SELECT ('[2:3]={5,6}'::int[])[2]

-- name: array_subscripts_below_one_and_of_the_wrong_count
SELECT (ARRAY[1,2,3])[-1] AS a, (ARRAY[1,2,3])[0] AS b, (ARRAY[[1,2],[3,4]])[1] AS c, (ARRAY[1,2])[1][1] AS d,
    ('{{1,2},{3,4}}'::int[])[2][2] AS e, ('{{1,2},{3,4}}'::int[])[2] AS f

-- name: array_subscripted_table
CREATE TABLE subscripted (a int[], i int);
INSERT INTO subscripted VALUES (ARRAY[5,6,7], -1), (ARRAY[5,6,7], 0), (ARRAY[5,6,7], 3), (ARRAY[5,6,7], NULL)

-- name: array_subscripts_below_one_from_a_table
SELECT i, a[i], a[i:i + 1] FROM subscripted ORDER BY i

-- name: array_slices_of_two_and_three_dimensions
SELECT (ARRAY[[1,2],[3,4]])[1:2][1:1] AS a, (ARRAY[[1,2],[3,4]])[1:2][3:4] AS b, (ARRAY[[1,2],[3,4]])[:][2:] AS c,
    (ARRAY[[1,2],[3,4]])[2][1:2] AS d, (ARRAY[[1,2],[3,4]])[2:2][1] AS e, (ARRAY[1,2])[1:2][1:1] AS f,
    (ARRAY[[[1,2],[3,4]],[[5,6],[7,8]]])[2][1:2][2] AS g, (ARRAY[[[1,2],[3,4]],[[5,6],[7,8]]])[1:2][2][1:1] AS h

-- name: array_of_more_dimensions_than_the_column
CREATE TABLE dims_one (a text[])

-- name: array_of_two_dimensions_into_a_one_dimensional_column
INSERT INTO dims_one VALUES ('{{a,b},{c,d}}')

-- name: two_dimensions_cast_to_text_array
SELECT ARRAY[['a','b'],['c',NULL]]::text[], array_dims(ARRAY[[1,2],[3,4]]::text[]);

-- name: two_dimensions_cast_to_numbers
SELECT ARRAY[[1,2],[3,4]]::int[], ARRAY[[1,2],[3,4]]::numeric[], ARRAY[[1,2],[3,4]]::bigint[];

-- name: array_to_string_writes_elements_as_their_output
CREATE TABLE ats_elements (n2 numeric(6,2)[], n numeric[], iv interval[], b bool[], d date[], by bytea[]);
INSERT INTO ats_elements VALUES ('{1.5,2,NULL}', '{1.25,3}', '{"1 mon 2 days",-01:30:00}', '{t,f,NULL}', '{2024-01-01,NULL}', '{"\\x00ff"}');
SELECT array_to_string(n2, '|'), array_to_string(n, '|'), array_to_string(iv, '|'), array_to_string(b, '|', '*'),
    array_to_string(d, '|'), array_to_string(by, '|') FROM ats_elements;
DROP TABLE ats_elements

-- name: varchar_array_elements_checked_setup
CREATE TABLE bounded_elements (v varchar(2)[], c char(3)[], m varchar(2)[][]);
INSERT INTO bounded_elements (v) VALUES ('{ab,NULL,c}'), (ARRAY['a', 'b  ']);
INSERT INTO bounded_elements (m) VALUES ('{{ab,cd},{ef,gh}}')

-- name: varchar_array_element_too_long
-- expect-error: 22001
INSERT INTO bounded_elements (v) VALUES ('{abc}')

-- name: char_array_element_too_long
-- expect-error: 22001
INSERT INTO bounded_elements (c) VALUES ('{abcd}')

-- name: varchar_array_element_too_long_in_two_dimensions
-- expect-error: 22001
INSERT INTO bounded_elements (m) VALUES ('{{ab,cd},{ef,ghi}}')

-- name: varchar_array_element_too_long_by_update
-- expect-error: 22001
UPDATE bounded_elements SET v = ARRAY['x', 'yyy']

-- name: varchar_array_element_too_long_by_select
-- expect-error: 22001
INSERT INTO bounded_elements (v) SELECT ARRAY['a', 'bcd']

-- name: varchar_array_elements_kept
SELECT v, m::text FROM bounded_elements ORDER BY v NULLS LAST;
DROP TABLE bounded_elements

-- name: arrays_of_moments_and_json_as_text_setup
CREATE TABLE moment_arrays (ts timestamp[], iv interval[], j jsonb[], d date[], b bytea[]);
INSERT INTO moment_arrays VALUES ('{"2024-01-01 10:00:00.5",infinity,NULL}', '{"1 mon 2 days",-01:30:00}',
    ARRAY['{"a": [1, 2]}'::jsonb, '"x y"'], '{2024-01-01,NULL}', '{"\\x00ff"}')

-- name: arrays_of_moments_and_json_as_text
SELECT format('%s|%s|%s|%s|%s', ts, iv, j, d, b), concat(ts, iv, j), ts::text, iv::text, j::text, d::text, b::text,
    array_to_string(j, ','), array_to_string(ts, ',') FROM moment_arrays

-- name: arrays_of_moments_and_json_as_text_done
DROP TABLE moment_arrays

-- name: varchar_array_column_written_by_expressions_setup
CREATE TABLE bounded_writes (id int, a varchar(3)[]);
INSERT INTO bounded_writes VALUES (1, '{ab,c}'), (3, '{x}'), (5, NULL)

-- name: varchar_array_column_written_by_expressions
PREPARE bounded_insert AS INSERT INTO bounded_writes (id, a) VALUES ($1, $2);
EXECUTE bounded_insert(2, '{q}');
UPDATE bounded_writes SET a = a || '{e}' WHERE id = 1;
UPDATE bounded_writes SET a = a || 'h'::varchar WHERE id = 1;
INSERT INTO bounded_writes SELECT 4, a || '{z}' FROM bounded_writes WHERE id = 3;
UPDATE bounded_writes SET a = array_remove(a, 'c') WHERE id = 1;
UPDATE bounded_writes SET a = a || ARRAY['e'] WHERE id = 5;
DEALLOCATE bounded_insert;
SELECT * FROM bounded_writes ORDER BY id

-- name: varchar_array_column_parameter_too_long
-- expect-error: 22001
PREPARE bounded_long AS INSERT INTO bounded_writes (id, a) VALUES ($1, $2);
EXECUTE bounded_long(6, '{abcd}')

-- name: varchar_array_column_written_by_expressions_done
DEALLOCATE ALL;
DROP TABLE bounded_writes

-- name: prepare_text_parameter_cast_to_arrays
PREPARE text_to_arrays(varchar, text) AS SELECT $1::int4[], $1::text[], 3 = ANY($2::int[]), $2::oid[]

-- name: execute_text_parameter_cast_to_arrays
EXECUTE text_to_arrays('{1,2}', '{1,3}')

-- name: array_agg_of_arrays_alike
SELECT array_agg(x ORDER BY x[1]) FROM (VALUES (ARRAY[3, 4]), (ARRAY[1, 2])) v(x)

-- name: array_agg_of_arrays_of_different_lengths
-- expect-error: 2202E
SELECT array_agg(x) FROM (VALUES (ARRAY[1, 2]), (ARRAY[3])) v(x)

-- name: array_agg_of_a_null_array
-- expect-error: 22004
SELECT array_agg(x) FROM (VALUES (ARRAY[1, 2]), (NULL)) v(x)

-- name: array_agg_of_an_empty_array
-- expect-error: 2202E
SELECT array_agg(x) FROM (VALUES (ARRAY[1, 2]), ('{}'::int[])) v(x)

-- name: array_agg_of_arrays_by_group_and_window
SELECT g, array_agg(x ORDER BY x[1]) AS a, array_agg(x) OVER (PARTITION BY g ORDER BY x[1]) AS w
FROM (VALUES (1, ARRAY['a', 'b']), (1, ARRAY['c', 'd']), (2, ARRAY['e'])) v(g, x) GROUP BY g, x ORDER BY g, x[1]

-- name: array_functions_of_text_setup
CREATE TABLE array_text_values (s text, j jsonb, n int);
INSERT INTO array_text_values VALUES ('{a,b}', '[1,2,3]', 5)

-- name: array_length_of_text
-- expect-error: 42883
SELECT array_length(s, 1) FROM array_text_values

-- name: cardinality_of_jsonb
-- expect-error: 42883
SELECT cardinality(j) FROM array_text_values

-- name: array_to_string_of_text
-- expect-error: 42883
SELECT array_to_string(s, ',') FROM array_text_values

-- name: array_length_of_untyped_constant
-- expect-error: 42804
SELECT array_length('{a,b}', 1)

-- name: subscript_of_text
-- expect-error: 42804
SELECT s[1] FROM array_text_values

-- name: subscript_of_integer
-- expect-error: 42804
SELECT n[1] FROM array_text_values

-- name: array_concatenation_with_null
SELECT NULL::int[] || NULL::int[], array_cat(NULL::int[], NULL::int[]), ARRAY[1, 2] || NULL, NULL || ARRAY[1, 2],
       array_cat(ARRAY[1], NULL), array_append(ARRAY[1], NULL), '{3}' || ARRAY[1, 2]

-- name: array_fill_of_two_dimensions
SELECT array_fill(7, ARRAY[2, 3]), array_fill('x'::text, ARRAY[2, 2]), array_fill(1, ARRAY[3])

-- name: element_assignment_setup
CREATE TABLE assigned_elements (id int PRIMARY KEY, nums int[], tags text[]);
INSERT INTO assigned_elements VALUES (1, '{1,2,3}', '{a}'), (2, NULL, NULL)

-- name: element_assignment
UPDATE assigned_elements SET nums[2] = 99, tags[2] = 'b' WHERE id = 1

-- name: element_assignment_past_the_end
UPDATE assigned_elements SET nums[5] = '7' WHERE id = 1

-- name: element_assignment_of_null_array
UPDATE assigned_elements SET nums[1] = 5 WHERE id = 2

-- name: element_assignment_in_upsert
INSERT INTO assigned_elements VALUES (1) ON CONFLICT (id) DO UPDATE SET tags[1] = 'z' RETURNING tags

-- name: element_assignments_of_one_column
UPDATE assigned_elements SET nums[2] = 0, nums[1] = 10, nums['3'] = 30 WHERE id = 1 RETURNING nums

-- name: element_assignment_null_subscript
-- expect-error: 22004
UPDATE assigned_elements SET nums[NULL] = 1 WHERE id = 1

-- name: element_assignment_rows
SELECT id, nums FROM assigned_elements ORDER BY id

-- name: array_fill_null_dimension
-- expect-error: 22004
SELECT array_fill(7, ARRAY[2, NULL])

-- name: array_fill_zero_dimension
SELECT array_fill(1, ARRAY[2, 0]), array_fill(1, ARRAY[0])

-- name: array_domain_functions
CREATE DOMAIN int_list AS int[];
CREATE FUNCTION list_size(x int_list) RETURNS int LANGUAGE sql AS 'SELECT cardinality(x)';
SELECT cardinality('{1,2}'::int_list), array_length('{1,2}'::int_list, 1), list_size('{1,2,3}')
