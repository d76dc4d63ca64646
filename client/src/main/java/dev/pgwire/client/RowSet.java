package dev.pgwire.client;

import dev.pgwire.protocol.message.RowDescription;

import java.util.Iterator;
import java.util.List;

/**
 * The complete result of one statement: its columns (none for statements that return no rows),
 * its rows in memory, and its command tag. A simple query with several statements yields one
 * RowSet per statement, linked through {@link #next()}.
 *
 * <pre>{@code
 * RowSet rs = conn.query("UPDATE t SET x = 1; SELECT count(*) FROM t");
 * long updated = rs.rowsAffected();
 * long count = rs.next().first().getLong(0);
 * }</pre>
 */
public final class RowSet implements Iterable<Row> {
    private final RowShape shape;
    private final List<Row> rows;
    private final String commandTag;
    private final boolean suspended;
    private RowSet next;

    RowSet(RowShape shape, List<Row> rows, String commandTag, boolean suspended) {
        this.shape = shape;
        this.rows = rows;
        this.commandTag = commandTag;
        this.suspended = suspended;
    }

    /** The columns; empty when the statement returns no rows. */
    public List<RowDescription.Field> columns() { return shape.fields; }

    public List<Row> rows() { return rows; }

    public int size() { return rows.size(); }

    public boolean isEmpty() { return rows.isEmpty(); }

    /** The first row, or null when there is none. */
    public Row first() { return rows.isEmpty() ? null : rows.get(0); }

    public Row get(int i) { return rows.get(i); }

    @Override
    public Iterator<Row> iterator() { return rows.iterator(); }

    /**
     * The CommandComplete tag ({@code SELECT 3}, {@code INSERT 0 1}, {@code CREATE TABLE}); empty
     * for an empty query; null for a batch of a cursor that is not finished yet.
     */
    public String commandTag() { return commandTag; }

    /**
     * The row count of the command tag (rows inserted, updated, deleted, selected, copied…), or
     * -1 when the tag carries none.
     */
    public long rowsAffected() { return rowCount(commandTag); }

    /** True for a batch of a cursor that has more rows (the portal was suspended). */
    public boolean suspended() { return suspended; }

    /** The result of the next statement of the same simple query, or null. */
    public RowSet next() { return next; }

    void next(RowSet n) { this.next = n; }

    static long rowCount(String tag) {
        if (tag == null) return -1;
        int space = tag.lastIndexOf(' ');
        if (space < 0) return -1;
        String verb = tag.substring(0, tag.indexOf(' '));
        switch (verb) {
            case "INSERT", "UPDATE", "DELETE", "SELECT", "MOVE", "FETCH", "COPY", "MERGE" -> {
                try {
                    return Long.parseLong(tag.substring(space + 1));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
            default -> {
                return -1;
            }
        }
    }

    @Override
    public String toString() {
        return "RowSet[" + commandTag + ", " + rows.size() + " rows]";
    }
}
