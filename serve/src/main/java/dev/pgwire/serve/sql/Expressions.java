package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.Emitter.Untranslatable;

import java.util.List;

/**
 * Writes expression nodes. Every operator expression is parenthesised, so PostgreSQL's and
 * DuckDB's precedence tables never have to agree. Nodes the rewrites introduce for DuckDB-only
 * spellings ({@code DuckDbSql}: a fragment with placeholders for its argument nodes) are written
 * here too.
 */
final class Expressions {
    private Expressions() {}

    static void write(Emitter em, Node e) {
        SqlWriter w = em.w;
        switch (e.type() == null ? "" : e.type()) {
            case "A_Const" -> constant(em, e);
            case "ColumnRef" -> {
                w.mark(e.location());
                List<Node> fields = e.list("fields");
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) w.append('.');
                    Node f = fields.get(i);
                    if (f.is("A_Star")) w.append('*'); else w.ident(f.str("sval"));
                }
            }
            case "ParamRef" -> {
                w.mark(e.location());
                w.append('$').append(e.num("number"));
            }
            case "A_Expr" -> Operators.write(em, e);
            case "BoolExpr" -> {
                w.mark(e.location());
                List<Node> args = e.list("args");
                String op = e.str("boolop");
                if (op.equals("NOT_EXPR")) {
                    w.append("(NOT ");
                    write(em, args.get(0));
                    w.append(')');
                    return;
                }
                w.append('(');
                for (int i = 0; i < args.size(); i++) {
                    if (i > 0) w.append(op.equals("AND_EXPR") ? " AND " : " OR ");
                    write(em, args.get(i));
                }
                w.append(')');
            }
            case "TypeCast" -> {
                w.mark(e.location());
                Casts.write(em, e.node("arg"), e.node("typeName"));
            }
            case "FuncCall" -> Functions.write(em, e);
            case "NullTest" -> {
                w.append('(');
                write(em, e.node("arg"));
                w.append(e.str("nulltesttype").equals("IS_NULL") ? " IS NULL)" : " IS NOT NULL)");
            }
            case "BooleanTest" -> {
                w.append('(');
                write(em, e.node("arg"));
                w.append(switch (e.str("booltesttype")) {
                    case "IS_TRUE" -> " IS TRUE)";
                    case "IS_NOT_TRUE" -> " IS NOT TRUE)";
                    case "IS_FALSE" -> " IS FALSE)";
                    case "IS_NOT_FALSE" -> " IS NOT FALSE)";
                    case "IS_UNKNOWN" -> " IS NULL)";
                    case "IS_NOT_UNKNOWN" -> " IS NOT NULL)";
                    default -> throw new Untranslatable(e.str("booltesttype"));
                });
            }
            case "CaseExpr" -> {
                w.append("CASE");
                if (e.node("arg") != null) {
                    w.append(' ');
                    write(em, e.node("arg"));
                }
                for (Node when : e.list("args")) {
                    w.append(" WHEN ");
                    write(em, when.node("expr"));
                    w.append(" THEN ");
                    em.expr(when.node("result"));
                }
                if (e.node("defresult") != null) {
                    w.append(" ELSE ");
                    write(em, e.node("defresult"));
                }
                w.append(" END");
            }
            case "CoalesceExpr" -> call(em, "coalesce", e.list("args"));
            case "MinMaxExpr" -> call(em, e.str("op").equals("IS_GREATEST") ? "greatest" : "least", e.list("args"));
            case "SubLink" -> SubLinks.write(em, e);
            case "A_ArrayExpr" -> {
                w.mark(e.location());
                w.append('[');
                em.exprList(e.list("elements"));
                w.append(']');
            }
            case "RowExpr" -> {
                List<Node> args = e.list("args");
                if (args.size() == 1 && !e.str("row_format").equals("COERCE_IMPLICIT_CAST")) {
                    w.append("row(");
                    em.exprList(args);
                    w.append(')');
                } else {
                    w.append('(');
                    em.exprList(args);
                    if (args.size() == 1) w.append(',');
                    w.append(')');
                }
            }
            case "A_Indirection" -> indirection(em, e);
            case "CollateClause" -> Collations.write(em, e);
            case "SQLValueFunction" -> sqlValueFunction(em, e);
            case "SetToDefault" -> w.append("DEFAULT");
            case "A_Star" -> w.append('*');
            case "GroupingSet" -> groupingSet(em, e);
            case "GroupingFunc" -> call(em, "grouping", e.list("args"));
            case "DuckDbSql" -> duckDbSql(em, e);
            default -> throw new Untranslatable(e.type() == null ? "struct" : e.type());
        }
    }

    private static void call(Emitter em, String name, List<Node> args) {
        em.w.append(name).append('(');
        em.exprList(args);
        em.w.append(')');
    }

    private static void constant(Emitter em, Node c) {
        SqlWriter w = em.w;
        w.mark(c.location());
        if (c.bool("isnull")) {
            w.append("NULL");
        } else if (c.has("ival")) {
            long v = c.node("ival").num("ival");
            if (v == Integer.MIN_VALUE) w.append("CAST(").append(v).append(" AS INTEGER)"); // (DuckDB reads -(2147483648), a bigint)
            else if (v < 0) w.append('(').append(v).append(')'); else w.append(v);
        } else if (c.has("fval")) {
            w.append(Literals.numeric(c.node("fval").str("fval")));
        } else if (c.has("sval")) {
            w.literal(c.node("sval").str("sval"));
        } else if (c.has("boolval")) {
            w.append(c.node("boolval").bool("boolval") ? "true" : "false");
        } else if (c.has("bsval")) {
            w.append(Literals.bitString(c.node("bsval").str("bsval")));
        } else {
            // an A_Const with every field at its default is the integer 0
            w.append('0');
        }
    }

    /** A slice bound no lower than {@code floor} (NULL stays NULL). */
    private static void sliceBound(Emitter em, Node bound, int floor) {
        if (bound.is("A_Const") && bound.has("ival")) {
            em.w.append(Math.max(bound.node("ival").num("ival"), floor));
            return;
        }
        em.w.append("CASE WHEN (");
        write(em, bound);
        em.w.append(") IS NULL THEN NULL ELSE greatest(");
        write(em, bound);
        em.w.append(", " + floor + ") END");
    }

    private static void indirection(Emitter em, Node e) {
        SqlWriter w = em.w;
        Node arg = e.node("arg");
        boolean wrap = !arg.is("ColumnRef") && !arg.is("ParamRef");
        if (wrap) w.append('(');
        write(em, arg);
        if (wrap) w.append(')');
        for (Node step : e.list("indirection")) {
            if (step.is("A_Indices")) {
                w.append('[');
                if (step.bool("is_slice")) {
                    // PostgreSQL's bounds: below the first element counts from it (DuckDB's negatives count from the end)
                    if (step.node("lidx") != null) sliceBound(em, step.node("lidx"), 1);
                    w.append(':');
                    if (step.node("uidx") != null) sliceBound(em, step.node("uidx"), 0);
                } else {
                    write(em, step.node("uidx"));
                }
                w.append(']');
            } else if (step.is("String")) {
                w.append('.').ident(step.str("sval"));
            } else if (step.is("A_Star")) {
                w.append(".*");
            } else {
                throw new Untranslatable("indirection " + step.type());
            }
        }
    }

    private static void sqlValueFunction(Emitter em, Node e) {
        String op = e.str("op");
        long precision = e.num("typmod");
        // now() rather than DuckDB's current_date / current_timestamp keywords, which DuckDB reads as
        // column names first: under their own name as an alias (SELECT current_date AS "current_date") they fail
        String text = switch (op) {
            case "SVFOP_CURRENT_DATE" -> "CAST(now() AS DATE)";
            case "SVFOP_CURRENT_TIME", "SVFOP_CURRENT_TIME_N" -> "CAST(now() AS TIMETZ)";
            case "SVFOP_CURRENT_TIMESTAMP", "SVFOP_CURRENT_TIMESTAMP_N" -> "now()";
            case "SVFOP_LOCALTIME", "SVFOP_LOCALTIME_N" -> "CAST(CAST(now() AS TIMESTAMP) AS TIME)";
            case "SVFOP_LOCALTIMESTAMP", "SVFOP_LOCALTIMESTAMP_N" -> "CAST(now() AS TIMESTAMP)";
            default -> throw new Untranslatable(op); // the user and catalog functions are rewritten to constants
        };
        if (op.endsWith("_N") && precision >= 0 && precision < 6) {
            // current_timestamp(p): rounded to p fractional digits, as PostgreSQL rounds
            long unit = (long) Math.pow(10, 6 - precision);
            String type = op.contains("LOCAL") ? (op.contains("TIMESTAMP") ? "TIMESTAMP" : "TIME")
                    : op.contains("TIMESTAMP") ? "TIMESTAMPTZ" : "TIMETZ";
            em.w.append("CAST(make_timestamptz(CAST(round(epoch_us(now()) / ").append(unit).append(".0) AS BIGINT) * ")
                    .append(unit).append(") AS ").append(type).append(')');
        } else {
            em.w.append(text);
        }
    }

    private static void groupingSet(Emitter em, Node g) {
        SqlWriter w = em.w;
        switch (g.str("kind")) {
            case "GROUPING_SET_EMPTY" -> w.append("()");
            case "GROUPING_SET_SIMPLE" -> {
                w.append('(');
                em.exprList(g.list("content"));
                w.append(')');
            }
            case "GROUPING_SET_ROLLUP" -> call(em, "ROLLUP", g.list("content"));
            case "GROUPING_SET_CUBE" -> call(em, "CUBE", g.list("content"));
            case "GROUPING_SET_SETS" -> {
                w.append("GROUPING SETS (");
                em.exprList(g.list("content"));
                w.append(')');
            }
            default -> throw new Untranslatable(g.str("kind"));
        }
    }

    /**
     * A value as PostgreSQL's output function writes it, where DuckDB's cast to text writes it
     * otherwise — a real or double precision ({@code 1}, {@code 1e+15}, {@code NaN}), an interval
     * ({@code 1 year 2 mons}, where DuckDB writes {@code months}) — for a cast to text or a value
     * joined to text; null for another type.
     */
    static Node outputText(Node value, SqlType type) {
        // a numeric quotient: PostgreSQL's text of it, every digit of its display scale
        if (value.has("topLevelSql")) return ExactDivision.asText(value);
        String sql = outputText("{0}", type);
        return sql == null ? null : duckDb(sql, value);
    }

    /**
     * A value as its output function writes it where PostgreSQL joins it to text ({@code ||},
     * concat, format): {@link #outputText(String, SqlType)}, and a boolean as t or f (its cast to
     * text is true or false). Null where DuckDB's own text is PostgreSQL's.
     */
    static String valueText(String value, SqlType type) {
        if (type != null && !type.isArray() && type.name().equals("bool")) {
            return "CASE WHEN " + value + " THEN 't' WHEN NOT " + value + " THEN 'f' END";
        }
        return outputText(value, type);
    }

    /** {@link #outputText(Node, SqlType)} of the DuckDB expression {@code value}, as DuckDB SQL, or null. */
    static String outputText(String value, SqlType type) {
        if (type == null || type.isArray()) return null;
        if (type.name().equals("interval")) return "pgwire_interval_out(CAST(" + value + " AS VARCHAR))";
        // byteaout's hex, where DuckDB's text escapes bytes; a date before the common era ends in BC, not (BC)
        if (type.name().equals("bytea")) return "('\\x' || lower(hex(" + value + ")))";
        if (type.name().equals("date") || type.name().equals("timestamp") || type.name().equals("timestamptz")) {
            return "pgwire.bc_text(CAST(" + value + " AS VARCHAR))";
        }
        if (type.name().equals("numeric") && type.typmod() == -1) {
            // a numeric without modifier is DECIMAL(38,10) in a table, whose text has ten decimals:
            // written with the digits it has, as serve's output shows it
            return "CASE WHEN regexp_full_match(typeof(" + value + "), 'DECIMAL\\(38,[1-9][0-9]\\)') THEN rtrim(rtrim(CAST("
                    + value + " AS VARCHAR), '0'), '.') ELSE CAST(" + value + " AS VARCHAR) END";
        }
        if (!type.isFloat()) return null;
        return type.is(SqlType.FLOAT4) ? "pg_float4_text(CAST(" + value + " AS FLOAT))" : "pg_float8_text(CAST(" + value + " AS DOUBLE))";
    }

    /**
     * A DuckDB fragment a rewrite produced: {@code sql} with {@code {0}}, {@code {1}}, … standing for
     * the nodes in {@code args}.
     */
    /** Expression {@code text} in PostgreSQL's syntax (a default or a check as PostgreSQL shows it) as a tree, or null. */
    static Node parsed(String text) {
        try {
            List<PgParser.Statement> parsed = PgParser.parse("SELECT " + text);
            if (parsed.size() != 1 || parsed.get(0).tree().list("targetList").size() != 1) return null;
            return parsed.get(0).tree().list("targetList").get(0).node("val");
        } catch (dev.pgwire.protocol.PgException e) {
            return null;
        }
    }

    static Node duckDb(String sql, Node... args) {
        return Node.of("DuckDbSql").set("sql", sql).set("args", new java.util.ArrayList<>(List.of(args)));
    }

    private static void duckDbSql(Emitter em, Node e) {
        String sql = e.str("sql");
        List<Node> args = e.list("args");
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int close = c == '{' ? sql.indexOf('}', i) : -1;
            if (close > i + 1 && sql.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(sql.substring(i + 1, close));
                em.expr(args.get(index));
                i = close + 1;
            } else {
                em.w.append(c);
                i++;
            }
        }
    }
}
