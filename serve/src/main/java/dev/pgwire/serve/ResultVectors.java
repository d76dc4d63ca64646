package dev.pgwire.serve;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.server.spi.RowWriter;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBReadableVector;

import java.nio.ByteBuffer;
import java.sql.SQLException;

/**
 * A portal's rows read straight from DuckDB's result vectors, a chunk of up to 2048 rows at a
 * time ({@link DuckDBChunkedResult}), and written into the DataRow in the format the client asked
 * for without a Java object per value: integers, booleans and floats from the vector's memory,
 * strings as their UTF-8 bytes, dates and timestamps of years 1 to 9999 as PostgreSQL's ISO text
 * or its binary day and microsecond counts. It takes the columns {@link CopyVectors#kinds} takes;
 * values outside the common range (infinities, BC, float8 whose shortest text needs the general
 * algorithm, float4, timestamptz's text in a time zone with rules) go to the type registry as the value the driver's
 * ResultSet reads, so every value comes out byte for byte as the general path writes it.
 *
 * <p>Not thread-safe; one per open portal. The current chunk stays open between Executes.
 */
final class ResultVectors implements AutoCloseable {
    private final DuckDBChunkedResult result;
    private final CopyVectors.Kind[] kinds;
    private final PgColumnType[] types;
    private final ByteBuffer[] data;
    private final ByteBuffer[] validity;
    private final DuckDBReadableVector[] vectors;
    private final CopyLine line = new CopyLine();
    private final byte[] scratch = new byte[Math.max(8, CopyVectors.INLINE_STRING)];
    /** Rows in the current chunk, and the next of them to write. */
    private int rows;
    private int next;
    private boolean ended;
    private static final int NOT_FIXED = Integer.MIN_VALUE;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** The settings {@link #offsetSeconds} was found for. */
    private CodecContext offsetContext;
    private int offsetSeconds;

    ResultVectors(DuckDBChunkedResult result, CopyVectors.Kind[] kinds, PgColumnType[] types) {
        this.result = result;
        this.kinds = kinds;
        this.types = types;
        int n = kinds.length;
        data = new ByteBuffer[n];
        validity = new ByteBuffer[n];
        vectors = new DuckDBReadableVector[n];
    }

    /**
     * Whether there is another row, fetching the next chunk when the current one is used up. At
     * the end, an error DuckDB met after the first chunk is thrown.
     */
    boolean hasRow() throws SQLException {
        while (next == rows) {
            if (ended) return false;
            if (!result.nextChunk()) {
                ended = true;
                CopyVectors.checkError(result);
                return false;
            }
            load(result.chunk());
        }
        return true;
    }

    private void load(DuckDBDataChunkReader chunk) {
        rows = Math.toIntExact(chunk.rowCount());
        next = 0;
        for (int c = 0; c < kinds.length; c++) {
            DuckDBReadableVector v = chunk.vector(c);
            if (v.getType() != kinds[c].duckDb) {
                throw new IllegalStateException("column " + (c + 1) + " is " + v.getType() + ", expected " + kinds[c].duckDb);
            }
            vectors[c] = v;
            data[c] = CopyVectors.nativeOrder((ByteBuffer) CopyVectors.DATA.get(v));
            ByteBuffer valid = (ByteBuffer) CopyVectors.VALIDITY.get(v);
            validity[c] = valid == null ? null : CopyVectors.nativeOrder(valid);
        }
    }

    private boolean isNull(int c, int r) {
        ByteBuffer valid = validity[c];
        return valid != null && (valid.getLong((r >>> 6) << 3) & (1L << (r & 63))) == 0;
    }

    /** Writes the next row's values (after {@link #hasRow}); the caller ends the row. */
    void writeRow(RowWriter w, CodecContext ctx, boolean plainFloats) {
        int r = next++;
        for (int c = 0; c < kinds.length; c++) {
            if (isNull(c, r)) {
                w.nul();
            } else if (w.format() == 0) {
                text(w, c, r, ctx, plainFloats);
            } else {
                binary(w, c, r, ctx);
            }
        }
    }

    private void text(RowWriter w, int c, int r, CodecContext ctx, boolean plainFloats) {
        ByteBuffer d = data[c];
        CopyLine l = line;
        switch (kinds[c]) {
            case BOOL -> {
                scratch[0] = (byte) (d.get(r) != 0 ? 't' : 'f');
                w.utf8(scratch, 0, 1);
                return;
            }
            case INT2 -> {
                l.clear();
                l.digits(d.getShort(r << 1));
            }
            case INT4 -> {
                l.clear();
                l.digits(d.getInt(r << 2));
            }
            case INT8 -> {
                l.clear();
                l.digits(d.getLong(r << 3));
            }
            case FLOAT8 -> {
                double v = d.getDouble(r << 3);
                int decimals = plainFloats ? CopyVectors.plainDecimals(v) : -1;
                if (decimals < 0) {
                    general(w, c, v, ctx);
                    return;
                }
                l.clear();
                CopyVectors.plainFloat(l, v, decimals);
            }
            case FLOAT4 -> {
                general(w, c, d.getFloat(r << 2), ctx);
                return;
            }
            case TEXT -> {
                string(w, d, r);
                return;
            }
            case DATE -> {
                int day = d.getInt(r << 2);
                if (day < CopyVectors.FIRST_AD_DAY || day > CopyVectors.LAST_DAY_9999) {
                    general(w, c, vectors[c].getLocalDate(r), ctx);
                    return;
                }
                l.clear();
                CopyVectors.date(l, day);
            }
            case TIMESTAMP -> {
                long micros = d.getLong(r << 3);
                if (micros < CopyVectors.FIRST_AD_MICROS || micros >= CopyVectors.YEAR_10000_MICROS) {
                    general(w, c, micros, ctx);
                    return;
                }
                l.clear();
                CopyVectors.timestamp(l, micros);
            }
            case TIMESTAMPTZ -> {
                long micros = d.getLong(r << 3);
                int offset = fixedOffset(ctx);
                // a time zone of one fixed offset (UTC, say) is rendered here; zones with rules by the registry
                if (offset == NOT_FIXED || micros < CopyVectors.FIRST_AD_MICROS - MICROS_PER_DAY
                        || micros >= CopyVectors.YEAR_10000_MICROS + MICROS_PER_DAY) {
                    general(w, c, micros, ctx);
                    return;
                }
                long local = micros + offset * 1_000_000L;
                if (local < CopyVectors.FIRST_AD_MICROS || local >= CopyVectors.YEAR_10000_MICROS) {
                    general(w, c, micros, ctx);
                    return;
                }
                l.clear();
                CopyVectors.timestamp(l, local);
                offset(l, offset);
            }
        }
        w.utf8(l.bytes(), 0, l.length());
    }

    /** The session's time zone's offset in seconds east when it has one fixed offset, else {@link #NOT_FIXED}. */
    private int fixedOffset(CodecContext ctx) {
        if (ctx != offsetContext) {
            java.time.zone.ZoneRules rules = ctx.timeZone().getRules();
            offsetSeconds = rules.isFixedOffset() ? rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds() : NOT_FIXED;
            offsetContext = ctx;
        }
        return offsetSeconds;
    }

    /** PostgreSQL's EncodeTimezone: {@code +00}, {@code +05:30}, {@code -04:56:02}. */
    private static void offset(CopyLine l, int secondsEast) {
        int a = Math.abs(secondsEast);
        l.ascii(secondsEast < 0 ? '-' : '+');
        l.two(a / 3600);
        int min = a / 60 % 60;
        int sec = a % 60;
        if (min != 0 || sec != 0) {
            l.ascii(':');
            l.two(min);
        }
        if (sec != 0) {
            l.ascii(':');
            l.two(sec);
        }
    }

    /**
     * A value the type registry renders, as the general path reads it from the driver: its text in
     * {@code ctx}, the session's settings (the server is not told of all of them, extra_float_digits
     * among them).
     */
    private void general(RowWriter w, int c, Object duckDbValue, CodecContext ctx) {
        w.text(types[c].text(duckDbValue, ctx));
    }

    private void binary(RowWriter w, int c, int r, CodecContext ctx) {
        ByteBuffer d = data[c];
        switch (kinds[c]) {
            case BOOL -> {
                scratch[0] = (byte) (d.get(r) != 0 ? 1 : 0);
                w.bytes(scratch, 0, 1);
            }
            case INT2 -> w.bytes(scratch, 0, putShort(d.getShort(r << 1)));
            case INT4 -> w.bytes(scratch, 0, putInt(d.getInt(r << 2)));
            case INT8 -> w.bytes(scratch, 0, putLong(d.getLong(r << 3)));
            // the registry writes the raw bits too (float4send, float8send)
            case FLOAT4 -> w.bytes(scratch, 0, putInt(Float.floatToRawIntBits(d.getFloat(r << 2))));
            case FLOAT8 -> w.bytes(scratch, 0, putLong(Double.doubleToRawLongBits(d.getDouble(r << 3))));
            // text's binary form is its UTF-8
            case TEXT -> string(w, d, r);
            case DATE -> {
                int day = d.getInt(r << 2);
                if (day < CopyVectors.FIRST_AD_DAY || day > CopyVectors.LAST_DAY_9999) {
                    types[c].write(w, vectors[c].getLocalDate(r), ctx);
                } else {
                    w.bytes(scratch, 0, putInt(day - CopyVectors.PG_EPOCH_DAY));
                }
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                long micros = d.getLong(r << 3);
                if (micros < CopyVectors.FIRST_AD_MICROS || micros >= CopyVectors.YEAR_10000_MICROS) {
                    types[c].write(w, micros, ctx);
                } else {
                    w.bytes(scratch, 0, putLong(micros - CopyVectors.PG_EPOCH_MICROS));
                }
            }
        }
    }

    /** A string's UTF-8 bytes: its text form and its binary form alike. */
    private void string(RowWriter w, ByteBuffer d, int r) {
        int length = CopyVectors.stringLength(d, r);
        byte[] bytes = length <= CopyVectors.INLINE_STRING ? CopyVectors.inline(d, r, scratch) : CopyVectors.stringBytes(d, r);
        if (w.format() == 0) w.utf8(bytes, 0, length); else w.bytes(bytes, 0, length);
    }

    private int putShort(short v) {
        scratch[0] = (byte) (v >> 8);
        scratch[1] = (byte) v;
        return 2;
    }

    private int putInt(int v) {
        scratch[0] = (byte) (v >> 24);
        scratch[1] = (byte) (v >> 16);
        scratch[2] = (byte) (v >> 8);
        scratch[3] = (byte) v;
        return 4;
    }

    private int putLong(long v) {
        for (int i = 7; i >= 0; i--, v >>= 8) scratch[i] = (byte) v;
        return 8;
    }

    /**
     * The next row's values (after {@link #hasRow}) as the driver's ResultSet reads them for
     * {@link PgColumnType#read}: Boolean, Short, Integer, Long, Float, Double, String, LocalDate,
     * and a timestamp's microseconds as a Long.
     */
    Object[] readRow() {
        int r = next++;
        Object[] row = new Object[kinds.length];
        for (int c = 0; c < kinds.length; c++) {
            if (isNull(c, r)) continue;
            ByteBuffer d = data[c];
            row[c] = switch (kinds[c]) {
                case BOOL -> d.get(r) != 0;
                case INT2 -> d.getShort(r << 1);
                case INT4 -> d.getInt(r << 2);
                case INT8 -> d.getLong(r << 3);
                case FLOAT4 -> d.getFloat(r << 2);
                case FLOAT8 -> d.getDouble(r << 3);
                case TEXT -> {
                    int length = CopyVectors.stringLength(d, r);
                    byte[] bytes = length <= CopyVectors.INLINE_STRING ? CopyVectors.inline(d, r, scratch) : CopyVectors.stringBytes(d, r);
                    yield new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
                }
                case DATE -> vectors[c].getLocalDate(r);
                case TIMESTAMP, TIMESTAMPTZ -> d.getLong(r << 3);
            };
        }
        return row;
    }

    @Override
    public void close() throws SQLException {
        result.close();
    }
}
