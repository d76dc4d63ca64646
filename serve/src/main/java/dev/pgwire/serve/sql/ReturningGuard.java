package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An UPDATE … RETURNING of a table with an index (a primary key, a unique constraint, CREATE
 * INDEX): DuckDB runs it as a delete and an insert that it does not check against other
 * transactions' changes of the same rows, so two sessions changing one row could both succeed and
 * one change be lost (a concurrent UPDATE committed after it is overwritten, or it overwrites one
 * not yet committed). PostgreSQL makes the second writer wait. serve therefore has such a
 * statement lock every row it changes ({@link LockingSelect}: other sessions' UPDATE and DELETE
 * wait for them) and first change those rows to themselves ({@code SET c = c}, the <em>touch</em>),
 * an update DuckDB does check: a row another transaction changed and has not committed is then a
 * write-write conflict (40001, which an autocommit statement waits out by running again). Not for
 * a statement that calls something whose answer changes between runs (nextval, random(), a
 * function of the user's): its WHERE and FROM must run once.
 */
final class ReturningGuard {
    private ReturningGuard() {}

    /**
     * The SET list of the touch ({@code "v" = "v", "n" = "n"}): every column of the table outside
     * its keys and indexes and not generated; null when {@code tree} is no UPDATE … RETURNING of an
     * indexed table, or the table has no such column.
     */
    static String touchedColumns(Node tree, CatalogView catalog) {
        if (!tree.is("UpdateStmt") || tree.list("returningList").isEmpty()) return null;
        // the rows are named by running the statement's WHERE and FROM apart: not where they draw or ask the clock
        boolean[] changing = {false};
        TreeWalker.forEachNode(tree, n -> changing[0] |= n.is("FuncCall")
                && (UpsertOrder.VOLATILE.contains(Operators.lastName(n)) || ReplayInfo.userFunction(n)));
        if (changing[0]) return null;
        Node rv = tree.node("relation");
        String schema = rv.str("schemaname");
        CatalogView.Relation r = catalog.relation(schema.isEmpty() ? null : schema, rv.str("relname"));
        if (r == null || r.view()) return null;
        Set<String> keyed = new HashSet<>();
        boolean indexed = false;
        for (TableMeta.Constraint c : r.meta().constraints()) {
            if (c.type().equals("p") || c.type().equals("u")) {
                indexed = true;
                keyed.addAll(c.columns());
            }
        }
        for (CatalogView.IndexInfo i : catalog.indexes(r)) {
            indexed = true;
            keyed.addAll(i.keys());
        }
        if (!indexed) return null;
        List<String> set = new ArrayList<>();
        for (CatalogView.ColumnInfo c : r.columns()) {
            if (c.generated() || keyed.contains(c.name())) continue;
            String q = SqlWriter.quoteIdent(c.name());
            set.add(q + " = " + q);
        }
        return set.isEmpty() ? null : String.join(", ", set);
    }
}
