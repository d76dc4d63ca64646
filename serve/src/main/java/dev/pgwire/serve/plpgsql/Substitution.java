package dev.pgwire.serve.plpgsql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.PgParser;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.serve.sql.TreeWalker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A block's variables in the SQL it runs. As in PostgreSQL, a variable is a value wherever the
 * statement (a query, INSERT, UPDATE, DELETE or an expression) names it as a column reference —
 * never in a utility statement (CREATE, ALTER, …), which runs as written. The parse tree finds
 * the references; each is replaced by its value as a typed literal.
 */
final class Substitution {
    private Substitution() {}

    private static final Set<String> PLANNED = Set.of("SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt");

    /** A value in SQL: a literal of the variable's type, or NULL of it. */
    static String literal(String text, String type) {
        String value = text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
        return type == null ? value : "CAST(" + value + " AS " + type + ")";
    }

    /**
     * {@code sql} with the column references {@code values} answers (the literal for a reference's
     * names, or null when it is no variable) and, with {@code parameters}, each {@code $n} replaced.
     * SQL PostgreSQL's grammar does not accept is returned unchanged: running it reports the error.
     */
    static String apply(String sql, Function<List<String>, String> values, IntFunction<String> parameters) {
        List<PgParser.Statement> parsed;
        try {
            parsed = PgParser.parse(sql);
        } catch (PgException e) {
            return sql;
        }
        if (parsed.size() != 1 || !PLANNED.contains(parsed.get(0).tree().type()) && parameters == null) return sql;
        byte[] utf8 = sql.getBytes(StandardCharsets.UTF_8);
        List<int[]> spans = new ArrayList<>(); // start, end (chars), index into texts
        List<String> texts = new ArrayList<>();
        TreeWalker.forEachNode(parsed.get(0).tree(), n -> {
            String replacement = null;
            int tokens = 0;
            if (n.is("ColumnRef") && PLANNED.contains(parsed.get(0).tree().type())) {
                List<String> names = n.names("fields");
                replacement = values.apply(names);
                tokens = names.size() * 2 - 1; // name . name
            } else if (n.is("ParamRef") && parameters != null) {
                replacement = parameters.apply((int) n.num("number"));
                tokens = 1;
            }
            if (replacement == null) return;
            int start = charIndex(sql, utf8, n.location());
            SqlLexer lexer = new SqlLexer(sql.substring(start));
            SqlLexer.Token last = null;
            for (int i = 0; i < tokens; i++) last = lexer.next();
            spans.add(new int[] {start, start + last.end(), texts.size()});
            texts.add(replacement);
        });
        spans.sort((a, b) -> Integer.compare(b[0], a[0]));
        StringBuilder out = new StringBuilder(sql);
        for (int[] span : spans) out.replace(span[0], span[1], texts.get(span[2]));
        return out.toString();
    }

    /** The character index of byte offset {@code offset} of {@code sql}'s UTF-8 form. */
    private static int charIndex(String sql, byte[] utf8, int offset) {
        if (utf8.length == sql.length()) return offset;
        return new String(utf8, 0, offset, StandardCharsets.UTF_8).length();
    }

    /** A node's string, for callers that read PL/pgSQL trees. */
    static String query(Node expr) {
        return expr == null ? null : expr.str("query");
    }
}
