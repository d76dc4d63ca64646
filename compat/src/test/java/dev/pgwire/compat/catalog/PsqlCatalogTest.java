package dev.pgwire.compat.catalog;

import dev.pgwire.compat.ServeErrors;
import dev.pgwire.compat.Servers;
import dev.pgwire.compat.Target;
import dev.pgwire.testkit.Clients;
import dev.pgwire.testkit.ExternalProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * psql 15's describe commands against serve and PostgreSQL over the catalog schema: the output of
 * {@code psql -X -c '<command>'} must be PostgreSQL's, after {@link #mask} hides what legitimately
 * differs between two servers.
 *
 * The commands that show objects serve does not make yet are tagged {@code catalog} (left out of
 * the default build):
 * <pre>mvn -pl compat test -Dtest=PsqlCatalogTest</pre>
 */
class PsqlCatalogTest {

    @BeforeAll
    static void schema() {
        CatalogSchema.loadBoth();
    }

    /**
     * What may differ, each for a reason:
     * <ul>
     * <li>the port in {@code \conninfo}: each server listens on its own port;</li>
     * <li>sizes ({@code 8192 bytes}, {@code 16 kB}) in the {@code +} forms and {@code \l+}: storage
     *     differs by engine and by what the cluster wrote (and with them the columns' padding);</li>
     * <li>nothing else: owners, names, types, ACLs and descriptions must match.</li>
     * </ul>
     */
    static String mask(String out) {
        String port = out.replaceAll("at port \"[0-9]+\"", "at port \"<port>\"");
        String sized = port.replaceAll("\\b[0-9]+ (bytes|kB|MB|GB)\\b", "<size>");
        // psql pads each column to its widest cell, so a size of another width moves the borders: with
        // sizes in the table, the cells are compared without their padding
        return sized.equals(port) ? sized : sized.replaceAll(" {2,}", " ").replaceAll("-{2,}", "-");
    }

    /**
     * A session's temporary schema is pg_temp_ and its backend's number, which differs between
     * the servers (and with it the columns' padding): compared as pg_temp_N without padding.
     */
    static String maskTemporary(String out) {
        String named = out.replaceAll("pg_temp_[0-9]+", "pg_temp_N");
        return named.equals(out) ? out : named.replaceAll(" {2,}", " ").replaceAll("-{2,}", "-");
    }

    static ExternalProcess.Result psql(Target t, String command) {
        return Clients.psql(List.of("-d", t.conninfo(CatalogSchema.DATABASE), "-P", "pager=off", "-c", command),
                null, Map.of(), Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\\l " + CatalogSchema.DATABASE, "\\dt", "\\dt+", "\\dt app.*", "\\d customers", "\\d+ customers",
            "\\d app.item_refs", "\\dn", "\\dv", "\\dm", "\\ds", "\\du", "\\dx", "\\dD", "\\d+ stock_levels", "\\conninfo", "\\df",
            "\\dT", "\\di", "\\d orders", "\\d pair"})
    void describesLikePostgres(String command) {
        compare(command);
    }

    /** A temporary table with a serial key, a default, a unique column, a check and an index, made in the psql session. */
    private static final String TEMPORARY = "CREATE TEMP TABLE tmp_orders (id serial PRIMARY KEY,"
            + " status text NOT NULL DEFAULT 'new', ref int UNIQUE, CHECK (ref > 0)); CREATE INDEX tmp_orders_status ON tmp_orders (status)";

    /**
     * The describe commands on a temporary table made in the same session: it shows in the
     * session's pg_temp_N (whose number is the backend's on each server, masked).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\\d tmp_orders", "\\dt tmp_orders", "\\di tmp_orders*", "\\dt pg_temp*.*"})
    void describesTemporaryTablesLikePostgres(String command) {
        compare(command, TEMPORARY);
    }

    private static void compare(String command) {
        compare(command, null);
    }

    /** Runs {@code setup} (quietly) then {@code command} in one psql session on both servers. */
    private static ExternalProcess.Result psql(Target t, String command, String setup) {
        if (setup == null) return psql(t, command);
        return Clients.psql(List.of("-d", t.conninfo(CatalogSchema.DATABASE), "-P", "pager=off", "-q", "-c", setup, "-c", command),
                null, Map.of(), Duration.ofSeconds(30));
    }

    private static void compare(String command, String setup) {
        ExternalProcess.Result pg = psql(Servers.postgres(), command, setup);
        if (pg.exitCode() != 0 || !pg.stderr().isBlank()) {
            fail("psql " + command + " fails against PostgreSQL itself: " + pg.stderr());
        }
        int mark = ServeErrors.mark();
        ExternalProcess.Result serve = psql(Servers.serve(), command, setup);
        String want = maskTemporary(mask(pg.stdout()));
        String got = maskTemporary(mask(serve.stdout()));
        if (serve.exitCode() != 0 || !serve.stderr().isBlank() || !want.equals(got)) {
            fail("psql " + command + " against serve:\n--- PostgreSQL ---\n" + want + "--- serve ---\n" + got
                    + (serve.stderr().isBlank() ? "" : "--- serve stderr ---\n" + serve.stderr())
                    + (ServeErrors.since(mark, CatalogSchema.DATABASE).isEmpty() ? ""
                        : "statements serve refused:" + ServeErrors.describe(ServeErrors.since(mark, CatalogSchema.DATABASE))));
        }
    }
}
