package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's choice of one type for the branches of CASE, the arguments of COALESCE, GREATEST
 * and LEAST, the elements of ARRAY[…] and the rows of VALUES (select_common_type): values of
 * different type categories (a number and a string, a boolean and a number, a date and an
 * interval) cannot be matched, 42804, and values of one category without an implicit cast to the
 * type chosen (jsonb and json, time and date, int[] and text[]) cannot be converted, 42846, where
 * DuckDB may convert one or fail with its own error. UNION, INTERSECT and EXCEPT match their
 * branches' columns the same way. The check speaks only where every value's type is certain
 * (constants, casts, columns, arrays of those); an untyped string or NULL takes the common type and is not counted.
 */
final class CommonTypes {
    private CommonTypes() {}

    /** pg_type's typcategory of the built-in types checked here; a type not listed leaves the check silent. */
    private static final Map<String, Character> CATEGORIES = Map.ofEntries(
            Map.entry("int2", 'N'), Map.entry("int4", 'N'), Map.entry("int8", 'N'), Map.entry("numeric", 'N'),
            Map.entry("float4", 'N'), Map.entry("float8", 'N'),
            Map.entry("text", 'S'), Map.entry("varchar", 'S'), Map.entry("bpchar", 'S'), Map.entry("name", 'S'),
            Map.entry("bool", 'B'),
            Map.entry("date", 'D'), Map.entry("time", 'D'), Map.entry("timetz", 'D'), Map.entry("timestamp", 'D'),
            Map.entry("timestamptz", 'D'),
            Map.entry("interval", 'T'),
            Map.entry("uuid", 'U'), Map.entry("bytea", 'U'), Map.entry("json", 'U'), Map.entry("jsonb", 'U'));

    /** Within a category, the order in which an implicit cast leads to the preferred type (a later type wins). */
    private static final List<String> LADDER = List.of("int2", "int4", "int8", "numeric", "float4", "float8",
            "name", "bpchar", "varchar", "text", "time", "timetz", "date", "timestamp", "timestamptz");

    /** Checks the expression {@code e} (before it is rewritten) in {@code scope}. */
    static void check(Node e, TypeResolver types, Scope scope) {
        if (e == null || e.type() == null) return;
        switch (e.type()) {
            case "CaseExpr" -> {
                // PostgreSQL takes the ELSE value first, then the THEN values in order
                List<Node> values = new ArrayList<>();
                if (e.node("defresult") != null) values.add(e.node("defresult"));
                for (Node w : e.list("args")) values.add(w.node("result"));
                SqlType chosen = common(values, "CASE", types, scope);
                if (e.node("defresult") != null) e.set("defresult", typed(e.node("defresult"), chosen));
                for (Node w : e.list("args")) w.set("result", typed(w.node("result"), chosen));
            }
            case "CoalesceExpr" -> typed(e.list("args"), common(e.list("args"), "COALESCE", types, scope));
            case "MinMaxExpr" -> typed(e.list("args"), common(e.list("args"), e.str("op").equals("IS_GREATEST") ? "GREATEST" : "LEAST", types, scope));
            case "TypeCast" -> {
                // ARRAY[…]::t[] gives its elements the type t[] names: no common type is chosen
                if (e.node("arg") != null && e.node("arg").is("A_ArrayExpr")) e.node("arg").set("pgwire_cast", true);
            }
            case "A_ArrayExpr" -> {
                if (e.bool("pgwire_cast")) return;
                for (Node el : e.list("elements")) if (el.is("A_ArrayExpr")) return; // sub-arrays
                typed(e.list("elements"), common(e.list("elements"), "ARRAY", types, scope));
            }
            default -> { }
        }
    }

    /** The rows of each VALUES in {@code stmt} (not INSERT's own, whose values take their columns' types), column by column. */
    static void values(Node stmt, CatalogView catalog) {
        java.util.Set<Node> inserted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        TreeWalker.forEachNode(stmt, n -> {
            if (n.is("InsertStmt") && n.node("selectStmt") != null) inserted.add(n.node("selectStmt"));
        });
        TypeResolver types = new TypeResolver(catalog);
        TreeWalker.forEachNode(stmt, n -> {
            if (inserted.contains(n) || !n.has("valuesLists")) return;
            List<Node> rows = n.list("valuesLists");
            if (rows.size() < 2) return;
            int width = rows.get(0).list("items").size();
            for (int i = 0; i < width; i++) {
                List<Node> column = new ArrayList<>();
                for (Node row : rows) {
                    List<Node> items = row.list("items");
                    if (i >= items.size()) return;
                    column.add(items.get(i));
                }
                common(column, "VALUES", types, null);
            }
        });
    }

    /**
     * The columns of each UNION, INTERSECT and EXCEPT in {@code stmt}, left and right branch by
     * branch as PostgreSQL matches them (a branch's columns of certain type only).
     */
    static void setOperations(Node stmt, CatalogView catalog) {
        TypeResolver types = new TypeResolver(catalog);
        java.util.Set<Node> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        TreeWalker.forEachNode(stmt, n -> {
            if (setOperation(n) && !done.contains(n)) branch(n, types, done);
        });
    }

    private static boolean setOperation(Node n) {
        return n.node("larg") != null && n.node("rarg") != null && !n.str("op").isEmpty() && !n.str("op").equals("SETOP_NONE");
    }

    /** A branch's column types (null entries where not certain), checking the set operations in it; null when its columns cannot be lined up. */
    private static List<SqlType> branch(Node s, TypeResolver types, java.util.Set<Node> done) {
        if (setOperation(s)) {
            done.add(s);
            List<SqlType> left = branch(s.node("larg"), types, done);
            List<SqlType> right = branch(s.node("rarg"), types, done);
            if (left == null || right == null || left.size() != right.size()) return null;
            String context = s.str("op").replace("SETOP_", "");
            List<Node> rightValues = values(s.node("rarg"));
            List<SqlType> out = new ArrayList<>();
            for (int i = 0; i < left.size(); i++) {
                if (left.get(i) == null || right.get(i) == null) {
                    out.add(null);
                    continue;
                }
                Node at = rightValues != null && i < rightValues.size() ? rightValues.get(i) : s;
                SqlType chosen = common(java.util.Arrays.asList(left.get(i), right.get(i)), java.util.Arrays.asList(s, at), context);
                out.add(chosen);
            }
            typeStrings(s.node("larg"), out);
            typeStrings(s.node("rarg"), out);
            return out;
        }
        if (s.node("withClause") != null || s.has("valuesLists")) return null;
        List<Node> vals = values(s);
        if (vals == null) return null;
        types.select(s, null);
        Scope scope = types.scopeOf(s);
        List<SqlType> out = new ArrayList<>();
        for (Node v : vals) out.add(certainType(v, types, scope));
        return out;
    }

    /**
     * An untyped string constant in a branch's column takes the column's type, as PostgreSQL
     * resolves it ({@code SELECT 1 UNION SELECT '2'} is integers; DuckDB would make it text).
     */
    private static void typeStrings(Node branch, List<SqlType> types) {
        if (setOperation(branch) || branch.has("valuesLists")) return;
        List<Node> targets = branch.list("targetList");
        for (int i = 0; i < targets.size() && i < types.size(); i++) {
            Node t = targets.get(i);
            Node v = t.node("val");
            Node cast = typed(v, types.get(i));
            if (cast == v) continue;
            if (!t.has("name")) t.set("name", ColumnNames.nameOf(v));
            t.set("val", cast);
        }
    }

    /** The values of a plain SELECT's list, or null where a {@code *} (or a set operation) leaves them not lined up. */
    private static List<Node> values(Node s) {
        if (setOperation(s)) return null;
        List<Node> out = new ArrayList<>();
        for (Node t : s.list("targetList")) {
            Node v = t.node("val");
            if (v == null || v.is("ColumnRef") && v.list("fields").get(v.list("fields").size() - 1).is("A_Star")) return null;
            out.add(v);
        }
        return out;
    }

    /**
     * select_common_type over {@code values}: 42804 when two of them are of different categories,
     * 42846 when one cannot be converted to the type chosen for all.
     */
    private static SqlType common(List<Node> values, String context, TypeResolver types, Scope scope) {
        List<SqlType> known = new ArrayList<>();
        List<Node> at = new ArrayList<>();
        for (Node v : values) {
            if (v == null) continue;
            SqlType t = certainType(v, types, scope);
            if (t == null) return null;
            known.add(t);
            at.add(v);
        }
        return common(known, at, context);
    }

    /**
     * An untyped string constant among values of type {@code chosen} is read as that type, as
     * PostgreSQL resolves it ({@code CASE … THEN 1 ELSE '2' END} is an integer; DuckDB would make
     * it text); other values as they are.
     */
    private static Node typed(Node v, SqlType chosen) {
        if (chosen == null || chosen.isUnknown() || v == null || !v.is("A_Const") || !v.has("sval") || category(chosen) == 'S') return v;
        Node typeName = Node.of(null).set("names", new ArrayList<>(List.of(Node.string(chosen.name())))).set("typemod", -1L);
        if (chosen.isArray()) typeName.set("arrayBounds", new ArrayList<>(List.of(Node.of("Integer").set("ival", -1L))));
        return Node.of("TypeCast").set("arg", v).set("typeName", typeName).set("location", v.location());
    }

    private static void typed(List<Node> values, SqlType chosen) {
        for (int i = 0; i < values.size(); i++) values.set(i, typed(values.get(i), chosen));
    }

    /** The type chosen for values of types {@code known} (at {@code at}, for positions), or null when that is not told here. */
    private static SqlType common(List<SqlType> all, List<Node> allAt, String context) {
        List<SqlType> known = new ArrayList<>();
        List<Node> at = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            SqlType t = all.get(i);
            if (t.isUnknown()) continue;
            if (category(t) == null) return null;
            known.add(t);
            at.add(allAt.get(i));
        }
        if (known.isEmpty()) return SqlType.TEXT; // untyped values only: text, as PostgreSQL resolves them
        SqlType chosen = null;
        for (int i = 0; i < known.size(); i++) {
            SqlType t = known.get(i);
            if (chosen == null) {
                chosen = t;
            } else if (category(t) != category(chosen)) {
                throw new PgException("42804", context + " types " + FormatType.displayName(chosen) + " and "
                        + FormatType.displayName(t) + " cannot be matched").withPosition(location(at.get(i)) + 1);
            } else if (convertible(chosen, t) && rank(t) > rank(chosen)) {
                chosen = t;
            }
        }
        for (int i = 0; i < known.size(); i++) {
            if (convertible(known.get(i), chosen)) continue;
            throw new PgException("42846", (context.equals("CASE") ? "CASE/WHEN" : context) + " could not convert type "
                    + FormatType.displayName(known.get(i)) + " to " + FormatType.displayName(chosen)).withPosition(location(at.get(i)) + 1);
        }
        return chosen;
    }

    private static Character category(SqlType t) {
        if (t.isArray()) return category(t.element()) == null ? null : 'A';
        return CATEGORIES.get(t.name());
    }

    /** Where in a category a type stands: an implicit cast leads from a lower to a higher one (arrays by their elements). */
    private static int rank(SqlType t) {
        return LADDER.indexOf(t.isArray() ? t.element().name() : t.name());
    }

    /** Whether PostgreSQL converts a value of type {@code from} to {@code to} (of the same category) implicitly. */
    private static boolean convertible(SqlType from, SqlType to) {
        if (from.isArray() != to.isArray()) return false;
        if (from.isArray()) return convertible(from.element(), to.element());
        if (from.name().equals(to.name())) return true;
        char c = CATEGORIES.get(from.name());
        if (c != CATEGORIES.get(to.name())) return false;
        return switch (c) {
            case 'U' -> false; // uuid, bytea, json and jsonb have no implicit casts among them
            case 'D' -> TIMES.contains(from.name()) == TIMES.contains(to.name());
            default -> true;
        };
    }

    private static final java.util.Set<String> TIMES = java.util.Set.of("time", "timetz");

    /** The position PostgreSQL reports for a value: a cast's is its argument's. */
    private static int location(Node v) {
        int at = v.location();
        if (v.is("TypeCast") && v.node("arg") != null && v.node("arg").location() >= 0) at = Math.min(at, v.node("arg").location());
        return at;
    }

    private static final java.util.Set<String> CLOCK = java.util.Set.of("now", "statement_timestamp", "transaction_timestamp",
            "clock_timestamp");

    /** The type of a value whose type the translation knows for certain (a constant, a cast, a column), else null. */
    private static SqlType certainType(Node v, TypeResolver types, Scope scope) {
        if (v.is("FuncCall") && v.list("args").isEmpty() && CLOCK.contains(Operators.lastName(v))) return SqlType.TIMESTAMPTZ;
        if (v.is("A_ArrayExpr") && !v.bool("pgwire_cast") && !v.list("elements").isEmpty()) {
            // ARRAY[…] of elements of certain type: an array of their common type
            List<SqlType> elements = new ArrayList<>();
            for (Node el : v.list("elements")) {
                SqlType t = el.is("A_ArrayExpr") ? null : certainType(el, types, scope);
                if (t == null || t.isArray()) return null;
                elements.add(t);
            }
            SqlType element = common(elements, v.list("elements"), "ARRAY");
            return element == null ? null : new SqlType(element.name(), -1, 1);
        }
        boolean certain = v.is("A_Const") || v.is("TypeCast") || v.is("ColumnRef") && scope != null || v.is("SQLValueFunction");
        return certain ? types.type(v, scope) : null;
    }
}
