package dev.pgwire.serve;

import dev.pgwire.server.spi.SessionInfo;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a transaction defined shows in its own session's catalog alone, whatever other sessions
 * commit meanwhile. A session's temporary objects in the catalog are its own: another session does not see them in
 * pg_class or information_schema, and pg_is_other_temp_schema tells the two apart, as in
 * PostgreSQL (whose pg_class lists other sessions' temporary tables too; serve shows each session
 * its own alone).
 */
class TemporaryCatalogTest extends SessionTestSupport {

    private DuckDbSession other() throws Exception {
        factory.roles().ensureSuperuser("tester");
        return (DuckDbSession) factory.open(new SessionInfo("tester", "test", Map.of("user", "tester", "database", "test"),
                new InetSocketAddress("127.0.0.1", 5432), false, 43, 0));
    }

    @Test
    void aTemporaryTableShowsToItsOwnSessionAlone() throws Exception {
        DuckDbSession other = other();
        run("CREATE TEMP TABLE mine (id int PRIMARY KEY, label text NOT NULL)");
        assertThat(run("SELECT table_type FROM information_schema.tables WHERE table_name = 'mine'").rows)
                .containsExactly(List.of("LOCAL TEMPORARY"));
        assertThat(run("SELECT count(*) FROM pg_attribute WHERE attrelid = 'mine'::regclass AND attnum > 0").value()).isEqualTo("2");
        assertThat(run(other, "SELECT count(*) FROM pg_class WHERE relname IN ('mine', 'mine_pkey')").value()).isEqualTo("0");
        assertThat(run(other, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'mine'").value()).isEqualTo("0");
        assertThat(run(other, "SELECT pg_my_temp_schema()").value()).isEqualTo("0");
        String mySchema = run("SELECT pg_my_temp_schema()").value();
        assertThat(run("SELECT pg_is_other_temp_schema(" + mySchema + ")").value()).isEqualTo("f");
        assertThat(run(other, "SELECT pg_is_other_temp_schema(" + mySchema + ")").value()).isEqualTo("t");
        other.close();
    }

    @Test
    void aTransactionSeesItsOwnDefinitionsAndWhatWasCommittedBeforeItsSnapshotOnce() throws Exception {
        DuckDbSession other = other();
        run("CREATE TABLE r_alt (id int)");
        run("BEGIN");
        // committed after BEGIN, before the transaction's first statement (its snapshot), and built into the shared catalog
        run(other, "CREATE TABLE r_new (id int)");
        run(other, "ALTER TABLE r_alt ADD COLUMN extra int");
        run(other, "SELECT count(*) FROM pg_class");
        run("CREATE TABLE r_own (id int PRIMARY KEY)");
        assertThat(run("SELECT relname, count(*) FROM pg_class WHERE relname IN ('r_alt', 'r_new', 'r_own', 'r_own_pkey')"
                + " GROUP BY 1 ORDER BY 1").rows)
                .containsExactly(List.of("r_alt", "1"), List.of("r_new", "1"), List.of("r_own", "1"), List.of("r_own_pkey", "1"));
        assertThat(run("SELECT column_name FROM information_schema.columns WHERE table_name = 'r_alt' ORDER BY 1").rows)
                .containsExactly(List.of("extra"), List.of("id"));
        assertThat(run("SELECT 'r_own'::regclass::text").value()).isEqualTo("r_own");
        // the other session does not see what this transaction has not committed
        assertThat(run(other, "SELECT count(*) FROM pg_class WHERE relname IN ('r_own', 'r_own_pkey')").value()).isEqualTo("0");
        assertThat(run(other, "SELECT to_regclass('r_own') IS NULL").value()).isEqualTo("t");
        run("ROLLBACK");
        assertThat(run("SELECT count(*) FROM pg_class WHERE relname IN ('r_own', 'r_own_pkey')").value()).isEqualTo("0");
        other.close();
    }

    @Test
    void aTransactionsOwnCatalogHoldsWhileOtherSessionsBuildTheSharedOneManyTimes() throws Exception {
        DuckDbSession other = other();
        run("CREATE TABLE rb_base (id int)");
        run("BEGIN");
        run("SELECT count(*) FROM pg_class"); // the transaction's snapshot
        for (int i = 0; i < 6; i++) {
            // more builds than are kept: the transaction's catalog is told apart from the fixed copies then
            run(other, "CREATE TABLE rb_" + i + " (id int)");
            run(other, "SELECT count(*) FROM pg_class");
        }
        run("CREATE TABLE rb_own (id int)");
        assertThat(run("SELECT relname, count(*) FROM pg_class WHERE relname LIKE 'rb%' GROUP BY 1 ORDER BY 1").rows)
                .containsExactly(List.of("rb_base", "1"), List.of("rb_own", "1"));
        assertThat(run("SELECT count(*) FROM pg_attribute WHERE attrelid = 'rb_base'::regclass AND attnum > 0").value()).isEqualTo("1");
        run("ROLLBACK");
        assertThat(run("SELECT count(*) FROM pg_class WHERE relname LIKE 'rb%'").value()).isEqualTo("7");
        other.close();
    }

    @Test
    void theCatalogFollowsTheSessionsTemporaryObjects() {
        assertThat(run("SELECT current_schemas(true)").value()).isEqualTo("{pg_catalog,public}");
        run("CREATE TEMP TABLE t1 (a int)");
        assertThat(run("SELECT (current_schemas(true))[1] LIKE 'pg_temp_%'").value()).isEqualTo("t");
        run("BEGIN");
        run("CREATE TEMP TABLE t2 (b text DEFAULT 'x')");
        assertThat(run("SELECT column_name, column_default FROM information_schema.columns WHERE table_name IN ('t1', 't2')"
                + " ORDER BY 1").rows).containsExactly(Arrays.asList("a", null), List.of("b", "'x'::text"));
        run("ROLLBACK");
        assertThat(run("SELECT relname FROM pg_class WHERE relpersistence = 't'").rows).containsExactly(List.of("t1"));
        run("DROP TABLE t1");
        assertThat(run("SELECT count(*) FROM pg_class WHERE relpersistence = 't'").value()).isEqualTo("0");
        // the schema stays once made, as PostgreSQL's
        assertThat(run("SELECT pg_my_temp_schema() <> 0, (current_schemas(true))[1] LIKE 'pg_temp_%'").rows)
                .containsExactly(List.of("t", "t"));
    }
}
