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
 * DuckDB may convert one or fail with its own error.
 * The check speaks only where every value's type is certain (constants, casts, columns); an
 * untyped string or NULL takes the common type and is not counted.
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
                common(values, "CASE", types, scope);
            }
            case "CoalesceExpr" -> common(e.list("args"), "COALESCE", types, scope);
            case "MinMaxExpr" -> common(e.list("args"), e.str("op").equals("IS_GREATEST") ? "GREATEST" : "LEAST", types, scope);
            case "TypeCast" -> {
                // ARRAY[…]::t[] gives its elements the type t[] names: no common type is chosen
                if (e.node("arg") != null && e.node("arg").is("A_ArrayExpr")) e.node("arg").set("pgwire_cast", true);
            }
            case "A_ArrayExpr" -> {
                if (e.bool("pgwire_cast")) return;
                for (Node el : e.list("elements")) if (el.is("A_ArrayExpr")) return; // sub-arrays
                common(e.list("elements"), "ARRAY", types, scope);
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
     * select_common_type over {@code values}: 42804 when two of them are of different categories,
     * 42846 when one cannot be converted to the type chosen for all.
     */
    private static void common(List<Node> values, String context, TypeResolver types, Scope scope) {
        List<SqlType> known = new ArrayList<>();
        List<Node> at = new ArrayList<>();
        for (Node v : values) {
            if (v == null) continue;
            SqlType t = certainType(v, types, scope);
            if (t == null) return;
            if (t.isUnknown()) continue;
            if (category(t) == null) return;
            known.add(t);
            at.add(v);
        }
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
        boolean certain = v.is("A_Const") || v.is("TypeCast") || v.is("ColumnRef") && scope != null || v.is("SQLValueFunction");
        return certain ? types.type(v, scope) : null;
    }
}
