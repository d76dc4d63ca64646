package dev.pgwire.serve;

import dev.pgwire.server.spi.SessionInfo;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's temporary objects in the catalog are its own: another session does not see them in
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
