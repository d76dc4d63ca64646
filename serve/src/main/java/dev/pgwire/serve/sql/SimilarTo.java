package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;

/**
 * SQL's SIMILAR TO pattern as the regular expression PostgreSQL's {@code similar_to_escape}
 * makes of it: {@code %} is {@code .*}, {@code _} is {@code .}, the regular-expression
 * metacharacters SIMILAR TO shares keep their meaning ({@code | * + ? {m,n} ( ) [ ]}), every other
 * character is literal, and the escape character quotes the next one. The whole string must
 * match.
 */
final class SimilarTo {
    private SimilarTo() {}

    static String toRegex(String pattern, String escape) {
        if (escape.length() > 1) throw new PgException("22025", "invalid escape string")
                .withHint("Escape string must be empty or one character.");
        char esc = escape.isEmpty() ? 0 : escape.charAt(0);
        StringBuilder re = new StringBuilder("(?s:");
        boolean inBracket = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (esc != 0 && c == esc) {
                if (i + 1 >= pattern.length()) {
                    throw new PgException("22025", "invalid escape string")
                            .withHint("Escape string must be empty or one character.");
                }
                char next = pattern.charAt(++i);
                re.append(quote(next));
            } else if (inBracket) {
                if (c == ']') inBracket = false;
                re.append(c == '\\' ? "\\\\" : String.valueOf(c));
            } else if (c == '[') {
                inBracket = true;
                re.append(c);
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else if ("|*+?{}()".indexOf(c) >= 0) {
                re.append(c);
            } else {
                re.append(quote(c));
            }
        }
        return re.append(')').toString();
    }

    private static String quote(char c) {
        return Character.isLetterOrDigit(c) || c == ' ' || c > 127 ? String.valueOf(c) : "\\" + c;
    }
}
