package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.catalog.TypeNames;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a recursive CTE as PostgreSQL types them: the type of the non-recursive term,
 * which the recursive term's rows must have too. DuckDB types them from the first term alike, but
 * a numeric constant there is a decimal of the constant's own digits ({@code 100.00} holds five,
 * {@code 1::numeric} one), so later rows are rounded to it or overflow. A numeric column without
 * modifier is serve's numeric without modifier in both terms, a row that cannot be held exactly an
 * error; a column whose first term has a modifier the whole does not (varchar(3) grown by {@code
 * ||}) is PostgreSQL's 42804.
 */
final class RecursiveColumns {
    private RecursiveColumns() {}

    /**
     * The numeric columns without modifier of {@code cte}'s query (typed, not yet rewritten), by
     * position; 42804 for a column whose first term has a modifier the recursive term's lacks.
     */
    static List<Integer> numericColumns(Node cte, TypeResolver types) {
        List<Integer> out = new ArrayList<>();
        Node q = cte.node("ctequery");
        if (q == null || !q.str("op").equals("SETOP_UNION")) return out;
        Node first = q.node("larg");
        Node rest = q.node("rarg");
        if (!simple(first) || !simple(rest) || types.scopeOf(first) == null || types.scopeOf(rest) == null) return out;
        List<Node> anchors = first.list("targetList");
        List<Node> steps = rest.list("targetList");
        if (anchors.size() != steps.size()) return out;
        for (int i = 0; i < anchors.size(); i++) {
            SqlType a = types.type(anchors.get(i).node("val"), types.scopeOf(first));
            SqlType s = types.type(steps.get(i).node("val"), types.scopeOf(rest));
            if (a == null || s == null || a.isArray() || s.isArray() || s.isUnknown()) continue;
            SqlType whole = SqlType.common(a, s);
            // a number the recursive term widens (1, then n + 0.5): PostgreSQL's 42804, where DuckDB would round each row to the first term's type
            boolean widened = whole != null && !whole.isArray() && NUMBERS.contains(a.name()) && NUMBERS.contains(whole.name())
                    && !whole.name().equals(a.name());
            if (widened || a.typmod() >= 0 && whole != null && whole.typmod() != a.typmod() && !whole.isArray()) {
                throw new PgException("42804", "recursive query \"" + cte.str("ctename") + "\" column " + (i + 1) + " has type "
                        + TypeNames.format(a.name(), false, a.typmod()) + " in non-recursive term but type "
                        + TypeNames.format(whole.name(), false, whole.typmod()) + " overall")
                        .withHint("Cast the output of the non-recursive term to the correct type.");
            }
            if (!a.name().equals(s.name())) continue;
            if (a.name().equals("numeric") && a.typmod() < 0) out.add(i);
        }
        return out;
    }

    /** The columns {@code numeric} of both terms of {@code q} (rewritten) made serve's numeric without modifier. */
    static void exact(Node q, List<Integer> numeric) {
        for (int i : numeric) {
            for (Node term : List.of(q.node("larg"), q.node("rarg"))) {
                Node target = term.list("targetList").get(i);
                target.set("val", exact(target.node("val")));
            }
        }
    }

    private static final java.util.Set<String> NUMBERS = java.util.Set.of("int2", "int4", "int8", "numeric", "float4", "float8");

    private static Node exact(Node value) {
        return Expressions.duckDb("pgwire.exact_numeric({0})", value).set("pgType", "numeric");
    }

    /** A plain SELECT of listed columns (no star, VALUES or set operation of its own). */
    private static boolean simple(Node s) {
        if (s == null || s.type() != null && !s.is("SelectStmt") || !s.list("valuesLists").isEmpty() || (!s.str("op").isEmpty() && !s.str("op").equals("SETOP_NONE"))) {
            return false;
        }
        for (Node t : s.list("targetList")) {
            Node val = t.node("val");
            if (val == null || val.is("ColumnRef") && val.list("fields").get(val.list("fields").size() - 1).is("A_Star")) return false;
        }
        return true;
    }
}
