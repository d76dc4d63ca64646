package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;

import java.util.ArrayList;
import java.util.List;

/** initcap, to_hex, string_to_array, array_to_string and parse_ident as PostgreSQL 15 computes them. */
final class Strings {
    private Strings() {}

    /**
     * initcap in the C locale: the first ASCII letter of each run of ASCII letters and digits upper
     * case, the rest lower case; other characters are left alone and separate words.
     */
    static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean wasAlnum = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) c = wasAlnum ? Character.toLowerCase(c) : Character.toUpperCase(c);
            out.append(c);
            wasAlnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        }
        return out.toString();
    }

    static String toHex(int v) {
        return Integer.toHexString(v);
    }

    static String toHex(long v) {
        return Long.toHexString(v);
    }

    /**
     * parse_ident(text, strict): the parts of a qualified SQL identifier, unquoted parts in lower
     * case, quoted ones as written; with {@code strict} false anything after the last identifier is
     * ignored. Not an identifier is 22023, as PostgreSQL reports it.
     */
    static List<String> parseIdent(String s, boolean strict) {
        List<String> out = new ArrayList<>();
        int i = skipSpace(s, 0);
        boolean afterDot = false;
        while (true) {
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder part = new StringBuilder();
                i++;
                while (true) {
                    int q = s.indexOf('"', i);
                    if (q < 0) throw notIdentifier(s, "String has unclosed double quotes.");
                    part.append(s, i, q);
                    i = q + 1;
                    if (i < s.length() && s.charAt(i) == '"') {
                        part.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (part.length() == 0) throw notIdentifier(s, "Quoted identifier must not be empty.");
                out.add(part.toString());
            } else if (i < s.length() && identStart(s.charAt(i))) {
                int start = i;
                while (i < s.length() && (identStart(s.charAt(i)) || Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80 || s.charAt(i) == '$')) i++;
                StringBuilder part = new StringBuilder(i - start);
                for (int k = start; k < i; k++) {
                    char c = s.charAt(k);
                    part.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                }
                out.add(part.toString());
            } else if (i < s.length() && s.charAt(i) == '.') {
                throw notIdentifier(s, afterDot ? "No valid identifier after \".\"." : "No valid identifier before \".\".");
            } else if (afterDot) {
                throw notIdentifier(s, "No valid identifier after \".\".");
            } else {
                throw notIdentifier(s, null);
            }
            i = skipSpace(s, i);
            if (i < s.length() && s.charAt(i) == '.') {
                afterDot = true;
                i = skipSpace(s, i + 1);
            } else if (i >= s.length() || !strict) {
                return out;
            } else {
                throw notIdentifier(s, null);
            }
        }
    }

    private static boolean identStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r'
                || s.charAt(i) == '\f' || s.charAt(i) == 0x0B)) i++;
        return i;
    }

    private static PgException notIdentifier(String s, String detail) {
        PgException e = new PgException("22023", "string is not a valid identifier: \"" + s + "\"");
        return detail == null ? e : e.withDetail(detail);
    }

    /**
     * string_to_array(string, delimiter [, null_string]): null for a null string; a null delimiter
     * splits into characters, an empty one keeps the string whole; elements equal to
     * {@code nullString} become null.
     */
    static List<String> stringToArray(String s, String delimiter, String nullString) {
        if (s == null) return null;
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) return out;
        if (delimiter == null) {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                int n = Character.charCount(cp);
                out.add(element(s.substring(i, i + n), nullString));
                i += n;
            }
        } else if (delimiter.isEmpty()) {
            out.add(element(s, nullString));
        } else {
            int start = 0;
            int at;
            while ((at = s.indexOf(delimiter, start)) >= 0) {
                out.add(element(s.substring(start, at), nullString));
                start = at + delimiter.length();
            }
            out.add(element(s.substring(start), nullString));
        }
        return out;
    }

    private static String element(String s, String nullString) {
        return nullString != null && nullString.equals(s) ? null : s;
    }

    /** array_to_string(array, delimiter [, null_string]): nulls skipped unless {@code nullString} is given. */
    static String arrayToString(List<String> items, String delimiter, String nullString) {
        StringBuilder out = new StringBuilder();
        boolean printed = false;
        for (String item : items) {
            String v = item != null ? item : nullString;
            if (v == null) continue;
            if (printed) out.append(delimiter);
            out.append(v);
            printed = true;
        }
        return out.toString();
    }
}
