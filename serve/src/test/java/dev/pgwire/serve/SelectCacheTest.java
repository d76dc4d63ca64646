package dev.pgwire.serve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Repeated simple-protocol SELECTs run from a cached prepared statement without changing answers. */
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
}
