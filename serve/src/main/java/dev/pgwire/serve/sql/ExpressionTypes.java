package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.TypeResolver.Col;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's typing of expressions, for the cases the translation acts on: constants, columns,
 * casts, arithmetic and comparison, CASE/COALESCE, subqueries, and the return types of the
 * common functions and aggregates.
 */
final class ExpressionTypes {
    private ExpressionTypes() {}

    /** Functions whose result type does not depend on their arguments. */
    private static final Map<String, SqlType> FIXED = Map.ofEntries(
            Map.entry("count", SqlType.INT8), Map.entry("row_number", SqlType.INT8), Map.entry("rank", SqlType.INT8),
            Map.entry("dense_rank", SqlType.INT8), Map.entry("ntile", SqlType.INT4),
            // the catalog functions introspection queries call (their results described before Bind)
            Map.entry("format_type", SqlType.TEXT), Map.entry("pg_get_expr", SqlType.TEXT), Map.entry("pg_get_constraintdef", SqlType.TEXT),
            Map.entry("pg_get_indexdef", SqlType.TEXT), Map.entry("pg_get_viewdef", SqlType.TEXT), Map.entry("col_description", SqlType.TEXT),
            Map.entry("obj_description", SqlType.TEXT), Map.entry("shobj_description", SqlType.TEXT),
            Map.entry("pg_table_is_visible", SqlType.BOOL), Map.entry("pg_type_is_visible", SqlType.BOOL),
            Map.entry("pg_indexam_has_property", SqlType.BOOL), Map.entry("pg_index_has_property", SqlType.BOOL),
            Map.entry("pg_index_column_has_property", SqlType.BOOL),
            Map.entry("percent_rank", SqlType.FLOAT8), Map.entry("cume_dist", SqlType.FLOAT8),
            Map.entry("length", SqlType.INT4), Map.entry("char_length", SqlType.INT4),
            Map.entry("character_length", SqlType.INT4), Map.entry("octet_length", SqlType.INT4),
            Map.entry("bit_length", SqlType.INT4), Map.entry("strpos", SqlType.INT4), Map.entry("position", SqlType.INT4),
            Map.entry("ascii", SqlType.INT4), Map.entry("get_byte", SqlType.INT4), Map.entry("set_byte", SqlType.BYTEA), Map.entry("array_length", SqlType.INT4), Map.entry("array_upper", SqlType.INT4),
            Map.entry("array_lower", SqlType.INT4), Map.entry("cardinality", SqlType.INT4), Map.entry("array_ndims", SqlType.INT4),
            Map.entry("array_position", SqlType.INT4), Map.entry("width_bucket", SqlType.INT4),
            Map.entry("json_array_length", SqlType.INT4), Map.entry("jsonb_array_length", SqlType.INT4),
            Map.entry("lower", SqlType.TEXT), Map.entry("upper", SqlType.TEXT), Map.entry("initcap", SqlType.TEXT),
            Map.entry("substr", SqlType.TEXT), Map.entry("substring", SqlType.TEXT), Map.entry("replace", SqlType.TEXT),
            Map.entry("btrim", SqlType.TEXT), Map.entry("ltrim", SqlType.TEXT), Map.entry("rtrim", SqlType.TEXT),
            Map.entry("pg_client_encoding", SqlType.NAME), Map.entry("pg_encoding_to_char", SqlType.NAME), Map.entry("num_nulls", SqlType.INT4),
            Map.entry("num_nonnulls", SqlType.INT4),
            Map.entry("lpad", SqlType.TEXT), Map.entry("rpad", SqlType.TEXT), Map.entry("left", SqlType.TEXT),
            Map.entry("right", SqlType.TEXT), Map.entry("repeat", SqlType.TEXT), Map.entry("reverse", SqlType.TEXT),
            Map.entry("concat", SqlType.TEXT), Map.entry("concat_ws", SqlType.TEXT), Map.entry("format", SqlType.TEXT),
            Map.entry("split_part", SqlType.TEXT), Map.entry("translate", SqlType.TEXT), Map.entry("md5", SqlType.TEXT),
            Map.entry("to_hex", SqlType.TEXT), Map.entry("chr", SqlType.TEXT), Map.entry("quote_ident", SqlType.TEXT),
            Map.entry("quote_literal", SqlType.TEXT), Map.entry("quote_nullable", SqlType.TEXT),
            Map.entry("regexp_replace", SqlType.TEXT), Map.entry("string_agg", SqlType.TEXT), Map.entry("to_char", SqlType.TEXT),
            Map.entry("array_to_string", SqlType.TEXT), Map.entry("enum_range", SqlType.TEXT.arrayOf()), Map.entry("array_dims", SqlType.TEXT), Map.entry("div", SqlType.NUMERIC),
            Map.entry("string_to_table", SqlType.TEXT), Map.entry("encode", SqlType.TEXT), Map.entry("version", SqlType.TEXT),
            Map.entry("current_setting", SqlType.TEXT), Map.entry("set_config", SqlType.TEXT),
            Map.entry("json_typeof", SqlType.TEXT), Map.entry("jsonb_typeof", SqlType.TEXT), Map.entry("jsonb_pretty", SqlType.TEXT),
            Map.entry("pg_size_pretty", SqlType.TEXT), Map.entry("pg_get_userbyid", SqlType.NAME),
            Map.entry("acldefault", SqlType.of("aclitem").arrayOf()),
            Map.entry("current_database", SqlType.NAME), Map.entry("current_schema", SqlType.NAME),
            Map.entry("current_user", SqlType.NAME), Map.entry("session_user", SqlType.NAME),
            Map.entry("current_schemas", SqlType.NAME.arrayOf()),
            Map.entry("to_regclass", SqlType.REGCLASS), Map.entry("to_regtype", SqlType.REGTYPE),
            Map.entry("now", SqlType.TIMESTAMPTZ), Map.entry("transaction_timestamp", SqlType.TIMESTAMPTZ),
            Map.entry("statement_timestamp", SqlType.TIMESTAMPTZ), Map.entry("clock_timestamp", SqlType.TIMESTAMPTZ),
            Map.entry("to_timestamp", SqlType.TIMESTAMPTZ), Map.entry("make_timestamptz", SqlType.TIMESTAMPTZ),
            Map.entry("to_date", SqlType.DATE), Map.entry("make_date", SqlType.DATE), Map.entry("make_time", SqlType.TIME),
            Map.entry("make_timestamp", SqlType.TIMESTAMP), Map.entry("age", SqlType.INTERVAL),
            Map.entry("make_interval", SqlType.INTERVAL), Map.entry("justify_days", SqlType.INTERVAL),
            Map.entry("justify_hours", SqlType.INTERVAL), Map.entry("justify_interval", SqlType.INTERVAL),
            Map.entry("date_part", SqlType.FLOAT8), Map.entry("extract", SqlType.NUMERIC), Map.entry("to_number", SqlType.NUMERIC),
            Map.entry("random", SqlType.FLOAT8), Map.entry("pi", SqlType.FLOAT8), Map.entry("gen_random_uuid", SqlType.UUID),
            Map.entry("pg_backend_pid", SqlType.INT4), Map.entry("bool_and", SqlType.BOOL), Map.entry("bool_or", SqlType.BOOL),
            Map.entry("every", SqlType.BOOL), Map.entry("starts_with", SqlType.BOOL), Map.entry("pg_typeof", SqlType.REGTYPE),
            Map.entry("json_agg", SqlType.JSON), Map.entry("jsonb_agg", SqlType.JSONB), Map.entry("to_json", SqlType.JSON),
            Map.entry("to_jsonb", SqlType.JSONB), Map.entry("json_build_object", SqlType.JSON),
            Map.entry("jsonb_build_object", SqlType.JSONB), Map.entry("json_build_array", SqlType.JSON),
            Map.entry("jsonb_build_array", SqlType.JSONB), Map.entry("json_object_agg", SqlType.JSON),
            Map.entry("jsonb_object_agg", SqlType.JSONB), Map.entry("row_to_json", SqlType.JSON),
            Map.entry("jsonb_set", SqlType.JSONB), Map.entry("jsonb_strip_nulls", SqlType.JSONB),
            Map.entry("jsonb_set_lax", SqlType.JSONB), Map.entry("jsonb_insert", SqlType.JSONB),
            Map.entry("json_strip_nulls", SqlType.JSON), Map.entry("array_to_json", SqlType.JSON),
            Map.entry("json_object", SqlType.JSON), Map.entry("jsonb_object", SqlType.JSONB),
            Map.entry("json_extract_path", SqlType.JSON), Map.entry("jsonb_extract_path", SqlType.JSONB),
            Map.entry("json_extract_path_text", SqlType.TEXT), Map.entry("jsonb_extract_path_text", SqlType.TEXT),
            Map.entry("json_array_elements", SqlType.JSON), Map.entry("jsonb_array_elements", SqlType.JSONB),
            Map.entry("json_array_elements_text", SqlType.TEXT), Map.entry("jsonb_array_elements_text", SqlType.TEXT),
            Map.entry("json_object_keys", SqlType.TEXT), Map.entry("jsonb_object_keys", SqlType.TEXT),
            Map.entry("json_each", SqlType.RECORD), Map.entry("jsonb_each", SqlType.RECORD),
            Map.entry("json_each_text", SqlType.RECORD), Map.entry("jsonb_each_text", SqlType.RECORD),
            Map.entry("string_to_array", SqlType.TEXT.arrayOf()), Map.entry("parse_ident", SqlType.TEXT.arrayOf()), Map.entry("regexp_match", SqlType.TEXT.arrayOf()),
            Map.entry("regexp_matches", SqlType.TEXT.arrayOf()), Map.entry("regexp_split_to_array", SqlType.TEXT.arrayOf()),
            Map.entry("decode", SqlType.BYTEA), Map.entry("sha256", SqlType.BYTEA), Map.entry("digest", SqlType.BYTEA),
            Map.entry("sha224", SqlType.BYTEA), Map.entry("sha384", SqlType.BYTEA), Map.entry("sha512", SqlType.BYTEA),
            Map.entry("convert_to", SqlType.BYTEA), Map.entry("convert_from", SqlType.TEXT),
            Map.entry("nextval", SqlType.INT8), Map.entry("currval", SqlType.INT8), Map.entry("setval", SqlType.INT8),
            Map.entry("lastval", SqlType.INT8), Map.entry("pg_get_serial_sequence", SqlType.TEXT),
            Map.entry("stddev", SqlType.NUMERIC), Map.entry("variance", SqlType.NUMERIC), Map.entry("overlaps", SqlType.BOOL));

    /** Functions returning the type of their first argument. */
    private static final java.util.Set<String> SAME_AS_FIRST = java.util.Set.of("min", "max", "abs", "lag", "lead",
            "first_value", "last_value", "nth_value", "any_value", "greatest", "least", "coalesce", "nullif", "mode",
            "date_trunc", "array_append", "array_remove", "array_replace", "array_cat", "trunc", "ceil", "ceiling",
            "floor", "sign", "mod");

    static SqlType infer(TypeResolver r, Node e, Scope scope) {
        switch (e.type() == null ? "" : e.type()) {
            case "A_Const" -> {
                if (e.bool("isnull")) return SqlType.UNKNOWN;
                if (e.has("ival")) return SqlType.INT4;
                if (e.has("fval")) return isIntegral(e.node("fval").str("fval")) ? SqlType.INT8 : SqlType.NUMERIC;
                if (e.has("boolval")) return SqlType.BOOL;
                if (e.has("bsval")) return SqlType.BIT;
                if (e.has("sval")) return SqlType.UNKNOWN;
                return SqlType.INT4;
            }
            case "TypeCast" -> {
                SqlType t = SqlType.of(PgTypeName.of(e.node("typeName")));
                Node arg = e.node("arg");
                if (t != null && t.isArray() && arg != null && arg.is("A_Const") && arg.has("sval")) {
                    // '{{1,2},{3,4}}'::int[] has the dimensions its text has, as PostgreSQL's array_in reads it
                    int dims = ArrayLiteral.dimensions(arg.node("sval").str("sval"));
                    if (dims > t.dims()) return new SqlType(t.name(), t.typmod(), dims);
                }
                return t;
            }
            case "ColumnRef" -> {
                Col c = scope == null ? null : scope.resolve(e.names("fields"));
                return c == null ? null : c.type();
            }
            case "A_Expr" -> {
                return operator(r, e, scope);
            }
            case "BoolExpr", "NullTest", "BooleanTest" -> {
                return SqlType.BOOL;
            }
            case "FuncCall" -> {
                return function(r, e, scope);
            }
            case "CaseExpr" -> {
                SqlType t = SqlType.UNKNOWN;
                for (Node w : e.list("args")) t = SqlType.common(t, branchType(r, w.node("result"), scope));
                if (e.node("defresult") != null) t = SqlType.common(t, branchType(r, e.node("defresult"), scope));
                return t != null && t.isUnknown() ? SqlType.TEXT : t;
            }
            case "CoalesceExpr", "MinMaxExpr" -> {
                SqlType t = SqlType.UNKNOWN;
                for (Node a : e.list("args")) t = SqlType.common(t, branchType(r, a, scope));
                return t != null && t.isUnknown() ? SqlType.TEXT : t;
            }
            case "SubLink" -> {
                return switch (e.str("subLinkType")) {
                    case "EXISTS_SUBLINK", "ANY_SUBLINK", "ALL_SUBLINK" -> SqlType.BOOL;
                    case "EXPR_SUBLINK" -> {
                        List<Col> cols = r.subquery(e.node("subselect"), scope);
                        yield cols.isEmpty() ? null : cols.get(0).type();
                    }
                    case "ARRAY_SUBLINK" -> {
                        List<Col> cols = r.subquery(e.node("subselect"), scope);
                        yield cols.isEmpty() || cols.get(0).type() == null ? null : cols.get(0).type().arrayOf();
                    }
                    default -> null;
                };
            }
            case "A_ArrayExpr" -> {
                SqlType t = SqlType.UNKNOWN;
                for (Node el : e.list("elements")) t = SqlType.common(t, branchType(r, el, scope));
                if (t == null) return null;
                return t.isUnknown() ? SqlType.TEXT.arrayOf() : (t.isArray() ? t.arrayOf() : t.arrayOf());
            }
            case "A_Indirection" -> {
                if (JsonCalls.isEachField(e.node("arg"), e.list("indirection"))) {
                    JsonCalls.SetColumns set = JsonCalls.setColumns(Operators.lastName(e.node("arg")));
                    return set.types().get(set.names().indexOf(e.list("indirection").get(0).str("sval")));
                }
                SqlType t = r.type(e.node("arg"), scope);
                if (t != null && t.is(SqlType.JSONB)) return SqlType.JSONB;
                if (t != null && !t.isArray() && t.name().equals("int2vector")) return SqlType.INT2;
                if (t != null && !t.isArray() && t.name().equals("oidvector")) return SqlType.OID;
                if (t != null && !t.isArray() && t.name().equals("name")) return SqlType.of("char"); // typname[0]
                if (t == null || !t.isArray()) return null;
                boolean slice = false;
                for (Node i : e.list("indirection")) if (i.is("A_Indices") && i.bool("is_slice")) slice = true;
                return slice ? t : t.element();
            }
            case "CollateClause" -> {
                return r.type(e.node("arg"), scope);
            }
            case "SQLValueFunction" -> {
                return switch (e.str("op")) {
                    case "SVFOP_CURRENT_DATE" -> SqlType.DATE;
                    case "SVFOP_CURRENT_TIME", "SVFOP_CURRENT_TIME_N" -> SqlType.TIMETZ;
                    case "SVFOP_CURRENT_TIMESTAMP", "SVFOP_CURRENT_TIMESTAMP_N" -> SqlType.TIMESTAMPTZ;
                    case "SVFOP_LOCALTIME", "SVFOP_LOCALTIME_N" -> SqlType.TIME;
                    case "SVFOP_LOCALTIMESTAMP", "SVFOP_LOCALTIMESTAMP_N" -> SqlType.TIMESTAMP;
                    default -> SqlType.NAME;
                };
            }
            case "ParamRef" -> {
                return r == null ? null : r.parameterType(e.num("number"));
            }
            case "DuckDbSql" -> {
                if (!e.has("pgType")) return null;
                String t = e.str("pgType");
                return t.startsWith("_") ? SqlType.of(t.substring(1)).arrayOf() : SqlType.of(t);
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean isIntegral(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        for (int i = start; i < text.length(); i++) if (!Character.isDigit(text.charAt(i))) return false;
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A branch's type, a parameter of no declared type being unknown: it takes the others' (coalesce(n, $1) is n's). */
    private static SqlType branchType(TypeResolver r, Node e, Scope scope) {
        return untypedParameter(r, e) && r.parameterType(e.num("number")) == null ? SqlType.UNKNOWN : r.type(e, scope);
    }

    private static boolean untypedParameter(TypeResolver r, Node e) {
        return e != null && e.is("ParamRef") && !r.parameterDeclared(e.num("number"));
    }

    private static SqlType operator(TypeResolver r, Node e, Scope scope) {
        String kind = e.str("kind");
        if (!kind.equals("AEXPR_OP")) {
            return kind.equals("AEXPR_NULLIF") ? r.type(e.node("lexpr"), scope) : SqlType.BOOL;
        }
        List<String> names = e.names("name");
        String op = names.get(names.size() - 1);
        SqlType l = r.type(e.node("lexpr"), scope);
        SqlType rt = r.type(e.node("rexpr"), scope);
        switch (op) {
            case "=", "<>", "!=", "<", ">", "<=", ">=", "~", "~*", "!~", "!~*", "~~", "!~~", "~~*", "!~~*", "@>", "<@", "?",
                 "?|", "?&", "&&" -> {
                return SqlType.BOOL;
            }
            case "||" -> {
                if (l != null && l.isArray()) return l;
                if (rt != null && rt.isArray()) return rt;
                boolean lJsonb = l != null && l.name().equals("jsonb");
                boolean rJsonb = rt != null && rt.name().equals("jsonb");
                if ((lJsonb && (rJsonb || rt == null || rt.isUnknown())) || (rJsonb && l != null && l.isUnknown())) return SqlType.JSONB;
                // byteacat for bytea with bytea or an untyped string; anytextcat (text) for bytea with text
                boolean lBytea = l != null && l.name().equals("bytea");
                boolean rBytea = rt != null && rt.name().equals("bytea");
                if (lBytea && (rBytea || rt == null || rt.isUnknown()) || rBytea && l != null && l.isUnknown()) return SqlType.BYTEA;
                return SqlType.TEXT;
            }
            case "#-" -> {
                return SqlType.JSONB;
            }
            case "^" -> {
                // power: numeric for a numeric operand beside a numeric or an integer, else double precision (integers
                // take float8's, the preferred type; a real or double precision operand makes the numeric one float8)
                boolean numeric = l != null && !l.isArray() && l.name().equals("numeric") || rt != null && !rt.isArray() && rt.name().equals("numeric");
                boolean floating = l != null && !l.isArray() && l.isFloat() || rt != null && !rt.isArray() && rt.isFloat();
                return numeric && !floating ? SqlType.NUMERIC : SqlType.FLOAT8;
            }
            case "->" -> {
                return l != null && l.name().equals("json") ? SqlType.JSON : SqlType.JSONB;
            }
            case "#>" -> {
                return l != null && l.name().equals("json") ? SqlType.JSON : SqlType.JSONB;
            }
            case "->>", "#>>" -> {
                return SqlType.TEXT;
            }
            default -> { }
        }
        if (e.node("lexpr") == null) return rt; // prefix - + ~
        if (op.equals("-") && l != null && !l.isArray() && l.name().equals("jsonb")) return SqlType.JSONB;
        // numeric / $1 with $1 of no declared type: numeric, as OperatorRewrites makes it
        if (op.equals("/") && l != null && !l.isArray() && l.name().equals("numeric") && (untypedParameter(r, e.node("rexpr"))
                || rt == null && r.hasUntypedParameter(e.node("rexpr")))) return SqlType.NUMERIC;
        if (op.equals("/") && rt != null && !rt.isArray() && rt.name().equals("numeric") && (untypedParameter(r, e.node("lexpr"))
                || l == null && r.hasUntypedParameter(e.node("lexpr")))) return SqlType.NUMERIC;
        if (l == null || rt == null) return null;
        if (l.isUnknown()) l = rt;
        if (rt.isUnknown()) rt = l;
        if (l.isNumber() && rt.isNumber()) return SqlType.numericPromotion(l, rt);
        String a = l.name();
        String b = rt.name();
        if (a.equals("date") && rt.isInteger()) return SqlType.DATE;
        if (a.equals("date") && b.equals("date") && op.equals("-")) return SqlType.INT4;
        if (a.equals("date") && b.equals("interval")) return SqlType.TIMESTAMP;
        if ((a.startsWith("timestamp")) && b.equals("interval")) return l.withoutTypmod();
        if (a.startsWith("timestamp") && b.startsWith("timestamp") && op.equals("-")) return SqlType.INTERVAL;
        if (a.equals("interval") && (b.equals("interval") || rt.isNumber())) return SqlType.INTERVAL;
        if (l.isNumber() && b.equals("interval")) return SqlType.INTERVAL;
        return null;
    }

    private static SqlType function(TypeResolver r, Node e, Scope scope) {
        String name = Operators.lastName(e);
        List<Node> args = e.list("args");
        SqlType first = args.isEmpty() ? null : r.type(args.get(0), scope);
        SqlType fixed = FIXED.get(name);
        if (fixed != null) return fixed;
        switch (name) {
            case "sum" -> {
                if (first == null) return null;
                if (first.name().equals("int2") || first.name().equals("int4")) return SqlType.INT8;
                if (first.name().equals("int8") || first.name().equals("numeric")) return SqlType.NUMERIC;
                return first.withoutTypmod();
            }
            case "avg" -> {
                if (first == null) return null;
                if (first.isExactNumeric()) return SqlType.NUMERIC;
                if (first.name().equals("interval")) return SqlType.INTERVAL;
                return SqlType.FLOAT8;
            }
            case "percentile_cont" -> {
                // the interval form interpolates intervals; the other is double precision
                List<Node> order = e.list("agg_order");
                SqlType sorted = order.size() == 1 ? r.type(order.get(0).node("node"), scope) : null;
                SqlType result = sorted != null && sorted.is(SqlType.INTERVAL) ? SqlType.INTERVAL : SqlType.FLOAT8;
                return first != null && first.isArray() ? result.arrayOf() : result;
            }
            case "stddev_samp", "stddev_pop", "var_samp", "var_pop" -> {
                return first != null && first.isFloat() ? SqlType.FLOAT8 : SqlType.NUMERIC;
            }
            case "round" -> {
                // an integer takes the double precision form (float8 is the preferred type), as a real does
                return first != null && (first.isFloat() || first.isInteger() && args.size() == 1) ? SqlType.FLOAT8 : SqlType.NUMERIC;
            }
            case "sqrt", "exp", "ln", "log", "log10", "power", "pow" -> {
                // these have numeric versions, taken for a numeric argument; integers take the double
                // precision ones (float8 is the preferred type); the rest of the math functions are float8 only
                for (Node a : args) {
                    SqlType t = r.type(a, scope);
                    if (t != null && !t.isArray() && t.name().equals("numeric")) return SqlType.NUMERIC;
                }
                return SqlType.FLOAT8;
            }
            case "ceil", "ceiling", "floor", "sign", "trunc" -> {
                if (first != null && !first.isArray() && (first.isInteger() || first.isFloat()) && args.size() == 1) return SqlType.FLOAT8;
                if (name.equals("trunc") && args.size() == 2) return SqlType.NUMERIC; // trunc(numeric, integer)
                return first == null || first.isUnknown() ? null : first.withoutTypmod();
            }
            case "cbrt", "sin", "cos", "tan", "cot", "asin", "acos", "atan", "atan2", "degrees", "radians", "sind", "cosd" -> {
                return SqlType.FLOAT8;
            }
            case "array_agg" -> {
                return first == null ? null : first.isUnknown() ? SqlType.TEXT.arrayOf() : first.arrayOf();
            }
            case "generate_series", "unnest" -> {
                if (name.equals("unnest")) return first != null && first.isArray() ? first.element() : null;
                for (Node a : args) {
                    SqlType t = r.type(a, scope);
                    if (t != null && !t.isArray() && t.name().equals("numeric")) return SqlType.NUMERIC; // generate_series(numeric, …)
                }
                return first == null || first.isUnknown() ? null : first.withoutTypmod();
            }
            default -> {
                if (SAME_AS_FIRST.contains(name)) {
                    SqlType t = first;
                    // lag and lead with a default: their arguments' common type (anycompatible)
                    if ((name.equals("lag") || name.equals("lead")) && args.size() == 3 && t != null) {
                        SqlType common = SqlType.anycompatible(t, r.type(args.get(2), scope));
                        if (common != null) t = common;
                    }
                    if (name.equals("coalesce") || name.equals("greatest") || name.equals("least")) {
                        for (Node a : args) t = SqlType.common(t, r.type(a, scope));
                    }
                    if ((name.equals("min") || name.equals("max")) && t != null && !t.isArray()
                            && (t.name().equals("varchar") || t.name().equals("name"))) {
                        return SqlType.TEXT; // min(text) and max(text) are the aggregates PostgreSQL picks
                    }
                    if (name.equals("date_trunc") && args.size() >= 2) {
                        SqlType src = r.type(args.get(1), scope);
                        if (src != null && !src.isArray() && src.name().equals("time")) return SqlType.INTERVAL;
                        return src != null && src.name().equals("date") ? SqlType.TIMESTAMPTZ : src;
                    }
                    if ((name.equals("min") || name.equals("max")) && t != null && t.is(SqlType.BPCHAR)) {
                        return t; // the column's length stays, so the value shows its padding
                    }
                    return t == null ? null : t.isUnknown() ? SqlType.TEXT : t.withoutTypmod();
                }
                return null;
            }
        }
    }
}
