package dev.pgwire.gateway;

import dev.pgwire.client.PgAsyncConnection;
import dev.pgwire.client.PgConnectOptions;
import dev.pgwire.client.Row;
import dev.pgwire.client.RowSet;
import dev.pgwire.server.auth.CredentialStore;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import dev.pgwire.server.auth.ScramVerifier;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Credentials of users missing from auth_file, looked up upstream as PgBouncer's auth_user and
 * auth_query do: the gateway logs in as {@code auth_user} (its password from the database entry's
 * password file, {@code PGPASSWORD} or the entry itself) and runs {@code auth_query} with the
 * user's name as its one parameter — never spliced into the SQL. The second column of the one row
 * it returns is the user's {@code rolpassword}: a SCRAM-SHA-256 verifier or an md5 hash.
 *
 * <p>Nothing is cached: every login of such a user runs the query, so a changed password or a
 * dropped role counts from the next login. The lookups of one upstream database share one
 * connection of auth_user, kept open while it is used (pipelined, never blocking an event loop)
 * and closed after {@code server_idle_timeout} without use. A lookup that takes longer than
 * {@code server_connect_timeout} fails, and its connection is cancelled and replaced.
 *
 * <p>No row, a NULL password, or a value that is neither a verifier nor an md5 hash all give an
 * empty store: the login then fails as a wrong password does (28P01, after a SCRAM exchange
 * against a mock verifier), so a client cannot tell which users exist. A lookup that fails (the
 * server unreachable, auth_user refused, the query wrong) fails the login with the same 28P01 and
 * a warning in the log.
 */
final class AuthQuery implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuthQuery.class);
    private static final Pattern MD5 = Pattern.compile("md5[0-9a-f]{32}");

    private final Gateway gateway;
    private final EventLoopGroup loops;
    private final Map<String, Lookup> connections = new ConcurrentHashMap<>();

    /** One upstream database's connection of auth_user. */
    private static final class Lookup {
        final CompletableFuture<PgAsyncConnection> connection;
        volatile long lastUsedNanos = System.nanoTime();

        Lookup(CompletableFuture<PgAsyncConnection> connection) {
            this.connection = connection;
        }

        boolean usable() {
            return !connection.isDone() || (!connection.isCompletedExceptionally() && connection.join().isOpen());
        }
    }

    AuthQuery(Gateway gateway, EventLoopGroup loops) {
        this.gateway = gateway;
        this.loops = loops;
    }

    /** The credentials of {@code user}, who asked for {@code database}; an empty store if there are none. */
    CompletionStage<CredentialStore> credentialsFor(String user, String database) {
        GatewayConfig c = gateway.config();
        String authDb = c.authDbname() != null ? c.authDbname() : database;
        GatewayConfig.DatabaseConfig entry = c.database(authDb);
        if (c.authUser() == null || entry == null) return CompletableFuture.completedFuture(new InMemoryCredentialStore());
        PgConnectOptions options;
        try {
            options = entry.lookupOptions(authDb, c.authUser(), c.serverConnectTimeout());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String key = authDb + '\0' + c.authUser();
        Lookup lookup = connections.compute(key, (k, old) -> old != null && old.usable() ? old
                : new Lookup(PgAsyncConnection.connect(options, loops)));
        lookup.lastUsedNanos = System.nanoTime();
        String sql = c.authQuery();
        return lookup.connection
                .thenCompose(conn -> conn.execute(sql, user))
                .thenApply(rows -> credentials(user, rows))
                .orTimeout(c.serverConnectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((store, error) -> {
                    // A lookup stuck upstream must not hold up the ones queued behind it: the next
                    // lookup gets a connection of its own, and this one is cancelled and closed.
                    if (error instanceof TimeoutException && connections.remove(key, lookup)) {
                        log.warn("auth_query for user \"{}\" took longer than server_connect_timeout; "
                                + "closing its connection", user);
                        lookup.connection.thenAccept(conn -> {
                            conn.cancelRequest();
                            conn.closeAsync();
                        });
                    }
                });
    }

    private static CredentialStore credentials(String user, RowSet rows) {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        if (rows.isEmpty()) return store;
        if (rows.size() > 1) throw new IllegalStateException("auth_query returned " + rows.size() + " rows, expected one");
        Row row = rows.first();
        if (row.size() < 2) throw new IllegalStateException("auth_query returned " + row.size() + " column, expected two");
        String secret = row.getString(1);
        if (secret == null) return store; // a role without a password cannot log in with one
        if (secret.startsWith(ScramVerifier.PREFIX)) {
            try {
                store.addScramVerifier(user, ScramVerifier.parse(secret));
            } catch (IllegalArgumentException e) {
                log.warn("auth_query returned an invalid SCRAM-SHA-256 verifier for user \"{}\"", user);
            }
        } else if (MD5.matcher(secret).matches()) {
            store.addMd5Hash(user, secret);
        } else {
            // Never the value: it may be a plaintext password.
            log.warn("auth_query returned neither a SCRAM-SHA-256 verifier nor an md5 hash for user \"{}\"", user);
        }
        return store;
    }

    /** Closes the connections not used for {@code idleNanos}. */
    void closeIdle(long idleNanos) {
        long now = System.nanoTime();
        connections.entrySet().removeIf(e -> {
            Lookup l = e.getValue();
            if (l.connection.isDone() && now - l.lastUsedNanos > idleNanos) {
                close(l);
                return true;
            }
            return false;
        });
    }

    /** Closes every connection (reload, shutdown); lookups open new ones as needed. */
    @Override
    public void close() {
        connections.values().removeIf(l -> {
            close(l);
            return true;
        });
    }

    private static void close(Lookup l) {
        l.connection.thenAccept(PgAsyncConnection::closeAsync);
    }
}
