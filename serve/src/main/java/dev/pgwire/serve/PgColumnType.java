package dev.pgwire.serve;

import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.spi.Column;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;

/**
 * How one DuckDB result column reaches a PostgreSQL client: the pg_type and type modifier
 * announced in RowDescription, how a value is read from the DuckDB result, and how it is written
 * in PostgreSQL's text format. A binary format encoder belongs here too, next to the text one.
 *
 * <p>Values come in two shapes: what {@link #read} returns for a top-level column, and the Java
 * objects the DuckDB driver puts inside lists. The text encoder accepts both.
 */
final class PgColumnType {

    /** Reads one value of a column from the current row; null for SQL NULL. */
    @FunctionalInterface
    interface Reader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    /** Appends the PostgreSQL text form of a non-null value. */
    @FunctionalInterface
    interface TextEncoder {
        void append(StringBuilder out, Object value, TextSettings settings);
    }

    /** The session settings that change text output. */
    record TextSettings(ZoneId timeZone, int extraFloatDigits) {
    }

    final String duckDbType;
    final PgType pgType;
    final int typeModifier;
    private final Reader reader;
    private final TextEncoder text;

    PgColumnType(String duckDbType, PgType pgType, int typeModifier, Reader reader, TextEncoder text) {
        this.duckDbType = duckDbType;
        this.pgType = pgType;
        this.typeModifier = typeModifier;
        this.reader = reader;
        this.text = text;
    }

    Column column(String name) {
        return Column.of(name, pgType, typeModifier);
    }

    Object read(ResultSet rs, int column) throws SQLException {
        return reader.read(rs, column);
    }

    void appendText(StringBuilder out, Object value, TextSettings settings) {
        text.append(out, value, settings);
    }

    @Override
    public String toString() {
        return duckDbType + " -> " + pgType.name() + (typeModifier == -1 ? "" : "(" + typeModifier + ")");
    }
}
