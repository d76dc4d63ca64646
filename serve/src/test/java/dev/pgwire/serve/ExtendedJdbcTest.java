package dev.pgwire.serve;

import dev.pgwire.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * pgjdbc against serve with server-side prepared statements from the first execution
 * ({@code prepareThreshold=1}) and binary transfer: parameters bound natively on DuckDB, results
 * in binary, portals suspended by the fetch size, pipelined batches.
 */
class ExtendedJdbcTest {
    static DuckDbSessionFactory engine;
    static PgServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = new DuckDbSessionFactory(ServeOptions.inMemory().withCreateDatabasesOnConnect(true));
        server = PgServer.builder().port(0).sessionFactory(engine).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + db
                + "?user=postgres&sslmode=disable&prepareThreshold=1&binaryTransfer=true");
    }

    @Test
    void numericDividedByAParameterIsExactNumeric() throws Exception {
        try (Connection c = connect("division"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE prices (price numeric(10,2))");
            st.execute("INSERT INTO prices VALUES (10.00)");
            try (PreparedStatement ps = c.prepareStatement("SELECT price / ?, round(price / ?, 2), price / ? / ? FROM prices")) {
                ps.setBigDecimal(1, new BigDecimal("3")); // declared numeric
                ps.setBigDecimal(2, new BigDecimal("3"));
                ps.setInt(3, 3); // declared integer
                ps.setInt(4, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("numeric");
                    assertThat(rs.getMetaData().getColumnTypeName(3)).isEqualTo("numeric");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("3.3333333333333333");
                    assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("3.33"));
                    assertThat(rs.getString(3)).isEqualTo("1.6666666666666667");
                }
            }
        }
        // a parameter of no declared type is numeric beside a numeric, as PostgreSQL infers it
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/division?user=postgres&sslmode=disable&prepareThreshold=1&stringtype=unspecified");
             PreparedStatement ps = c.prepareStatement("SELECT price / ?, ? / price, coalesce(price, ?) / 3, price / (? + 1) FROM prices")) {
            ps.setString(1, "3");
            ps.setString(2, "1");
            ps.setString(3, "0");
            ps.setString(4, "2");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(ps.getParameterMetaData().getParameterTypeName(1)).isEqualTo("numeric");
                assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("numeric");
                assertThat(rs.getMetaData().getColumnTypeName(3)).isEqualTo("numeric");
                assertThat(rs.getMetaData().getColumnTypeName(4)).isEqualTo("numeric");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("3.3333333333333333");
                assertThat(rs.getString(2)).isEqualTo("0.10000000000000000000");
                assertThat(rs.getString(3)).isEqualTo("3.3333333333333333");
                assertThat(rs.getString(4)).isEqualTo("3.3333333333333333");
            }
        }
    }

    @Test
    void typingAParameterInsideATransactionKeepsTheTransaction() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/untyped?user=postgres&sslmode=disable&prepareThreshold=1&stringtype=unspecified");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE counters (i int, n numeric(10,2))");
            c.setAutoCommit(false);
            st.execute("INSERT INTO counters VALUES (1, 2.50)");
            // DuckDB aborts a transaction whose statement fails to prepare: the operand's type is found elsewhere
            try (PreparedStatement ps = c.prepareStatement("UPDATE counters SET i = i + ?, n = n * ?")) {
                ps.setString(1, "10");
                ps.setString(2, "2");
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 2 + ?")) {
                ps.setString(1, "40");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
            }
            st.execute("INSERT INTO counters VALUES (2, 1)");
            c.commit();
            try (ResultSet rs = st.executeQuery("SELECT i, n FROM counters ORDER BY i")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(11);
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("5.00");
            }
        }
    }

    @Test
    void currvalIsTheValueTheSessionItselfDrew() throws Exception {
        try (Connection a = connect("currval"); Connection b = connect("currval");
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("CREATE SEQUENCE shared_seq");
            sa.execute("CREATE TABLE shared_rows (id serial PRIMARY KEY, v text)");
            assertThat(longs(sb, "SELECT nextval('shared_seq')")).containsExactly(1L);
            assertThat(longs(sa, "SELECT nextval('shared_seq') + nextval('shared_seq')")).containsExactly(5L);
            assertThat(longs(sb, "SELECT currval('shared_seq')")).containsExactly(1L);
            assertThat(longs(sa, "SELECT currval('public.shared_seq')")).containsExactly(3L);
            sb.execute("INSERT INTO shared_rows (v) VALUES ('b')");
            sa.execute("INSERT INTO shared_rows (v) VALUES ('a')");
            assertThat(longs(sb, "SELECT currval('shared_rows_id_seq')")).containsExactly(1L);
            sb.execute("DISCARD SEQUENCES");
            SQLException notYet = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> longs(sb, "SELECT currval('shared_seq')"));
            assertThat(notYet.getSQLState()).isEqualTo("55000");
        }
    }

    private static List<Long> longs(Statement st, String sql) throws SQLException {
        List<Long> out = new java.util.ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }

    @Test
    void anUntypedParameterBesideOthersTakesTheTypeCoalesceMixesItWith() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/mixed?user=postgres&sslmode=disable&prepareThreshold=1&stringtype=unspecified");
             PreparedStatement ps = c.prepareStatement("SELECT ?, coalesce(?, false), coalesce(?, 2.5)")) {
            c.setAutoCommit(false);
            ps.setInt(1, 1);
            ps.setNull(2, java.sql.Types.OTHER);
            ps.setString(3, "1.25");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(2)).isFalse();
                assertThat(rs.wasNull()).isFalse();
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("1.25");
            }
            c.commit();
        }
    }

    @Test
    void aPreparedStatementFollowsTheSettingsOfWhenItRuns() throws Exception {
        try (Connection c = connect("settings"); Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement("SELECT ?::timestamptz::text, current_setting('TimeZone'), current_schema()")) {
            st.execute("CREATE SCHEMA other");
            OffsetDateTime instant = OffsetDateTime.of(2024, 3, 10, 20, 0, 0, 0, ZoneOffset.UTC);
            List<String> seen = new ArrayList<>();
            for (String set : new String[] {"SET TimeZone = 'America/New_York'", "SET TimeZone = 'Asia/Kolkata'", "SET search_path = other, public"}) {
                st.execute(set);
                ps.setObject(1, instant);
                try (ResultSet rs = ps.executeQuery()) { // prepared on the server from the first run (prepareThreshold=1)
                    assertThat(rs.next()).isTrue();
                    seen.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            assertThat(seen).containsExactly("2024-03-10 16:00:00-04 America/New_York public",
                    "2024-03-11 01:30:00+05:30 Asia/Kolkata public", "2024-03-11 01:30:00+05:30 Asia/Kolkata other");
        }
    }

    @Test
    void datesBeforeTheGregorianCalendarKeepTheirDay() throws Exception {
        try (Connection c = connect("julian"); PreparedStatement ps = c.prepareStatement("SELECT ?::date::text, ?::date::text, ?::date::text")) {
            ps.setObject(1, LocalDate.of(1582, 10, 10)); // a day the Julian calendar skipped
            ps.setObject(2, LocalDate.of(1500, 3, 1));
            ps.setObject(3, LocalDate.of(1582, 10, 15));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("1582-10-10");
                assertThat(rs.getString(2)).isEqualTo("1500-03-01");
                assertThat(rs.getString(3)).isEqualTo("1582-10-15");
            }
        }
    }

    @Test
    void aWideNumericParameterForAFloatIsItsNearestValueNeverNull() throws Exception {
        try (Connection c = connect("wide"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE floats (d float8, n numeric)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO floats (d) VALUES (?) RETURNING d")) {
                ps.setBigDecimal(1, new BigDecimal("1E+300"));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getDouble(1)).isEqualTo(1e300);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO floats (n) VALUES (?)")) {
                ps.setBigDecimal(1, new BigDecimal("1E+300"));
                assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
            }
        }
    }

    @Test
    void numericArrayParametersKeepEveryDigitOrFail() throws Exception {
        try (Connection c = connect("numeric_arrays")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT x / 3, pg_typeof(x)::text FROM unnest(?) AS x ORDER BY x")) {
                ps.setArray(1, c.createArrayOf("numeric", new BigDecimal[] {new BigDecimal("1.10"), new BigDecimal("2.20")}));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("numeric");
                    assertThat(rs.next()).isTrue();
                    // numeric division, not the engine's double
                    assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal("0.36666666666666666667"));
                    assertThat(rs.getString(2)).isEqualTo("numeric");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT x FROM unnest(?) AS x")) {
                // more fraction digits than a numeric without precision holds here: an error, never rounded
                ps.setArray(1, c.createArrayOf("numeric", new BigDecimal[] {new BigDecimal("0.123456789012")}));
                assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
            }
        }
    }

    @Test
    void fetchFromACursorDescribesTheCursorsColumns() throws Exception {
        try (Connection c = connect("cursors"); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("DECLARE cur CURSOR FOR SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 5) g");
            try (ResultSet rs = st.executeQuery("FETCH 2 FROM cur")) { // Parse, Bind, Describe (portal), Execute
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
                assertThat(rs.getMetaData().getColumnName(2)).isEqualTo("label");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("row 2");
                assertThat(rs.next()).isFalse();
            }
            try (PreparedStatement ps = c.prepareStatement("FETCH ALL FROM cur"); ResultSet rs = ps.executeQuery()) {
                int rows = 0;
                while (rs.next()) rows++;
                assertThat(rows).isEqualTo(3);
            }
            assertThat(st.executeUpdate("MOVE 1 IN cur")).isZero();
            SQLException missing = assertThrows(SQLException.class, () -> st.executeQuery("FETCH 1 FROM no_such_cursor"));
            assertThat(missing.getSQLState()).isEqualTo("34000");
            c.rollback();
        }
    }

    @Test
    void parametersOfEachTypeRoundTripThroughATableInBinary() throws Exception {
        try (Connection c = connect("roundtrip"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE v (id INT PRIMARY KEY, i8 BIGINT, n NUMERIC(20,4), s TEXT, b BOOLEAN, d DATE, "
                    + "ts TIMESTAMP, tz TIMESTAMPTZ, bin BYTEA, u UUID, ia INT[], ta TEXT[], f8 DOUBLE PRECISION, "
                    + "f4 REAL, i2 SMALLINT, t TIME, iv INTERVAL, j JSON)");
            UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
            OffsetDateTime odt = OffsetDateTime.of(2024, 1, 31, 13, 45, 0, 123_456_000, ZoneOffset.ofHours(2));
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= 2; id++) { // the second run reuses the named statement
                    ins.setInt(1, id);
                    ins.setLong(2, 9_000_000_000L + id);
                    ins.setBigDecimal(3, new BigDecimal("12345.6789"));
                    ins.setString(4, "ünïcode ✓ " + id);
                    ins.setBoolean(5, id == 1);
                    ins.setDate(6, Date.valueOf(LocalDate.of(2024, 2, 29)));
                    ins.setTimestamp(7, Timestamp.valueOf(LocalDateTime.of(2020, 1, 1, 12, 30, 15, 500_000_000)));
                    ins.setObject(8, odt);
                    ins.setBytes(9, new byte[] {0, 1, (byte) 0xff});
                    ins.setObject(10, uuid);
                    ins.setArray(11, c.createArrayOf("int4", new Integer[] {1, null, 3}));
                    ins.setArray(12, c.createArrayOf("text", new String[] {"a b", "{x}", "NULL"}));
                    ins.setDouble(13, 0.1 + 0.2);
                    ins.setFloat(14, 1.5f);
                    ins.setShort(15, (short) -7);
                    ins.setObject(16, LocalTime.of(23, 59, 58, 1000));
                    // sent with an unspecified type: DuckDB infers interval and json from the columns
                    ins.setObject(17, "1 year 2 mons 3 days 04:05:06.5", Types.OTHER);
                    ins.setObject(18, "{\"a\": [1, 2]}", Types.OTHER);
                    assertThat(ins.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement sel = c.prepareStatement("SELECT * FROM v WHERE id = ? AND s LIKE ?")) {
                for (int run = 0; run < 2; run++) {
                    sel.setInt(1, 1);
                    sel.setString(2, "ünïcode%");
                    try (ResultSet rs = sel.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt("id")).isEqualTo(1);
                        assertThat(rs.getLong("i8")).isEqualTo(9_000_000_001L);
                        assertThat(rs.getBigDecimal("n")).isEqualTo(new BigDecimal("12345.6789"));
                        assertThat(rs.getString("s")).isEqualTo("ünïcode ✓ 1");
                        assertThat(rs.getBoolean("b")).isTrue();
                        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
                        assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2020, 1, 1, 12, 30, 15, 500_000_000));
                        assertThat(rs.getObject("tz", OffsetDateTime.class).toInstant()).isEqualTo(odt.toInstant());
                        assertThat(rs.getBytes("bin")).containsExactly(0, 1, 0xff);
                        assertThat(rs.getObject("u")).isEqualTo(uuid);
                        assertThat((Object[]) rs.getArray("ia").getArray()).containsExactly(1, null, 3);
                        assertThat((Object[]) rs.getArray("ta").getArray()).containsExactly("a b", "{x}", "NULL");
                        assertThat(rs.getDouble("f8")).isEqualTo(0.1 + 0.2);
                        assertThat(rs.getFloat("f4")).isEqualTo(1.5f);
                        assertThat(rs.getShort("i2")).isEqualTo((short) -7);
                        assertThat(rs.getObject("t", LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 58, 1000));
                        assertThat(rs.getString("iv")).isEqualTo("1 year 2 mons 3 days 04:05:06.5");
                        assertThat(rs.getString("j")).isEqualTo("{\"a\": [1, 2]}");
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }

    /**
     * An upsert's RETURNING rows come in the order the rows were proposed (ORMs assign them to their
     * objects by position), whether the keys are parameters of a VALUES list or the elements of
     * arrays unnested; one key proposed twice is 21000 — also when DuckDB's driver loses the error
     * and serve re-runs the statement to learn it — and the transaction then rolls back cleanly.
     */
    @Test
    void upsertReturnsItsRowsInProposedOrderAndRefusesAKeyProposedTwice() throws Exception {
        try (Connection c = connect("upsert")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v INT)");
                st.execute("INSERT INTO kv VALUES ('a', 1), ('b', 2)");
            }
            String values = "INSERT INTO kv VALUES (?, ?), (?, ?), (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v RETURNING k, v";
            try (PreparedStatement ps = c.prepareStatement(values)) {
                Object[] args = {"z", 1, "b", 5, "a", 7};
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                assertThat(rows(ps)).containsExactly("z=1", "b=5", "a=7");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO kv (k, v) SELECT * FROM unnest(?::text[], ?::int[]) ON CONFLICT (k) DO UPDATE SET v = excluded.v RETURNING k, v")) {
                ps.setArray(1, c.createArrayOf("text", new String[] {"q", "a", "c", "b"}));
                ps.setArray(2, c.createArrayOf("int4", new Integer[] {1, 2, 3, 4}));
                assertThat(rows(ps)).containsExactly("q=1", "a=2", "c=3", "b=4");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(values)) {
                Object[] args = {"n", 1, "a", 8, "n", 2};
                for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
                SQLException e = assertThrows(SQLException.class, ps::executeQuery);
                assertThat(e.getSQLState()).isEqualTo("21000");
            }
            c.rollback();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT k, v FROM kv ORDER BY k")) {
                List<String> all = new ArrayList<>();
                while (rs.next()) all.add(rs.getString(1) + "=" + rs.getInt(2));
                assertThat(all).containsExactly("a=2", "b=4", "c=3", "q=1", "z=1");
            }
        }
    }

    private static List<String> rows(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1) + "=" + rs.getInt(2));
        }
        return out;
    }

    @Test
    void currentDateAndTimestampRunAsPreparedStatementsUnderTheirOwnNames() throws Exception {
        // DuckDB read current_date as a column first: under its own name as the column's alias it failed (42703)
        try (Connection c = connect("clock");
             PreparedStatement ps = c.prepareStatement("SELECT current_date, current_timestamp, 123456789012345.5 * 1000")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("current_date");
                assertThat(rs.getMetaData().getColumnName(2)).isEqualTo("current_timestamp");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDate(1)).isNotNull();
                assertThat(rs.getTimestamp(2)).isNotNull();
                // numeric products beyond 18 digits are computed in 38, as PostgreSQL computes them
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo(new BigDecimal("123456789012345500.0"));
            }
        }
    }

    @Test
    void anErrorOfAStatementOnATemporaryTableKeepsItsSqlState() throws Exception {
        // the driver loses errors raised before a result's first rows; the statement is run again to
        // find it, on the session's own connection, where its temporary tables are
        try (Connection c = connect("temperror"); Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE p7 (price numeric(10,2), qty int)");
            st.execute("INSERT INTO p7 VALUES (0.10, 0)");
            try (PreparedStatement ps = c.prepareStatement("SELECT price / qty FROM p7")) {
                assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("22012"));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM p7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void expressionsOverParametersKeepTheDeclaredTypes() throws Exception {
        try (Connection c = connect("expressions"); PreparedStatement ps = c.prepareStatement(
                "SELECT ? + 1 AS i, ?::numeric * 2 AS n, ? AS s, ?::date + 1 AS d, ? AS b, ? AS u, ? AS arr")) {
            ps.setInt(1, 41);
            ps.setBigDecimal(2, new BigDecimal("1.25"));
            ps.setString(3, "text");
            ps.setObject(4, LocalDate.of(2024, 12, 31));
            ps.setBoolean(5, false);
            ps.setObject(6, new UUID(1, 2));
            ps.setArray(7, c.createArrayOf("int8", new Long[] {1L, 2L}));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("i")).isEqualTo(42);
                assertThat(rs.getBigDecimal("n")).isEqualByComparingTo("2.5");
                assertThat(rs.getString("s")).isEqualTo("text");
                assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2025, 1, 1));
                assertThat(rs.getBoolean("b")).isFalse();
                assertThat(rs.getObject("u")).isEqualTo(new UUID(1, 2));
                assertThat((Object[]) rs.getArray("arr").getArray()).containsExactly(1L, 2L);
                ResultSetMetaData md = rs.getMetaData();
                assertThat(md.getColumnTypeName(1)).isEqualTo("int4");
                assertThat(md.getColumnTypeName(3)).isEqualTo("text");
                assertThat(md.getColumnTypeName(7)).isEqualTo("_int8");
            }
        }
    }

    @Test
    void fetchSizeInATransactionSuspendsThePortalAndEveryRowArrivesInOrder() throws Exception {
        try (Connection c = connect("fetch")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE big AS SELECT range::INT AS id, 'row ' || range AS label FROM range(1000)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, label FROM big WHERE id >= ? ORDER BY id")) {
                ps.setFetchSize(10);
                ps.setInt(1, 0);
                List<Integer> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                        assertThat(rs.getString(2)).isEqualTo("row " + rs.getInt(1));
                        if (ids.size() == 55) {
                            // another statement while the portal is suspended
                            try (Statement other = c.createStatement(); ResultSet o = other.executeQuery("SELECT count(*) FROM big")) {
                                assertThat(o.next()).isTrue();
                                assertThat(o.getLong(1)).isEqualTo(1000);
                            }
                        }
                    }
                }
                assertThat(ids).hasSize(1000);
                for (int i = 0; i < ids.size(); i++) assertThat(ids.get(i)).isEqualTo(i);
            }
            c.commit();
        }
    }

    @Test
    void aPipelinedBatchOfTenThousandInsertsArrivesWhole() throws Exception {
        try (Connection c = connect("batch")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE b (id INT, name TEXT, created TIMESTAMP)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO b VALUES (?, ?, ?)")) {
                for (int i = 0; i < 10_000; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "n" + i);
                    ps.setTimestamp(3, Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i)));
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertThat(counts).hasSize(10_000).containsOnly(1);
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT id), max(created) FROM b")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(10_000);
                assertThat(rs.getLong(2)).isEqualTo(10_000);
                assertThat(rs.getTimestamp(3).toLocalDateTime()).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(9_999));
            }
        }
    }

    @Test
    void parameterAndResultMetadataComeFromParseWithoutExecuting() throws Exception {
        try (Connection c = connect("metadata")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE m (id INT, name TEXT, created TIMESTAMPTZ, price NUMERIC(10,2))");
                st.execute("CREATE TABLE calls (n INT)");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO calls SELECT count(*)::INT FROM m WHERE id = ? AND name = ? AND created < ? AND price > ? RETURNING n")) {
                ParameterMetaData pm = ps.getParameterMetaData();
                assertThat(pm.getParameterCount()).isEqualTo(4);
                assertThat(pm.getParameterTypeName(1)).isEqualTo("int4");
                assertThat(pm.getParameterTypeName(2)).isEqualTo("text");
                assertThat(pm.getParameterTypeName(3)).isEqualTo("timestamptz");
                assertThat(pm.getParameterTypeName(4)).isEqualTo("numeric");
                ResultSetMetaData md = ps.getMetaData();
                assertThat(md.getColumnCount()).isEqualTo(1);
                assertThat(md.getColumnName(1)).isEqualTo("n");
                assertThat(md.getColumnType(1)).isEqualTo(Types.INTEGER);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name, price FROM m WHERE id = ?")) {
                ps.setString(1, "1"); // declared varchar: the client's type wins
                assertThat(ps.getParameterMetaData().getParameterTypeName(1)).isEqualTo("varchar");
                ResultSetMetaData md = ps.getMetaData();
                assertThat(md.getColumnTypeName(1)).isEqualTo("text");
                assertThat(md.getColumnTypeName(2)).isEqualTo("numeric");
                assertThat(md.getPrecision(2)).isEqualTo(10);
                assertThat(md.getScale(2)).isEqualTo(2);
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM calls")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("describing ran nothing").isZero();
            }
        }
    }

    @Test
    void errorsCarryPostgresSqlStatesAndFailTheTransactionBlock() throws Exception {
        try (Connection c = connect("errors")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE e (id INT PRIMARY KEY)");
            }
            assertThat(stateOf(c, "SELECT * FROM missing WHERE x = ?", 1)).isEqualTo("42P01");
            assertThat(stateOf(c, "SELECT ?::int / 0", 1)).isEqualTo("22012");
            assertThat(stateOf(c, "SELEC ?", 1)).isEqualTo("42601");
            assertThat(stateOf(c, "INSERT INTO e VALUES (?)", 1)).isNull();
            assertThat(stateOf(c, "INSERT INTO e VALUES (?)", 1)).isEqualTo("23505");
            assertThat(stateOf(c, "SELECT ?::smallint", 100_000)).isEqualTo("22003");
            c.setAutoCommit(false);
            assertThat(stateOf(c, "INSERT INTO e VALUES (?)", 2)).isNull();
            assertThat(stateOf(c, "SELECT 1 / (? - 1)", 1)).isEqualTo("22012");
            assertThat(stateOf(c, "INSERT INTO e VALUES (?)", 3)).isEqualTo("25P02");
            c.rollback();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM e")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }

    /** The SQLSTATE of running {@code sql} with one int parameter, or null if it succeeded. */
    private static String stateOf(Connection c, String sql, int value) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, value);
            ps.execute();
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    @Test
    void cancelStopsAnExtendedExecute() throws Exception {
        try (Connection c = connect("cancel");
             PreparedStatement ps = c.prepareStatement("SELECT sum(a.range * b.range) FROM range(?) a, range(?) b")) {
            ps.setLong(1, 100_000_000L);
            ps.setLong(2, 100_000_000L);
            CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    ps.executeQuery();
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            // cancel until it lands: a cancel that arrives before Execute is ignored by the server (as
            // PostgreSQL ignores one between commands); Statement.cancel sends one per execution, so
            // the connection's own cancel is sent each time
            while (!outcome.isDone()) {
                c.unwrap(org.postgresql.core.BaseConnection.class).cancelQuery();
                try {
                    outcome.get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillRunning) {
                    // try again
                }
            }
            SQLException e = outcome.get();
            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("57014");
            try (PreparedStatement after = c.prepareStatement("SELECT ?::int")) {
                after.setInt(1, 5);
                try (ResultSet rs = after.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(5);
                }
            }
        }
    }

    @Test
    void serveCommandsWorkThroughTheExtendedProtocol() throws Exception {
        try (Connection c = connect("commands")) {
            c.setAutoCommit(false); // pgjdbc sends BEGIN with Parse/Bind/Execute
            try (PreparedStatement ps = c.prepareStatement("SHOW TimeZone")) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getMetaData().getColumnName(1)).isEqualToIgnoringCase("TimeZone");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SET application_name = 'extended'")) {
                ps.execute();
            }
            c.rollback(); // the SET is undone with the transaction
            try (PreparedStatement ps = c.prepareStatement("SHOW application_name"); ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNotEqualTo("extended");
            }
            c.commit();
            SQLException e = assertThrows(SQLException.class, () -> {
                try (PreparedStatement ps = c.prepareStatement("SET application_name = ?")) {
                    ps.setString(1, "x");
                    ps.execute();
                }
            });
            assertThat(e.getSQLState()).isEqualTo("42601");
        }
    }

    @Test
    void arraysComeBackAsJavaArrays() throws Exception {
        try (Connection c = connect("arrays"); PreparedStatement ps = c.prepareStatement(
                "SELECT ?::INT[] AS a, [[1, 2], [3, 4]] AS m, ['x', NULL] AS t")) {
            Array in = c.createArrayOf("int4", new Integer[] {5, 6});
            ps.setArray(1, in);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat((Object[]) rs.getArray(1).getArray()).containsExactly(5, 6);
                Object[] m = (Object[]) rs.getArray(2).getArray();
                assertThat(m).hasSize(2);
                assertThat((Object[]) m[0]).containsExactly(1, 2);
                assertThat((Object[]) rs.getArray(3).getArray()).containsExactly("x", null);
            }
        }
    }
}
