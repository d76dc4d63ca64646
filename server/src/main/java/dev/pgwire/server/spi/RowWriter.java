package dev.pgwire.server.spi;

/**
 * Writes one DataRow, column by column, in the format the client asked for (text in the simple
 * protocol). Values go straight into the output buffer; no per-row objects are made.
 */
public interface RowWriter {

    /**
     * The next column's value in PostgreSQL's text format. If the client asked for binary, the
     * server converts it through the type registry.
     */
    RowWriter text(CharSequence value);

    /** The next column's value as raw bytes already in the column's wire format. */
    RowWriter bytes(byte[] value);

    /**
     * The next column's value as a Java object (Integer, Long, String, BigDecimal, LocalDate,
     * OffsetDateTime, UUID, byte[], PgArray, …), encoded by the type registry in the format the
     * client asked for; null is SQL NULL.
     */
    RowWriter value(Object value);

    /**
     * The format the next column's value is sent in: 0 text, 1 binary. A handler that has a value
     * in both forms may write the one asked for; text is always accepted.
     */
    default int format() {
        return 0;
    }

    /**
     * The next column's value in PostgreSQL's text format, as {@code length} bytes of UTF-8 from
     * {@code offset}: the same as {@link #text}, without a String. The bytes are copied before
     * the call returns, so the array may be reused.
     */
    default RowWriter utf8(byte[] value, int offset, int length) {
        return text(new String(value, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The next column's value as {@code length} raw bytes from {@code offset}, already in the
     * column's wire format ({@link #format}): the same as {@link #bytes(byte[])} for a range that
     * is copied before the call returns.
     */
    default RowWriter bytes(byte[] value, int offset, int length) {
        return bytes(java.util.Arrays.copyOfRange(value, offset, offset + length));
    }

    /** The next column is SQL NULL. */
    RowWriter nul();

    /** Finishes the row. May block while the client is slow to read. */
    void end();
}
