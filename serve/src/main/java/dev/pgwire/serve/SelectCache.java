package dev.pgwire.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The prepared forms of the queries the simple protocol runs again and again (pgbench, dashboards
 * polling), by SQL text, least recently used first: DuckDB executes a prepared statement about
 * twice as fast as it parses and plans the text anew, and re-binds it by itself when the catalog
 * changes. A change of the definitions statements bind to (a SQL function DuckDB inlined when it
 * prepared, say) empties the cache.
 */
final class SelectCache {
    private static final Logger log = LoggerFactory.getLogger(SelectCache.class);
    private static final int SIZE = 64;

    private final Connection connection;
    private final LinkedHashMap<String, PreparedStatement> selects = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= SIZE) return false;
            closeQuietly(eldest.getValue());
            return true;
        }
    };
    private LongSupplier definitions = () -> 0;
    private long cachedAt = -1;

    SelectCache(Connection connection) {
        this.connection = connection;
    }

    /** The prepared form of {@code sql}; null when the text does not prepare (the plain path then reports the error). */
    PreparedStatement get(String sql) {
        long now = definitions.getAsLong();
        if (now < 0) return null; // a transaction whose snapshot is older than the catalog: nothing kept is reused
        if (now != cachedAt) {
            close();
            cachedAt = now;
        }
        PreparedStatement ps = selects.get(sql);
        if (ps != null) return ps;
        try {
            ps = connection.prepareStatement(sql);
        } catch (SQLException e) {
            return null;
        }
        selects.put(sql, ps);
        return ps;
    }

    /** Drops the prepared form of {@code sql} (its run failed). */
    void forget(String sql) {
        PreparedStatement ps = selects.remove(sql);
        if (ps != null) closeQuietly(ps);
    }

    /** The version of the definitions statements bind to (-1: none prepared may be reused). */
    void definitions(LongSupplier version) {
        this.definitions = version;
    }

    /** The definitions' version now: prepared statements made at another one (or at -1) are prepared again. */
    long definitionsVersion() {
        return definitions.getAsLong();
    }

    /** Closes the cached statements (the session is closing, or definitions changed). */
    void close() {
        for (PreparedStatement ps : selects.values()) closeQuietly(ps);
        selects.clear();
    }

    private static void closeQuietly(PreparedStatement st) {
        try {
            st.close();
        } catch (SQLException e) {
            log.debug("closing a cached statement failed: {}", e.getMessage());
        }
    }
}
