package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.catalog.ViewRules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The views and materialized views that read a table or view being dropped, and those that read
 * them: DROP refuses while there are any (2BP01, naming each as PostgreSQL's dependency report
 * does), and DROP … CASCADE drops them first. DuckDB keeps no such dependencies; a view whose table
 * went would stay behind, listed and failing, and a materialized view would keep its rows until a
 * REFRESH failed.
 */
final class ViewDependents {
    private ViewDependents() {}

    /**
     * A view or materialized view ({@code kind}) that reads {@code on} (schema.name), of kind
     * {@code onKind} ("table", "view", "materialized view").
     */
    record Dependent(String schema, String name, String kind, String on, String onKind) {
        /** As PostgreSQL's dependency report names it: {@code view v depends on table t}. */
        String describe(CatalogView catalog) {
            int dot = on.indexOf('.');
            if (onKind.equals("function")) return view(catalog) + " depends on function " + on.substring(dot + 1);
            return view(catalog) + " depends on " + onKind + " " + named(on.substring(0, dot), on.substring(dot + 1), catalog);
        }

        /** The view as a DROP … CASCADE notice names it. */
        String view(CatalogView catalog) {
            return kind + " " + named(schema, name, catalog);
        }

        /** Whether this is a materialized view (a DuckDB table). */
        boolean materialized() {
            return kind.equals("materialized view");
        }
    }

    /** Bare where the search_path finds that very relation, else qualified (getObjectDescription). */
    private static String named(String schema, String name, CatalogView catalog) {
        CatalogView.Relation found = catalog.relation(null, name);
        return found != null && found.schema().equals(schema) ? name : schema + "." + name;
    }

    /** What PostgreSQL's dependency report calls relation {@code r}: table, view or materialized view. */
    static String kind(CatalogView.Relation r) {
        return r.view() ? "view" : r.meta().matView() != null ? "materialized view" : "table";
    }

    /** The views depending on what DROP TABLE, VIEW or MATERIALIZED VIEW statement {@code drop} drops. */
    static List<Dependent> ofDrop(Node drop, CatalogView catalog) {
        String type = drop.str("removeType");
        if (!type.equals("OBJECT_TABLE") && !type.equals("OBJECT_VIEW") && !type.equals("OBJECT_MATVIEW")) return List.of();
        Map<String, String> dropped = new LinkedHashMap<>();
        for (Node object : drop.list("objects")) {
            List<String> name = DdlDrops.objectName(object, type);
            CatalogView.Relation r = catalog.relation(name.size() > 1 ? name.get(name.size() - 2) : null, name.get(name.size() - 1));
            if (r == null) continue;
            dropped.put(r.schema() + "." + r.name(), kind(r));
        }
        return dropped.isEmpty() ? List.of() : of(dropped, catalog);
    }

    /**
     * The views reading column {@code column} of table {@code table} (schema.name) — by name, or
     * through a {@code *} — then the views reading those.
     */
    static List<Dependent> ofColumn(String table, String column, CatalogView catalog) {
        List<String[]> views = catalog.views();
        Set<String> known = new HashSet<>();
        known.add(table);
        for (String[] v : views) known.add(v[0] + "." + v[1]);
        List<Dependent> direct = new ArrayList<>();
        Map<String, String> reached = new LinkedHashMap<>();
        for (String[] v : views) {
            if (v[2] == null || !ViewRules.referenced(v[2], v[0], known).contains(table) || !readsColumn(v[2], column)) continue;
            // a star stands for the columns the table had when the view was made, which DuckDB's text of it names
            if (v.length > 4 && v[4] != null && !readsColumn(v[4], column)) continue;
            direct.add(new Dependent(v[0], v[1], v[3], table, "column " + column + " of table"));
            reached.put(v[0] + "." + v[1], v[3]);
        }
        if (direct.isEmpty()) return direct;
        List<Dependent> out = new ArrayList<>(direct);
        out.addAll(of(reached, catalog));
        return out;
    }

    /**
     * The views calling function {@code function} of schema {@code schema} (a SQL function, which
     * serve keeps as a DuckDB macro: DuckDB would drop it under them), then the views reading those.
     */
    static List<Dependent> ofFunction(String schema, String function, CatalogView catalog) {
        List<Dependent> direct = new ArrayList<>();
        Map<String, String> reached = new LinkedHashMap<>();
        for (String[] v : catalog.views()) {
            if (v[2] == null || !callsFunction(v[2], function)) continue;
            direct.add(new Dependent(v[0], v[1], v[3], schema + "." + function, "function"));
            reached.put(v[0] + "." + v[1], v[3]);
        }
        if (direct.isEmpty()) return direct;
        List<Dependent> out = new ArrayList<>(direct);
        out.addAll(of(reached, catalog));
        return out;
    }

    /** Whether a view's query calls a function named {@code function} (any schema: taken as calling it). */
    private static boolean callsFunction(String definition, String function) {
        List<PgParser.Statement> parsed;
        try {
            parsed = PgParser.parse(definition);
        } catch (RuntimeException notPostgreSql) {
            return false;
        }
        boolean[] calls = {false};
        for (PgParser.Statement st : parsed) {
            TreeWalker.forEachNode(st.tree(), n -> {
                if (n.type() != null && n.is("FuncCall") && Operators.lastName(n).equals(function)) calls[0] = true;
            });
        }
        return calls[0];
    }

    /** Whether a view's query names {@code column} (as any column reference's last name) or reads {@code *}. */
    static boolean readsColumn(String definition, String column) {
        List<PgParser.Statement> parsed;
        try {
            parsed = PgParser.parse(definition);
        } catch (RuntimeException notPostgreSql) {
            return true; // not known: taken as reading it
        }
        boolean[] reads = {false};
        for (PgParser.Statement st : parsed) {
            TreeWalker.forEachNode(st.tree(), n -> {
                if (n.type() == null || !n.is("ColumnRef")) return;
                List<Node> fields = n.list("fields");
                Node last = fields.isEmpty() ? null : fields.get(fields.size() - 1);
                if (last != null && (last.is("A_Star") || last.is("String") && last.str("sval").equals(column))) reads[0] = true;
            });
        }
        return reads[0];
    }

    /**
     * The views depending on the relations {@code dropped} (schema.name to "table" or "view"), not
     * themselves among them, each after the one it reads.
     */
    private static List<Dependent> of(Map<String, String> dropped, CatalogView catalog) {
        List<String[]> views = catalog.views();
        if (views.isEmpty()) return List.of();
        Set<String> known = new HashSet<>(dropped.keySet());
        for (String[] v : views) known.add(v[0] + "." + v[1]);
        Map<String, String> reached = new LinkedHashMap<>(dropped); // key -> kind
        List<Dependent> out = new ArrayList<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String[] v : views) {
                String key = v[0] + "." + v[1];
                if (reached.containsKey(key) || v[2] == null) continue;
                for (String read : ViewRules.referenced(v[2], v[0], known)) {
                    if (reached.containsKey(read)) {
                        out.add(new Dependent(v[0], v[1], v[3], read, reached.get(read)));
                        reached.put(key, v[3]);
                        grew = true;
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * DROP without CASCADE of relations others depend on: PostgreSQL's 2BP01.
     *
     * @param what the one relation dropped ({@code table t}), or null for several
     */
    static PgException refusal(String what, List<Dependent> dependents, CatalogView catalog) {
        StringBuilder detail = new StringBuilder();
        for (Dependent d : dependents) {
            if (detail.length() > 0) detail.append('\n');
            detail.append(d.describe(catalog));
        }
        return new PgException("2BP01", what != null ? "cannot drop " + what + " because other objects depend on it"
                : "cannot drop desired object(s) because other objects depend on them")
                .withDetail(detail.toString()).withHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }

    /** DROP … CASCADE's notice: the one view it drops as well, or how many. */
    static String cascadeNotice(List<Dependent> dependents, CatalogView catalog) {
        return dependents.size() == 1 ? "drop cascades to " + dependents.get(0).view(catalog)
                : "drop cascades to " + dependents.size() + " other objects";
    }
}
