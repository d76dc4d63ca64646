package dev.pgwire.serve.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a call of a function serve keeps as a DuckDB macro (a SQL function), with each
 * column they name bare qualified by the FROM item it comes from. DuckDB puts the arguments into
 * the function's body, where a bare {@code manager_id} would be read from a table of the body
 * that has such a column, not from the caller's row; {@code emp.manager_id} cannot be (the body's
 * tables have aliases of their own, {@link BodyAliases}).
 */
final class MacroArguments {
    private MacroArguments() {}

    static void qualify(Node call, TypeResolver.Scope scope) {
        if (scope == null || !ReplayInfo.userFunction(call)) return;
        ArrayDeque<Object> stack = new ArrayDeque<>(call.list("args"));
        while (!stack.isEmpty()) {
            Object o = stack.pop();
            if (o instanceof List<?> l) {
                for (Object item : l) if (item != null) stack.push(item);
                continue;
            }
            if (!(o instanceof Node n)) continue;
            // a subquery's columns are its own scope's
            if (n.is("SubLink") || n.is("SelectStmt")) continue;
            if (n.is("ColumnRef")) {
                List<Node> fields = n.list("fields");
                if (fields.size() == 1 && fields.get(0).is("String")) {
                    String alias = scope.owner(fields.get(0).str("sval"));
                    if (alias != null) n.set("fields", new ArrayList<>(List.of(Node.string(alias), fields.get(0))));
                }
                continue;
            }
            for (Map.Entry<String, Object> e : n.fields().entrySet()) {
                if (e.getValue() instanceof Node || e.getValue() instanceof List<?>) stack.push(e.getValue());
            }
        }
    }
}
