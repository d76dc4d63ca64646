package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables a SQL function's body reads, each under an alias of its own. DuckDB keeps the
 * function as a macro and puts a call's arguments into its body, where a column of the caller's
 * table ({@code emp.manager_id} in {@code SELECT mgr_name(manager_id) FROM emp}) would be read
 * from the body's table of the same name ({@code SELECT name FROM emp WHERE id = p}) — another
 * row's value. Under an alias no caller's column can name it.
 */
final class BodyAliases {
    private BodyAliases() {}

    /** @param function the function's name, in the aliases: a body calling another function's keeps its own */
    static void apply(Node tree, String function) {
        // the body's tables without an alias, by name: a name the body reads twice (in two scopes) is left
        Map<String, List<Node>> byName = new HashMap<>();
        TreeWalker.forEachNode(tree, n -> {
            if (n.is("RangeVar") && n.node("alias") == null) byName.computeIfAbsent(n.str("relname"), k -> new ArrayList<>()).add(n);
        });
        Map<String, String> aliases = new HashMap<>();
        for (Map.Entry<String, List<Node>> e : byName.entrySet()) {
            if (e.getValue().size() != 1) continue;
            String alias = "pgwire_" + function + "_" + aliases.size();
            aliases.put(e.getKey(), alias);
            e.getValue().get(0).set("alias", Node.typed("Alias", Node.of(null).set("aliasname", alias)));
        }
        if (aliases.isEmpty()) return;
        // the body's own references to such a table by name (emp.name, public.emp.name, emp.*): by its alias
        TreeWalker.forEachNode(tree, n -> {
            if (!n.is("ColumnRef")) return;
            List<Node> fields = n.list("fields");
            int table = fields.size() == 3 ? 1 : fields.size() == 2 ? 0 : -1;
            if (table < 0 || !fields.get(table).is("String")) return;
            String alias = aliases.get(fields.get(table).str("sval"));
            if (alias == null) return;
            List<Node> out = new ArrayList<>();
            out.add(Node.string(alias));
            out.addAll(fields.subList(table + 1, fields.size()));
            n.set("fields", out);
        });
    }
}
