package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Names in SQL text replaced by other text where the parse tree shows them as column references
 * (a PL/pgSQL block's variables, a SQL function's parameters) or as {@code $n} parameters. As in
 * PostgreSQL, column references count only in queries, INSERT, UPDATE, DELETE and MERGE — never in
 * a utility statement (CREATE, ALTER, …), which stays as written.
 */
public final class ColumnReferences {
    private ColumnReferences() {}

    private static final Set<String> PLANNED = Set.of("SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt");

    /**
     * {@code sql} with the column references {@code values} answers (the literal for a reference's
     * names, or null when it is no variable) and, with {@code parameters}, each {@code $n} replaced.
     * SQL PostgreSQL's grammar does not accept is returned unchanged: running it reports the error.
     */
    public static String apply(String sql, Function<List<String>, String> values, IntFunction<String> parameters) {
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

}
