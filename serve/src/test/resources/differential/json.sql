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

-- name: arrow_object
SELECT '{"a":{"b":[10,20]}}'::jsonb -> 'a', '{"a":{"b":[10,20]}}'::jsonb ->> 'a';

-- name: arrow_chain
SELECT '{"a":{"b":[10,20]}}'::jsonb -> 'a' -> 'b' -> 1, '{"a":{"b":[10,20]}}'::jsonb #> '{a,b}', '{"a":{"b":[10,20]}}'::jsonb #>> '{a,b,0}';

-- name: arrow_array_index
SELECT '[1,2,3]'::jsonb -> 0, '[1,2,3]'::jsonb -> -1, '[1,2,3]'::jsonb ->> 5;

-- name: arrow_json_type
SELECT '{"a":"x"}'::json ->> 'a', '{"a":"x"}'::json -> 'a', '{"a":null}'::json ->> 'a';

-- name: containment
SELECT '{"a":1,"b":2}'::jsonb @> '{"a":1}', '{"a":1}'::jsonb <@ '{"a":1,"b":2}', '[1,2,3]'::jsonb @> '[3,1]';

-- name: key_exists
SELECT '{"a":1,"b":2}'::jsonb ? 'a', '{"a":1}'::jsonb ?| array['x','a'], '{"a":1,"b":2}'::jsonb ?& array['a','c'], '["a","b"]'::jsonb ? 'b';

-- name: concat_delete
SELECT '{"a":1}'::jsonb || '{"b":2}'::jsonb, '{"a":1,"b":2}'::jsonb - 'a', '[1,2,3]'::jsonb - 1, '{"a":{"b":1}}'::jsonb #- '{a,b}';

-- name: build_object
SELECT jsonb_build_object('id', 1, 'name', 'x', 'tags', ARRAY['a','b'], 'n', NULL);

-- name: build_object_json
SELECT json_build_object('b', 1, 'a', 2);

-- name: build_array
SELECT jsonb_build_array(1, 'two', NULL, true), json_build_array(1, 2);

-- name: build_object_value_types
SELECT jsonb_build_object('a', 1.10, 'b', 'x'::text, 'c', '{"d":1}'::jsonb, 'd', 2.5::float8);

-- name: to_json
SELECT to_json('text'::text), to_jsonb(1.5), to_jsonb(ARRAY[1,2]), to_json('2024-01-02 03:04:05'::timestamp), to_jsonb('a"b'::text);

-- name: row_to_json
SELECT row_to_json(t) FROM (SELECT 1 AS id, 'x' AS name) t;

-- name: create_table
CREATE TABLE docs (id int PRIMARY KEY, body jsonb, raw json);

-- name: insert
INSERT INTO docs VALUES
    (1, '{"name":"a","tags":["x","y"],"n":1}', '{"k": 1}'),
    (2, '{"name":"b","n":2,"nested":{"z":true}}', '[1,2]'),
    (3, NULL, NULL);

-- name: select
SELECT id, body, raw FROM docs ORDER BY id;

-- name: select_fields
SELECT id, body->>'name' AS name, (body->>'n')::int + 1 AS n1 FROM docs ORDER BY id;

-- name: where_contains
SELECT id FROM docs WHERE body @> '{"tags":["x"]}' ORDER BY id;

-- name: where_key_exists
SELECT id FROM docs WHERE body ? 'nested' ORDER BY id;

-- name: path_text
SELECT id, body #>> '{nested,z}' FROM docs ORDER BY id;

-- name: json_agg
SELECT json_agg(id ORDER BY id) FROM docs;

-- name: jsonb_agg
SELECT jsonb_agg(body->'name' ORDER BY id) FROM docs;

-- name: json_agg_rows
SELECT json_agg(t ORDER BY t.id) FROM (SELECT id, body->>'name' AS name FROM docs WHERE id < 3) t;

-- name: jsonb_object_agg
SELECT jsonb_object_agg(id, body->'n') FROM docs;

-- name: jsonb_each
SELECT key, value FROM jsonb_each('{"b":2,"a":"x"}') ORDER BY key;

-- name: jsonb_each_text
SELECT key, value FROM jsonb_each_text('{"b":2,"a":"x"}') ORDER BY key;

-- name: jsonb_object_keys
SELECT jsonb_object_keys('{"b":1,"a":2}') AS k ORDER BY k;

-- name: jsonb_array_elements
SELECT value FROM jsonb_array_elements('[3,1,2]') WITH ORDINALITY AS t(value, n) ORDER BY n;

-- name: jsonb_array_elements_text
SELECT jsonb_array_elements_text('["b","a"]') AS v ORDER BY v;

-- name: array_length
SELECT jsonb_array_length('[1,2,3]'), json_array_length('[]');

-- name: typeof
SELECT jsonb_typeof('{}'), jsonb_typeof('[]'), jsonb_typeof('1'), jsonb_typeof('"s"'), jsonb_typeof('null'), jsonb_typeof('true'), json_typeof('{"a":1}'::json -> 'a');

-- name: jsonb_set
SELECT jsonb_set('{"a":1}', '{b}', '2'), jsonb_set('{"a":{"b":1}}', '{a,b}', '"x"');

-- name: jsonb_insert_strip
SELECT jsonb_insert('[1,2]', '{1}', '9'), jsonb_strip_nulls('{"a":null,"b":1}');

-- name: jsonb_pretty
SELECT jsonb_pretty('{"a":[1,2],"b":{}}');

-- name: jsonb_path_exists
SELECT jsonb_path_exists('{"a":[1,2]}', '$.a[*] ? (@ > 1)'), jsonb_path_query_first('{"a":[1,2]}', '$.a[1]');

-- name: update_merge
UPDATE docs SET body = body || '{"n": 10}' WHERE id = 1 RETURNING body;

-- name: update_set_path
UPDATE docs SET body = jsonb_set(body, '{nested,z}', 'false') WHERE id = 2 RETURNING body->'nested';

-- name: equality_ignores_spacing
SELECT '{"a":1}'::jsonb = '{ "a" : 1 }'::jsonb, '[1,2]'::jsonb = '[2,1]'::jsonb;

-- name: casts
SELECT '{"a":1}'::jsonb::text, '{"a":  1}'::json::jsonb, ('{"price": 19.99}'::jsonb ->> 'price')::numeric * 2;

-- name: invalid
-- expect-error: 22P02
SELECT '{bad json'::jsonb;
