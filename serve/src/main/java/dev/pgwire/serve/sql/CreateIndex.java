package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * CREATE [UNIQUE] INDEX (part of {@link DdlEmitter}): a DuckDB index over the same keys — a
 * partial unique index's keys NULL outside its predicate, so that only the rows it covers can
 * collide — with the definition PostgreSQL shows (pg_get_indexdef: keys, expressions, method,
 * operator classes, INCLUDE, predicate) kept in the index's comment, and a unique index recorded
 * among its table's constraints, for the errors that name it.
 */
public final class CreateIndex {
    private final Emitter em;
    private final SessionContext session;
    /** Statements that follow the CREATE INDEX in the script. */
    private final List<String> after;

    CreateIndex(Emitter em, SessionContext session, List<String> after) {
        this.em = em;
        this.session = session;
        this.after = after;
    }

    void write(Node s) {
        SqlWriter w = em.w;
        // a partial unique index: each key is NULL outside the predicate, and NULL keys never collide
        Node partial = s.bool("unique") ? s.node("whereClause") : null;
        if (s.bool("nulls_not_distinct")) {
            throw DdlEmitter.unsupported("CREATE UNIQUE INDEX … NULLS NOT DISTINCT")
                    .withDetail("DuckDB's unique indexes let NULL keys repeat, so serve could not enforce it.");
        }
        Node rel = s.node("relation");
        List<Node> elems = s.list("indexParams");
        IndexKeys.refuseArrays(elems, session.catalog().relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"),
                rel.str("relname")));
        String name = s.str("idxname");
        if (name.isEmpty()) name = indexName(rel, elems);
        w.append(s.bool("unique") ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
        if (s.bool("if_not_exists")) w.append("IF NOT EXISTS ");
        w.ident(name).append(" ON ");
        em.rangeVar(rel, false);
        w.append(" (");
        for (int i = 0; i < elems.size(); i++) {
            if (i > 0) w.append(", ");
            Node e = elems.get(i);
            if (partial != null) {
                w.append("(CASE WHEN (");
                em.expr(partial);
                w.append(") THEN (");
            } else if (e.node("expr") != null) {
                w.append('(');
            }
            if (e.node("expr") != null) {
                em.expr(e.node("expr"));
            } else {
                w.ident(e.str("name"));
            }
            if (partial != null) {
                w.append(") END)");
            } else if (e.node("expr") != null) {
                w.append(')');
            }
        }
        // an index is an access path: DuckDB's cover all rows, which a partial (non-unique) one's answers include
        w.append(')');
        indexDefinition(s, name, rel, elems);
        if (s.bool("unique")) {
            // a unique index is what PostgreSQL's errors name when it is violated
            CatalogView.Relation r = session.catalog().relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"),
                    rel.str("relname"));
            if (r != null && !r.view()) {
                List<String> cols = new ArrayList<>();
                for (Node e : elems) if (e.node("expr") == null) cols.add(e.str("name"));
                String predicate = partial == null ? null : PgDeparse.text(partial, null, columnTypes(r), false);
                if (partial != null && predicate == null) throw DdlEmitter.unsupported("this partial unique index's predicate");
                TableMeta meta = r.meta().withConstraint(new TableMeta.Constraint(name, "u", cols, null, List.of(), predicate, true, false,
                        null, cols.size() < elems.size()));
                after.add("COMMENT ON TABLE " + DdlEmitter.qualifiedRelation(r.schema().equals("pg_temp") ? null : r.schema(), r.name())
                        + " IS " + SqlWriter.quoteLiteral(meta.write()));
            }
        }
    }

    /** Records the index as PostgreSQL shows it (pg_get_indexdef): its keys, expressions and predicate. */
    private void indexDefinition(Node s, String name, Node rel, List<Node> elems) {
        String schema = DdlEmitter.schemaOf(rel, session);
        CatalogView.Relation r = session.catalog().relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"),
                rel.str("relname"));
        if (r == null) return;
        ObjectMeta meta = describe(s, name, r.schema(), r.name(), columnTypes(r));
        if (meta == null) return;
        after.add("COMMENT ON INDEX " + DdlEmitter.qualifiedRelation(r.schema().equals("pg_temp") ? null : schema, name) + " IS "
                + SqlWriter.quoteLiteral(meta.write()));
    }

    /**
     * What serve keeps of an index (CREATE INDEX {@code s} named {@code name} on {@code
     * schema.table}): its definition as pg_get_indexdef shows it, its keys (an expression's plain
     * and pretty forms), its predicate and each key's indoption. Null where an expression cannot be
     * written as PostgreSQL does.
     */
    static ObjectMeta describe(Node s, String name, String schema, String table, java.util.function.Function<String, PgTypeName> columns) {
        List<Node> elems = s.list("indexParams");
        List<String> keys = new ArrayList<>();
        List<String> recorded = new ArrayList<>(); // each key, an expression's with pg_get_indexdef(index, n, true)'s form
        for (Node e : elems) {
            String key = keyText(e, columns, false);
            if (key == null) return null;
            keys.add(key);
            if (e.node("expr") == null) {
                recorded.add(key);
                continue;
            }
            String pretty = keyText(e, columns, true);
            recorded.add(pretty == null || pretty.equals(keys.get(keys.size() - 1)) ? keys.get(keys.size() - 1)
                    : keys.get(keys.size() - 1) + ColumnMeta.PRETTY_SEPARATOR + pretty);
        }
        List<String> options = IndexKeys.options(elems);
        String method = s.str("accessMethod") == null || s.str("accessMethod").isEmpty() ? "btree" : s.str("accessMethod");
        String head = (s.bool("unique") ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + dev.pgwire.serve.catalog.TypeNames.quoteIdent(name)
                + " ON " + dev.pgwire.serve.catalog.TypeNames.quoteIdent(schema) + "." + dev.pgwire.serve.catalog.TypeNames.quoteIdent(table)
                + " USING " + method + " (";
        StringBuilder def = new StringBuilder(head);
        StringBuilder pretty = new StringBuilder(head); // pg_get_indexdef(oid, 0, true), psql's \d: each expression's pretty form
        for (int i = 0; i < elems.size(); i++) {
            String decoration = IndexKeys.decoration(elems.get(i));
            def.append(i > 0 ? ", " : "").append(keys.get(i)).append(decoration);
            pretty.append(i > 0 ? ", " : "").append(ColumnMeta.form(recorded.get(i), true)).append(decoration);
        }
        def.append(')');
        pretty.append(')');
        List<String> included = new ArrayList<>();
        for (Node e : s.list("indexIncludingParams")) included.add(dev.pgwire.serve.catalog.TypeNames.quoteIdent(e.str("name")));
        if (!included.isEmpty()) {
            def.append(" INCLUDE (").append(String.join(", ", included)).append(')');
            pretty.append(" INCLUDE (").append(String.join(", ", included)).append(')');
        }
        String where = null;
        if (s.node("whereClause") != null) {
            where = PgDeparse.text(s.node("whereClause"), null, columns, false);
            if (where == null) return null;
            def.append(" WHERE ").append(where);
            // psql's \d asks for the pretty form (no parentheses around the whole predicate)
            where = ColumnMeta.expressionPair(where, PgDeparse.text(s.node("whereClause"), null, columns, true));
            pretty.append(" WHERE ").append(ColumnMeta.form(where, true));
        }
        return new ObjectMeta(def.toString(), recorded, null, null, null, where, pretty.toString().equals(def.toString()) ? null
                : pretty.toString(), options);
    }

    /**
     * Index key {@code e} (an IndexElem) as pg_get_indexdef shows it: a column's quoted name, an
     * expression's text — in parentheses unless it looks like a function call, as ruleutils writes
     * it; null where the expression cannot be written as PostgreSQL does.
     */
    static String keyText(Node e, java.util.function.Function<String, PgTypeName> columns, boolean pretty) {
        if (e.node("expr") == null) return dev.pgwire.serve.catalog.TypeNames.quoteIdent(e.str("name"));
        String text = PgDeparse.text(e.node("expr"), null, columns, pretty);
        if (text == null) return null;
        // ruleutils' looks_like_function: these need no parentheses of their own
        Node expr = e.node("expr");
        boolean function = expr.is("FuncCall") || expr.is("SQLValueFunction") || expr.is("CoalesceExpr") || expr.is("MinMaxExpr");
        return function ? text : "(" + text + ")";
    }

    /**
     * An index's comment (its {@link ObjectMeta}) after column {@code from} of its table was renamed
     * {@code to}: its definition read back and written again with the new name — keys,
     * expressions, predicate — its description kept; null where it cannot be (then DuckDB's own
     * text of the index stands).
     */
    public static String renamedColumn(String comment, String from, String to, java.util.function.Function<String, PgTypeName> columns) {
        ObjectMeta meta = ObjectMeta.read(comment);
        if (meta.definition() == null) return comment;
        try {
            List<PgParser.Statement> parsed = PgParser.parse(meta.definition());
            if (parsed.size() != 1 || !parsed.get(0).tree().is("IndexStmt")) return null;
            Node s = parsed.get(0).tree();
            for (Node e : s.list("indexParams")) if (from.equals(e.str("name"))) e.set("name", to);
            for (Node e : s.list("indexIncludingParams")) if (from.equals(e.str("name"))) e.set("name", to);
            ColumnRename.references(s, from, to);
            Node rel = s.node("relation");
            ObjectMeta renamed = describe(s, s.str("idxname"), rel.str("schemaname"), rel.str("relname"), columns);
            return renamed == null ? null : renamed.withDescription(meta.description()).write();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A table's columns' PostgreSQL types, for writing its expressions as PostgreSQL shows them. */
    static java.util.function.Function<String, PgTypeName> columnTypes(CatalogView.Relation r) {
        return c -> {
            CatalogView.ColumnInfo info = r.column(c);
            if (info == null) return null;
            if (info.pgType() != null) return info.pgType();
            SqlType t = SqlType.ofDuckDb(info.duckDbType());
            return t == null ? null : t.asTypeName();
        };
    }

    /**
     * The name PostgreSQL gives an index made without one (ChooseIndexName): the table's name, each
     * key's — a column's, an expression's as a result column would be named, else {@code expr} —
     * and {@code idx}, followed by a number where an index or relation of the schema has it.
     */
    private String indexName(Node rel, List<Node> elems) {
        List<String> keys = new ArrayList<>();
        for (Node e : elems) {
            if (e.node("expr") == null) {
                keys.add(e.str("name"));
            } else {
                String figured = ColumnNames.nameOf(e.node("expr"));
                keys.add(figured.equals(ColumnNames.NAMELESS) ? "expr" : figured);
            }
        }
        String schema = rel.str("schemaname").isEmpty() ? null : rel.str("schemaname");
        CatalogView.Relation r = session.catalog().relation(schema, rel.str("relname"));
        java.util.Set<String> taken = new java.util.HashSet<>();
        if (r != null) {
            for (CatalogView.IndexInfo i : session.catalog().indexes(r)) taken.add(i.name());
            for (TableMeta.Constraint c : r.meta().constraints()) if (c.type().equals("p") || c.type().equals("u")) taken.add(c.name());
        }
        String name = TableMeta.defaultName(rel.str("relname"), keys, "idx");
        for (int n = 1; taken.contains(name) || session.catalog().relation(schema, name) != null; n++) {
            name = TableMeta.defaultName(rel.str("relname"), keys, "idx" + n);
        }
        return name;
    }
}
