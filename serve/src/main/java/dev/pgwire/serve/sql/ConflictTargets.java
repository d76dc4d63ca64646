package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * The conflict target and DO UPDATE SET of {@code INSERT … ON CONFLICT} (part of {@link
 * TargetCoercion}): the target checked and named by columns as DuckDB names it (ON CONSTRAINT),
 * the SET list assigned as an UPDATE's, and what DuckDB's upsert cannot do refused.
 */
final class ConflictTargets {
    private ConflictTargets() {}

    /** ON CONFLICT … DO UPDATE SET of an INSERT into {@code stmt}'s relation. */
    static void onConflict(Node stmt, CatalogView catalog, TypeResolver types) {
        Node conflict = stmt.node("onConflictClause");
        if (conflict == null) return;
        Node rel = stmt.node("relation");
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null) return;
        Node infer = conflict.node("infer");
        if (infer == null && "ONCONFLICT_UPDATE".equals(conflict.str("action"))) {
            PgException e = new PgException(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires inference specification or constraint name")
                    .withHint("For example, ON CONFLICT (column_name).");
            throw conflict.has("location") ? e.withPosition(conflict.location() + 1) : e;
        }
        if (infer != null && !infer.str("conname").isEmpty()) onConstraint(infer, r);
        if (infer != null && infer.has("indexElems") && "ONCONFLICT_UPDATE".equals(conflict.str("action"))) partialArbiter(infer, r);
        if (infer != null && "ONCONFLICT_UPDATE".equals(conflict.str("action"))) sameKeyTwice(stmt, infer, r);
        if (!conflict.has("targetList")) return;
        Node table = Node.typed("RangeVar", rel);
        Node excluded = table.copy().set("alias", Node.of("Alias").set("aliasname", "excluded"));
        TargetCoercion.setList(conflict.list("targetList"), r, types, TargetCoercion.scope(types, new ArrayList<>(List.of(table, excluded))));
    }

    /**
     * ON CONFLICT DO UPDATE whose VALUES propose the same key twice: PostgreSQL refuses the whole
     * statement (21000), where DuckDB would keep one of the rows and drop the other. Checked here
     * for keys written as constants.
     */
    private static void sameKeyTwice(Node stmt, Node infer, Relation r) {
        Node select = stmt.node("selectStmt");
        if (select == null || !select.has("valuesLists")) return;
        List<String> columns = new ArrayList<>();
        if (stmt.has("cols")) for (Node c : stmt.list("cols")) columns.add(c.str("name"));
        else for (ColumnInfo c : r.columns()) columns.add(c.name());
        List<Integer> keys = new ArrayList<>();
        for (Node e : infer.list("indexElems")) {
            if (e.node("expr") != null || !columns.contains(e.str("name"))) return;
            keys.add(columns.indexOf(e.str("name")));
        }
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (Node row : select.list("valuesLists")) {
            List<Node> items = row.list("items");
            List<String> key = new ArrayList<>();
            for (int k : keys) {
                Node v = k < items.size() ? items.get(k) : null;
                if (v == null || !v.is("A_Const") || v.bool("isnull")) return; // a computed, NULL or parameter key: not checked here
                key.add(String.valueOf(v.fields().values().iterator().next()));
            }
            if (!seen.add(key)) {
                throw new PgException("21000", "ON CONFLICT DO UPDATE command cannot affect row a second time")
                        .withHint("Ensure that no rows proposed for insertion within the same command have duplicate constrained values.");
            }
        }
    }

    /**
     * DO UPDATE of a conflict target only a partial unique index or one on expressions matches:
     * DuckDB's ON CONFLICT names keys of the whole table, so the statement is refused rather than
     * run against another arbiter (DO NOTHING takes them: ConflictBatches).
     */
    private static void partialArbiter(Node infer, Relation r) {
        java.util.Set<String> target = new java.util.HashSet<>();
        for (Node e : infer.list("indexElems")) {
            if (e.node("expr") != null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ON CONFLICT DO UPDATE with a unique index on expressions as arbiter"
                        + " is not supported").withDetail("DuckDB's ON CONFLICT only takes columns of the table as keys.");
            }
            target.add(e.str("name"));
        }
        boolean partial = false;
        for (TableMeta.Constraint c : r.meta().constraints()) {
            if (c.key() && target.equals(new java.util.HashSet<>(c.columns()))) return;
            partial |= c.partialUnique() && target.equals(new java.util.HashSet<>(c.columns()));
        }
        if (partial) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ON CONFLICT DO UPDATE with a partial unique index as arbiter is not supported")
                    .withDetail("A partial unique index is enforced, but DuckDB's ON CONFLICT only takes keys of the whole table.");
        }
    }

    /**
     * ON CONFLICT ON CONSTRAINT name: the columns of that primary key or unique constraint, which
     * is how DuckDB names a conflict target.
     */
    private static void onConstraint(Node infer, Relation r) {
        String name = infer.str("conname");
        TableMeta.Constraint c = r.meta().constraint(name);
        if (c == null || c.index()) { // a unique index made by CREATE UNIQUE INDEX is no constraint
            throw new PgException(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" for table \"" + r.name() + "\" does not exist");
        }
        if (!c.type().equals("p") && !c.type().equals("u")) {
            throw new PgException("42809", "constraint in ON CONFLICT clause has no associated index");
        }
        List<Node> elems = new ArrayList<>();
        for (String column : c.columns()) elems.add(Node.of("IndexElem").set("name", column));
        infer.set("conname", null).set("indexElems", elems);
    }
}
