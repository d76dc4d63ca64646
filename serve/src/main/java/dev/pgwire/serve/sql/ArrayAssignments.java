package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.List;

/**
 * {@code UPDATE … SET tags[2] = 'x'} (and in ON CONFLICT … DO UPDATE): the element assigned as
 * PostgreSQL assigns it, the column set to its array with that element replaced — past the end
 * the array grows, NULLs filling the gap ({@code {1,2,3}} with [5] = 7 is {@code {1,2,3,NULL,7}}),
 * and a NULL array with [1] = x is {@code {x}}. DuckDB has no assignment to an element. A NULL
 * subscript is 22004 as in PostgreSQL; a subscript below 1, or past 1 of a NULL array (which
 * PostgreSQL gives other lower bounds than 1, as serve's arrays do not have), a slice and an
 * element of an array of several dimensions are refused (0A000).
 */
final class ArrayAssignments {
    private ArrayAssignments() {}

    static void apply(Node stmt, CatalogView catalog) {
        Node rel = stmt.node("relation");
        if (rel == null || catalog == null) return;
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null || r.view()) return;
        assign(stmt.list("targetList"), r, stmt.is("UpdateStmt"));
        Node conflict = stmt.node("onConflictClause");
        if (conflict != null) assign(conflict.list("targetList"), r, true);
    }

    private static void assign(List<Node> targets, Relation r, boolean set) {
        if (!set) return;
        for (Node t : targets) {
            List<Node> steps = t.list("indirection");
            if (steps.isEmpty() || !steps.stream().allMatch(s -> s.is("A_Indices"))) continue;
            ColumnInfo c = r.column(t.str("name"));
            if (c == null || c.pgType() == null || !c.pgType().isArray()) continue;
            if (steps.size() > 1 || c.pgType().dimensions() > 1 || steps.get(0).bool("is_slice")) {
                throw DdlEmitter.unsupported("assignments to a slice or to an element of an array of several dimensions")
                        .withHint("Assign the whole array: SET " + c.name() + " = …");
            }
            PgTypeName element = new PgTypeName(c.pgType().name(), -1, 0, c.pgType().builtin());
            Node column = Node.of("ColumnRef").set("fields", new java.util.ArrayList<>(List.of(Node.string(c.name()))))
                    .set("location", t.location());
            // the value as the element's type (a string constant read by its input); a type of the database's as it is
            Node value = element.builtin() ? SqlType.of(element).cast(t.node("val"), t.location()) : t.node("val");
            Node assigned = Expressions.duckDb("CASE WHEN {1} IS NULL THEN error('[pgwire:22004] array subscript in assignment must not be null')"
                    + " WHEN {1} < 1 OR {0} IS NULL AND {1} <> 1 THEN error('[pgwire:0A000] assigning to an element before the array''s first"
                    + " (or past the first of a NULL array) is not supported')"
                    + " ELSE list_concat(list_concat(list_resize(coalesce(list_slice({0}, 1, {1} - 1), []), {1} - 1), [{2}]),"
                    + " coalesce(list_slice({0}, {1} + 1, len({0})), [])) END",
                    column, steps.get(0).node("uidx"), value)
                    .set(TypedRewrites.REWRITE_ARGS, true).set("pgType", "_" + element.name());
            t.set("indirection", null);
            t.set("val", assigned);
        }
    }
}
