package dev.pgwire.serve.sql;

import java.util.List;
import java.util.Set;

/**
 * A row joined to text — an argument of concat, concat_ws or format, an operand of {@code ||} — is
 * written by record_out, as its cast to text is ({@code (1,"a b",)}), where DuckDB would write its
 * struct notation ({@code {'a': 1, …}}).
 */
final class RowArguments {
    private RowArguments() {}

    private static final Set<String> TEXT_FUNCTIONS = Set.of("concat", "concat_ws", "format");

    /** Casts the row arguments of a call of concat, concat_ws or format to text (before the call's arguments are rewritten). */
    static void ofCall(Node call, TypeResolver.Scope scope) {
        if (!TEXT_FUNCTIONS.contains(Operators.lastName(call))) return;
        List<Node> args = call.list("args");
        for (int i = 0; i < args.size(); i++) if (isRow(args.get(i), scope)) args.set(i, asText(args.get(i)));
    }

    /** Casts a row operand of {@code ||} to text, unless the other operand is an array (before the operands are rewritten). */
    static void ofConcatenation(Node e, TypeResolver.Scope scope, TypeResolver types) {
        List<String> op = e.names("name");
        if (!e.str("kind").equals("AEXPR_OP") || op.isEmpty() || !op.get(op.size() - 1).equals("||")) return;
        Node l = e.node("lexpr");
        Node r = e.node("rexpr");
        if (l == null || r == null) return;
        // (a row beside a row is no text concatenation: PostgreSQL has no such operator)
        if (isRow(l, scope) && !isArray(r, scope, types) && !isRow(r, scope)) e.set("lexpr", asText(l));
        else if (isRow(r, scope) && !isArray(l, scope, types) && !isRow(l, scope)) e.set("rexpr", asText(r));
    }

    private static boolean isArray(Node e, TypeResolver.Scope scope, TypeResolver types) {
        SqlType t = types.type(e, scope);
        return t != null && t.isArray();
    }

    /** A ROW(…) of at least one field, or a whole row of a table whose columns' types are all written as record_out writes them. */
    private static boolean isRow(Node e, TypeResolver.Scope scope) {
        if (e.is("RowExpr")) return !e.list("args").isEmpty();
        if (!e.is("ColumnRef") || scope == null || !e.list("fields").stream().allMatch(f -> f.is("String"))) return false;
        TypeResolver.Entry row = scope.wholeRow(e.names("fields"));
        if (row == null || row.cols().isEmpty()) return false;
        for (TypeResolver.Col c : row.cols()) if (c.type() == null || !CompositeText.writable(c.type().asTypeName())) return false;
        return true;
    }

    private static Node asText(Node row) {
        return SqlType.TEXT.cast(row, row.location());
    }
}
