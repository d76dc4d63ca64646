package dev.pgwire.compat.tools;

import dev.pgwire.compat.JavaTool;
import dev.pgwire.compat.Target;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Statement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's reactive PostgreSQL drivers against serve and PostgreSQL: the Vert.x PostgreSQL
 * client (pipelined extended-protocol queries, batches, a cursor, binary values) and
 * r2dbc-postgresql (bound statements, a batch of bindings, RETURNING, transactions, fetch size).
 * Each flow returns its rows' values as the driver decoded them, its errors' SQLSTATEs, and what
 * a rolled-back transaction left; both servers must give the same.
 *
 * <pre>mvn -pl compat test -Dtest=ReactiveDriversTest</pre>
 */
class ReactiveDriversTest {
    private static final String TABLE = "CREATE TABLE items (id serial PRIMARY KEY, n numeric(12,4), f float8, d date,"
            + " ts timestamptz, t text NOT NULL, b bytea, j jsonb, arr int[], u uuid, flag boolean)";
    private static final String COLUMNS = "n, f, d, ts, t, b, j, arr, u, flag";

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** A row's values as text, as the driver decoded them (arrays and byte arrays spelled out). */
    private static String text(Object v) {
        if (v instanceof Object[] a) return Arrays.deepToString(a);
        if (v instanceof byte[] b) return Arrays.toString(b);
        if (v instanceof io.vertx.core.buffer.Buffer b) return Arrays.toString(b.getBytes());
        if (v instanceof java.nio.ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return Arrays.toString(out);
        }
        return String.valueOf(v) + (v == null ? "" : " " + v.getClass().getSimpleName());
    }

    private static List<String> rows(RowSet<Row> set) {
        List<String> out = new ArrayList<>();
        for (Row r : set) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) values.add(r.getColumnName(i) + "=" + text(r.getValue(i)));
            out.add(String.join(", ", values));
        }
        return out;
    }

    @Test
    void vertxPgClientPipelinesBatchesAndReadsWithACursor() {
        JavaTool.assertLikePostgres("Vert.x PostgreSQL client", "vertx_flow", (t, db) -> {
            Vertx vertx = Vertx.vertx();
            try {
                PgConnectOptions options = new PgConnectOptions().setHost(t.host()).setPort(t.port()).setDatabase(db)
                        .setUser(t.user()).setPassword(t.password()).setPipeliningLimit(16).setCachePreparedStatements(true);
                Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options).using(vertx).build();
                List<Object> out = new ArrayList<>();
                await(pool.query(TABLE).execute());
                List<Tuple> batch = List.of(
                        Tuple.of(new BigDecimal("12345678.1234"), 1.5, LocalDate.of(2024, 2, 29),
                                OffsetDateTime.of(2024, 3, 10, 7, 30, 0, 123456000, ZoneOffset.UTC), "first",
                                io.vertx.core.buffer.Buffer.buffer(new byte[] {0, 1, (byte) 0xfe}),
                                new io.vertx.core.json.JsonObject().put("k", List.of(1, 2)), new Integer[] {1, null, 3},
                                UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), true),
                        Tuple.of(new BigDecimal("-0.0001"), Double.NaN, LocalDate.of(1999, 12, 31), null, "second",
                                null, null, new Integer[] {}, null, false),
                        Tuple.of(null, -1e300, null, OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(5)), "third",
                                io.vertx.core.buffer.Buffer.buffer(), new io.vertx.core.json.JsonArray().add("x").addNull(),
                                null, null, null));
                RowSet<Row> inserted = await(pool.preparedQuery("INSERT INTO items (" + COLUMNS
                        + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id").executeBatch(batch));
                List<Object> ids = new ArrayList<>();
                for (RowSet<Row> r = inserted; r != null; r = r.next()) for (Row row : r) ids.add(row.getValue(0));
                out.add(ids);
                // extended protocol: binary values, as the driver decodes them
                out.add(rows(await(pool.preparedQuery("SELECT id, " + COLUMNS + " FROM items ORDER BY id").execute())));
                // simple protocol: text values
                out.add(rows(await(pool.query("SELECT id, n, f, d, ts, t, j, arr, flag FROM items ORDER BY id").execute())));
                out.add(rows(await(pool.preparedQuery("SELECT n * 2 AS doubled, t || $2 AS label, $1::int + 1 AS next"
                        + " FROM items WHERE id = $1").execute(Tuple.of(1, "!")))));
                // several prepared queries in flight on one connection at once (pipelined)
                SqlConnection conn = await(pool.getConnection());
                try {
                    List<Future<RowSet<Row>>> inFlight = new ArrayList<>();
                    for (int i = 1; i <= 8; i++) {
                        inFlight.add(conn.preparedQuery("SELECT $1::int * 10 AS v, count(*) AS c FROM items WHERE id <= $1")
                                .execute(Tuple.of(i)));
                    }
                    List<String> pipelined = new ArrayList<>();
                    for (Future<RowSet<Row>> f : inFlight) pipelined.addAll(rows(await(f)));
                    out.add(pipelined);
                    // a cursor reads in chunks inside a transaction
                    io.vertx.sqlclient.Transaction tx = await(conn.begin());
                    PreparedStatement ps = await(conn.prepare("SELECT g, g * 1.5 AS h FROM generate_series(1, 250) AS g"));
                    Cursor cursor = ps.cursor();
                    List<Integer> chunks = new ArrayList<>();
                    long sum = 0;
                    do {
                        RowSet<Row> chunk = await(cursor.read(100));
                        chunks.add(chunk.size());
                        for (Row r : chunk) sum += r.getInteger(0);
                    } while (cursor.hasMore());
                    await(cursor.close());
                    await(tx.commit());
                    out.add(List.of(chunks, sum));
                    // a unique violation, then the transaction it broke rolled back
                    io.vertx.sqlclient.Transaction broken = await(conn.begin());
                    await(conn.preparedQuery("INSERT INTO items (id, t) VALUES ($1, $2)").execute(Tuple.of(100, "kept?")));
                    try {
                        await(conn.preparedQuery("INSERT INTO items (id, t) VALUES ($1, $2)").execute(Tuple.of(1, "dup")));
                        out.add("no error");
                    } catch (java.util.concurrent.ExecutionException e) {
                        out.add(e.getCause() instanceof PgException p ? p.getSqlState() + " " + p.getConstraint() : e.getCause().toString());
                    }
                    try {
                        await(broken.rollback());
                    } catch (java.util.concurrent.ExecutionException e) {
                        out.add("rollback: " + e.getCause().getClass().getSimpleName());
                    }
                    out.add(rows(await(conn.query("SELECT count(*) AS n FROM items").execute())));
                    // a NOT NULL violation's SQLSTATE and column
                    try {
                        await(conn.preparedQuery("INSERT INTO items (t) VALUES ($1)").execute(Tuple.of((Object) null)));
                        out.add("no error");
                    } catch (java.util.concurrent.ExecutionException e) {
                        out.add(e.getCause() instanceof PgException p ? p.getSqlState() + " " + p.getColumn() : e.getCause().toString());
                    }
                } finally {
                    await(conn.close());
                }
                await(pool.close());
                return out;
            } finally {
                await(vertx.close());
            }
        });
    }

    private static List<String> r2dbcRows(Statement statement) {
        return Flux.from(statement.execute()).flatMap(result -> result.map((row, meta) -> {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < meta.getColumnMetadatas().size(); i++) {
                values.add(meta.getColumnMetadata(i).getName() + "=" + text(row.get(i)));
            }
            return String.join(", ", values);
        })).collectList().block(Duration.ofSeconds(30));
    }

    @Test
    void r2dbcPostgresqlBindsBatchesAndRollsBack() {
        JavaTool.assertLikePostgres("r2dbc-postgresql", "r2dbc_flow", (t, db) -> {
            PostgresqlConnectionFactory factory = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                    .host(t.host()).port(t.port()).database(db).username(t.user()).password(t.password()).build());
            Connection c = Mono.from(factory.create()).block(Duration.ofSeconds(30));
            try {
                List<Object> out = new ArrayList<>();
                Mono.from(c.createStatement(TABLE).execute()).flatMap(r -> Mono.from(r.getRowsUpdated())).block();
                Statement insert = c.createStatement("INSERT INTO items (n, f, d, ts, t, b, arr, u, flag)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, n, ts")
                        .bind("$1", new BigDecimal("99999999.9999")).bind("$2", 0.1).bind("$3", LocalDate.of(2000, 1, 1))
                        .bind("$4", OffsetDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2))).bind("$5", "one")
                        .bind("$6", java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xde, (byte) 0xad})).bind("$7", new Integer[] {4, 5})
                        .bind("$8", UUID.fromString("00000000-0000-0000-0000-000000000001")).bind("$9", true)
                        .add()
                        .bind("$1", new BigDecimal("1e-4")).bindNull("$2", Double.class).bindNull("$3", LocalDate.class)
                        .bindNull("$4", OffsetDateTime.class).bind("$5", "two").bindNull("$6", java.nio.ByteBuffer.class)
                        .bindNull("$7", Integer[].class).bindNull("$8", UUID.class).bind("$9", false);
                out.add(r2dbcRows(insert));
                out.add(r2dbcRows(c.createStatement("SELECT id, n, f, d, ts, t, b, arr, u, flag FROM items ORDER BY id")));
                out.add(r2dbcRows(c.createStatement("SELECT t, n / $1 AS share FROM items WHERE n > $2 ORDER BY id")
                        .bind("$1", 3).bind("$2", BigDecimal.ZERO)));
                // rows fetched a few at a time through a portal
                out.add(r2dbcRows(c.createStatement("SELECT g, to_char(g, 'FM000') AS padded FROM generate_series(1, 25) AS g"
                        + " WHERE g % $1 = 0").bind("$1", 5).fetchSize(2)));
                // a transaction rolled back after a unique violation
                Mono.from(c.beginTransaction()).block();
                Mono.from(c.createStatement("INSERT INTO items (id, t) VALUES (50, 'gone')").execute())
                        .flatMap(r -> Mono.from(r.getRowsUpdated())).block();
                try {
                    Mono.from(c.createStatement("INSERT INTO items (id, t) VALUES ($1, 'dup')").bind("$1", 1).execute())
                            .flatMap(r -> Mono.from(r.getRowsUpdated())).block();
                    out.add("no error");
                } catch (R2dbcException e) {
                    out.add(e.getClass().getSimpleName() + " " + e.getSqlState());
                }
                Mono.from(c.rollbackTransaction()).block();
                out.add(r2dbcRows(c.createStatement("SELECT count(*) AS n, max(id) AS last FROM items")));
                // a committed transaction with an UPDATE's count
                Mono.from(c.beginTransaction()).block();
                Long updated = Mono.from(c.createStatement("UPDATE items SET flag = NOT flag WHERE t = $1").bind("$1", "one").execute())
                        .flatMap(r -> Mono.from(r.getRowsUpdated())).block();
                Mono.from(c.commitTransaction()).block();
                out.add(updated);
                out.add(r2dbcRows(c.createStatement("SELECT t, flag FROM items ORDER BY id")));
                return out;
            } finally {
                Mono.from(c.close()).block(Duration.ofSeconds(30));
            }
        });
    }
}
