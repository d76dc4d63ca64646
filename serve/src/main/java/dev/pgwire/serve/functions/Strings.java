package dev.pgwire.serve.functions;

import java.util.ArrayList;
import java.util.List;

/** initcap, to_hex, string_to_array and array_to_string as PostgreSQL 15 computes them. */
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
