package dev.pgwire.serve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeated statements run from a kept translation and a cached prepared statement without changing
 * answers: not when another session changes the catalog, nor inside a transaction whose snapshot is
 * older, nor when the session's role, search_path or settings change.
 */
class SelectCacheTest extends SessionTestSupport {

    @Test
    void a_repeated_select_sees_new_rows_and_a_table_redefined_under_it() {
        run("CREATE TABLE t (a INT)");
        run("INSERT INTO t VALUES (1)");
        assertThat(run("SELECT * FROM t").rows).containsExactly(List.of("1"));
        run("INSERT INTO t VALUES (2)");
        assertThat(run("SELECT * FROM t").rows).containsExactly(List.of("1"), List.of("2"));
        run("DROP TABLE t");
        run("CREATE TABLE t (a INT, b TEXT)");
        run("INSERT INTO t VALUES (3, 'three')");
        RecordingSink again = run("SELECT * FROM t");
        assertThat(again.columnNames()).containsExactly("a", "b");
        assertThat(again.rows).containsExactly(List.of("3", "three"));
    }

    @Test
    void a_repeated_select_that_starts_failing_reports_the_error_and_recovers() {
        run("CREATE TABLE u (a INT)");
        assertThat(run("SELECT a FROM u").rows).isEmpty();
        run("DROP TABLE u");
        assertThat(fails(session, "SELECT a FROM u").sqlState()).isEqualTo("42P01");
        run("CREATE TABLE u (a INT)");
        run("INSERT INTO u VALUES (7)");
        assertThat(run("SELECT a FROM u").rows).containsExactly(List.of("7"));
    }

    @Test
    void volatile_functions_are_evaluated_on_every_run() {
        String first = run("SELECT random()").rows.get(0).get(0);
        String second = run("SELECT random()").rows.get(0).get(0);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void more_distinct_selects_than_the_cache_holds_all_answer_correctly() {
        for (int i = 0; i < 200; i++) {
            assertThat(run("SELECT " + i + " AS v").rows).containsExactly(List.of(Integer.toString(i)));
        }
    }

    @Test
    void another_sessions_ddl_is_seen_by_a_repeated_statement_after_the_transaction_that_could_not_see_it() throws Exception {
        DuckDbSession other = open("test");
        run("CREATE TABLE w (a INT)");
        run("INSERT INTO w VALUES (1)");
        assertThat(run("SELECT * FROM w").columnNames()).containsExactly("a");
        run(other, "ALTER TABLE w ADD COLUMN b INT");
        assertThat(run("SELECT * FROM w").columnNames()).containsExactly("a", "b");

        run("BEGIN");
        assertThat(run("SELECT * FROM w").columnNames()).containsExactly("a", "b");
        run(other, "ALTER TABLE w ADD COLUMN c INT");
        // the block's snapshot is older than the catalog now: the translation made in it is not kept
        assertThat(run("SELECT * FROM w").columnNames()).containsExactly("a", "b");
        run("COMMIT");
        assertThat(run("SELECT * FROM w").columnNames()).containsExactly("a", "b", "c");
        assertThat(run("SELECT * FROM w").rows).containsExactly(java.util.Arrays.asList("1", null, null));
    }

    @Test
    void a_repeated_statement_follows_the_search_path_the_role_and_the_settings() {
        run("CREATE TABLE v (a INT)");
        run("INSERT INTO v VALUES (1)");
        run("CREATE SCHEMA s");
        run("CREATE TABLE s.v (x TEXT, y TEXT)");
        run("INSERT INTO s.v VALUES ('in s', 'y')");
        assertThat(run("SELECT * FROM v").rows).containsExactly(List.of("1"));
        run("SET search_path = s, public");
        assertThat(run("SELECT * FROM v").rows).containsExactly(List.of("in s", "y"));
        run("RESET search_path");
        assertThat(run("SELECT * FROM v").rows).containsExactly(List.of("1"));

        run("CREATE ROLE reader");
        assertThat(run("SELECT current_user").rows).containsExactly(List.of("tester"));
        run("SET ROLE reader");
        assertThat(run("SELECT current_user").rows).containsExactly(List.of("reader"));
        run("RESET ROLE");

        run("SET app.tenant = 'one'");
        assertThat(run("SELECT current_setting('app.tenant')").rows).containsExactly(List.of("one"));
        run("SET app.tenant = 'two'");
        assertThat(run("SELECT current_setting('app.tenant')").rows).containsExactly(List.of("two"));
        // set_config changes the session each time it runs
        run("SELECT set_config('app.tenant', 'three', false)");
        run("SET app.tenant = 'four'");
        run("SELECT set_config('app.tenant', 'three', false)");
        assertThat(run("SHOW app.tenant").rows).containsExactly(List.of("three"));
    }

    @Test
    void a_temporary_table_shadows_the_table_a_repeated_statement_read() {
        run("CREATE TABLE q (a INT)");
        run("INSERT INTO q VALUES (1)");
        assertThat(run("SELECT a FROM q").rows).containsExactly(List.of("1"));
        run("CREATE TEMP TABLE q (a INT)");
        run("INSERT INTO q VALUES (2)");
        assertThat(run("SELECT a FROM q").rows).containsExactly(List.of("2"));
        run("DROP TABLE q");
        assertThat(run("SELECT a FROM q").rows).containsExactly(List.of("1"));
    }
}
