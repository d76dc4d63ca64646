-- String functions as applications write them.

-- name: setup_people
CREATE TABLE people (id int PRIMARY KEY, full_name text, email varchar(100), city text, code char(5))

-- name: setup_people_rows
INSERT INTO people VALUES
  (1, 'ada lovelace', 'Ada@Example.com', 'London', 'AB1'),
  (2, 'ALAN turing', 'alan.turing@example.org', 'Wilmslow', 'X'),
  (3, 'grace  brewster hopper', NULL, 'New York', 'NY123'),
  (4, 'édouard lucas', 'e.lucas@example.fr', 'Paris', NULL)

-- name: split_part_basic
SELECT id, split_part(email, '@', 1), split_part(email, '@', 2), split_part(email, '@', 3) FROM people ORDER BY id

-- name: split_part_negative_field
SELECT split_part('a.b.c', '.', -1), split_part('a.b.c', '.', -3), split_part('a.b.c', '.', -4)

-- name: split_part_zero_field
-- expect-error: 22023
SELECT split_part('a.b.c', '.', 0)

-- name: regexp_replace_first_and_global
SELECT regexp_replace('one two  three', '\s+', ' '), regexp_replace('one two  three', '\s+', ' ', 'g'), regexp_replace('Hello World', 'o', '0', 'g')

-- name: regexp_replace_case_insensitive
SELECT regexp_replace('Apple apple APPLE', 'apple', 'pear', 'gi'), regexp_replace('Apple apple', 'APPLE', 'x', 'i')

-- name: regexp_replace_backreference
SELECT regexp_replace('2024-03-10', '(\d+)-(\d+)-(\d+)', '\3/\2/\1'), regexp_replace(email, '^(.).*@', '\1***@') FROM people ORDER BY id

-- name: regexp_match_and_matches
SELECT regexp_match('order 42 of 7', '(\d+) of (\d+)'), regexp_match('no digits', '\d+')

-- name: regexp_split_to_array
SELECT regexp_split_to_array('a, b,c ,d', '\s*,\s*')

-- name: regexp_operators
SELECT id FROM people WHERE email ~* '\.org$' OR full_name ~ '^gr' ORDER BY id

-- name: initcap_function
SELECT id, initcap(full_name) FROM people ORDER BY id

-- name: initcap_punctuation
SELECT initcap('hello-world foo_bar o''neil 3rd')

-- name: lpad_rpad
SELECT lpad('42', 5, '0'), rpad('ab', 5, '.'), lpad('abcdef', 3), rpad('abcdef', 3), lpad('x', 4), lpad('', 3, '*'), rpad('a', 0)

-- name: lpad_negative_length
SELECT lpad('abc', -1), rpad('abc', -5, 'x')

-- name: translate_function
SELECT translate('12-34-56', '-', ''), translate('hello', 'el', 'ip'), translate('abc', 'abc', 'x')

-- name: position_and_strpos
SELECT position('lo' IN 'hello'), position('z' IN 'hello'), strpos('hello', 'l'), position('' IN 'abc')

-- name: overlay_function
SELECT overlay('Txxxxas' PLACING 'hom' FROM 2 FOR 4), overlay('abcdef' PLACING 'XY' FROM 3), overlay('abc' PLACING 'Z' FROM 5)

-- name: left_right_positive_negative
SELECT left('abcdef', 2), left('abcdef', -2), right('abcdef', 2), right('abcdef', -2), left('ab', 5), right('ab', -5)

-- name: substring_forms
SELECT substring('abcdef' FROM 2 FOR 3), substring('abcdef' FROM 4), substring('abcdef', 0, 3), substr('abcdef', -1, 3)

-- name: substring_regex
SELECT substring('order-1234-x' FROM '\d+'), substring('foobar' FROM 'o(b.)')

-- name: string_agg_ordered
SELECT string_agg(city, ', ' ORDER BY city) FROM people

-- name: string_agg_ordered_desc_distinct
SELECT string_agg(DISTINCT lower(city), '|' ORDER BY lower(city) DESC) FROM people

-- name: string_agg_grouped
SELECT length(city) > 6 AS long_name, string_agg(full_name, '; ' ORDER BY id) FROM people GROUP BY 1 ORDER BY 1

-- name: string_agg_nulls_and_empty
SELECT string_agg(email, ',' ORDER BY id), string_agg(email, ',') FILTER (WHERE id > 10) FROM people

-- name: concat_and_concat_ws
SELECT concat('a', NULL, 1, true), concat_ws('-', 'a', NULL, 'b'), 'a' || NULL, 'n=' || 42

-- name: length_variants
SELECT length(full_name), char_length(full_name), octet_length(full_name), bit_length('ab') FROM people ORDER BY id

-- name: char_column_functions
SELECT id, code, length(code), code || '|', concat(code, '|') FROM people ORDER BY id

-- name: upper_lower_trim
SELECT upper(full_name), lower(email), trim('  x  '), ltrim('xxyxy', 'x'), rtrim('abc...', '.'), btrim('--a--', '-') FROM people ORDER BY id

-- name: repeat_reverse_replace
SELECT repeat('ab', 3), reverse('hello'), replace('a.b.c', '.', '::'), replace('aaa', 'a', '')

-- name: starts_with_and_like
SELECT id FROM people WHERE starts_with(city, 'New') OR email LIKE '%.fr' OR full_name ILIKE 'ALAN%' ORDER BY id

-- name: like_escape
SELECT 'a_b' LIKE 'a\_b', 'axb' LIKE 'a\_b', '50%' LIKE '50!%' ESCAPE '!'

-- name: ascii_chr_md5
SELECT ascii('A'), chr(66), md5('abc'), to_hex(255), quote_literal('it''s'), quote_ident('Order')

-- name: format_function
SELECT format('%s has %s items', 'cart', 3), format('%I.%I', 'public', 'Some Table'), format('%L', 'x''y'), format('%5s|%-5s|', 'a', 'b')

-- name: string_to_array_and_back
SELECT string_to_array('a,b,,c', ','), string_to_array('a b c', ' ', 'b'), array_to_string(ARRAY['x', NULL, 'z'], '-', '?')

-- name: unnest_string_to_array
SELECT t, ordinality FROM unnest(string_to_array('red,green,blue', ',')) WITH ORDINALITY AS t ORDER BY ordinality

-- name: text_comparison_ordering
SELECT city FROM people ORDER BY city DESC

-- name: varchar_too_long
-- expect-error: 22001
INSERT INTO people (id, email) VALUES (9, repeat('x', 101))

-- name: char_too_long
-- expect-error: 22001
INSERT INTO people (id, code) VALUES (9, 'ABCDEFG')

-- name: substr_non_positive_start
SELECT substr('abcdef', 0), substr('abcdef', -2), substr('abcdef', -5, 3), substring('abcdef' FROM -1 FOR 2), substring('abcdef' FROM -1 FOR 3)

-- name: substr_negative_length_column
-- expect-error: 22011
SELECT substr(full_name, 1, id - 5) FROM people ORDER BY id

-- name: char_in_format_and_concat_ws
SELECT format('[%s]', code), concat_ws('/', code, city) FROM people ORDER BY id

-- name: people_rows_as_text
SELECT p::text FROM people p ORDER BY id

-- name: substr_null_arguments
SELECT substr('abc', NULL::int, 2) IS NULL, substr('abc', 1, NULL::int) IS NULL, substr('abc', NULL::int) IS NULL, substr('abc', -1, NULL::int) IS NULL, substr('abc', -5, 2) = ''

-- name: string_agg_with_a_null_delimiter
SELECT string_agg(x, NULL), string_agg(x, NULL::text ORDER BY x DESC) FROM (VALUES ('a'), ('b')) v(x)

-- name: variadic_array_arguments
SELECT format('a%sb%s', VARIADIC ARRAY['X', 'Y']), concat(VARIADIC ARRAY['p', 'q']), concat_ws(',', VARIADIC ARRAY['1', '2', NULL])

-- name: string_agg_with_a_null_delimiter_of_bytea_and_over_a_window
SELECT string_agg(x::bytea, NULL ORDER BY x), min(w) FROM (SELECT x, string_agg(x, NULL) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING
    AND UNBOUNDED FOLLOWING) AS w FROM (VALUES ('a'), ('b')) v(x)) s

-- name: aggregate_order_by_in_a_window_refused
-- expect-error: 0A000
SELECT string_agg(x, ',' ORDER BY x) OVER () FROM (VALUES ('a'), ('b')) v(x)

-- name: regex_operators_match_newlines
SELECT E'a\nc' ~ 'a.c', E'A\nc' ~* 'a.c', E'a\nc' !~ 'a.c', E'a\nc' !~* 'A.C', E'a\nc' ~ '[^x]c', E'a\nc' ~ '^c$',
    E'a\nc' SIMILAR TO 'a_c', E'a\nbc' SIMILAR TO 'a%c'

-- name: similar_to_bracket_classes
SELECT 'a' SIMILAR TO '[[:alpha:]]', '1' SIMILAR TO '[[:alpha:]]', 'ab12' SIMILAR TO '[[:alpha:]]+[[:digit:]]+', ']' SIMILAR TO '[]a]',
    'b' SIMILAR TO '[^]a]', 'x' SIMILAR TO '[^[:digit:]]', substring('abc123def' SIMILAR '%#"[[:digit:]]+#"%' ESCAPE '#')

-- name: similar_to_bounded_repetition
SELECT 'aaa' SIMILAR TO 'a{2,3}', 'aaaa' SIMILAR TO 'a{2,}', 'aaaa' SIMILAR TO 'a{2,3}', 'ab' SIMILAR TO 'a{1}b', substring('aaa' SIMILAR 'a{2,3}' ESCAPE '#')

-- name: quote_literal_of_other_types
SELECT quote_literal(true), quote_nullable(false), quote_literal('ab '::char(3)), quote_literal(1.50), quote_literal(date '2020-01-01'), initcap('ab cd'::char(6)) || '|'

-- name: untyped_literals_take_the_function_types
SELECT age('2024-03-01', '2024-01-31'), round('1.25', 1), abs('-2'), make_date('2020', '2', '3'), mod('7', 3)

-- name: rows_joined_to_text
SELECT concat('x', row(1, 'a b', NULL)), format('%s', row(1, 'a')), 'x' || row(1, 2.50, 'q'), row(1, 'a')::text

-- name: table_rows_joined_to_text
SELECT concat_ws('|', p, 'z'), 'p' || p, format('%s-%s', p, 1) FROM (SELECT 1 AS a, 'x y' AS b UNION ALL SELECT 2, NULL) p ORDER BY a

-- name: regex_operators_take_postgresql_patterns
SELECT 'foo bar' ~* '\yfoo\y', 'foobar' ~ '\yfoo\y', 'abab' ~ '(ab)\1', 'foo' ~ 'f(?=o)', 'a.b' ~ '***=.',
       'ab' ~ 'a\Bb', 'a\b' ~ 'a\Bb', E'a\bb' ~ 'a\bb', 'a' ~ '[[.a.]]', '5' ~ '[^\D]', 'abc' !~ '\d', 'ABC' !~* '\mb'

-- name: regex_operators_with_patterns_from_a_column
SELECT s, p, s ~ p, s ~* p, s !~ p FROM (VALUES ('foo bar', '\yfoo\y'), ('Foo', '^f'), ('x', NULL), (NULL, 'x')) v(s, p) ORDER BY s, p

-- name: regex_operator_refuses_perl_options
-- expect-error: 2201B
SELECT 'AB' ~ '(?i:a)B'

-- name: invalid_unicode_escape_is_refused
-- expect-error: 42601
SELECT 'a' || E'\u0000' || 'b'

-- name: unicode_escape_of_a_lone_surrogate_is_refused
-- expect-error: 42601
SELECT E'\uD83D'

-- name: invalid_byte_sequence_in_an_escape_string
-- expect-error: 22021
SELECT length(E'\xc3')

-- name: unknown_literals_take_bytea_and_jsonb_of_their_function
SELECT encode('\x0102', 'hex'), sha256('abc'), get_byte('\x05', 0), jsonb_typeof('[1]'), md5('abc')

-- name: similar_to_with_escapes_and_patterns_from_columns
SELECT 'a1' SIMILAR TO 'a\d', 'ab' SIMILAR TO 'a\b', 'a%b' SIMILAR TO 'a\%b', 'axb' SIMILAR TO 'a\%b', 'a.c' SIMILAR TO 'a.c', 'abc' SIMILAR TO 'a.c'

-- name: similar_to_of_patterns_and_escapes_from_columns
SELECT s, p, e, s SIMILAR TO p, s NOT SIMILAR TO p, s SIMILAR TO p ESCAPE e
FROM (VALUES ('abc', 'a%', '#'), ('abc', 'b%', '#'), ('a1', 'a[0-9]', '#'), ('x', NULL, '#'), (NULL, 'x', '#'), ('a$b', 'a$b', '#'),
    ('a%', 'a#%', '#'), ('ab', 'a#%', '#')) v(s, p, e)
ORDER BY 1, 2

-- name: convert_to_and_from_other_encodings
SELECT convert_to('héllo', 'LATIN1'), convert_to('€', 'WIN1252'), convert_to('abc', 'SQL_ASCII'), convert_from('\x68e96c6c6f', 'LATIN1'),
    convert_from('\x80', 'WIN1252'), convert_from(convert_to('Привет', 'KOI8R'), 'KOI8R'), convert_from(convert_to('日本', 'EUC_JP'), 'EUC_JP')

-- name: convert_to_an_encoding_without_the_character
-- expect-error: 22P05
SELECT convert_to('日', 'LATIN1')

-- name: convert_from_bytes_invalid_in_the_encoding
-- expect-error: 22021
SELECT convert_from('\xff', 'EUC_JP')

-- name: convert_to_an_unknown_encoding
-- expect-error: 22023
SELECT convert_to('a', 'nope')
