package dev.pgwire.serve;

import dev.pgwire.server.PgServer;
import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COPY and LISTEN/NOTIFY with the clients people use — psql's {@code \copy}, psycopg 3, asyncpg,
 * node-postgres with pg-copy-streams — each run against serve and against PostgreSQL 15, whose
 * output must be the same.
 */
class CopyClientsTest {
    @TempDir
    static Path dir;
    static PgCluster postgres;
    static DuckDbSessionFactory engine;
    static PgServer serve;

    @BeforeAll
    static void start() throws Exception {
        postgres = PgCluster.builder().auth(PgCluster.AuthMethod.TRUST).start();
        engine = new DuckDbSessionFactory(ServeOptions.inMemory());
        serve = PgServer.builder().port(0).sessionFactory(engine).start();
    }

    @AfterAll
    static void stop() {
        if (serve != null) serve.close();
        if (engine != null) engine.close();
        if (postgres != null) postgres.close();
    }

    static String serveConninfo() {
        return "host=127.0.0.1 port=" + serve.port() + " user=app dbname=postgres sslmode=disable";
    }

    static String serveUri() {
        return "postgresql://app@127.0.0.1:" + serve.port() + "/postgres";
    }

    static String pgUri() {
        return "postgresql://" + postgres.superuser() + "@" + postgres.host() + ":" + postgres.port() + "/postgres";
    }

    static ExternalProcess.Result psql(String conninfo, String script) {
        ExternalProcess.Result r = Clients.psql(List.of("-v", "ON_ERROR_STOP=0", "-d", conninfo), script, Map.of(),
                Duration.ofSeconds(60));
        return r;
    }

    @Test
    void psql_copy_both_ways_matches_PostgreSQL() throws Exception {
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "id,name,price\n1,\"a, b\",1.50\n2,,\n3,\"say \"\"hi\"\"\",-0.01\n");
        Path text = dir.resolve("in.txt");
        Files.writeString(text, "1\tone\\ttab\t\\N\n2\t\\N\t2.5\n3\tback\\\\slash\\nline\t0\n");
        String script = "CREATE TABLE psql_copy (id int, name text, price numeric(10,2));\n"
                + "\\copy psql_copy FROM '" + csv + "' WITH (FORMAT csv, HEADER)\n"
                + "\\copy psql_copy FROM '" + text + "'\n"
                + "\\copy psql_copy TO '" + dir.resolve("OUT.csv") + "' WITH (FORMAT csv, HEADER)\n"
                + "\\copy (SELECT * FROM psql_copy ORDER BY id, name) TO '" + dir.resolve("OUT.txt") + "'\n"
                + "\\copy psql_copy FROM '" + text + "' WITH (FORMAT csv)\n"
                + "SELECT count(*) FROM psql_copy;\n";
        ExternalProcess.Result onServe = psql(serveConninfo(), script.replace("OUT", "serve"));
        ExternalProcess.Result onPostgres = psql(postgres.conninfo("postgres"), script.replace("OUT", "postgres"));
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout());
        assertThat(onServe.stderr()).isEqualTo(onPostgres.stderr());
        assertThat(onServe.stdout()).contains("COPY 3");
        assertThat(Files.readString(dir.resolve("serve.csv"))).isEqualTo(Files.readString(dir.resolve("postgres.csv")));
        assertThat(Files.readString(dir.resolve("serve.txt"))).isEqualTo(Files.readString(dir.resolve("postgres.txt")));
    }

    @Test
    void psycopg_and_asyncpg_copy_and_listen_as_on_PostgreSQL() {
        ExternalProcess.Result onServe = Clients.python("copy_notify.py", List.of(serveConninfo(), serveUri()), Map.of(),
                Duration.ofSeconds(60));
        ExternalProcess.Result onPostgres = Clients.python("copy_notify.py", List.of(postgres.conninfo("postgres"), pgUri()),
                Map.of(), Duration.ofSeconds(60));
        assertThat(onPostgres.exitCode()).as(onPostgres.stderr()).isZero();
        assertThat(onServe.exitCode()).as(onServe.stderr()).isZero();
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout());
    }

    @Test
    void node_postgres_copy_streams_and_notifications_as_on_PostgreSQL() {
        ExternalProcess.Result onServe = Clients.node("copy_notify.js", List.of(serveUri()), Map.of(), Duration.ofSeconds(60));
        ExternalProcess.Result onPostgres = Clients.node("copy_notify.js", List.of(pgUri()), Map.of(), Duration.ofSeconds(60));
        assertThat(onPostgres.exitCode()).as(onPostgres.stderr()).isZero();
        assertThat(onServe.exitCode()).as(onServe.stderr()).isZero();
        assertThat(onServe.stdout()).isEqualTo(onPostgres.stdout());
    }
}
