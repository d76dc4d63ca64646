package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's session functions answered as constants of the statement: who is connected
 * ({@code current_user}, {@code session_user}), where ({@code current_database()},
 * {@code current_schema}), the server ({@code version()}, {@code pg_backend_pid()}) and the
 * session's settings ({@code current_setting}). DuckDB has functions of some of these names with
 * its own answers; PostgreSQL clients must see PostgreSQL's.
 */
final class SessionFunctions {
    private SessionFunctions() {}

    /** Replaces the session functions of {@code tree} in place. */
    static void rewrite(Node tree, SessionContext session) {
        Rewrites.replaceExpressions(tree, n -> replacement(n, session));
    }

    private static Node replacement(Node n, SessionContext s) {
        if (n.is("SQLValueFunction")) {
            return switch (n.str("op")) {
                case "SVFOP_CURRENT_ROLE", "SVFOP_CURRENT_USER", "SVFOP_USER" -> text(s.user(), "name");
                case "SVFOP_SESSION_USER" -> text(s.sessionUser(), "name");
                case "SVFOP_CURRENT_CATALOG" -> text(s.database(), "name");
                case "SVFOP_CURRENT_SCHEMA" -> text(s.currentSchema(), "name");
                default -> null;
            };
        }
        if (!n.is("FuncCall") || n.node("over") != null) return null;
        List<String> names = n.names("funcname");
        if (names.size() > 2 || (names.size() == 2 && !names.get(0).equals("pg_catalog"))) return null;
        List<Node> args = n.list("args");
        return switch (names.get(names.size() - 1)) {
            case "version" -> args.isEmpty() ? text(s.versionText(), "text") : null;
            case "current_database" -> args.isEmpty() ? text(s.database(), "name") : null;
            case "current_schema" -> args.isEmpty() ? text(s.currentSchema(), "name") : null;
            case "current_user" -> args.isEmpty() ? text(s.user(), "name") : null;
            case "session_user" -> args.isEmpty() ? text(s.sessionUser(), "name") : null;
            case "pg_backend_pid" -> args.isEmpty() ? Expressions.duckDb("CAST(" + s.backendPid() + " AS INTEGER)") : null;
            case "current_schemas" -> args.size() == 1 ? schemas(args.get(0), s) : null;
            case "current_setting" -> args.size() == 1 || args.size() == 2 ? setting(args, s) : null;
            case "set_config" -> args.size() == 3 ? setConfig(args, s) : null;
            default -> null;
        };
    }

    private static Node text(String value, String pgType) {
        if (value == null) return Expressions.duckDb("CAST(NULL AS VARCHAR)");
        return Expressions.duckDb("CAST(" + SqlWriter.quoteLiteral(value) + " AS VARCHAR)");
    }

    private static Node schemas(Node arg, SessionContext s) {
        Boolean implicit = booleanConstant(arg);
        if (implicit == null) return null;
        List<String> quoted = new ArrayList<>();
        for (String schema : s.currentSchemas(implicit)) quoted.add(SqlWriter.quoteLiteral(schema));
        return Expressions.duckDb("CAST([" + String.join(", ", quoted) + "] AS VARCHAR[])");
    }

    private static Node setting(List<Node> args, SessionContext s) {
        String name = Operators.stringConstant(args.get(0));
        if (name == null) return null;
        boolean missingOk = args.size() == 2 && Boolean.TRUE.equals(booleanConstant(args.get(1)));
        String value = s.setting(name);
        if (value == null) {
            if (missingOk) return Expressions.duckDb("CAST(NULL AS VARCHAR)");
            throw new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }
        return text(value, "text");
    }

    /** set_config with constant arguments takes effect as the statement is translated, as SET would. */
    private static Node setConfig(List<Node> args, SessionContext s) {
        String name = Operators.stringConstant(args.get(0));
        String value = Operators.stringConstant(args.get(1));
        Boolean local = booleanConstant(args.get(2));
        if (name == null || local == null || (value == null && !(args.get(1).is("A_Const") && args.get(1).bool("isnull")))) return null;
        return text(s.setConfig(name, value, local), "text");
    }

    static Boolean booleanConstant(Node n) {
        if (n.is("A_Const") && n.has("boolval")) return n.node("boolval").bool("boolval");
        if (n.is("A_Const") && n.has("ival")) return n.node("ival").num("ival") != 0;
        String text = Operators.stringConstant(n);
        return text == null ? null : Booleans.parse(text);
    }
}
