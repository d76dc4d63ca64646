-- Transactions: COMMIT and ROLLBACK with data checks, isolation levels, read-only transactions
-- refusing writes (25006), savepoints, and errors inside blocks (25P02).

-- name: create_table
CREATE TABLE accounts (id int PRIMARY KEY, balance numeric(12,2) NOT NULL);

-- name: insert
INSERT INTO accounts VALUES (1, 100), (2, 50);

-- name: show_isolation_default
SHOW transaction_isolation;

-- name: transfer_begin
BEGIN;

-- name: transfer_show_isolation
SHOW transaction_isolation;

-- name: transfer_debit
UPDATE accounts SET balance = balance - 10 WHERE id = 1;

-- name: transfer_credit
UPDATE accounts SET balance = balance + 10 WHERE id = 2;

-- name: transfer_commit
COMMIT;

-- name: transfer_result
SELECT * FROM accounts ORDER BY id;

-- name: rollback_begin
BEGIN;

-- name: rollback_delete
DELETE FROM accounts;

-- name: rollback_sees_own_delete
SELECT count(*) FROM accounts;

-- name: rollback
ROLLBACK;

-- name: rollback_result
SELECT count(*) FROM accounts;

-- name: read_only_begin
BEGIN READ ONLY;

-- name: read_only_select
SELECT balance FROM accounts WHERE id = 1;

-- name: read_only_show
SHOW transaction_read_only;

-- name: read_only_refuses_update
-- expect-error: 25006
UPDATE accounts SET balance = 0;

-- name: read_only_aborted
-- expect-error: 25P02
SELECT 1;

-- name: read_only_rollback
ROLLBACK;

-- name: read_only_refuses_insert_begin
BEGIN TRANSACTION READ ONLY;

-- name: read_only_refuses_insert
-- expect-error: 25006
INSERT INTO accounts VALUES (99, 9);

-- name: read_only_refuses_insert_end
ROLLBACK;

-- name: serializable_begin
BEGIN ISOLATION LEVEL SERIALIZABLE;

-- name: serializable_show
SHOW transaction_isolation;

-- name: serializable_commit
COMMIT;

-- name: repeatable_read_begin
BEGIN ISOLATION LEVEL REPEATABLE READ, READ WRITE;

-- name: repeatable_read_show
SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only');

-- name: repeatable_read_commit
COMMIT;

-- name: start_transaction
START TRANSACTION;

-- name: set_transaction_read_only
SET TRANSACTION READ ONLY;

-- name: set_transaction_refuses_insert
-- expect-error: 25006
INSERT INTO accounts VALUES (93, 1);

-- name: set_transaction_rollback
ROLLBACK;

-- name: session_read_only
SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY;

-- name: session_read_only_show
SHOW default_transaction_read_only;

-- name: session_read_only_refuses_insert
-- expect-error: 25006
INSERT INTO accounts VALUES (94, 1);

-- name: session_read_write
SET default_transaction_read_only = off;

-- name: default_isolation_set
SET default_transaction_isolation = 'repeatable read';

-- name: default_isolation_show
SHOW transaction_isolation;

-- name: default_isolation_reset
RESET default_transaction_isolation;

-- name: savepoint_begin
BEGIN;

-- name: savepoint_insert_before
INSERT INTO accounts VALUES (3, 30);

-- name: savepoint_a
SAVEPOINT a;

-- name: savepoint_insert_after
INSERT INTO accounts VALUES (4, 40);

-- name: savepoint_count_before_rollback
SELECT count(*) FROM accounts;

-- name: savepoint_rollback_to
ROLLBACK TO SAVEPOINT a;

-- name: savepoint_after_rollback_to
SELECT id FROM accounts ORDER BY id;

-- name: savepoint_b
SAVEPOINT b;

-- name: savepoint_update
UPDATE accounts SET balance = 0 WHERE id = 3;

-- name: savepoint_release
RELEASE SAVEPOINT b;

-- name: savepoint_after_release
SELECT balance FROM accounts WHERE id = 3;

-- name: savepoint_c
SAVEPOINT c;

-- name: savepoint_error
-- expect-error: 23505
INSERT INTO accounts VALUES (1, 0);

-- name: savepoint_aborted
-- expect-error: 25P02
SELECT 1;

-- name: savepoint_rollback_to_short
ROLLBACK TO c;

-- name: savepoint_usable_again
SELECT id, balance FROM accounts ORDER BY id;

-- name: savepoint_nested_d
SAVEPOINT d;

-- name: savepoint_nested_delete
DELETE FROM accounts WHERE id = 2;

-- name: savepoint_nested_e
SAVEPOINT e;

-- name: savepoint_nested_update
UPDATE accounts SET balance = 1 WHERE id = 1;

-- name: savepoint_nested_rollback_to_outer
ROLLBACK TO SAVEPOINT d;

-- name: savepoint_nested_result
SELECT id, balance FROM accounts ORDER BY id;

-- name: savepoint_commit
COMMIT;

-- name: savepoint_committed
SELECT id, balance FROM accounts ORDER BY id;

-- name: error_block_begin
BEGIN;

-- name: error_block_insert
INSERT INTO accounts VALUES (5, 5);

-- name: error_block_error
-- expect-error: 22012
SELECT 1/0;

-- name: error_block_aborted
-- expect-error: 25P02
INSERT INTO accounts VALUES (6, 6);

-- name: error_block_commit_rolls_back
COMMIT;

-- name: error_block_nothing_kept
SELECT count(*) FROM accounts WHERE id IN (5, 6);

-- name: rollback_to_outside_block
-- expect-error: 25P01
ROLLBACK TO SAVEPOINT nope;

-- name: savepoint_outside_block
-- expect-error: 25P01
SAVEPOINT outside;

-- name: commit_without_transaction
COMMIT;

-- name: rollback_without_transaction
ROLLBACK;

-- name: begin_twice_begin
BEGIN;

-- name: begin_twice_again
BEGIN;

-- name: begin_twice_commit
COMMIT;

-- name: release_unknown_begin
BEGIN;

-- name: release_unknown
-- expect-error: 3B001
RELEASE SAVEPOINT missing;

-- name: release_unknown_rollback
ROLLBACK;

-- name: end_begin
BEGIN;

-- name: end_update
UPDATE accounts SET balance = balance + 1 WHERE id = 1;

-- name: end
END;

-- name: abort_begin
BEGIN WORK;

-- name: abort_update
UPDATE accounts SET balance = 0 WHERE id = 1;

-- name: abort
ABORT;

-- name: end_abort_result
SELECT id, balance FROM accounts ORDER BY id;

-- name: commit_and_chain_begin
BEGIN ISOLATION LEVEL REPEATABLE READ;

-- name: commit_and_chain
COMMIT AND CHAIN;

-- name: commit_and_chain_keeps_isolation
SHOW transaction_isolation;

-- name: commit_and_chain_end
COMMIT;

-- name: chain_table
CREATE TABLE chained (id int);

-- name: chain_begin
BEGIN ISOLATION LEVEL REPEATABLE READ;

-- name: chain_insert_kept
INSERT INTO chained VALUES (1);

-- name: chain_commit
COMMIT AND CHAIN;

-- name: chain_isolation_kept
SHOW transaction_isolation;

-- name: chain_insert_undone
INSERT INTO chained VALUES (2);

-- name: chain_rollback
ROLLBACK AND CHAIN;

-- name: chain_still_in_block
SELECT count(*) FROM chained;

-- name: chain_read_only
SET TRANSACTION READ ONLY;

-- name: chain_read_only_commit
COMMIT AND CHAIN;

-- name: chain_read_only_kept
-- expect-error: 25006
INSERT INTO chained VALUES (3);

-- name: chain_failed_commit
COMMIT AND CHAIN;

-- name: chain_end
ROLLBACK;

-- name: chain_result
SELECT * FROM chained ORDER BY id;

-- name: chain_outside_a_block
-- expect-error: 25P01
COMMIT AND CHAIN;

-- name: chain_rollback_outside_a_block
-- expect-error: 25P01
ROLLBACK AND CHAIN;

-- name: fetch_zero_table
CREATE TABLE fetched (a int);
INSERT INTO fetched SELECT generate_series(1, 5)

-- name: fetch_zero_begin
BEGIN;

-- name: fetch_zero_declare
DECLARE fz CURSOR FOR SELECT a FROM fetched ORDER BY a;

-- name: fetch_zero_reads_nothing
FETCH 0 FROM fz;

-- name: fetch_zero_then_rows
FETCH 2 FROM fz;

-- name: fetch_zero_end
COMMIT;

-- name: savepoint_set_begin
BEGIN;

-- name: savepoint_set_first
SET application_name = 'before savepoint';

-- name: savepoint_set_mark
SAVEPOINT before_change;

-- name: savepoint_set_second
SET application_name = 'after savepoint';

-- name: savepoint_set_local
SET LOCAL extra_float_digits = 0;

-- name: savepoint_set_rollback_to
ROLLBACK TO SAVEPOINT before_change;

-- name: savepoint_set_undone
SELECT current_setting('application_name'), current_setting('extra_float_digits');

-- name: savepoint_set_commit
COMMIT;

-- name: savepoint_set_kept_after_commit
SHOW application_name;

-- name: read_only_sequence_setup
CREATE SEQUENCE read_only_seq

-- name: read_only_nextval_begin
BEGIN READ ONLY;

-- name: read_only_nextval
-- expect-error: 25006
SELECT nextval('read_only_seq');

-- name: read_only_nextval_end
ROLLBACK;

-- name: read_only_for_update_begin
BEGIN READ ONLY;

-- name: read_only_for_update
-- expect-error: 25006
SELECT * FROM accounts FOR UPDATE;

-- name: read_only_for_update_end
ROLLBACK;

-- name: read_only_for_share_begin
BEGIN READ ONLY;

-- name: read_only_for_share
-- expect-error: 25006
SELECT * FROM accounts FOR SHARE;

-- name: read_only_for_share_end
ROLLBACK;

-- name: close_all_begin
BEGIN;

-- name: close_all_declare
DECLARE closed_one CURSOR FOR SELECT 1;

-- name: close_all
CLOSE ALL;

-- name: close_all_end
COMMIT;

-- name: insert_select_savepoint_table
CREATE TABLE bulk_rows (id serial PRIMARY KEY, v text UNIQUE);

-- name: insert_select_savepoint_begin
BEGIN;

-- name: insert_select_savepoint_bulk
INSERT INTO bulk_rows (v) SELECT * FROM unnest(ARRAY['a','b','c']::text[]) RETURNING id, v;

-- name: insert_select_savepoint_lastval
SELECT lastval(), currval('bulk_rows_id_seq');

-- name: insert_select_savepoint_ordered
INSERT INTO bulk_rows (v) SELECT v || 'y' FROM bulk_rows ORDER BY v DESC RETURNING *;

-- name: insert_select_savepoint_mark
SAVEPOINT bulk_mark;

-- name: insert_select_savepoint_fails
-- expect-error: 23505
INSERT INTO bulk_rows (v) VALUES ('a');

-- name: insert_select_savepoint_back
ROLLBACK TO SAVEPOINT bulk_mark;

-- name: insert_select_savepoint_after
INSERT INTO bulk_rows (v) VALUES ('d') RETURNING id;

-- name: insert_select_savepoint_commit
COMMIT;

-- name: insert_select_savepoint_rows
SELECT * FROM bulk_rows ORDER BY id;

-- name: backfill_table
CREATE TABLE backfilled (id int PRIMARY KEY, b text, c int);

-- name: backfill_index
CREATE INDEX backfilled_c ON backfilled (c);

-- name: backfill_rows
INSERT INTO backfilled VALUES (1, NULL, 1), (2, 'q', 2);

-- name: backfill_begin
BEGIN;

-- name: backfill_update
UPDATE backfilled SET b = 'y' WHERE b IS NULL;

-- name: backfill_not_null
ALTER TABLE backfilled ALTER COLUMN b SET NOT NULL;

-- name: backfill_update_again
UPDATE backfilled SET c = 5 WHERE id = 2;

-- name: backfill_index_after_update
CREATE UNIQUE INDEX backfilled_bc ON backfilled (b, c);

-- name: backfill_commit
COMMIT;

-- name: backfill_read
SELECT * FROM backfilled ORDER BY id;

-- name: backfill_not_null_holds
-- expect-error: 23502
INSERT INTO backfilled VALUES (3, NULL, 3);

-- name: backfill_key_holds
-- expect-error: 23505
INSERT INTO backfilled VALUES (1, 'r', 9);

-- name: backfill_indexes
SELECT indexname FROM pg_indexes WHERE tablename = 'backfilled' ORDER BY 1;

-- name: unlisted_insert_table
CREATE TABLE unlisted_rows (a text, id serial, c int);

-- name: unlisted_insert_begin
BEGIN;

-- name: unlisted_insert_values
INSERT INTO unlisted_rows VALUES ('v');

-- name: unlisted_insert_select
INSERT INTO unlisted_rows SELECT 'q';

-- name: unlisted_insert_mark
SAVEPOINT unlisted_mark;

-- name: unlisted_insert_fails
-- expect-error: 22012
SELECT 1 / 0;

-- name: unlisted_insert_back
ROLLBACK TO SAVEPOINT unlisted_mark;

-- name: unlisted_insert_after
INSERT INTO unlisted_rows (a) VALUES ('after');

-- name: unlisted_insert_commit
COMMIT;

-- name: unlisted_insert_rows
SELECT * FROM unlisted_rows ORDER BY id;

-- name: savepoint_sequences_made_in_the_block_go_on
BEGIN;
CREATE TABLE block_identity (id int GENERATED ALWAYS AS IDENTITY, v text);
INSERT INTO block_identity (v) VALUES ('a'), ('b');
SAVEPOINT s;
INSERT INTO block_identity (v) VALUES ('x');

-- name: savepoint_sequences_made_in_the_block_go_on_back
ROLLBACK TO SAVEPOINT s;
INSERT INTO block_identity (v) VALUES ('c') RETURNING id

-- name: savepoint_sequences_made_in_the_block_go_on_values
SELECT lastval(), currval('block_identity_id_seq');
COMMIT;
SELECT * FROM block_identity ORDER BY id

-- name: savepoint_serial_made_in_the_block_goes_on
BEGIN;
CREATE TABLE block_serial (id serial PRIMARY KEY, v text);
CREATE SEQUENCE block_seq;
INSERT INTO block_serial (v) VALUES ('a');
SELECT nextval('block_seq');
SAVEPOINT s;
INSERT INTO block_serial (v) VALUES ('b');
SELECT nextval('block_seq');

-- name: savepoint_serial_made_in_the_block_goes_on_back
ROLLBACK TO SAVEPOINT s;
INSERT INTO block_serial (v) VALUES ('c') RETURNING id

-- name: savepoint_serial_made_in_the_block_goes_on_values
SELECT nextval('block_seq');
COMMIT;
SELECT * FROM block_serial ORDER BY id

-- name: read_write_after_a_query_setup
BEGIN READ ONLY;
SELECT 1

-- name: read_write_after_a_query
-- expect-error: 25001
SET TRANSACTION READ WRITE

-- name: read_write_after_a_query_end
ROLLBACK

-- name: isolation_after_a_query_setup
BEGIN;
SELECT 1

-- name: isolation_after_a_query
-- expect-error: 25001
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE

-- name: isolation_after_a_query_end
ROLLBACK

-- name: isolation_before_a_query
BEGIN;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
SELECT current_setting('transaction_isolation');
COMMIT

-- name: setval_is_what_currval_answers
CREATE SEQUENCE setval_seen;
SELECT nextval('setval_seen');
SELECT setval('setval_seen', 100);
SELECT currval('setval_seen'), lastval()

-- name: update_returning_drawing_in_its_where
CREATE TABLE drawing_acct (id int PRIMARY KEY, bal int);
INSERT INTO drawing_acct VALUES (1, 100), (2, 200);
CREATE SEQUENCE drawing_seq;
UPDATE drawing_acct SET bal = x.n FROM (SELECT nextval('drawing_seq') n) x WHERE drawing_acct.id = 1 RETURNING bal;
UPDATE drawing_acct SET bal = bal + 1 WHERE id = (SELECT nextval('drawing_seq'))::int - 2 RETURNING bal;
SELECT currval('drawing_seq'), bal FROM drawing_acct ORDER BY id

-- name: vacuum_in_a_block
-- expect-error: 25001
BEGIN;
VACUUM

-- name: vacuum_in_a_block_ends
ROLLBACK

-- name: create_index_concurrently_in_a_block
-- expect-error: 25001
BEGIN;
CREATE TABLE concurrently_indexed (a int);
CREATE INDEX CONCURRENTLY concurrently_indexed_a ON concurrently_indexed (a)

-- name: create_index_concurrently_in_a_block_ends
ROLLBACK

-- name: failed_block_lookups_begin
BEGIN

-- name: failed_block_lookups_error
-- expect-error: 22012
SELECT 1/0

-- name: failed_block_regclass_of_a_missing_name
-- expect-error: 25P02
SELECT 'no_such_relation'::regclass

-- name: failed_block_lookups_end
ROLLBACK
