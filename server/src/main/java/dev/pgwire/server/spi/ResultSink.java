package dev.pgwire.server.spi;

import java.util.List;

/**
 * Where a {@link Session} writes the outcome of a statement. Rows are encoded straight into
 * pooled output buffers and sent as they fill; when the client reads slower than the session
 * writes, {@link RowWriter#end()} blocks the (worker) thread until the socket drains, so a result
 * of any size streams in bounded memory.
 *
 * <pre>{@code
 * sink.describeColumns(List.of(Column.of("n", PgType.INT4), Column.text("name")));
 * sink.row().text("1").text("one").end();
 * sink.row().text("2").nul().end();
 * sink.complete("SELECT 2");
 * }</pre>
 */
public interface ResultSink {

    /** Announces the result columns (RowDescription). Call once, before the first row. */
    void describeColumns(List<Column> columns);

    /** Starts the next row; the returned writer is reused, so do not keep it across rows. */
    RowWriter row();

    /** Ends the statement with a command tag such as {@code SELECT 2}, {@code INSERT 0 1}, {@code BEGIN}. */
    void complete(String commandTag);

    /** Ends the statement as an empty query (EmptyQueryResponse). */
    void emptyQuery();

    /** Sends a NoticeResponse with the given severity (NOTICE, WARNING, INFO…), SQLSTATE and message. */
    void notice(String severity, String sqlState, String message);

    /** Reports a changed run-time parameter (ParameterStatus), e.g. after {@code SET TimeZone}. */
    void parameterStatus(String name, String value);

    /** True once the client asked to cancel this call; long loops should check and throw 57014. */
    boolean isCancelled();

    /**
     * Starts {@code COPY … FROM STDIN}: once the statement's call returns, the server sends
     * CopyInResponse ({@code binary}: overall and column format 1, else 0, for {@code columns}
     * columns) and feeds the client's data to {@code receiver} until CopyDone or CopyFail (see
     * {@link CopyIn}); the statement's command tag comes from {@link CopyIn#done}. Call it instead
     * of describing columns, as the statement's outcome. Sinks that cannot take COPY (the default)
     * refuse with 0A000, before the client sends any data.
     */
    default void copyIn(boolean binary, int columns, CopyIn receiver) {
        throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.FEATURE_NOT_SUPPORTED,
                "COPY FROM STDIN is not supported here");
    }

    /**
     * Starts {@code COPY … TO STDOUT}: sends CopyOutResponse ({@code binary}: overall and column
     * format 1, else 0, for {@code columns} columns) and returns the writer of its CopyData; end
     * the statement with {@link #complete} ({@code COPY n}). Sinks that cannot stream COPY (the
     * default) refuse with 0A000.
     */
    default CopyOut copyOut(boolean binary, int columns) {
        throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.FEATURE_NOT_SUPPORTED,
                "COPY TO STDOUT is not supported here");
    }
}
