-- Foreign keys as ORMs and migrations use them: checks on both sides, ON DELETE CASCADE / SET NULL /
-- SET DEFAULT through several tables and a self-referencing tree, RESTRICT, composite and MATCH FULL
-- keys, deferred keys checked at COMMIT, SET CONSTRAINTS, keys added and dropped by ALTER TABLE,
-- deleting referencing rows then the referenced one in one transaction, TRUNCATE and DROP of
-- referenced tables, renames, and what the catalog shows of each key.

-- name: authors
CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);

-- name: books
CREATE TABLE books (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors ON DELETE CASCADE, title text);

-- name: reviews
CREATE TABLE reviews (id int PRIMARY KEY, book_id int REFERENCES books (id) ON DELETE CASCADE, stars int);

-- name: loans
CREATE TABLE loans (id int PRIMARY KEY, book_id int REFERENCES books ON DELETE SET NULL, reader text);

-- name: fill_authors
INSERT INTO authors VALUES (1, 'Austen'), (2, 'Brontë'), (3, 'Eliot');

-- name: fill_books
INSERT INTO books VALUES (10, 1, 'Emma'), (11, 1, 'Persuasion'), (20, 2, 'Villette'), (30, 3, 'Middlemarch');

-- name: fill_reviews
INSERT INTO reviews VALUES (100, 10, 5), (101, 10, 4), (110, 11, 3), (200, 20, 5), (300, NULL, 1);

-- name: fill_loans
INSERT INTO loans VALUES (1, 10, 'ann'), (2, 20, 'bob'), (3, 30, 'cy');

-- name: insert_missing_parent
-- expect-error: 23503
INSERT INTO books VALUES (40, 99, 'Nobody');

-- name: insert_null_key_allowed
INSERT INTO reviews VALUES (301, NULL, 2);

-- name: update_to_missing_parent
-- expect-error: 23503
UPDATE books SET author_id = 42 WHERE id = 30;

-- name: update_other_column
UPDATE books SET title = 'Emma.' WHERE id = 10 RETURNING id, title;

-- name: insert_returning_checked
-- expect-error: 23503
INSERT INTO reviews VALUES (302, 77, 3) RETURNING id;

-- name: insert_select_checked
-- expect-error: 23503
INSERT INTO reviews SELECT 303, 999, 4;

-- name: nothing_kept_of_failures
SELECT id FROM reviews ORDER BY id;

-- name: cascade_two_levels
DELETE FROM authors WHERE id = 1;

-- name: cascade_books_left
SELECT id, author_id, title FROM books ORDER BY id;

-- name: cascade_reviews_left
SELECT id, book_id FROM reviews ORDER BY id;

-- name: set_null_loans
SELECT id, book_id, reader FROM loans ORDER BY id;

-- name: delete_returning_cascades
DELETE FROM authors WHERE id = 2 RETURNING id, name;

-- name: after_delete_returning
SELECT (SELECT count(*) FROM books), (SELECT count(*) FROM reviews), (SELECT count(*) FROM loans WHERE book_id IS NULL);

-- name: restrict_parent
CREATE TABLE shelves (id int PRIMARY KEY);

-- name: restrict_child
CREATE TABLE shelf_books (book_id int PRIMARY KEY, shelf_id int REFERENCES shelves ON DELETE RESTRICT ON UPDATE RESTRICT);

-- name: restrict_fill
INSERT INTO shelves VALUES (1), (2);

-- name: restrict_fill_child
INSERT INTO shelf_books VALUES (1, 1);

-- name: restrict_delete
-- expect-error: 23503
DELETE FROM shelves WHERE id = 1;

-- name: restrict_update_key
-- expect-error: 23503
UPDATE shelves SET id = 5 WHERE id = 1;

-- name: restrict_delete_unreferenced
DELETE FROM shelves WHERE id = 2;

-- name: no_action_update_unreferenced_key
UPDATE shelves SET id = 7 WHERE id = 7;

-- name: children_then_parent_in_one_transaction
BEGIN;

-- name: children_then_parent_delete_child
DELETE FROM shelf_books WHERE shelf_id = 1;

-- name: children_then_parent_delete_parent
DELETE FROM shelves WHERE id = 1;

-- name: children_then_parent_commit
COMMIT;

-- name: children_then_parent_result
SELECT (SELECT count(*) FROM shelves), (SELECT count(*) FROM shelf_books);

-- name: tree
CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree ON DELETE CASCADE, label text);

-- name: tree_fill
INSERT INTO tree VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 2, 'a.a'), (4, 3, 'a.a.a'), (5, 1, 'b'), (6, NULL, 'other');

-- name: tree_self_missing
-- expect-error: 23503
INSERT INTO tree VALUES (7, 70, 'orphan');

-- name: tree_cascade
DELETE FROM tree WHERE id = 2;

-- name: tree_after
SELECT id, parent, label FROM tree ORDER BY id;

-- name: tree_delete_all
DELETE FROM tree;

-- name: composite_parent
CREATE TABLE regions (country text, code text, name text, PRIMARY KEY (country, code));

-- name: composite_child
CREATE TABLE offices (id int PRIMARY KEY, country text, code text,
    FOREIGN KEY (country, code) REFERENCES regions (country, code) ON DELETE SET NULL);

-- name: composite_fill
INSERT INTO regions VALUES ('fr', 'idf', 'Île-de-France'), ('fr', 'naq', 'Nouvelle-Aquitaine');

-- name: composite_fill_child
INSERT INTO offices VALUES (1, 'fr', 'idf'), (2, 'fr', NULL), (3, 'fr', 'naq');

-- name: composite_missing
-- expect-error: 23503
INSERT INTO offices VALUES (4, 'de', 'by');

-- name: composite_set_null
DELETE FROM regions WHERE code = 'idf';

-- name: composite_after
SELECT id, country, code FROM offices ORDER BY id;

-- name: match_full_child
CREATE TABLE offices_full (id int PRIMARY KEY, country text, code text,
    FOREIGN KEY (country, code) REFERENCES regions MATCH FULL);

-- name: match_full_mixed_nulls
-- expect-error: 23503
INSERT INTO offices_full VALUES (1, 'fr', NULL);

-- name: match_full_all_null
INSERT INTO offices_full VALUES (2, NULL, NULL);

-- name: match_full_complete
INSERT INTO offices_full VALUES (3, 'fr', 'naq');

-- name: set_default_parent
CREATE TABLE plans (id int PRIMARY KEY, name text);

-- name: set_default_child
CREATE TABLE accounts (id int PRIMARY KEY, plan_id int DEFAULT 0 REFERENCES plans ON DELETE SET DEFAULT);

-- name: set_default_fill
INSERT INTO plans VALUES (0, 'free'), (1, 'pro'), (2, 'team');

-- name: set_default_fill_child
INSERT INTO accounts VALUES (1, 1), (2, 2), (3, 1);

-- name: set_default_delete
DELETE FROM plans WHERE id = 1;

-- name: set_default_after
SELECT id, plan_id FROM accounts ORDER BY id;

-- name: set_default_needs_parent
-- expect-error: 23503
DELETE FROM plans WHERE id = 0;

-- name: set_null_columns_parent
CREATE TABLE tenants (id int, region int, PRIMARY KEY (id, region));

-- name: set_null_columns_child
CREATE TABLE users (id int PRIMARY KEY, tenant_id int NOT NULL, region int,
    FOREIGN KEY (tenant_id, region) REFERENCES tenants ON DELETE SET NULL (region));

-- name: set_null_columns_fill
INSERT INTO tenants VALUES (1, 10), (2, 20);

-- name: set_null_columns_fill_child
INSERT INTO users VALUES (1, 1, 10), (2, 2, 20);

-- name: set_null_columns_delete
DELETE FROM tenants WHERE id = 1;

-- name: set_null_columns_after
SELECT id, tenant_id, region FROM users ORDER BY id;

-- name: deferred_parent
CREATE TABLE teams (id int PRIMARY KEY, captain int);

-- name: deferred_child
CREATE TABLE players (id int PRIMARY KEY, team_id int REFERENCES teams DEFERRABLE INITIALLY DEFERRED);

-- name: deferred_cycle
ALTER TABLE teams ADD CONSTRAINT teams_captain_fkey FOREIGN KEY (captain) REFERENCES players DEFERRABLE INITIALLY DEFERRED;

-- name: deferred_begin
BEGIN;

-- name: deferred_child_first
INSERT INTO players VALUES (1, 1);

-- name: deferred_parent_second
INSERT INTO teams VALUES (1, 1);

-- name: deferred_commit
COMMIT;

-- name: deferred_rows
SELECT p.id, p.team_id, t.captain FROM players p JOIN teams t ON t.id = p.team_id ORDER BY p.id;

-- name: deferred_fail_begin
BEGIN;

-- name: deferred_fail_insert
INSERT INTO players VALUES (2, 5);

-- name: deferred_fail_commit
-- expect-error: 23503
COMMIT;

-- name: deferred_fail_nothing_kept
SELECT count(*) FROM players;

-- name: deferred_autocommit_checked_at_once
-- expect-error: 23503
INSERT INTO players VALUES (3, 6);

-- name: set_constraints_immediate_begin
BEGIN;

-- name: set_constraints_immediate
SET CONSTRAINTS players_team_id_fkey IMMEDIATE;

-- name: set_constraints_immediate_insert
-- expect-error: 23503
INSERT INTO players VALUES (4, 7);

-- name: set_constraints_immediate_rollback
ROLLBACK;

-- name: set_constraints_pending_begin
BEGIN;

-- name: set_constraints_pending_insert
INSERT INTO players VALUES (5, 8);

-- name: set_constraints_all_immediate_checks_pending
-- expect-error: 23503
SET CONSTRAINTS ALL IMMEDIATE;

-- name: set_constraints_pending_rollback
ROLLBACK;

-- name: set_constraints_not_deferrable_begin
BEGIN;

-- name: set_constraints_not_deferrable
-- expect-error: 42809
SET CONSTRAINTS books_author_id_fkey DEFERRED;

-- name: set_constraints_not_deferrable_rollback
ROLLBACK;

-- name: set_constraints_unknown_begin
BEGIN;

-- name: set_constraints_unknown
-- expect-error: 42704
SET CONSTRAINTS no_such_constraint DEFERRED;

-- name: set_constraints_unknown_rollback
ROLLBACK;

-- name: set_constraints_all_deferred_in_block
BEGIN;

-- name: set_constraints_all_deferred
SET CONSTRAINTS ALL DEFERRED;

-- name: set_constraints_all_deferred_commit
COMMIT;

-- name: add_key_table
CREATE TABLE notes (id int PRIMARY KEY, book_id int, body text);

-- name: add_key_fill
INSERT INTO notes VALUES (1, 30, 'kept'), (2, 404, 'dangling');

-- name: add_key_validates
-- expect-error: 23503
ALTER TABLE notes ADD CONSTRAINT notes_book_fk FOREIGN KEY (book_id) REFERENCES books (id);

-- name: add_key_not_valid
ALTER TABLE notes ADD CONSTRAINT notes_book_fk FOREIGN KEY (book_id) REFERENCES books (id) NOT VALID;

-- name: add_key_not_valid_checks_new_rows
-- expect-error: 23503
INSERT INTO notes VALUES (3, 505, 'new dangling');

-- name: add_key_drop
ALTER TABLE notes DROP CONSTRAINT notes_book_fk;

-- name: add_key_cleanup
DELETE FROM notes WHERE id = 2;

-- name: add_key_unnamed_cascade
ALTER TABLE notes ADD FOREIGN KEY (book_id) REFERENCES books ON DELETE CASCADE;

-- name: add_key_duplicate_name
-- expect-error: 42710
ALTER TABLE notes ADD CONSTRAINT notes_book_id_fkey FOREIGN KEY (book_id) REFERENCES books;

-- name: add_key_drop_missing
-- expect-error: 42704
ALTER TABLE notes DROP CONSTRAINT no_such_key;

-- name: add_key_drop_if_exists
ALTER TABLE notes DROP CONSTRAINT IF EXISTS no_such_key;

-- name: no_unique_target
-- expect-error: 42830
CREATE TABLE bad_ref (id int, title text REFERENCES books (title));

-- name: missing_target_table
-- expect-error: 42P01
CREATE TABLE bad_ref (id int, x int REFERENCES no_such_table);

-- name: missing_target_column
-- expect-error: 42703
CREATE TABLE bad_ref (id int, x int REFERENCES books (nope));

-- name: incompatible_types
-- expect-error: 42804
CREATE TABLE bad_ref (id int, x text REFERENCES books (id));

-- name: column_count_mismatch
-- expect-error: 42830
CREATE TABLE bad_ref (a int, b int, FOREIGN KEY (a, b) REFERENCES books (id));

-- name: bigint_to_int_allowed
CREATE TABLE wide_ref (id bigint REFERENCES books (id));

-- name: catalog_constraintdefs
SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid), confupdtype, confdeltype, confmatchtype,
       condeferrable, condeferred, convalidated
FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2;

-- name: catalog_referential_constraints
SELECT constraint_name, unique_constraint_name, match_option, update_rule, delete_rule
FROM information_schema.referential_constraints ORDER BY constraint_name;

-- name: catalog_table_constraints_deferrable
SELECT table_name, constraint_name, is_deferrable, initially_deferred
FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY' ORDER BY 1, 2;

-- name: truncate_referenced
-- expect-error: 0A000
TRUNCATE shelves;

-- name: truncate_with_referencing
TRUNCATE shelves, shelf_books;

-- name: truncate_cascade
TRUNCATE authors CASCADE;

-- name: truncate_cascade_result
SELECT (SELECT count(*) FROM authors), (SELECT count(*) FROM books), (SELECT count(*) FROM notes), (SELECT count(*) FROM loans);

-- name: drop_referenced
-- expect-error: 2BP01
DROP TABLE plans;

-- name: drop_referenced_cascade
DROP TABLE plans CASCADE;

-- name: drop_referenced_cascade_keeps_child
INSERT INTO accounts VALUES (9, 12345);

-- name: drop_child_then_parent
DROP TABLE offices_full, offices, regions;

-- name: rename_parent
ALTER TABLE shelves RENAME TO racks;

-- name: rename_parent_column
ALTER TABLE racks RENAME COLUMN id TO rack_id;

-- name: rename_child_column
ALTER TABLE shelf_books RENAME COLUMN shelf_id TO rack;

-- name: rename_still_enforced
-- expect-error: 23503
INSERT INTO shelf_books VALUES (8, 8);

-- name: rename_catalog
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'shelf_books'::regclass AND contype = 'f';

-- name: upsert_child_checked
-- expect-error: 23503
INSERT INTO shelf_books VALUES (1, 1) ON CONFLICT (book_id) DO UPDATE SET rack = 99;

-- name: copy_like_bulk_insert
INSERT INTO racks SELECT g FROM generate_series(1, 100) g;

-- name: bulk_child
INSERT INTO shelf_books SELECT g, g FROM generate_series(1, 100) g;

-- name: bulk_child_counted
SELECT count(*) FROM shelf_books;

-- session_replication_role = replica turns the keys' checks and actions off (PostgreSQL's triggers)

-- name: replica_setup_parent
CREATE TABLE rep_parent (id int PRIMARY KEY);

-- name: replica_setup_child
CREATE TABLE rep_child (id int PRIMARY KEY, p int REFERENCES rep_parent(id) ON DELETE CASCADE);

-- name: replica_on
SET session_replication_role = replica;

-- name: replica_shown
SHOW session_replication_role;

-- name: replica_insert_orphan
INSERT INTO rep_child VALUES (1, 10), (2, 20);

-- name: replica_parent_row
INSERT INTO rep_parent VALUES (20);

-- name: replica_delete_no_cascade
DELETE FROM rep_parent WHERE id = 20;

-- name: replica_children_kept
SELECT * FROM rep_child ORDER BY id;

-- name: replica_off
SET session_replication_role = DEFAULT;

-- name: replica_off_checks
-- expect-error: 23503
INSERT INTO rep_child VALUES (3, 30);

-- name: replica_bad_value
-- expect-error: 22023
SET session_replication_role = 'bogus';

-- DISABLE / ENABLE TRIGGER ALL, as pg_dump --disable-triggers and fixture loaders send them

-- name: disable_triggers_parent
CREATE TABLE trig_parent (id int PRIMARY KEY);

-- name: disable_triggers_child
CREATE TABLE trig_child (id int PRIMARY KEY, pid int REFERENCES trig_parent ON DELETE CASCADE);

-- name: disable_triggers_begin
BEGIN;

-- name: disable_triggers_all
ALTER TABLE public.trig_child DISABLE TRIGGER ALL;

-- name: disable_triggers_load_child_first
INSERT INTO trig_child VALUES (1, 10), (2, 20);

-- name: disable_triggers_enable
ALTER TABLE public.trig_child ENABLE TRIGGER ALL;

-- name: disable_triggers_load_parent
INSERT INTO trig_parent VALUES (10), (20);

-- name: disable_triggers_commit
COMMIT;

-- name: disable_triggers_checked_again
-- expect-error: 23503
INSERT INTO trig_child VALUES (3, 30);

-- name: disable_triggers_cascade_again
DELETE FROM trig_parent WHERE id = 20;

-- name: disable_triggers_rows
SELECT * FROM trig_child ORDER BY id;

-- name: disable_triggers_user
ALTER TABLE trig_child DISABLE TRIGGER USER;

-- name: enable_triggers_user
ALTER TABLE trig_child ENABLE TRIGGER USER;

-- name: disable_trigger_named_missing
-- expect-error: 42704
ALTER TABLE trig_child DISABLE TRIGGER nosuch;

-- name: disable_triggers_rolled_back_begin
BEGIN;

-- name: disable_triggers_rolled_back
ALTER TABLE trig_child DISABLE TRIGGER ALL;

-- name: disable_triggers_rollback
ROLLBACK;

-- name: disable_triggers_after_rollback
-- expect-error: 23503
INSERT INTO trig_child VALUES (4, 40);

-- name: drop_referenced_column_setup
CREATE TABLE coded (id int PRIMARY KEY, code text UNIQUE, x int CHECK (x > 0));
CREATE TABLE coding (id int PRIMARY KEY, code text REFERENCES coded (code));
INSERT INTO coded VALUES (1, 'a', 1);
INSERT INTO coding VALUES (1, 'a')

-- name: drop_referenced_column_refused
-- expect-error: 2BP01
ALTER TABLE coded DROP COLUMN code

-- name: drop_referenced_column_cascade
ALTER TABLE coded DROP COLUMN code CASCADE

-- name: drop_referenced_column_key_gone
SELECT conname FROM pg_constraint WHERE conrelid = 'coding'::regclass ORDER BY 1

-- name: drop_referenced_column_writes
INSERT INTO coding VALUES (2, 'zz');
DELETE FROM coded;
SELECT count(*) FROM coding
