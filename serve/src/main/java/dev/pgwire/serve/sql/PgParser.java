package dev.pgwire.serve.sql;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL 15's own SQL parser, through libpg_query (the parser of PostgreSQL's source built as
 * a library; Debian package {@code libpg-query1504.0}). A statement parses exactly as PostgreSQL
 * 15 parses it: the same grammar, the same syntax errors at the same positions.
 *
 * <p>The library recurses on the native stack of the calling thread (when it writes the tree
 * out), so callers parse long statements on threads with large stacks ({@link Translator} does);
 * trees nested deeper than {@link #MAX_TREE_DEPTH} are refused as PostgreSQL refuses them, with
 * 54001.
 *
 * <pre>{@code
 * List<PgParser.Statement> stmts = PgParser.parse("SELECT 1; SELECT 2");
 * stmts.get(0).tree().type();   // "SelectStmt"
 * }</pre>
 */
public final class PgParser {
    private PgParser() {}

    /** JSON nesting allowed in a parse tree: about 1 000 levels of expressions. */
    static final int MAX_TREE_DEPTH = 4_000;

    /** System property naming the libpg_query shared library to load instead of the system's. */
    public static final String LIBRARY_PROPERTY = "pgwire.libpg_query";

    /** One statement of the input: its tree and where its text lies (byte offsets of the UTF-8 input). */
    public record Statement(Node tree, int location, int length) {
    }

    @Structure.FieldOrder({"message", "funcname", "filename", "lineno", "cursorpos", "context"})
    public static final class Error extends Structure {
        public String message;
        public Pointer funcname;
        public Pointer filename;
        public int lineno;
        public int cursorpos;
        public Pointer context;

        public Error() {
        }

        Error(Pointer p) {
            super(p);
            read();
        }
    }

    @Structure.FieldOrder({"parse_tree", "stderr_buffer", "error"})
    public static final class ParseResult extends Structure implements Structure.ByValue {
        public Pointer parse_tree;
        public Pointer stderr_buffer;
        public Pointer error;
    }

    @Structure.FieldOrder({"plpgsql_funcs", "error"})
    public static final class PlpgsqlParseResult extends Structure implements Structure.ByValue {
        public Pointer plpgsql_funcs;
        public Pointer error;
    }

    interface LibPgQuery extends Library {
        ParseResult pg_query_parse(String input);

        void pg_query_free_parse_result(ParseResult result);

        PlpgsqlParseResult pg_query_parse_plpgsql(String input);

        void pg_query_free_plpgsql_parse_result(PlpgsqlParseResult result);
    }

    private static final class Holder {
        static final LibPgQuery LIB = load();
    }

    private static LibPgQuery load() {
        String path = System.getProperty(LIBRARY_PROPERTY);
        Map<String, Object> options = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");
        try {
            if (path != null && !path.isEmpty()) return Native.load(path, LibPgQuery.class, options);
            try {
                return Native.load("pg_query", LibPgQuery.class, options);
            } catch (UnsatisfiedLinkError e) {
                // the runtime package ships only the versioned name
                return Native.load("libpg_query.so.1504.0", LibPgQuery.class, options);
            }
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("PostgreSQL's parser library libpg_query is not installed"
                    + " (Debian/Ubuntu: apt-get install libpg-query1504.0; or point -D" + LIBRARY_PROPERTY
                    + " at libpg_query.so): " + e.getMessage(), e);
        }
    }

    /** Loads the library now, so that a missing one is reported at startup rather than at a first query. */
    public static void ensureAvailable() {
        Holder.LIB.hashCode();
    }

    /**
     * Parses {@code sql} into its statements. A syntax error is a PgException with PostgreSQL's
     * SQLSTATE (42601 and friends), message and 1-based character position.
     */
    public static List<Statement> parse(String sql) {
        LibPgQuery lib = Holder.LIB;
        ParseResult result = lib.pg_query_parse(sql);
        try {
            if (result.error != null) throw syntaxError(new Error(result.error));
            Object root = tree(result.parse_tree);
            List<Statement> out = new ArrayList<>();
            if (root instanceof Node r) {
                for (Node raw : r.list("stmts")) {
                    Node stmt = SelectInto.asCreateTableAs(raw.node("stmt"));
                    IntegerRecovery.apply(stmt, sql);
                    out.add(new Statement(stmt, (int) raw.num("stmt_location"), (int) raw.num("stmt_len")));
                }
            }
            return out;
        } finally {
            lib.pg_query_free_parse_result(result);
        }
    }

    /**
     * Parses the PL/pgSQL body of an inline code block (DO) into PostgreSQL's PL/pgSQL tree: the
     * {@code PLpgSQL_function} node, its {@code datums} (variables) and {@code action} (the
     * outermost block). A syntax error is 42601 with PostgreSQL's message.
     */
    public static Node parsePlpgsql(String body) {
        String tag = "$pgwire_do$";
        for (int i = 0; body.contains(tag); i++) tag = "$pgwire_do" + i + "$";
        return parsePlpgsql("CREATE FUNCTION inline_code_block() RETURNS void LANGUAGE plpgsql AS " + tag + body + tag,
                "inline_code_block", "syntax error in DO block");
    }

    /**
     * Parses a whole {@code CREATE FUNCTION … LANGUAGE plpgsql} statement's body into PostgreSQL's
     * PL/pgSQL tree, its parameters among the {@code datums} (by name and as {@code $n}). A syntax
     * error is 42601 with PostgreSQL's message, its context naming {@code name}.
     */
    public static Node parsePlpgsqlFunction(String createFunction, String name) {
        return parsePlpgsql(createFunction, name, "syntax error in PL/pgSQL function " + name);
    }

    private static Node parsePlpgsql(String createFunction, String name, String noFunction) {
        LibPgQuery lib = Holder.LIB;
        PlpgsqlParseResult result = lib.pg_query_parse_plpgsql(createFunction);
        try {
            if (result.error != null) {
                Error e = new Error(result.error);
                String message = e.message == null ? "syntax error" : e.message;
                throw new PgException(message.startsWith("unrecognized exception condition") ? "42704" : SqlState.SYNTAX_ERROR, message)
                        .with('W', "PL/pgSQL function " + name + " line " + Math.max(1, e.lineno));
            }
            Object root = tree(result.plpgsql_funcs);
            if (root instanceof List<?> functions && !functions.isEmpty() && functions.get(0) instanceof Node f) {
                return f.node("PLpgSQL_function") != null ? f.node("PLpgSQL_function") : f;
            }
            throw new PgException(SqlState.SYNTAX_ERROR, noFunction);
        } finally {
            lib.pg_query_free_plpgsql_parse_result(result);
        }
    }

    /** The JSON tree libpg_query wrote (a NUL-terminated string), read within the depth limit. */
    private static Object tree(Pointer json) {
        try {
            return ParseTreeJson.read(json.getByteArray(0, (int) json.indexOf(0, (byte) 0)), MAX_TREE_DEPTH);
        } catch (ParseTreeJson.TooDeep e) {
            throw tooDeep();
        }
    }

    static PgException tooDeep() {
        return new PgException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded")
                .withHint("Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring"
                        + " the platform's stack depth limit is adequate.");
    }

    private static PgException syntaxError(Error e) {
        String message = e.message == null ? "syntax error" : e.message;
        PgException pg = new PgException(sqlStateOf(message), message);
        if (e.cursorpos > 0) pg.withPosition(e.cursorpos);
        return pg;
    }

    /** The raw parser raises few kinds of error; each has PostgreSQL's SQLSTATE. */
    private static String sqlStateOf(String message) {
        if (message.startsWith("unsafe use of string constant with Unicode escapes")) return "22P06";
        if (message.startsWith("invalid byte sequence for encoding")) return "22021";
        if (message.contains(" is not supported") || message.contains("not implemented")) return SqlState.FEATURE_NOT_SUPPORTED;
        return SqlState.SYNTAX_ERROR;
    }
}
