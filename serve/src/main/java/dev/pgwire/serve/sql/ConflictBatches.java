package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
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
 * NOTHING there).
 * <p>A unique index on expressions ({@code lower(email)}) or with a predicate is an arbiter DuckDB's
 * ON CONFLICT does not take; it is checked here, one row or several, its keys computed from each
 * proposed row — its columns named as the table's — and from the table's rows, a partial index's
 * each {@code CASE WHEN predicate THEN key END}, so that rows it does not cover never
 * conflict.</li>
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
    static void markNothing(Node stmt, CatalogView catalog, KeyTyping typing) {
        Node conflict = stmt.node("onConflictClause");
        if (conflict == null || !"ONCONFLICT_NOTHING".equals(conflict.str("action")) || UpsertOrder.readsXmax(stmt)) return;
        mark(stmt, catalog, true, typing);
        Node infer = stmt.node("onConflictClause") == null ? null : stmt.node("onConflictClause").node("infer");
        if (infer == null || stmt.has(NOTHING)) return;
        List<String> columns = plainTarget(infer);
        Relation r = relation(stmt, catalog);
        if (columns == null || wholeKey(columns, r) == null && r != null && r.meta().constraints().stream().anyMatch(ConflictBatches::indexed)) {
            // a target only an index of expressions or a partial one matches, which this statement could not check itself
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ON CONFLICT with this unique index as arbiter is not supported here")
                    .withDetail("An index on expressions or with a predicate is an arbiter of INSERT … VALUES without DEFAULT,"
                            + " or INSERT … SELECT whose WITH clause only queries.");
        }
    }

    /**
     * Rewrites expressions over the columns of table {@code rel} (an index's keys and predicate),
     * in place, as the statement's own expressions are rewritten.
     */
    interface KeyTyping {
        void rewrite(Node rel, List<Node> expressions);
    }

    private static Relation relation(Node stmt, CatalogView catalog) {
        Node rel = stmt.node("relation");
        return catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
    }

    /** Whether {@code c} is a unique index DuckDB's ON CONFLICT does not take: on expressions, or with a predicate. */
    private static boolean indexed(TableMeta.Constraint c) {
        return c.type().equals("u") && (c.partialUnique() || c.expressionKeys());
    }

    /** The conflict target's columns, or null when it names an expression. */
    private static List<String> plainTarget(Node infer) {
        if (!infer.has("indexElems")) return null;
        List<String> columns = new ArrayList<>();
        for (Node e : infer.list("indexElems")) {
            if (e.node("expr") != null || e.str("name").isEmpty()) return null;
            columns.add(e.str("name"));
        }
        return columns;
    }

    /** The primary key or unique constraint (over every row) of exactly {@code columns}, or null. */
    private static TableMeta.Constraint wholeKey(List<String> columns, Relation r) {
        if (r == null || r.meta() == null) return null;
        for (TableMeta.Constraint c : r.meta().constraints()) if (c.key() && new HashSet<>(c.columns()).equals(new HashSet<>(columns))) return c;
        return null;
    }

    /** Marks {@code stmt} when it is DO UPDATE of several rows that {@link UpsertOrder} did not take. */
    static void markUpdate(Node stmt, CatalogView catalog) {
        Node conflict = stmt.node("onConflictClause");
        if (conflict == null || !"ONCONFLICT_UPDATE".equals(conflict.str("action")) || stmt.has(UpsertOrder.FIELD)) return;
        mark(stmt, catalog, false, null);
    }

    private static void mark(Node stmt, CatalogView catalog, boolean nothing, KeyTyping typing) {
        Node conflict = stmt.node("onConflictClause");
        Node select = stmt.node("selectStmt");
        if (select == null || ReturningQuery.applies(stmt)) return;
        Relation r = relation(stmt, catalog);
        if (r == null || r.view() || r.meta() == null) return;
        Node infer = conflict.node("infer");
        if (nothing && infer == null && r.meta().constraints().stream().noneMatch(c -> c.key() || indexed(c))) {
            stmt.set("onConflictClause", null); // nothing can conflict: PostgreSQL inserts every row
            return;
        }
        boolean values = select.has("valuesLists");
        // one row DuckDB's ON CONFLICT checks itself, unless an index of expressions or a partial one is an arbiter
        boolean byIndex = nothing && (infer == null ? r.meta().constraints().stream().anyMatch(ConflictBatches::indexed)
                : plainTarget(infer) == null || wholeKey(plainTarget(infer), r) == null);
        if (values && select.list("valuesLists").size() < 2 && !byIndex) return;
        if (writesInWith(stmt) || values && hasDefault(select)) return;
        for (Node c : stmt.list("cols")) if (c.has("indirection")) return;
        List<ColumnInfo> targets = TargetCoercion.targets(stmt, r);
        if (!stmt.has("cols")) {
            int width = width(select);
            if (width < 0 || width > targets.size()) return;
            targets = targets.subList(0, width);
        }
        List<List<Node>> arbiters = new ArrayList<>();
        List<Node> indexes = new ArrayList<>(); // IndexArbiter nodes
        if (infer != null && (!byIndex || plainTarget(infer) != null && !nothing)) {
            List<String> columns = plainTarget(infer);
            if (columns == null) return;
            List<Node> key = key(columns, targets);
            if (key == null) return;
            arbiters.add(key);
        } else if (infer != null) {
            Node index = inferred(infer, r, catalog.indexes(r), targets, stmt.node("relation"), typing);
            if (index == null) return;
            indexes.add(index);
        } else {
            List<CatalogView.IndexInfo> unique = byIndex ? catalog.indexes(r) : List.of();
            for (TableMeta.Constraint c : r.meta().constraints()) {
                if (indexed(c)) {
                    for (CatalogView.IndexInfo i : unique) {
                        if (!i.name().equals(c.name())) continue;
                        Node index = indexArbiter(i, r, targets, stmt.node("relation"), typing);
                        if (index != null) indexes.add(index); // one whose keys read a volatile default: DuckDB's 23505
                    }
                    continue;
                }
                if (!c.key()) continue;
                List<Node> key = key(c.columns(), targets);
                if (key != null) arbiters.add(key); // a key left to its defaults (a serial, an identity) is the table's to make unique
            }
        }
        stmt.set("pgwire_conflict_width", (long) targets.size());
        if (nothing) {
            List<Node> holders = new ArrayList<>();
            for (List<Node> key : arbiters) holders.add(Node.of("Arbiter").set("keys", key));
            holders.addAll(indexes);
            if (!indexes.isEmpty()) stmt.set(COLUMNS, columnNodes(r, targets, indexes));
            stmt.set(NOTHING, holders);
            stmt.set("onConflictClause", null);
        } else {
            stmt.set(UPDATE, arbiters.get(0));
        }
    }

    /** The field of an InsertStmt holding the columns its rows are named with for index arbiters' keys: {@code UpsertKey} nodes. */
    private static final String COLUMNS = "pgwire_conflict_columns";

    /**
     * The unique index of expressions, or partial, that conflict target {@code infer} names — its
     * keys those of the target, its predicate the target's WHERE — as an arbiter; 42P10 when none
     * is, null when its keys cannot be computed here.
     */
    private static Node inferred(Node infer, Relation r, List<CatalogView.IndexInfo> indexes, List<ColumnInfo> targets, Node rel,
                                 KeyTyping typing) {
        java.util.function.Function<String, PgTypeName> columns = CreateIndex.columnTypes(r);
        Set<String> wanted = new HashSet<>();
        for (Node e : infer.list("indexElems")) {
            String text = CreateIndex.keyText(e, columns, false);
            if (text == null) return null;
            wanted.add(text);
        }
        String where = infer.node("whereClause") == null ? null : PgDeparse.text(infer.node("whereClause"), null, columns, false);
        for (CatalogView.IndexInfo i : indexes) {
            if (!i.unique() || i.keys() == null) continue;
            Set<String> keys = new HashSet<>();
            for (String k : i.keys()) keys.add(ColumnMeta.form(k, false));
            if (!keys.equals(wanted)) continue;
            if (i.predicate() != null && !ColumnMeta.form(i.predicate(), false).equals(where)) continue;
            return indexArbiter(i, r, targets, rel, typing);
        }
        throw new PgException("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification");
    }

    /**
     * Unique index {@code info} of {@code r} as an arbiter: an {@code IndexArbiter} node whose
     * {@code keys} are its key expressions over the table's columns, typed and rewritten, each
     * {@code CASE WHEN predicate THEN key END} for a partial index; null when its definition is
     * not kept, or it reads a column the INSERT leaves to a default computed anew each time.
     */
    private static Node indexArbiter(CatalogView.IndexInfo info, Relation r, List<ColumnInfo> targets, Node rel, KeyTyping typing) {
        if (info.keys() == null || typing == null) return null;
        List<Node> expressions = new ArrayList<>();
        for (String k : info.keys()) expressions.add(Expressions.parsed(ColumnMeta.form(k, false)));
        Node predicate = info.predicate() == null ? null : Expressions.parsed(ColumnMeta.form(info.predicate(), false));
        if (info.predicate() != null) expressions.add(predicate);
        if (expressions.contains(null)) return null;
        Set<String> read = new HashSet<>();
        for (Node e : expressions) {
            TreeWalker.forEachNode(e, n -> {
                if (n.type() != null && n.is("ColumnRef") && n.list("fields").size() == 1) read.add(n.names("fields").get(0));
            });
        }
        for (String column : read) {
            if (targets.stream().anyMatch(t -> t.name().equals(column))) continue;
            ColumnInfo c = r.column(column);
            // a column left out is its default, computed again here where it gives the same value each time (not a sequence's)
            if (c == null || c.sequence() != null || !c.identity().isEmpty() || c.generated() || c.defaultExpr() != null && UpsertOrder.volatileText(c.defaultExpr())) {
                return null;
            }
        }
        typing.rewrite(Node.typed("RangeVar", rel).copy().set("alias", null), expressions);
        List<Node> keys = new ArrayList<>();
        int count = info.keys().size();
        for (int k = 0; k < count; k++) {
            Node key = expressions.get(k);
            if (predicate != null) {
                Node when = Node.of("CaseWhen").set("expr", expressions.get(count).copy()).set("result", key);
                key = Node.of("CaseExpr").set("args", new ArrayList<>(List.of(when)));
            }
            keys.add(key);
        }
        return Node.of("IndexArbiter").set("keys", keys).set("reads", new ArrayList<>(read));
    }

    /**
     * The columns a proposed row is named with for index arbiters' keys: every target, and the
     * columns the keys read that the INSERT leaves out (their default, NULL where none), each an
     * {@code UpsertKey} (index -1, with its {@code default}, for those).
     */
    private static List<Node> columnNodes(Relation r, List<ColumnInfo> targets, List<Node> indexes) {
        List<Node> out = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            named.add(targets.get(i).name());
            out.add(Node.of("UpsertKey").set("name", targets.get(i).name()).set("index", (long) i).set("duckDbType", targets.get(i).duckDbType()));
        }
        for (Node index : indexes) {
            for (Object o : index.list("reads")) {
                String column = (String) o;
                if (named.add(column)) {
                    ColumnInfo c = r.column(column);
                    out.add(Node.of("UpsertKey").set("name", column).set("index", -1L).set("duckDbType", c.duckDbType())
                            .set("default", c.defaultExpr() == null ? "NULL" : c.defaultExpr()));
                }
            }
        }
        return out;
    }

    /** Whether {@code stmt}'s WITH clause changes data (its INSERT, UPDATE or DELETE would run with the rows numbered). */
    private static boolean writesInWith(Node stmt) {
        Node with = stmt.node("withClause");
        if (with == null) return false;
        for (Node cte : with.list("ctes")) if (cte.node("ctequery") == null || !cte.node("ctequery").is("SelectStmt")) return true;
        return false;
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
        // the statement's own WITH queries come first: the proposed rows may read them
        Node with = stmt.node("withClause");
        if (with != null) {
            em.with(with);
            w.append(", ");
        } else {
            w.append("WITH ");
        }
        w.append("pgwire_rows AS MATERIALIZED (SELECT *, row_number() OVER () AS pgwire_ord FROM (");
        em.statement(stmt.node("selectStmt"));
        w.append(") AS pgwire_s(");
        for (int i = 0; i < n; i++) w.append(i > 0 ? ", " : "").append("pgwire_c").append(i + 1);
        w.append(")) ");
        stmt.set("withClause", null);
        em.insertBody(stmt, () -> {
            w.append("SELECT ");
            for (int i = 0; i < n; i++) w.append(i > 0 ? ", " : "").append("pgwire_c").append(i + 1);
            if (stmt.has(NOTHING)) nothing(em, stmt); else update(w, stmt.list(UPDATE));
            w.append(" ORDER BY pgwire_ord");
        });
        stmt.set("withClause", with);
    }

    private static void nothing(Emitter em, Node stmt) {
        SqlWriter w = em.w;
        List<Node> arbiters = stmt.list(NOTHING);
        w.append(" FROM (SELECT *");
        for (int a = 0; a < arbiters.size(); a++) {
            w.append(", row_number() OVER (PARTITION BY ");
            List<String> values = values(arbiters.get(a), a, "");
            w.append(String.join(", ", values));
            w.append(" ORDER BY pgwire_ord) AS pgwire_f").append(a + 1);
        }
        w.append(" FROM ");
        if (stmt.has(COLUMNS)) {
            // each index arbiter's keys computed from the row, its columns named as the table's
            w.append("(SELECT *");
            for (int a = 0; a < arbiters.size(); a++) {
                if (!arbiters.get(a).is("IndexArbiter")) continue;
                List<Node> keys = arbiters.get(a).list("keys");
                for (int k = 0; k < keys.size(); k++) {
                    w.append(", ");
                    em.expr(keys.get(k));
                    w.append(" AS pgwire_e").append(a + 1).append('_').append(k + 1);
                }
            }
            w.append(" FROM (SELECT *");
            for (Node c : stmt.list(COLUMNS)) {
                w.append(", CAST(").append(c.num("index") < 0 ? "(" + c.str("default") + ")" : "pgwire_c" + (c.num("index") + 1)).append(" AS ")
                        .append(c.str("duckDbType")).append(") AS ").ident(c.str("name"));
            }
            w.append(" FROM pgwire_rows) AS pgwire_n) AS pgwire_m");
        } else {
            w.append("pgwire_rows");
        }
        w.append(") AS pgwire_q");
        for (int a = 0; a < arbiters.size(); a++) {
            Node arbiter = arbiters.get(a);
            List<String> values = values(arbiter, a, "pgwire_q.");
            StringBuilder anyNull = new StringBuilder();
            if (arbiter.is("Arbiter")) anyNull.append(UpsertOrder.anyNull(arbiter.list("keys")));
            else for (String v : values(arbiter, a, "")) anyNull.append(anyNull.length() > 0 ? " OR " : "").append(v).append(" IS NULL");
            w.append(a == 0 ? " WHERE (" : " AND (").append(anyNull.toString()).append(" OR pgwire_f").append(a + 1)
                    .append(" = 1 AND NOT EXISTS (SELECT 1 FROM ");
            em.rangeVar(Node.typed("RangeVar", stmt.node("relation")).copy().set("alias", null), false);
            w.append(" AS pgwire_t WHERE ");
            List<Node> keys = arbiter.list("keys");
            for (int k = 0; k < keys.size(); k++) {
                w.append(k > 0 ? " AND " : "");
                // an index's key over the table's row: its columns are the innermost scope's
                if (arbiter.is("IndexArbiter")) em.expr(keys.get(k)); else w.append("pgwire_t.").ident(keys.get(k).str("name"));
                w.append(" = ").append(values.get(k));
            }
            w.append("))");
        }
    }

    /** Arbiter number {@code a}'s key values of a proposed row: its columns as the columns' types, or an index's computed keys. */
    private static List<String> values(Node arbiter, int a, String qualifier) {
        List<String> out = new ArrayList<>();
        List<Node> keys = arbiter.list("keys");
        for (int k = 0; k < keys.size(); k++) {
            out.add(arbiter.is("IndexArbiter") ? qualifier + "pgwire_e" + (a + 1) + "_" + (k + 1) : value(keys.get(k), qualifier));
        }
        return out;
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
