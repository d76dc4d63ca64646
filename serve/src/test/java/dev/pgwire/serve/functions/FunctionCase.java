package dev.pgwire.serve.functions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One case of the function corpus: a call of a PostgreSQL function on literal arguments, written as
 * PostgreSQL SQL ({@code to_char(timestamp '2020-02-29 13:05', 'FMDay')}), with the session time
 * zone in force ({@code @timezone Zone} lines set it for the cases that follow).
 *
 * <p>Arguments are literals: {@code 'text'} or {@code E'text'} with an optional {@code ::type},
 * {@code type 'literal'}, numbers with an optional {@code ::type}, {@code NULL[::type]}, and
 * {@code name => value} for named arguments.
 */
record FunctionCase(String sql, String function, List<Arg> args, String zone, String source) {

    enum Kind { TEXT, BOOL, INT4, INT8, NUMERIC, FLOAT4, FLOAT8, TIMESTAMP, TIMESTAMPTZ, DATE, INTERVAL, BYTEA, TEXT_ARRAY }

    /** An argument: its type, its PostgreSQL source text, its value for text kinds (null for NULL). */
    record Arg(Kind kind, String sql, String text, boolean isNull, String name) {}

    @Override
    public String toString() {
        return source + ": " + sql + (zone == null ? "" : "  [TimeZone " + zone + "]");
    }

    static List<FunctionCase> read(String resource) throws IOException {
        List<FunctionCase> cases = new ArrayList<>();
        String text;
        try (InputStream in = FunctionCase.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing resource " + resource);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String zone = "UTC";
        String[] lines = text.split("\n", -1);
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("@timezone ")) {
                zone = line.substring("@timezone ".length()).strip();
                continue;
            }
            try {
                cases.add(parse(line, zone, file + ":" + (n + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": cannot parse case: " + line, e);
            }
        }
        return cases;
    }

    static FunctionCase parse(String sql, String zone, String source) {
        Parser p = new Parser(sql);
        String function = p.identifier();
        p.expect('(');
        List<Arg> args = new ArrayList<>();
        p.ws();
        if (!p.peekIs(')')) {
            do {
                args.add(p.arg());
                p.ws();
            } while (p.eat(','));
        }
        p.expect(')');
        p.ws();
        if (!p.atEnd()) throw new IllegalArgumentException("text after the call: " + sql.substring(p.i));
        return new FunctionCase(sql, function.toLowerCase(Locale.ROOT), List.copyOf(args), zone, source);
    }

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) { this.s = s; }

        boolean atEnd() { return i >= s.length(); }
        boolean peekIs(char c) { return i < s.length() && s.charAt(i) == c; }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        boolean eat(char c) {
            ws();
            if (peekIs(c)) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!eat(c)) throw new IllegalArgumentException("expected '" + c + "' at " + i + " in " + s);
        }

        String identifier() {
            ws();
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
            if (start == i) throw new IllegalArgumentException("expected a name at " + i + " in " + s);
            return s.substring(start, i);
        }

        Arg arg() {
            ws();
            int start = i;
            String name = null;
            int save = i;
            if (i < s.length() && Character.isLetter(s.charAt(i))) {
                String word = identifier();
                ws();
                if (s.startsWith("=>", i)) {
                    i += 2;
                    ws();
                    name = word;
                    start = i;
                } else {
                    i = save;
                }
            }
            Arg a = value();
            String sql = s.substring(start, i).strip();
            return new Arg(a.kind(), sql, a.text(), a.isNull(), name);
        }

        Arg value() {
            ws();
            if (s.regionMatches(true, i, "NULL", 0, 4)
                    && (i + 4 >= s.length() || !Character.isLetterOrDigit(s.charAt(i + 4)))) {
                i += 4;
                Kind k = cast(null);
                return new Arg(k == null ? Kind.TEXT : k, null, null, true, null);
            }
            if (peekIs('\'') || ((peekIs('E') || peekIs('e')) && i + 1 < s.length() && s.charAt(i + 1) == '\'')) {
                boolean escape = !peekIs('\'');
                if (escape) i++;
                String text = string(escape);
                Kind k = cast(null);
                return new Arg(k == null ? Kind.TEXT : k, null, text, false, null);
            }
            if (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '-' || s.charAt(i) == '.')) {
                int start = i;
                if (s.charAt(i) == '-') i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
                if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    i++;
                    if (s.charAt(i) == '+' || s.charAt(i) == '-') i++;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                }
                String number = s.substring(start, i);
                Kind k = cast(null);
                if (k == null) {
                    if (number.contains(".") || number.toLowerCase(Locale.ROOT).contains("e")) k = Kind.NUMERIC;
                    else {
                        long v = Long.parseLong(number);
                        k = v == (int) v ? Kind.INT4 : Kind.INT8;
                    }
                }
                return new Arg(k, null, number, false, null);
            }
            // true, false, or type 'literal'
            String type = identifier().toLowerCase(Locale.ROOT);
            if (type.equals("true") || type.equals("false")) return new Arg(Kind.BOOL, null, type, false, null);
            ws();
            if (type.equals("double")) {
                identifier();
                type = "float8";
                ws();
            }
            if (type.equals("timestamp") && s.regionMatches(true, i, "with time zone", 0, 14)) {
                i += 14;
                type = "timestamptz";
                ws();
            }
            Kind k = kindOf(type);
            String text = string(false);
            return new Arg(k, null, text, false, null);
        }

        /** An optional {@code ::type}; {@code orElse} when there is none. */
        Kind cast(Kind orElse) {
            ws();
            if (!s.startsWith("::", i)) return orElse;
            i += 2;
            String type = identifier().toLowerCase(Locale.ROOT);
            if (type.equals("double")) {
                ws();
                identifier();
                type = "float8";
            }
            if (s.startsWith("[]", i)) {
                i += 2;
                type += "[]";
            }
            return kindOf(type);
        }

        String string(boolean escape) {
            if (!peekIs('\'')) throw new IllegalArgumentException("expected a string at " + i + " in " + s);
            i++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw new IllegalArgumentException("unterminated string in " + s);
                char c = s.charAt(i++);
                if (c == '\'') {
                    if (peekIs('\'')) {
                        out.append('\'');
                        i++;
                        continue;
                    }
                    return out.toString();
                }
                if (escape && c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'x' -> {
                            int start = i;
                            while (i < s.length() && i - start < 2 && Character.digit(s.charAt(i), 16) >= 0) i++;
                            out.append((char) Integer.parseInt(s.substring(start, i), 16));
                        }
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> {
                            if (e >= '0' && e <= '7') {
                                int start = i - 1;
                                while (i < s.length() && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '7') i++;
                                out.append((char) Integer.parseInt(s.substring(start, i), 8));
                            } else {
                                out.append(e);
                            }
                        }
                    }
                    continue;
                }
                out.append(c);
            }
        }
    }

    static Kind kindOf(String type) {
        return switch (type) {
            case "text", "varchar" -> Kind.TEXT;
            case "int", "integer", "int4", "smallint", "int2" -> Kind.INT4;
            case "bigint", "int8" -> Kind.INT8;
            case "numeric", "decimal" -> Kind.NUMERIC;
            case "real", "float4" -> Kind.FLOAT4;
            case "float8", "float" -> Kind.FLOAT8;
            case "timestamp" -> Kind.TIMESTAMP;
            case "timestamptz" -> Kind.TIMESTAMPTZ;
            case "date" -> Kind.DATE;
            case "interval" -> Kind.INTERVAL;
            case "bytea" -> Kind.BYTEA;
            case "text[]", "varchar[]" -> Kind.TEXT_ARRAY;
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
    }
}
