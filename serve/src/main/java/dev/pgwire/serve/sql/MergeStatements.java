package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * MERGE, translated as INSERT and UPDATE are: PostgreSQL's assignment rules for what its actions
 * write (numeric scales and lengths checked, timestamps rounded to their precision, TargetCoercion)
 * and its expressions rewritten, where DuckDB would run PostgreSQL's text as written.
 */
final class MergeStatements {
    private MergeStatements() {}

    /**
     * The values of its INSERT actions and the SETs of its UPDATE actions assigned to the target's
     * columns as INSERT's and UPDATE's are, read where the target and the source are in scope.
     */
    static void assign(Node stmt, CatalogView catalog, TypeResolver types) {
        Node rel = stmt.node("relation");
        if (rel == null) return;
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r != null && r.view()) {
            throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot execute MERGE on relation \"" + r.name() + "\"").withDetail("This operation is not supported for views.");
        }
        if (r == null || stmt.node("sourceRelation") == null) return;
        List<Node> from = new ArrayList<>();
        from.add(Node.typed("RangeVar", rel));
        from.add(stmt.node("sourceRelation"));
        TypeResolver.Scope scope = TargetCoercion.scope(types, from);
        for (Node when : stmt.list("mergeWhenClauses")) {
            switch (when.str("commandType")) {
                case "CMD_UPDATE" -> TargetCoercion.setList(when.list("targetList"), r, types, scope);
                case "CMD_INSERT" -> {
                    List<Node> values = when.list("values");
                    List<Node> columns = when.list("targetList");
                    boolean overriding = when.str("override").equals("OVERRIDING_SYSTEM_VALUE");
                    if (columns.isEmpty() && values.size() < r.columns().size()) {
                        // fewer values than columns: the first ones, the rest their defaults (DuckDB wants them named)
                        List<Node> named = new ArrayList<>();
                        for (int i = 0; i < values.size(); i++) named.add(Node.of("ResTarget").set("name", r.columns().get(i).name()));
                        when.set("targetList", named);
                    }
                    for (int i = 0; i < values.size(); i++) {
                        ColumnInfo c = columns.isEmpty() ? (i < r.columns().size() ? r.columns().get(i) : null)
                                : i < columns.size() ? r.column(columns.get(i).str("name")) : null;
                        Node value = values.get(i);
                        if (c == null) continue;
                        TargetCoercion.checkIdentity(c, value, overriding);
                        if (value.is("SetToDefault")) continue;
                        values.set(i, TargetCoercion.coerce(value, c, types, scope));
                    }
                }
                default -> { }
            }
        }
    }

    /** The statement in DuckDB's grammar, which takes PostgreSQL's, its expressions translated. */
    static void write(Emitter em, Node s) {
        em.with(s.node("withClause"));
        em.w.append("MERGE INTO ");
        em.rangeVar(s.node("relation"), true);
        em.w.append(" USING ");
        em.fromItem(s.node("sourceRelation"));
        em.w.append(" ON ");
        em.expr(s.node("joinCondition"));
        for (Node when : s.list("mergeWhenClauses")) {
            em.w.append(when.bool("matched") ? " WHEN MATCHED" : " WHEN NOT MATCHED");
            if (when.node("condition") != null) {
                em.w.append(" AND ");
                em.expr(when.node("condition"));
            }
            em.w.append(" THEN ");
            switch (when.str("commandType")) {
                case "CMD_UPDATE" -> {
                    em.w.append("UPDATE SET ");
                    em.setList(when.list("targetList"));
                }
                case "CMD_DELETE" -> em.w.append("DELETE");
                case "CMD_NOTHING" -> em.w.append("DO NOTHING");
                case "CMD_INSERT" -> {
                    // OVERRIDING SYSTEM VALUE: an identity column takes the value given (assign checked that only then may it)
                    if (when.str("override").equals("OVERRIDING_USER_VALUE")) throw new Emitter.Untranslatable("OVERRIDING USER VALUE");
                    em.w.append("INSERT");
                    List<Node> columns = when.list("targetList");
                    if (!columns.isEmpty()) {
                        em.w.append(" (");
                        for (int i = 0; i < columns.size(); i++) {
                            if (i > 0) em.w.append(", ");
                            if (columns.get(i).has("indirection")) throw new Emitter.Untranslatable("MERGE INSERT into a field or element");
                            em.w.ident(columns.get(i).str("name"));
                        }
                        em.w.append(')');
                    }
                    List<Node> values = when.list("values");
                    if (values.isEmpty()) {
                        em.w.append(" DEFAULT VALUES");
                    } else {
                        em.w.append(" VALUES (");
                        for (int i = 0; i < values.size(); i++) {
                            if (i > 0) em.w.append(", ");
                            em.expr(values.get(i));
                        }
                        em.w.append(')');
                    }
                }
                default -> throw new Emitter.Untranslatable("MERGE " + when.str("commandType"));
            }
        }
    }
}
