package dev.pgwire.serve.functions;

import java.util.Set;

/**
 * format(), quote_ident, quote_literal and quote_nullable as PostgreSQL 15 computes them.
 *
 * <p>format's arguments arrive as their PostgreSQL text output (a null stays null); a width taken
 * from an argument ({@code %*s}) is read from that text as an integer.
 */
final class Format {
    private Format() {}

    /** PostgreSQL 15's keywords that are not unreserved: quote_ident quotes them. */
    private static final Set<String> QUOTED_KEYWORDS = Set.of((
            "all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean "
            + "both case cast char character check coalesce collate collation column concurrently constraint create "
            + "cross current_catalog current_date current_role current_schema current_time current_timestamp "
            + "current_user dec decimal default deferrable desc distinct do else end except exists extract false "
            + "fetch float for foreign freeze from full grant greatest group grouping having ilike in initially inner "
            + "inout int integer intersect interval into is isnull join lateral leading least left like limit "
            + "localtime localtimestamp national natural nchar none normalize not notnull null nullif numeric offset "
            + "on only or order out outer overlaps overlay placing position precision primary real references "
            + "returning right row select session_user setof similar smallint some substring symmetric table "
            + "tablesample then time timestamp to trailing treat trim true union unique user using values varchar "
            + "variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest "
            + "xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable").split(" "));

    private static RuntimeException unterminated() {
        return Errors.error(Errors.INVALID_PARAMETER_VALUE, "unterminated format() type specifier", null,
                "For a single \"%\" use \"%%\".");
    }

    /** format(fmt, args...); null when {@code fmt} is null. */
    static String format(String fmt, String[] args) {
        if (fmt == null) return null;
        StringBuilder out = new StringBuilder();
        int nargs = args.length + 1;
        int arg = 1;
        int end = fmt.length();
        for (int cp = 0; cp < end; cp++) {
            char c = fmt.charAt(cp);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++cp >= end) throw unterminated();
            if (fmt.charAt(cp) == '%') {
                out.append('%');
                continue;
            }
            // [argpos$][-][width|*[argpos$]]type
            int argpos = -1;
            int widthpos = -1;
            boolean minus = false;
            int width = 0;
            int[] n = new int[1];
            int after = digits(fmt, cp, n);
            boolean typeNext = false;
            if (after != cp) {
                cp = after;
                if (fmt.charAt(cp) != '$') {
                    width = n[0];
                    typeNext = true;
                } else {
                    argpos = n[0];
                    if (argpos == 0) throw argumentZero();
                    if (++cp >= end) throw unterminated();
                }
            }
            if (!typeNext) {
                while (fmt.charAt(cp) == '-') {
                    minus = true;
                    if (++cp >= end) throw unterminated();
                }
                if (fmt.charAt(cp) == '*') {
                    if (++cp >= end) throw unterminated();
                    after = digits(fmt, cp, n);
                    if (after != cp) {
                        cp = after;
                        if (fmt.charAt(cp) != '$') {
                            throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "width argument position must be ended by \"$\"");
                        }
                        widthpos = n[0];
                        if (widthpos == 0) throw argumentZero();
                        if (++cp >= end) throw unterminated();
                    } else {
                        widthpos = 0;
                    }
                } else {
                    after = digits(fmt, cp, n);
                    if (after != cp) {
                        cp = after;
                        width = n[0];
                    }
                }
            }
            char type = fmt.charAt(cp);
            if ("sIL".indexOf(type) < 0) {
                String shown = new String(Character.toChars(fmt.codePointAt(cp)));
                throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "unrecognized format() type specifier \"" + shown + "\"",
                        null, "For a single \"%\" use \"%%\".");
            }
            if (widthpos >= 0) {
                if (widthpos > 0) arg = widthpos;
                if (arg >= nargs) throw tooFew();
                String w = args[arg - 1];
                arg++;
                width = w == null ? 0 : parseInt4(w);
            }
            if (argpos > 0) arg = argpos;
            if (arg >= nargs) throw tooFew();
            String value = args[arg - 1];
            arg++;
            String text;
            if (value == null) {
                text = switch (type) {
                    case 's' -> "";
                    case 'L' -> "NULL";
                    default -> throw Errors.error(Errors.NULL_VALUE_NOT_ALLOWED,
                            "null values cannot be formatted as an SQL identifier");
                };
            } else {
                text = switch (type) {
                    case 'I' -> quoteIdent(value);
                    case 'L' -> quoteLiteral(value);
                    default -> value;
                };
            }
            append(out, text, minus, width);
        }
        return out.toString();
    }

    private static RuntimeException argumentZero() {
        return Errors.error(Errors.INVALID_PARAMETER_VALUE, "format specifies argument 0, but arguments are numbered from 1");
    }

    private static RuntimeException tooFew() {
        return Errors.error(Errors.INVALID_PARAMETER_VALUE, "too few arguments for format()");
    }

    /** Reads decimal digits from {@code i}; returns the index after them (an unterminated specifier is an error). */
    private static int digits(String s, int i, int[] value) {
        long v = 0;
        int cp = i;
        while (s.charAt(cp) >= '0' && s.charAt(cp) <= '9') {
            v = v * 10 + (s.charAt(cp) - '0');
            if (v > Integer.MAX_VALUE) throw Errors.error(Errors.NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range");
            if (++cp >= s.length()) throw unterminated();
        }
        value[0] = (int) v;
        return cp;
    }

    /** pg_strtoint32: an int4 in text, surrounding whitespace allowed. */
    static int parseInt4(String s) {
        String t = s.strip();
        try {
            if (t.isEmpty() || !t.matches("[+-]?[0-9]+")) throw new NumberFormatException();
            long v = Long.parseLong(t.length() > 12 ? t.substring(0, 12) : t);
            if (v != (int) v || t.replaceFirst("^[+-]?0*", "").length() > 10) {
                throw Errors.error(Errors.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + s + "\" is out of range for type integer");
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw Errors.error(Errors.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type integer: \"" + s + "\"");
        }
    }

    private static void append(StringBuilder out, String s, boolean minus, int width) {
        if (width == 0) {
            out.append(s);
            return;
        }
        boolean left = minus;
        if (width < 0) {
            if (width == Integer.MIN_VALUE) throw Errors.error(Errors.NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range");
            left = true;
            width = -width;
        }
        int len = s.codePointCount(0, s.length());
        if (left) {
            out.append(s);
            for (int i = len; i < width; i++) out.append(' ');
        } else {
            for (int i = len; i < width; i++) out.append(' ');
            out.append(s);
        }
    }

    /** quote_ident: quotes unless the name is lower case letters, digits and underscores and no reserved word. */
    static String quoteIdent(String ident) {
        boolean safe = !ident.isEmpty() && ((ident.charAt(0) >= 'a' && ident.charAt(0) <= 'z') || ident.charAt(0) == '_');
        for (int i = 0; i < ident.length() && safe; i++) {
            char ch = ident.charAt(i);
            safe = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        }
        if (safe && QUOTED_KEYWORDS.contains(ident)) safe = false;
        if (safe) return ident;
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    /** quote_literal: single quotes doubled, and backslashes doubled in an E'' string when there are any. */
    static String quoteLiteral(String s) {
        StringBuilder out = new StringBuilder(s.length() + 3);
        if (s.indexOf('\\') >= 0) out.append('E');
        out.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '\\') out.append(c);
            out.append(c);
        }
        return out.append('\'').toString();
    }

    /** quote_nullable: quote_literal, or the word NULL for a null. */
    static String quoteNullable(String s) {
        return s == null ? "NULL" : quoteLiteral(s);
    }
}
