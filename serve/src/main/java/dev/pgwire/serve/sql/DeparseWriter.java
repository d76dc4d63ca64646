package dev.pgwire.serve.sql;

import dev.pgwire.serve.catalog.Builtins;
import dev.pgwire.serve.sql.PgDeparse.AnyAll;
import dev.pgwire.serve.sql.PgDeparse.Arr;
import dev.pgwire.serve.sql.PgDeparse.Bool;
import dev.pgwire.serve.sql.PgDeparse.Case;
import dev.pgwire.serve.sql.PgDeparse.Coalesce;
import dev.pgwire.serve.sql.PgDeparse.Coerce;
import dev.pgwire.serve.sql.PgDeparse.Const;
import dev.pgwire.serve.sql.PgDeparse.E;
import dev.pgwire.serve.sql.PgDeparse.Func;
import dev.pgwire.serve.sql.PgDeparse.Keyword;
import dev.pgwire.serve.sql.PgDeparse.NullTest;
import dev.pgwire.serve.sql.PgDeparse.Op;
import dev.pgwire.serve.sql.PgDeparse.SubLink;
import dev.pgwire.serve.sql.PgDeparse.Subqueries;
import dev.pgwire.serve.sql.PgDeparse.Var;
import dev.pgwire.serve.sql.PgDeparse.Window;

/**
 * Writes an expression {@link PgDeparse} analysed as PostgreSQL's ruleutils does: its parentheses
 * (every operator in the plain form, only where precedence needs them in the pretty form), the
 * casts it shows, constants with their type where the type is not the literal's own, and — in a
 * view's query, where the text is indented — CASE on lines of its own and subqueries written by
 * the query's writer.
 */
final class DeparseWriter {
    private final boolean pretty;
    private final Subqueries subqueries;
    private StringBuilder out = new StringBuilder();
    /** ruleutils' indentLevel where the text is indented (a view's query), else -1: all on one line. */
    private int indent = -1;

    DeparseWriter(boolean pretty, Subqueries subqueries) {
        this.pretty = pretty;
        this.subqueries = subqueries;
    }

    /** The expression's text at ruleutils' {@code indentLevel} (-1: not indented). */
    String text(E e, boolean showImplicit, int indentLevel) {
        StringBuilder saved = out;
        int savedIndent = indent;
        out = new StringBuilder();
        indent = indentLevel;
        try {
            write(e, showImplicit, null);
            return out.toString();
        } finally {
            out = saved;
            indent = savedIndent;
        }
    }

    /**
     * A GROUP BY or ORDER BY key as get_rule_sortgroupclause writes it: a column or constant as it
     * is, a function call in parentheses, anything else in parentheses in the pretty form.
     */
    String sortKey(E e, int indentLevel) {
        String text = text(e, true, indentLevel);
        if (e instanceof Var || e instanceof Const) return text;
        boolean paren = pretty || e instanceof Func;
        return paren ? "(" + text + ")" : text;
    }

    private void write(E e, boolean showImplicit, E parent) {
        if (e instanceof Var v) {
            if (v.qualifier() != null) out.append(PgDeparse.quote(v.qualifier())).append('.');
            out.append(v.name().equals(PgDeparse.DOMAIN_VALUE) ? "VALUE" : PgDeparse.quote(v.name()));
        } else if (e instanceof Const c) {
            constant(c);
        } else if (e instanceof Coerce c) {
            if (c.implicit() && !showImplicit) {
                write(c.arg(), false, parent);
                return;
            }
            if (c.arg() instanceof Const k && k.type().same(c.type()) && k.type().typmod() == -1) {
                constantValue(k);
            } else {
                if (!pretty) out.append('(');
                writeParen(c.arg(), false, c);
                if (!pretty) out.append(')');
            }
            out.append("::").append(c.type().label());
        } else if (e instanceof Op o) {
            if (!pretty) out.append('(');
            if (o.left() != null) {
                writeParen(o.left(), true, o);
                out.append(' ');
            }
            out.append(o.name());
            out.append(' ');
            writeParen(o.right(), true, o);
            if (!pretty) out.append(')');
        } else if (e instanceof Func f) {
            out.append(f.name()).append('(');
            if (f.star()) out.append('*');
            if (f.distinct()) out.append("DISTINCT ");
            for (int i = 0; i < f.args().size(); i++) {
                if (i > 0) out.append(", ");
                write(f.args().get(i), true, f);
            }
            out.append(')');
            if (f.filter() != null) {
                out.append(" FILTER (WHERE ");
                write(f.filter(), false, f);
                out.append(')');
            }
            if (f.over() != null) {
                out.append(" OVER (");
                Window w = f.over();
                if (!w.partition().isEmpty()) {
                    out.append("PARTITION BY ");
                    for (int i = 0; i < w.partition().size(); i++) {
                        if (i > 0) out.append(", ");
                        out.append(sortKey(w.partition().get(i), Math.max(indent, 0)));
                    }
                }
                if (!w.order().isEmpty()) {
                    if (!w.partition().isEmpty()) out.append(' ');
                    out.append("ORDER BY ");
                    for (int i = 0; i < w.order().size(); i++) {
                        if (i > 0) out.append(", ");
                        out.append(sortKey(w.order().get(i), Math.max(indent, 0))).append(w.directions().get(i));
                    }
                }
                out.append(')');
            }
        } else if (e instanceof SubLink s) {
            subLinkText(s);
        } else if (e instanceof Bool b) {
            if (!pretty) out.append('(');
            if (b.op().equals("NOT")) {
                out.append("NOT ");
                writeParen(b.args().get(0), false, b);
            } else {
                for (int i = 0; i < b.args().size(); i++) {
                    if (i > 0) out.append(' ').append(b.op()).append(' ');
                    writeParen(b.args().get(i), false, b);
                }
            }
            if (!pretty) out.append(')');
        } else if (e instanceof NullTest t) {
            if (!pretty) out.append('(');
            writeParen(t.arg(), true, t);
            out.append(t.not() ? " IS NOT NULL" : " IS NULL");
            if (!pretty) out.append(')');
        } else if (e instanceof AnyAll a) {
            if (!pretty) out.append('(');
            writeParen(a.left(), true, a);
            out.append(' ').append(a.op()).append(a.any() ? " ANY (" : " ALL (");
            writeParen(a.array(), true, a);
            out.append(')');
            if (!pretty) out.append(')');
        } else if (e instanceof Arr a) {
            out.append("ARRAY[");
            for (int i = 0; i < a.elements().size(); i++) {
                if (i > 0) out.append(", ");
                write(a.elements().get(i), true, a);
            }
            out.append(']');
            if (a.elements().isEmpty()) out.append("::").append(a.type().label()); // ruleutils names an empty array's type
        } else if (e instanceof Keyword k) {
            out.append(k.text());
        } else if (e instanceof Coalesce c) {
            out.append(c.name()).append('(');
            for (int i = 0; i < c.args().size(); i++) {
                if (i > 0) out.append(", ");
                write(c.args().get(i), true, c);
            }
            out.append(')');
        } else if (e instanceof Case c) {
            if (indent >= 0) {
                indentedCase(c);
                return;
            }
            out.append("CASE");
            if (c.arg() != null) {
                out.append(' ');
                write(c.arg(), true, c);
            }
            for (E[] w : c.whens()) {
                out.append(" WHEN ");
                write(w[0], false, c);
                out.append(" THEN ");
                write(w[1], true, c);
            }
            if (c.otherwise() != null) {
                out.append(" ELSE ");
                write(c.otherwise(), true, c);
            }
            out.append(" END");
        }
    }

    /** CASE as ruleutils indents it: each WHEN and the ELSE on a line of its own, four columns in. */
    private void indentedCase(Case c) {
        contextKeyword("CASE", 0, 4, 0);
        if (c.arg() != null) {
            out.append(' ');
            write(c.arg(), true, c);
        }
        for (E[] w : c.whens()) {
            contextKeyword("WHEN ", 0, 0, 0);
            write(w[0], false, c);
            out.append(" THEN ");
            write(w[1], true, c);
        }
        if (c.otherwise() != null) {
            contextKeyword("ELSE ", 0, 0, 0);
            write(c.otherwise(), true, c);
        }
        contextKeyword("END", -4, 0, 0);
    }

    /** ruleutils' appendContextKeyword, in its indenting form. */
    private void contextKeyword(String keyword, int before, int after, int plus) {
        indent += before;
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') end--;
        out.setLength(end);
        out.append('\n').append(" ".repeat(Math.max(indent, 0) + plus)).append(keyword);
        indent = Math.max(indent + after, 0);
    }

    /** get_sublink_expr: the subquery in parentheses, after its test and operator (= ANY as IN). */
    private void subLinkText(SubLink s) {
        out.append('(');
        boolean paren = true;
        switch (s.kind()) {
            case "EXISTS_SUBLINK" -> out.append("EXISTS ");
            case "ANY_SUBLINK" -> {
                write(s.test(), true, s);
                out.append(s.op().equals("=") ? " IN " : " " + s.op() + " ANY ");
            }
            case "ALL_SUBLINK" -> {
                write(s.test(), true, s);
                out.append(' ').append(s.op()).append(" ALL ");
            }
            default -> paren = false;
        }
        if (paren) out.append('(');
        out.append(subqueries.text(s.select(), Math.max(indent, 0)));
        out.append(paren ? "))" : ")");
    }

    /** A sub-expression, in parentheses in the pretty form where it is not simple under {@code parent}. */
    private void writeParen(E e, boolean showImplicit, E parent) {
        boolean paren = pretty && !simple(e, parent);
        if (paren) out.append('(');
        write(e, showImplicit, parent);
        if (paren) out.append(')');
    }

    /** ruleutils' isSimpleNode: whether an expression needs no parentheses under its parent. */
    private static boolean simple(E e, E parent) {
        boolean ownParentheses = parent instanceof Bool || parent instanceof Arr || parent instanceof Coalesce
                || parent instanceof Case || parent instanceof Func;
        if (e instanceof Op o) {
            if (parent instanceof Op p) {
                boolean lo = o.name().equals("+") || o.name().equals("-");
                boolean hi = o.name().equals("*") || o.name().equals("/") || o.name().equals("%");
                boolean plo = p.name().equals("+") || p.name().equals("-");
                boolean phi = p.name().equals("*") || p.name().equals("/") || p.name().equals("%");
                if (o.left() == null || p.left() == null || !(lo || hi) || !(plo || phi)) return false;
                if (hi && plo) return true;
                if (lo && phi) return false;
                return p.left() == e;
            }
            return ownParentheses;
        }
        if (e instanceof NullTest) return ownParentheses;
        if (e instanceof AnyAll) return false; // ScalarArrayOpExpr: in parentheses wherever it is not on its own
        if (e instanceof Bool b) {
            if (parent instanceof Bool p) {
                return switch (b.op()) {
                    case "NOT", "AND" -> p.op().equals("AND") || p.op().equals("OR");
                    default -> p.op().equals("OR");
                };
            }
            return parent instanceof Arr || parent instanceof Coalesce || parent instanceof Case || parent instanceof Func;
        }
        return true; // variables, constants, function calls, casts, arrays, keywords
    }

    private void constant(Const c) {
        boolean label = constantValue(c);
        if (label) out.append("::").append(c.type().label());
    }

    /** Writes a constant's value; returns whether it needs its type written after it. */
    private boolean constantValue(Const c) {
        if (c.isNull()) {
            out.append("NULL");
            return c.type().oid() != Builtins.UNKNOWN;
        }
        int type = c.type().oid();
        String v = c.text();
        switch (type) {
            case 23 -> {
                if (!v.startsWith("-")) {
                    out.append(v);
                    return false;
                }
                quoteLiteral(v);
                return true;
            }
            case 1700 -> {
                if (!v.isEmpty() && Character.isDigit(v.charAt(0)) && (v.contains(".") || v.contains("e") || v.contains("E"))) {
                    out.append(v);
                    return c.type().typmod() >= 0;
                }
                quoteLiteral(v);
                return true;
            }
            case 16 -> {
                out.append(c.kind() == 'b' ? v : Booleans.parse(v) ? "true" : "false");
                return false;
            }
            default -> {
                quoteLiteral(v);
                return type != Builtins.UNKNOWN;
            }
        }
    }

    private void quoteLiteral(String v) {
        out.append('\'').append(v.replace("'", "''")).append('\'');
    }
}
