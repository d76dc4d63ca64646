-- SQL-standard syntax and functions PostgreSQL gives its own meaning: lastval, OVERLAPS,
-- aggregates of intervals, numeric series, date_trunc in a zone, substring's SIMILAR form,
-- case mapping in a C-locale UTF-8 database, FETCH … WITH TIES, JOIN … USING … AS, and the
-- SEARCH and CYCLE clauses of recursive queries: their edge cases (NULLs, errors).

-- name: lastval_before_any_nextval
-- expect-error: 55000
SELECT lastval();

-- name: lastval_setup_a
CREATE SEQUENCE fn_seq_a START 100;

-- name: lastval_setup_b
CREATE SEQUENCE fn_seq_b START 500 INCREMENT 5;

-- name: lastval_setup_serials
CREATE TABLE fn_serials (id serial PRIMARY KEY, label text);

-- name: lastval_setup_identities
CREATE TABLE fn_identities (id int GENERATED ALWAYS AS IDENTITY (START 70), label text);

-- name: lastval_any_sequence
SELECT nextval('fn_seq_a'), nextval('fn_seq_b');

-- name: lastval_after_two
SELECT lastval();

-- name: lastval_after_serial_insert
INSERT INTO fn_serials (label) VALUES ('a'), ('b'), ('c');

-- name: lastval_of_serial
SELECT lastval(), currval('fn_serials_id_seq');

-- name: lastval_after_identity_default_values
INSERT INTO fn_identities DEFAULT VALUES;

-- name: lastval_of_identity
SELECT lastval();

-- name: lastval_after_insert_select
INSERT INTO fn_serials (label) SELECT 'x' || g FROM generate_series(1, 4) g;

-- name: lastval_of_insert_select
SELECT lastval(), (SELECT max(id) FROM fn_serials);

-- name: lastval_explicit_default_item
INSERT INTO fn_serials (id, label) VALUES (DEFAULT, 'd') RETURNING id;

-- name: lastval_after_explicit_default_item
SELECT lastval();

-- name: lastval_not_moved_by_explicit_value
INSERT INTO fn_serials (id, label) VALUES (1000, 'e');

-- name: lastval_still_the_draw
SELECT lastval();

-- name: lastval_block_begin
BEGIN;

-- name: lastval_block_insert
INSERT INTO fn_serials (label) VALUES ('f');

-- name: lastval_in_a_transaction_block
SELECT lastval();

-- name: lastval_block_commit
COMMIT;

-- name: lastval_after_setval
SELECT setval('fn_seq_a', 42), lastval();
