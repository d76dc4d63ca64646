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
        em.w.append("WITH pgwire_dml AS (");
        body.run();
        selectFrom(em, stmt, "pgwire_dml");
    }

    /**
     * Ends the CTE that runs {@code stmt} with {@code RETURNING *} and selects the statement's
     * RETURNING list from its rows, under the table's name or alias; the alias is returned.
     */
    static String selectFrom(Emitter em, Node stmt, String cte) {
        SqlWriter w = em.w;
        w.append(" RETURNING *) SELECT ");
        List<Node> returning = stmt.list("returningList");
        for (int i = 0; i < returning.size(); i++) {
            if (i > 0) w.append(", ");
            em.resTarget(returning.get(i));
        }
        String alias = alias(stmt);
        w.append(" FROM ").append(cte).append(" AS ").ident(alias);
        return alias;
    }

    /** The name the statement's RETURNING calls the changed table by: its alias, else its name. */
    static String alias(Node stmt) {
        Node rel = stmt.node("relation");
        return rel.node("alias") != null ? rel.node("alias").str("aliasname") : rel.str("relname");
    }
}
