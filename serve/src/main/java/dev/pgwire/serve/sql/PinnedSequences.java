package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An INSERT … VALUES whose rows leave a serial or identity column to its sequence, rewritten so
 * that the values the sequence gives are written into the statement: {@code INSERT INTO t (name)
 * VALUES ('a')} becomes {@code INSERT INTO t (name, id) VALUES ('a', 41)}, 41 being what
 * {@code nextval} gave. Columns whose defaults read the clock or random values ({@code now()},
 * {@code gen_random_uuid()}) get the values their defaults give in the statement's transaction. The statement then has the same effect each time it runs, which rolling
 * back to a savepoint needs ({@link ReplayInfo}: serve restores a savepoint by running the
 * transaction's earlier statements again, and a sequence never gives a value twice).
 *
 * <p>The sequence is advanced exactly as the INSERT would have advanced it — the same number of
 * values, row by row — so currval, lastval and other sessions see what PostgreSQL shows them.
 */
public final class PinnedSequences {
    private PinnedSequences() {}

    /** Draws {@code count} values from the sequence of {@code column} by evaluating its default, in order. */
    public interface Source {
        long[] next(ColumnInfo column, int count);

        /**
         * Evaluates the default of {@code column} (the clock, random values) {@code count} times, in
         * the statement's transaction: each value as DuckDB's text of it, null for NULL.
         */
        default List<String> values(ColumnInfo column, int count) {
            throw new UnsupportedOperationException();
        }

        /** The number of rows {@code select} (a query of the INSERT, with its parameters) gives now, or -1 when unknown. */
        default long rows(Node select) {
            return -1;
        }
    }

    /** The most rows of an INSERT … SELECT whose sequence values are written in (as one array constant). */
    public static final long MAX_QUERY_ROWS = 100_000;

    /**
     * {@code insert} (a fresh parse tree, changed in place) with its sequence defaults replaced by
     * values from {@code source}; false when the statement is not an INSERT … VALUES that leaves a
     * sequence column to its default, or has a shape this does not handle (then nothing was drawn).
     */
    public static boolean apply(Node insert, CatalogView catalog, Source source) {
        if (!insert.is("InsertStmt") || insert.has("withClause") || insert.has("onConflictClause")) return false;
        Node select = insert.node("selectStmt");
        if (select == null) return false;
        Node rel = insert.node("relation");
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null || r.view()) return false;
        if (!insert.has("cols") && !nameLeadingColumns(insert, select, r)) return false;
        if (select.list("valuesLists").isEmpty()) return applyToQuery(insert, r, source);
        List<Node> cols = insert.list("cols");
        List<Node> rows = select.list("valuesLists");
        Map<ColumnInfo, List<Integer>> slots = new LinkedHashMap<>(); // column → row positions to fill, -1 = added
        for (ColumnInfo c : r.columns()) {
            // a sequence's default, or one of the clock or random values (now() is the transaction's
            // start: the value written in is the one the INSERT would have stored)
            if (c.defaultExpr() == null || c.sequence() == null && (!c.volatileDefault() || c.domain() != null)) continue;
            int position = -1;
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).str("name").equals(c.name())) {
                    if (cols.get(i).has("indirection")) return false;
                    position = i;
                }
            }
            List<Integer> at = new ArrayList<>();
            for (Node row : rows) {
                List<Node> items = row.list("items");
                if (items.size() != cols.size()) return false; // PostgreSQL's own error follows from the statement as written
                if (position < 0) at.add(-1);
                else if (items.get(position).is("SetToDefault")) at.add(position);
            }
            if (!at.isEmpty()) slots.put(c, at);
        }
        if (slots.isEmpty()) return false;
        for (Map.Entry<ColumnInfo, List<Integer>> e : slots.entrySet()) {
            ColumnInfo c = e.getKey();
            List<Node> values = new ArrayList<>();
            if (c.sequence() != null) {
                for (long v : source.next(c, e.getValue().size())) values.add(constant(v).set(SequenceCalls.DRAWN_FROM, c.defaultExpr()));
            } else {
                for (String v : source.values(c, e.getValue().size())) values.add(constant(v, c));
            }
            boolean added = e.getValue().get(0) == -1;
            if (added) cols.add(Node.of("ResTarget").set("name", c.name()));
            int v = 0;
            for (Node row : rows) {
                List<Node> items = row.list("items");
                if (added) {
                    items.add(values.get(v++));
                } else {
                    int position = e.getValue().get(0);
                    if (items.get(position).is("SetToDefault")) items.set(position, values.get(v++));
                }
            }
        }
        // the values are the column's own sequence's, as the default would have given them
        for (ColumnInfo c : slots.keySet()) {
            if ("a".equals(c.identity())) insert.set("override", "OVERRIDING_SYSTEM_VALUE");
        }
        return true;
    }

    /**
     * An INSERT without a column list names the leading columns its rows give ({@code INSERT INTO
     * t VALUES ('a')} is {@code INSERT INTO t (name) VALUES ('a')}), so the others can be added;
     * false when the rows' width is not known here (a star) or is more than the table's.
     */
    private static boolean nameLeadingColumns(Node insert, Node select, Relation r) {
        int width = SequenceCalls.width(select);
        if (width < 0) return false;
        if (width > r.columns().size()) return false;
        List<Node> cols = new ArrayList<>();
        for (int i = 0; i < width; i++) cols.add(Node.of("ResTarget").set("name", r.columns().get(i).name()));
        insert.set("cols", cols);
        return true;
    }

    /**
     * An INSERT … SELECT that leaves sequence columns to their defaults: the query's rows are
     * counted, that many values drawn from each sequence, and the query becomes {@code SELECT
     * q.*, ('{41,42}'::int8[])[row_number() OVER ()] FROM (query) AS q}, the first row getting
     * the first value as the INSERT would have given it. Not done when another column's default
     * reads the clock or random values, or the query gives more than {@link #MAX_QUERY_ROWS} rows.
     */
    private static boolean applyToQuery(Node insert, Relation r, Source source) {
        List<Node> cols = insert.list("cols");
        List<ColumnInfo> drawn = new ArrayList<>();
        for (ColumnInfo c : r.columns()) {
            boolean named = false;
            for (Node col : cols) {
                if (!col.str("name").equals(c.name())) continue;
                if (col.has("indirection")) return false;
                named = true;
            }
            if (named || c.defaultExpr() == null) continue;
            if (c.sequence() != null) drawn.add(c);
            else if (c.volatileDefault() && c.domain() == null) return false;
        }
        if (drawn.isEmpty()) return false;
        Node select = insert.node("selectStmt");
        long count = source.rows(select);
        if (count < 0 || count > MAX_QUERY_ROWS) return false;
        Node query = PgParser.parse("SELECT pgwire_q.* FROM (SELECT) AS pgwire_q").get(0).tree();
        Node from = query.list("fromClause").get(0);
        from.set("subquery", select);
        List<Node> targets = query.list("targetList");
        for (ColumnInfo c : drawn) {
            StringBuilder values = new StringBuilder("{");
            for (long v : source.next(c, (int) count)) values.append(values.length() > 1 ? "," : "").append(v);
            Node value = PgParser.parse("SELECT (" + SqlWriter.quoteLiteral(values.append('}').toString())
                    + "::int8[])[row_number() OVER ()]").get(0).tree().list("targetList").get(0);
            // lastval() and currval see the values when the INSERT runs
            value.node("val").set(SequenceCalls.DRAWN, true).set(SequenceCalls.DRAWN_FROM, c.defaultExpr());
            targets.add(value);
            cols.add(Node.of("ResTarget").set("name", c.name()));
            if ("a".equals(c.identity())) insert.set("override", "OVERRIDING_SYSTEM_VALUE");
        }
        insert.set("selectStmt", query);
        return true;
    }

    /** A default's value as the column's DuckDB type reads its text back. */
    private static Node constant(String text, ColumnInfo c) {
        Node n = Expressions.duckDb(text == null ? "CAST(NULL AS " + c.duckDbType() + ")"
                : "CAST(" + SqlWriter.quoteLiteral(text) + " AS " + c.duckDbType() + ")");
        if (c.pgType() != null && c.pgType().builtin() && !c.pgType().isArray()) n.set("pgType", c.pgType().name());
        return n;
    }

    private static Node constant(long value) {
        Node c = Node.of("A_Const").set(SequenceCalls.DRAWN, true); // lastval() sees it when the INSERT runs
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return c.set("ival", Node.of("Integer").set("ival", value));
        }
        return c.set("fval", Node.of("Float").set("fval", Long.toString(value)));
    }
}
