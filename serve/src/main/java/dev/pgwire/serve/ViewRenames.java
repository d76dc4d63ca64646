package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.RenamedReads;
import dev.pgwire.serve.sql.Translation;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A rename of a table, view or column that views read: the views are made again in the rename's
 * transaction once it ran, reading the new name ({@link RenamedReads}). The DuckDB SQL of the
 * rename and of the remade views is one script, so that ROLLBACK TO SAVEPOINT runs it all again.
 */
final class ViewRenames {
    private final List<RenamedReads.View> views;
    private final Node stmt;

    private ViewRenames(List<RenamedReads.View> views, Node stmt) {
        this.views = views;
        this.stmt = stmt;
    }

    /** The views {@code t} renames what they read of, or null when it renames nothing a view reads. */
    static ViewRenames of(Translation t, SessionCatalog catalog) {
        if (t.tree() == null || !t.tree().is("RenameStmt")) return null;
        List<RenamedReads.View> views = RenamedReads.readers(t.tree(), catalog);
        return views.isEmpty() ? null : new ViewRenames(views, t.tree());
    }

    /**
     * After the rename ran (in a DuckDB transaction): makes the views again; the rename's
     * translation with their DuckDB SQL added, for the transaction's record.
     */
    Translation remake(Translation rename, DuckDbSession session, SessionCatalog catalog, BooleanSupplier cancelled) {
        StringBuilder script = new StringBuilder(rename.duckDbSql());
        for (RenamedReads.View v : views) {
            catalog.changed(); // the rename, and the views made so far
            for (String sql : RenamedReads.remake(v, stmt, catalog)) {
                Translation made;
                try {
                    made = session.translateTree(dev.pgwire.serve.sql.PgParser.parse(sql).get(0).tree(), sql);
                    session.runner().run(made, InlineBlocks.QUIET, session.codecContext(), true, cancelled);
                } catch (PgException e) {
                    if (SqlState.QUERY_CANCELED.equals(e.sqlState())) throw e;
                    // the query as pg_get_viewdef shows it does not translate back: the rename is undone
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot rename what view \"" + v.name()
                            + "\" reads: serve cannot make the view again over the new name")
                            .withDetail(e.getMessage()).withHint("Drop the view, rename, and create it again.");
                }
                script.append(";\n").append(made.duckDbSql());
                catalog.changed(); // the view's COMMENT that follows reads the view as just made
            }
        }
        catalog.changed();
        return rename.withDuckDbSql(script.toString());
    }
}
