package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.Locale;
import java.util.Set;

/**
 * What a client's statement may not reach in the engine under it, checked on the statement's
 * tokens before it is translated (DuckDB's own SQL, which serve passes through, included):
 * <ul>
 *   <li>serve's own objects — the {@code pgwire} schema (the macros every translation calls, the
 *       tables behind extensions and comments) and the {@code pgwire_catalog} database (the
 *       catalog, pg_authid's password verifiers among it): a change there would change every
 *       session's answers, a read would show what pg_authid keeps from non-superusers (42501);</li>
 *   <li>serve's own functions ({@code pgwire_…}: another session's catalog rows, signals to
 *       sessions), which its translations call;</li>
 *   <li>DuckDB's functions that run SQL given as text ({@code query}, {@code query_table}), which
 *       would get past this check and the translation;</li>
 *   <li>server files: DuckDB's readers ({@code read_csv}, {@code read_blob}, {@code glob}, …) and
 *       COPY to or from a file, which DuckDB allows in its own database directory even with
 *       external access off — refused unless the operator turned external access on
 *       ({@code --external-access});</li>
 *   <li>DuckDB's settings and secrets (server paths, the user the server runs as), for roles other
 *       than superusers.</li>
 * </ul>
 */
public final class EngineGuard {
    private EngineGuard() {}

    /** Functions that run SQL text: never a client's to call. */
    private static final Set<String> SQL_TEXT = Set.of("query", "query_table");
    /** Functions that read server files (or list them). */
    private static final Set<String> FILES = Set.of("read_csv", "read_csv_auto", "read_parquet", "parquet_scan", "read_json",
            "read_json_auto", "read_json_objects", "read_json_objects_auto", "read_ndjson", "read_ndjson_auto",
            "read_ndjson_objects", "read_blob", "read_text", "glob", "sniff_csv", "parquet_metadata", "parquet_schema",
            "parquet_file_metadata", "parquet_kv_metadata", "parquet_bloom_probe", "read_xlsx", "iceberg_scan", "delta_scan",
            "sqlite_scan", "read_duckdb");
    /** Functions that show the engine's settings, secrets and files. */
    private static final Set<String> ENGINE = Set.of("duckdb_settings", "duckdb_secrets", "duckdb_extensions", "duckdb_databases",
            "duckdb_temporary_files", "duckdb_memory", "pragma_database_size", "pragma_storage_info", "which_secret",
            "current_setting_duckdb");

    /**
     * Refuses {@code sql} (one or more statements from a client) when it reaches one of the above.
     *
     * @param superuser      whether the session's role is a superuser
     * @param externalAccess whether the operator let SQL reach server files
     */
    public static void check(String sql, boolean superuser, boolean externalAccess) {
        SqlLexer lexer = new SqlLexer(sql);
        SqlLexer.Token previous = null;
        boolean copy = false;
        for (SqlLexer.Token t = lexer.next(); t.kind() != SqlLexer.Kind.END; t = lexer.next()) {
            if (t.isOp(';')) copy = false;
            if (t.isWord("COPY") && (previous == null || previous.isOp(';'))) copy = true;
            String name = identifier(t);
            if (name != null && name.equals("pgwire_catalog")) throw denied("schema pgwire_catalog");
            if (previous != null && t.isOp('.') && "pgwire".equals(identifier(previous))) throw denied("schema pgwire");
            if (t.isOp('(') && previous != null && identifier(previous) != null) {
                // qualified or not, quoted or not: a name followed by its arguments
                String function = identifier(previous);
                if (SQL_TEXT.contains(function)) throw denied("function " + function);
                // serve's own functions (a session's catalog rows, signals to other sessions) are its translations' alone
                if (function.startsWith("pgwire_")) throw denied("function " + function);
                if (FILES.contains(function) && !externalAccess) {
                    throw denied("function " + function).withHint("Reading server files is the operator's to allow (--allow-external-access).");
                }
                if (ENGINE.contains(function) && !superuser) throw denied("function " + function);
            }
            // COPY … TO 'file' / FROM 'file': a string right after TO or FROM at the statement's own level
            if (copy && t.kind() == SqlLexer.Kind.STRING && t.depth() == 0 && previous != null
                    && (previous.isWord("TO") || previous.isWord("FROM")) && !externalAccess) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to COPY to or from a file")
                        .withDetail("Only the server's operator can let SQL read and write server files (--allow-external-access).")
                        .withHint("Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.");
            }
            previous = t;
        }
    }

    /** The identifier a token names (an unquoted word in lower case, a quoted one as written), or null. */
    private static String identifier(SqlLexer.Token t) {
        if (t.kind() == SqlLexer.Kind.QUOTED_IDENT) return t.text();
        if (t.kind() == SqlLexer.Kind.WORD) return t.text().toLowerCase(Locale.ROOT);
        return null;
    }

    private static PgException denied(String what) {
        return new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for " + what);
    }
}
