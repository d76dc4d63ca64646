package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.Emitter.Untranslatable;

import java.util.List;

/** Subqueries in expressions: EXISTS, scalar, IN / op ANY / op ALL, ARRAY(…). */
final class SubLinks {
    private SubLinks() {}

    static void write(Emitter em, Node s) {
        SqlWriter w = em.w;
        w.mark(s.location());
        switch (s.str("subLinkType")) {
            case "EXISTS_SUBLINK" -> {
                w.append("(EXISTS (");
                em.statement(s.node("subselect"));
                w.append("))");
            }
            case "EXPR_SUBLINK" -> {
                w.append('(');
                em.statement(s.node("subselect"));
                w.append(')');
            }
            case "ARRAY_SUBLINK" -> {
                w.append("ARRAY(");
                em.statement(s.node("subselect"));
                w.append(')');
            }
            case "ANY_SUBLINK", "ALL_SUBLINK" -> {
                List<String> op = s.names("operName");
                String operator = op.isEmpty() ? "=" : op.get(op.size() - 1);
                w.append('(');
                em.expr(s.node("testexpr"));
                boolean all = s.str("subLinkType").equals("ALL_SUBLINK");
                if (op.isEmpty()) {
                    w.append(" IN (");
                } else {
                    w.append(' ').append(operator).append(all ? " ALL (" : " ANY (");
                }
                em.statement(s.node("subselect"));
                w.append("))");
            }
            default -> throw new Untranslatable(s.str("subLinkType"));
        }
    }
}
