package dev.pgwire.serve;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * EXPLAIN answers as PostgreSQL's does — one column "QUERY PLAN" (text, a row per line; json for
 * FORMAT JSON, in PostgreSQL's {@code [{"Plan": …}]} shape), tag EXPLAIN — with DuckDB's plan of
 * the statement as serve translates it, in the simple and the extended protocol; PostgreSQL's
 * options are taken, and ANALYZE runs the statement.
 */
class ExplainTest {
    @RegisterExtension
    static final InMemoryServe server = new InMemoryServe();

    static Connection connect(boolean extended) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres"
                + (extended ? "&prepareThreshold=1" : "&preferQueryMode=simple"));
    }

    @BeforeAll
    static void table() throws SQLException {
        try (Connection c = connect(false); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE items (id int PRIMARY KEY, tags int[], price numeric(10,2))");
            st.execute("INSERT INTO items SELECT g, '{1,2}', g FROM generate_series(1, 50) g");
        }
    }

    private static List<String> plan(Connection c, String sql, String type) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (!c.getMetaData().getURL().contains("simple")) {
                assertThat(ps.getMetaData().getColumnCount()).isEqualTo(1); // known before it runs (Describe)
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("QUERY PLAN");
                assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo(type);
                while (rs.next()) lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    @Test
    void textPlanOfATranslatedQueryARowPerLine() throws SQLException {
        for (boolean extended : new boolean[] {false, true}) {
            try (Connection c = connect(extended)) {
                // '{1,2}'::int[] and the numeric comparison are PostgreSQL's SQL: the plan is of the translation
                List<String> lines = plan(c, "EXPLAIN (COSTS OFF, VERBOSE) SELECT id FROM items WHERE tags = '{1,2}'::int[] AND price > 10.5",
                        "text");
                assertThat(lines.size()).isGreaterThan(3);
                assertThat(lines).noneMatch(l -> l.contains("\n"));
                assertThat(String.join("\n", lines)).contains("Seq Scan").contains("items");
            }
        }
    }

    @Test
    void jsonPlanInPostgresShape() throws SQLException {
        try (Connection c = connect(true)) {
            List<String> rows = plan(c, "EXPLAIN (FORMAT JSON) SELECT count(*) FROM items WHERE id > 3", "json");
            assertThat(rows).hasSize(1);
            String json = rows.get(0).replaceAll("\\s+", " ");
            assertThat(json).startsWith("[ { \"Plan\": { \"Node Type\": ").contains("\"Relation Name\": \"items\"").contains("\"Plans\": [");
        }
    }

    @Test
    void analyzeRunsTheStatement() throws SQLException {
        try (Connection c = connect(true)) {
            assertThat(String.join("\n", plan(c, "EXPLAIN ANALYZE SELECT id FROM items WHERE id > 5", "text")))
                    .contains("Total Time").contains("Scan");
            assertThat(plan(c, "EXPLAIN ANALYZE INSERT INTO items VALUES (1000, '{}', 1)", "text")).isNotEmpty();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM items WHERE id = 1000")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void optionsAsPostgresChecksThem() throws SQLException {
        try (Connection c = connect(false)) {
            assertThat(state(c, "EXPLAIN (TIMING) SELECT 1")).isEqualTo("22023");
            assertThat(state(c, "EXPLAIN (WAL) SELECT 1")).isEqualTo("22023");
            assertThat(state(c, "EXPLAIN (NONSENSE) SELECT 1")).isEqualTo("42601");
            assertThat(state(c, "EXPLAIN (FORMAT CSV) SELECT 1")).isEqualTo("22023");
            assertThat(state(c, "EXPLAIN (FORMAT XML) SELECT 1")).isEqualTo("0A000");
            assertThat(state(c, "EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1")).isEqualTo("0A000");
            assertThat(plan(c, "EXPLAIN (ANALYZE false, BUFFERS, SUMMARY off, SETTINGS) SELECT 1", "text")).isNotEmpty();
        }
    }

    private static String state(Connection c, String sql) {
        PSQLException e = catchThrowableOfType(() -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }, PSQLException.class);
        assertThat((Object) e).as(sql).isNotNull();
        return e.getSQLState();
    }
}
