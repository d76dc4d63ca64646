package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows an {@code INSERT … VALUES … ON CONFLICT} proposes are checked as PostgreSQL checks them,
 * before it looks for a conflict: a NULL for a NOT NULL column (23502), a string too long for a
 * varchar(n) or char(n) column (22001), a row a CHECK constraint refuses (23514). DuckDB checks
 * only the rows it inserts, so a proposed row that conflicts — updated instead, or skipped — went
 * unchecked, and with it the rest of the batch went in where PostgreSQL refuses the statement.
 * <p>Each row's checks read its values (columns left out: their defaults) a second time, so they
 * apply to values that are the same when read again — constants, parameters, casts and operators
 * over them; a check reading another value (a function's, a subquery's, a sequence's) is left to
 * DuckDB as before. The checks go around one value of the row, one that no unique key reads (the
 * keys' values are what orders RETURNING, {@link UpsertOrder}).
 */
final class ConflictRowChecks {
    private ConflictRowChecks() {}

    /** A value of the row that cannot be read again (or is not known here). */
    private static final Node UNKNOWN = Node.of("Unknown");

    /** Called after the row's values are coerced to their columns (TargetCoercion) and before they are rewritten. */
    static void apply(Node stmt, CatalogView catalog) {
        Node select = stmt.node("selectStmt");
        if (stmt.node("onConflictClause") == null || select == null || !select.has("valuesLists")) return;
        Node rel = stmt.node("relation");
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null || r.view() || r.meta() == null) return;
        List<ColumnInfo> targets = TargetCoercion.targets(stmt, r);
        Set<String> keyColumns = new HashSet<>();
        for (TableMeta.Constraint c : r.meta().constraints()) if (c.key()) keyColumns.addAll(c.columns());
        // read once for the statement, whatever its number of rows: each column's default, each check's expression
        Map<String, Node> defaults = new HashMap<>();
        for (ColumnInfo c : r.columns()) defaults.put(c.name(), defaultValue(c));
        Map<String, Node> checks = new java.util.LinkedHashMap<>();
        for (TableMeta.Constraint k : r.meta().constraints()) {
            if (!k.type().equals("c") || k.expression() == null) continue;
            Node expr = Expressions.parsed(SchemaNames.write(ColumnMeta.form(k.expression(), false)));
            if (expr != null) checks.put(k.name(), expr);
        }
        for (Node row : select.list("valuesLists")) check(row.list("items"), targets, r, keyColumns, defaults, checks);
    }

    private static void check(List<Node> items, List<ColumnInfo> targets, Relation r, Set<String> keyColumns,
                              Map<String, Node> defaults, Map<String, Node> checks) {
        Map<String, Node> values = new HashMap<>();
        for (ColumnInfo c : r.columns()) {
            int i = indexOf(targets, c.name());
            Node v = i >= 0 && i < items.size() ? items.get(i) : null;
            values.put(c.name(), v == null || v.is("SetToDefault") ? defaults.get(c.name()) : repeatable(v) ? v : UNKNOWN);
        }
        StringBuilder sql = new StringBuilder("CASE");
        List<Node> args = new ArrayList<>();
        args.add(null); // {0}: the value the checks go around
        String table = r.name();
        for (ColumnInfo c : r.columns()) {
            Node v = values.get(c.name());
            if (v == UNKNOWN) continue;
            if (c.notNull()) {
                args.add(v.copy());
                sql.append(" WHEN {").append(args.size() - 1).append("} IS NULL THEN ")
                        .append(error("23502", "null value in column \"" + c.name() + "\" of relation \"" + table + "\" violates not-null constraint"));
            }
            PgTypeName t = c.pgType();
            if (t != null && !t.isArray() && t.typmod() > 4 && (t.name().equals("varchar") || t.name().equals("bpchar"))) {
                int n = t.typmod() - 4;
                args.add(v.copy());
                sql.append(" WHEN NOT pgwire.varchar_fits(CAST({").append(args.size() - 1).append("} AS VARCHAR), ").append(n).append(") THEN ")
                        .append(error("22001", "value too long for type " + (t.name().equals("varchar") ? "character varying(" : "character(") + n + ")"));
            }
        }
        for (Map.Entry<String, Node> k : checks.entrySet()) {
            Node expr = k.getValue().copy(); // this row's values put in place of its columns
            if (!substitute(expr, values, table)) continue;
            args.add(expr);
            sql.append(" WHEN ({").append(args.size() - 1).append("}) IS FALSE THEN ")
                    .append(error("23514", "new row for relation \"" + table + "\" violates check constraint \"" + k.getKey() + "\""));
        }
        if (args.size() == 1) return;
        int around = -1;
        for (int i = 0; i < items.size() && i < targets.size(); i++) {
            if (items.get(i).is("SetToDefault") || targets.get(i).pgType() == null) continue;
            if (around < 0 || !keyColumns.contains(targets.get(i).name())) around = i;
        }
        if (around < 0) return;
        // a parameter takes its column's type from where it stands: in the CASE it is cast to it
        // (an untyped '{x,y}' for a text[] column is read as the array the column takes)
        Node item = items.get(around);
        args.set(0, item.is("ParamRef") ? asColumn(item, targets.get(around)) : item);
        for (int i = 1; i < args.size(); i++) if (args.get(i).is("ParamRef")) args.set(i, asColumn(args.get(i), columnOf(args.get(i), items, targets)));
        PgTypeName t = targets.get(around).pgType();
        Node checked = Expressions.duckDb(sql.append(" ELSE {0} END").toString(), args.toArray(new Node[0]))
                .set(TypedRewrites.REWRITE_ARGS, true).set("pgType", (t.isArray() ? "_" : "") + t.name());
        items.set(around, checked);
    }

    /** Parameter {@code p} cast to column {@code c}'s DuckDB type (as it is, when the column is not known). */
    private static Node asColumn(Node p, ColumnInfo c) {
        if (c == null || c.duckDbType() == null) return p;
        return Expressions.duckDb("CAST({0} AS " + c.duckDbType() + ")", p).set(TypedRewrites.REWRITE_ARGS, true);
    }

    /** The column the row's value {@code value} (a copy of one of its items) is for, or null. */
    private static ColumnInfo columnOf(Node value, List<Node> items, List<ColumnInfo> targets) {
        for (int i = 0; i < items.size() && i < targets.size(); i++) {
            Node item = items.get(i);
            if (item.is("ParamRef") && item.num("number") == value.num("number")) return targets.get(i);
        }
        return null;
    }

    private static String error(String sqlState, String message) {
        return "error(" + SqlWriter.quoteLiteral("[pgwire:" + sqlState + "] " + message) + ")";
    }

    private static int indexOf(List<ColumnInfo> targets, String name) {
        for (int i = 0; i < targets.size(); i++) if (targets.get(i).name().equals(name)) return i;
        return -1;
    }

    /** A column's value where the row leaves it out: its constant default, NULL without one, else not known here. */
    private static Node defaultValue(ColumnInfo c) {
        if (c.generated() || c.sequence() != null || c.identity() != null && !c.identity().isEmpty()) return UNKNOWN;
        if (c.pgDefault() == null) return Node.of("A_Const").set("isnull", true).set("location", -1L);
        Node d = Expressions.parsed(SchemaNames.write(ColumnMeta.form(c.pgDefault(), false)));
        return d != null && repeatable(d) ? d : UNKNOWN;
    }

    /** Whether an expression gives the same value each time it is read: no call, subquery, column or clock. */
    private static boolean repeatable(Node e) {
        boolean[] ok = {true};
        TreeWalker.forEachNode(e, n -> {
            if (n.is("FuncCall") || n.is("SubLink") || n.is("ColumnRef") || n.is("SQLValueFunction") || n.is("RowExpr")) ok[0] = false;
            // serve's own spelling of a value (a coercion, a sequence's next value drawn for a serial column)
            if (n.is("DuckDbSql") && UpsertOrder.volatileText(n.str("sql"))) ok[0] = false;
        });
        return ok[0];
    }

    /** Puts the row's values for the columns {@code expr} names; false when one is not known. */
    private static boolean substitute(Node expr, Map<String, Node> values, String table) {
        boolean[] ok = {true};
        List<Node[]> replace = new ArrayList<>();
        TreeWalker.forEachNode(expr, n -> {
            if (n.is("SubLink")) ok[0] = false;
            for (Map.Entry<String, Object> f : n.fields().entrySet()) {
                if (f.getValue() instanceof Node child) {
                    if (child.is("ColumnRef")) replace.add(new Node[] {n, child});
                } else if (f.getValue() instanceof List<?> l) {
                    for (Object o : l) if (o instanceof Node child && child.is("ColumnRef")) replace.add(new Node[] {n, child});
                }
            }
        });
        if (expr.is("ColumnRef")) return false; // a bare column as the check (a boolean column): left to DuckDB
        for (Node[] pair : replace) {
            List<String> names = pair[1].names("fields");
            String column = names.size() == 1 ? names.get(0) : names.size() == 2 && names.get(0).equals(table) ? names.get(1) : null;
            Node v = column == null ? null : values.get(column);
            if (v == null || v == UNKNOWN) return false;
            Node parent = pair[0];
            for (Map.Entry<String, Object> f : List.copyOf(parent.fields().entrySet())) {
                if (f.getValue() == pair[1]) {
                    parent.set(f.getKey(), v.copy());
                } else if (f.getValue() instanceof List<?> l) {
                    @SuppressWarnings("unchecked") List<Object> items = (List<Object>) l;
                    for (int i = 0; i < items.size(); i++) if (items.get(i) == pair[1]) items.set(i, v.copy());
                }
            }
        }
        return ok[0];
    }
}
