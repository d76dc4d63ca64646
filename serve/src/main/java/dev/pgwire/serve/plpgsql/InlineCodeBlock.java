package dev.pgwire.serve.plpgsql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.PgParser;
import dev.pgwire.serve.sql.SqlLexer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An inline code block (DO) in PL/pgSQL, run statement by statement on PostgreSQL's own PL/pgSQL
 * parse tree: declarations with defaults, assignment, IF, CASE, the loops (LOOP, WHILE, integer
 * FOR, FOR over a query or EXECUTE, FOREACH over an array) with EXIT and CONTINUE, SQL statements
 * with INTO [STRICT], PERFORM, EXECUTE … INTO … USING, GET DIAGNOSTICS, RAISE, ASSERT, RETURN and
 * blocks with EXCEPTION handlers — a handler runs after everything its block did was undone, as in
 * PostgreSQL. Expressions are evaluated by the session as {@code SELECT expression}, with the
 * block's variables substituted as typed values ({@link Substitution}).
 */
public final class InlineCodeBlock {
    /** Nesting of blocks, loops and IFs beyond which a block is refused, like PostgreSQL's stack limit. */
    static final int MAX_NESTING = 200;

    private record Value(String text, String type) {
    }

    /** A record variable's current row: its columns, their types and values (null before it is assigned). */
    private record Row(List<String> names, List<String> types, List<String> values) {
    }

    /** EXIT or CONTINUE leaving statements until the loop (or labelled block) it names. */
    private static final class Exit extends RuntimeException {
        final String label;
        final boolean exit;

        Exit(String label, boolean exit) {
            super(null, null, false, false);
            this.label = label;
            this.exit = exit;
        }
    }

    private static final class Return extends RuntimeException {
        Return() {
            super(null, null, false, false);
        }
    }

    private final Executor ex;
    private final List<Node> datums;
    private final Map<String, Value> vars = new HashMap<>();
    private final Map<String, Row> records = new HashMap<>();
    /** The error the running handler caught (RAISE without arguments, GET STACKED DIAGNOSTICS), or null. */
    private PgException caught;
    private long rowCount;
    private int savepoints;
    private int nesting;

    private InlineCodeBlock(Executor ex, Node function) {
        this.ex = ex;
        this.datums = function.list("datums");
    }

    /** Parses and runs the PL/pgSQL {@code body} of a DO statement. */
    public static void run(String body, Executor ex) {
        Node function = PgParser.parsePlpgsql(body);
        InlineCodeBlock block = new InlineCodeBlock(ex, function);
        try {
            block.declare();
            block.statement(function.node("action"));
        } catch (Return r) {
            // RETURN ends the block
        } catch (Exit e) {
            throw new PgException(SqlState.SYNTAX_ERROR, e.exit ? "EXIT cannot be used outside a loop, unless it has a label"
                    : "CONTINUE cannot be used outside a loop");
        }
    }

    // ---------------------------------------------------------------- variables

    private void declare() {
        vars.put("found", new Value("f", "boolean"));
        for (Node d : datums) {
            String name = d.str("refname");
            if (d.is("PLpgSQL_rec")) {
                records.put(name, null);
                continue;
            }
            if (!d.is("PLpgSQL_var") || name.equals("found") || d.bool("isconst") && !d.has("default_val")) continue;
            String typname = typeName(d);
            if (typname == null && name.startsWith("__Case__Variable_")) continue;
            if ("record".equals(typname)) {
                records.put(name, null);
                continue;
            }
            if (d.node("datatype") != null && "UNKNOWN".equals(d.node("datatype").str("typname")) && !d.has("default_val")) {
                continue; // a loop's own variable, or SQLSTATE / SQLERRM: made where they apply
            }
            Value v = new Value(null, typname);
            if (d.has("default_val")) v = evaluate(d.node("default_val").str("query"), typname);
            if (d.bool("notnull") && v.text() == null) {
                throw new PgException("22004", "null value cannot be assigned to variable \"" + name + "\" declared NOT NULL");
            }
            vars.put(name, v);
        }
    }

    /** The declared type of a variable as a cast can name it, or null (record, %TYPE, unknown). */
    private static String typeName(Node datum) {
        Node type = datum.node("datatype");
        if (type == null) return null;
        String name = type.str("typname").trim();
        if (name.isEmpty() || name.equals("UNKNOWN") || name.contains("%")) return null;
        return name.toLowerCase(Locale.ROOT).equals("record") ? "record" : name;
    }

    /** The literal for a column reference naming a variable or a record's field, or null. */
    private String reference(List<String> names) {
        if (names.size() == 1) {
            Value v = vars.get(names.get(0));
            return v == null ? null : Substitution.literal(v.text(), v.type());
        }
        if (names.size() == 2 && records.containsKey(names.get(0))) {
            Row row = records.get(names.get(0));
            if (row == null) {
                throw new PgException("55000", "record \"" + names.get(0) + "\" is not assigned yet")
                        .withDetail("The tuple structure of a not-yet-assigned record is indeterminate.");
            }
            int i = row.names().indexOf(names.get(1));
            if (i < 0) throw new PgException("42703", "record \"" + names.get(0) + "\" has no field \"" + names.get(1) + "\"");
            return Substitution.literal(row.values().get(i), row.types().get(i));
        }
        return null;
    }

    private String substitute(String sql) {
        return Substitution.apply(sql, this::reference, null);
    }

    private void assign(String name, String text, String type) {
        Value old = vars.get(name);
        if (old == null && records.containsKey(name)) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "assigning a value to record \"" + name + "\" is not supported");
        }
        if (old != null && old.type() != null && type != null && !old.type().equals(type) && text != null) {
            text = evaluate(Substitution.literal(text, type), old.type()).text(); // the variable's type, as PostgreSQL casts
        }
        vars.put(name, new Value(text, old == null || old.type() == null ? type : old.type()));
    }

    /** Assigns a result row to a target: a record variable, or the variables of a row target, column by column. */
    private void assignRow(Node target, Executor.Result r, List<String> values) {
        if (target.is("PLpgSQL_rec") || target.is("PLpgSQL_row") && target.list("fields").size() == 1
                && records.containsKey(target.list("fields").get(0).str("name"))) {
            String name = target.is("PLpgSQL_rec") ? target.str("refname") : target.list("fields").get(0).str("name");
            records.put(name, new Row(r.columns(), r.types(), values == null ? nulls(r.columns().size()) : values));
            return;
        }
        List<Node> fields = target.list("fields");
        for (int i = 0; i < fields.size(); i++) {
            String value = values == null || i >= values.size() ? null : values.get(i);
            String type = i < r.types().size() ? r.types().get(i) : null;
            assign(fields.get(i).str("name"), value, type);
        }
    }

    private static List<String> nulls(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(null);
        return out;
    }

    private String datumName(long varno) {
        if (varno < 0 || varno >= datums.size()) throw new PgException(SqlState.INTERNAL_ERROR, "no variable " + varno);
        Node d = datums.get((int) varno);
        if (d.is("PLpgSQL_recfield")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "assigning to a field of a record is not supported");
        }
        return d.str("refname");
    }

    // ---------------------------------------------------------------- expressions

    /** Evaluates an expression (PL/pgSQL's expression text) to one value, cast to {@code type} when given. */
    private Value evaluate(String expression, String type) {
        String select = "SELECT " + (type == null || type.equals("record") ? "(" + expression + "\n)"
                : "CAST((" + expression + "\n) AS " + type + ")");
        Executor.Result r = ex.run(substitute(select));
        if (r.columns().size() != 1) {
            throw new PgException(SqlState.SYNTAX_ERROR, "query \"" + select + "\" returned " + r.columns().size() + " columns");
        }
        if (r.rows().size() > 1) throw new PgException("21000", "query \"" + select + "\" returned more than one row");
        String text = r.rows().isEmpty() ? null : r.rows().get(0).get(0);
        return new Value(text, type != null && !type.equals("record") ? type : r.types().get(0));
    }

    private boolean condition(Node expr) {
        return "t".equals(evaluate(expr.str("query"), "boolean").text());
    }

    private long integer(Node expr, String what) {
        String v = evaluate(expr.str("query"), "integer").text();
        if (v == null) throw new PgException("22004", what + " of FOR loop cannot be null");
        return Long.parseLong(v);
    }

    // ---------------------------------------------------------------- statements

    private void statements(List<Node> list) {
        for (Node s : list) statement(s);
    }

    private void statement(Node s) {
        ex.checkInterrupts();
        if (++nesting > MAX_NESTING) {
            throw new PgException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
        }
        try {
            run(s);
        } catch (PgException e) {
            if (e.field('W') == null) e.with('W', "PL/pgSQL function inline_code_block line " + s.num("lineno") + " at " + what(s));
            throw e;
        } finally {
            nesting--;
        }
    }

    private void run(Node s) {
        switch (s.type()) {
            case "PLpgSQL_stmt_block" -> block(s);
            case "PLpgSQL_stmt_assign" -> assignment(s);
            case "PLpgSQL_stmt_if" -> ifStatement(s);
            case "PLpgSQL_stmt_case" -> caseStatement(s);
            case "PLpgSQL_stmt_loop" -> {
                while (iteration(s.str("label"), s.list("body"))) ex.checkInterrupts();
            }
            case "PLpgSQL_stmt_while" -> {
                while (condition(s.node("cond")) && iteration(s.str("label"), s.list("body"))) ex.checkInterrupts();
            }
            case "PLpgSQL_stmt_fori" -> forInteger(s);
            case "PLpgSQL_stmt_fors" -> forRows(s, ex.run(substitute(s.node("query").str("query"))));
            case "PLpgSQL_stmt_dynfors" -> forRows(s, ex.run(dynamicSql(s.node("query"), s.list("params"))));
            case "PLpgSQL_stmt_foreach_a" -> forEach(s);
            case "PLpgSQL_stmt_exit" -> {
                if (s.node("cond") == null || condition(s.node("cond"))) {
                    throw new Exit(s.has("label") ? s.str("label") : null, s.bool("is_exit"));
                }
            }
            case "PLpgSQL_stmt_return" -> throw new Return();
            case "PLpgSQL_stmt_raise" -> raise(s);
            case "PLpgSQL_stmt_assert" -> {
                if (!condition(s.node("cond"))) {
                    String message = s.node("message") == null ? null : evaluate(s.node("message").str("query"), "text").text();
                    throw new PgException("P0004", message == null ? "assertion failed" : message);
                }
            }
            case "PLpgSQL_stmt_execsql" -> sql(s);
            case "PLpgSQL_stmt_perform" -> {
                Executor.Result r = ex.run(substitute(s.node("expr").str("query")));
                found(r.processed());
            }
            case "PLpgSQL_stmt_dynexecute" -> {
                Executor.Result r = ex.run(dynamicSql(s.node("query"), s.list("params")));
                rowCount = r.processed();
                if (s.bool("into")) into(s, r);
            }
            case "PLpgSQL_stmt_getdiag" -> diagnostics(s);
            default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "the PL/pgSQL statement " + what(s) + " is not supported in DO blocks");
        }
    }

    /** The statement's kind as PostgreSQL's error context names it. */
    private static String what(Node s) {
        String kind = s.type().substring("PLpgSQL_stmt_".length());
        return switch (kind) {
            case "execsql" -> "SQL statement";
            case "dynexecute" -> "EXECUTE";
            case "fori" -> "FOR with integer loop variable";
            case "fors" -> "FOR over SELECT rows";
            case "dynfors" -> "FOR over EXECUTE statement";
            case "foreach_a" -> "FOREACH over array";
            case "getdiag" -> "GET DIAGNOSTICS";
            case "block" -> "statement block";
            default -> kind.toUpperCase(Locale.ROOT);
        };
    }

    private void found(long processed) {
        rowCount = processed;
        vars.put("found", new Value(processed > 0 ? "t" : "f", "boolean"));
    }

    private void block(Node s) {
        String label = s.has("label") ? s.str("label") : null;
        Node exceptions = s.node("exceptions");
        if (exceptions == null) {
            body(label, s.list("body"));
            return;
        }
        String savepoint = "pgwire_plpgsql_" + (++savepoints);
        ex.savepoint(savepoint);
        try {
            body(label, s.list("body"));
        } catch (PgException e) {
            Node handler = handler(exceptions, e);
            if (handler == null) throw e;
            ex.rollbackTo(savepoint);
            ex.release(savepoint);
            handle(handler, e);
            return;
        } catch (Exit | Return signal) {
            ex.release(savepoint);
            throw signal;
        }
        ex.release(savepoint);
    }

    /** A block's statements; EXIT naming the block's label leaves it. */
    private void body(String label, List<Node> statements) {
        try {
            statements(statements);
        } catch (Exit e) {
            if (label == null || !label.equals(e.label) || !e.exit) throw e;
        }
    }

    private static Node handler(Node exceptions, PgException e) {
        String state = e.sqlState() == null ? SqlState.INTERNAL_ERROR : e.sqlState();
        for (Node h : exceptions.list("exc_list")) {
            for (Node c : h.list("conditions")) {
                if (Conditions.catches(c.str("condname"), state)) return h;
            }
        }
        return null;
    }

    private void handle(Node handler, PgException e) {
        PgException outer = caught;
        Value sqlstate = vars.get("sqlstate");
        Value sqlerrm = vars.get("sqlerrm");
        caught = e;
        vars.put("sqlstate", new Value(e.sqlState(), "text"));
        vars.put("sqlerrm", new Value(e.getMessage(), "text"));
        try {
            statements(handler.list("action"));
        } finally {
            caught = outer;
            restore("sqlstate", sqlstate);
            restore("sqlerrm", sqlerrm);
        }
    }

    private void restore(String name, Value v) {
        if (v == null) vars.remove(name); else vars.put(name, v);
    }

    private void assignment(Node s) {
        String query = s.node("expr").str("query");
        SqlLexer lexer = new SqlLexer(query);
        int start = -1;
        for (SqlLexer.Token t = lexer.next(); t.kind() != SqlLexer.Kind.END; t = lexer.next()) {
            if (t.depth() == 0 && t.isOp('=')) {
                start = t.end();
                break;
            }
        }
        if (start < 0) throw new PgException(SqlState.SYNTAX_ERROR, "syntax error in assignment \"" + query + "\"");
        String name = datumName(s.num("varno"));
        Value current = vars.get(name);
        Value v = evaluate(query.substring(start), current == null ? null : current.type());
        vars.put(name, new Value(v.text(), current == null || current.type() == null ? v.type() : current.type()));
    }

    private void ifStatement(Node s) {
        if (condition(s.node("cond"))) {
            statements(s.list("then_body"));
            return;
        }
        for (Node elsif : s.list("elsif_list")) {
            if (condition(elsif.node("cond"))) {
                statements(elsif.list("stmts"));
                return;
            }
        }
        statements(s.list("else_body"));
    }

    private void caseStatement(Node s) {
        if (s.node("t_expr") != null) {
            String name = datumName(s.num("t_varno"));
            Value v = evaluate(s.node("t_expr").str("query"), null);
            vars.put(name, v);
        }
        for (Node when : s.list("case_when_list")) {
            if (condition(when.node("expr"))) {
                statements(when.list("stmts"));
                return;
            }
        }
        if (!s.bool("have_else")) {
            throw new PgException("20000", "case not found").withHint("CASE statement is missing ELSE part.");
        }
        statements(s.list("else_stmts"));
    }

    /** One pass of a loop's body: false when EXIT left the loop. */
    private boolean iteration(String label, List<Node> body) {
        try {
            statements(body);
            return true;
        } catch (Exit e) {
            if (e.label != null && !e.label.equals(label)) throw e;
            return !e.exit;
        }
    }

    private void forInteger(Node s) {
        String name = s.node("var").str("refname");
        long lower = integer(s.node("lower"), "lower bound");
        long upper = integer(s.node("upper"), "upper bound");
        long step = s.node("step") == null ? 1 : integer(s.node("step"), "BY value");
        if (step <= 0) throw new PgException("22023", "BY value of FOR loop must be greater than zero");
        boolean reverse = s.bool("reverse");
        Value outer = vars.get(name);
        boolean any = false;
        try {
            for (long i = lower; reverse ? i >= upper : i <= upper; i = reverse ? i - step : i + step) {
                any = true;
                vars.put(name, new Value(Long.toString(i), "integer"));
                if (!iteration(s.str("label"), s.list("body"))) break;
                ex.checkInterrupts();
            }
        } finally {
            restore(name, outer);
        }
        found(any ? 1 : 0);
    }

    private void forRows(Node s, Executor.Result r) {
        Node target = s.node("var");
        for (List<String> row : r.rows()) {
            assignRow(target, r, row);
            if (!iteration(s.str("label"), s.list("body"))) break;
            ex.checkInterrupts();
        }
        found(r.rows().isEmpty() ? 0 : 1);
    }

    private void forEach(Node s) {
        String name = datumName(s.num("varno"));
        if (s.num("slice") > 0) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "FOREACH … SLICE is not supported");
        Executor.Result r = ex.run(substitute("SELECT unnest(" + s.node("expr").str("query") + "\n)"));
        for (List<String> row : r.rows()) {
            assign(name, row.get(0), r.types().get(0));
            if (!iteration(s.str("label"), s.list("body"))) break;
            ex.checkInterrupts();
        }
    }

    private void sql(Node s) {
        Executor.Result r = ex.run(substitute(s.node("sqlstmt").str("query")));
        if (s.bool("into")) {
            into(s, r);
            found(r.processed());
            return;
        }
        if (!r.columns().isEmpty()) {
            throw new PgException(SqlState.SYNTAX_ERROR, "query has no destination for result data")
                    .withHint("If you want to discard the results of a SELECT, use PERFORM instead.");
        }
        found(r.processed());
    }

    private void into(Node s, Executor.Result r) {
        if (s.bool("strict")) {
            if (r.rows().isEmpty()) throw new PgException("P0002", "query returned no rows");
            if (r.rows().size() > 1) {
                throw new PgException("P0003", "query returned more than one row")
                        .withHint("Make sure the query returns a single row, or use LIMIT 1.");
            }
        }
        assignRow(s.node("target"), r, r.rows().isEmpty() ? null : r.rows().get(0));
    }

    /** The SQL text of an EXECUTE: its string expression, with USING's values for $1, $2, … */
    private String dynamicSql(Node query, List<Node> params) {
        String sql = evaluate(query.str("query"), "text").text();
        if (sql == null) throw new PgException("22004", "query string argument of EXECUTE is null");
        if (params.isEmpty()) return sql;
        List<Value> values = new ArrayList<>();
        for (Node p : params) values.add(evaluate(p.str("query"), null));
        return Substitution.apply(sql, names -> null, n -> n >= 1 && n <= values.size()
                ? Substitution.literal(values.get(n - 1).text(), values.get(n - 1).type()) : null);
    }

    private void diagnostics(Node s) {
        for (Node item : s.list("diag_items")) {
            String kind = item.str("kind");
            String value;
            if (kind.equals("ROW_COUNT")) {
                value = Long.toString(rowCount);
            } else {
                if (caught == null) {
                    throw new PgException("0Z002", "GET STACKED DIAGNOSTICS cannot be used outside an exception handler");
                }
                value = switch (kind) {
                    case "RETURNED_SQLSTATE" -> caught.sqlState();
                    case "MESSAGE_TEXT" -> caught.getMessage();
                    case "PG_EXCEPTION_DETAIL" -> caught.detail();
                    case "PG_EXCEPTION_HINT" -> caught.hint();
                    case "PG_EXCEPTION_CONTEXT" -> caught.field('W');
                    case "COLUMN_NAME" -> caught.field('c');
                    case "CONSTRAINT_NAME" -> caught.field('n');
                    case "PG_DATATYPE_NAME" -> caught.field('d');
                    case "TABLE_NAME" -> caught.field('t');
                    case "SCHEMA_NAME" -> caught.field('s');
                    default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "GET DIAGNOSTICS " + kind + " is not supported");
                };
                if (value == null) value = "";
            }
            assign(datumName(item.num("target")), value, kind.equals("ROW_COUNT") ? "bigint" : "text");
        }
    }

    private void raise(Node s) {
        int level = (int) s.num("elog_level");
        if (!s.has("message") && !s.has("condname") && s.list("options").isEmpty()) {
            if (caught == null) {
                throw new PgException("0Z002", "RAISE without parameters cannot be used outside an exception handler");
            }
            throw caught;
        }
        String code = s.has("condname") ? Conditions.code(s.str("condname")) : null;
        String message = s.has("message") ? format(s.str("message"), s.list("params"))
                : s.has("condname") ? s.str("condname") : null;
        Map<Character, String> fields = new HashMap<>();
        for (Node option : s.list("options")) {
            String value = evaluate(option.node("expr").str("query"), "text").text();
            if (value == null) throw new PgException("22004", "RAISE statement option cannot be null");
            switch ((int) option.num("opt_type")) {
                case 0 -> code = Conditions.code(value);
                case 1 -> message = value;
                case 2 -> fields.put('D', value);
                case 3 -> fields.put('H', value);
                case 4 -> fields.put('c', value);
                case 5 -> fields.put('n', value);
                case 6 -> fields.put('d', value);
                case 7 -> fields.put('t', value);
                case 8 -> fields.put('s', value);
                default -> { }
            }
        }
        if (level >= 21) { // ERROR: RAISE EXCEPTION
            PgException e = new PgException(code == null ? "P0001" : code, message == null ? (code == null ? "P0001" : code) : message);
            for (Map.Entry<Character, String> f : fields.entrySet()) e.with(f.getKey(), f.getValue());
            throw e;
        }
        if (level < 17) return; // LOG and DEBUG do not reach the client at the default client_min_messages
        String severity = level == 17 ? "INFO" : level == 18 ? "NOTICE" : "WARNING";
        ex.notice(severity, code != null ? code : level == 19 ? "01000" : "00000", message == null ? "" : message);
    }

    /** RAISE's format: each % takes the next argument's text (NULL as {@code <NULL>}), %% is %. */
    private String format(String format, List<Node> params) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
            } else if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else {
                if (next >= params.size()) throw new PgException(SqlState.SYNTAX_ERROR, "too few parameters specified for RAISE");
                String v = evaluate(params.get(next++).str("query"), null).text();
                out.append(v == null ? "<NULL>" : v);
            }
        }
        if (next < params.size()) throw new PgException(SqlState.SYNTAX_ERROR, "too many parameters specified for RAISE");
        return out.toString();
    }
}
