-- Text types: varchar(n) and char(n) length rules (22001), char padding, and text functions.

-- name: create_table
CREATE TABLE people (id int PRIMARY KEY, code char(3), name varchar(10), note text);

-- name: insert
INSERT INTO people VALUES (1, 'ab', 'Alice', 'first'), (2, 'xyz', 'Bob', NULL);

-- name: select_padded
SELECT id, code, name, note FROM people ORDER BY id;

-- name: char_lengths
SELECT id, length(code), octet_length(code), code || '|' AS piped FROM people ORDER BY id;

-- name: char_too_long
-- expect-error: 22001
INSERT INTO people VALUES (5, 'abcd', 'x', NULL);

-- name: varchar_too_long
-- expect-error: 22001
INSERT INTO people VALUES (4, 'abc', 'Christopher', NULL);

-- name: update_too_long
-- expect-error: 22001
UPDATE people SET name = 'abcdefghijk' WHERE id = 1;

-- name: trailing_spaces_truncated
INSERT INTO people VALUES (3, 'abc   ', 'Carol       ', NULL);

-- name: trailing_spaces_result
SELECT id, code, name, length(name) FROM people WHERE id = 3;

-- name: explicit_cast_truncates
SELECT 'abcdef'::varchar(3), 'abcdef'::char(2), 'ab'::char(4);

-- name: char_comparison_ignores_padding
SELECT 'a'::char(3) = 'a  '::char(3), 'ab'::char(3) = 'ab'::char(5);

-- name: char_where
SELECT name FROM people WHERE code = 'ab';

-- name: char_concat
SELECT 'ab'::char(3) || 'c', 'abc'::char(5)::text || '|', 'abc'::varchar(5) || '|';

-- name: varchar_max
SELECT max(code), min(name) FROM people;

-- name: case_functions
SELECT upper(name), lower(name), initcap('hello wORLD') FROM people WHERE id = 1;

-- name: lengths
SELECT length('héllo'), octet_length('héllo'), char_length('abc'), character_length('');

-- name: substring_family
SELECT substring('PostgreSQL' FROM 5 FOR 3), substr('PostgreSQL', 5), left('abc', 2), right('abc', 2), left('abcdef', -2);

-- name: position_strpos
SELECT position('SQL' IN 'PostgreSQL'), strpos('abc', 'c'), strpos('abc', 'z');

-- name: replace_translate
SELECT replace('a-b-c', '-', '+'), translate('12345', '143', 'ax');

-- name: pad
SELECT lpad('7', 3, '0'), rpad('ab', 5, '*'), lpad('abcdef', 3);

-- name: trim_family
SELECT trim('  x  '), ltrim('xxyx', 'x'), rtrim('abc  ') || '|', trim(BOTH 'x' FROM 'xxaxx'), trim(LEADING FROM '  y');

-- name: concat_functions
SELECT concat('a', NULL, 1, true), concat_ws(', ', 'a', NULL, 'b'), 'a' || NULL IS NULL;

-- name: concat_operator_types
SELECT 'abc' || 1 || true, 1 || 'x';

-- name: repeat_reverse_split
SELECT repeat('ab', 3), reverse('abc'), split_part('a,b,c', ',', 2), split_part('a,b,c', ',', -1);

-- name: like_family
SELECT starts_with('alphabet', 'alph'), 'abc' LIKE 'a%', 'ABC' ILIKE 'a%', 'abc' NOT LIKE '_b_';

-- name: ascii_chr_md5
SELECT ascii('A'), chr(65), md5('abc');

-- name: string_to_array
SELECT string_to_array('a,b,,c', ','), string_to_array('a b', NULL), array_to_string(ARRAY['a', NULL, 'c'], ',', '*');

-- name: regexp_replace
SELECT regexp_replace('aaa', 'a', 'b'), regexp_replace('aaa', 'a', 'b', 'g'), regexp_replace('Hello', 'l+', '[\&]');

-- name: order_desc
SELECT name FROM people ORDER BY name DESC;

-- name: binary_collation
SELECT 'a' < 'B', 'Z' < 'a';

-- name: type_names
SELECT pg_typeof('abc'::char(2)), pg_typeof('x'::varchar), pg_typeof('x'::text), pg_typeof('x'::name);

-- name: column_names_of_casts
SELECT 'x'::varchar(5), 'y'::character varying, 'z'::char(1), 'w'::bpchar;

-- name: literal_escapes
SELECT E'line1\nline2', E'tab\there', 'it''s', $$dollar 'quoted'$$;

-- name: unicode_escape
SELECT U&'\00FC' = 'ü', U&'d\0061t\+000061';

-- name: long_text
SELECT length(repeat('x', 10000)), md5(repeat('x', 10000));

-- name: text_equality_keeps_spaces
SELECT 'abc'::text = 'abc '::text, 'abc'::varchar = 'abc '::varchar;

-- name: cast_to_and_from_text
SELECT CAST(123 AS text), CAST('42' AS int) + 1, '  42 '::int, 3.5::text;

-- name: typed_literals
SELECT text 'abc', varchar 'def', char 'g';

-- name: overlay
SELECT overlay('Txxxxas' PLACING 'hom' FROM 2 FOR 4);

-- name: char_column_group_by
SELECT code, count(*) FROM people GROUP BY code ORDER BY code;

-- name: assign_setup
CREATE TABLE lens (v varchar(3), c char(3), i int, b boolean, d date)

-- name: assign_spaces_cut
INSERT INTO lens (v, c) VALUES ('xyz   ', 'q  '), ('ab', 'ab'), ('', ' ')

-- name: assign_lengths_read_back
SELECT v, c, length(v), length(c), octet_length(c), c = 'ab', c = 'ab ', char_length(c) FROM lens ORDER BY v

-- name: assign_too_long
-- expect-error: 22001
INSERT INTO lens (v) VALUES ('abcd')

-- name: assign_too_long_char
-- expect-error: 22001
INSERT INTO lens (c) VALUES ('ab cd')

-- name: assign_bool_into_int
-- expect-error: 42804
INSERT INTO lens (i) VALUES (true)

-- name: assign_int_into_bool
-- expect-error: 42804
INSERT INTO lens (b) VALUES (1)

-- name: assign_int_into_date
-- expect-error: 42804
INSERT INTO lens (d) VALUES (20240101)

-- name: assign_update_bool_into_int
-- expect-error: 42804
UPDATE lens SET i = false

-- name: assign_numeric_into_int_rounds
INSERT INTO lens (i, b) VALUES (2.5, 'yes') RETURNING i, b

-- name: assign_select_bool_into_int
-- expect-error: 42804
INSERT INTO lens (i) SELECT b FROM lens

-- name: min_max_of_varchar_are_text
SELECT min(v), max(v), min(c), max(c) FROM lens

-- name: char_compared_with_varchar
CREATE TABLE padded (c char(4), v varchar(4));
INSERT INTO padded VALUES ('a', 'a '), ('ab', 'ab  '), ('x', 'y');
SELECT c = v, v = c, v = 'ab'::char(4), c = 'ab'::text FROM padded ORDER BY v

-- name: character_compared_with_a_parameter
CREATE TABLE char_params (ch char(3));
INSERT INTO char_params VALUES ('x'), ('yy');
PREPARE char_param AS SELECT count(*) FROM char_params WHERE ch = $1;
PREPARE char_param_declared(char(3)) AS SELECT count(*) FROM char_params WHERE $1 = ch;
SELECT 1

-- name: character_compared_with_a_parameter_trailing_spaces
EXECUTE char_param('x  ')

-- name: character_compared_with_a_declared_parameter
EXECUTE char_param_declared('x ')

-- name: character_compared_with_a_parameter_deallocated
DEALLOCATE ALL
