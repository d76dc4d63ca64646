package dev.pgwire.serve.catalog;

import java.util.ArrayList;
import java.util.List;

/** Catalog values between PostgreSQL's text and the Java values of the DuckDB tables. */
final class Values {
    private Values() {}

    /** A value from PostgreSQL's text output, for a column stored as {@code duckDbType}. */
    static Object fromText(String duckDbType, String text) {
        if (duckDbType.endsWith("[]")) {
            String element = duckDbType.substring(0, duckDbType.length() - 2);
            List<String> items = text.startsWith("{") ? arrayItems(text) : vectorItems(text);
            List<Object> out = new ArrayList<>(items.size());
            for (String s : items) out.add(s == null ? null : fromText(element, s));
            return out;
        }
        return switch (duckDbType) {
            case "BOOLEAN" -> text.equals("t") || text.equals("true") || text.equals("on");
            case "SMALLINT" -> Short.parseShort(text);
            case "INTEGER" -> Integer.parseInt(text);
            case "BIGINT" -> Long.parseLong(text);
            case "REAL" -> Float.parseFloat(text);
            case "DOUBLE" -> Double.parseDouble(text);
            default -> text;
        };
    }

    /** A Java value for a column stored as {@code duckDbType} (integral numbers widened or narrowed). */
    static Object coerce(String duckDbType, Object value) {
        if (value == null) return null;
        if (value instanceof Number n) {
            return switch (duckDbType) {
                case "SMALLINT" -> n.shortValue();
                case "INTEGER" -> n.intValue();
                // an OID held in a Java int reads as unsigned (a session's temporary objects' lie above 2^31)
                case "BIGINT" -> n instanceof Integer i ? Integer.toUnsignedLong(i) : n.longValue();
                case "REAL" -> n.floatValue();
                case "DOUBLE" -> n.doubleValue();
                case "VARCHAR" -> n.toString();
                default -> value;
            };
        }
        if (value instanceof Character c) return c.toString();
        if (value instanceof List<?> l && duckDbType.endsWith("[]")) {
            String element = duckDbType.substring(0, duckDbType.length() - 2);
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(coerce(element, o));
            return out;
        }
        return value;
    }

    /** int2vector and oidvector: numbers separated by spaces. */
    private static List<String> vectorItems(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.trim().split(" +")) if (!s.isEmpty()) out.add(s);
        return out;
    }

    /** The items of a one-dimensional array literal ({@code {a,"b c",NULL}}). */
    static List<String> arrayItems(String text) {
        List<String> out = new ArrayList<>();
        int i = 1;
        int end = text.lastIndexOf('}');
        while (i < end) {
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            if (text.charAt(i) == '"') {
                quoted = true;
                i++;
                while (i < end && text.charAt(i) != '"') {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < end) c = text.charAt(i++);
                    sb.append(c);
                }
                i++; // closing quote
            } else {
                while (i < end && text.charAt(i) != ',') sb.append(text.charAt(i++));
            }
            String item = sb.toString();
            out.add(!quoted && item.equals("NULL") ? null : quoted ? item : item.trim());
            i++; // comma
        }
        return out;
    }
}
