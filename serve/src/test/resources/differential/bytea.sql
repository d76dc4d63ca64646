-- bytea: hex and escape input, hex and escape output, and the functions applications use.

-- name: hex_input
SELECT '\xdeadbeef'::bytea;

-- name: escape_string_input
SELECT E'\\001\\002'::bytea;

-- name: escape_octal_input
SELECT 'abc\000def'::bytea;

-- name: text_input
SELECT 'hello'::bytea;

-- name: empty
SELECT ''::bytea, '\x'::bytea;

-- name: hex_uppercase_input
SELECT '\xDEADBEEF'::bytea;

-- name: create_table
CREATE TABLE blobs (id int PRIMARY KEY, data bytea);

-- name: insert
INSERT INTO blobs VALUES (1, '\xdeadbeef'), (2, E'\\x00ff'), (3, ''), (4, NULL), (5, 'plain');

-- name: select
SELECT id, data FROM blobs ORDER BY id;

-- name: lengths
SELECT id, length(data), octet_length(data) FROM blobs ORDER BY id;

-- name: encode_hex
SELECT encode('\xdeadbeef'::bytea, 'hex');

-- name: encode_base64
SELECT encode('hello world'::bytea, 'base64');

-- name: encode_escape
SELECT encode(E'\\000abc\\377'::bytea, 'escape');

-- name: decode_hex
SELECT decode('deadbeef', 'hex');

-- name: decode_base64
SELECT decode('aGVsbG8=', 'base64');

-- name: decode_escape
SELECT decode('a\000b', 'escape');

-- name: substring_from_for
SELECT substring('\xdeadbeef'::bytea FROM 2 FOR 2);

-- name: substr
SELECT substr('\x0102030405'::bytea, 3), substr('\x0102030405'::bytea, 2, 2);

-- name: concat
SELECT '\x01'::bytea || '\x02'::bytea;

-- name: get_set_byte
SELECT get_byte('\xdeadbeef'::bytea, 0), set_byte('\x0000'::bytea, 1, 255);

-- name: position
SELECT position('\xbe'::bytea IN '\xdeadbeef'::bytea);

-- name: md5
SELECT md5('\xdeadbeef'::bytea);

-- name: sha256
SELECT sha256('abc'::bytea);

-- name: compare
SELECT '\x01'::bytea < '\x0100'::bytea, '\xff'::bytea > '\x00ff'::bytea, '\x'::bytea = ''::bytea;

-- name: where_equal
SELECT id FROM blobs WHERE data = '\xdeadbeef';

-- name: order_by
SELECT id FROM blobs ORDER BY data NULLS FIRST, id;

-- name: text_cast
SELECT '\xdeadbeef'::bytea::text;

-- name: bit_length
SELECT bit_length('\x0102'::bytea);

-- name: convert_from
SELECT convert_from('\x68c3a9'::bytea, 'UTF8');

-- name: convert_to
SELECT convert_to('hé', 'UTF8');

-- name: btrim
SELECT btrim('\x0001020300'::bytea, '\x00'::bytea);

-- name: update_append
UPDATE blobs SET data = data || '\x00'::bytea WHERE id = 1 RETURNING data;

-- name: string_agg
SELECT string_agg(data, '\x2c'::bytea ORDER BY id) FROM blobs WHERE id IN (1, 2);

-- name: output_escape_set
SET bytea_output = 'escape';

-- name: output_escape_show
SHOW bytea_output;

-- name: output_escape_literal
SELECT '\xde00ad41'::bytea;

-- name: output_escape_table
SELECT id, data FROM blobs ORDER BY id;

-- name: output_reset
RESET bytea_output;

-- name: output_hex_again
SELECT data FROM blobs WHERE id = 2;

-- name: invalid_hex_digit
-- expect-error: 22023
SELECT '\xzz'::bytea;

-- name: odd_hex_digits
-- expect-error: 22023
SELECT '\xabc'::bytea;

-- name: invalid_escape
-- expect-error: 22P02
SELECT 'a\9b'::bytea;

-- name: convert_spellings_of_utf8
SELECT convert_to('héllo', 'utf-8'), convert_from('\x68c3a96c6c6f', 'UTF8'), convert_from('\x68c3a9'::bytea, 'unicode');

-- name: convert_to_latin1
SELECT convert_to('héllo', 'LATIN1');

-- name: sha_of_converted_text
SELECT encode(sha256(convert_to('abc', 'UTF8')), 'hex'), sha256(convert_to('abc', 'UTF8')) = sha256('abc'::bytea),
    length(convert_to('héllo', 'UTF8')), convert_from(convert_to('héllo', 'UTF8'), 'UTF8')

-- name: sha_other_lengths
SELECT encode(sha512(convert_to('abc', 'UTF8')), 'hex'), sha224('abc'::bytea), sha384(''::bytea)

-- name: bytea_joined_to_text
SELECT concat('\xdead'::bytea), format('%s', '\xdead'::bytea), concat_ws(',', ''::bytea, 'abc'::bytea),
    '\x01'::bytea || 'a'::text, 'a'::text || '\x01'::bytea

-- name: bytea_joined_to_untyped_strings
SELECT 'a' || '\xdead'::bytea || 'b', '\x00'::bytea || '\\001', pg_typeof('a' || '\xdead'::bytea)

-- name: typed_parameters_joined_to_text
PREPARE typed_joined(bool, bytea) AS SELECT concat($1), format('%s', $1), 'x' || $1, concat($2), format('%s', $2), $2 || '\x01';
EXECUTE typed_joined(true, '\xdead')

-- name: typed_parameters_joined_to_text_done
DEALLOCATE typed_joined
