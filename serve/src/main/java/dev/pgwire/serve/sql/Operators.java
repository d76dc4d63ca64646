package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.Emitter.Untranslatable;

import java.util.List;

/**
 * Writes operator expressions ({@code A_Expr}) with PostgreSQL's meaning: {@code LIKE} escapes
 * with a backslash unless told otherwise, {@code ~} matches anywhere in the string (DuckDB's
 * {@code ~} must match all of it), {@code SIMILAR TO} patterns are translated to regular
 * expressions as PostgreSQL's {@code similar_to_escape} does, {@code = ANY(array)} works on
 * DuckDB lists, and {@code BETWEEN SYMMETRIC} orders its bounds.
 */
final class Operators {
    private Operators() {}

    static void write(Emitter em, Node e) {
        SqlWriter w = em.w;
        String kind = e.str("kind");
        List<String> names = e.names("name");
        String op = names.isEmpty() ? "" : names.get(names.size() - 1); // OPERATOR(pg_catalog.~) is ~
        Node l = e.node("lexpr");
        Node r = e.node("rexpr");
        w.mark(e.location());
        switch (kind) {
            case "AEXPR_OP" -> operator(em, op, l, r);
            case "AEXPR_OP_ANY", "AEXPR_OP_ALL" -> anyAll(em, op, l, r, kind.equals("AEXPR_OP_ALL"));
            case "AEXPR_DISTINCT", "AEXPR_NOT_DISTINCT" -> {
                w.append('(');
                em.expr(l);
                w.append(kind.equals("AEXPR_DISTINCT") ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ");
                em.expr(r);
                w.append(')');
            }
            case "AEXPR_NULLIF" -> {
                w.append("nullif(");
                em.expr(l);
                w.append(", ");
                em.expr(r);
                w.append(')');
            }
            case "AEXPR_IN" -> {
                w.append('(');
                em.expr(l);
                w.append(op.equals("<>") ? " NOT IN (" : " IN (");
                em.exprList(r.list("items"));
                w.append("))");
            }
            case "AEXPR_LIKE", "AEXPR_ILIKE" -> like(em, op, l, r, kind.equals("AEXPR_ILIKE"));
            case "AEXPR_SIMILAR" -> similar(em, op, l, r);
            case "AEXPR_BETWEEN", "AEXPR_NOT_BETWEEN", "AEXPR_BETWEEN_SYM", "AEXPR_NOT_BETWEEN_SYM" -> between(em, kind, l, r);
            default -> throw new Untranslatable(kind);
        }
    }

    private static void operator(Emitter em, String op, Node l, Node r) {
        SqlWriter w = em.w;
        switch (op) {
            case "~", "~*", "!~", "!~*" -> {
                if (l == null) { // prefix ~ is bitwise not
                    w.append("(~");
                    em.expr(r);
                    w.append(')');
                    return;
                }
                boolean negate = op.startsWith("!");
                if (!agreesWithRe2(r)) {
                    // PostgreSQL's own ARE engine (regexp_like's): \\y, back references, lookaround, embedded options
                    areMatch(em, negate, l, () -> em.expr(r), op.endsWith("*"));
                    return;
                }
                w.append(negate ? "(NOT regexp_matches(" : "regexp_matches(");
                em.expr(l);
                w.append(", ");
                em.expr(r);
                // as PostgreSQL's ARE: '.' and bracket expressions match a newline too
                w.append(op.endsWith("*") ? ", 'is'" : ", 's'");
                w.append(negate ? "))" : ")");
                return;
            }
            case "~~", "!~~", "~~*", "!~~*" -> {
                like(em, op, l, r, op.endsWith("*"));
                return;
            }
            case "|/" -> {
                unary(em, "sqrt", r);
                return;
            }
            case "||/" -> {
                unary(em, "cbrt", r);
                return;
            }
            case "@" -> {
                if (l == null) {
                    unary(em, "abs", r);
                    return;
                }
            }
            case "#" -> {
                if (l != null) { // bitwise xor
                    w.append("xor(");
                    em.expr(l);
                    w.append(", ");
                    em.expr(r);
                    w.append(')');
                    return;
                }
            }
            case "->", "->>", "#>", "#>>", "?", "?|", "?&", "#-" -> {
                // the operators only json and jsonb have, in a statement that is not typed: read as jsonb's
                Node json = new JsonOperators(null).operator(op, l, r, null, null);
                if (json != null) {
                    em.expr(json);
                    return;
                }
            }
            default -> { }
        }
        if (op.equals("^")) {
            w.append("power(");
            em.expr(l);
            w.append(", ");
            em.expr(r);
            w.append(')');
            return;
        }
        w.append('(');
        if (l != null) {
            em.expr(l);
            w.append(' ');
        }
        w.append(op);
        if (l != null) w.append(' ');
        em.expr(r);
        w.append(')');
    }

    private static void unary(Emitter em, String function, Node arg) {
        em.w.append(function).append('(');
        em.expr(arg);
        em.w.append(')');
    }

    /**
     * {@code x op ANY(array)}: DuckDB's ANY takes subqueries only, so arrays become list
     * functions, with PostgreSQL's three-valued answer: each element's comparison scores 2 when it
     * decides (true for ANY, false for ALL), 1 when it is NULL, 0 otherwise, and the highest score
     * answers — decided, else NULL if any comparison was NULL, else the other answer (also for
     * an empty array); a NULL array stays NULL ({@code || [0]} keeps it so).
     */
    private static void anyAll(Emitter em, String op, Node l, Node r, boolean all) {
        SqlWriter w = em.w;
        List<Node> elements = constructedElements(r);
        if (elements != null) {
            // ARRAY[a, b]: (x op a OR x op b), which has the same three values and needs no lambda
            // (DuckDB takes none in a CHECK constraint or a DEFAULT: pg_dump writes IN lists so)
            if (elements.isEmpty()) {
                w.append(all ? "true" : "false");
                return;
            }
            w.append('(');
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) w.append(all ? " AND " : " OR ");
                w.append('(');
                em.expr(l);
                w.append(' ').append(op).append(' ');
                em.expr(elements.get(i));
                w.append(')');
            }
            w.append(')');
            return;
        }
        // DuckDB takes no subquery in a lambda: such a left side is computed once, beside it
        boolean[] subquery = {false};
        TreeWalker.forEachNode(l, n -> subquery[0] |= n.is("SubLink"));
        if (subquery[0]) w.append("(SELECT ");
        w.append("(CASE list_max(list_transform(");
        em.expr(r);
        w.append(", lambda pg_elem: CASE WHEN ").append(all ? "NOT (" : "(");
        if (subquery[0]) w.append("pgwire_any_left"); else em.expr(l);
        w.append(' ').append(op).append(" pg_elem) THEN 2 WHEN (");
        if (subquery[0]) w.append("pgwire_any_left"); else em.expr(l);
        w.append(' ').append(op).append(" pg_elem) IS NULL THEN 1 ELSE 0 END) || [0]) WHEN 2 THEN ")
                .append(all ? "false" : "true").append(" WHEN 0 THEN ").append(all ? "true" : "false").append(" END)");
        if (subquery[0]) {
            w.append(" FROM (SELECT ");
            em.expr(l);
            w.append(" AS pgwire_any_left))");
        }
    }

    /**
     * The elements of a one-dimensional {@code ARRAY[…]} (or {@code ARRAY[…]::type[]}, each element
     * cast to the element type); null for any other array.
     */
    private static List<Node> constructedElements(Node r) {
        Node array = r.is("TypeCast") ? r.node("arg") : r;
        if (array == null || !array.is("A_ArrayExpr")) return null;
        List<Node> elements = array.list("elements");
        for (Node e : elements) if (e.is("A_ArrayExpr")) return null;
        if (!r.is("TypeCast")) return elements;
        Node typeName = r.node("typeName");
        if (typeName == null || typeName.list("arrayBounds").size() != 1) return null;
        Node elementType = typeName.copy().set("arrayBounds", null);
        List<Node> cast = new java.util.ArrayList<>();
        for (Node e : elements) cast.add(Node.of("TypeCast").set("arg", e).set("typeName", elementType).set("location", e.location()));
        return cast;
    }

    private static void like(Emitter em, String op, Node l, Node r, boolean ilike) {
        SqlWriter w = em.w;
        boolean negate = op.startsWith("!");
        Node pattern = r;
        Node escape = null;
        if (r != null && r.is("FuncCall") && lastName(r).equals("like_escape")) {
            pattern = r.list("args").get(0);
            escape = r.list("args").get(1);
        }
        w.append('(');
        em.expr(l);
        w.append(negate ? " NOT" : "").append(ilike ? " ILIKE " : " LIKE ");
        em.expr(pattern);
        if (escape == null) {
            w.append(" ESCAPE '\\'"); // PostgreSQL's default escape character
        } else if (!(escape.is("A_Const") && escape.has("sval") && escape.node("sval").str("sval").isEmpty())) {
            w.append(" ESCAPE ");
            em.expr(escape);
        }
        w.append(')');
    }

    /**
     * Whether pattern {@code r} means the same to DuckDB's RE2 as to PostgreSQL's ARE engine, so
     * that DuckDB's vectorised regexp_matches can test it: a constant without backslash escapes
     * (ARE's \\y, \\m, \\Z, back references and escapes differ from RE2's), embedded options or
     * lookaround ({@code (?}), collating elements and classes ({@code [[}) or a director ({@code ***}).
     * Any other pattern — a column's, a parameter's — goes to PostgreSQL's engine.
     */
    private static boolean agreesWithRe2(Node r) {
        String pattern = stringConstant(r);
        return pattern != null && pattern.indexOf('\\') < 0 && !pattern.contains("(?") && !pattern.contains("[[")
                && !pattern.startsWith("***");
    }

    /** {@code l} matched by PostgreSQL's ARE engine (regexp_like's) against the pattern {@code pattern} writes. */
    private static void areMatch(Emitter em, boolean negate, Node l, Runnable pattern, boolean caseInsensitive) {
        em.w.append(negate ? "(NOT pg_regexp_like(" : "(pg_regexp_like(");
        em.expr(l);
        em.w.append(", ");
        pattern.run();
        if (caseInsensitive) em.w.append(", 'i'");
        em.w.append("))");
    }

    private static void similar(Emitter em, String op, Node l, Node r) {
        if (!r.is("FuncCall")) throw new Untranslatable("SIMILAR TO");
        List<Node> args = r.list("args");
        String pattern = stringConstant(args.get(0));
        String escape = args.size() > 1 ? stringConstant(args.get(1)) : "\\";
        SqlWriter w = em.w;
        if (pattern == null || escape == null || !escape.isEmpty() && pattern.indexOf(escape.charAt(0)) >= 0) {
            // a pattern known only as the statement runs, or with escapes (\\d is a digit to PostgreSQL): its
            // similar_to_escape, matched by the engine of regexp_like
            areMatch(em, op.startsWith("!"), l, () -> {
                if (pattern != null && escape != null) {
                    w.literal(SimilarTo.similarToEscape(pattern, escape));
                    return;
                }
                w.append("pg_similar_to_escape(CAST(");
                em.expr(args.get(0));
                w.append(" AS VARCHAR), ");
                if (args.size() > 1) {
                    w.append("CAST(");
                    em.expr(args.get(1));
                    w.append(" AS VARCHAR)");
                } else {
                    w.literal("\\");
                }
                w.append(')');
            }, false);
            return;
        }
        w.append(op.startsWith("!") ? "(NOT regexp_full_match(" : "(regexp_full_match(");
        em.expr(l);
        w.append(", ").literal(SimilarTo.toRegex(pattern, escape)).append(", 's'))"); // % and _ match a newline too
    }

    private static void between(Emitter em, String kind, Node l, Node r) {
        SqlWriter w = em.w;
        List<Node> bounds = r.list("items");
        boolean not = kind.startsWith("AEXPR_NOT");
        boolean symmetric = kind.endsWith("_SYM");
        w.append('(');
        em.expr(l);
        w.append(not ? " NOT BETWEEN " : " BETWEEN ");
        if (symmetric) {
            w.append("least(");
            em.expr(bounds.get(0));
            w.append(", ");
            em.expr(bounds.get(1));
            w.append(") AND greatest(");
            em.expr(bounds.get(0));
            w.append(", ");
            em.expr(bounds.get(1));
            w.append("))");
            return;
        }
        em.expr(bounds.get(0));
        w.append(" AND ");
        em.expr(bounds.get(1));
        w.append(')');
    }

    static String lastName(Node funcCall) {
        List<String> names = funcCall.names("funcname");
        return names.isEmpty() ? "" : names.get(names.size() - 1);
    }

    /** Whether a call names a schema other than pg_catalog: a function of that schema, not the built-in one. */
    static boolean ofOtherSchema(Node funcCall) {
        List<String> names = funcCall.names("funcname");
        return names.size() > 1 && !names.get(0).equals("pg_catalog");
    }

    /** The value of a string constant (possibly cast), or null for anything else. */
    static String stringConstant(Node n) {
        if (n == null) return null;
        if (n.is("TypeCast")) return stringConstant(n.node("arg"));
        if (n.is("A_Const") && n.has("sval")) return n.node("sval").str("sval");
        return null;
    }
}
