package dev.pgwire.serve.functions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One case of the json corpus ({@code json.cases}, {@code jsonb.cases}): a PostgreSQL expression on
 * literals that is either an operator between two literals ({@code '{"a":1}'::jsonb -> 'a'}), a
 * function call ({@code jsonb_set('{"a":1}', '{a}', '2')}), or a lone jsonb literal (its output
 * form). A line {@code @query <PostgreSQL query> ||| <DuckDB query>} compares two whole queries,
 * and {@code @timezone Zone} sets the session time zone for the cases that follow.
 *
 * <p>Literals are {@code 'text'} or {@code E'text'} with an optional {@code ::type}, {@code type
 * 'text'}, numbers, {@code true}, {@code false} and {@code NULL[::type]}.
 */
record JsonCase(String source, String sql, String zone, String name, List<Arg> args, String duckDbQuery) {

    /** The type of a literal; UNKNOWN for a string without a cast, which takes the parameter's type. */
    enum Kind { UNKNOWN, JSON, JSONB, TEXT, TEXT_ARRAY, INT, NUMERIC, FLOAT4, FLOAT8, BOOL, DATE, TIMESTAMP, TIMESTAMPTZ }

    /** A literal: its type, its PostgreSQL source, and its text (null for NULL). */
    record Arg(Kind kind, String sql, String text) {
        boolean isNull() {
            return text == null;
        }
    }

    static final Set<String> OPERATORS = Set.of("->>", "->", "#>>", "#>", "#-", "||", "-", "@>", "<@", "?|", "?&", "?");

    boolean isOperator() {
        return OPERATORS.contains(name);
    }

    boolean isQuery() {
        return duckDbQuery != null;
    }

    @Override
    public String toString() {
        return source + ": " + sql + (zone.equals("UTC") ? "" : "  [TimeZone " + zone + "]");
    }

    static List<JsonCase> read(String resource) throws IOException {
        String text;
        try (InputStream in = JsonCase.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing resource " + resource);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<JsonCase> cases = new ArrayList<>();
        String zone = "UTC";
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            String source = resource + ":" + (n + 1);
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("@timezone ")) {
                zone = line.substring("@timezone ".length()).strip();
                continue;
            }
            try {
                if (line.startsWith("@query ")) {
                    String[] parts = line.substring("@query ".length()).split("\\|\\|\\|", 2);
                    cases.add(new JsonCase(source, parts[0].strip(), zone, "@query", List.of(), parts[1].strip()));
                } else {
                    cases.add(parse(line, zone, source));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ": cannot parse case: " + line, e);
            }
        }
        return cases;
    }

    static JsonCase parse(String sql, String zone, String source) {
        Parser p = new Parser(sql);
        p.ws();
        int save = p.i;
        String word = Character.isLetter(p.peek()) ? p.identifier() : null;
        p.ws();
        if (word != null && p.peek() == '(' && !isTypeName(word)) {
            p.i++;
            List<Arg> args = new ArrayList<>();
            p.ws();
            if (p.peek() != ')') {
                do {
                    args.add(p.literal());
                    p.ws();
                } while (p.eat(','));
            }
            p.expect(')');
            p.end();
            return new JsonCase(source, sql, zone, word.toLowerCase(Locale.ROOT), List.copyOf(args), null);
        }
        p.i = save;
        Arg left = p.literal();
        p.ws();
        if (p.atEnd()) return new JsonCase(source, sql, zone, "literal", List.of(left), null);
        String op = null;
        for (String o : List.of("->>", "->", "#>>", "#>", "#-", "||", "@>", "<@", "?|", "?&", "?", "-")) {
            if (sql.startsWith(o, p.i)) {
                op = o;
                break;
            }
        }
        if (op == null) throw new IllegalArgumentException("expected an operator at " + p.i);
        p.i += op.length();
        Arg right = p.literal();
        p.end();
        return new JsonCase(source, sql, zone, op, List.of(left, right), null);
    }

    private static boolean isTypeName(String word) {
        return kindOf(word.toLowerCase(Locale.ROOT)) != null;
    }

    static Kind kindOf(String type) {
        return switch (type) {
            case "json" -> Kind.JSON;
            case "jsonb" -> Kind.JSONB;
            case "text", "varchar" -> Kind.TEXT;
            case "text[]", "varchar[]" -> Kind.TEXT_ARRAY;
            case "int", "integer", "int4" -> Kind.INT;
            case "numeric" -> Kind.NUMERIC;
            case "real", "float4" -> Kind.FLOAT4;
            case "float8" -> Kind.FLOAT8;
            case "bool", "boolean" -> Kind.BOOL;
            case "date" -> Kind.DATE;
            case "timestamp" -> Kind.TIMESTAMP;
            case "timestamptz" -> Kind.TIMESTAMPTZ;
            default -> null;
        };
    }

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) { this.s = s; }

        char peek() { return i < s.length() ? s.charAt(i) : '\0'; }
        boolean atEnd() { return i >= s.length(); }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        boolean eat(char c) {
            ws();
            if (peek() != c) return false;
            i++;
            return true;
        }

        void expect(char c) {
            if (!eat(c)) throw new IllegalArgumentException("expected '" + c + "' at " + i);
        }

        void end() {
            ws();
            if (!atEnd()) throw new IllegalArgumentException("unexpected text at " + i + ": " + s.substring(i));
        }

        String identifier() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
            if (start == i) throw new IllegalArgumentException("expected a name at " + i);
            return s.substring(start, i);
        }

        Arg literal() {
            ws();
            int start = i;
            Kind kind;
            String text;
            char c = peek();
            if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < s.length() && s.charAt(i + 1) == '\'')) {
                boolean escape = c != '\'';
                if (escape) i++;
                text = string(escape);
                kind = Kind.UNKNOWN;
            } else if (c == '-' || Character.isDigit(c)) {
                int from = i;
                i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
                text = s.substring(from, i);
                kind = text.contains(".") ? Kind.NUMERIC : Kind.INT;
            } else {
                String word = identifier().toLowerCase(Locale.ROOT);
                if (word.equals("null")) {
                    text = null;
                    kind = Kind.UNKNOWN;
                } else if (word.equals("true") || word.equals("false")) {
                    text = word;
                    kind = Kind.BOOL;
                } else {
                    kind = kindOf(word);
                    if (kind == null) throw new IllegalArgumentException("unknown type " + word);
                    ws();
                    text = string(false);
                }
            }
            ws();
            if (s.startsWith("::", i)) {
                i += 2;
                String type = identifier().toLowerCase(Locale.ROOT);
                if (s.startsWith("[]", i)) {
                    i += 2;
                    type += "[]";
                }
                kind = kindOf(type);
                if (kind == null) throw new IllegalArgumentException("unknown type " + type);
            }
            return new Arg(kind, s.substring(start, i).strip(), text);
        }

        String string(boolean escape) {
            if (peek() != '\'') throw new IllegalArgumentException("expected a string at " + i);
            i++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (atEnd()) throw new IllegalArgumentException("unterminated string");
                char c = s.charAt(i++);
                if (c == '\'') {
                    if (peek() != '\'') return out.toString();
                    i++;
                    out.append('\'');
                } else if (escape && c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        case 'x' -> {
                            int from = i;
                            while (i < s.length() && i - from < 2 && Character.digit(s.charAt(i), 16) >= 0) i++;
                            out.append((char) Integer.parseInt(s.substring(from, i), 16));
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
        }
    }
}
