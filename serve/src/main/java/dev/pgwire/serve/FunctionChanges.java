package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.sql.FunctionMeta;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SqlNames;
import dev.pgwire.serve.sql.Translation;

import java.util.ArrayList;
import java.util.List;

/**
 * DROP FUNCTION and COMMENT ON FUNCTION of SQL functions, which serve keeps as DuckDB macros: a
 * scalar function is a macro, a set-returning one a table macro, and DuckDB drops (or comments on)
 * each only by its own kind. Which one a name is comes from DuckDB's catalog; a missing function
 * is PostgreSQL's 42883 (a notice with DROP … IF EXISTS).
 */
final class FunctionChanges {
    private FunctionChanges() {}

    /** A function's macro: its schema, its kind ({@code macro} or {@code table_macro}) and its comment (serve's record). */
    private record Macro(String schema, String kind, String comment) {
        String qualified(String name) {
            return "MACRO " + (kind.equals("table_macro") ? "TABLE " : "") + SqlNames.quote(schema) + "." + SqlNames.quote(name);
        }
    }

    /**
     * The macro of the function {@code object} (an ObjectWithArgs) names, or null when there is
     * none (of those argument types, when they are given).
     */
    private static Macro macro(Node object, DuckDbStatementRunner runner) {
        List<String> name = object.names("objname");
        String function = name.get(name.size() - 1);
        String schema = name.size() > 1 ? name.get(name.size() - 2) : null;
        List<Macro> found = runner.query("SELECT schema_name, function_type, comment FROM duckdb_functions() WHERE function_name = ?"
                + " AND (? IS NULL OR schema_name = ?) AND function_type IN ('macro', 'table_macro')"
                + " AND database_name = current_database() AND NOT internal LIMIT 1", ps -> {
                    ps.setString(1, function);
                    ps.setString(2, schema);
                    ps.setString(3, schema);
                }, rs -> new Macro(rs.getString(1), rs.getString(2), rs.getString(3)));
        // a signature given (DROP FUNCTION f(text)) names the function only if its arguments are those types
        return found.isEmpty() || !sameArguments(object, found.get(0).comment()) ? null : found.get(0);
    }

    /** PostgreSQL's 42883 for the function {@code object} names. */
    private static PgException missing(Node object) {
        List<String> name = object.names("objname");
        return new PgException("42883", "function " + String.join(".", name)
                + (object.bool("args_unspecified") ? "" : "(" + String.join(", ", argumentTypes(object)) + ")") + " does not exist");
    }

    /**
     * The DuckDB statement of a COMMENT ON FUNCTION {@code tree} is: the description joins serve's
     * record of the function in its macro's comment. Null for any other statement.
     */
    static String comment(Node tree, DuckDbStatementRunner runner) {
        if (tree == null || !tree.is("CommentStmt") || !tree.str("objtype").equals("OBJECT_FUNCTION")) return null;
        Node object = tree.node("object");
        Macro m = macro(object, runner);
        FunctionMeta meta = m == null || m.comment() == null ? null : FunctionMeta.read(m.comment());
        if (meta == null) throw missing(object);
        String text = tree.has("comment") && !tree.str("comment").isEmpty() ? tree.str("comment") : null; // '' drops it
        List<String> name = object.names("objname");
        return "COMMENT ON " + m.qualified(name.get(name.size() - 1)) + " IS " + SqlNames.literal(meta.withDescription(text).write());
    }

    /**
     * The DuckDB script dropping the functions of {@code t}, or null when {@code t} is no DROP
     * FUNCTION; with IF EXISTS, PostgreSQL's NOTICE for each function not there goes to {@code notices}.
     */
    static String script(Translation t, DuckDbStatementRunner runner, java.util.function.Consumer<String> notices) {
        Node tree = t.tree();
        if (tree == null || !tree.is("DropStmt") || !tree.str("removeType").equals("OBJECT_FUNCTION")) return null;
        boolean ifExists = tree.bool("missing_ok");
        List<String> script = new ArrayList<>();
        for (Node object : tree.list("objects")) {
            List<String> name = object.names("objname");
            String schema = name.size() > 1 ? name.get(name.size() - 2) : null;
            Macro macro = macro(object, runner);
            if (macro == null) {
                if (ifExists) {
                    notices.accept(schema != null && runner.queryValue("SELECT 1 FROM duckdb_schemas()"
                            + " WHERE database_name = current_database() AND schema_name = ?", schema) == null
                            ? "schema \"" + schema + "\" does not exist, skipping"
                            : "function " + String.join(".", name) + "(" + String.join(",", writtenTypes(object)) + ") does not exist, skipping");
                    continue;
                }
                throw missing(object);
            }
            script.add("DROP " + macro.qualified(name.get(name.size() - 1)));
        }
        if (script.isEmpty()) return "";
        // DROP … CASCADE: the views calling the functions, which the translation drops first (DdlDrops)
        List<String> views = new ArrayList<>();
        for (String statement : dev.pgwire.server.SqlSplitter.split(t.duckDbSql())) {
            if (statement.strip().startsWith("DROP VIEW") || statement.strip().startsWith("DROP TABLE")) views.add(statement);
        }
        views.addAll(script);
        return String.join(";\n", views);
    }

    /** Whether a DROP's argument types (when it gives them) are those of the function whose macro has {@code comment}. */
    private static boolean sameArguments(Node object, String comment) {
        if (object.bool("args_unspecified")) return true;
        FunctionMeta meta = comment == null ? null : FunctionMeta.read(comment);
        if (meta == null) return true; // a macro of DuckDB's own making: its name is all there is
        List<Node> given = object.list("objargs");
        if (given.size() != meta.args().size()) return false;
        for (int i = 0; i < given.size(); i++) {
            PgTypeName want = PgTypeName.of(given.get(i));
            PgTypeName have = meta.args().get(i).type();
            if (!want.name().equals(have.name()) || want.dimensions() != have.dimensions()) return false;
        }
        return true;
    }

    /** The argument types as PostgreSQL's IF EXISTS notice names them: as parsed (pg_catalog.int4), without modifiers. */
    private static List<String> writtenTypes(Node object) {
        List<String> out = new ArrayList<>();
        for (Node type : object.list("objargs")) {
            out.add(String.join(".", type.names("names")) + "[]".repeat(type.list("arrayBounds").size()));
        }
        return out;
    }

    private static List<String> argumentTypes(Node object) {
        List<String> out = new ArrayList<>();
        for (Node type : object.list("objargs")) {
            List<String> names = type.names("names");
            String n = names.get(names.size() - 1);
            out.add(switch (n) {
                case "int4" -> "integer";
                case "int8" -> "bigint";
                case "int2" -> "smallint";
                case "bool" -> "boolean";
                case "float8" -> "double precision";
                case "varchar" -> "character varying";
                default -> n;
            } + "[]".repeat(type.list("arrayBounds").size()));
        }
        return out;
    }
}
