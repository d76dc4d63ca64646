package dev.pgwire.serve;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A ResultSink that records everything a session writes, values as text (null for SQL NULL). */
final class RecordingSink implements ResultSink {

    record Notice(String severity, String sqlState, String message) {}

    final List<Column> columns = new ArrayList<>();
    final List<List<String>> rows = new ArrayList<>();
    final List<Notice> notices = new ArrayList<>();
    final Map<String, String> parameterStatus = new LinkedHashMap<>();
    String tag;
    boolean emptyQuery;
    int describeCalls;
    volatile boolean cancelled;
    /** False to count rows without keeping them. */
    boolean keepRows = true;
    /** Rows written so far, kept or not. */
    long count;
    /** Called after each complete row with the number of rows so far. */
    Consumer<Integer> onRow = n -> {};

    private final List<String> current = new ArrayList<>();
    private final RowWriter writer = new RowWriter() {
        @Override
        public RowWriter text(CharSequence value) {
            current.add(value.toString());
            return this;
        }

        /** Rendered as the server would for a text-format column, in the default settings. */
        @Override
        public RowWriter value(Object value) {
            if (value == null) return nul();
            int oid = columns.get(current.size()).typeOid();
            current.add(PgTypes.REGISTRY.encodeText(oid, value, CodecContext.DEFAULT));
            return this;
        }

        @Override
        public RowWriter bytes(byte[] value) {
            throw new AssertionError("text format expected");
        }

        @Override
        public RowWriter nul() {
            current.add(null);
            return this;
        }

        @Override
        public void end() {
            if (current.size() != columns.size()) {
                throw new AssertionError("row has " + current.size() + " values for " + columns.size() + " columns");
            }
            count++;
            if (keepRows) rows.add(new ArrayList<>(current));
            current.clear();
            onRow.accept((int) count);
        }
    };

    @Override
    public void describeColumns(List<Column> cols) {
        if (!rows.isEmpty() || tag != null) throw new AssertionError("describeColumns after rows or completion");
        describeCalls++;
        columns.addAll(cols);
    }

    @Override
    public RowWriter row() {
        if (columns.isEmpty()) throw new AssertionError("row before describeColumns");
        if (tag != null) throw new AssertionError("row after completion");
        current.clear();
        return writer;
    }

    @Override
    public void complete(String commandTag) {
        if (tag != null || emptyQuery) throw new AssertionError("completed twice");
        tag = commandTag;
    }

    @Override
    public void emptyQuery() {
        if (tag != null || emptyQuery) throw new AssertionError("completed twice");
        emptyQuery = true;
    }

    @Override
    public void notice(String severity, String sqlState, String message) {
        notices.add(new Notice(severity, sqlState, message));
    }

    @Override
    public void parameterStatus(String name, String value) {
        parameterStatus.put(name, value);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /** The single value of a one-row, one-column result. */
    String value() {
        if (rows.size() != 1 || rows.get(0).size() != 1) throw new AssertionError("expected one value, got " + rows);
        return rows.get(0).get(0);
    }

    List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (Column c : columns) names.add(c.name());
        return names;
    }
}
