/**
 * A PostgreSQL client on Netty and the shared protocol codec.
 *
 * <ul>
 *   <li>{@link dev.pgwire.client.PgConnectOptions}: libpq connection strings (URIs and key/value),
 *       the {@code PG*} environment variables, several hosts, target_session_attrs, every sslmode,
 *       direct TLS, client certificates, channel binding, the password file.</li>
 *   <li>{@link dev.pgwire.client.PgAsyncConnection}: the asynchronous core. Each request is a
 *       command object that knows which responses belong to it, so any number can be pipelined;
 *       results come back as {@link java.util.concurrent.CompletableFuture}s, or stream to a
 *       {@link java.util.concurrent.Flow.Subscriber} with backpressure down to the socket.</li>
 *   <li>{@link dev.pgwire.client.PgConnection}: a small blocking API over the same connection.</li>
 * </ul>
 *
 * <pre>{@code
 * try (PgConnection conn = PgConnection.connect("postgresql://app@db1,db2/shop?target_session_attrs=read-write")) {
 *     RowSet rs = conn.query("SELECT id, name FROM items WHERE price > $1", new BigDecimal("9.99"));
 *     rs.forEach(row -> System.out.println(row.getLong("id") + " " + row.getString("name")));
 * }
 * }</pre>
 */
package dev.pgwire.client;
