package dev.pgwire.serve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DDL with IF EXISTS / IF NOT EXISTS that skips its object gives PostgreSQL 15's NOTICEs (the texts
 * and SQLSTATEs below are PostgreSQL's for the same statements), and a CREATE … IF NOT EXISTS of
 * something there changes nothing.
 */
class SkipNoticesTest extends SessionTestSupport {

    /** Runs {@code sql}; an error (PostgreSQL refuses to drop a constraint's index) is what the test ignores. */
    private RecordingSink runOrError(String sql) {
        RecordingSink sink = new RecordingSink();
        try {
            session.execute(sql, sink);
        } catch (dev.pgwire.protocol.PgException e) {
            // the notices given before the error are in the sink
        }
        return sink;
    }

    private List<String> notices(String sql) {
        return run(sql).notices.stream().map(n -> n.severity() + " " + n.sqlState() + " " + n.message()).toList();
    }

    @Test
    void drop_if_exists_of_what_is_not_there() {
        run("CREATE TABLE prices (sku text)");
        assertThat(notices("DROP TABLE IF EXISTS nosuch1, nosuch2")).containsExactly(
                "NOTICE 00000 table \"nosuch1\" does not exist, skipping", "NOTICE 00000 table \"nosuch2\" does not exist, skipping");
        assertThat(notices("DROP TABLE IF EXISTS public.nosuch")).containsExactly("NOTICE 00000 table \"nosuch\" does not exist, skipping");
        assertThat(notices("DROP VIEW IF EXISTS nos.v, public.v2")).containsExactly(
                "NOTICE 00000 schema \"nos\" does not exist, skipping", "NOTICE 00000 view \"v2\" does not exist, skipping");
        assertThat(notices("DROP MATERIALIZED VIEW IF EXISTS mv")).containsExactly("NOTICE 00000 materialized view \"mv\" does not exist, skipping");
        assertThat(notices("DROP DOMAIN IF EXISTS nod")).containsExactly("NOTICE 00000 type \"nod\" does not exist, skipping");
        assertThat(notices("DROP TYPE IF EXISTS public.notype")).containsExactly("NOTICE 00000 type \"public.notype\" does not exist, skipping");
        assertThat(notices("DROP SCHEMA IF EXISTS a, b")).containsExactly(
                "NOTICE 00000 schema \"a\" does not exist, skipping", "NOTICE 00000 schema \"b\" does not exist, skipping");
        assertThat(notices("DROP SEQUENCE IF EXISTS noseq")).containsExactly("NOTICE 00000 sequence \"noseq\" does not exist, skipping");
        run("CREATE TYPE mood AS ENUM ('a')");
        assertThat(notices("DROP TYPE IF EXISTS mood, nomood")).containsExactly("NOTICE 00000 type \"nomood\" does not exist, skipping");
        run("CREATE TABLE keyed (id int PRIMARY KEY, email text UNIQUE)");
        run("CREATE INDEX keyed_email ON keyed (lower(email))");
        assertThat(notices("DROP INDEX IF EXISTS noi")).containsExactly("NOTICE 00000 index \"noi\" does not exist, skipping");
        assertThat(notices("DROP INDEX IF EXISTS keyed_email")).isEmpty();
        assertThat(run("SELECT count(*) FROM pg_indexes WHERE tablename = 'keyed'").rows).containsExactly(List.of("2"));
        for (String constraintIndex : new String[] {"keyed_pkey", "keyed_email_key"}) {
            assertThat(run("SELECT count(*) FROM pg_indexes WHERE indexname = '" + constraintIndex + "'").rows).containsExactly(List.of("1"));
            RecordingSink r = runOrError("DROP INDEX IF EXISTS " + constraintIndex);
            assertThat(r.notices).as("a constraint's index exists: no notice that it does not").isEmpty();
        }
        assertThat(notices("DROP TABLE IF EXISTS prices, nosuch3")).containsExactly("NOTICE 00000 table \"nosuch3\" does not exist, skipping");
        assertThat(fails(session, "SELECT * FROM prices").sqlState()).isEqualTo("42P01");
    }

    @Test
    void create_if_not_exists_of_what_is_there_changes_nothing() {
        run("CREATE TABLE prices (sku text, price numeric(10,2))");
        run("INSERT INTO prices VALUES ('a', 1.50)");
        assertThat(notices("CREATE TABLE IF NOT EXISTS public.prices (x int)")).containsExactly(
                "NOTICE 42P07 relation \"prices\" already exists, skipping");
        assertThat(run("SELECT * FROM prices").columnNames()).containsExactly("sku", "price");
        assertThat(run("SELECT * FROM prices").rows).containsExactly(List.of("a", "1.50"));
        assertThat(notices("CREATE SCHEMA IF NOT EXISTS public")).containsExactly("NOTICE 42P06 schema \"public\" already exists, skipping");
        assertThat(notices("CREATE SEQUENCE IF NOT EXISTS s1")).isEmpty();
        assertThat(notices("CREATE SEQUENCE IF NOT EXISTS s1")).containsExactly("NOTICE 42P07 relation \"s1\" already exists, skipping");
        assertThat(notices("CREATE TABLE IF NOT EXISTS s1 (x int)")).containsExactly("NOTICE 42P07 relation \"s1\" already exists, skipping");
        run("CREATE TABLE IF NOT EXISTS pp AS SELECT 1 AS one");
        RecordingSink again = run("CREATE TABLE IF NOT EXISTS pp AS SELECT 2 AS two");
        assertThat(again.tag).isEqualTo("CREATE TABLE AS");
        assertThat(run("SELECT * FROM pp").rows).containsExactly(List.of("1"));
        assertThat(notices("CREATE TEMP TABLE IF NOT EXISTS tmp1 (x int)")).isEmpty();
        assertThat(notices("CREATE TEMP TABLE IF NOT EXISTS tmp1 (x int)")).containsExactly("NOTICE 42P07 relation \"tmp1\" already exists, skipping");
        run("CREATE INDEX prices_sku ON prices (sku)");
        assertThat(notices("CREATE INDEX IF NOT EXISTS prices_sku ON prices (price)")).containsExactly(
                "NOTICE 42P07 relation \"prices_sku\" already exists, skipping");
        assertThat(notices("CREATE TABLE IF NOT EXISTS fresh (x int)")).isEmpty();
        assertThat(run("SELECT * FROM fresh").columnNames()).containsExactly("x");
    }

    @Test
    void drop_function_if_exists_names_the_function_as_written() {
        assertThat(notices("DROP FUNCTION IF EXISTS nofn")).containsExactly("NOTICE 00000 function nofn() does not exist, skipping");
        assertThat(notices("DROP FUNCTION IF EXISTS nofn(int, text, varchar(10), numeric(10,2), int[])")).containsExactly(
                "NOTICE 00000 function nofn(pg_catalog.int4,text,pg_catalog.varchar,pg_catalog.numeric,pg_catalog.int4[]) does not exist, skipping");
        assertThat(notices("DROP FUNCTION IF EXISTS public.nofn(bigint)")).containsExactly(
                "NOTICE 00000 function public.nofn(pg_catalog.int8) does not exist, skipping");
        assertThat(notices("DROP FUNCTION IF EXISTS nos.nofn(bigint)")).containsExactly("NOTICE 00000 schema \"nos\" does not exist, skipping");
        run("CREATE FUNCTION add1(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 1 $$");
        assertThat(notices("DROP FUNCTION IF EXISTS add1(int), nofn(timestamptz, double precision, boolean)")).containsExactly(
                "NOTICE 00000 function nofn(timestamptz,pg_catalog.float8,pg_catalog.bool) does not exist, skipping");
        assertThat(fails(session, "SELECT add1(1)").sqlState()).isEqualTo("42883");
    }

    @Test
    void subqueries_where_duckdb_takes_none_are_feature_not_supported() {
        run("CREATE TABLE inv (sku text PRIMARY KEY, qty int)");
        assertThat(fails(session, "INSERT INTO inv VALUES ('a', 1) ON CONFLICT (sku) DO UPDATE SET qty = (SELECT 2)").sqlState())
                .isEqualTo("0A000");
        assertThat(fails(session, "INSERT INTO inv VALUES ('b', 1) RETURNING (SELECT count(*) FROM inv)").sqlState()).isEqualTo("0A000");
    }
}
