package dev.pgwire.serve;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.RowWriter;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How one DuckDB result column reaches a PostgreSQL client: the pg_type and type modifier
 * announced in RowDescription, how a value is read from the DuckDB result, and how it becomes the
 * Java value the shared type registry writes for that pg_type (in text or binary).
 *
 * <p>Values come in two shapes: what {@link #read} returns for a top-level column, and the Java
 * objects the DuckDB driver puts inside lists. The converter accepts both.
 */
final class PgColumnType {

    /** Reads one value of a column from the current row; null for SQL NULL. */
    @FunctionalInterface
    interface Reader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    /**
     * Turns a non-null DuckDB value into the registry's Java value for the column's pg_type
     * (LocalDateTime for timestamp, PgInterval for interval, PgArray for arrays, …), or into a
     * {@link Literal} when the value only has a text form.
     */
    @FunctionalInterface
    interface Converter {
        Object convert(Object duckDbValue, CodecContext ctx);
    }

    /**
     * A value the registry has no codec for (a DuckDB list of lists of different lengths, an array
     * of a type without codec, a composite or enum value): sent as this text, and in binary as
     * {@code binary} where the column's type has a binary form serve wrote (else as the text).
     */
    record Literal(String text, byte[] binary) {
        Literal(String text) {
            this(text, null);
        }
    }

    final String duckDbType;
    final PgType pgType;
    final int typeModifier;
    private final Reader reader;
    private final Converter converter;

    PgColumnType(String duckDbType, PgType pgType, int typeModifier, Reader reader, Converter converter) {
        this.duckDbType = duckDbType;
        this.pgType = pgType;
        this.typeModifier = typeModifier;
        this.reader = reader;
        this.converter = converter;
    }

    Column column(String name) {
        return Column.of(name, pgType, typeModifier);
    }

    /** As a column of table {@code tableOid} (attnum {@code number}), or of none for 0. */
    Column column(String name, int tableOid, int number) {
        return new Column(name, pgType.oid(), pgType.size(), typeModifier, tableOid, (short) number);
    }

    Object read(ResultSet rs, int column) throws SQLException {
        return reader.read(rs, column);
    }

    /** The registry's Java value (or a Literal) for a non-null value as {@link #read} returned it. */
    Object pgValue(Object duckDbValue, CodecContext ctx) {
        return converter.convert(duckDbValue, ctx);
    }

    /** PostgreSQL's text output for a non-null value, in the session's settings. */
    String text(Object duckDbValue, CodecContext ctx) {
        Object v = pgValue(duckDbValue, ctx);
        return v instanceof Literal l ? l.text() : PgTypes.REGISTRY.encodeText(pgType.oid(), v, ctx);
    }

    /**
     * Writes a value (null for SQL NULL) in the format the client asked for; the server renders it
     * under the session's CodecContext.
     */
    void write(RowWriter row, Object duckDbValue, CodecContext ctx) {
        if (duckDbValue == null) {
            row.nul();
            return;
        }
        Object v = pgValue(duckDbValue, ctx);
        if (v instanceof Literal l) {
            if (l.binary() != null && row.format() != 0) row.bytes(l.binary());
            else row.text(l.text());
        } else {
            row.value(v);
        }
    }

    @Override
    public String toString() {
        return duckDbType + " -> " + pgType.name() + (typeModifier == -1 ? "" : "(" + typeModifier + ")");
    }
}
