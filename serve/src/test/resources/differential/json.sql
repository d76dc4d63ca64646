-- json and jsonb: the two types' input and output forms (jsonb's normal form: sorted keys, last
-- duplicate wins, ", " and ": "), the operators, construction and aggregation, and set-returning
-- functions.

-- name: json_vs_jsonb_text
SELECT '{"b":1,"a":2}'::json, '{"b":1,"a":2}'::jsonb;

-- name: duplicate_keys
SELECT '{"a":1,"a":2}'::jsonb, '{"a":1,"a":2}'::json;

-- name: jsonb_array_normal_form
SELECT '[1, 2,  "x" ,null,true]'::jsonb;

-- name: jsonb_numbers
SELECT '{"n": 1.50, "e": 1e3, "neg": -0.0}'::jsonb;

-- name: jsonb_scalars
SELECT '"text"'::jsonb, 'null'::jsonb, '3'::jsonb, 'true'::jsonb;

-- name: jsonb_key_order
SELECT '{"bb": 1, "a": 2, "c": 3, "aaa": 4}'::jsonb;

-- name: unicode_escapes
SELECT '{"a": "\u00e9"}'::jsonb, '{"a": "\u00e9"}'::json;

-- name: nested_normal_form
SELECT '{"b":{"d":1,"c":[ {"z":1,"y":2} ]},"a":null}'::jsonb;

-- name: json_keeps_whitespace
SELECT '  {"a" :  [1,2] }  '::json, '  {"a" :  [1,2] }  '::jsonb;

-- name: jsonb_big_numbers
SELECT '[1e30, 0.000000001, -1.5e-5, 12345678901234567890, 1E+2]'::jsonb;

-- name: string_escapes
SELECT '["a\"b", "tab\there", "\u0041", "\/", "\\"]'::jsonb, '["\u0041", "\/"]'::json;

-- name: json_keeps_null_char
SELECT '"\u0000"'::json;

-- name: jsonb_refuses_null_char
-- expect-error: 22P05
SELECT '"\u0000"'::jsonb;

-- name: invalid
-- expect-error: 22P02
SELECT '{bad json'::jsonb;

-- name: invalid_json_missing_value
-- expect-error: 22P02
SELECT '{"a":}'::json;

-- name: invalid_trailing_comma
-- expect-error: 22P02
SELECT '[1,2,]'::jsonb;

-- name: invalid_nan
-- expect-error: 22P02
SELECT 'NaN'::jsonb;

-- name: invalid_leading_zero
-- expect-error: 22P02
SELECT '01'::json;

-- name: invalid_empty
-- expect-error: 22P02
SELECT ''::json;

-- name: invalid_trailing_text
-- expect-error: 22P02
SELECT '{"a":1} x'::jsonb;

-- name: casts
SELECT '{"a":1}'::jsonb::text, '{"a":  1}'::json::jsonb, ('{"price": 19.99}'::jsonb ->> 'price')::numeric * 2;

-- name: casts_to_text
SELECT '{"b":1,"a":2}'::jsonb::text, '{"b": 1}'::json::text, '{"a":1}'::jsonb::varchar(5), '[1, 2]'::jsonb::json;

-- name: casts_text_to_json
SELECT '{"b": 1}'::text::json, '{"b": 1, "a": [2]}'::text::jsonb, CAST('[1,2]' AS jsonb);

-- name: casts_jsonb_scalars
SELECT ('{"n": 42}'::jsonb -> 'n')::int, '1.5'::jsonb::numeric, 'true'::jsonb::bool, '2.5'::jsonb::int, '-2.5'::jsonb::int, '1e2'::jsonb::float8, '7'::jsonb::bigint;

-- name: cast_jsonb_string_to_int
-- expect-error: 22023
SELECT '"x"'::jsonb::int;

-- name: cast_jsonb_object_to_numeric
-- expect-error: 22023
SELECT '{"a":1}'::jsonb::numeric;

-- name: cast_jsonb_number_to_bool
-- expect-error: 22023
SELECT '1'::jsonb::bool;

-- name: cast_int_to_jsonb
-- expect-error: 42846
SELECT 1::jsonb;

-- name: cast_json_to_int
-- expect-error: 42846
SELECT '{"a":1}'::json::int;

-- name: cast_null
SELECT NULL::jsonb, NULL::json, NULL::jsonb::text, (NULL::jsonb)::int;

-- operators

-- name: arrow_object
SELECT '{"a":{"b":[10,20]}}'::jsonb -> 'a', '{"a":{"b":[10,20]}}'::jsonb ->> 'a';

-- name: arrow_chain
SELECT '{"a":{"b":[10,20]}}'::jsonb -> 'a' -> 'b' -> 1, '{"a":{"b":[10,20]}}'::jsonb #> '{a,b}', '{"a":{"b":[10,20]}}'::jsonb #>> '{a,b,0}';

-- name: arrow_array_index
SELECT '[1,2,3]'::jsonb -> 0, '[1,2,3]'::jsonb -> -1, '[1,2,3]'::jsonb ->> 5;

-- name: arrow_json_type
SELECT '{"a":"x"}'::json ->> 'a', '{"a":"x"}'::json -> 'a', '{"a":null}'::json ->> 'a';

-- name: arrow_missing
SELECT '{"a":1}'::jsonb -> 'b', '{"a":1}'::jsonb -> 0, '[1]'::jsonb -> 'a', '"s"'::jsonb -> 0, '{"a":1}'::json -> 'b';

-- name: arrow_negative_index
SELECT '[1,2,3]'::json -> -1, '[1,2,3]'::jsonb -> -4, '[1,2,3]'::json ->> -3;

-- name: arrow_text_of_values
SELECT '{"n":1.50,"b":true,"o":{"x":[1]},"s":"q\"t","z":null}'::jsonb ->> 'n', '{"b":true}'::jsonb ->> 'b',
       '{"o":{"x" : [1]}}'::jsonb ->> 'o', '{"s":"q\"t"}'::jsonb ->> 's', '{"z":null}'::jsonb ->> 'z' IS NULL;

-- name: json_arrow_keeps_text
SELECT '{"a": { "b" :  1 } }'::json -> 'a', '{"a": [ 1 ,2 ] }'::json ->> 'a';

-- name: arrow_duplicate_keys
SELECT '{"a":1,"a":2}'::json -> 'a', '{"a":1,"a":2}'::jsonb -> 'a';

-- name: arrow_computed_key
SELECT '{"ab":1}'::jsonb -> ('a' || 'b'), '[5,6]'::jsonb -> (1 + 0), '{"k":"v"}'::json ->> lower('K');

-- name: path_operators
SELECT '{"a":[{"b":"x"},{"b":"y"}]}'::jsonb #> '{a,1}', '{"a":[{"b":"x"},{"b":"y"}]}'::jsonb #>> '{a,-1,b}', '{"a":1}'::jsonb #> '{a,b}';

-- name: path_array_constructor
SELECT '{"a":{"b":2}}'::jsonb #> ARRAY['a','b'], '{"a":{"b":2}}'::jsonb #>> ARRAY['a','b'];

-- name: path_json
SELECT '{"a":[{"b" : "x"}]}'::json #> '{a,0}', '{"a":[{"b":"x"}]}'::json #>> '{a,0,b}', '{"a":1}'::json #> '{x}';

-- name: path_empty
SELECT '{"a":1}'::jsonb #> '{}', '"x"'::jsonb #>> '{}', '{"a": 1}'::json #> '{}';

-- name: path_null_element
SELECT '{"a":1}'::jsonb #> '{a,NULL}', '{"a":1}'::jsonb #>> ARRAY['a', NULL];

-- name: path_malformed
-- expect-error: 22P02
SELECT '{"a":1}'::jsonb #> '{a';

-- name: subscripts
SELECT ('{"a":{"b":[10,20]}}'::jsonb)['a']['b'][1], ('[1,2]'::jsonb)[-1], ('{"a":1}'::jsonb)['x'];

-- name: subscript_json
-- expect-error: 42804
SELECT ('{"a":1}'::json)['a'];

-- name: containment
SELECT '{"a":1,"b":2}'::jsonb @> '{"a":1}', '{"a":1}'::jsonb <@ '{"a":1,"b":2}', '[1,2,3]'::jsonb @> '[3,1]';

-- name: containment_nested
SELECT '{"a":{"b":[1,2,3]}}'::jsonb @> '{"a":{"b":[2]}}', '[1,[2,3]]'::jsonb @> '[[3]]', '"a"'::jsonb @> '"a"',
       '[1,2]'::jsonb <@ '[1,2,3]', '{"a":1}'::jsonb @> '{}', '{"a":1}'::jsonb @> '{"a":2}';

-- name: containment_scalar_in_array
SELECT '["a"]'::jsonb @> '"a"', '"a"'::jsonb @> '["a"]', '[1, 1, 2]'::jsonb @> '[1, 1, 1]';

-- name: key_exists
SELECT '{"a":1,"b":2}'::jsonb ? 'a', '{"a":1}'::jsonb ?| array['x','a'], '{"a":1,"b":2}'::jsonb ?& array['a','c'], '["a","b"]'::jsonb ? 'b';

-- name: key_exists_more
SELECT '{"a":null}'::jsonb ? 'a', '[1,"1"]'::jsonb ? '1', '"x"'::jsonb ? 'x', '{"a":{"b":1}}'::jsonb ? 'b', '{"a":1,"b":2}'::jsonb ?& '{a,b}';

-- name: key_exists_untyped_left
SELECT '{"a":1}' ? 'a', '["a"]' ?| ARRAY['a'];

-- name: key_exists_empty_arrays
SELECT '{"a":1}'::jsonb ?| '{}'::text[], '{"a":1}'::jsonb ?& '{}'::text[];

-- name: concat_delete
SELECT '{"a":1}'::jsonb || '{"b":2}'::jsonb, '{"a":1,"b":2}'::jsonb - 'a', '[1,2,3]'::jsonb - 1, '{"a":{"b":1}}'::jsonb #- '{a,b}';

-- name: concat_more
SELECT '[1,2]'::jsonb || '[3]', '{"a":1}'::jsonb || '[2]', '1'::jsonb || '2', '{"a":{"b":1}}'::jsonb || '{"a":{"c":2}}', '{"a":1}'::jsonb || '{"a":2}';

-- name: concat_with_text
SELECT '{"a":1}'::jsonb || 'x'::text, '{"a":1}'::json || '{}', 'p:'::text || '[1]'::jsonb;

-- name: concat_untyped_text_is_jsonb
-- expect-error: 22P02
SELECT 'p:' || '[1]'::jsonb;

-- name: concat_null
SELECT '{"a":1}'::jsonb || NULL, NULL::jsonb || '[1]';

-- name: delete_more
SELECT '["a","b","a"]'::jsonb - 'a', '{"a":1,"b":2,"c":3}'::jsonb - '{a,c}'::text[], '[1,2,3]'::jsonb - -1, '[1,2]'::jsonb - 5, '{"a":1}'::jsonb - ARRAY['x'];

-- name: delete_index_from_object
-- expect-error: 22023
SELECT '{"a":1}'::jsonb - 0;

-- name: delete_from_scalar
-- expect-error: 22023
SELECT '1'::jsonb - 'a';

-- name: delete_path_more
SELECT '[1,[2,3]]'::jsonb #- '{1,0}', '{"a":1}'::jsonb #- '{b}', '{"a":[1,2]}'::jsonb #- '{a,-1}', '{"a":1}'::jsonb #- '{}';

-- name: comparisons
SELECT '{"a":1}'::jsonb = '{"a":1.0}', '[1,2]'::jsonb < '[1,3]', '{"a":1}'::jsonb > '[1,2,3]', '1'::jsonb < '"a"', 'null'::jsonb < 'true', '{"a":1}'::jsonb <> '{"a":2}';

-- name: comparisons_containers
SELECT '{"a":1,"b":2}'::jsonb > '{"c":3}', '[1,2]'::jsonb > '[3]', '{"b":1}'::jsonb > '{"a":2}', '[]'::jsonb < '{}', 'true'::jsonb > 'false', '10'::jsonb > '9';

-- name: equality_ignores_spacing
SELECT '{"a":1}'::jsonb = '{ "a" : 1 }'::jsonb, '[1,2]'::jsonb = '[2,1]'::jsonb;

-- name: in_list
SELECT '{"a":1}'::jsonb IN ('{"a": 1}', '[1]'), '[1]'::jsonb NOT IN ('[2]', '[3]'), '1'::jsonb IN ('1.0');

-- name: distinct_from
SELECT '{"a":1}'::jsonb IS DISTINCT FROM '{"a": 1}', NULL::jsonb IS NOT DISTINCT FROM NULL, '[1]'::jsonb IS DISTINCT FROM NULL;

-- name: json_equality
-- expect-error: 42883
SELECT '{}'::json = '{}'::json;

-- name: arrow_untyped_left
-- expect-error: 42725
SELECT '{"a":1}' -> 'a';

-- name: arrow_on_text
-- expect-error: 42883
SELECT 'x'::text -> 'a';

-- name: arrow_bigint_index
-- expect-error: 42883
SELECT '[1]'::jsonb -> 1::bigint;

-- name: contains_on_json
-- expect-error: 42883
SELECT '{}'::json @> '{}';

-- name: exists_on_json
-- expect-error: 42883
SELECT '{"a":1}'::json ? 'a';

-- name: delete_on_json
-- expect-error: 42883
SELECT '{"a":1}'::json - 'a';

-- name: compare_jsonb_with_text
-- expect-error: 42883
SELECT '{}'::jsonb = '{}'::text;

-- name: concat_jsonb_json
-- expect-error: 42883
SELECT '{}'::jsonb || '{}'::json;

-- functions

-- name: jsonb_set
SELECT jsonb_set('{"a":1}', '{b}', '2'), jsonb_set('{"a":{"b":1}}', '{a,b}', '"x"');

-- name: jsonb_set_more
SELECT jsonb_set('{"a":1}', '{b}', '2', false), jsonb_set('[1,2,3]', '{-1}', '9'), jsonb_set('[1,2]', '{10}', '3'), jsonb_set('{"a":1}', '{a}', NULL);

-- name: jsonb_set_array_path
SELECT jsonb_set('{"a":[1,2]}'::jsonb, ARRAY['a','0'], '{"x": [true]}'::jsonb);

-- name: jsonb_set_bad_path
-- expect-error: 22P02
SELECT jsonb_set('[1,2]', '{a}', '3');

-- name: jsonb_set_lax
SELECT jsonb_set_lax('{"a":1}', '{a}', NULL), jsonb_set_lax('{"a":1,"b":2}', '{a}', NULL, true, 'delete_key'),
       jsonb_set_lax('{"a":1}', '{a}', NULL, true, 'return_target'), jsonb_set_lax('{"a":1}', '{a}', '5');

-- name: jsonb_set_lax_raise
-- expect-error: 22004
SELECT jsonb_set_lax('{"a":1}', '{a}', NULL, true, 'raise_exception');

-- name: jsonb_insert
SELECT jsonb_insert('[1,2]', '{1}', '9'), jsonb_insert('[1,2]', '{0}', '9', true), jsonb_insert('{"a":1}', '{b}', '[2]');

-- name: jsonb_insert_existing_key
-- expect-error: 22023
SELECT jsonb_insert('{"a":1}', '{a}', '2');

-- name: jsonb_insert_strip
SELECT jsonb_insert('[1,2]', '{1}', '9'), jsonb_strip_nulls('{"a":null,"b":1}');

-- name: strip_nulls
SELECT jsonb_strip_nulls('[null, {"a":null,"b":[null]}]'), json_strip_nulls('{"a":null, "b" : {"c":null, "d": 1}}'), json_strip_nulls('[null]');

-- name: jsonb_pretty
SELECT jsonb_pretty('{"a":[1,2],"b":{}}');

-- name: jsonb_pretty_nested
SELECT jsonb_pretty('[{"a":[]},{},"x",[{"b":null}]]'), jsonb_pretty('1');

-- name: typeof
SELECT jsonb_typeof('{}'), jsonb_typeof('[]'), jsonb_typeof('1'), jsonb_typeof('"s"'), jsonb_typeof('null'), jsonb_typeof('true'), json_typeof('{"a":1}'::json -> 'a');

-- name: typeof_json
SELECT json_typeof('  [1] '), json_typeof('"x"'), json_typeof('-1.5e3'), json_typeof('false'), json_typeof('null'), json_typeof('{}'), json_typeof(NULL);

-- name: typeof_wrong_type
-- expect-error: 42883
SELECT jsonb_typeof('{}'::json);

-- name: array_length
SELECT jsonb_array_length('[1,2,3]'), json_array_length('[]');

-- name: array_length_more
SELECT jsonb_array_length('[[1,2],{"a":3},null]'), json_array_length('[1, [2, 3], "x"]'), jsonb_array_length(NULL);

-- name: array_length_of_object
-- expect-error: 22023
SELECT jsonb_array_length('{"a":1}');

-- name: array_length_of_scalar
-- expect-error: 22023
SELECT json_array_length('5');

-- name: array_length_wrong_type
-- expect-error: 42883
SELECT json_array_length('[1]'::jsonb);

-- name: extract_path_functions
SELECT jsonb_extract_path('{"a":{"b":[1,2]}}', 'a', 'b'), jsonb_extract_path_text('{"a":{"b":"x"}}', 'a', 'b'),
       json_extract_path('{"a": {"b" : 1}}', 'a'), json_extract_path_text('{"a":[1,2]}', 'a', '1');

-- name: to_json
SELECT to_json('text'::text), to_jsonb(1.5), to_jsonb(ARRAY[1,2]), to_json('2024-01-02 03:04:05'::timestamp), to_jsonb('a"b'::text);

-- name: to_json_types
SELECT to_json(1), to_json(1.50::numeric), to_json(true), to_json(NULL::text), to_json('2024-01-02'::date),
       to_json('2024-01-02 03:04:05+02'::timestamptz), to_json(1.5::float8), to_json(1e20::float8), to_json('NaN'::float8);

-- name: to_json_arrays
SELECT to_json(ARRAY['a', NULL]), to_json(ARRAY[[1,2],[3,4]]), to_json('{}'::int[]), to_jsonb(ARRAY[1.5, 2]);

-- name: to_json_text_escapes
SELECT to_json(E'a"b\\c\nd\te'::text), to_json('/'::text), to_jsonb(E'\u00e9\x01'::text);

-- name: to_jsonb_normalizes
SELECT to_jsonb('{"b": 1, "a": 2}'::json), to_jsonb(1e20::float8), to_jsonb(0.1::float4), to_json('{"b": 1}'::json);

-- name: row_to_json
SELECT row_to_json(t) FROM (SELECT 1 AS id, 'x' AS name) t;

-- name: row_to_json_forms
SELECT row_to_json(t, true) FROM (SELECT 1 AS id, NULL::text AS name, ARRAY[1,2] AS a) t;

-- name: row_to_json_row_constructor
SELECT row_to_json(ROW(1, 'a', NULL, 2.5::float8));

-- name: array_to_json
SELECT array_to_json(ARRAY[1,2]), array_to_json(ARRAY[[1,2],[3,4]], true), array_to_json(ARRAY['x'], false);

-- name: build_object
SELECT jsonb_build_object('id', 1, 'name', 'x', 'tags', ARRAY['a','b'], 'n', NULL);

-- name: build_object_json
SELECT json_build_object('b', 1, 'a', 2);

-- name: build_array
SELECT jsonb_build_array(1, 'two', NULL, true), json_build_array(1, 2);

-- name: build_object_value_types
SELECT jsonb_build_object('a', 1.10, 'b', 'x'::text, 'c', '{"d":1}'::jsonb, 'd', 2.5::float8);

-- name: build_nested
SELECT jsonb_build_object('a', jsonb_build_array(1, jsonb_build_object('b', NULL))), json_build_object('x', json_build_array());

-- name: build_empty
SELECT json_build_object(), jsonb_build_object(), json_build_array(), jsonb_build_array();

-- name: build_object_keys
SELECT json_build_object(1, 'a', true, 'b', 1.5, 'c', '2024-01-02'::date, 'd');

-- name: build_object_duplicate_keys
SELECT jsonb_build_object('a', 1, 'a', 2), json_build_object('a', 1, 'a', 2);

-- name: build_with_dates
SELECT json_build_object('d', '2024-01-02'::date, 'ts', '2024-01-02 03:04:05.5'::timestamp), jsonb_build_array('2024-01-02'::date);

-- name: build_with_json_values
SELECT json_build_array('{"a" : 1}'::json, '{"b":2, "a":1}'::jsonb), jsonb_build_array('{"a" : 1}'::json);

-- name: build_object_odd_arguments
-- expect-error: 22023
SELECT json_build_object('a');

-- name: build_object_null_key
-- expect-error: 22023
SELECT jsonb_build_object(NULL, 1);

-- name: build_object_array_key
-- expect-error: 22023
SELECT json_build_object(ARRAY[1], 2);

-- name: result_types
SELECT pg_typeof('{"a":1}'::jsonb -> 'a'), pg_typeof('{"a":1}'::json -> 'a'), pg_typeof('{"a":1}'::jsonb ->> 'a'),
       pg_typeof(jsonb_array_length('[]')), pg_typeof('{}'::jsonb ? 'a'), pg_typeof(to_json(1)), pg_typeof('{}'::jsonb - 'a');

-- tables

-- name: create_table
CREATE TABLE docs (id int PRIMARY KEY, body jsonb, raw json);

-- name: insert
INSERT INTO docs VALUES
    (1, '{"name":"a","tags":["x","y"],"n":1}', '{"k": 1}'),
    (2, '{"name":"b","n":2,"nested":{"z":true}}', '[1,2]'),
    (3, NULL, NULL);

-- name: insert_invalid_json
-- expect-error: 22P02
INSERT INTO docs VALUES (9, '{bad', NULL);

-- name: insert_invalid_json_column
-- expect-error: 22P02
INSERT INTO docs VALUES (9, NULL, '[1,2,]');

-- name: select
SELECT id, body, raw FROM docs ORDER BY id;

-- name: select_star
SELECT * FROM docs ORDER BY id;

-- name: select_fields
SELECT id, body->>'name' AS name, (body->>'n')::int + 1 AS n1 FROM docs ORDER BY id;

-- name: select_json_column_ops
SELECT id, raw -> 'k', raw ->> 0, json_typeof(raw) FROM docs ORDER BY id;

-- name: where_contains
SELECT id FROM docs WHERE body @> '{"tags":["x"]}' ORDER BY id;

-- name: where_key_exists
SELECT id FROM docs WHERE body ? 'nested' ORDER BY id;

-- name: where_field_equals
SELECT id FROM docs WHERE body->'n' = '2' OR body->>'name' = 'a' ORDER BY id;

-- name: path_text
SELECT id, body #>> '{nested,z}' FROM docs ORDER BY id;

-- name: row_to_json_table
SELECT row_to_json(d) FROM docs d ORDER BY id;

-- name: json_agg
SELECT json_agg(id ORDER BY id) FROM docs;

-- name: jsonb_agg
SELECT jsonb_agg(body->'name' ORDER BY id) FROM docs;

-- name: json_agg_rows
SELECT json_agg(t ORDER BY t.id) FROM (SELECT id, body->>'name' AS name FROM docs WHERE id < 3) t;

-- name: jsonb_object_agg
SELECT jsonb_object_agg(id, body->'n') FROM docs;

-- name: json_agg_order_desc
SELECT json_agg(id ORDER BY id DESC), jsonb_agg(id ORDER BY id DESC) FROM docs;

-- name: json_agg_order_by_expression
SELECT json_agg(body->>'name' ORDER BY body->>'name' DESC NULLS LAST) FROM docs;

-- name: json_agg_order_by_jsonb
SELECT json_agg(id ORDER BY body) FROM docs;

-- name: json_agg_filter
SELECT json_agg(id) FILTER (WHERE id > 1), jsonb_agg(id ORDER BY id) FILTER (WHERE id < 3) FROM docs;

-- name: json_agg_empty
SELECT json_agg(id), jsonb_agg(id), json_object_agg(id, id), jsonb_object_agg(id, id) FROM docs WHERE false;

-- name: json_agg_nulls
SELECT json_agg(x ORDER BY n), jsonb_agg(x ORDER BY n) FROM (VALUES (1, NULL::int), (2, 5)) t(n, x);

-- name: json_agg_group_by
SELECT k, json_agg(v ORDER BY v) FROM (VALUES ('a', 1), ('b', 2), ('a', 3)) t(k, v) GROUP BY k ORDER BY k;

-- name: json_agg_json_values
SELECT json_agg(raw ORDER BY id), jsonb_agg(raw ORDER BY id) FROM docs;

-- name: json_agg_jsonb_values
SELECT json_agg(body ORDER BY id) FROM docs WHERE id < 3;

-- name: json_agg_arrays
SELECT json_agg(ARRAY[id, id * 2] ORDER BY id) FROM docs;

-- name: json_agg_floats_and_text
SELECT json_agg(x ORDER BY x), json_agg(s ORDER BY s) FROM (VALUES (0.1::float8, 'a"b'), (1e20::float8, 'c')) t(x, s);

-- name: json_agg_distinct
SELECT jsonb_agg(DISTINCT x ORDER BY x) FROM (VALUES (2), (1), (2)) t(x);

-- name: json_object_agg_order
SELECT json_object_agg(k, v ORDER BY k), jsonb_object_agg(k, v) FROM (VALUES ('b', 1), ('a', 2)) t(k, v);

-- name: json_object_agg_values
SELECT json_object_agg(id, body ORDER BY id), json_object_agg(id, raw ORDER BY id) FROM docs;

-- name: jsonb_object_agg_duplicates
SELECT jsonb_object_agg(k, v ORDER BY v) FROM (VALUES ('a', 1), ('a', 2), ('b', 3)) t(k, v);

-- name: json_object_agg_null_key
-- expect-error: 22023
SELECT json_object_agg(k, v) FROM (VALUES (NULL::text, 1)) t(k, v);

-- name: update_merge
UPDATE docs SET body = body || '{"n": 10}' WHERE id = 1 RETURNING body;

-- name: update_set_path
UPDATE docs SET body = jsonb_set(body, '{nested,z}', 'false') WHERE id = 2 RETURNING body->'nested';

-- name: update_delete_key
UPDATE docs SET body = body - 'n' WHERE id = 2 RETURNING id, body;

-- name: update_literal
UPDATE docs SET body = '{"z": 1, "a": [ 2 ]}', raw = '{"z" : 1}' WHERE id = 3 RETURNING body, raw, body::text;

-- set-returning functions

-- name: jsonb_each
SELECT key, value FROM jsonb_each('{"b":2,"a":"x"}') ORDER BY key;

-- name: jsonb_each_text
SELECT key, value FROM jsonb_each_text('{"b":2,"a":"x"}') ORDER BY key;

-- name: jsonb_each_star
SELECT * FROM jsonb_each('{"b":[1, 2],"a":{"y":1, "x":2}}') ORDER BY key;

-- name: json_each
SELECT * FROM json_each('{"b": [1, 2], "a" : "x"}') ORDER BY key;

-- name: json_each_text
SELECT * FROM json_each_text('{"a":null,"b":"x","c":{"d" : 1}}') ORDER BY key;

-- name: jsonb_object_keys
SELECT jsonb_object_keys('{"b":1,"a":2}') AS k ORDER BY k;

-- name: json_object_keys_duplicates
SELECT * FROM json_object_keys('{"b":1,"a":2,"b":3}') WITH ORDINALITY;

-- name: jsonb_array_elements
SELECT value FROM jsonb_array_elements('[3,1,2]') WITH ORDINALITY AS t(value, n) ORDER BY n;

-- name: jsonb_array_elements_text
SELECT jsonb_array_elements_text('["b","a"]') AS v ORDER BY v;

-- name: json_array_elements
SELECT * FROM json_array_elements('[1, "a" , {"b" :2}]') WITH ORDINALITY;

-- name: json_array_elements_text
SELECT * FROM json_array_elements_text('["x", 1, null, {"a":1}]') WITH ORDINALITY ORDER BY ordinality;

-- name: srf_alias_names
SELECT * FROM jsonb_array_elements('[1]') AS t, jsonb_object_keys('{"a":1}') AS k;

-- name: srf_alias_columns
SELECT * FROM jsonb_each('{"a":1}') AS t(k, v);

-- name: srf_lateral
SELECT d.id, e.key, e.value FROM docs d, jsonb_each(d.body) e ORDER BY d.id, e.key;

-- name: srf_lateral_elements
SELECT d.id, t.tag FROM docs d CROSS JOIN LATERAL jsonb_array_elements_text(d.body->'tags') AS t(tag) ORDER BY 1, 2;

-- name: srf_select_list_per_row
SELECT id, jsonb_object_keys(body) AS k FROM docs ORDER BY id, k;

-- name: srf_each_in_select_list
SELECT jsonb_each('{"a":"x y","b":null}') ORDER BY 1;

-- name: srf_each_text_in_select_list
SELECT json_each_text('{"a":"q\"t","b":null,"c":""}') ORDER BY 1;

-- name: srf_elements_in_select_list
SELECT json_array_elements('[1, {"a" : 2}]') AS e, jsonb_array_elements('[{"b":1, "a":2}]') AS f;

-- name: srf_where_and_order
SELECT value FROM jsonb_array_elements('[1,5,10,"x",[1]]') WHERE value > '3' ORDER BY value;

-- name: srf_elements_sum
SELECT sum(value::int), count(*) FROM jsonb_array_elements('[1,2,3]');

-- name: srf_null_input
SELECT count(*) FROM jsonb_each(NULL), (SELECT count(*) FROM jsonb_array_elements_text(NULL)) c;

-- name: srf_each_of_array
-- expect-error: 22023
SELECT * FROM jsonb_each('[1]');

-- name: srf_keys_of_scalar
-- expect-error: 22023
SELECT jsonb_object_keys('1');

-- name: srf_elements_of_object
-- expect-error: 22023
SELECT * FROM json_array_elements('{}');

-- ordering, grouping and distinct values of jsonb

-- name: create_values_table
CREATE TABLE vals (id int, v jsonb);

-- name: insert_values
INSERT INTO vals VALUES (1, '{"a":1}'), (2, '[1,2]'), (3, '"str"'), (4, '10'), (5, '9'), (6, 'true'), (7, 'null'),
    (8, '{"a":1,"b":2}'), (9, '[]'), (10, '{}'), (11, NULL), (12, '{"a": 1}'), (13, '[1,2]'), (14, '1.0'), (15, '1');

-- name: order_by_jsonb
SELECT id, v FROM vals ORDER BY v, id;

-- name: order_by_jsonb_desc
SELECT id, v FROM vals ORDER BY v DESC NULLS LAST, id;

-- name: order_by_position_and_alias
SELECT v AS doc, id FROM vals WHERE id < 11 ORDER BY 1, 2;

-- name: order_by_field
SELECT id FROM vals ORDER BY v -> 'a', id;

-- name: group_by_jsonb
SELECT v, count(*) FROM vals WHERE id <> 14 AND id <> 15 GROUP BY v ORDER BY v;

-- name: group_by_equal_numbers
SELECT count(*), min(id) FROM vals WHERE id IN (14, 15) GROUP BY v;

-- name: group_by_expression
SELECT v -> 'a' AS a, count(*) FROM vals GROUP BY v -> 'a' ORDER BY a;

-- name: distinct_jsonb
SELECT DISTINCT v FROM vals WHERE id < 14 ORDER BY v;

-- name: distinct_count
SELECT count(*) FROM (SELECT DISTINCT v FROM vals) t;

-- name: distinct_on_jsonb
SELECT DISTINCT ON (v) v, id FROM vals WHERE id < 14 ORDER BY v, id;

-- name: jsonb_path_exists
SELECT jsonb_path_exists('{"a":[1,2]}', '$.a[*] ? (@ > 1)'), jsonb_path_query_first('{"a":[1,2]}', '$.a[1]');

-- deep documents: PostgreSQL's parser recurses up to max_stack_depth (54001 beyond); serve's keeps
-- its containers on the heap and refuses at the same depth

-- name: deep_jsonb
SELECT jsonb_typeof((repeat('[', 10000) || repeat(']', 10000))::jsonb), jsonb_array_length((repeat('[', 10000) || repeat(']', 10000))::jsonb);

-- name: deep_json
SELECT json_typeof((repeat('[', 10000) || repeat(']', 10000))::json), (repeat('[', 10000) || repeat(']', 10000))::json -> 0 IS NOT NULL;

-- name: deep_jsonb_objects_text
SELECT length((repeat('{"a":', 10000) || '1' || repeat('}', 10000))::jsonb::text);

-- name: too_deep_jsonb
-- expect-error: 54001
SELECT jsonb_typeof((repeat('[', 200000) || repeat(']', 200000))::jsonb);

-- name: too_deep_json
-- expect-error: 54001
SELECT json_typeof((repeat('{"a":', 100000) || '1' || repeat('}', 100000))::json);

-- casts, comparisons and set operations

-- name: casts_scalar
SELECT '1'::jsonb::int, '1.5'::jsonb::int, '1.5'::jsonb::numeric, 'true'::jsonb::bool, '"x"'::jsonb::text, '{"a":1}'::jsonb::json, '{"a" : 1}'::json::text;

-- name: cast_string_to_int
-- expect-error: 22023
SELECT '"1"'::jsonb::int;

-- name: compare_order
SELECT '{"a":1}'::jsonb < '{"a":2}', '[1]'::jsonb > '{}', '1'::jsonb = '1.0', '"b"'::jsonb > '"a"';

-- name: union_jsonb_constant
SELECT x FROM (VALUES ('{"b":1, "a":[1, 2]}'::jsonb)) t(x) UNION SELECT '{"a":[1,2],"b":1}' ORDER BY 1;

-- name: union_jsonb_order
SELECT '[2]'::jsonb AS j UNION ALL SELECT '{}' UNION ALL SELECT '1' ORDER BY j;

-- name: union_json
-- expect-error: 42883
SELECT '[]'::json UNION SELECT '[]'::json;

-- name: union_all_json
SELECT '[ ]'::json AS j UNION ALL SELECT '{}'::json;

-- name: unicode
SELECT '"\ud83d\ude00"'::jsonb, '"\u00e9"'::json, '"\u00e9"'::jsonb, '"\u00e9"'::jsonb ->> 0;

-- name: unicode_nul_jsonb
-- expect-error: 22P05
SELECT '"\u0000"'::jsonb;

-- name: unicode_nul_json
SELECT '"\u0000"'::json;

-- name: invalid_json_detail
-- expect-error: 22P02
SELECT '{"a":1'::json;

-- name: numbers
SELECT '1e1000'::jsonb::text = '1' || repeat('0', 1000), '-0'::jsonb, '1.0e2'::jsonb, '[1E+2, 0.000001e-3]'::jsonb;

-- name: null_paths
SELECT 'null'::jsonb -> 'a', '{"a":1}'::jsonb #> '{a,b}', '{"a":1}'::jsonb -> 'b', '[1]'::jsonb -> 5, '[1]'::jsonb -> -1;

-- name: build_rows
SELECT json_build_object('a', ROW(1, 'x')), jsonb_build_array(ROW(1, NULL));

-- a table of items

-- name: items_create
CREATE TABLE items (id int PRIMARY KEY, body jsonb, raw json);

-- name: items_insert
INSERT INTO items VALUES (1, '{"name":"a","tags":["x","y"],"n":1}', '{"k" : [1, 2]}'), (2, '{"name":"b","n":2.50,"nested":{"z":true}}', '[1,2]'), (3, NULL, NULL);

-- name: items_subscript
SELECT body['tags'][0], body['nested']['z'], body['missing'] FROM items ORDER BY id;

-- name: items_chained
SELECT body -> 'tags' ->> 0, body #> '{tags,1}', jsonb_typeof(body -> 'n') FROM items ORDER BY id;

-- name: items_coalesce_case
SELECT COALESCE(body, '{}'), CASE WHEN id = 1 THEN body ELSE '[]' END FROM items ORDER BY id;

-- name: items_union
SELECT body FROM items WHERE id = 1 UNION SELECT '{"n":1,"name":"a","tags":["x","y"]}' ORDER BY 1;

-- name: items_elements_in_select_list
SELECT id, jsonb_array_elements_text(body -> 'tags') FROM items ORDER BY 1, 2;

-- name: items_where_like
SELECT id FROM items WHERE body->>'name' LIKE 'a%' ORDER BY id;

-- name: items_contains
SELECT id FROM items WHERE body @> '{"n": 2.5}' OR '{"n":1}' <@ body ORDER BY id;

-- name: items_exists_any_all
SELECT id, body ?| ARRAY['n', 'q'], body ?& ARRAY['n', 'tags'] FROM items ORDER BY id;

-- name: items_delete_path
SELECT id, body #- '{tags,0}', body - ARRAY['n','name'], (body -> 'tags') - 0 FROM items WHERE id = 1;

-- name: items_object_keys_lateral
SELECT i.id, k FROM items i, jsonb_object_keys(i.body) k ORDER BY 1, 2;

-- name: items_group_by_type
SELECT jsonb_typeof(body -> 'n') t, count(*) FROM items GROUP BY 1 ORDER BY 1;

-- name: items_string_agg
SELECT string_agg(body ->> 'name', ',' ORDER BY id) FROM items;

-- name: items_json_column
SELECT json_typeof(raw), json_array_length(raw -> 'k') FROM items ORDER BY id;

-- name: items_pretty
SELECT jsonb_pretty(body) FROM items WHERE id = 1;

-- name: items_set_to_jsonb
SELECT jsonb_set(body, '{name}', to_jsonb('x'::text)) FROM items WHERE id = 1;

-- name: items_insert_select_build
INSERT INTO items SELECT 4, jsonb_build_object('k', 1), json_build_array(1, 'a') RETURNING *;

-- name: items_on_conflict_merge
INSERT INTO items VALUES (1, '{"q":1}', NULL) ON CONFLICT (id) DO UPDATE SET body = items.body || EXCLUDED.body RETURNING body;

-- name: items_on_conflict_where
INSERT INTO items VALUES (2, '{"q":2}', '[]') ON CONFLICT (id) DO UPDATE SET raw = EXCLUDED.raw WHERE items.body ? 'nested' RETURNING raw;

-- name: items_gin_index
CREATE INDEX items_body_idx ON items USING gin (body);

-- name: items_expression_index
CREATE INDEX items_name_idx ON items ((body->>'name'));

-- name: items_create_table_as
CREATE TABLE items_copy AS SELECT id, body -> 'tags' AS tags, raw FROM items;

-- name: items_create_table_as_read
SELECT * FROM items_copy ORDER BY id;

-- name: items_view
CREATE VIEW items_view AS SELECT id, body ->> 'name' AS name, body FROM items;

-- name: items_view_read
SELECT * FROM items_view WHERE body ? 'name' ORDER BY id;

-- name: items_info_schema
SELECT column_name, data_type, udt_name FROM information_schema.columns WHERE table_name = 'items' ORDER BY ordinal_position;

-- name: defaults_create
CREATE TABLE settings (id int, j jsonb DEFAULT '{}', k json DEFAULT '[]' NOT NULL);

-- name: defaults_insert
INSERT INTO settings (id) VALUES (1) RETURNING *;

-- name: defaults_add_column
ALTER TABLE settings ADD COLUMN m jsonb DEFAULT '{"b":1,"a":2}';

-- name: defaults_read
SELECT *, pg_typeof(j), pg_typeof(k) FROM settings;

-- name: jsonb_array_column
CREATE TABLE doc_lists (a jsonb[]);

-- name: jsonb_array_insert
INSERT INTO doc_lists VALUES (ARRAY['{"b":1, "a":2}'::jsonb, '[1]']) RETURNING *;

-- objects from text arrays

-- name: object_from_arrays
SELECT jsonb_object('{a,1,b,2}'), json_object('{a,b}', '{1,2}'), json_object('{b,1,a,NULL,b,"x y"}'), jsonb_object('{b,1,a,NULL,b,"x y"}');

-- name: object_from_pairs
SELECT json_object('{{a,1},{b,2}}'), jsonb_object('{{b,"q\"t"},{a,NULL}}'), json_object('{}'), jsonb_object('{}', '{}');

-- name: object_odd_elements
-- expect-error: 2202E
SELECT json_object('{a,1,b}');

-- name: object_three_columns
-- expect-error: 2202E
SELECT jsonb_object('{{a,1,x},{b,2,y}}');

-- name: object_mismatched
-- expect-error: 2202E
SELECT json_object('{a,b}', '{1}');

-- name: object_null_key
-- expect-error: 22004
SELECT jsonb_object('{NULL,1}');

-- records of the columns a query defines

-- name: to_record
SELECT * FROM json_to_record('{"a":1,"b":"x","c":[1, 2],"d":{"z" : 1}}') AS x(a int, b text, c json, d jsonb, e text);

-- name: to_record_types
SELECT a + 1, b, c, d FROM jsonb_to_record('{"a":"41","b":true,"c":2.50,"d":"2024-01-02","x":1}') AS r(a bigint, b boolean, c numeric, d date);

-- name: to_record_nulls
SELECT * FROM json_to_record('{"a":null,"b":"null"}') AS x(a text, b text, c int);

-- name: to_record_bad_value
-- expect-error: 22P02
SELECT * FROM json_to_record('{"a":"x"}') AS x(a int);

-- name: to_recordset
SELECT * FROM jsonb_to_recordset('[{"a":1,"b":"x"},{"a":2}]') AS x(a int, b text) ORDER BY a;

-- name: to_recordset_where
SELECT t.name, sum(t.qty) FROM json_to_recordset('[{"name":"a","qty":2},{"name":"b","qty":1},{"name":"a","qty":3}]') AS t(name text, qty int) GROUP BY t.name ORDER BY 1;

-- name: to_recordset_lateral
SELECT i.id, r.x FROM items i, jsonb_to_recordset(jsonb_build_array(jsonb_build_object('x', i.id), jsonb_build_object('x', i.id * 10))) AS r(x int) WHERE i.id < 3 ORDER BY 1, 2;

-- name: populate_record
SELECT * FROM json_populate_record(NULL::items, '{"id": 5, "body": {"b":1, "a":2}, "raw": [1,  2], "other": 1}');

-- name: populate_recordset
SELECT id, body FROM jsonb_populate_recordset(NULL::items, '[{"id": "6"}, {"id": 7, "body": null}, {"body": [1]}]') ORDER BY id;

-- name: populate_insert
INSERT INTO items SELECT * FROM json_populate_recordset(NULL::items, '[{"id": 8, "body": {"n": 8}}]') RETURNING *;

-- name: to_recordset_of_scalars
-- expect-error: 22023
SELECT * FROM json_to_recordset('[1, 2]') AS x(a int);

-- not yet in serve

-- name: subscript_assignment
UPDATE items SET body['n'] = '5' WHERE id = 1 RETURNING body;




-- name: distinct_jsonb_counted_by_jsonb_equality
CREATE TABLE jsonb_distinct (id int, j jsonb, s text);
INSERT INTO jsonb_distinct VALUES (1, '{"a":1,"b":2}', 'x'), (2, '{"b":2,"a":1}', 'y'), (3, '{"a":1.0,"b":2}', NULL), (4, '1', 'x'), (5, '1.00', 'y');
SELECT count(DISTINCT j), count(j), count(DISTINCT j) FILTER (WHERE id > 3) FROM jsonb_distinct

-- name: whole_row_star_as_a_function_argument
SELECT to_jsonb(t.*) ->> 'id', row_to_json(t.*) ->> 's', to_json(t.*) ->> 'j' FROM jsonb_distinct t WHERE id = 1

-- name: object_agg_filter_leaves_out_null_names
SELECT jsonb_object_agg(s, id) FILTER (WHERE s IS NOT NULL), json_object_agg(s, id) FILTER (WHERE s IS NOT NULL) FROM jsonb_distinct

-- name: count_of_whole_rows_over_an_outer_join
CREATE TABLE wr_parent (id int PRIMARY KEY, name text);
CREATE TABLE wr_child (id int PRIMARY KEY, parent int, v text);
INSERT INTO wr_parent VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO wr_child VALUES (10, 1, 'x'), (11, 1, 'y'), (12, 2, NULL);
SELECT p.id, count(c.*), count(c), count(DISTINCT c.*) FROM wr_parent p LEFT JOIN wr_child c ON c.parent = p.id GROUP BY p.id ORDER BY p.id

-- name: to_record_reads_by_the_types_input
SELECT * FROM jsonb_to_record('{"a":1.256,"b":"2024-01-01 10:00:00.7","c":"ab"}') AS x(a numeric(4,2), b timestamp(0), c varchar(2))

-- name: to_record_integer_from_a_fraction
-- expect-error: 22P02
SELECT * FROM jsonb_to_record('{"a":"1.5"}') AS x(a int)

-- name: to_recordset_integer_from_a_fraction
-- expect-error: 22P02
SELECT * FROM json_to_recordset('[{"a":"1"},{"a":"2.5"}]') AS x(a int)

-- name: to_record_text_longer_than_its_varchar
-- expect-error: 22001
SELECT * FROM jsonb_to_record('{"a":"abc"}') AS x(a varchar(2))

-- name: row_to_json_of_a_join_with_repeated_names_setup
CREATE TABLE rj_parent (id int, name text);
CREATE TABLE rj_child (id int, pid int, name text);
INSERT INTO rj_parent VALUES (1, 'parent');
INSERT INTO rj_child VALUES (10, 1, 'child')

-- name: row_to_json_of_a_join_with_repeated_names
SELECT row_to_json(x), to_jsonb(x) FROM (SELECT p.id, c.id, p.name, c.name FROM rj_parent p JOIN rj_child c ON c.pid = p.id) x

-- name: json_agg_of_a_join_with_repeated_names
SELECT json_agg(x) FROM (SELECT p.*, c.* FROM rj_parent p JOIN rj_child c ON c.pid = p.id) x

-- name: row_to_json_of_a_join_with_repeated_names_done
DROP TABLE rj_parent;
DROP TABLE rj_child

-- name: to_recordset_array_members
SELECT * FROM jsonb_to_recordset('[{"id":1,"tags":["a","b"],"n":[1,2]}]') AS x(id int, tags text[], n int[])

-- name: json_agg_distinct_sorted
SELECT json_agg(DISTINCT x), jsonb_agg(DISTINCT x), json_agg(DISTINCT x ORDER BY x DESC) FROM (VALUES (3), (1), (NULL), (2), (10)) v(x)

-- name: json_agg_distinct_text_and_jsonb_sorted
SELECT json_agg(DISTINCT t), jsonb_agg(DISTINCT j) FROM (VALUES ('b', '{"b":1}'::jsonb), ('a', '[1]'), (NULL, '1'), ('C', NULL), ('b', '"a"')) v(t, j)

-- name: prepare_jsonb_set_path_parameter
PREPARE set_path AS SELECT jsonb_set('{"a":{"b":1}}'::jsonb, $1, '2'), jsonb_insert('{"a":[1,2]}'::jsonb, $2, '0')

-- name: execute_jsonb_set_path_parameter
EXECUTE set_path('{a,b}', '{a,0}')

-- name: setup_json_rows
CREATE TABLE json_rows (a int, n numeric(4,2), ts timestamp, c char(3), t text)

-- name: setup_json_rows_values
INSERT INTO json_rows VALUES (1, 2.50, '2024-01-02 03:04:05', 'ab', 'x"y'), (2, NULL, NULL, NULL, NULL)

-- name: arrays_of_rows_as_json
SELECT to_json(array_agg(r ORDER BY a)), array_to_json(array_agg(r ORDER BY a)), json_build_object('rows', array_agg(r ORDER BY a)) FROM json_rows r

-- name: arrays_of_row_constructors_as_json
SELECT to_json(array[row(1, 2.50)]), array_to_json(array[row(1, 'a'), row(2, NULL)]), to_jsonb(array_agg(row(a, n) ORDER BY a)) FROM json_rows
