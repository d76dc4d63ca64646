package dev.pgwire.serve.differential;

import dev.pgwire.client.PgConnection;
import dev.pgwire.client.Row;
import dev.pgwire.client.RowSet;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.RowDescription;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One session on one side (PostgreSQL or serve) through the project's client, running statements
 * one simple-protocol Query at a time. Every session starts with {@link #SESSION_SETUP}, so both
 * sides format dates, times and floats alike. A statement that gets no answer within
 * {@link #STATEMENT_TIMEOUT_SECONDS}, or loses the connection, is recorded as a failure and the
 * session is replaced by a fresh one (its state is gone; later differences in the file may follow).
 */
final class Endpoint implements AutoCloseable {
    static final List<String> SESSION_SETUP = List.of(
            "SET TimeZone = 'UTC'",
            "SET DateStyle = 'ISO, MDY'",
            "SET IntervalStyle = 'postgres'",
            "SET extra_float_digits = 1");
    static final long STATEMENT_TIMEOUT_SECONDS = 10;
    /** Stands for the SQLSTATE of a statement that got no ErrorResponse (no answer, lost connection). */
    static final String NO_SQLSTATE = "-----";

    private final String side;
    private final String conninfo;
    private PgConnection connection;

    Endpoint(String side, String conninfo) {
        this.side = side;
        this.conninfo = conninfo;
        this.connection = open();
    }

    private PgConnection open() {
        PgConnection c = PgConnection.connect(conninfo);
        for (String setup : SESSION_SETUP) {
            try {
                c.query(setup);
            } catch (PgException e) {
                c.close();
                throw new IllegalStateException(side + " refused the session setup \"" + setup + "\": "
                        + e.sqlState() + " " + e.getMessage(), e);
            }
        }
        return c;
    }

    Outcome run(String sql) {
        try {
            return success(connection.async().query(sql).get(STATEMENT_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PgException pg) {
                Outcome.Failure failure = new Outcome.Failure(pg.sqlState(), pg.field('n'), pg.getMessage());
                if (!connection.isOpen()) return reconnectAfter(failure);
                return failure;
            }
            return reconnectAfter(new Outcome.Failure(NO_SQLSTATE, null, "client error: " + cause));
        } catch (TimeoutException e) {
            connection.async().cancelRequest();
            return reconnectAfter(new Outcome.Failure(NO_SQLSTATE, null,
                    "no answer within " + STATEMENT_TIMEOUT_SECONDS + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Outcome reconnectAfter(Outcome.Failure failure) {
        // Not waited for: a session that stopped answering may never let the Terminate through.
        connection.async().closeAsync();
        connection = open();
        return new Outcome.Failure(failure.sqlState(), failure.constraint(),
                failure.message() + " (the session was lost; later statements run in a new one)");
    }

    private static Outcome success(RowSet rs) {
        List<Outcome.Column> columns = new ArrayList<>();
        for (RowDescription.Field f : rs.columns()) columns.add(new Outcome.Column(f.name(), f.typeOid()));
        List<List<String>> rows = new ArrayList<>();
        for (Row row : rs) {
            List<String> values = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                byte[] raw = row.raw(i);
                values.add(raw == null ? null : new String(raw, StandardCharsets.UTF_8));
            }
            rows.add(values);
        }
        return new Outcome.Success(rs.commandTag(), columns, rows);
    }

    @Override
    public void close() {
        connection.close();
    }
}
