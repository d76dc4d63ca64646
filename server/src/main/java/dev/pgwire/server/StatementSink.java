package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyResponse;
import dev.pgwire.protocol.message.EmptyQueryResponse;
import dev.pgwire.protocol.message.NoticeResponse;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.TypeRegistry;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.CopyIn;
import dev.pgwire.server.spi.CopyOut;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ResultSink} of one statement execution. DataRows are encoded in place: the writer
 * reserves the length words, writes values straight into the output buffer and patches the
 * lengths at the end, so streaming a row allocates nothing.
 */
final class StatementSink implements ResultSink, RowWriter {
    private final SessionOutput out;
    private final SessionMachine session;
    /** Result format per column (0 text, 1 binary); null while all text. */
    private short[] formats;
    /** True when the server already sent RowDescription (extended protocol). */
    private final boolean preDescribed;
    private String tag;
    private CodecContext context;
    private int columnCount = -1;
    private long rows;
    private boolean completed;
    private ByteBuf row;       // non-null while a row is being written
    private int rowStart;
    private int valuesWritten;
    /** COPY FROM STDIN asked for: the machine sends CopyInResponse when the call returns. */
    private CopyIn copyIn;
    private CopyResponse copyInResponse;
    /** COPY TO STDOUT under way: CopyDone goes before the command tag. */
    private boolean copyingOut;

    /** A sink for the simple protocol: the handler describes the columns, all values are text. */
    StatementSink(SessionOutput out, SessionMachine session) {
        this.out = out;
        this.session = session;
        this.preDescribed = false;
    }

    /**
     * A sink for a portal whose RowDescription the server has sent (or will not send, for
     * Execute without Describe): {@code columns} null for no rows, formats as chosen at Bind.
     */
    StatementSink(SessionOutput out, SessionMachine session, List<Column> columns, short[] resultFormats) {
        this.out = out;
        this.session = session;
        this.preDescribed = true;
        if (columns != null) {
            columnCount = columns.size();
            boolean anyBinary = false;
            for (short code : resultFormats) anyBinary |= code != 0;
            if (anyBinary) {
                formats = new short[columnCount];
                for (int i = 0; i < columnCount; i++) formats[i] = Bind.formatAt(resultFormats, i);
            }
            typeOids = typeOids(columns);
        }
    }

    private static int[] typeOids(List<Column> columns) {
        int[] oids = new int[columns.size()];
        for (int i = 0; i < oids.length; i++) oids[i] = columns.get(i).typeOid();
        return oids;
    }

    /** Type OID per column, for values the registry encodes. */
    private int[] typeOids;

    @Override
    public void describeColumns(List<Column> columns) {
        checkOpen();
        if (preDescribed) {
            if (columns.size() != columnCount) {
                throw new IllegalStateException("portal described " + columnCount + " columns but wrote " + columns.size());
            }
            return;
        }
        if (columnCount >= 0) throw new IllegalStateException("columns already described");
        ExtendedQuery.checkColumnCount(columns.size());
        columnCount = columns.size();
        typeOids = typeOids(columns);
        List<RowDescription.Field> fields = new ArrayList<>(columns.size());
        for (Column c : columns) {
            fields.add(new RowDescription.Field(c.name(), c.tableOid(), c.columnNumber(), c.typeOid(), c.typeSize(),
                    c.typeModifier(), (short) 0));
        }
        out.write(new RowDescription(fields));
    }

    @Override
    public RowWriter row() {
        checkOpen();
        if (columnCount < 0) throw new IllegalStateException("describeColumns must come before rows");
        if (row != null) throw new IllegalStateException("previous row not ended");
        row = out.buffer();
        rowStart = row.writerIndex();
        row.writeByte('D');
        row.writeInt(0);
        row.writeShort(columnCount);
        valuesWritten = 0;
        return this;
    }

    @Override
    public RowWriter text(CharSequence value) {
        if (value == null) return nul();
        if (formats != null && formats[valuesWritten] != 0) return binaryFromText(value);
        ByteBuf b = startValue();
        int at = b.writerIndex();
        b.writeInt(0);
        int n = b.writeCharSequence(value, StandardCharsets.UTF_8);
        b.setInt(at, n);
        return this;
    }

    private RowWriter binaryFromText(CharSequence value) {
        int oid = typeOids[valuesWritten];
        CodecContext ctx = codecContext();
        Object decoded = session.registry().decodeText(oid, value.toString(), ctx);
        session.registry().encode(oid, decoded, TypeRegistry.BINARY, ctx, startValue());
        return this;
    }

    @Override
    public RowWriter value(Object value) {
        if (value == null) return nul();
        int format = formats == null ? 0 : formats[valuesWritten];
        int oid = typeOids[valuesWritten];
        session.registry().encode(oid, value, format, codecContext(), startValue());
        return this;
    }

    @Override
    public RowWriter bytes(byte[] value) {
        if (value == null) return nul();
        ByteBuf b = startValue();
        b.writeInt(value.length);
        b.writeBytes(value);
        return this;
    }

    @Override
    public int format() {
        return formats == null || valuesWritten >= columnCount ? 0 : formats[valuesWritten];
    }

    @Override
    public RowWriter utf8(byte[] value, int offset, int length) {
        if (format() != 0) {
            return binaryFromText(new String(value, offset, length, StandardCharsets.UTF_8));
        }
        return bytes(value, offset, length);
    }

    @Override
    public RowWriter bytes(byte[] value, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, value.length);
        ByteBuf b = startValue();
        b.writeInt(length);
        b.writeBytes(value, offset, length);
        return this;
    }

    @Override
    public RowWriter nul() {
        startValue().writeInt(-1);
        return this;
    }

    private ByteBuf startValue() {
        if (row == null) throw new IllegalStateException("row() not called");
        if (valuesWritten++ >= columnCount) {
            throw new IllegalStateException("row has more than the " + columnCount + " described columns");
        }
        return row;
    }

    @Override
    public void end() {
        if (row == null) throw new IllegalStateException("row() not called");
        if (valuesWritten != columnCount) {
            throw new IllegalStateException("row has " + valuesWritten + " values, " + columnCount + " columns described");
        }
        row.setInt(rowStart + 1, row.writerIndex() - rowStart - 1);
        row = null;
        rows++;
        out.flushIfFull();
        if (session.cancelRequested()) {
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    @Override
    public void complete(String commandTag) {
        checkOpen();
        if (copyIn != null) throw new IllegalStateException("COPY FROM STDIN completes when its data has arrived");
        completed = true;
        tag = commandTag;
        if (copyingOut) {
            copyingOut = false;
            out.write(CopyDone.INSTANCE);
        }
        out.write(new CommandComplete(commandTag));
    }

    @Override
    public void copyIn(boolean binary, int columns, CopyIn receiver) {
        checkOpen();
        if (receiver == null) throw new NullPointerException("receiver");
        if (columnCount >= 0 && !preDescribed || copyingOut || copyIn != null) {
            throw new IllegalStateException("COPY FROM STDIN must be the statement's only outcome");
        }
        copyInResponse = new CopyResponse(CopyResponse.Kind.IN, binary ? 1 : 0, formats(binary, columns));
        copyIn = receiver;
    }

    /** The receiver of a COPY FROM STDIN the statement started, or null. */
    CopyIn copyInReceiver() {
        return copyIn;
    }

    /** Sends CopyInResponse: the client sends its data from now on. */
    void startCopyIn() {
        out.write(copyInResponse);
    }

    /** The COPY FROM STDIN's data has arrived: the statement ends with {@code tag}. */
    void completeCopyIn(String commandTag) {
        copyIn = null;
        complete(commandTag);
    }

    @Override
    public CopyOut copyOut(boolean binary, int columns) {
        checkOpen();
        if (columnCount >= 0 && !preDescribed || copyingOut || copyIn != null) {
            throw new IllegalStateException("COPY TO STDOUT must be the statement's only outcome");
        }
        out.write(new CopyResponse(CopyResponse.Kind.OUT, binary ? 1 : 0, formats(binary, columns)));
        copyingOut = true;
        return new CopyOut() {
            @Override
            public void write(byte[] data, int offset, int length) {
                ByteBuf b = copyData();
                b.writeInt(4 + length);
                b.writeBytes(data, offset, length);
                copyDataWritten();
            }

            @Override
            public void write(CharSequence text) {
                ByteBuf b = copyData();
                int at = b.writerIndex();
                b.writeInt(0);
                int n = b.writeCharSequence(text, StandardCharsets.UTF_8);
                b.setInt(at, 4 + n);
                copyDataWritten();
            }
        };
    }

    private ByteBuf copyData() {
        if (!copyingOut || completed) throw new IllegalStateException("COPY TO STDOUT has ended");
        ByteBuf b = out.buffer();
        b.writeByte('d');
        return b;
    }

    private void copyDataWritten() {
        out.flushIfFull();
        if (session.cancelRequested()) {
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    private static short[] formats(boolean binary, int columns) {
        if (columns < 0 || columns > ExtendedQuery.MAX_COUNT) throw new IllegalArgumentException("columns: " + columns);
        short[] f = new short[columns];
        if (binary) java.util.Arrays.fill(f, (short) 1);
        return f;
    }

    @Override
    public void emptyQuery() {
        checkOpen();
        completed = true;
        out.write(EmptyQueryResponse.INSTANCE);
    }

    @Override
    public void notice(String severity, String sqlState, String message) {
        out.write(NoticeResponse.of(severity, sqlState, message));
    }

    @Override
    public void parameterStatus(String name, String value) {
        session.parameterChanged(name, value);
        out.write(new ParameterStatus(name, value));
    }

    @Override
    public boolean isCancelled() {
        return session.cancelRequested();
    }

    /** Ends the statement for a handler that wrote rows but no command tag. */
    void completeIfNeeded() {
        if (completed || copyIn != null) return;
        if (columnCount < 0) throw new IllegalStateException("handler returned without completing the statement");
        complete("SELECT " + rows);
    }

    String tag() {
        return tag;
    }

    private CodecContext codecContext() {
        if (context == null) context = session.codecContext();
        return context;
    }

    /** Removes a half-written row after the handler failed mid-row. */
    void abandonPartialRow() {
        if (row != null) {
            row.writerIndex(rowStart);
            row = null;
        }
    }

    private void checkOpen() {
        if (completed) throw new IllegalStateException("statement already completed");
        if (row != null) throw new IllegalStateException("row not ended");
    }
}
