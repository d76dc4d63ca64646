package dev.pgwire.compat.catalog;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.ServeErrors;
import dev.pgwire.compat.Servers;
import dev.pgwire.compat.Target;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Replays the catalog queries tools send ({@code src/test/resources/catalog-queries/<tool>.sql}) on
 * serve and PostgreSQL 15 with the catalog schema, one test per statement, grouped by tool. A
 * statement PostgreSQL itself refuses here (it needed the session or server it was captured on) is
 * aborted, not failed. On serve — asked about the same objects ({@link UserOids}) — it must succeed
 * with PostgreSQL's column names and rows, after {@link #mask}. Rows of a statement without ORDER
 * BY of its own are compared sorted. The differences that stay are listed with their reasons in
 * {@value #ACCEPTED_FILE}.
 *
 * <pre>
 * mvn -pl compat test -Dtest=CatalogQueryReplayTest
 * mvn -pl compat test -Dtest=CatalogQueryReplayTest -Dcompat.replay.tools=psql,pgjdbc
 * </pre>
 */
class CatalogQueryReplayTest {

    /** Types whose values are OIDs or transaction ids: assigned by each server on its own. */
    static final Set<String> OID_TYPES = Set.of("oid", "regclass", "regtype", "regproc", "regprocedure", "regnamespace",
            "regoper", "regoperator", "regrole", "regconfig", "tid", "pg_lsn");
    /** Transaction and command ids (a row's xmin, pg_class.relfrozenxid): counters of each server's own history. */
    static final Set<String> XID_TYPES = Set.of("xid", "xid8", "cid");
    /** Columns holding OIDs as numbers (copied out of catalog columns or cast to int): per-server values. */
    static final Set<String> OID_COLUMNS = Set.of("oid", "typelem", "typarray", "typrelid", "typbasetype", "attrelid",
            "atttypid", "relnamespace", "typnamespace", "pronamespace", "conrelid", "confrelid", "conindid", "indexrelid",
            "indrelid", "objoid", "classoid", "objid", "refobjid", "refclassid", "reltype", "reloftype", "relfilenode",
            "reltoastrelid", "rngtypid", "rngsubtype", "rngtyparray", "typoid", "array_oid", "nspowner", "relowner",
            "proowner", "typowner", "datdba", "rolid", "specific_name", "adrelid", "enumtypid", "starelid", "attcollation",
            "typcollation", "relam", "prolang", "prorettype", "collation_oid", "type_oid", "table_oid", "con_id", "element",
            "array", "base");
    /** Sizes and planner statistics: storage and statistics differ by engine. */
    static final Set<String> STAT_COLUMNS = Set.of("reltuples", "relpages", "relallvisible", "cardinality", "pages",
            "n_live_tup", "n_dead_tup", "seq_scan", "idx_scan", "estimated_rows", "row_estimate");
    /** Values of the moment or the process: the clock, backend pids, transaction counters. */
    static final Set<String> MOMENT_COLUMNS = Set.of("xmin", "age", "pg_backend_pid", "pid", "pg_postmaster_start_time",
            "now", "txid_current", "backend_start", "query_start", "state_change", "xact_start", "startup_time",
            "current_txid", "con_state_id");

    static final String ACCEPTED_FILE = "catalog-queries/accepted-differences.txt";
    /**
     * The differences that stay, each with its reason, by {@code tool #number}: a listed statement
     * is reported as aborted with its reason while it differs, and fails once it agrees (so the
     * list only shrinks); a listed id that is not replayed fails.
     */
    static final Map<String, String> ACCEPTED = accepted();

    static Map<String, String> accepted() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Scripts.resources().resolve(ACCEPTED_FILE))) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int tab = line.indexOf('\t');
                if (tab < 0 || !line.substring(0, tab).matches("[a-z0-9-]+ #[0-9]+")) {
                    throw new IllegalStateException(ACCEPTED_FILE + ": not <tool> #<n><TAB><reason>: " + line);
                }
                if (out.put(line.substring(0, tab), line.substring(tab + 1).strip()) != null) {
                    throw new IllegalStateException(ACCEPTED_FILE + " lists " + line.substring(0, tab) + " twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** PostgreSQL's first OID for user objects: OIDs below it are built in and the same on every server. */
    static final long FIRST_NORMAL_OBJECT_ID = 16384;
    /** A number of five digits or more, also inside a word ({@code add_one_16468}: pgjdbc's SPECIFIC_NAME). */
    static final Pattern NUMBER = Pattern.compile("(?<![0-9])[0-9]{5,}(?![0-9])");

    /**
     * What may differ between the two servers, each for its reason: OIDs of user objects (at or
     * above 16384, assigned by each server; built-in OIDs are fixed and must match), transaction
     * ids (DataGrip's {@code xmin as state_number}, its copies as bigint), sizes and
     * planner statistics, values of the moment or process, the release and build in version
     * strings (serve reports one PostgreSQL 15 release; the cluster is whichever Debian installed),
     * and pg_node_tree values: PostgreSQL's serialised parse trees of its own analyser, where serve
     * keeps the expression's text (which pg_get_expr gives, and which is compared there).
     */
    static String mask(String label, String type, String value) {
        if (value == null) return null;
        if (type.equals("pg_node_tree")) return "<node tree>";
        String l = label.toLowerCase(Locale.ROOT);
        if (XID_TYPES.contains(type)) return "<xid>";
        if (OID_TYPES.contains(type) || OID_COLUMNS.contains(l) || l.endsWith("oid") || l.endsWith("_oid")) {
            return NUMBER.matcher(value).replaceAll(m ->
                    Long.parseLong(m.group()) >= FIRST_NORMAL_OBJECT_ID ? "<oid>" : m.group());
        }
        if (STAT_COLUMNS.contains(l) || l.contains("size")) return "<stat>";
        if (MOMENT_COLUMNS.contains(l)) return "<moment>";
        if (value.startsWith("PostgreSQL 15.")) return "PostgreSQL 15.<minor> <build>";
        if (l.equals("server_version") || (l.equals("setting") && value.matches("15\\.[0-9]+.*"))) {
            return value.replaceAll("^15\\.[0-9]+.*", "15.<minor>");
        }
        if (l.equals("server_version_num") || value.matches("1500[0-9]{2}")) return "1500<minor>";
        return value;
    }

    record Answer(String sqlState, String message, List<String> columns, List<List<String>> rows) {
        boolean ok() {
            return sqlState == null;
        }
    }

    static Connection connect(Target t) throws SQLException {
        Properties p = t.jdbcProperties();
        p.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection(t.jdbcUrl(CatalogSchema.DATABASE), p);
    }

    static Answer run(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(20);
            boolean rs = st.execute(sql);
            ResultSet last = null;
            for (boolean more = rs; ; more = st.getMoreResults()) {
                if (more) last = st.getResultSet();
                else if (st.getUpdateCount() == -1) break;
                if (more && !sql.contains(";")) break;
            }
            if (last == null) return new Answer(null, null, List.of(), List.of());
            ResultSetMetaData md = last.getMetaData();
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i));
                types.add(md.getColumnTypeName(i));
            }
            List<List<String>> rows = new ArrayList<>();
            while (last.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) row.add(mask(columns.get(i - 1), types.get(i - 1), last.getString(i)));
                rows.add(row);
            }
            if (!ordered(sql)) {
                rows.sort(Comparator.comparing(Object::toString));
            }
            return new Answer(null, null, columns, rows);
        } catch (SQLException e) {
            return new Answer(e.getSQLState() == null ? "-----" : e.getSQLState(),
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(""), List.of(), List.of());
        }
    }

    /** Whether the statement's own result is ordered: ORDER BY outside parentheses (not a subquery's or an aggregate's). */
    static boolean ordered(String sql) {
        StringBuilder outer = new StringBuilder();
        int depth = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '(') depth++;
            if (depth == 0) outer.append(ch);
            if (ch == ')' && depth > 0) depth--;
        }
        return outer.toString().toLowerCase(Locale.ROOT).matches("(?s).*\\border\\s+by\\b.*");
    }

    @TestFactory
    List<DynamicContainer> replay() throws SQLException {
        CatalogSchema.loadBoth();
        String only = System.getProperty("compat.replay.tools", "");
        List<String> tools = only.isBlank() ? CatalogQueries.tools() : Arrays.asList(only.split(","));
        List<DynamicContainer> out = new ArrayList<>();
        try (Connection pg = connect(Servers.postgres()); Connection serve = connect(Servers.serve())) {
            for (String tool : tools) {
                List<DynamicTest> tests = new ArrayList<>();
                for (CatalogQueries.Query q : CatalogQueries.read(tool)) {
                    String name = tool + " #" + q.number() + ": " + abbreviate(q.purpose(), 90);
                    if (q.skipReason() != null) continue;
                    Answer want = run(pg, q.sql());
                    int mark = ServeErrors.mark();
                    Answer got = run(serve, UserOids.onServe(q.sql(), pg, serve));
                    List<ServeErrors.Error> refused = ServeErrors.since(mark, CatalogSchema.DATABASE);
                    tests.add(DynamicTest.dynamicTest(name, () -> check(q, want, got, refused)));
                }
                out.add(DynamicContainer.dynamicContainer(tool, tests));
            }
        }
        for (String id : ACCEPTED.keySet()) {
            String tool = id.substring(0, id.indexOf(" #"));
            int number = Integer.parseInt(id.substring(id.indexOf(" #") + 2));
            if (!only.isBlank() && !tools.contains(tool)) continue;
            boolean known = CatalogQueries.tools().contains(tool)
                    && CatalogQueries.read(tool).stream().anyMatch(q -> q.number() == number && q.skipReason() == null);
            if (!known) {
                out.add(DynamicContainer.dynamicContainer(ACCEPTED_FILE, List.of(DynamicTest.dynamicTest(id,
                        () -> fail(ACCEPTED_FILE + " lists " + id + ", which is not a replayed statement")))));
            }
        }
        return out;
    }

    /** Statements that list every database of the server: both servers hold the other test classes' databases. */
    static boolean listsDatabases(String sql) {
        return sql.toLowerCase(Locale.ROOT).contains("pg_database");
    }

    static void check(CatalogQueries.Query q, Answer want, Answer got, List<ServeErrors.Error> refused) {
        if (!want.ok()) {
            abort("PostgreSQL refuses it here too: [" + want.sqlState() + "] " + want.message());
        }
        String difference = difference(q, want, got, refused);
        String accepted = ACCEPTED.get(q.tool() + " #" + q.number());
        if (accepted == null) {
            if (difference != null) fail(difference);
        } else if (difference == null) {
            fail(q.tool() + " #" + q.number() + " agrees with PostgreSQL now: remove it from " + ACCEPTED_FILE);
        } else {
            abort("accepted difference (" + ACCEPTED_FILE + "): " + accepted);
        }
    }

    /** How serve's answer differs from PostgreSQL's, or null when it does not. */
    static String difference(CatalogQueries.Query q, Answer want, Answer got, List<ServeErrors.Error> refused) {
        String where = q.tool() + " #" + q.number() + " (" + q.purpose() + ")\n  SQL: " + q.sql().replaceAll("\\s+", " ");
        if (!got.ok()) {
            return "serve refuses " + where + "\n  serve: [" + got.sqlState() + "] " + got.message()
                    + (refused.isEmpty() ? "" : "\n  as recorded:" + ServeErrors.describe(refused));
        }
        if (!want.columns().equals(got.columns())) {
            return "serve's columns differ for " + where + "\n  PostgreSQL: " + want.columns() + "\n  serve:      " + got.columns();
        }
        if (!listsDatabases(q.sql()) && !want.rows().equals(got.rows())) {
            return "serve's rows differ for " + where + "\n  PostgreSQL: " + abbreviate(want.rows().toString(), 3000)
                    + "\n  serve:      " + abbreviate(got.rows().toString(), 3000) + "\n  " + firstDifference(want.rows(), got.rows());
        }
        return null;
    }

    /** The first row where the answers part, and the row counts. */
    static String firstDifference(List<List<String>> want, List<List<String>> got) {
        int i = 0;
        while (i < want.size() && i < got.size() && want.get(i).equals(got.get(i))) i++;
        List<List<String>> a = new ArrayList<>(want);
        List<List<String>> b = new ArrayList<>(got);
        a.sort(Comparator.comparing(Object::toString));
        b.sort(Comparator.comparing(Object::toString));
        return (a.equals(b) ? "the same rows in another order; " : "") + "rows: " + want.size() + " on PostgreSQL, " + got.size() + " on serve; first difference at row " + (i + 1)
                + ":\n    PostgreSQL: " + (i < want.size() ? abbreviate(want.get(i).toString(), 1000) : "(none)")
                + "\n    serve:      " + (i < got.size() ? abbreviate(got.get(i).toString(), 1000) : "(none)");
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
