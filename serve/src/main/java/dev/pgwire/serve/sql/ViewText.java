package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;

/** The query of a CREATE VIEW or CREATE MATERIALIZED VIEW as the client wrote it (what pg_get_viewdef shows). */
final class ViewText {
    private ViewText() {}

    /** The text of CREATE VIEW's query: what follows its first AS outside parentheses. */
    static String query(String source) {
        if (source == null) return null;
        SqlLexer lexer = new SqlLexer(source);
        boolean seenView = false;
        for (SqlLexer.Token t = lexer.next(); t.kind() != SqlLexer.Kind.END; t = lexer.next()) {
            if (t.kind() == SqlLexer.Kind.WORD && t.text().equals("VIEW")) seenView = true;
            if (seenView && t.depth() == 0 && t.kind() == SqlLexer.Kind.WORD && t.text().equals("AS")) {
                String q = source.substring(t.end()).trim();
                while (q.endsWith(";")) q = q.substring(0, q.length() - 1).trim();
                return q + ";";
            }
        }
        return null;
    }

    /**
     * CREATE MATERIALIZED VIEW's query as written: after its first AS, without a closing WITH [NO]
     * DATA ({@code duckDbQuery} when the source is not known).
     */
    static String matViewQuery(String source, String duckDbQuery) {
        String q = query(source);
        if (q == null) return duckDbQuery;
        SqlLexer lexer = new SqlLexer(q);
        List<SqlLexer.Token> tokens = new ArrayList<>();
        for (SqlLexer.Token t = lexer.next(); t.kind() != SqlLexer.Kind.END; t = lexer.next()) tokens.add(t);
        int n = tokens.size();
        if (n > 0 && tokens.get(n - 1).isOp(';')) n--;
        int cut = -1;
        if (n >= 2 && tokens.get(n - 1).isWord("DATA") && tokens.get(n - 2).isWord("WITH")) cut = n - 2;
        if (n >= 3 && tokens.get(n - 1).isWord("DATA") && tokens.get(n - 2).isWord("NO") && tokens.get(n - 3).isWord("WITH")) cut = n - 3;
        if (cut < 0 || tokens.get(cut).depth() != 0) return q;
        return q.substring(0, tokens.get(cut).start()).trim() + ";";
    }
}
