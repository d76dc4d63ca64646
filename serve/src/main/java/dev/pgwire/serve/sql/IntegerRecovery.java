package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.SqlLexer.Kind;
import dev.pgwire.serve.sql.SqlLexer.Token;

import java.nio.charset.StandardCharsets;

/**
 * Puts back integer constants the parse tree lost. libpg_query 15-4.0 writes an {@code Integer}
 * node whose value is zero or negative as an empty object, so {@code -5} and {@code 0} read alike;
 * both keep their place in the source ({@code location}), where the value is read again: the minus
 * signs before it and its digits. And -2147483648, which the tree holds as a float, is an integer.
 */
final class IntegerRecovery {
    private IntegerRecovery() {}

    static void apply(Node tree, String sql) {
        byte[] utf8 = null;
        for (Node n : TreeWalker.nodes(tree)) {
            if (n.is("A_Const") && n.has("ival") && !n.node("ival").has("ival")) {
                if (utf8 == null) utf8 = sql.getBytes(StandardCharsets.UTF_8);
                Long v = integerAt(utf8, n.location(), false);
                if (v != null) n.node("ival").set("ival", v);
            } else if (n.is("A_Const") && n.has("fval") && String.valueOf(Integer.MIN_VALUE).equals(n.node("fval").str("fval"))) {
                // -2147483648: the minus folded into the float token 2147483648, which PostgreSQL's make_const then reads as an integer
                n.set("fval", null);
                n.set("ival", Node.of("Integer").set("ival", (long) Integer.MIN_VALUE));
            } else if (n.is("DefElem") && n.node("arg") != null && n.node("arg").is("Integer") && !n.node("arg").has("ival")) {
                if (utf8 == null) utf8 = sql.getBytes(StandardCharsets.UTF_8);
                Long v = integerAt(utf8, n.location(), true);
                if (v != null) n.node("arg").set("ival", v);
            }
        }
    }

    /** The integer at byte offset {@code location}: minus signs then digits, after the option's words if asked. */
    private static Long integerAt(byte[] utf8, int location, boolean skipWords) {
        if (location < 0 || location > utf8.length) return null;
        SqlLexer lexer = new SqlLexer(new String(utf8, location, utf8.length - location, StandardCharsets.UTF_8));
        Token t = lexer.next();
        if (skipWords) while (t.kind() == Kind.WORD || t.isOp('=')) t = lexer.next();
        boolean negative = false;
        while (t.isOp('-') || t.isOp('+')) {
            if (t.isOp('-')) negative = !negative;
            t = lexer.next();
        }
        if (t.kind() != Kind.NUMBER) return null;
        try {
            long v = Long.parseLong(t.text());
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
