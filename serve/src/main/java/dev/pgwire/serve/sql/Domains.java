package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Values cast to a domain ({@code '5'::positive_int}, {@code CAST(x AS d)}) are checked as
 * PostgreSQL checks them: converted to the base type, then refused when null and the domain is NOT
 * NULL (23502) or when one of its checks is false (23514), with PostgreSQL's messages. The cast
 * keeps the domain as its type, so pg_typeof and the column's name are the domain's.
 */
final class Domains {
    private Domains() {}

    /** The domain {@code typeName} names, or null (a built-in type, an enum, an array, an unknown name). */
    static DomainMeta lookup(Node typeName, CatalogView catalog) {
        if (typeName == null || TypeMapper.isArray(typeName)) return null;
        List<String> names = typeName.names("names");
        if (names.isEmpty() || names.size() > 2 || names.get(0).equals("pg_catalog")) return null;
        if (names.size() == 1 && isBuiltinName(typeName)) return null;
        return catalog.domain(names.size() == 2 ? names.get(0) : null, names.get(names.size() - 1));
    }

    /** Refuses an array of a domain (its elements' checks are not applied): 0A000 rather than unchecked values. */
    static void refuseArray(Node typeName, CatalogView catalog) {
        if (typeName == null || !TypeMapper.isArray(typeName)) return;
        Node element = typeName.copy();
        element.set("arrayBounds", null);
        if (lookup(element, catalog) != null) throw DdlEmitter.unsupported("arrays of a domain");
    }

    /** Whether the unqualified name is one of PostgreSQL's types (which a user's domain cannot hide here). */
    private static boolean isBuiltinName(Node typeName) {
        String name = PgTypeName.of(typeName).name();
        return dev.pgwire.serve.catalog.Builtins.typeOid(name) != 0;
    }

    /** Wraps each cast to a domain in {@code tree} with the domain's checks. */
    static void checkCasts(Node tree, CatalogView catalog) {
        List<Node> casts = new ArrayList<>();
        TreeWalker.forEachNode(tree, n -> {
            if (n.is("TypeCast")) casts.add(n);
        });
        for (Node cast : casts) {
            refuseArray(cast.node("typeName"), catalog);
            DomainMeta d = lookup(cast.node("typeName"), catalog);
            if (d == null) continue;
            Node base = d.statement().node("typeName");
            Node value = Node.of("TypeCast").set("arg", cast.node("arg")).set("typeName", base).set("location", cast.location());
            cast.set("arg", checked(d, value));
        }
    }

    /** {@code value} (of the domain's base type) if the domain accepts it, else PostgreSQL's error. */
    private static Node checked(DomainMeta d, Node value) {
        List<Node> args = new ArrayList<>();
        args.add(value);
        StringBuilder sql = new StringBuilder("CASE");
        if (d.notNull()) {
            sql.append(" WHEN {0} IS NULL THEN error(").append(SqlWriter.quoteLiteral("[pgwire:23502] " + d.nullMessage())).append(')');
        }
        List<Node> checks = d.checks();
        for (int i = 0; i < checks.size(); i++) {
            args.add(DomainMeta.withValue(checks.get(i), value, false));
            sql.append(" WHEN (").append('{').append(args.size() - 1).append("}) IS FALSE THEN error(")
                    .append(SqlWriter.quoteLiteral("[pgwire:23514] " + d.checkMessage(i))).append(')');
        }
        if (args.size() == 1 && !d.notNull()) return value;
        sql.append(" ELSE {0} END");
        return Expressions.duckDb(sql.toString(), args.toArray(new Node[0]));
    }
}
