package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * One statement after translation: what it is ({@link #info}), its parse tree where PostgreSQL's
 * grammar accepted it, and the SQL DuckDB runs for it — or null where serve answers the statement
 * itself (transaction control, SET, SHOW, …).
 *
 * @param source    the statement as the client sent it
 * @param info      its command and command tag
 * @param tree      PostgreSQL's parse tree, or null when PostgreSQL's grammar does not accept the
 *                  statement (it then goes to DuckDB as sent: DuckDB's own dialect)
 * @param duckDbSql what DuckDB runs, or null when serve answers the statement itself
 * @param parseError PostgreSQL's syntax error for a statement passed on as DuckDB dialect: the
 *                  error to report if DuckDB does not accept it either
 * @param positions maps a character offset of {@code duckDbSql} to a byte offset of {@code source}
 *                  (-1 when unknown); null when DuckDB runs the source itself
 * @param resultTypes PostgreSQL's types of the result columns as far as known (entries may be null)
 * @param resultOrigins the table column each result column is (entries null where it is none)
 * @param replay    whether the statement changes data and could be run again to the same effect
 * @param readsCatalog whether the statement reads serve's pg_catalog or information_schema tables
 *                  (which must be current before it runs)
 * @param locking   the rows a SELECT … FOR UPDATE / SHARE locks before it runs, or null
 */
public record Translation(String source, StatementInfo info, Node tree, String duckDbSql, PgException parseError,
                          IntUnaryOperator positions, List<SqlType> resultTypes, List<ColumnOrigin> resultOrigins,
                          ReplayInfo replay, boolean readsCatalog, LockingSelect locking) {

    public Translation(String source, StatementInfo info, Node tree, String duckDbSql, PgException parseError,
                       IntUnaryOperator positions) {
        this(source, info, tree, duckDbSql, parseError, positions, List.of(), List.of(), ReplayInfo.UNKNOWN, false);
    }

    public Translation(String source, StatementInfo info, Node tree, String duckDbSql, PgException parseError,
                       IntUnaryOperator positions, List<SqlType> resultTypes, List<ColumnOrigin> resultOrigins,
                       ReplayInfo replay, boolean readsCatalog) {
        this(source, info, tree, duckDbSql, parseError, positions, resultTypes, resultOrigins, replay, readsCatalog, null);
    }

    /** The table column result column {@code i} is, or null. */
    public ColumnOrigin resultOrigin(int i) {
        return i < resultOrigins.size() ? resultOrigins.get(i) : null;
    }

    /** The PostgreSQL type of result column {@code i} where the translation knows it, else null. */
    public SqlType resultType(int i) {
        return i < resultTypes.size() ? resultTypes.get(i) : null;
    }

    /** A statement DuckDB runs exactly as written (SQL serve itself made for DuckDB). */
    public static Translation asWritten(String sql) {
        return new Translation(sql, StatementInfo.of(sql), null, sql, null, null);
    }

    /** The same statement with other DuckDB SQL (which has no map of positions back to the source). */
    public Translation withDuckDbSql(String sql) {
        return new Translation(source, info, tree, sql, parseError, null, resultTypes, resultOrigins, replay, readsCatalog, locking);
    }

    /**
     * What a CREATE TEMPORARY TABLE … ON COMMIT DROP / DELETE ROWS asks to happen when the
     * transaction commits (null for any other statement).
     *
     * @param table DuckDB's name of the temporary table
     * @param drop  true to drop it at the end of this transaction, false to empty it at every commit
     */
    public record OnCommit(String table, boolean drop) {
    }

    public OnCommit onCommit() {
        if (tree == null || !tree.is("CreateStmt")) return null;
        String action = tree.str("oncommit");
        if (!action.equals("ONCOMMIT_DROP") && !action.equals("ONCOMMIT_DELETE_ROWS")) return null;
        return new OnCommit(SqlWriter.quoteIdent(tree.node("relation").str("relname")), action.equals("ONCOMMIT_DROP"));
    }

    /**
     * Whether DuckDB runs the statement as a script of several statements (DDL that needs more than
     * one), which cannot be prepared: the extended protocol runs it as a whole when executed.
     */
    public boolean runsAsScript() {
        return tree != null && duckDbSql != null && (DdlEmitter.handles(tree) || DdlChanges.handles(tree));
    }

    /** Whether serve answers the statement without DuckDB running it as a query. */
    public boolean answeredByServe() {
        return duckDbSql == null;
    }

    /** The 1-based character position of a byte offset of the source (a parse-tree location), or null. */
    public Integer sourcePositionOfByte(int byteOffset) {
        if (byteOffset < 0) return null;
        byte[] utf8 = source.getBytes(StandardCharsets.UTF_8);
        if (byteOffset > utf8.length) return null;
        String prefix = new String(utf8, 0, byteOffset, StandardCharsets.UTF_8);
        return prefix.codePointCount(0, prefix.length()) + 1;
    }

    /**
     * Where in the client's statement (a 1-based character position, as ErrorResponse's P field)
     * lies what DuckDB reported at character {@code duckDbOffset} (0-based) of {@link #duckDbSql};
     * null when unknown.
     */
    public Integer sourcePosition(int duckDbOffset) {
        if (duckDbSql == null) return null;
        if (positions == null) return duckDbSql.equals(source) ? duckDbOffset + 1 : null;
        int byteOffset = positions.applyAsInt(duckDbOffset);
        if (byteOffset < 0) return null;
        byte[] utf8 = source.getBytes(StandardCharsets.UTF_8);
        if (byteOffset > utf8.length) return null;
        String prefix = new String(utf8, 0, byteOffset, StandardCharsets.UTF_8);
        return prefix.codePointCount(0, prefix.length()) + 1;
    }
}
