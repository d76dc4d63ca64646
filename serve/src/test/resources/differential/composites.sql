-- Composite types (CREATE TYPE … AS (…)) and row constructors: values in and out as PostgreSQL's
-- record_in and record_out read and write them, attribute access, comparison, arrays of
-- composites, the catalog rows of the type, and DROP TYPE with dependent columns.

-- name: create_type
CREATE TYPE pair AS (a int, b text);

-- name: create_table
CREATE TABLE pairs (id int PRIMARY KEY, p pair, ps pair[]);

-- name: insert_row_constructors
INSERT INTO pairs (id, p) VALUES (1, ROW(1, 'x')), (2, ROW(NULL, 'a b')), (3, ROW(3, '')), (4, NULL),
  (5, ROW(5, 'q"u\o(t)e,')), (6, ROW(NULL, NULL));

-- name: insert_text
INSERT INTO pairs (id, p) VALUES (7, '(7, y )'), (8, '(8,"a,b")'), (9, '(,)'), (10, '(10,"")');

-- name: insert_cast_text
INSERT INTO pairs (id, p) VALUES (11, CAST('( 11 ,"x""y\\z")' AS pair));

-- name: insert_array
INSERT INTO pairs (id, p, ps) VALUES (12, ROW(12, 'm'), ARRAY[ROW(1, 'x')::pair, ROW(2, 'y z')::pair, NULL]);

-- name: select_all
SELECT id, p, ps FROM pairs ORDER BY id;

-- name: attributes
SELECT id, (p).a, (p).b FROM pairs ORDER BY id;

-- name: attribute_filter
SELECT id FROM pairs WHERE (p).a > 4 ORDER BY id;

-- name: compare_equal
SELECT id FROM pairs WHERE p = ROW(1, 'x')::pair ORDER BY id;

-- name: text_of_composite
SELECT id, p::text FROM pairs WHERE id IN (1, 5, 9) ORDER BY id;

-- name: null_tests
SELECT id, p IS NULL, p IS NOT NULL, (p).a IS NULL FROM pairs ORDER BY id;

-- name: row_null_tests
SELECT ROW(NULL, NULL) IS NULL, ROW(1, NULL) IS NULL, ROW(1, NULL) IS NOT NULL, ROW(1, 2) IS NOT NULL;

-- name: order_by_composite
SELECT id, p FROM pairs WHERE p IS NOT NULL ORDER BY p, id;

-- name: anonymous_row
SELECT ROW(1, 'x', true, 1.5::numeric, DATE '2020-01-02');

-- name: anonymous_row_nulls_and_quotes
SELECT ROW(NULL::int, '', ' lead', 'a"b', 'c\d');

-- name: row_cast
SELECT ROW(4, 'w')::pair;

-- name: text_cast
SELECT '(7,y)'::pair, '( 7 , y )'::pair, '(,)'::pair;

-- name: text_cast_attribute
SELECT ('(7, y)'::pair).b;

-- name: malformed_too_few
-- expect-error: 22P02
SELECT '(1)'::pair;

-- name: malformed_too_many
-- expect-error: 22P02
SELECT '(1,2,3)'::pair;

-- name: malformed_no_parenthesis
-- expect-error: 22P02
SELECT '1,2'::pair;

-- name: malformed_junk
-- expect-error: 22P02
SELECT '(1,2) x'::pair;

-- name: bad_attribute_value
-- expect-error: 22P02
SELECT '(x,2)'::pair;

-- name: catalog_type
SELECT t.typname, t.typtype, t.typcategory, c.relkind, c.relnatts FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid
WHERE t.typname = 'pair';

-- name: catalog_attributes
SELECT a.attname, a.attnum, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
JOIN pg_type t ON t.typrelid = a.attrelid WHERE t.typname = 'pair' ORDER BY a.attnum;

-- name: catalog_columns
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'pairs'::regclass AND attnum > 0 ORDER BY attnum;

-- name: catalog_array_type
SELECT e.typname, a.typname FROM pg_type e JOIN pg_type a ON a.oid = e.typarray WHERE e.typname = 'pair';

-- name: comment_on_type
COMMENT ON TYPE pair IS 'two values';

-- name: type_description
SELECT obj_description('pair'::regtype, 'pg_type'), format_type('pair'::regtype, NULL);

-- name: comment_on_enum_type
CREATE TYPE light AS ENUM ('red', 'green');

-- name: comment_on_enum_type_set
COMMENT ON TYPE light IS 'traffic';

-- name: enum_type_description
SELECT obj_description('light'::regtype, 'pg_type');

-- name: comment_on_missing_type
-- expect-error: 42704
COMMENT ON TYPE no_such_type IS 'x';

-- name: drop_type_in_use
-- expect-error: 2BP01
DROP TYPE pair;

-- name: drop_table
DROP TABLE pairs;

-- name: drop_type
DROP TYPE pair;

-- name: dropped
-- expect-error: 42704
SELECT '(1,x)'::pair;
