package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.List;

/**
 * {@code UPDATE … SET tags[2] = 'x'}: the element assigned as
 * PostgreSQL assigns it, the column set to its array with that element replaced — past the end
 * the array grows, NULLs filling the gap ({@code {1,2,3}} with [5] = 7 is {@code {1,2,3,NULL,7}}),
 * and a NULL array with [1] = x is {@code {x}}; several elements of one column in one SET apply in
 * turn. DuckDB has no assignment to an element. A NULL subscript is 22004 as in PostgreSQL; a
 * subscript below 1, or past 1 of a NULL array (which PostgreSQL gives other lower bounds than 1,
 * as serve's arrays do not have), a slice, an element of an array of several dimensions and an
 * element in ON CONFLICT … DO UPDATE (whose values DuckDB computes for inserted rows too) are
 * refused (0A000).
 */
final class ArrayAssignments {
    private ArrayAssignments() {}

    static void apply(Node stmt, CatalogView catalog) {
        Node rel = stmt.node("relation");
        if (rel == null || catalog == null) return;
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null || r.view()) return;
        if (stmt.is("UpdateStmt")) assign(stmt.list("targetList"), r);
        Node conflict = stmt.node("onConflictClause");
        if (conflict == null) return;
        for (Node t : conflict.list("targetList")) {
            // DuckDB computes DO UPDATE's values for the rows it inserts too, where the element's checks would fail them
            if (!t.list("indirection").isEmpty() && t.list("indirection").stream().allMatch(s -> s.is("A_Indices"))) {
                throw DdlEmitter.unsupported("assignments to an array element in ON CONFLICT … DO UPDATE")
                        .withHint("Assign the whole array: SET " + t.str("name") + " = …");
            }
        }
    }

    private static void assign(List<Node> targets, Relation r) {
        java.util.Map<String, Node> assigned = new java.util.HashMap<>(); // a column's element assignment so far in this SET
        for (int k = 0; k < targets.size(); k++) {
            Node t = targets.get(k);
            List<Node> steps = t.list("indirection");
            if (steps.isEmpty() || !steps.stream().allMatch(s -> s.is("A_Indices"))) continue;
            ColumnInfo c = r.column(t.str("name"));
            if (c == null || c.pgType() == null || !c.pgType().isArray()) continue;
            if (steps.size() > 1 || c.pgType().dimensions() > 1 || steps.get(0).bool("is_slice")) {
                throw DdlEmitter.unsupported("assignments to a slice or to an element of an array of several dimensions")
                        .withHint("Assign the whole array: SET " + c.name() + " = …");
            }
            PgTypeName element = new PgTypeName(c.pgType().name(), -1, 0, c.pgType().builtin());
            // SET a[1] = x, a[2] = y: the second applies to the array the first made, as in PostgreSQL
            Node before = assigned.get(c.name());
            Node column = before != null ? before.node("val") : Node.of("ColumnRef")
                    .set("fields", new java.util.ArrayList<>(List.of(Node.string(c.name())))).set("location", t.location());
            Node subscript = SqlType.INT4.cast(steps.get(0).node("uidx"), t.location()); // '2' too
            // the value as the element's type (a string constant read by its input); a type of the database's as it is
            Node value = element.builtin() ? SqlType.of(element).cast(t.node("val"), t.location()) : t.node("val");
            Node assignment = Expressions.duckDb("CASE WHEN {1} IS NULL THEN error('[pgwire:22004] array subscript in assignment must not be null')"
                    + " WHEN {1} < 1 OR {0} IS NULL AND {1} <> 1 THEN error('[pgwire:0A000] assigning to an element before the array''s first"
                    + " (or past the first of a NULL array) is not supported')"
                    + " ELSE list_concat(list_concat(list_resize(coalesce(list_slice({0}, 1, {1} - 1), []), {1} - 1), [{2}]),"
                    + " coalesce(list_slice({0}, {1} + 1, len({0})), [])) END",
                    column, subscript, value)
                    .set(TypedRewrites.REWRITE_ARGS, true).set("pgType", "_" + element.name());
            t.set("indirection", null);
            t.set("val", assignment);
            if (before != null) {
                targets.remove(before);
                k--;
            }
            assigned.put(c.name(), t);
        }
    }
}
