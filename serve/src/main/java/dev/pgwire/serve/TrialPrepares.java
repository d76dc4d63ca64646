package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;

/**
 * Statements prepared on trial, where a failure costs nothing: inside a DuckDB transaction a
 * statement that fails to prepare aborts it, so parameter typing ({@link ParameterInference})
 * tries its casts on a second connection to the database, with the session connection's
 * search_path. A trial answers null when the statement prepared, else its error; a catalog error
 * means the second connection cannot tell (the statement names what the session's transaction
 * made, or a temporary table).
 */
final class TrialPrepares {
    private static final Logger log = LoggerFactory.getLogger(TrialPrepares.class);

    private final DuckDBConnection connection;
    private DuckDBConnection probe;
    /** The search_path set on the second connection, or null before the first trial. */
    private String probePath;

    TrialPrepares(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Trials with the session connection's search_path as it is now (read once for all of them). */
    Function<String, PgException> start() {
        try {
            if (probe == null) probe = connection.duplicate();
            String path;
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT current_setting('search_path')")) {
                rs.next();
                path = rs.getString(1);
            }
            if (!path.equals(probePath)) {
                try (Statement st = probe.createStatement()) {
                    st.execute("SET search_path = '" + path.replace("'", "''") + "'");
                }
                probePath = path;
            }
        } catch (SQLException e) {
            PgException failed = ErrorMapper.map(e, "");
            return sql -> failed;
        }
        return this::prepare;
    }

    private PgException prepare(String sql) {
        try {
            probe.prepareStatement(sql).close();
            return null;
        } catch (SQLException e) {
            return ErrorMapper.map(e, sql);
        }
    }

    /** Closes the second connection (the session ends). */
    void close() {
        if (probe == null) return;
        try {
            probe.close();
        } catch (SQLException e) {
            log.debug("closing a DuckDB connection failed: {}", e.getMessage());
        }
        probe = null;
        probePath = null;
    }
}
