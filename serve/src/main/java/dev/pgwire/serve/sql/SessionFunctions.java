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

    /**
     * Replaces the session functions of {@code tree} in place. A column default is left as it is
     * (its node given back, so not visited): it is rewritten when its DuckDB text is written
     * ({@link #inDefault}), and its PostgreSQL text keeps the calls.
     */
    static void rewrite(Node tree, SessionContext session) {
        Rewrites.replaceExpressions(tree, n -> {
            if (n.is("Constraint") && n.str("contype").equals("CONSTR_DEFAULT")
                    || n.is("AlterTableCmd") && n.str("subtype").equals("AT_ColumnDefault")) {
                return n;
            }
            if (n.is("RangeFunction")) {
                inFrom(n, session);
                return null;
            }
            if (n.bool("pgwire_keep")) return null;
            Node r = replacement(n, session);
            if (r != null) rewrite(r, session); // the arguments it kept: pg_terminate_backend(pg_backend_pid())
            return r;
        });
    }

    /**
     * A session function in FROM ({@code SELECT * FROM current_schema()}) is a one-row relation
     * with a column named after the function; the call stays in the tree for typing.
     */
    private static void inFrom(Node f, SessionContext session) {
        List<Node> functions = f.list("functions");
        if (f.has("pgwire_subquery") || f.bool("is_rowsfrom") || f.bool("ordinality") || functions.size() != 1) return;
        Node call = functions.get(0).list("items").get(0);
        if (call == null || !call.is("FuncCall")) return;
        Node r = replacement(call, session);
        if (r == null || !r.is("DuckDbSql") || !r.list("args").isEmpty()) return;
        String name = Operators.lastName(call);
        f.set("pgwire_subquery", "SELECT " + r.str("sql") + " AS " + SqlWriter.quoteIdent(name));
        f.set("pgwire_name", name);
        f.set("pgwire_single", true); // one column: an alias without column names names it too
        call.set("pgwire_keep", true);
    }

    /**
     * The session functions of column default {@code expr} (the target of {@code holder}): who and
     * where the session is — current_user, session_user, current_schema — read from the DuckDB
     * variables serve keeps up to date on each session's connection ({@code EngineSettings}), so a
     * row takes the values of the session that writes it, not of the one that made the table; the
     * others as in a query.
     */
    static void inDefault(Node holder, SessionContext session) {
        Rewrites.replaceExpressions(holder, n -> {
            String variable = null;
            if (n.is("SQLValueFunction")) {
                variable = switch (n.str("op")) {
                    case "SVFOP_CURRENT_ROLE", "SVFOP_CURRENT_USER", "SVFOP_USER" -> "pgwire_current_user";
                    case "SVFOP_SESSION_USER" -> "pgwire_session_user";
                    case "SVFOP_CURRENT_SCHEMA" -> "pgwire_current_schema";
                    default -> null;
                };
            } else if (n.is("FuncCall") && n.node("over") == null && n.list("args").isEmpty()) {
                List<String> names = n.names("funcname");
                boolean builtin = names.size() == 1 || names.size() == 2 && names.get(0).equals("pg_catalog");
                variable = !builtin ? null : switch (names.get(names.size() - 1)) {
                    case "current_user" -> "pgwire_current_user";
                    case "session_user" -> "pgwire_session_user";
                    case "current_schema" -> "pgwire_current_schema";
                    default -> null;
                };
            }
            return variable == null ? null : Expressions.duckDb("CAST(getvariable('" + variable + "') AS VARCHAR)").set("pgType", "name");
        });
        rewrite(holder, session);
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
            case "pg_notify" -> args.size() == 2
                    ? Expressions.duckDb("CASE WHEN pgwire_notify(" + s.backendPid()
                            + ", CAST({0} AS VARCHAR), CAST({1} AS VARCHAR)) THEN '' END", args.get(0), args.get(1)).set("pgType", "void")
                    : null;
            case "pg_listening_channels" -> args.isEmpty()
                    ? Expressions.duckDb("unnest(CAST(CAST(pgwire_listening_channels(" + s.backendPid() + ") AS JSON) AS VARCHAR[]))")
                            .set("pgType", "text")
                    : null;
            case "pg_cancel_backend" -> args.size() == 1 ? signal(s, args.get(0), false) : null;
            case "pg_terminate_backend" -> args.size() == 1 || args.size() == 2 ? terminate(s, args) : null;
            default -> ADVISORY.containsKey(names.get(names.size() - 1)) ? advisory(names.get(names.size() - 1), args, s) : null;
        };
    }

    /** pg_cancel_backend(pid), pg_terminate_backend(pid): serve's signal to the session with that process id. */
    private static Node signal(SessionContext s, Node pid, boolean terminate) {
        return Expressions.duckDb("pgwire_signal_backend(" + s.backendPid() + ", CAST({0} AS INTEGER), " + terminate + ")", pid)
                .set("pgType", "bool");
    }

    /** pg_terminate_backend(pid [, timeout]): the session ends at once, so there is nothing to wait for. */
    private static Node terminate(SessionContext s, List<Node> args) {
        if (args.size() == 1) return signal(s, args.get(0), true);
        return Expressions.duckDb("CASE WHEN CAST({1} AS BIGINT) < 0 THEN error('[pgwire:22003] \"timeout\" must not be negative')"
                + " ELSE pgwire_signal_backend(" + s.backendPid() + ", CAST({0} AS INTEGER), true) END", args.get(0), args.get(1))
                .set("pgType", "bool");
    }

    /**
     * The advisory lock functions as calls of serve's lock table with the session's process id:
     * one bigint key, or two integer keys (kept apart from bigint keys, as PostgreSQL does).
     */
    /** Each advisory lock function as the operation serve's lock table performs. */
    private static final java.util.Map<String, String> ADVISORY = java.util.Map.ofEntries(
            java.util.Map.entry("pg_advisory_lock", "lock"), java.util.Map.entry("pg_advisory_lock_shared", "lock_shared"),
            java.util.Map.entry("pg_advisory_xact_lock", "xact_lock"),
            java.util.Map.entry("pg_advisory_xact_lock_shared", "xact_lock_shared"),
            java.util.Map.entry("pg_try_advisory_lock", "try"), java.util.Map.entry("pg_try_advisory_lock_shared", "try_shared"),
            java.util.Map.entry("pg_try_advisory_xact_lock", "try_xact"),
            java.util.Map.entry("pg_try_advisory_xact_lock_shared", "try_xact_shared"),
            java.util.Map.entry("pg_advisory_unlock", "unlock"), java.util.Map.entry("pg_advisory_unlock_shared", "unlock_shared"),
            java.util.Map.entry("pg_advisory_unlock_all", "unlock_all"));

    private static Node advisory(String function, List<Node> args, SessionContext s) {
        String op = ADVISORY.get(function);
        boolean all = op.equals("unlock_all");
        if (all ? !args.isEmpty() : args.size() != 1 && args.size() != 2) return null;
        String key = all ? "NULL" : args.size() == 1 ? "CAST({0} AS BIGINT)"
                : "((CAST(CAST({0} AS INTEGER) AS BIGINT) << 32) | (CAST(CAST({1} AS INTEGER) AS BIGINT) & 4294967295))";
        String call = "pgwire_advisory('" + op + "', " + s.backendPid() + ", " + (args.size() == 2 ? 2 : 1) + ", " + key + ")";
        boolean returnsVoid = all || !op.startsWith("try") && !op.startsWith("unlock");
        Node n = Expressions.duckDb(returnsVoid ? "CASE WHEN " + call + " THEN '' END" : call, args.toArray(new Node[0]));
        return n.set("pgType", returnsVoid ? "void" : "bool");
    }

    private static Node text(String value, String pgType) {
        String sql = value == null ? "CAST(NULL AS VARCHAR)" : "CAST(" + SqlWriter.quoteLiteral(value) + " AS VARCHAR)";
        return Expressions.duckDb(sql).set("pgType", pgType);
    }

    private static Node schemas(Node arg, SessionContext s) {
        Boolean implicit = booleanConstant(arg);
        if (implicit == null) return null;
        List<String> quoted = new ArrayList<>();
        for (String schema : s.currentSchemas(implicit)) quoted.add(SqlWriter.quoteLiteral(schema));
        return Expressions.duckDb("CAST([" + String.join(", ", quoted) + "] AS VARCHAR[])").set("pgType", "_name");
    }

    private static Node setting(List<Node> args, SessionContext s) {
        String name = Operators.stringConstant(args.get(0));
        if (name == null || args.size() == 2 && booleanConstant(args.get(1)) == null) {
            Node n = args.size() == 2
                    ? Expressions.duckDb("pgwire_current_setting(" + s.backendPid() + ", CAST({0} AS VARCHAR), CAST({1} AS BOOLEAN))",
                            args.get(0), args.get(1))
                    : Expressions.duckDb("pgwire_current_setting(" + s.backendPid() + ", CAST({0} AS VARCHAR), false)", args.get(0));
            return n.set("pgType", "text");
        }
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
        if (name == null || local == null || (value == null && !(args.get(1).is("A_Const") && args.get(1).bool("isnull")))) {
            // known only when the statement runs (a parameter, a column): the session's setting is changed then
            return Expressions.duckDb("pgwire_set_config(" + s.backendPid()
                    + ", CAST({0} AS VARCHAR), CAST({1} AS VARCHAR), CAST({2} AS BOOLEAN))", args.get(0), args.get(1), args.get(2))
                    .set("pgType", "text");
        }
        return text(s.setConfig(name, value, local), "text");
    }

    static Boolean booleanConstant(Node n) {
        if (n.is("A_Const") && n.has("boolval")) return n.node("boolval").bool("boolval");
        if (n.is("A_Const") && n.has("ival")) return n.node("ival").num("ival") != 0;
        String text = Operators.stringConstant(n);
        return text == null ? null : Booleans.parse(text);
    }
}
