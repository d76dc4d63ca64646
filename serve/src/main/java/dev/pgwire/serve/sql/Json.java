package dev.pgwire.serve.sql;

import java.util.List;

/**
 * PostgreSQL's json and jsonb operators on DuckDB's JSON type. Constant keys and paths become
 * JSONPath expressions with every key quoted, so keys holding dots or dollars mean themselves;
 * integers are array subscripts, counted from the end when negative, as in PostgreSQL.
 */
final class Json {
    private Json() {}

    /** Writes {@code l op r} for the extraction and containment operators; false when it cannot. */
    static boolean operator(Emitter em, String op, Node l, Node r) {
        SqlWriter w = em.w;
        switch (op) {
            case "->", "->>" -> {
                String path = stepPath(r);
                w.append(op.equals("->") ? "json_extract(" : "json_extract_string(");
                em.expr(l);
                w.append(", ");
                if (path != null) w.literal(path); else dynamicStep(em, r);
                w.append(')');
                return true;
            }
            case "#>", "#>>" -> {
                String text = Operators.stringConstant(r);
                if (text == null) return false;
                List<String> elements = ArrayLiteral.parseOneDimension(text);
                if (elements == null) return false;
                StringBuilder path = new StringBuilder("$");
                for (String el : elements) {
                    if (el == null) return false;
                    appendStep(path, el, isInteger(el));
                }
                w.append(op.equals("#>") ? "json_extract(" : "json_extract_string(");
                em.expr(l);
                w.append(", ").literal(path.toString()).append(')');
                return true;
            }
            case "@>", "<@" -> {
                boolean contains = op.equals("@>");
                w.append("json_contains(");
                em.expr(contains ? l : r);
                w.append(", ");
                em.expr(contains ? r : l);
                w.append(')');
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** {@code ?}, {@code ?|}, {@code ?&}: whether a key (or any/all of an array of keys) is present. */
    static void keyTest(Emitter em, String op, Node l, Node r) {
        SqlWriter w = em.w;
        switch (op) {
            case "?" -> {
                w.append("pgwire.jsonb_exists(");
                em.expr(l);
                w.append(", ");
                em.expr(r);
                w.append(')');
            }
            default -> {
                w.append(op.equals("?|") ? "list_bool_or" : "list_bool_and").append("(list_transform(");
                em.expr(r);
                w.append(", lambda pg_key: pgwire.jsonb_exists(");
                em.expr(l);
                w.append(", pg_key)))");
            }
        }
    }

    /** The JSONPath of one {@code ->} step given as a constant, or null. */
    private static String stepPath(Node r) {
        if (r.is("A_Const") && r.has("ival")) {
            StringBuilder p = new StringBuilder("$");
            appendStep(p, Long.toString(r.node("ival").num("ival")), true);
            return p.toString();
        }
        String key = Operators.stringConstant(r);
        if (key == null) return null;
        StringBuilder p = new StringBuilder("$");
        appendStep(p, key, false);
        return p.toString();
    }

    private static void appendStep(StringBuilder path, String step, boolean index) {
        if (index) {
            long i = Long.parseLong(step.trim());
            path.append(i < 0 ? "[#" + i + "]" : "[" + i + "]");
        } else {
            path.append(".\"").append(step.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
    }

    /** A step computed at run time: a key (text) is quoted into a path; an integer is a subscript. */
    private static void dynamicStep(Emitter em, Node r) {
        em.w.append("pgwire.json_step(");
        em.expr(r);
        em.w.append(')');
    }

    private static boolean isInteger(String s) {
        String t = s.trim();
        if (t.isEmpty()) return false;
        int start = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
        if (start == t.length()) return false;
        for (int i = start; i < t.length(); i++) if (!Character.isDigit(t.charAt(i))) return false;
        return t.length() < 18;
    }
}
