package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of {@code INSERT … ON CONFLICT … RETURNING} in the order of the rows proposed for
 * insertion, as PostgreSQL returns them. ORMs rely on that order: Django's bulk_create, Sequelize's
 * bulkCreate and SQLAlchemy's upserts assign the returned keys to their objects by position. DuckDB
 * returns the rows of an upsert in an order of its own (updated rows first, inserted ones
 * reversed), so such a statement runs with its rows sorted by their key's place among the proposed
 * rows. The key is the conflict target (for DO NOTHING without one, a primary key or unique
 * constraint); every row returned has a key of its own, since DO UPDATE refuses to touch a row
 * twice (21000) and DO NOTHING returns only rows it inserted.
 * <ul>
 * <li>VALUES of several rows:
 * <pre>
 * WITH pgwire_upsert AS (INSERT … VALUES … ON CONFLICT … RETURNING *)
 * SELECT &lt;RETURNING list&gt; FROM pgwire_upsert AS t
 * ORDER BY list_position([&lt;key of row 1&gt;, &lt;key of row 2&gt;, …], &lt;key of t&gt;)
 * </pre>
 * The key values are written twice, so this applies only where each row's key is a constant or a
 * parameter (casts and operators over them included): a key from DEFAULT, a sequence, a random
 * value or a subquery would not be the same value the second time.</li>
 * <li>A query with its target columns named ({@code INSERT INTO t (a, b) SELECT … FROM unnest(…)},
 * Django's bulk_create): the query's rows are numbered once, inserted in that order, and the
 * returned rows sorted by the number of the first proposed row with their key.</li>
 * </ul>
 * Neither applies when DO UPDATE sets a key column (the returned key would no longer be the
 * proposed one), the INSERT has a WITH clause, or a subquery of RETURNING reads the table (it
 * would read the table as the INSERT left it, not as it was: {@link ReturningQuery#readsTarget});
 * such a statement runs as written and its rows come in DuckDB's order (docs/SERVE.md, Known
 * differences).
 */
final class UpsertOrder {
    private UpsertOrder() {}

    /** The field of an InsertStmt holding the key the emitter orders by: a list of {@link Key}-shaped nodes. */
    static final String FIELD = "pgwire_returning_order";

    /** Functions whose value differs from one call to the next. */
    static final Set<String> VOLATILE = Set.of("nextval", "setval", "currval", "lastval", "random", "uuid",
            "gen_random_uuid", "uuid_generate_v4", "random_uuid", "clock_timestamp", "timeofday", "txid_current",
            "statement_timestamp", "random_normal", "setseed");

    /**
     * Whether DuckDB expression {@code text} calls a function whose value differs from one call to
     * the next (now() does not, in a statement).
     */
    static boolean volatileText(String text) {
        SqlLexer lexer = new SqlLexer(text);
        for (SqlLexer.Token t = lexer.next(); t.kind() != SqlLexer.Kind.END; t = lexer.next()) {
            if (t.kind() == SqlLexer.Kind.WORD && VOLATILE.contains(t.text().toLowerCase(java.util.Locale.ROOT))) return true;
        }
        return false;
    }

    /** Whether FuncCall {@code f} calls one of {@link #VOLATILE}. */
    static boolean volatileCall(Node f) {
        List<Node> names = f.list("funcname");
        return !names.isEmpty() && VOLATILE.contains(names.get(names.size() - 1).str("sval").toLowerCase(java.util.Locale.ROOT));
    }

    /** Marks {@code stmt} (an InsertStmt after its values were coerced) when its rows can be put in proposed order. */
    static void mark(Node stmt, CatalogView catalog, TypeResolver types) {
        Node conflict = stmt.node("onConflictClause");
        Node select = stmt.node("selectStmt");
        if (conflict == null || stmt.list("returningList").isEmpty() || stmt.has("withClause") || select == null
                || ReturningQuery.readsTarget(stmt)) return;
        boolean values = select.has("valuesLists");
        Node rel = stmt.node("relation");
        // one row needs no order, but a RETURNING that reads xmax needs what the order's key gives
        if (values ? select.list("valuesLists").size() < 2 && !readsXmax(stmt, rel) : !stmt.has("cols")) return;
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null || r.view()) return;
        for (Node c : stmt.list("cols")) if (c.has("indirection")) return;
        List<ColumnInfo> targets = TargetCoercion.targets(stmt, r);
        Set<String> assigned = new HashSet<>();
        for (Node t : conflict.list("targetList")) assigned.add(t.str("name"));
        List<Node> rows = values ? select.list("valuesLists") : null;
        List<Node> key = null;
        Node infer = conflict.node("infer");
        if (infer != null) {
            List<String> columns = new ArrayList<>();
            for (Node e : infer.list("indexElems")) {
                if (e.node("expr") != null || e.str("name").isEmpty()) return;
                columns.add(e.str("name"));
            }
            key = key(columns, targets, rows, assigned);
        } else {
            // DO NOTHING without a target: every key of the table is an arbiter; any one orders the rows
            List<TableMeta.Constraint> keys = new ArrayList<>();
            for (TableMeta.Constraint c : r.meta().constraints()) {
                if (c.key()) {
                    if (c.type().equals("p")) keys.add(0, c); else keys.add(c);
                }
            }
            for (int i = 0; i < keys.size() && key == null; i++) key = key(keys.get(i).columns(), targets, rows, assigned);
        }
        if (key == null) return;
        stmt.set(FIELD, key);
        String alias = ReturningQuery.alias(stmt);
        StringBuilder existed = new StringBuilder("(CASE WHEN ");
        for (int k = 0; k < key.size(); k++) {
            existed.append(k == 0 ? (key.size() > 1 ? "row(" : "") : ", ").append(SqlWriter.quoteIdent(alias)).append('.')
                    .append(SqlWriter.quoteIdent(key.get(k).str("name")));
        }
        existed.append(key.size() > 1 ? ")" : "")
                .append(" IN (SELECT * FROM pgwire_before) THEN CAST(txid_current() AS UINTEGER) ELSE CAST(0 AS UINTEGER) END)");
        // DO NOTHING returns only rows it inserted; DO UPDATE needs the keys there before, and for
        // VALUES the rows as a query that waits for them (which DEFAULT cannot stand in)
        boolean nothing = "ONCONFLICT_NOTHING".equals(conflict.str("action"));
        if (!nothing && rows != null) {
            boolean[] defaults = {false};
            for (Node row : rows) TreeWalker.forEachNode(row, n -> defaults[0] |= n.type() != null && n.is("SetToDefault"));
            if (defaults[0]) return;
        }
        boolean[] used = {false};
        for (Node t : stmt.list("returningList")) {
            replaceXmax(t, alias, rel.str("relname"), nothing ? "CAST(0 AS UINTEGER)" : existed.toString(), types, used);
        }
        if (used[0] && !nothing) stmt.set(XMAX, true);
    }

    /**
     * The check of DO UPDATE's proposed rows, a DuckDB CASE over them ({@code … FROM rows} to
     * follow): one key given twice is 21000, two keys with a NULL 0A000, else true.
     *
     * @param key      the arbiter's columns, read as {@code pgwire_cN}
     * @param distinct the key as one value ({@code row(…)} for several columns)
     */
    static String keyCheck(List<Node> key, String distinct) {
        String anyNull = anyNull(key);
        String notNull = "NOT (" + anyNull + ")";
        return "SELECT CASE WHEN count(*) FILTER (WHERE " + notNull + ") <> count(DISTINCT " + distinct + ") FILTER (WHERE " + notNull
                + ") THEN " + SAME_KEY_TWICE + " WHEN count(*) FILTER (WHERE " + anyNull + ") > 1 THEN " + NULL_KEYS + " ELSE true END";
    }

    /** Whether a proposed row's key (its columns read as {@code pgwire_cN}) has a NULL. */
    static String anyNull(List<Node> key) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < key.size(); k++) sb.append(k > 0 ? " OR " : "").append("pgwire_c").append(key.get(k).num("index") + 1).append(" IS NULL");
        return sb.toString();
    }

    /** The error of DO UPDATE proposing one key twice, as a DuckDB expression. */
    static final String SAME_KEY_TWICE = "error(" + SqlWriter.quoteLiteral("[pgwire:21000] ON CONFLICT DO UPDATE command cannot affect row a second time"
            + "\n[pgwire:hint] Ensure that no rows proposed for insertion within the same command have duplicate constrained values.") + ")";
    /** The error of DO UPDATE proposing two rows whose key has a NULL (DuckDB would keep one), as a DuckDB expression. */
    static final String NULL_KEYS = "error(" + SqlWriter.quoteLiteral(
            "[pgwire:0A000] ON CONFLICT DO UPDATE of several proposed rows whose key is NULL is not supported") + ")";

    /** The field of an InsertStmt marking that its RETURNING reads xmax (which needs the keys there before). */
    static final String XMAX = "pgwire_returning_xmax";

    /**
     * Replaces the system column xmax of the table in {@code n} (not in subqueries, whose xmax is
     * their own tables'): 0 for a row the statement inserted, the transaction's id for one it
     * updated, as PostgreSQL's xmax tells them apart ({@code RETURNING (xmax = 0) AS inserted}).
     */
    private static void replaceXmax(Node n, String alias, String table, String existed, TypeResolver types, boolean[] used) {
        for (Map.Entry<String, Object> e : new ArrayList<>(n.fields().entrySet())) {
            Object v = e.getValue();
            if (v instanceof Node child) {
                if (isXmax(child, alias, table)) {
                    n.set(e.getKey(), xmax(existed, child, types));
                    used[0] = true;
                } else if (!child.is("SubLink")) {
                    replaceXmax(child, alias, table, existed, types, used);
                }
            } else if (v instanceof List<?> list) {
                @SuppressWarnings("unchecked") List<Object> items = (List<Object>) list;
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof Node child)) continue;
                    if (isXmax(child, alias, table)) {
                        items.set(i, xmax(existed, child, types));
                        used[0] = true;
                    } else if (!child.is("SubLink")) {
                        replaceXmax(child, alias, table, existed, types, used);
                    }
                }
            }
        }
    }

    /** Whether the RETURNING list of {@code stmt} reads the table's xmax. */
    static boolean readsXmax(Node stmt) {
        return readsXmax(stmt, stmt.node("relation"));
    }

    private static boolean readsXmax(Node stmt, Node rel) {
        String alias = ReturningQuery.alias(stmt);
        boolean[] found = {false};
        for (Node t : stmt.list("returningList")) {
            TreeWalker.forEachNode(t, n -> found[0] |= isXmax(n, alias, rel.str("relname")));
        }
        return found[0];
    }

    private static boolean isXmax(Node n, String alias, String table) {
        if (n.type() == null || !n.is("ColumnRef")) return false;
        List<String> names = n.names("fields");
        if (names.isEmpty() || !names.get(names.size() - 1).equals("xmax")) return false;
        return names.size() == 1 || names.size() == 2 && (names.get(0).equals(alias) || names.get(0).equals(table));
    }

    private static Node xmax(String existed, Node ref, TypeResolver types) {
        Node n = Expressions.duckDb(existed).set("location", ref.location());
        types.assume(n, SqlType.of("xid"));
        return n;
    }

    /**
     * The key {@code columns} as nodes (name, index among the target columns, DuckDB type), or null
     * when one of them is not a target, has no stable value in every one of {@code rows} (the VALUES
     * rows; null for a query) or is set by DO UPDATE.
     */
    private static List<Node> key(List<String> columns, List<ColumnInfo> targets, List<Node> rows, Set<String> assigned) {
        if (columns.isEmpty()) return null;
        List<Node> key = new ArrayList<>();
        for (String column : columns) {
            if (assigned.contains(column)) return null;
            int index = -1;
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i) != null && targets.get(i).name().equals(column)) index = i;
            }
            if (index < 0) return null;
            for (Node row : rows == null ? List.<Node>of() : rows) {
                List<Node> items = row.list("items");
                if (index >= items.size() || !stable(items.get(index))) return null;
            }
            key.add(Node.of("UpsertKey").set("name", column).set("index", (long) index)
                    .set("duckDbType", targets.get(index).duckDbType()));
        }
        return key;
    }

    /** Whether {@code e} gives the same value each time it is evaluated in one statement. */
    static boolean stable(Node e) {
        boolean[] ok = {true};
        TreeWalker.forEachNode(e, n -> {
            if (n.type() == null) return;
            switch (n.type()) {
                case "SetToDefault", "SubLink", "ColumnRef" -> ok[0] = false;
                case "FuncCall" -> ok[0] &= !volatileCall(n);
                case "DuckDbSql" -> {
                    String sql = n.str("sql").toLowerCase(java.util.Locale.ROOT);
                    for (String f : VOLATILE) if (sql.contains(f + "(")) ok[0] = false;
                }
                default -> { }
            }
        });
        return ok[0];
    }

    /** Writes {@code stmt}, marked by {@link #mark}. */
    static void write(Emitter em, Node stmt) {
        SqlWriter w = em.w;
        List<Node> key = stmt.list(FIELD);
        Node select = stmt.node("selectStmt");
        boolean values = select.has("valuesLists");
        int n = stmt.list("cols").size();
        if (values) {
            w.append("WITH ");
            if (stmt.has(XMAX)) {
                before(w, stmt, key, () -> {
                    w.append("SELECT * FROM (VALUES ");
                    List<Node> rows = select.list("valuesLists");
                    for (int r = 0; r < rows.size(); r++) {
                        w.append(r > 0 ? ", (" : "(");
                        keyValues(em, key, rows.get(r), key.size() > 1);
                        w.append(')');
                    }
                    w.append(")");
                });
            }
            w.append("pgwire_upsert AS (");
            if (stmt.has(XMAX)) {
                em.insertBody(stmt, () -> {
                    w.append("SELECT * FROM (");
                    em.statement(select);
                    w.append(") AS pgwire_v").append(AFTER_BEFORE);
                });
            } else {
                em.insertBody(stmt, null);
            }
        } else {
            // the query's rows, numbered once, then inserted in that order
            w.append("WITH pgwire_rows AS MATERIALIZED (SELECT *, row_number() OVER () AS pgwire_ord FROM (");
            em.statement(select);
            w.append(") AS pgwire_s(");
            for (int i = 0; i < n; i++) w.append(i > 0 ? ", " : "").append("pgwire_c").append(i + 1);
            w.append(")), ");
            if (stmt.has(XMAX)) {
                before(w, stmt, key, () -> {
                    w.append("SELECT ");
                    row(w, key, k -> w.append("CAST(pgwire_c").append(key.get(k).num("index") + 1)
                            .append(" AS ").append(key.get(k).str("duckDbType")).append(')'));
                    w.append(" FROM pgwire_rows");
                });
            }
            w.append("pgwire_upsert AS (");
            em.insertBody(stmt, () -> {
                w.append("SELECT ");
                for (int i = 0; i < n; i++) w.append(i > 0 ? ", " : "").append("pgwire_c").append(i + 1);
                w.append(" FROM pgwire_rows").append(stmt.has(XMAX) ? AFTER_BEFORE : "").append(" ORDER BY pgwire_ord");
            });
        }
        String alias = ReturningQuery.selectFrom(em, stmt, "pgwire_upsert");
        List<Node> rows = values ? select.list("valuesLists") : null;
        if ("ONCONFLICT_UPDATE".equals(stmt.node("onConflictClause").str("action"))) {
            // two proposed rows with one key: PostgreSQL refuses the statement, DuckDB would keep one
            // (and two whose key has a NULL, which DuckDB takes for one key too: refused rather than one lost)
            StringBuilder distinct = new StringBuilder(key.size() > 1 ? "row(" : "");
            for (int k = 0; k < key.size(); k++) distinct.append(k > 0 ? ", " : "").append("pgwire_c").append(key.get(k).num("index") + 1);
            if (key.size() > 1) distinct.append(')');
            w.append(" WHERE (").append(keyCheck(key, distinct.toString())).append(" FROM ");
            if (values) {
                w.append("(VALUES ");
                for (int r = 0; r < rows.size(); r++) {
                    w.append(r > 0 ? ", (" : "(");
                    keyValues(em, key, rows.get(r), false);
                    w.append(')');
                }
                w.append(") AS pgwire_k(");
                for (int k = 0; k < key.size(); k++) w.append(k > 0 ? ", " : "").append("pgwire_c").append(key.get(k).num("index") + 1);
                w.append(')');
            } else {
                w.append("pgwire_rows");
            }
            w.append(')');
        }
        w.append(" ORDER BY ");
        if (values) {
            w.append("list_position([");
            for (int r = 0; r < rows.size(); r++) {
                if (r > 0) w.append(", ");
                keyValues(em, key, rows.get(r), key.size() > 1);
            }
            w.append("], ");
            row(w, key, k -> w.ident(alias).append('.').ident(key.get(k).str("name")));
            w.append(')');
        } else {
            w.append("(SELECT min(pgwire_ord) FROM pgwire_rows WHERE ");
            row(w, key, k -> w.append("CAST(pgwire_c").append(key.get(k).num("index") + 1)
                    .append(" AS ").append(key.get(k).str("duckDbType")).append(')'));
            w.append(" IS NOT DISTINCT FROM ");
            row(w, key, k -> w.ident(alias).append('.').ident(key.get(k).str("name")));
            w.append(')');
        }
    }

    /**
     * Makes the rows inserted wait for {@code pgwire_before}: DuckDB may run a WITH clause's
     * queries in any order, but a query must be complete before the rows that read its result go on.
     */
    private static final String AFTER_BEFORE = " WHERE (SELECT count(*) FROM pgwire_before) >= 0";

    /**
     * {@code pgwire_before}: the keys among the proposed ones ({@code proposed} writes a query of
     * them) that the table holds before the INSERT runs ({@link #AFTER_BEFORE} makes the INSERT wait
     * for it).
     */
    private static void before(SqlWriter w, Node stmt, List<Node> key, Runnable proposed) {
        Node rel = stmt.node("relation");
        w.append("pgwire_before AS MATERIALIZED (SELECT ");
        row(w, key, k -> w.ident(key.get(k).str("name")));
        w.append(" FROM ");
        if (!rel.str("schemaname").isEmpty()) w.ident(rel.str("schemaname")).append('.');
        w.ident(rel.str("relname")).append(" WHERE ");
        row(w, key, k -> w.ident(key.get(k).str("name")));
        w.append(" IN (");
        proposed.run();
        w.append(")), ");
    }

    /** The key of one VALUES row, each value cast to its column's type; a row() of them when {@code asRow}. */
    private static void keyValues(Emitter em, List<Node> key, Node valuesRow, boolean asRow) {
        SqlWriter w = em.w;
        List<Node> items = valuesRow.list("items");
        if (asRow) w.append("row(");
        for (int k = 0; k < key.size(); k++) {
            if (k > 0) w.append(", ");
            w.append("CAST(");
            em.expr(items.get((int) key.get(k).num("index")));
            w.append(" AS ").append(key.get(k).str("duckDbType")).append(')');
        }
        if (asRow) w.append(')');
    }

    /** The key's values, each written by {@code value}: one value, or a row of several. */
    private static void row(SqlWriter w, List<Node> key, java.util.function.IntConsumer value) {
        if (key.size() > 1) w.append("row(");
        for (int k = 0; k < key.size(); k++) {
            if (k > 0) w.append(", ");
            value.accept(k);
        }
        if (key.size() > 1) w.append(')');
    }
}
