package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.ResultSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SET, RESET, SHOW and DISCARD from their parse trees, as PostgreSQL runs them. Parameters
 * PostgreSQL clients set (client_encoding, DateStyle, TimeZone, extra_float_digits, …) live in
 * {@link SessionParameters}; DuckDB's own settings are the operator's (42501); other names are
 * 42704, as in PostgreSQL.
 */
final class ParameterCommands {

    private final SessionParameters params;
    private final DuckDbStatementRunner runner;
    private final SessionRoles roles;

    ParameterCommands(SessionParameters params, DuckDbStatementRunner runner, SessionRoles roles) {
        this.params = params;
        this.runner = runner;
        this.roles = roles;
    }

    /** Whether a statement has run in the session's transaction block: its isolation and read-write mode are then fixed. */
    private java.util.function.BooleanSupplier queried = () -> false;

    void queried(java.util.function.BooleanSupplier queried) {
        this.queried = queried;
    }

    // ---------------------------------------------------------------- SET and RESET

    /** A VariableSetStmt: SET, SET LOCAL, SET TRANSACTION, RESET, RESET ALL. */
    void set(Node stmt, ResultSink sink, boolean inTransactionBlock) {
        String kind = stmt.str("kind");
        String name = stmt.str("name");
        boolean local = stmt.bool("is_local");
        switch (kind) {
            case "VAR_RESET_ALL" -> {
                params.resetAll();
                sink.complete("RESET");
                return;
            }
            case "VAR_RESET" -> {
                reset(name);
                sink.complete("RESET");
                return;
            }
            case "VAR_SET_MULTI" -> {
                multi(name, stmt.list("args"), sink, inTransactionBlock);
                return;
            }
            case "VAR_SET_CURRENT" -> {
                sink.complete("SET"); // SET … FROM CURRENT keeps the value it has
                return;
            }
            default -> { }
        }
        if (local && !inTransactionBlock) {
            warn(sink, SqlState.NO_ACTIVE_SQL_TRANSACTION, "SET LOCAL can only be used in transaction blocks");
            sink.complete("SET");
            return;
        }
        String value = kind.equals("VAR_SET_DEFAULT") ? null : value(name, stmt.list("args"));
        switch (name) {
            case "role" -> roles.setRole(value, local);
            case "session_authorization" -> roles.setSessionAuthorization(value, local);
            default -> assign(name, value, local);
        }
        sink.complete("SET");
    }

    private void assign(String name, String value, boolean local) {
        if (params.key(name) != null) {
            params.set(name, value, local);
        } else if (isDuckDbSetting(name)) {
            throw engineSetting(name);
        } else {
            throw SessionParameters.unrecognized(name);
        }
    }

    private void reset(String name) {
        switch (name) {
            case "role" -> roles.setRole(null, false);
            case "session_authorization" -> roles.setSessionAuthorization(null, false);
            default -> {
                if (params.key(name) != null) params.reset(name);
                else if (isDuckDbSetting(name)) throw engineSetting(name);
                else throw SessionParameters.unrecognized(name);
            }
        }
    }

    /** SET TRANSACTION … and SET SESSION CHARACTERISTICS AS TRANSACTION …. */
    private void multi(String what, List<Node> options, ResultSink sink, boolean inTransactionBlock) {
        boolean session = what.equals("SESSION CHARACTERISTICS");
        if (!session && !what.equals("TRANSACTION")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "SET " + what + " is not supported");
        }
        if (!session && !inTransactionBlock) {
            warn(sink, SqlState.NO_ACTIVE_SQL_TRANSACTION, "SET TRANSACTION can only be used in transaction blocks");
            sink.complete("SET");
            return;
        }
        transactionOptions(options, session ? "default_" : "", !session);
        sink.complete("SET");
    }

    /**
     * The options of BEGIN, START TRANSACTION, SET TRANSACTION (prefix "") or SET SESSION
     * CHARACTERISTICS (prefix "default_"): isolation level, read only, deferrable.
     */
    void transactionOptions(List<Node> options, String prefix, boolean local) {
        for (Node o : options) {
            Node arg = o.node("arg");
            String value = arg == null ? "" : constantText(arg);
            if (prefix.isEmpty() && queried.getAsBoolean()) {
                // PostgreSQL's check_XactIsoLevel and check_transaction_read_only: after the first query, too late
                if (o.str("defname").equals("transaction_isolation") && !value.equalsIgnoreCase(params.get("transaction_isolation"))) {
                    throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, "SET TRANSACTION ISOLATION LEVEL must be called before any query");
                }
                if (o.str("defname").equals("transaction_read_only") && !truthy(value) && "on".equals(params.get("transaction_read_only"))) {
                    throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, "transaction read-write mode must be set before any query");
                }
            }
            switch (o.str("defname")) {
                case "transaction_isolation" -> params.set(prefix + "transaction_isolation", value, local);
                case "transaction_read_only" -> params.set(prefix + "transaction_read_only", truthy(value) ? "on" : "off", local);
                case "transaction_deferrable" -> params.set(prefix + "transaction_deferrable", truthy(value) ? "on" : "off", local);
                default -> throw new PgException(SqlState.SYNTAX_ERROR, "unrecognized transaction option \"" + o.str("defname") + "\"");
            }
        }
    }

    private static boolean truthy(String v) {
        return v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on");
    }

    /** The value of SET's arguments, flattened as PostgreSQL flattens them for the parameter. */
    private static String value(String name, List<Node> args) {
        if (name.equals("timezone") && args.size() == 1) {
            Node a = args.get(0);
            if (a.is("TypeCast")) return fixedZone(intervalSeconds(a), a);
            // a number, also one written as a string ('+03'), is hours east of Greenwich (check_timezone's strtod)
            boolean number = a.is("A_Const") && (a.has("ival") || a.has("fval")
                    || a.has("sval") && a.node("sval").str("sval").stripLeading().matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?"));
            if (number) {
                double hours = Double.parseDouble(constantText(a).strip());
                return fixedZone(Math.round(hours * 3600), a);
            }
        }
        List<String> values = new ArrayList<>();
        for (Node a : args) {
            String v = constantText(a);
            if (name.equals("search_path") && !v.matches("[a-z_][a-z0-9_$]*") && !v.equals("$user")) {
                v = "\"" + v.replace("\"", "\"\"") + "\"";
            } else if (name.equals("search_path") && v.equals("$user")) {
                v = "\"$user\"";
            }
            values.add(v);
        }
        return String.join(", ", values);
    }

    /** A constant of SET's grammar as text: a string, a number, a boolean. */
    private static String constantText(Node n) {
        if (n.is("TypeCast")) return constantText(n.node("arg"));
        if (n.is("A_Const")) {
            if (n.has("sval")) return n.node("sval").str("sval");
            if (n.has("ival")) return Long.toString(n.node("ival").num("ival"));
            if (n.has("fval")) return n.node("fval").str("fval");
            if (n.has("boolval")) return n.node("boolval").bool("boolval") ? "on" : "off";
            return "0";
        }
        if (n.is("Integer")) return Long.toString(n.num("ival"));
        if (n.is("String")) return n.str("sval");
        throw new PgException(SqlState.SYNTAX_ERROR, "syntax error in SET value");
    }

    /** SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE: the interval's seconds east of Greenwich. */
    private static long intervalSeconds(Node cast) {
        String text = constantText(cast).trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([+-]?)(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?").matcher(text);
        if (!m.matches()) throw Guc.invalidValue("TimeZone", text);
        long seconds = Long.parseLong(m.group(2)) * 3600 + (m.group(3) == null ? 0 : Long.parseLong(m.group(3)) * 60)
                + (m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
        return m.group(1).equals("-") ? -seconds : seconds;
    }

    /** PostgreSQL's name for a fixed offset: {@code <+05:30>-05:30} for 5½ hours east of Greenwich. */
    static String fixedZone(long eastSeconds, Node at) {
        return fixedZone(eastSeconds, constantText(at));
    }

    /** As {@link #fixedZone(long, Node)}, for the value as given ({@code text}, for the error). */
    static String fixedZone(long eastSeconds, String text) {
        long abs = Math.abs(eastSeconds);
        if (abs > 14 * 3600 + 59 * 60) throw Guc.invalidValue("TimeZone", text);
        StringBuilder offset = new StringBuilder(String.format("%02d", abs / 3600));
        abs %= 3600;
        if (abs != 0) {
            offset.append(String.format(":%02d", abs / 60));
            abs %= 60;
            if (abs != 0) offset.append(String.format(":%02d", abs));
        }
        return eastSeconds < 0 ? "<-" + offset + ">+" + offset : "<+" + offset + ">-" + offset;
    }

    /** The engine's own settings act on every session of the database: the operator's, as superuser-only parameters. */
    private static PgException engineSetting(String name) {
        return new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set parameter \"" + name + "\"");
    }

    // ---------------------------------------------------------------- SHOW

    void show(Node stmt, ResultSink sink) {
        String name = stmt.str("name");
        if (name.equals("all")) {
            sink.describeColumns(List.of(Column.text("name"), Column.text("setting"), Column.text("description")));
            for (String[] r : params.all()) sink.row().text(r[0]).text(r[1]).text(r[2]).end();
            sink.complete("SHOW");
            return;
        }
        String key = params.key(name);
        if (key != null && params.get(key) != null) {
            showValue(sink, key, params.get(key));
            return;
        }
        String[] server = dev.pgwire.serve.catalog.ServerSettings.shown(name);
        if (server != null) { // a setting of the server's that a session does not change (max_connections, shared_buffers)
            showValue(sink, server[0], server[1]);
            return;
        }
        // DuckDB's own settings (paths, memory, threads: the operator's business) are shown to superusers only
        if (!name.contains(".") && roles.isSuperuser() && isDuckDbSetting(name)) {
            showValue(sink, name.toLowerCase(Locale.ROOT), runner.queryValue("SELECT current_setting(?)::VARCHAR", name));
            return;
        }
        throw SessionParameters.unrecognized(name);
    }

    private static void showValue(ResultSink sink, String columnName, String value) {
        sink.describeColumns(List.of(Column.text(columnName)));
        sink.row().text(value == null ? "" : value).end();
        sink.complete("SHOW");
    }

    // ---------------------------------------------------------------- DISCARD

    /** DISCARD ALL resets parameters (the session also drops its temporary objects and prepared statements). */
    String discard(Node stmt, boolean inTransactionBlock) {
        String target = stmt.str("target");
        switch (target) {
            case "DISCARD_ALL" -> {
                if (inTransactionBlock) {
                    throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, "DISCARD ALL cannot run inside a transaction block");
                }
                roles.setSessionAuthorization(null, false);
                params.resetAll();
                return "DISCARD ALL";
            }
            case "DISCARD_PLANS" -> {
                return "DISCARD PLANS";
            }
            case "DISCARD_SEQUENCES" -> {
                return "DISCARD SEQUENCES";
            }
            default -> {
                return "DISCARD TEMP";
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private boolean isDuckDbSetting(String name) {
        String found = runner.queryValue("SELECT name FROM duckdb_settings() WHERE lower(name) = lower(?)", name);
        return found != null;
    }

    private void warn(ResultSink sink, String sqlState, String message) {
        if (params.sendsToClient("WARNING")) sink.notice("WARNING", sqlState, message);
    }
}
