package dev.pgwire.serve;

import dev.pgwire.serve.sql.StatementInfo;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.SqlLexer.Kind;
import dev.pgwire.serve.sql.SqlLexer.Token;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.ResultSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SET, RESET, SHOW and DISCARD as PostgreSQL clients send them. Parameters PostgreSQL clients set
 * (client_encoding, DateStyle, TimeZone, extra_float_digits…) live in {@link SessionParameters};
 * names only DuckDB knows ({@code threads}, {@code memory_limit}) go to DuckDB; other names are
 * 42704, as in PostgreSQL.
 */
final class ParameterCommands {

    /** Runs a statement on DuckDB and completes the sink (the session's normal path). */
    @FunctionalInterface
    interface DuckDbPassThrough {
        void run(String sql, ResultSink sink);
    }

    private final SessionParameters params;
    private final DuckDbStatementRunner runner;

    ParameterCommands(SessionParameters params, DuckDbStatementRunner runner) {
        this.params = params;
        this.runner = runner;
    }

    // ---------------------------------------------------------------- SET

    void set(String sql, ResultSink sink, boolean inTransactionBlock) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.next(); // SET
        Token t = lexer.next();
        boolean local = false;
        if (t.isWord("LOCAL")) { local = true; t = lexer.next(); }
        else if (t.isWord("SESSION")) {
            Token after = lexer.next();
            if (after.isWord("CHARACTERISTICS")) { sessionCharacteristics(lexer, sink); return; }
            if (after.isWord("AUTHORIZATION")) throw unsupported("SET SESSION AUTHORIZATION");
            t = after;
        }
        if (t.isWord("TRANSACTION")) {
            if (!inTransactionBlock) warn(sink, SqlState.NO_ACTIVE_SQL_TRANSACTION, "SET TRANSACTION can only be used in transaction blocks");
            sink.complete("SET");
            return;
        }
        if (t.isWord("ROLE")) throw unsupported("SET ROLE");
        String name;
        String value;
        if (t.isWord("TIME") && lexer.peek().isWord("ZONE")) {
            lexer.next();
            name = "TimeZone";
            Token v = lexer.next();
            // numeric and INTERVAL zones are offsets with PostgreSQL's POSIX sign rules; not supported
            if (v.kind() == Kind.NUMBER || v.isOp('-') || v.isOp('+') || v.isWord("INTERVAL")) throw Guc.invalidValue("TimeZone", v.raw());
            value = v.isWord("LOCAL") || v.isWord("DEFAULT") ? null : valueOf(v, lexer);
        } else if (t.isWord("NAMES")) {
            name = "client_encoding";
            Token v = lexer.next();
            value = v.kind() == Kind.END || v.isWord("DEFAULT") ? null : valueOf(v, lexer);
        } else if (t.isWord("SCHEMA")) {
            name = "search_path";
            value = valueOf(lexer.next(), lexer);
        } else {
            name = parameterName(t, lexer);
            Token eq = lexer.next();
            if (!eq.isWord("TO") && !eq.isOp('=')) throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + eq.raw() + "\"");
            value = valueList(lexer, name.equalsIgnoreCase("search_path"));
        }
        if (local && !inTransactionBlock) {
            warn(sink, SqlState.NO_ACTIVE_SQL_TRANSACTION, "SET LOCAL can only be used in transaction blocks");
            sink.complete("SET");
            return;
        }
        if (params.key(name) != null) {
            params.set(name, value, local);
            sink.complete("SET");
            return;
        }
        if (isDuckDbSetting(name)) throw engineSetting(name);
        throw SessionParameters.unrecognized(name);
    }

    /**
     * The engine's own settings (memory, threads, file and extension access) are the operator's:
     * they act on every session of the database, as PostgreSQL's superuser-only parameters do.
     */
    private static PgException engineSetting(String name) {
        return new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set parameter \"" + name + "\"");
    }

    /** SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL … sets default_transaction_isolation. */
    private void sessionCharacteristics(SqlLexer lexer, ResultSink sink) {
        List<String> words = new ArrayList<>();
        for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) words.add(t.text());
        String all = String.join(" ", words);
        int level = all.indexOf("ISOLATION LEVEL ");
        if (level >= 0) {
            String rest = all.substring(level + "ISOLATION LEVEL ".length()).replace(",", " ").trim();
            for (String iso : new String[] {"READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"}) {
                if (rest.startsWith(iso)) params.set("default_transaction_isolation", iso.toLowerCase(Locale.ROOT), false);
            }
        }
        if (all.contains("READ ONLY")) {
            params.set("default_transaction_read_only", "on", false); // refused: read-only is not enforced
        }
        sink.complete("SET");
    }

    // ---------------------------------------------------------------- RESET

    void reset(String sql, ResultSink sink) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.next(); // RESET
        Token t = lexer.next();
        if (t.isWord("ALL")) {
            params.resetAll();
        } else if (t.isWord("TIME")) {
            params.reset("TimeZone");
        } else if (t.isWord("SESSION") || t.isWord("ROLE")) {
            // SESSION AUTHORIZATION and ROLE never change here
        } else {
            String name = parameterName(t, lexer);
            if (params.key(name) != null) {
                params.reset(name);
            } else if (isDuckDbSetting(name)) {
                throw engineSetting(name);
            } else {
                throw SessionParameters.unrecognized(name);
            }
        }
        sink.complete("RESET");
    }

    // ---------------------------------------------------------------- SHOW

    void show(String sql, ResultSink sink, DuckDbPassThrough duckDb) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.next(); // SHOW
        Token t = lexer.next();
        Token after = lexer.next();
        if (t.isWord("ALL") && after.kind() == Kind.END) {
            sink.describeColumns(List.of(Column.text("name"), Column.text("setting"), Column.text("description")));
            List<String[]> rows = params.all();
            for (String[] r : rows) sink.row().text(r[0]).text(r[1]).text(r[2]).end();
            sink.complete("SHOW");
            return;
        }
        String name;
        if (t.isWord("TIME") && after.isWord("ZONE")) name = "TimeZone";
        else if (t.isWord("TRANSACTION") && after.isWord("ISOLATION")) name = "transaction_isolation";
        else if (t.isWord("SESSION") && after.isWord("AUTHORIZATION")) name = "session_authorization";
        else if (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENT) {
            if (after.isOp('.')) {
                name = identifier(t) + "." + identifier(lexer.next());
                while (lexer.peek().isOp('.')) {
                    lexer.next();
                    name += "." + identifier(lexer.next());
                }
            } else if (after.kind() != Kind.END && !after.isOp(';')) {
                duckDb.run(sql, sink); // DuckDB's own SHOW TABLES, SHOW ALL TABLES, …
                return;
            } else {
                name = identifier(t);
            }
        } else {
            throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.raw() + "\"");
        }
        String key = params.key(name);
        if (key != null && params.get(key) != null) {
            showValue(sink, key, params.get(key));
            return;
        }
        if (name.contains(".")) throw SessionParameters.unrecognized(name);
        if (isDuckDbSetting(name)) {
            showValue(sink, name.toLowerCase(Locale.ROOT), runner.queryValue("SELECT current_setting(?)::VARCHAR", name));
            return;
        }
        try {
            duckDb.run(sql, sink); // SHOW <table> describes a table in DuckDB
        } catch (PgException e) {
            if (SqlState.UNDEFINED_TABLE.equals(e.sqlState())) throw SessionParameters.unrecognized(name);
            throw e;
        }
    }

    private static void showValue(ResultSink sink, String columnName, String value) {
        sink.describeColumns(List.of(Column.text(columnName)));
        sink.row().text(value == null ? "" : value).end();
        sink.complete("SHOW");
    }

    // ---------------------------------------------------------------- DISCARD

    void discard(String sql, ResultSink sink, boolean inTransactionBlock) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.next();
        Token what = lexer.next();
        String tag = "DISCARD " + what.text();
        if (what.isWord("ALL")) {
            if (inTransactionBlock) {
                throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, "DISCARD ALL cannot run inside a transaction block");
            }
            params.resetAll();
        } else if (!(what.isWord("PLANS") || what.isWord("SEQUENCES") || what.isWord("TEMP") || what.isWord("TEMPORARY"))) {
            throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + what.raw() + "\"");
        }
        sink.complete(what.isWord("TEMPORARY") ? "DISCARD TEMP" : tag);
    }

    // ---------------------------------------------------------------- parsing helpers

    private boolean isDuckDbSetting(String name) {
        String found = runner.queryValue("SELECT name FROM duckdb_settings() WHERE lower(name) = lower(?)", name);
        return found != null;
    }

    /** A parameter name; custom names have a dot ({@code myapp.tenant}). */
    private static String parameterName(Token t, SqlLexer lexer) {
        if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED_IDENT) {
            throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.raw() + "\"");
        }
        StringBuilder name = new StringBuilder(identifier(t));
        while (lexer.peek().isOp('.')) {
            lexer.next();
            name.append('.').append(identifier(lexer.next()));
        }
        return name.toString();
    }

    private static String identifier(Token t) {
        return t.kind() == Kind.QUOTED_IDENT ? t.text() : t.raw().toLowerCase(Locale.ROOT);
    }

    /** One value: a string, a (signed) number or a word (lower-cased, as PostgreSQL folds it). */
    private static String valueOf(Token v, SqlLexer lexer) {
        switch (v.kind()) {
            case STRING: return v.text();
            case NUMBER: return v.raw();
            case WORD: return v.raw().toLowerCase(Locale.ROOT);
            case QUOTED_IDENT: return v.text();
            case OP:
                if ((v.isOp('-') || v.isOp('+')) && lexer.peek().kind() == Kind.NUMBER) {
                    return (v.isOp('-') ? "-" : "") + lexer.next().raw();
                }
                throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + v.raw() + "\"");
            default:
                throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + v.raw() + "\"");
        }
    }

    /** A comma-separated value list, joined as PostgreSQL flattens it; null for DEFAULT. */
    private static String valueList(SqlLexer lexer, boolean quoteIdentifiers) {
        List<String> values = new ArrayList<>();
        Token t = lexer.next();
        if (t.isWord("DEFAULT")) return null;
        while (t.kind() != Kind.END && !t.isOp(';')) {
            String v = valueOf(t, lexer);
            if (quoteIdentifiers && (t.kind() == Kind.QUOTED_IDENT || t.kind() == Kind.STRING) && !v.matches("[a-z_][a-z0-9_$]*")) {
                v = "\"" + v.replace("\"", "\"\"") + "\"";
            }
            values.add(v);
            t = lexer.next();
            if (t.isOp(',')) t = lexer.next();
            else if (t.kind() != Kind.END && !t.isOp(';')) {
                throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.raw() + "\"");
            }
        }
        if (values.isEmpty()) throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        return String.join(", ", values);
    }

    private void warn(ResultSink sink, String sqlState, String message) {
        if (params.sendsToClient("WARNING")) sink.notice("WARNING", sqlState, message);
    }

    private static PgException unsupported(String what) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported");
    }
}
