package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code INSERT … ON CONFLICT} of several proposed rows, where DuckDB's own check of the rows
 * against each other differs from PostgreSQL: it takes two rows whose key is NULL for the same key
 * and silently drops the second (NULL never conflicts in PostgreSQL), and under DO UPDATE it keeps
 * one of two rows proposing one key where PostgreSQL refuses the statement (21000).
 * <ul>
 * <li>DO NOTHING runs as a plain INSERT of the proposed rows that conflict with nothing, in their
 * order: a row goes in when, for every arbiter, its key has a NULL, or no row of the table has the
 * key and no earlier proposed row has it.
 * <pre>
 * WITH pgwire_rows AS MATERIALIZED (SELECT *, row_number() OVER () AS pgwire_ord FROM (&lt;rows&gt;) AS pgwire_s(pgwire_c1, …))
 * INSERT INTO t (…) SELECT pgwire_c1, … FROM (SELECT *, row_number() OVER (PARTITION BY &lt;key&gt; ORDER BY pgwire_ord) AS pgwire_f1 …
 *     FROM pgwire_rows) AS pgwire_q
 * WHERE (&lt;key has a NULL&gt; OR pgwire_f1 = 1 AND NOT EXISTS (SELECT 1 FROM t WHERE &lt;key&gt; = …)) AND … ORDER BY pgwire_ord
 * </pre>
 * Without a conflict target every unique key of the table is an arbiter, except one whose columns
 * the INSERT leaves to their defaults; a table without any is a plain INSERT (DuckDB refuses DO
 * NOTHING there).</li>
 * <li>DO UPDATE keeps DuckDB's upsert, over the rows numbered once, and first checks them: two
 * with one key are 21000; two whose key has a NULL are refused (0A000) rather than one lost.</li>
 * </ul>
 */
final class ConflictBatches {
    private ConflictBatches() {}

    /** The field of an InsertStmt run as DO NOTHING of several rows: its arbiters, each a list of {@code UpsertKey} nodes. */
    static final String NOTHING = "pgwire_conflict_nothing";
    /** The field of an InsertStmt run as DO UPDATE of several rows: the arbiter's {@code UpsertKey} nodes. */
    static final String UPDATE = "pgwire_conflict_update";

    /**
     * Marks {@code stmt} (an InsertStmt, typed and coerced) when it is DO NOTHING of several rows,
     * before {@link UpsertOrder} would: as a plain INSERT its RETURNING rows come in proposed order.
     */
    static void markNothing(Node stmt, CatalogView catalog) {
        Node conflict = stmt.node("onConflictClause");
        if (conflict == null || !"ONCONFLICT_NOTHING".equals(conflict.str("action")) || UpsertOrder.readsXmax(stmt)) return;
        mark(stmt, catalog, true);
    }

    /** Marks {@code stmt} when it is DO UPDATE of several rows that {@link UpsertOrder} did not take. */
    static void markUpdate(Node stmt, CatalogView catalog) {
        Node conflict = stmt.node("onConflictClause");
        if (conflict == null || !"ONCONFLICT_UPDATE".equals(conflict.str("action")) || stmt.has(UpsertOrder.FIELD)) return;
        mark(stmt, catalog, false);
    }

    private static void mark(Node stmt, CatalogView catalog, boolean nothing) {
        Node conflict = stmt.node("onConflictClause");
        Node select = stmt.node("selectStmt");
        if (select == null || ReturningQuery.applies(stmt)) return;
        Node rel = stmt.node("relation");
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null || r.view() || r.meta() == null) return;
        Node infer = conflict.node("infer");
        if (nothing && infer == null && r.meta().constraints().stream().noneMatch(TableMeta.Constraint::key)) {
            stmt.set("onConflictClause", null); // nothing can conflict: PostgreSQL inserts every row
            return;
        }
        boolean values = select.has("valuesLists");
        if (values && select.list("valuesLists").size() < 2) return;
        if (stmt.has("withClause") || values && hasDefault(select)) return;
        for (Node c : stmt.list("cols")) if (c.has("indirection")) return;
        List<ColumnInfo> targets = TargetCoercion.targets(stmt, r);
        if (!stmt.has("cols")) {
            int width = width(select);
            if (width < 0 || width > targets.size()) return;
            targets = targets.subList(0, width);
        }
        List<List<Node>> arbiters = new ArrayList<>();
        if (infer != null) {
            List<String> columns = new ArrayList<>();
            for (Node e : infer.list("indexElems")) {
                if (e.node("expr") != null || e.str("name").isEmpty()) return;
                columns.add(e.str("name"));
            }
            List<Node> key = key(columns, targets);
            if (key == null) return;
            arbiters.add(key);
        } else {
            for (TableMeta.Constraint c : r.meta().constraints()) {
                if (!c.key()) continue;
                List<Node> key = key(c.columns(), targets);
                if (key != null) arbiters.add(key); // a key left to its defaults (a serial, an identity) is the table's to make unique
            }
        }
        stmt.set("pgwire_conflict_width", (long) targets.size());
        if (nothing) {
            List<Node> holders = new ArrayList<>();
            for (List<Node> key : arbiters) holders.add(Node.of("Arbiter").set("keys", key));
            stmt.set(NOTHING, holders);
            stmt.set("onConflictClause", null);
        } else {
            stmt.set(UPDATE, arbiters.get(0));
        }
    }

    /** How many columns {@code select} gives, when its text tells (no star, no set operation); else -1. */
    private static int width(Node select) {
        if (select.has("valuesLists")) return select.list("valuesLists").get(0).list("items").size();
        if (!"SETOP_NONE".equals(select.str("op")) && select.has("op")) return -1;
        List<Node> targets = select.list("targetList");
        for (Node t : targets) {
            Node val = t.node("val");
            if (val == null || val.is("ColumnRef") && val.names("fields").contains("*")) return -1;
        }
        return targets.isEmpty() ? -1 : targets.size();
    }

    private static boolean hasDefault(Node select) {
        boolean[] found = {false};
        for (Node row : select.list("valuesLists")) {
            TreeWalker.forEachNode(row, n -> found[0] |= n.type() != null && n.is("SetToDefault"));
        }
        return found[0];
    }

    /** The key {@code columns} as nodes (name, index among the targets, DuckDB type); null when one is not a target. */
    private static List<Node> key(List<String> columns, List<ColumnInfo> targets) {
        if (columns.isEmpty()) return null;
        Set<String> seen = new HashSet<>();
        List<Node> key = new ArrayList<>();
        for (String column : columns) {
            if (!seen.add(column)) continue;
            int index = -1;
            for (int i = 0; i < targets.size(); i++) if (targets.get(i).name().equals(column)) index = i;
            if (index < 0) return null;
            key.add(Node.of("UpsertKey").set("name", column).set("index", (long) index).set("duckDbType", targets.get(index).duckDbType()));
        }
        return key;
    }

    /** Writes {@code stmt}, marked by {@link #mark}. */
    static void write(Emitter em, Node stmt) {
        SqlWriter w = em.w;
        int n = (int) stmt.num("pgwire_conflict_width");
        w.append("WITH pgwire_rows AS MATERIALIZED (SELECT *, row_number() OVER () AS pgwire_ord FROM (");
        em.statement(stmt.node("selectStmt"));
        w.append(") AS pgwire_s(");
        for (int i = 0; i < n; i++) w.append(i > 0 ? ", " : "").append("pgwire_c").append(i + 1);
        w.append(")) ");
        em.insertBody(stmt, () -> {
            w.append("SELECT ");
            for (int i = 0; i < n; i++) w.append(i > 0 ? ", " : "").append("pgwire_c").append(i + 1);
            if (stmt.has(NOTHING)) nothing(em, stmt); else update(w, stmt.list(UPDATE));
            w.append(" ORDER BY pgwire_ord");
        });
    }

    private static void nothing(Emitter em, Node stmt) {
        SqlWriter w = em.w;
        List<Node> arbiters = stmt.list(NOTHING);
        w.append(" FROM (SELECT *");
        for (int a = 0; a < arbiters.size(); a++) {
            w.append(", row_number() OVER (PARTITION BY ");
            List<Node> key = arbiters.get(a).list("keys");
            for (int k = 0; k < key.size(); k++) w.append(k > 0 ? ", " : "").append(value(key.get(k), ""));
            w.append(" ORDER BY pgwire_ord) AS pgwire_f").append(a + 1);
        }
        w.append(" FROM pgwire_rows) AS pgwire_q");
        for (int a = 0; a < arbiters.size(); a++) {
            List<Node> key = arbiters.get(a).list("keys");
            w.append(a == 0 ? " WHERE (" : " AND (").append(UpsertOrder.anyNull(key)).append(" OR pgwire_f").append(a + 1)
                    .append(" = 1 AND NOT EXISTS (SELECT 1 FROM ");
            em.rangeVar(Node.typed("RangeVar", stmt.node("relation")).copy().set("alias", null), false);
            w.append(" AS pgwire_t WHERE ");
            for (int k = 0; k < key.size(); k++) {
                w.append(k > 0 ? " AND " : "").append("pgwire_t.").ident(key.get(k).str("name")).append(" = ")
                        .append(value(key.get(k), "pgwire_q."));
            }
            w.append("))");
        }
    }

    private static void update(SqlWriter w, List<Node> key) {
        StringBuilder distinct = new StringBuilder(key.size() > 1 ? "row(" : "");
        for (int k = 0; k < key.size(); k++) distinct.append(k > 0 ? ", " : "").append(value(key.get(k), ""));
        if (key.size() > 1) distinct.append(')');
        w.append(" FROM pgwire_rows WHERE (").append(UpsertOrder.keyCheck(key, distinct.toString())).append(" FROM pgwire_rows)");
    }

    /** A proposed row's key column as the column's type (the rows' own values may be of another). */
    private static String value(Node key, String qualifier) {
        return "CAST(" + qualifier + "pgwire_c" + (key.num("index") + 1) + " AS " + key.str("duckDbType") + ")";
    }
}
