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

    /** The next column is SQL NULL. */
    RowWriter nul();

    /** Finishes the row. May block while the client is slow to read. */
    void end();
}
