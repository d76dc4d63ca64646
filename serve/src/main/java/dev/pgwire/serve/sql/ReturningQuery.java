package dev.pgwire.serve.sql;

import java.util.List;

/**
 * RETURNING with a subquery ({@code RETURNING id, (SELECT name FROM users WHERE users.id =
 * owner_id)}), which DuckDB does not take in RETURNING itself: the statement runs as
 * {@code WITH pgwire_dml AS (<statement> RETURNING *) SELECT <RETURNING list> FROM pgwire_dml AS t}.
 * Only where the RETURNING list can read nothing but the changed table's row — no UPDATE … FROM or
 * DELETE … USING, whose other tables RETURNING may name — its subqueries do not read the changed
 * table ({@link #readsTarget}), and the statement has no WITH of its own.
 */
final class ReturningQuery {
    private ReturningQuery() {}

    static boolean applies(Node stmt) {
        List<Node> returning = stmt.list("returningList");
        if (returning.isEmpty() || stmt.has("withClause") || stmt.has("fromClause") || stmt.has("usingClause")
                || stmt.has(UpsertOrder.FIELD)) return false;
        boolean[] sub = {false};
        for (Node t : returning) TreeWalker.forEachNode(t, n -> sub[0] |= n.type() != null && n.is("SubLink"));
        return sub[0] && !readsTarget(stmt);
    }

    /**
     * Whether a subquery of the RETURNING list reads the table the statement changes. PostgreSQL's
     * reads the table as it was before the statement; selected from the statement's rows after it
     * ran, it would read the table as the statement left it — another value — so such a statement
     * is not rewritten (DuckDB then refuses it).
     */
    static boolean readsTarget(Node stmt) {
        String table = stmt.node("relation").str("relname");
        boolean[] reads = {false};
        for (Node t : stmt.list("returningList")) {
            TreeWalker.forEachNode(t, n -> reads[0] |= n.type() != null && n.is("RangeVar") && n.str("relname").equals(table));
        }
        return reads[0];
    }

    /** Writes {@code stmt}: {@code body} writes it without RETURNING. */
    static void write(Emitter em, Node stmt, Runnable body) {
        SqlWriter w = em.w;
        w.append("WITH pgwire_dml AS (");
        body.run();
        w.append(" RETURNING *) SELECT ");
        List<Node> returning = stmt.list("returningList");
        for (int i = 0; i < returning.size(); i++) {
            if (i > 0) w.append(", ");
            em.resTarget(returning.get(i));
        }
        Node rel = stmt.node("relation");
        String alias = rel.node("alias") != null ? rel.node("alias").str("aliasname") : rel.str("relname");
        w.append(" FROM pgwire_dml AS ").ident(alias);
    }
}
