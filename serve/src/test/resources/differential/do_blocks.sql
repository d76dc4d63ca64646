-- DO blocks in PL/pgSQL as migration tools and ORMs send them: idempotent DDL guarded by an
-- EXCEPTION handler or an IF NOT EXISTS over the catalog, variables and loops that fill tables,
-- dynamic SQL, RAISE with SQLSTATEs, handlers that undo their block, and errors PostgreSQL reports.

-- name: enum_once
DO 'BEGIN CREATE TYPE mood AS ENUM (''sad'', ''ok'', ''happy''); EXCEPTION WHEN duplicate_object THEN null; END';

-- name: enum_twice
DO 'BEGIN CREATE TYPE mood AS ENUM (''sad'', ''ok'', ''happy''); EXCEPTION WHEN duplicate_object THEN null; END';

-- name: enum_usable
SELECT 'ok'::mood::text, enum_range(NULL::mood)::text, (SELECT count(*) FROM pg_type WHERE typname = 'mood');

-- name: people
CREATE TABLE people (id serial PRIMARY KEY, name text NOT NULL, n int);

-- name: guarded_column
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'email') THEN
    ALTER TABLE people ADD COLUMN email text;
  END IF;
END $$;

-- name: guarded_column_again
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'email') THEN
    ALTER TABLE people ADD COLUMN email text;
  END IF;
END $$;

-- name: columns_after
SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'people' ORDER BY ordinal_position;

-- name: loop_fill
DO $$
DECLARE
  i int;
  total bigint := 0;
  label text := 'p';
BEGIN
  FOR i IN 1..5 LOOP
    INSERT INTO people (name, n) VALUES (label || i, i * 10);
    total := total + i;
  END LOOP;
  INSERT INTO people (name, n) VALUES ('total', total);
END $$;

-- name: loop_rows
SELECT id, name, n FROM people ORDER BY id;

-- name: for_query_update
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT id, n FROM people WHERE n IS NOT NULL ORDER BY id LOOP
    UPDATE people SET n = r.n + r.id WHERE id = r.id;
  END LOOP;
END $$;

-- name: for_query_after
SELECT id, n FROM people ORDER BY id;

-- name: while_exit_continue
DO $$
DECLARE k int := 0; kept int := 0;
BEGIN
  WHILE k < 100 LOOP
    k := k + 1;
    CONTINUE WHEN k % 2 = 0;
    EXIT WHEN k > 7;
    kept := kept + 1;
  END LOOP;
  INSERT INTO people (name, n) VALUES ('odd', kept);
END $$;

-- name: select_into
DO $$
DECLARE c bigint; m int;
BEGIN
  SELECT count(*), max(n) INTO c, m FROM people;
  INSERT INTO people (name, n) VALUES ('count ' || c, m);
END $$;

-- name: dynamic_execute
DO $$
DECLARE t text := 'people'; c bigint;
BEGIN
  EXECUTE format('CREATE TABLE %I (id int PRIMARY KEY, v text)', t || '_copy');
  EXECUTE 'INSERT INTO people_copy SELECT id, name FROM ' || quote_ident(t) || ' WHERE n > $1' USING 30;
  EXECUTE 'SELECT count(*) FROM people_copy' INTO c;
  INSERT INTO people (name, n) VALUES ('copied', c);
END $$;

-- name: after_dynamic
SELECT name, n FROM people WHERE name IN ('odd', 'copied') OR name LIKE 'count%' ORDER BY name;

-- name: copy_table
SELECT id, v FROM people_copy ORDER BY id;

-- name: handler_undoes_its_block
DO $$
BEGIN
  INSERT INTO people (name, n) VALUES ('kept', 1);
  BEGIN
    INSERT INTO people (name, n) VALUES ('undone', 2);
    RAISE EXCEPTION 'stop here' USING ERRCODE = 'check_violation';
  EXCEPTION WHEN check_violation THEN
    INSERT INTO people (name, n) VALUES ('handled', 3);
  END;
END $$;

-- name: after_handler
SELECT name, n FROM people WHERE name IN ('kept', 'undone', 'handled') ORDER BY name;

-- name: handler_after_engine_error
DO $$
BEGIN
  BEGIN
    INSERT INTO people (id, name) VALUES (1, 'duplicate id');
  EXCEPTION WHEN unique_violation THEN
    INSERT INTO people (name, n) VALUES ('dup caught', 4);
  END;
END $$;

-- name: after_engine_error
SELECT name, n FROM people WHERE name LIKE 'dup%' ORDER BY name;

-- name: sqlstate_and_sqlerrm
DO $$
BEGIN
  PERFORM 1 / 0;
EXCEPTION WHEN OTHERS THEN
  INSERT INTO people (name) VALUES (SQLSTATE || ': ' || SQLERRM);
END $$;

-- name: after_sqlerrm
SELECT name FROM people WHERE name LIKE '22012%';

-- name: raise_custom
-- expect-error: 23514
DO $$ BEGIN RAISE EXCEPTION 'custom % and %', 1, 'two' USING ERRCODE = 'check_violation', HINT = 'a hint'; END $$;

-- name: raise_default_code
-- expect-error: P0001
DO $$ BEGIN RAISE EXCEPTION 'plain'; END $$;

-- name: raise_condition
-- expect-error: 22012
DO $$ BEGIN RAISE division_by_zero; END $$;

-- name: failed_block_keeps_nothing
-- expect-error: 23502
DO $$ BEGIN INSERT INTO people (name) VALUES ('not kept'); INSERT INTO people (name) VALUES (NULL); END $$;

-- name: nothing_kept
SELECT count(*) FROM people WHERE name = 'not kept';

-- name: select_without_into
-- expect-error: 42601
DO $$ BEGIN SELECT 1; END $$;

-- name: strict_no_rows
-- expect-error: P0002
DO $$ DECLARE x int; BEGIN SELECT n INTO STRICT x FROM people WHERE false; END $$;

-- name: strict_many_rows
-- expect-error: P0003
DO $$ DECLARE x int; BEGIN SELECT n INTO STRICT x FROM people; END $$;

-- name: assert_fails
-- expect-error: P0004
DO $$ BEGIN ASSERT 1 = 2, 'one is not two'; END $$;

-- name: case_not_found
-- expect-error: 20000
DO $$ DECLARE x int := 3; BEGIN CASE x WHEN 1 THEN NULL; WHEN 2 THEN NULL; END CASE; END $$;

-- name: case_and_foreach
DO $$
DECLARE x int := 2; w text; s text := '';
BEGIN
  CASE x WHEN 1 THEN s := 'one'; WHEN 2, 3 THEN s := 'two or three'; ELSE s := 'other'; END CASE;
  FOREACH w IN ARRAY ARRAY['a', 'b', 'c'] LOOP
    s := s || ' ' || w;
  END LOOP;
  INSERT INTO people (name) VALUES (s);
END $$;

-- name: after_case
SELECT name FROM people WHERE name LIKE 'two%';

-- name: language_sql
-- expect-error: 0A000
DO LANGUAGE sql $$ SELECT 1 $$;

-- name: syntax_error
-- expect-error: 42601
DO $$ BEGIN IF true THEN NULL; END $$;

-- name: unknown_condition
-- expect-error: 42704
DO $$ BEGIN NULL; EXCEPTION WHEN no_such_condition THEN NULL; END $$;

-- name: reraise
-- expect-error: 22012
DO $$ BEGIN PERFORM 1 / 0; EXCEPTION WHEN division_by_zero THEN RAISE; END $$;

-- name: diagnostics
DO $$
DECLARE c bigint; st text; msg text;
BEGIN
  UPDATE people SET n = n WHERE n IS NOT NULL;
  GET DIAGNOSTICS c = ROW_COUNT;
  BEGIN
    PERFORM 'x'::int;
  EXCEPTION WHEN others THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
  END;
  INSERT INTO people (name, n) VALUES (st || ' ' || msg, c);
END $$;

-- name: after_diagnostics
SELECT name, n FROM people WHERE name LIKE '22P02%';

-- name: found_flag
DO $$
BEGIN
  PERFORM 1 FROM people WHERE name = 'nobody';
  IF NOT FOUND THEN
    INSERT INTO people (name) VALUES ('not found');
  END IF;
  UPDATE people SET n = 0 WHERE name = 'not found';
  IF FOUND THEN
    INSERT INTO people (name) VALUES ('found');
  END IF;
END $$;

-- name: after_found
SELECT name, n FROM people WHERE name LIKE '%found' ORDER BY name;
