package dev.pgwire.gateway;

import dev.pgwire.server.SqlSplitter;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The little the gateway reads of SQL text: where statements end (quotes, dollar quotes and
 * comments respected), their leading keywords, and the shape of SET, RESET, PREPARE, EXECUTE and
 * DEALLOCATE. Everything else passes through unread.
 */
final class SqlText {
    private SqlText() {}

    /** The statements of a Query string, each without its semicolon (the server's splitter). */
    static List<String> statements(String sql) {
        return SqlSplitter.split(sql);
    }

    /** The first {@code max} words of a statement, lower-cased unless quoted, comments skipped. */
    static List<String> words(String s, int max) {
        List<String> out = new ArrayList<>(max);
        int i = 0;
        int n = s.length();
        while (i < n && out.size() < max) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                i = SqlSplitter.skipBlockComment(s, i);
            } else if (c == '"') {
                int end = SqlSplitter.skipQuoted(s, i);
                out.add(s.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\""));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) j++;
                out.add(s.substring(i, j).toLowerCase(Locale.ROOT));
                i = j;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    /** The first keyword of a statement, lower-cased ("" for none). */
    static String firstWord(String s) {
        List<String> w = words(s, 1);
        return w.isEmpty() ? "" : w.get(0);
    }

    /**
     * A session-level SET or RESET: {@code name} lower-cased ("all" for RESET ALL), {@code value}
     * the SQL text after TO/= (null for RESET or SET ... TO DEFAULT).
     */
    record Setting(String name, String value) {}

    /** The SET/RESET this statement makes for the session, or null (SET LOCAL, other statements). */
    static Setting setting(String stmt) {
        List<String> w = words(stmt, 4);
        if (w.isEmpty()) return null;
        if (w.get(0).equals("reset")) {
            if (w.size() < 2) return null;
            if (w.get(1).equals("session") && w.size() >= 3 && w.get(2).equals("authorization")) {
                return new Setting("session_authorization", null);
            }
            if (w.get(1).equals("time") && w.size() >= 3 && w.get(2).equals("zone")) return new Setting("timezone", null);
            return new Setting(dottedName(stmt, 1), null);
        }
        if (!w.get(0).equals("set") || w.size() < 2) return null;
        int at = 1;
        if (w.get(1).equals("local")) return null;
        if (w.get(1).equals("transaction")) return null;
        if (w.get(1).equals("session")) {
            if (w.size() >= 3 && w.get(2).equals("characteristics")) return new Setting("session characteristics", null);
            if (w.size() >= 3 && w.get(2).equals("authorization")) {
                return new Setting("session_authorization", afterWords(stmt, 3));
            }
            at = 2;
        }
        if (w.size() > at + 1 && w.get(at).equals("time") && w.get(at + 1).equals("zone")) {
            String v = afterWords(stmt, at + 2);
            return new Setting("timezone", v.equalsIgnoreCase("default") || v.equalsIgnoreCase("local") ? null : v);
        }
        if (w.size() > at && (w.get(at).equals("role") || w.get(at).equals("names") || w.get(at).equals("schema"))) {
            String name = switch (w.get(at)) {
                case "role" -> "role";
                case "names" -> "client_encoding";
                default -> "search_path";
            };
            String v = afterWords(stmt, at + 1);
            return new Setting(name, v.equalsIgnoreCase("none") || v.equalsIgnoreCase("default") ? null : v);
        }
        String name = dottedName(stmt, at);
        int nameWords = name.split("\\.", -1).length * 2 - 1;
        String rest = afterWords(stmt, at + nameWords);
        if (rest.startsWith("=")) rest = rest.substring(1).strip();
        else if (rest.regionMatches(true, 0, "to", 0, 2) && (rest.length() == 2 || !Character.isLetterOrDigit(rest.charAt(2)))) {
            rest = rest.substring(2).strip();
        } else {
            return null;
        }
        if (rest.equalsIgnoreCase("default")) rest = null;
        return new Setting(name, rest);
    }

    /** A possibly dotted parameter name starting at word {@code at}. */
    private static String dottedName(String stmt, int at) {
        List<String> w = words(stmt, at + 5);
        if (w.size() <= at) return "";
        StringBuilder b = new StringBuilder(w.get(at));
        for (int i = at + 1; i + 1 < w.size() && w.get(i).equals("."); i += 2) b.append('.').append(w.get(i + 1));
        return b.toString();
    }

    /** The statement's text after its first {@code count} words, stripped. */
    static String afterWords(String s, int count) {
        int i = 0;
        int n = s.length();
        int seen = 0;
        while (i < n && seen < count) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                i = SqlSplitter.skipBlockComment(s, i);
                continue;
            }
            if (c == '"') {
                i = SqlSplitter.skipQuoted(s, i);
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) i++;
            } else {
                i++;
            }
            seen++;
        }
        return s.substring(i).strip();
    }

    /** PREPARE name [(types)] AS statement: the name, the parenthesised types text ("" if none) and the statement. */
    record Prepare(String name, String types, String body) {}

    static Prepare prepare(String stmt) {
        List<String> w = words(stmt, 3);
        if (w.size() < 3 || !w.get(0).equals("prepare") || w.get(1).equals("transaction")) return null;
        String rest = afterWords(stmt, 2);
        String types = "";
        if (rest.startsWith("(")) {
            int close = matchingParen(rest, 0);
            if (close < 0) return null;
            types = rest.substring(0, close + 1);
            rest = rest.substring(close + 1).strip();
        }
        if (!rest.regionMatches(true, 0, "as", 0, 2) || rest.length() < 3 || Character.isLetterOrDigit(rest.charAt(2))) return null;
        return new Prepare(w.get(1), types, rest.substring(2).strip());
    }

    /** EXECUTE name [(args)]: the name and the rest of the statement (arguments). */
    record Execute(String name, String args) {}

    static Execute execute(String stmt) {
        List<String> w = words(stmt, 2);
        if (w.size() < 2 || !w.get(0).equals("execute")) return null;
        return new Execute(w.get(1), afterWords(stmt, 2));
    }

    /** DEALLOCATE [PREPARE] name|ALL: the name, or "" for ALL; null if not such a statement. */
    static String deallocate(String stmt) {
        List<String> w = words(stmt, 4);
        if (w.isEmpty() || !w.get(0).equals("deallocate")) return null;
        int at = w.size() > 1 && w.get(1).equals("prepare") ? 2 : 1;
        if (w.size() <= at) return null;
        if (w.size() > at + 1) return null;
        return w.get(at).equals("all") ? "" : w.get(at);
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = SqlSplitter.skipQuoted(s, i) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** SQL identifier quoting: always quoted, so any name is taken literally. */
    static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A parameter name for SET: each dotted part quoted. */
    static String quoteParameter(String name) {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            if (b.length() > 0) b.append('.');
            b.append(quoteIdent(part));
        }
        return b.toString();
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * Whether the text may create (or, when {@code pinned}, drop) state that ties a session to its
     * server connection: temporary tables, cursors WITH HOLD, session advisory locks, LISTEN. A
     * yes costs one check on the server at the end of the transaction; a no is certain only for
     * state made by these statements themselves (a function may still create any of it).
     */
    static boolean mayTouchSessionState(ByteBuf text, int from, int to, boolean pinned) {
        for (int i = from; i + 3 < to; i++) {
            int c = text.getByte(i) | 0x20;
            switch (c) {
                case 't' -> { if (matches(text, i, to, "temp")) return true; }
                case 'h' -> { if (matches(text, i, to, "hold")) return true; }
                case 'a' -> { if (matches(text, i, to, "advisory")) return true; }
                case 'l' -> { if (matches(text, i, to, "listen")) return true; }
                case 'd' -> { if (pinned && (matches(text, i, to, "drop") || matches(text, i, to, "discard"))) return true; }
                case 'c' -> { if (pinned && (matches(text, i, to, "close") || matches(text, i, to, "commit"))) return true; }
                case 'r' -> { if (pinned && matches(text, i, to, "rollback")) return true; }
                case 'e' -> { if (pinned && matches(text, i, to, "end")) return true; }
                default -> { }
            }
        }
        return false;
    }

    private static boolean matches(ByteBuf text, int at, int to, String word) {
        if (at + word.length() > to) return false;
        for (int k = 0; k < word.length(); k++) {
            if ((text.getByte(at + k) | 0x20) != word.charAt(k)) return false;
        }
        return true;
    }
}
