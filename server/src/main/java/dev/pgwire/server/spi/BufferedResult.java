package dev.pgwire.server.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement's output held in memory and replayed later into a portal's sink, in one Execute or
 * several with row limits. For statements that must run before Execute — to learn their columns
 * for Describe, say. It holds every row: meant for small results.
 *
 * <pre>{@code
 * BufferedResult r = new BufferedResult();
 * session.execute(sql, r);            // runs now; r.columns() answers Describe
 * ...
 * boolean suspended = r.replay(maxRows, sink);
 * }</pre>
 */
public final class BufferedResult implements ResultSink, RowWriter {
    private List<Column> columns;
    private final List<Object[]> rows = new ArrayList<>();
    /** Notices ({severity, sqlState, message}) and parameter reports ({null, name, value}) in order. */
    private final List<String[]> messages = new ArrayList<>();
    private Object[] row;
    private int col;
    private String tag;
    private boolean empty;
    private int next;
    /** A COPY the statement started: FROM STDIN is handed on at replay, TO STDOUT's data is held. */
    private CopyIn copyIn;
    private boolean copyBinary;
    private int copyColumns;
    private List<byte[]> copyOutData;

    /** The columns the statement described, or null if it returned no rows. */
    public List<Column> columns() {
        return columns;
    }

    /**
     * Writes the held notices and up to {@code maxRows} rows (0: all) into {@code sink}; true when
     * rows remain for the next call, else the statement is completed on {@code sink}.
     */
    public boolean replay(int maxRows, ResultSink sink) {
        for (String[] m : messages) {
            if (m[0] == null) sink.parameterStatus(m[1], m[2]); else sink.notice(m[0], m[1], m[2]);
        }
        messages.clear();
        if (copyIn != null) {
            sink.copyIn(copyBinary, copyColumns, copyIn);
            return false;
        }
        if (copyOutData != null) {
            CopyOut out = sink.copyOut(copyBinary, copyColumns);
            for (byte[] data : copyOutData) out.write(data);
            copyOutData = null;
            sink.complete(tag);
            return false;
        }
        int sent = 0;
        while (next < rows.size()) {
            if (maxRows > 0 && sent == maxRows) return true;
            RowWriter w = sink.row();
            for (Object v : rows.get(next)) {
                if (v == null) w.nul();
                else if (v instanceof byte[] b) w.bytes(b);
                else if (v instanceof String s) w.text(s);
                else w.value(v);
            }
            w.end();
            rows.set(next++, null); // replayed rows need not stay
            sent++;
        }
        if (empty) sink.emptyQuery(); else sink.complete(tag != null ? tag : "SELECT " + rows.size());
        return false;
    }

    @Override
    public void describeColumns(List<Column> cols) {
        columns = List.copyOf(cols);
    }

    @Override
    public RowWriter row() {
        row = new Object[columns.size()];
        col = 0;
        return this;
    }

    @Override
    public void complete(String commandTag) {
        tag = commandTag;
    }

    @Override
    public void emptyQuery() {
        empty = true;
    }

    @Override
    public void notice(String severity, String sqlState, String message) {
        messages.add(new String[] {severity, sqlState, message});
    }

    @Override
    public void parameterStatus(String name, String value) {
        messages.add(new String[] {null, name, value});
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    /** Held until {@link #replay}, which starts the COPY on the real sink with this receiver. */
    @Override
    public void copyIn(boolean binary, int columns, CopyIn receiver) {
        copyIn = receiver;
        copyBinary = binary;
        copyColumns = columns;
    }

    /** The data is held until {@link #replay}. */
    @Override
    public CopyOut copyOut(boolean binary, int columns) {
        copyBinary = binary;
        copyColumns = columns;
        List<byte[]> held = new ArrayList<>();
        copyOutData = held;
        return new CopyOut() {
            @Override
            public void write(byte[] data, int offset, int length) {
                held.add(java.util.Arrays.copyOfRange(data, offset, offset + length));
            }

            @Override
            public void write(CharSequence text) {
                held.add(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public RowWriter text(CharSequence value) {
        row[col++] = value == null ? null : value.toString();
        return this;
    }

    @Override
    public RowWriter bytes(byte[] value) {
        row[col++] = value;
        return this;
    }

    @Override
    public RowWriter value(Object value) {
        row[col++] = value;
        return this;
    }

    @Override
    public RowWriter nul() {
        row[col++] = null;
        return this;
    }

    @Override
    public void end() {
        rows.add(row);
        row = null;
    }
}
