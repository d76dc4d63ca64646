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

    /**
     * Untyped string constants passed to a SQL function, read as its arguments' (built-in or domain) types,
     * as PostgreSQL resolves an unknown literal: {@code '{7,8,9}'} for an int[] argument is an
     * array, {@code '2.5'} for an integer one 22P02, where DuckDB would put the text into the body.
     */
    static void typeConstants(Node call, CatalogView catalog) {
        if (!ReplayInfo.userFunction(call)) return;
        List<String> name = call.names("funcname");
        FunctionMeta f = catalog.sqlFunction(name.size() > 1 ? name.get(name.size() - 2) : null, name.get(name.size() - 1));
        if (f == null) return;
        List<Node> args = call.list("args");
        for (int i = 0; i < args.size(); i++) {
            Node arg = args.get(i);
            boolean named = arg.is("NamedArgExpr");
            Node value = named ? arg.node("arg") : arg;
            FunctionMeta.Param p = null;
            if (named) {
                for (FunctionMeta.Param q : f.args()) if (q.name() != null && q.name().equals(arg.str("name"))) p = q;
            } else if (i < f.args().size()) {
                p = f.args().get(i);
            }
            if (p == null || value == null || !value.is("A_Const") || !value.has("sval")) continue;
            Node cast;
            if (dev.pgwire.serve.catalog.Builtins.typeOid(p.type().name()) != 0) {
                cast = SqlType.of(p.type()).withoutTypmod().cast(value, value.location());
            } else if (!p.type().isArray() && catalog.domain(null, p.type().name()) != null
                    && catalog.domain(null, p.type().name()).base().isArray()) {
                // an argument of a domain over an array: read as the domain (array_in, then its checks; the function
                // checks any other domain's value itself, a string too long for its varchar(n) is 22001 there)
                Node typeName = Node.of(null).set("names", new java.util.ArrayList<>(List.of(Node.string(p.type().name())))).set("typemod", -1L);
                cast = Node.of("TypeCast").set("arg", value).set("typeName", typeName).set("location", value.location());
            } else {
                continue;
            }
            if (named) arg.set("arg", cast);
            else args.set(i, cast);
        }
    }

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
