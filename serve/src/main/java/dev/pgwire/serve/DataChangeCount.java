package dev.pgwire.serve;

import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.Translation;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * An INSERT, UPDATE or DELETE without RETURNING whose WITH clause changes data too
 * ({@code WITH d AS (DELETE … RETURNING …) DELETE FROM t …}): DuckDB answers it with a one-row
 * result, the count of rows changed, where PostgreSQL sends only the tag ({@code DELETE 4}).
 */
final class DataChangeCount {
    private DataChangeCount() {}

    /** Whether {@code t} is such a statement: its result, if DuckDB gives one, is the count alone. */
    static boolean applies(Translation t) {
        Node tree = t.tree();
        return tree != null && (tree.is("InsertStmt") || tree.is("UpdateStmt") || tree.is("DeleteStmt"))
                && !tree.has("returningList");
    }

    /** The count of the one-row result (0 when it has no row). */
    static long read(ResultSet rs) throws SQLException {
        if (rs == null || !rs.next()) return 0;
        return rs.getLong(1);
    }
}
