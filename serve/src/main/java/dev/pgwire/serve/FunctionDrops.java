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
 * DROP FUNCTION of SQL functions, which serve keeps as DuckDB macros: a scalar function is a
 * macro, a set-returning one a table macro, and DuckDB drops each only by its own kind. Which one
 * a name is comes from DuckDB's catalog; a missing function is PostgreSQL's 42883 (a notice with IF
 * EXISTS).
 */
final class FunctionDrops {
    private FunctionDrops() {}

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
            String function = name.get(name.size() - 1);
            String schema = name.size() > 1 ? name.get(name.size() - 2) : null;
            List<String[]> found = runner.query("SELECT function_type, comment FROM duckdb_functions() WHERE function_name = ?"
                    + " AND (? IS NULL OR schema_name = ?) AND function_type IN ('macro', 'table_macro')"
                    + " AND database_name = current_database() AND NOT internal LIMIT 1", ps -> {
                        ps.setString(1, function);
                        ps.setString(2, schema);
                        ps.setString(3, schema);
                    }, rs -> new String[] {rs.getString(1), rs.getString(2)});
            // a signature given (DROP FUNCTION f(text)) names the function only if its arguments are those types
            String kind = found.isEmpty() || !sameArguments(object, found.get(0)[1]) ? null : found.get(0)[0];
            String qualified = (schema == null ? "" : SqlNames.quote(schema) + ".") + SqlNames.quote(function);
            if (kind == null) {
                if (ifExists) {
                    notices.accept(schema != null && runner.queryValue("SELECT 1 FROM duckdb_schemas()"
                            + " WHERE database_name = current_database() AND schema_name = ?", schema) == null
                            ? "schema \"" + schema + "\" does not exist, skipping"
                            : "function " + String.join(".", name) + "(" + String.join(",", writtenTypes(object)) + ") does not exist, skipping");
                    continue;
                }
                throw new PgException("42883", "function " + (schema == null ? "" : schema + ".") + function
                        + (object.bool("args_unspecified") ? "" : "(" + String.join(", ", argumentTypes(object)) + ")") + " does not exist");
            }
            script.add("DROP MACRO " + (kind.equals("table_macro") ? "TABLE " : "") + qualified);
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
