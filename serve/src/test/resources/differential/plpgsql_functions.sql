-- CREATE FUNCTION … LANGUAGE plpgsql for bodies that are one expression: RETURN, IF … ELSIF … ELSE,
-- DECLARE with defaults, assignments, RAISE EXCEPTION; STRICT, replacement, DROP, the catalog, and
-- the bodies serve refuses (loops, queries, EXCEPTION blocks).

-- name: return_create
CREATE FUNCTION pl_add(a int, b int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN a + b;
END
$$;

-- name: return_calls
SELECT pl_add(2, 3), pl_add('4', 5), pl_add(NULL, 1), public.pl_add(-1, 1);

-- name: positional_create
CREATE FUNCTION pl_concat(text, text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN $1 || '-' || $2; END $$;

-- name: positional_calls
SELECT pl_concat('a', 'b'), pl_concat('a', NULL);

-- name: sign_create
CREATE FUNCTION pl_sign(x numeric) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF x > 0 THEN
    RETURN 'positive';
  ELSIF x < 0 THEN
    RETURN 'negative';
  ELSIF x = 0 THEN
    RETURN 'zero';
  ELSE
    RETURN 'unknown';
  END IF;
END
$$;

-- name: sign_calls
SELECT pl_sign(5), pl_sign(-2.5), pl_sign(0), pl_sign(NULL);

-- name: table_setup
CREATE TABLE pl_orders (id int, amount numeric(10,2), status text);

-- name: table_fill
INSERT INTO pl_orders VALUES (1, 10.50, 'new'), (2, 250.00, 'paid'), (3, NULL, 'paid'), (4, -3.00, 'refund');

-- name: in_select_list_and_where
SELECT id, pl_sign(amount) FROM pl_orders WHERE pl_sign(amount) <> 'unknown' ORDER BY id;

-- name: case_statement_create
CREATE FUNCTION pl_bucket(n int) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  CASE n % 3
    WHEN 0 THEN RETURN 'fizz';
    WHEN 1, 2 THEN RETURN 'other';
  END CASE;
END
$$;

-- name: case_statement_calls
SELECT pl_bucket(3), pl_bucket(4), pl_bucket(5);

-- name: case_statement_not_found
-- expect-error: 20000
SELECT pl_bucket(NULL);

-- name: searched_case_create
CREATE FUNCTION pl_size(s text) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  CASE
    WHEN length(s) > 5 THEN RETURN 2;
    WHEN length(s) > 0 THEN RETURN 1;
    ELSE RETURN 0;
  END CASE;
END
$$;

-- name: searched_case_calls
SELECT pl_size('abcdefgh'), pl_size('abc'), pl_size(''), pl_size(NULL);

-- name: nested_if_create
CREATE FUNCTION pl_grade(score int, bonus boolean) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  IF score >= 50 THEN
    IF bonus THEN
      RETURN 'pass+';
    END IF;
    RETURN 'pass';
  END IF;
  RETURN 'fail';
END
$$;

-- name: nested_if_calls
SELECT pl_grade(80, true), pl_grade(80, false), pl_grade(80, NULL), pl_grade(10, true), pl_grade(NULL, true);

-- name: declare_create
CREATE FUNCTION pl_total(price numeric, qty int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  rate constant numeric := 0.2;
  net numeric := price * qty;
  tax numeric;
BEGIN
  tax := round(net * rate, 2);
  net := net + tax;
  RETURN net;
END
$$;

-- name: declare_calls
-- (compared as values: serve keeps no display scale per numeric value)
SELECT pl_total(10, 3) = 36.00, pl_total(0.99, 7) = 8.32, pl_total(NULL, 1);

-- name: parameter_assigned_create
CREATE FUNCTION pl_doubled_if_big(a int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  a := a * 2; -- a parameter is a variable too
  IF a > 10 THEN
    RETURN a -- a comment before the semicolon
    ;
  END IF;
  RETURN 0;
END
$$;

-- name: parameter_assigned_calls
SELECT pl_doubled_if_big(3), pl_doubled_if_big(6), pl_doubled_if_big(NULL);

-- name: declared_type_rounds
CREATE FUNCTION pl_cents(x float8) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  kept numeric(10,2) := x;
BEGIN
  RETURN kept * 100;
END
$$;

-- name: declared_type_rounds_calls
SELECT pl_cents(1.23456), pl_cents(2.5), pl_cents(-0.005);

-- name: result_assigned_to_int
CREATE FUNCTION pl_half(n int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN n / 2.0; END $$;

-- name: result_assigned_to_int_calls
SELECT pl_half(5), pl_half(-5), pl_half(4);

-- name: result_through_text
CREATE FUNCTION pl_flag(n int) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RETURN n; END $$;

-- name: result_through_text_calls
SELECT pl_flag(1), pl_flag(0);

-- name: result_through_text_invalid
-- expect-error: 22P02
SELECT pl_flag(2);

-- name: null_and_unset_create
CREATE FUNCTION pl_label(n int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  s text;
BEGIN
  IF n IS NULL THEN
    RETURN NULL;
  ELSIF n > 100 THEN
    s := 'big ' || n;
  END IF;
  RETURN s;
END
$$;

-- name: null_and_unset_calls
SELECT pl_label(NULL), pl_label(5), pl_label(500);

-- name: subquery_create
CREATE FUNCTION pl_order_count(min_amount numeric) RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT count(*) FROM pl_orders WHERE amount >= min_amount);
END
$$;

-- name: subquery_calls
SELECT pl_order_count(0), pl_order_count(100), pl_order_count(NULL);

-- name: result_out_of_range
-- expect-error: 22003
SELECT pl_cents(3e7);

-- name: no_return_create
CREATE FUNCTION pl_positive(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  IF n > 0 THEN
    RETURN n;
  END IF;
END
$$;

-- name: no_return_taken_path
SELECT pl_positive(3);

-- name: no_return_falls_off
-- expect-error: 2F005
SELECT pl_positive(-3);

-- name: raise_create
CREATE FUNCTION pl_checked(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  IF n < 0 THEN
    RAISE EXCEPTION 'negative value % (100%% wrong)', n;
  END IF;
  RETURN n * 10;
END
$$;

-- name: raise_not_taken
SELECT pl_checked(4), pl_checked(NULL);

-- name: raise_taken
-- expect-error: P0001
SELECT pl_checked(-4);

-- name: raise_condition_create
CREATE FUNCTION pl_divide(a int, b int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  IF b = 0 THEN
    RAISE division_by_zero;
  END IF;
  RETURN a / b;
END
$$;

-- name: raise_condition_taken
-- expect-error: 22012
SELECT pl_divide(1, 0);

-- name: raise_using_create
CREATE FUNCTION pl_reserve(seat int, taken boolean) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  IF taken THEN
    RAISE EXCEPTION 'seat % is taken', seat USING ERRCODE = 'unique_violation', DETAIL = 'seat ' || seat, HINT = 'choose another';
  END IF;
  RETURN seat;
END
$$;

-- name: raise_using_not_taken
SELECT pl_reserve(7, false);

-- name: raise_using_taken
-- expect-error: 23505
SELECT pl_reserve(7, true);

-- name: raise_using_null_option
-- expect-error: 22004
SELECT pl_reserve(NULL, true);

-- name: raise_in_where
-- expect-error: P0001
SELECT id FROM pl_orders WHERE pl_checked(CAST(amount AS int)) > 0;

-- name: strict_create
CREATE FUNCTION pl_or_zero(n int) RETURNS int LANGUAGE plpgsql STRICT AS $$ BEGIN RETURN coalesce(n, 0); END $$;

-- name: not_strict_create
CREATE FUNCTION pl_or_zero_called(n int) RETURNS int LANGUAGE plpgsql CALLED ON NULL INPUT AS $$ BEGIN RETURN coalesce(n, 0); END $$;

-- name: strict_calls
SELECT pl_or_zero(NULL), pl_or_zero(5), pl_or_zero_called(NULL), pl_or_zero_called(5);

-- name: result_modifier_dropped
CREATE FUNCTION pl_pad(s text) RETURNS varchar(3) LANGUAGE plpgsql AS $$ BEGIN RETURN s || '...'; END $$;

-- name: result_modifier_dropped_calls
SELECT pl_pad('abcdef');

-- name: replace
CREATE OR REPLACE FUNCTION pl_add(a int, b int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN a * 100 + b; END $$;

-- name: replaced_call
SELECT pl_add(2, 3);

-- name: catalog
SELECT proname, prorettype::regtype, proretset, provolatile, pronargs, proargnames, pg_get_function_arguments(oid),
       pg_get_function_result(oid)
FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY proname;

-- name: catalog_source
SELECT prosrc FROM pg_proc WHERE proname = 'pl_concat';

-- name: catalog_language
SELECT p.proname, l.lanname, p.proisstrict FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.proname IN ('pl_or_zero', 'pl_or_zero_called') ORDER BY 1;

-- name: drop
DROP FUNCTION pl_add(int, int);

-- name: dropped_call
-- expect-error: 42883
SELECT pl_add(2, 3);

-- name: drop_if_exists
DROP FUNCTION IF EXISTS pl_add(int, int);

-- name: syntax_error
-- expect-error: 42601
CREATE FUNCTION pl_bad(n int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN; END $$;

-- name: refused_for_loop
CREATE FUNCTION pl_sum_to(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  total int := 0;
BEGIN
  FOR i IN 1..n LOOP
    total := total + i;
  END LOOP;
  RETURN total;
END
$$;

-- name: refused_select_into
CREATE FUNCTION pl_count_orders() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  SELECT count(*) INTO n FROM pl_orders;
  RETURN n;
END
$$;

-- name: refused_exception_block
CREATE FUNCTION pl_safe_div(a int, b int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN a / b;
EXCEPTION WHEN division_by_zero THEN
  RETURN NULL;
END
$$;

-- name: refused_returns_setof
CREATE FUNCTION pl_ids() RETURNS SETOF int LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT id FROM pl_orders; END $$;
