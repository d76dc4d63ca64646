package dev.pgwire.serve.plpgsql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.catalog.Builtins;
import dev.pgwire.serve.sql.ColumnReferences;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.PgParser;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.serve.sql.SqlNames;
import dev.pgwire.serve.sql.SqlType;
import dev.pgwire.serve.sql.TreeWalker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A PL/pgSQL function body as one SQL expression over the function's parameters, compiled from
 * PostgreSQL's own PL/pgSQL parse tree: {@code RETURN}, {@code IF … ELSIF … ELSE} and the CASE
 * statement (CASE expressions), the declared variables and straight assignments (their values
 * substituted where they are read) and {@code RAISE EXCEPTION} (DuckDB's {@code error()} carrying P0001 and the message). A path that
 * ends without RETURN raises 2F005 when it is taken, as in PostgreSQL. Values are converted as
 * PL/pgSQL assigns them: by an implicit or assignment cast where PostgreSQL has one, otherwise
 * through text. Anything else (loops, queries, EXCEPTION handlers, …) is refused with 0A000 and a
 * detail naming it.
 *
 * <pre>{@code
 * Node f = PgParser.parsePlpgsqlFunction(createFunctionSql, "sign_of");
 * String e = FunctionBody.compile(f, "sign_of", List.of("x"), returns, typing);
 * // CASE WHEN x > 0 THEN CAST((1) AS int4) ELSE … END
 * }</pre>
 */
public final class FunctionBody {
    /** The PostgreSQL type of an expression over the function's parameters, or null when it cannot be told. */
    public interface Typing {
        SqlType typeOf(String expression);
    }

    /** Expressions beyond this length (IF branches each repeat what follows them) are refused. */
    static final int MAX_LENGTH = 100_000;

    /** Statements compiled (counting each repetition) beyond which a body is refused before it grows further. */
    static final int MAX_STEPS = 10_000;

    static final String NO_RETURN = "error('[pgwire:2F005] control reached end of function without RETURN')";

    static final String CASE_NOT_FOUND = "error(" + SqlNames.literal("[pgwire:20000] case not found\n[pgwire:hint] CASE statement is missing ELSE part.") + ")";

    /** Built-in functions that give another value each call: a variable holding one is not substituted twice. */
    private static final Set<String> VOLATILE = Set.of("random", "setseed", "nextval", "setval", "currval", "lastval",
            "clock_timestamp", "timeofday", "gen_random_uuid", "txid_current", "pg_current_xact_id", "uuid_generate_v4",
            "random_normal", "pg_sleep");

    /** A variable's current value: an expression over the parameters, its type, and whether it may differ each time. */
    private record Value(String sql, SqlType type, boolean volatileValue) {
    }

    private final String name;
    private final List<String> params;
    private final SqlType returns;
    private final Typing typing;
    private final List<Node> datums;
    private String label;
    private final Map<Value, Integer> reads = new HashMap<>();
    /** The types of the expressions seen: a repeated continuation asks again. */
    private final Map<String, SqlType> types = new HashMap<>();
    private int steps;

    private FunctionBody(Node function, String name, List<String> params, SqlType returns, Typing typing) {
        this.name = name;
        this.params = params;
        this.returns = returns;
        this.typing = typing;
        this.datums = function.list("datums");
    }

    /**
     * The body of {@code function} (from {@link PgParser#parsePlpgsqlFunction}) as one PostgreSQL
     * expression whose value is of type {@code returns}; its parameters are referenced by name (or
     * as {@code $n} where they have none, as the body wrote them).
     */
    public static String compile(Node function, String name, List<String> params, PgTypeName returns, Typing typing) {
        if (!returns.builtin()) throw unsupported("a result of a type of its own (" + returns.name() + ")");
        SqlType result = new SqlType(returns.name(), -1, returns.dimensions()); // a function's result has no type modifier
        FunctionBody body = new FunctionBody(function, name, params, result, typing);
        Node action = function.node("action");
        body.refuseHandlers(action);
        body.label = action.has("label") ? action.str("label") : null;
        String sql = body.statements(action.list("body"), 0, body.declare(), env -> NO_RETURN);
        body.refuseVolatileRereads();
        return sql;
    }

    // ---------------------------------------------------------------- variables

    private Map<String, Value> declare() {
        Map<String, Value> env = new HashMap<>();
        for (Node d : datums) {
            String var = d.str("refname");
            if (!d.has("lineno") && (params.contains(var) || var.equals("found"))) continue;
            if (d.is("PLpgSQL_rec")) throw unsupported("a record variable (" + var + ")");
            if (!d.is("PLpgSQL_var")) continue; // an INTO target or a record's field: its statement is refused by name
            String typname = d.node("datatype") == null ? "" : d.node("datatype").str("typname").trim();
            if (typname.equals("UNKNOWN") && !d.has("default_val")) {
                continue; // a loop's variable, a CASE statement's, SQLSTATE and SQLERRM: their statement is refused by name
            }
            if (typname.isEmpty() || typname.equals("UNKNOWN") || typname.contains("%")) {
                throw unsupported("a variable of type " + (typname.isEmpty() ? "unknown" : typname) + " (" + var + ")");
            }
            if (typname.equalsIgnoreCase("record")) throw unsupported("a record variable (" + var + ")");
            if (d.bool("notnull")) throw unsupported("a NOT NULL variable (" + var + ")");
            PgTypeName type = typeName(typname);
            if (!type.builtin()) throw unsupported("a variable of a type of its own (" + var + ")");
            if (type.typmod() >= 0 && Set.of("varchar", "bpchar", "bit", "varbit").contains(type.name())) {
                throw unsupported("a variable of a length-limited type (" + var + " " + typname + ")");
            }
            SqlType t = new SqlType(type.name(), type.typmod(), type.dimensions());
            Value v = d.node("default_val") == null ? new Value("CAST(NULL AS " + typname + ")", t, false)
                    : assign(expression(d.node("default_val").str("query"), env), t, typname);
            if (v.volatileValue()) reads.putIfAbsent(v, 0);
            env.put(var, v);
        }
        return env;
    }

    /** A declared type name ({@code numeric(10,2)}, {@code int}, {@code text[]}) as PostgreSQL's grammar reads it. */
    private static PgTypeName typeName(String written) {
        Node select = PgParser.parse("SELECT CAST(NULL AS " + written + ")").get(0).tree();
        Node cast = select.list("targetList").get(0).node("val");
        return PgTypeName.of(cast.node("typeName"));
    }

    // ---------------------------------------------------------------- statements

    /** Statements {@code i…} of a list, then {@code rest} with the variables as they leave it. */
    private String statements(List<Node> stmts, int i, Map<String, Value> env, Function<Map<String, Value>, String> rest) {
        if (i == stmts.size()) return rest.apply(env);
        if (++steps > MAX_STEPS) throw unsupported("this many branches (each IF repeats the statements after it)");
        Node s = stmts.get(i);
        String sql = switch (s.type()) {
            case "PLpgSQL_stmt_return" -> {
                if (s.node("expr") != null) yield assign(expression(s.node("expr").str("query"), env), returns, typeText(returns)).sql();
                // RETURN with no expression in a function with a result is a syntax error; PL/pgSQL's own
                // RETURN at the end of the body (no line) is the end of the function
                if (s.has("lineno")) throw new PgException(SqlState.SYNTAX_ERROR, "missing expression at or near \";\"");
                yield rest.apply(env);
            }
            case "PLpgSQL_stmt_assign" -> {
                String var = datumName(s.num("varno"));
                Value old = env.get(var);
                if (old == null && params.contains(var)) old = new Value(var, typing.typeOf(var), false); // a parameter is a variable too
                if (old == null || old.type() == null) throw unsupported("an assignment to " + var);
                Map<String, Value> next = new HashMap<>(env);
                Value v = assign(expression(assigned(s.node("expr").str("query")), env), old.type(), typeText(old.type()));
                if (v.volatileValue()) reads.putIfAbsent(v, 0);
                next.put(var, v);
                yield statements(stmts, i + 1, next, rest);
            }
            case "PLpgSQL_stmt_if" -> ifStatement(s, env, e -> statements(stmts, i + 1, e, rest));
            case "PLpgSQL_stmt_case" -> caseStatement(s, env, e -> statements(stmts, i + 1, e, rest));
            case "PLpgSQL_stmt_raise" -> raise(s, env);
            default -> throw unsupported(construct(s));
        };
        if (sql.length() > MAX_LENGTH) throw unsupported("this many branches (each IF repeats the statements after it)");
        return sql;
    }

    private String ifStatement(Node s, Map<String, Value> env, Function<Map<String, Value>, String> rest) {
        StringBuilder sql = new StringBuilder("CASE WHEN ").append(condition(s.node("cond"), env)).append(" THEN ")
                .append(statements(s.list("then_body"), 0, env, rest));
        for (Node elsif : s.list("elsif_list")) {
            sql.append(" WHEN ").append(condition(elsif.node("cond"), env)).append(" THEN ")
                    .append(statements(elsif.list("stmts"), 0, env, rest));
        }
        sql.append(" ELSE ").append(statements(s.list("else_body"), 0, env, rest)).append(" END");
        return sql.toString();
    }

    /**
     * The CASE statement as a CASE expression: the simple form's value is computed once (PL/pgSQL's
     * hidden variable, which each WHEN compares with), and with no ELSE a value no WHEN takes is
     * PostgreSQL's 20000 "case not found".
     */
    private String caseStatement(Node s, Map<String, Value> env, Function<Map<String, Value>, String> rest) {
        Map<String, Value> scope = env;
        if (s.node("t_expr") != null) {
            Value v = expression(s.node("t_expr").str("query"), env);
            if (v.type() == null) throw unsupported("a CASE value whose type is not known (" + v.sql() + ")");
            if (v.volatileValue()) reads.putIfAbsent(v, 0);
            scope = new HashMap<>(env);
            scope.put(datums.get((int) s.num("t_varno")).str("refname"), v);
        }
        StringBuilder sql = new StringBuilder("CASE");
        for (Node when : s.list("case_when_list")) {
            sql.append(" WHEN ").append(condition(when.node("expr"), scope)).append(" THEN ").append(statements(when.list("stmts"), 0, env, rest));
        }
        sql.append(" ELSE ").append(s.bool("have_else") ? statements(s.list("else_stmts"), 0, env, rest) : CASE_NOT_FOUND).append(" END");
        return sql.toString();
    }

    /** An IF condition as a boolean, as PL/pgSQL converts it (NULL counts as false, as in CASE). */
    private String condition(Node expr, Map<String, Value> env) {
        return assign(expression(expr.str("query"), env), SqlType.BOOL, "boolean").sql();
    }

    /**
     * RAISE EXCEPTION 'format', args… [USING ERRCODE / MESSAGE / DETAIL / HINT = …]: DuckDB's
     * error() with the SQLSTATE, message, detail and hint PostgreSQL's would have.
     */
    private String raise(Node s, Map<String, Value> env) {
        if (s.num("elog_level") < 21) throw unsupported("RAISE below EXCEPTION (a notice from a function)");
        String condname = s.has("condname") ? s.str("condname") : null;
        String code = condname != null ? conditionCode(condname) : null;
        String message = s.has("message") ? format(s.str("message"), s.list("params"), env) : null;
        String detail = null;
        String hint = null;
        for (Node option : s.list("options")) {
            Node expr = option.node("expr");
            int type = (int) option.num("opt_type");
            String name = switch (type) {
                case 0 -> "ERRCODE";
                case 1 -> "MESSAGE";
                case 2 -> "DETAIL";
                case 3 -> "HINT";
                default -> throw unsupported("RAISE … USING COLUMN, CONSTRAINT, DATATYPE, TABLE or SCHEMA");
            };
            if (type == 0 && code != null || type == 1 && message != null || type == 2 && detail != null || type == 3 && hint != null) {
                // PostgreSQL finds this when the RAISE runs
                return "error(" + SqlNames.literal("[pgwire:42601] RAISE option already specified: " + name) + ")";
            }
            switch (type) {
                case 0 -> {
                    condname = errcode(expr.str("query"));
                    code = conditionCode(condname);
                }
                case 1 -> message = optionText(expr, env);
                case 2 -> detail = optionText(expr, env);
                default -> hint = optionText(expr, env);
            }
        }
        if (code == null) code = "P0001";
        if (code.startsWith("error(")) return code; // an unknown condition name is the error
        if (message == null) message = SqlNames.literal(condname != null ? condname : code); // the condition as written
        StringBuilder sql = new StringBuilder("error(").append(SqlNames.literal("[pgwire:" + code + "] ")).append(" || ").append(message);
        if (detail != null) sql.append(" || ").append(SqlNames.literal("\n[pgwire:detail] ")).append(" || ").append(detail);
        if (hint != null) sql.append(" || ").append(SqlNames.literal("\n[pgwire:hint] ")).append(" || ").append(hint);
        return sql.append(')').toString();
    }

    /** A condition name's SQLSTATE, or PostgreSQL's error for a name it does not know (raised when the RAISE runs). */
    private static String conditionCode(String name) {
        try {
            return Conditions.code(name);
        } catch (PgException e) {
            return "error(" + SqlNames.literal("[pgwire:" + e.sqlState() + "] " + e.getMessage()) + ")";
        }
    }

    /** USING ERRCODE = 'condition_name' or '22012': a string constant, as written. */
    private static String errcode(String query) {
        Node value = PgParser.parse("SELECT " + query).get(0).tree().list("targetList").get(0).node("val");
        Node constant = value != null && value.is("A_Const") ? value.node("sval") : null;
        if (constant == null) throw unsupported("RAISE … USING ERRCODE with a computed code");
        return constant.str("sval");
    }

    /** RAISE's format: each % takes the next argument's text (NULL as {@code <NULL>}), %% is %. */
    private String format(String format, List<Node> args, Map<String, Value> env) {
        StringBuilder sql = new StringBuilder();
        StringBuilder text = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%') {
                text.append('%');
                i++;
            } else if (c == '%') {
                if (next >= args.size()) throw new PgException(SqlState.SYNTAX_ERROR, "too few parameters specified for RAISE");
                sql.append(SqlNames.literal(text.toString())).append(" || coalesce(")
                        .append(outputText(expression(args.get(next++).str("query"), env))).append(", '<NULL>') || ");
                text.setLength(0);
            } else {
                text.append(c);
            }
        }
        if (next < args.size()) throw new PgException(SqlState.SYNTAX_ERROR, "too many parameters specified for RAISE");
        return sql.append(SqlNames.literal(text.toString())).toString();
    }

    /** A USING option's value as text; NULL is PostgreSQL's 22004. */
    private String optionText(Node expr, Map<String, Value> env) {
        Value v = expression(expr.str("query"), env);
        return "CASE WHEN (" + v.sql() + ") IS NULL THEN error('[pgwire:22004] RAISE statement option cannot be null') ELSE "
                + outputText(v) + " END";
    }

    /** A value as its type's output function writes it (a boolean as t or f). */
    private static String outputText(Value v) {
        if (v.type() == null) throw unsupported("a RAISE argument whose type is not known (" + v.sql() + ")");
        return v.type().equals(SqlType.BOOL) ? "CASE WHEN (" + v.sql() + ") THEN 't' ELSE 'f' END" : "CAST((" + v.sql() + ") AS text)";
    }

    private void refuseHandlers(Node block) {
        if (block.node("exceptions") != null) throw unsupported("an EXCEPTION block");
    }

    /** The PL/pgSQL construct a statement is, as a user wrote it. */
    private static String construct(Node s) {
        return switch (s.type()) {
            case "PLpgSQL_stmt_loop" -> "a LOOP";
            case "PLpgSQL_stmt_while" -> "a WHILE loop";
            case "PLpgSQL_stmt_fori", "PLpgSQL_stmt_fors", "PLpgSQL_stmt_dynfors", "PLpgSQL_stmt_forc" -> "a FOR loop";
            case "PLpgSQL_stmt_foreach_a" -> "a FOREACH loop";
            case "PLpgSQL_stmt_exit" -> "EXIT or CONTINUE";
            case "PLpgSQL_stmt_block" -> s.node("exceptions") != null ? "an EXCEPTION block" : "a nested BEGIN … END block";
            case "PLpgSQL_stmt_execsql" -> s.bool("into") ? "SELECT INTO (a query in the body)" : "an SQL statement in the body";
            case "PLpgSQL_stmt_perform" -> "PERFORM";
            case "PLpgSQL_stmt_return_query" -> "RETURN QUERY";
            case "PLpgSQL_stmt_return_next" -> "RETURN NEXT";
            case "PLpgSQL_stmt_dynexecute" -> "EXECUTE (dynamic SQL)";
            case "PLpgSQL_stmt_getdiag" -> "GET DIAGNOSTICS";
            case "PLpgSQL_stmt_open", "PLpgSQL_stmt_fetch", "PLpgSQL_stmt_close" -> "a cursor";
            case "PLpgSQL_stmt_assert" -> "ASSERT";
            case "PLpgSQL_stmt_call" -> "CALL";
            case "PLpgSQL_stmt_commit", "PLpgSQL_stmt_rollback" -> "COMMIT or ROLLBACK";
            default -> "the statement " + s.type().replace("PLpgSQL_stmt_", "").toUpperCase(Locale.ROOT);
        };
    }

    // ---------------------------------------------------------------- expressions

    /** The right-hand side of an assignment's text ({@code x := expr}). */
    private static String assigned(String query) {
        SqlLexer lexer = new SqlLexer(query);
        lexer.next(); // the variable
        SqlLexer.Token op = lexer.next();
        if (op.isOp(':')) op = lexer.next();
        if (!op.isOp('=')) throw unsupported("an assignment to an element or field (" + query.trim() + ")");
        return query.substring(op.end());
    }

    /**
     * A PL/pgSQL expression with the variables' values in place of their names: it must be one
     * expression (PostgreSQL runs it as {@code SELECT expression}), not a query.
     */
    private Value expression(String query, Map<String, Value> env) {
        String select = "SELECT " + query;
        Node tree = PgParser.parse(select).get(0).tree();
        if (!tree.is("SelectStmt") || tree.list("targetList").size() != 1 || tree.has("fromClause") || tree.has("whereClause")
                || tree.has("groupClause") || tree.has("havingClause") || tree.has("sortClause") || tree.has("limitCount")
                || tree.has("limitOffset") || tree.has("distinctClause") || tree.has("windowClause") || tree.has("withClause")
                || tree.has("valuesLists") || tree.has("op") && !"SETOP_NONE".equals(tree.str("op"))) {
            throw unsupported("a query as an expression (" + query.trim() + ")");
        }
        if (tree.list("targetList").get(0).has("name")) throw unsupported("an expression with AS (" + query.trim() + ")");
        boolean[] volatileValue = {volatileCalls(tree)};
        String sql = ColumnReferences.apply(select, names -> {
            Value v = reference(names, env);
            if (v == null) return names.size() == 2 && isQualifier(names.get(0)) && params.contains(names.get(1)) ? names.get(1) : null;
            reads.merge(v, 1, Integer::sum);
            volatileValue[0] |= v.volatileValue();
            return "(" + v.sql() + ")";
        }, null);
        // up to the last token: a trailing comment (RETURN a -- why) must not swallow what is written after it
        SqlLexer lexer = new SqlLexer(sql);
        int end = 0;
        for (SqlLexer.Token t = lexer.next(); t.kind() != SqlLexer.Kind.END; t = lexer.next()) end = t.end();
        sql = sql.substring("SELECT ".length(), end).trim();
        SqlType type = types.containsKey(sql) ? types.get(sql) : typing.typeOf(sql);
        types.put(sql, type);
        return new Value(sql, type, volatileValue[0]);
    }

    private Value reference(List<String> names, Map<String, Value> env) {
        if (names.size() == 1) {
            if (names.get(0).equals("found") && !params.contains("found")) return new Value("false", SqlType.BOOL, false);
            return env.get(names.get(0));
        }
        if (names.size() == 2 && isQualifier(names.get(0))) return env.get(names.get(1));
        return null;
    }

    /** Whether a name qualifies a variable: the function's name, or the outer block's label. */
    private boolean isQualifier(String qualifier) {
        return qualifier.equals(name) || qualifier.equals(label);
    }

    /** Whether an expression calls a function that may give another value each time. */
    private static boolean volatileCalls(Node tree) {
        boolean[] found = {false};
        TreeWalker.forEachNode(tree, n -> {
            if (!n.is("FuncCall")) return;
            List<String> fn = n.names("funcname");
            String last = fn.get(fn.size() - 1);
            if (VOLATILE.contains(last) || !Builtins.scalarFunction(last) && !Builtins.aggregate(last)) found[0] = true;
        });
        return found[0];
    }

    /**
     * A volatile value substituted twice would be computed twice, and one never read not at all,
     * where PL/pgSQL computes it once.
     */
    private void refuseVolatileRereads() {
        for (Map.Entry<Value, Integer> e : reads.entrySet()) {
            if (e.getKey().volatileValue() && e.getValue() != 1) {
                throw unsupported("a variable holding a volatile value (" + e.getKey().sql() + ") not read exactly once");
            }
        }
    }

    /**
     * A value converted to a variable's or the result's type as PL/pgSQL converts it: unchanged
     * when it has the type, by the assignment cast PostgreSQL has for the pair, else through text
     * (PL/pgSQL's I/O conversion).
     */
    private static Value assign(Value v, SqlType to, String typeText) {
        if (v.type() == null) {
            // a call of another user function: the translation does not know the type it returns
            throw unsupported("an expression whose type is not known (" + v.sql() + ")")
                    .withHint("A cast names its type: (expression)::integer.");
        }
        int from = oid(v.type());
        int target = oid(to);
        String sql;
        if (from == target && target != 0 && to.typmod() < 0) {
            sql = v.sql();
        } else if (from != 0 && target != 0 && (Builtins.assignable(from, target) || from == Builtins.UNKNOWN)) {
            sql = "CAST((" + v.sql() + ") AS " + typeText + ")";
        } else if (from != 0 && target != 0 && !v.type().isArray() && !to.isArray()) {
            sql = "CAST(CAST((" + v.sql() + ") AS text) AS " + typeText + ")";
        } else {
            throw unsupported("a value of type " + v.type().name() + " where " + to.name() + " is expected");
        }
        return new Value(sql, to, v.volatileValue());
    }

    private static int oid(SqlType t) {
        return Builtins.typeOid(t.isArray() ? "_" + t.name() : t.name());
    }

    /** A type as a cast names it: {@code numeric(10,2)}, {@code int4[]}. */
    private static String typeText(SqlType t) {
        String name = t.name();
        if (t.typmod() >= 0 && name.equals("numeric")) {
            int mod = t.typmod() - 4;
            name += "(" + (mod >> 16) + "," + (short) (mod & 0xffff) + ")";
        } else if (t.typmod() >= 0 && Set.of("timestamp", "timestamptz", "time", "timetz").contains(name)) {
            name += "(" + t.typmod() + ")";
        } else if (t.typmod() >= 0) {
            throw unsupported("a variable of type " + name + " with a modifier");
        }
        return name + "[]".repeat(Math.max(0, t.dims()));
    }

    private String datumName(long varno) {
        if (varno < 0 || varno >= datums.size()) throw new PgException(SqlState.INTERNAL_ERROR, "no variable " + varno);
        Node d = datums.get((int) varno);
        if (!d.is("PLpgSQL_var")) throw unsupported("an assignment to a record or its field");
        return d.str("refname");
    }

    /** 0A000 for a PL/pgSQL function serve cannot run, its detail naming what the body holds. */
    public static PgException unsupported(String construct) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this PL/pgSQL function body is not supported")
                .withDetail("serve runs a PL/pgSQL function as one SQL expression (RETURN, IF, CASE, variables, assignments"
                        + " and RAISE EXCEPTION); it cannot hold " + construct + ".");
    }
}
