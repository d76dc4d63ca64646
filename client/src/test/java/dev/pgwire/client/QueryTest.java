package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.ErrorField;
import dev.pgwire.protocol.types.PgArray;
import dev.pgwire.protocol.types.PgNumeric;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Simple and extended queries, types through the registry, errors, session state. */
class QueryTest {
    private static PgConnection conn;

    @BeforeAll
    static void connect() {
        conn = TestCluster.connect();
        conn.query("DROP TABLE IF EXISTS qt_items; CREATE TABLE qt_items (id int PRIMARY KEY, name text NOT NULL,"
                + " price numeric(10,2), tags text[], created timestamptz, CONSTRAINT price_positive CHECK (price > 0))");
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    @Test
    void simpleQueryWithSeveralStatementsYieldsOneRowSetEach() {
        RowSet rs = conn.query("SELECT 1 AS a, 'x' AS b; SELECT g FROM generate_series(1, 3) g; SET search_path = public");
        assertThat(rs.commandTag()).isEqualTo("SELECT 1");
        assertThat(rs.first().getInt("a")).isEqualTo(1);
        assertThat(rs.first().getString("b")).isEqualTo("x");
        assertThat(rs.columns()).extracting(f -> f.name()).containsExactly("a", "b");
        RowSet second = rs.next();
        assertThat(second.rows()).extracting(r -> r.getLong(0)).containsExactly(1L, 2L, 3L);
        assertThat(second.next().commandTag()).isEqualTo("SET");
        assertThat(second.next().isEmpty()).isTrue();
        assertThat(second.next().next()).isNull();
    }

    @Test
    void emptyQuery() {
        RowSet rs = conn.query("");
        assertThat(rs.commandTag()).isEmpty();
        assertThat(rs.isEmpty()).isTrue();
    }

    @Test
    void parametersAreTypedFromTheirJavaValues() {
        OffsetDateTime ts = OffsetDateTime.of(2024, 1, 31, 13, 45, 0, 123_000_000, ZoneOffset.ofHours(1));
        UUID id = UUID.randomUUID();
        RowSet rs = conn.query("SELECT $1 + 1, $2::text, $3, $4, $5, $6::text IS NULL, $7, $8",
                41, "hello", 2.5, ts, id, null, new int[] {1, 2, 3}, new BigDecimal("12.50"));
        Row r = rs.first();
        assertThat(r.getInt(0)).isEqualTo(42);
        assertThat(r.getString(1)).isEqualTo("hello");
        assertThat(r.getDouble(2)).isEqualTo(2.5);
        assertThat(r.get(3)).isEqualTo(ts.withOffsetSameInstant(ZoneOffset.UTC));
        assertThat(r.get(4)).isEqualTo(id);
        assertThat(r.getBoolean(5)).isTrue();
        assertThat(r.get(6)).isInstanceOf(PgArray.class);
        assertThat(r.getString(6)).isEqualTo("{1,2,3}");
        assertThat(r.getBigDecimal(7)).isEqualByComparingTo("12.50");
    }

    @Test
    void aStringParameterIsLeftForTheServerToType() {
        conn.execute("INSERT INTO qt_items (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", 900, "string-typed");
        assertThat(conn.query("SELECT name FROM qt_items WHERE id = $1", "900").first().getString(0)).isEqualTo("string-typed");
    }

    @Test
    void executeReportsRowsAffected() {
        RowSet ins = conn.execute("INSERT INTO qt_items (id, name, price, tags, created) VALUES ($1, $2, $3, $4, now()),"
                + " ($5, $6, $7, $8, now())", 1, "one", new BigDecimal("9.99"), List.of("a", "b"), 2, "two",
                new BigDecimal("5.00"), new String[] {"c"});
        assertThat(ins.commandTag()).isEqualTo("INSERT 0 2");
        assertThat(ins.rowsAffected()).isEqualTo(2);
        RowSet upd = conn.execute("UPDATE qt_items SET price = price + 1 WHERE id IN ($1, $2)", 1, 2);
        assertThat(upd.rowsAffected()).isEqualTo(2);
        assertThat(conn.execute("DELETE FROM qt_items WHERE id IN (1, 2)").rowsAffected()).isEqualTo(2);
    }

    @Test
    void preparedStatementsUseBinaryParametersAndResults() {
        PgPreparedStatement ps = conn.prepare("SELECT $1::int8 * 2 AS doubled, $2::numeric AS n, $3::date AS d,"
                + " $4::text[] AS arr, $5::bytea AS raw, $6::bool AS flag, $7::float8 AS f");
        assertThat(ps.parameterTypes()).containsExactly(PgType.INT8.oid(), PgType.NUMERIC.oid(), PgType.DATE.oid(),
                PgType.TEXT_ARRAY.oid(), PgType.BYTEA.oid(), PgType.BOOL.oid(), PgType.FLOAT8.oid());
        assertThat(ps.columns()).allSatisfy(f -> assertThat(f.format()).isEqualTo((short) TypeRegistry.BINARY));
        Row r = conn.execute(ps, 21, new BigDecimal("-1234.5678"), LocalDate.of(2000, 2, 29), List.of("x", "y z"),
                new byte[] {0, 1, (byte) 0xFF}, true, Double.NaN).first();
        assertThat(r.getLong("doubled")).isEqualTo(42);
        assertThat(r.get("n")).isEqualTo(PgNumeric.of(new BigDecimal("-1234.5678")));
        assertThat(r.get("d")).isEqualTo(LocalDate.of(2000, 2, 29));
        assertThat(r.getString("arr")).isEqualTo("{x,\"y z\"}");
        assertThat(r.getBytes(4)).containsExactly(0, 1, 0xFF);
        assertThat(r.getBoolean("flag")).isTrue();
        assertThat(r.getDouble("f")).isNaN();
        // and again with other values: the statement is reused
        assertThat(conn.execute(ps, -1, null, null, null, null, false, 1.5).first().getLong(0)).isEqualTo(-2);
        conn.close(ps);
        assertThatThrownBy(() -> conn.execute(ps, 1, null, null, null, null, false, 1.5))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("26000"));
    }

    @Test
    void serverErrorsCarryEveryField() {
        conn.execute("INSERT INTO qt_items (id, name, price) VALUES (10, 'ten', 1) ON CONFLICT DO NOTHING");
        assertThatThrownBy(() -> conn.execute("INSERT INTO qt_items (id, name, price) VALUES ($1, $2, $3)", 10, "dup", 1))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("23505");
                    assertThat(e.severity()).isEqualTo("ERROR");
                    assertThat(e.detail()).isEqualTo("Key (id)=(10) already exists.");
                    assertThat(e.field(ErrorField.SCHEMA_NAME)).isEqualTo("public");
                    assertThat(e.field(ErrorField.TABLE_NAME)).isEqualTo("qt_items");
                    assertThat(e.field(ErrorField.CONSTRAINT_NAME)).isEqualTo("qt_items_pkey");
                    assertThat(e.field(ErrorField.ROUTINE)).isNotEmpty();
                    assertThat(e.fields()).containsKeys(ErrorField.FILE, ErrorField.LINE);
                });
        assertThatThrownBy(() -> conn.query("SELECT * FROM no_such_table"))
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42P01");
                    assertThat(e.field(ErrorField.POSITION)).isEqualTo("15");
                });
        assertThatThrownBy(() -> conn.execute("UPDATE qt_items SET price = -1 WHERE id = 10"))
                .isInstanceOfSatisfying(PgException.class,
                        e -> assertThat(e.field(ErrorField.CONSTRAINT_NAME)).isEqualTo("price_positive"));
        // the connection is fine afterwards
        assertThat(conn.query("SELECT 1").first().getInt(0)).isEqualTo(1);
    }

    @Test
    void transactionStatusFollowsReadyForQuery() {
        assertThat(conn.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
        conn.query("BEGIN");
        assertThat(conn.transactionStatus()).isEqualTo(TransactionStatus.IN_TRANSACTION);
        assertThatThrownBy(() -> conn.query("SELECT 1/0")).isInstanceOf(PgException.class);
        assertThat(conn.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        assertThatThrownBy(() -> conn.query("SELECT 1"))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("25P02"));
        conn.query("ROLLBACK");
        assertThat(conn.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
    }

    @Test
    void parameterStatusIsTracked() {
        assertThat(conn.parameter("server_version")).startsWith("15");
        assertThat(conn.parameter("client_encoding")).isEqualTo("UTF8");
        assertThat(conn.parameter("DateStyle")).startsWith("ISO");
        try (PgConnection c = TestCluster.connect()) {
            c.query("SET application_name = 'tracked app'");
            assertThat(c.parameter("application_name")).isEqualTo("tracked app");
            c.query("SET TimeZone = 'Asia/Kolkata'");
            assertThat(c.parameter("TimeZone")).isEqualTo("Asia/Kolkata");
            // text timestamptz values are read in the session time zone
            Object ts = c.query("SELECT '2024-01-01 00:00:00+00'::timestamptz").first().get(0);
            assertThat(ts).isEqualTo(OffsetDateTime.of(2024, 1, 1, 5, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)));
        }
    }

    @Test
    void applicationNameAndOptionsReachTheServer() {
        try (PgConnection c = PgConnection.connect(TestCluster.plain()
                + " application_name='my app' options='-c statement_timeout=1234'")) {
            assertThat(c.query("SHOW application_name").first().getString(0)).isEqualTo("my app");
            assertThat(c.query("SHOW statement_timeout").first().getString(0)).isEqualTo("1234ms");
        }
    }

    @Test
    void noticesGoToTheListener() throws Exception {
        try (PgConnection c = TestCluster.connect()) {
            CompletableFuture<Notice> notice = new CompletableFuture<>();
            c.onNotice(notice::complete);
            c.query("DO $$ BEGIN RAISE NOTICE 'hello % times', 3 USING HINT = 'just a test'; END $$");
            Notice n = notice.get(5, TimeUnit.SECONDS);
            assertThat(n.severity()).isEqualTo("NOTICE");
            assertThat(n.message()).isEqualTo("hello 3 times");
            assertThat(n.hint()).isEqualTo("just a test");
            assertThat(n.sqlState()).isEqualTo("00000");
        }
    }

    @Test
    void cursorResumesASuspendedPortal() {
        try (PgConnection.Cursor cursor = conn.cursor("SELECT g FROM generate_series(1, 10) g", 4)) {
            List<Long> seen = new ArrayList<>();
            List<Boolean> suspended = new ArrayList<>();
            RowSet batch;
            do {
                batch = cursor.read();
                batch.forEach(r -> seen.add(r.getLong(0)));
                suspended.add(batch.suspended());
            } while (batch.suspended());
            assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(suspended).containsExactly(true, true, false);
            assertThat(batch.commandTag()).isEqualTo("SELECT 2");
        }
        assertThat(conn.query("SELECT 1").first().getInt(0)).as("the connection is free again").isEqualTo(1);
    }

    @Test
    void cursorClosedEarlyReleasesTheConnection() {
        try (PgConnection.Cursor cursor = conn.cursor("SELECT g FROM generate_series(1, 1000) g", 10)) {
            assertThat(cursor.read().size()).isEqualTo(10);
        }
        assertThat(conn.query("SELECT 2").first().getInt(0)).isEqualTo(2);
    }

    @Test
    void cursorErrorIsReportedAndRecovered() {
        try (PgConnection.Cursor cursor = conn.cursor("SELECT 10 / (3 - g) FROM generate_series(1, 10) g", 2)) {
            assertThat(cursor.read().size()).isEqualTo(2);
            assertThatThrownBy(cursor::read).isInstanceOfSatisfying(PgException.class,
                    e -> assertThat(e.sqlState()).isEqualTo("22012"));
        }
        assertThat(conn.query("SELECT 3").first().getInt(0)).isEqualTo(3);
    }

    @Test
    void copyFromStdinThroughQueryIsRefusedCleanly() {
        conn.query("CREATE TEMP TABLE IF NOT EXISTS qt_copy (x int)");
        assertThatThrownBy(() -> conn.query("COPY qt_copy FROM STDIN")).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.getMessage()).contains("use copyIn"));
        assertThatThrownBy(() -> conn.execute("COPY qt_copy FROM STDIN")).isInstanceOf(PgException.class);
        assertThat(conn.query("SELECT 4").first().getInt(0)).isEqualTo(4);
    }

    @Test
    void valuesThatCannotBeEncodedFailOnlyTheirRequest() {
        assertThatThrownBy(() -> conn.execute(conn.prepare("SELECT $1::int4"), 1L << 40))
                .isInstanceOf(PgException.class).hasMessageContaining("$1");
        assertThat(conn.query("SELECT 5").first().getInt(0)).isEqualTo(5);
    }
}
