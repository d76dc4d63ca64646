package dev.pgwire.serve.sql;

import dev.pgwire.serve.catalog.RegTypes;
import dev.pgwire.serve.sql.TypeResolver.Col;
import dev.pgwire.serve.sql.TypeResolver.Entry;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A star of the select list written out as PostgreSQL expands it, where DuckDB's expansion would
 * differ. Over a join with USING or NATURAL PostgreSQL puts the join columns first (once), then the
 * left side's other columns, then the right's; DuckDB puts the join columns where the left side has
 * them ({@code x, k, y} for PostgreSQL's {@code k, x, y}), which moves values between positions.
 * A star over columns of the OID alias types ({@code SELECT t.* FROM pg_type t}: typinput,
 * typoutput, … are regproc) is written out column by column, so that each such column shows the
 * name it stands for, as a column named on its own does; so is one over a column that needs its own
 * writing among the result columns (an array counted from 0, {@link OidArrays}).
 */
final class JoinStars {
    private JoinStars() {}

    /**
     * Writes out the stars over a FROM clause of one join with USING or NATURAL of two items
     * (tables, views, CTEs, subqueries), typed in {@code scope}; returns whether it changed the
     * select list. Other shapes keep DuckDB's expansion.
     */
    static boolean joinOrder(Node select, Scope scope) {
        List<Node> from = select.list("fromClause");
        if (scope == null || from.size() != 1 || !from.get(0).is("JoinExpr")) return false;
        Node join = from.get(0);
        if (!join.bool("isNatural") && !join.has("usingClause")) return false;
        if (join.node("alias") != null || scope.entries.size() != 2) return false;
        Entry left = scope.entries.get(0);
        Entry right = scope.entries.get(1);
        if (left.alias().isEmpty() || right.alias().isEmpty() || left.alias().equals(right.alias())) return false;
        Set<String> shared = new LinkedHashSet<>();
        if (join.bool("isNatural")) {
            for (Col c : left.cols()) if (column(right, c.name()) != null) shared.add(c.name());
        } else {
            shared.addAll(join.names("usingClause"));
        }
        if (shared.isEmpty()) return false;
        boolean changed = false;
        List<Node> targets = select.list("targetList");
        for (int i = 0; i < targets.size(); i++) {
            Node val = targets.get(i).node("val");
            if (val == null || !val.is("ColumnRef") || val.list("fields").size() != 1 || !val.list("fields").get(0).is("A_Star")) {
                continue;
            }
            List<Node> expanded = new ArrayList<>();
            for (String name : shared) expanded.add(target(List.of(name)));
            for (Col c : left.cols()) if (!shared.contains(c.name())) expanded.add(target(List.of(left.alias(), c.name())));
            for (Col c : right.cols()) if (!shared.contains(c.name())) expanded.add(target(List.of(right.alias(), c.name())));
            targets.remove(i);
            targets.addAll(i, expanded);
            i += expanded.size() - 1;
            changed = true;
        }
        return changed;
    }

    /**
     * Writes out the stars of a result's select list that take in a column of an OID alias type
     * (regproc, regclass, regtype, …) or one {@code special} says needs it (given the column as a
     * qualified reference), each column qualified by the FROM item it comes from.
     */
    static void regColumns(Node select, Scope scope, java.util.function.Predicate<Node> special) {
        expand(select, scope, special, false);
    }

    /**
     * Writes out every star of a view's select list, each column qualified by its FROM item: a
     * view's columns are those its query had when it was made (PostgreSQL expands the star then),
     * not those a table gains later.
     */
    static void all(Node select, Scope scope) {
        expand(select, scope, n -> true, true);
    }

    private static void expand(Node select, Scope scope, java.util.function.Predicate<Node> special, boolean always) {
        if (scope == null) return;
        List<Node> targets = select.list("targetList");
        for (int i = 0; i < targets.size(); i++) {
            Node val = targets.get(i).node("val");
            if (val == null || !val.is("ColumnRef")) continue;
            List<Node> fields = val.list("fields");
            if (!fields.get(fields.size() - 1).is("A_Star") || fields.size() > 2) continue;
            String qualifier = fields.size() == 2 && fields.get(0).is("String") ? fields.get(0).str("sval") : null;
            if (fields.size() == 2 && qualifier == null) continue;
            List<Entry> entries = new ArrayList<>();
            for (Entry e : scope.entries) if (qualifier == null || qualifier.equals(e.alias())) entries.add(e);
            if (entries.isEmpty() || (qualifier != null && entries.size() != 1)) continue;
            boolean reg = false;
            boolean named = true;
            Set<String> aliases = new LinkedHashSet<>();
            for (Entry e : entries) {
                named &= !e.alias().isEmpty() && aliases.add(e.alias());
                for (Col c : e.cols()) {
                    reg |= c.type() != null && !c.type().isArray() && RegTypes.outputFunction(c.type().name()) != null
                            || !e.alias().isEmpty() && special.test(target(List.of(e.alias(), c.name())).node("val"));
                }
            }
            if (!(reg || always) || !named) continue;
            List<Node> expanded = new ArrayList<>();
            for (Entry e : entries) for (Col c : e.cols()) expanded.add(target(List.of(e.alias(), c.name())));
            targets.remove(i);
            targets.addAll(i, expanded);
            i += expanded.size() - 1;
        }
    }

    private static Col column(Entry e, String name) {
        for (Col c : e.cols()) if (c.name().equals(name)) return c;
        return null;
    }

    private static Node target(List<String> names) {
        List<Node> fields = new ArrayList<>();
        for (String n : names) fields.add(Node.string(n));
        return Node.of("ResTarget").set("val", Node.of("ColumnRef").set("fields", fields));
    }
}
