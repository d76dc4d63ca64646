package dev.pgwire.serve.catalog;

import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.PgParser;
import dev.pgwire.serve.sql.TreeWalker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The relations a view's or materialized view's query reads, for the dependencies of its _RETURN
 * rule (pg_rewrite, pg_depend): pg_dump orders a view after the tables it reads by them. Read from
 * the query as PostgreSQL shows it, with PostgreSQL's parser; a name without schema is looked for
 * in the view's own schema, then in public.
 */
public final class ViewRules {
    private ViewRules() {}

    /** The relations (as {@code schema.name}) among {@code known} that {@code definition} reads. */
    public static List<String> referenced(String definition, String viewSchema, Set<String> known) {
        if (definition == null || definition.isBlank()) return List.of();
        List<PgParser.Statement> parsed;
        try {
            parsed = PgParser.parse(definition);
        } catch (RuntimeException notPostgreSql) {
            return List.of();
        }
        Set<String> ctes = new HashSet<>();
        List<Node> rangeVars = new ArrayList<>();
        for (PgParser.Statement s : parsed) {
            TreeWalker.forEachNode(s.tree(), n -> {
                if (n.is("CommonTableExpr")) ctes.add(n.str("ctename"));
                else if (n.is("RangeVar")) rangeVars.add(n);
            });
        }
        Set<String> out = new LinkedHashSet<>();
        for (Node r : rangeVars) {
            String schema = r.str("schemaname");
            String name = r.str("relname");
            if (!schema.isEmpty()) {
                if (known.contains(schema + "." + name)) out.add(schema + "." + name);
            } else if (!ctes.contains(name)) {
                if (known.contains(viewSchema + "." + name)) out.add(viewSchema + "." + name);
                else if (known.contains("public." + name)) out.add("public." + name);
            }
        }
        return new ArrayList<>(out);
    }
}
