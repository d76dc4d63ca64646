package dev.pgwire.serve;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgType;
import io.netty.buffer.ByteBuf;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBReadableVector;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * COPY TO STDOUT read straight from DuckDB's result vectors: a chunk of up to 2048 rows at a time
 * ({@link DuckDBChunkedResult}), each value taken from its vector's memory as the number DuckDB
 * keeps (a long, epoch days, epoch microseconds, a string's UTF-8 bytes) and written as
 * PostgreSQL's text, csv or binary form without a Java object per value.
 *
 * <p>It takes a COPY whose columns are all booleans, integers, floats, text, dates or timestamps
 * that reach the client as their own PostgreSQL type ({@link #kinds}); any other COPY goes the
 * general way (the driver's ResultSet and the type registry). Within those columns the values
 * rendered here are the common ones — integers, float8 of up to 15 significant digits between
 * 1e-4 and 1e15, dates and timestamps of years 1 to 9999 in DateStyle ISO; the others (infinities,
 * BC, NaN, a time zone to apply, float4's text) become the value the general path reads and go to
 * the type registry, so every value comes out as the general path writes it.
 *
 * <p>The vectors' memory is read through the driver's own private fields (its public getters
 * allow no timestamps as numbers and no string bytes): when a driver version lacks them,
 * {@link #available} is false and every COPY goes the general way. The same holds for the
 * result's error check: DuckDB streams the result, and a query that fails after its first chunk
 * ends the chunks as if it were done, so the error is asked for after the last one.
 */
final class CopyVectors {
    /** How a column's values are read and written. */
    enum Kind {
        BOOL(DuckDBColumnType.BOOLEAN), INT2(DuckDBColumnType.SMALLINT), INT4(DuckDBColumnType.INTEGER),
        INT8(DuckDBColumnType.BIGINT), FLOAT4(DuckDBColumnType.FLOAT), FLOAT8(DuckDBColumnType.DOUBLE),
        TEXT(DuckDBColumnType.VARCHAR), DATE(DuckDBColumnType.DATE), TIMESTAMP(DuckDBColumnType.TIMESTAMP),
        TIMESTAMPTZ(DuckDBColumnType.TIMESTAMP_WITH_TIME_ZONE);

        final DuckDBColumnType duckDb;

        Kind(DuckDBColumnType duckDb) {
            this.duckDb = duckDb;
        }
    }

    static final VarHandle DATA;
    static final VarHandle VALIDITY;
    private static final MethodHandle STRING_BYTES;
    /** A streamed result ends without a chunk also when the query failed on the way: this says which. */
    private static final MethodHandle CHECK_ERROR;

    static {
        VarHandle data = null;
        VarHandle validity = null;
        MethodHandle string = null;
        MethodHandle checkError = null;
        try {
            checkError = MethodHandles.privateLookupIn(DuckDBChunkedResult.class, MethodHandles.lookup())
                    .findVirtual(DuckDBChunkedResult.class, "checkError", MethodType.methodType(void.class));
            MethodHandles.Lookup vector = MethodHandles.privateLookupIn(DuckDBReadableVector.class, MethodHandles.lookup());
            data = vector.findVarHandle(DuckDBReadableVector.class, "data", ByteBuffer.class);
            validity = vector.findVarHandle(DuckDBReadableVector.class, "validity", ByteBuffer.class);
            Class<?> bindings = Class.forName("org.duckdb.DuckDBBindings");
            string = MethodHandles.privateLookupIn(bindings, MethodHandles.lookup()).findStatic(bindings,
                    "duckdb_vector_get_string", MethodType.methodType(byte[].class, ByteBuffer.class, long.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            data = null;
        }
        DATA = data;
        VALIDITY = validity;
        STRING_BYTES = string;
        CHECK_ERROR = checkError;
    }

    /** DuckDB's strings of up to this many bytes are stored in the vector itself. */
    static final int INLINE_STRING = 12;
    private static final int STRING_WIDTH = 16;
    /** 0001-01-01 and 9999-12-31 as days from 1970-01-01; 2000-01-01, PostgreSQL's epoch. */
    static final int FIRST_AD_DAY = -719_162;
    static final int LAST_DAY_9999 = 2_932_896;
    static final int PG_EPOCH_DAY = 10_957;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    static final long FIRST_AD_MICROS = FIRST_AD_DAY * MICROS_PER_DAY;
    static final long YEAR_10000_MICROS = (LAST_DAY_9999 + 1L) * MICROS_PER_DAY;
    static final long PG_EPOCH_MICROS = PG_EPOCH_DAY * MICROS_PER_DAY;
    private static final double[] POWERS_OF_TEN = new double[20];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++, p *= 10) POWERS_OF_TEN[i] = p;
    }

    private CopyVectors() {}

    static boolean available() {
        return DATA != null && CHECK_ERROR != null;
    }

    /**
     * The kinds of a result's columns, or null when one of them (or the options) needs the general
     * path: a column qualifies when DuckDB's type reaches the client as its own PostgreSQL type,
     * unconverted (a bigint as int8, not as an oid or a narrowed int4).
     */
    static Kind[] kinds(PgColumnType[] types, CopyOptions options) {
        if (options.format != CopyOptions.Format.BINARY && !plainTextIsSafe(options)) return null;
        return kinds(types);
    }

    /** The kinds of a result's columns, or null when one of them needs the general path. */
    static Kind[] kinds(PgColumnType[] types) {
        if (!available() || types.length == 0) return null;
        Kind[] kinds = new Kind[types.length];
        for (int i = 0; i < types.length; i++) {
            kinds[i] = kind(types[i]);
            if (kinds[i] == null) return null;
        }
        return kinds;
    }

    private static Kind kind(PgColumnType t) {
        String duck = t.duckDbType.trim().toUpperCase(Locale.ROOT);
        int oid = t.pgType.oid();
        return switch (duck) {
            case "BOOLEAN" -> oid == PgType.BOOL.oid() ? Kind.BOOL : null;
            case "SMALLINT" -> oid == PgType.INT2.oid() ? Kind.INT2 : null;
            case "INTEGER" -> oid == PgType.INT4.oid() ? Kind.INT4 : null;
            case "BIGINT" -> oid == PgType.INT8.oid() ? Kind.INT8 : null;
            case "FLOAT" -> oid == PgType.FLOAT4.oid() ? Kind.FLOAT4 : null;
            case "DOUBLE" -> oid == PgType.FLOAT8.oid() ? Kind.FLOAT8 : null;
            // text and varchar(n) print DuckDB's string as it is (char(n) pads, json and the rest differ)
            case "VARCHAR" -> oid == PgType.TEXT.oid() || oid == PgType.VARCHAR.oid() ? Kind.TEXT : null;
            case "DATE" -> oid == PgType.DATE.oid() ? Kind.DATE : null;
            case "TIMESTAMP" -> oid == PgType.TIMESTAMP.oid() ? Kind.TIMESTAMP : null;
            case "TIMESTAMP WITH TIME ZONE" -> oid == PgType.TIMESTAMPTZ.oid() ? Kind.TIMESTAMPTZ : null;
            default -> null;
        };
    }

    /**
     * Whether numbers, dates and timestamps print without escapes or quotes under these text or
     * csv options: no delimiter, quote or escape character that such a value may hold, and no NULL
     * string that may equal one (PostgreSQL quotes a csv value equal to the NULL string).
     */
    static boolean plainTextIsSafe(CopyOptions options) {
        if (!safeCharacter(options.delimiter)) return false;
        if (options.format == CopyOptions.Format.CSV && (!safeCharacter(options.quote) || !safeCharacter(options.escape))) {
            return false;
        }
        if (options.format == CopyOptions.Format.TEXT) return true;
        String nul = options.nullString;
        if (nul.isEmpty()) return true;
        for (int i = 0; i < nul.length(); i++) {
            if (!valueCharacter(nul.charAt(i))) return true;
        }
        return false;
    }

    private static boolean safeCharacter(int c) {
        return c > 0 && c < 0x80 && !valueCharacter((char) c);
    }

    /** The characters of booleans, numbers (NaN, Infinity, exponents), dates and timestamps (BC, time zones). */
    private static boolean valueCharacter(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '+' || c == '.'
                || c == ':' || c == ' ';
    }

    /**
     * Writes every row of {@code result} to {@code out} (whose columns are described); the
     * statement's rows.
     */
    static void copy(DuckDBChunkedResult result, Kind[] kinds, PgColumnType[] types, CopyToStdout out, CodecContext ctx,
                     BooleanSupplier cancelled) throws SQLException {
        int n = kinds.length;
        boolean binary = out.binary();
        boolean plainFloats = ctx.extraFloatDigits() > 0;
        ByteBuffer[] data = new ByteBuffer[n];
        ByteBuffer[] validity = new ByteBuffer[n];
        DuckDBReadableVector[] vectors = new DuckDBReadableVector[n];
        byte[] inline = new byte[INLINE_STRING];
        while (result.nextChunk()) {
            if (cancelled.getAsBoolean() || out.isCancelled()) throw ErrorMapper.canceled();
            DuckDBDataChunkReader chunk = result.chunk();
            int rows = Math.toIntExact(chunk.rowCount());
            for (int c = 0; c < n; c++) {
                DuckDBReadableVector v = chunk.vector(c);
                if (v.getType() != kinds[c].duckDb) {
                    throw new IllegalStateException("column " + (c + 1) + " is " + v.getType() + ", expected " + kinds[c].duckDb);
                }
                vectors[c] = v;
                data[c] = nativeOrder((ByteBuffer) DATA.get(v));
                ByteBuffer valid = (ByteBuffer) VALIDITY.get(v);
                validity[c] = valid == null ? null : nativeOrder(valid);
            }
            for (int r = 0; r < rows; r++) {
                out.row();
                for (int c = 0; c < n; c++) {
                    ByteBuffer valid = validity[c];
                    if (valid != null && (valid.getLong((r >>> 6) << 3) & (1L << (r & 63))) == 0) {
                        out.nul();
                    } else if (binary) {
                        binary(kinds[c], data[c], vectors[c], r, types[c], out, ctx, inline);
                    } else {
                        text(kinds[c], data[c], vectors[c], r, types[c], out, ctx, inline, plainFloats);
                    }
                }
                out.end();
            }
        }
        checkError(result);
    }

    static void checkError(DuckDBChunkedResult result) throws SQLException {
        try {
            CHECK_ERROR.invokeExact(result);
        } catch (SQLException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static ByteBuffer nativeOrder(ByteBuffer b) {
        return b.order() == ByteOrder.nativeOrder() ? b : b.duplicate().order(ByteOrder.nativeOrder());
    }

    private static void text(Kind kind, ByteBuffer data, DuckDBReadableVector vector, int r, PgColumnType type,
                             CopyToStdout out, CodecContext ctx, byte[] inline, boolean plainFloats) {
        switch (kind) {
            case BOOL -> {
                out.plainField().ascii(data.get(r) != 0 ? 't' : 'f');
                out.plainDone();
            }
            case INT2 -> {
                out.plainField().digits(data.getShort(r << 1));
                out.plainDone();
            }
            case INT4 -> {
                out.plainField().digits(data.getInt(r << 2));
                out.plainDone();
            }
            case INT8 -> {
                out.plainField().digits(data.getLong(r << 3));
                out.plainDone();
            }
            case FLOAT8 -> {
                double v = data.getDouble(r << 3);
                int decimals = plainFloats ? plainDecimals(v) : -1;
                if (decimals >= 0) {
                    plainFloat(out.plainField(), v, decimals);
                    out.plainDone();
                } else {
                    general(type, v, out, ctx);
                }
            }
            case FLOAT4 -> general(type, data.getFloat(r << 2), out, ctx);
            case TEXT -> string(data, vector, r, out, inline);
            case DATE -> {
                int day = data.getInt(r << 2);
                if (day >= FIRST_AD_DAY && day <= LAST_DAY_9999) {
                    date(out.plainField(), day);
                    out.plainDone();
                } else {
                    general(type, vector.getLocalDate(r), out, ctx);
                }
            }
            case TIMESTAMP -> {
                long micros = data.getLong(r << 3);
                if (micros >= FIRST_AD_MICROS && micros < YEAR_10000_MICROS) {
                    timestamp(out.plainField(), micros);
                    out.plainDone();
                } else {
                    general(type, micros, out, ctx);
                }
            }
            // the session's time zone applies: the registry's
            case TIMESTAMPTZ -> general(type, data.getLong(r << 3), out, ctx);
        }
    }

    private static void binary(Kind kind, ByteBuffer data, DuckDBReadableVector vector, int r, PgColumnType type,
                               CopyToStdout out, CodecContext ctx, byte[] inline) {
        ByteBuf b = out.binaryField();
        switch (kind) {
            case BOOL -> {
                b.writeInt(1);
                b.writeByte(data.get(r) != 0 ? 1 : 0);
            }
            case INT2 -> {
                b.writeInt(2);
                b.writeShort(data.getShort(r << 1));
            }
            case INT4 -> {
                b.writeInt(4);
                b.writeInt(data.getInt(r << 2));
            }
            case INT8 -> {
                b.writeInt(8);
                b.writeLong(data.getLong(r << 3));
            }
            // the registry writes the raw bits too (float4send, float8send)
            case FLOAT4 -> {
                b.writeInt(4);
                b.writeInt(Float.floatToRawIntBits(data.getFloat(r << 2)));
            }
            case FLOAT8 -> {
                b.writeInt(8);
                b.writeLong(Double.doubleToRawLongBits(data.getDouble(r << 3)));
            }
            case TEXT -> {
                string(data, vector, r, out, inline);
                return;
            }
            case DATE -> {
                int day = data.getInt(r << 2);
                if (day < FIRST_AD_DAY || day > LAST_DAY_9999) {
                    general(type, vector.getLocalDate(r), out, ctx);
                    return;
                }
                b.writeInt(4);
                b.writeInt(day - PG_EPOCH_DAY);
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                long micros = data.getLong(r << 3);
                if (micros < FIRST_AD_MICROS || micros >= YEAR_10000_MICROS) {
                    general(type, micros, out, ctx);
                    return;
                }
                b.writeInt(8);
                b.writeLong(micros - PG_EPOCH_MICROS);
            }
        }
        out.binaryDone();
    }

    /** A value the type registry writes, as the general path reads it from the driver. */
    private static void general(PgColumnType type, Object duckDbValue, CopyToStdout out, CodecContext ctx) {
        type.write(out, duckDbValue, ctx);
    }

    /**
     * A string (DuckDB's {@code string_t}: its length, then up to 12 bytes in place or a prefix and
     * a pointer) as its UTF-8 bytes.
     */
    private static void string(ByteBuffer data, DuckDBReadableVector vector, int r, CopyToStdout out, byte[] inline) {
        int length = data.getInt(r * STRING_WIDTH);
        if (length <= INLINE_STRING) {
            out.utf8(inline(data, r, inline), 0, length);
            return;
        }
        byte[] bytes = stringBytes(data, r);
        out.utf8(bytes, 0, bytes.length);
    }

    /** The byte length of row r's string. */
    static int stringLength(ByteBuffer data, int r) {
        return data.getInt(r * STRING_WIDTH);
    }

    /** Row r's string of at most {@link #INLINE_STRING} bytes, copied into {@code into}. */
    static byte[] inline(ByteBuffer data, int r, byte[] into) {
        int at = r * STRING_WIDTH;
        data.get(at + 4, into, 0, data.getInt(at));
        return into;
    }

    /** Row r's string (of any length) as a new array of its UTF-8 bytes. */
    static byte[] stringBytes(ByteBuffer data, int r) {
        try {
            return (byte[]) STRING_BYTES.invokeExact(data, (long) r);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** YYYY-MM-DD of a day from 1970-01-01 in years 1 to 9999 (the proleptic Gregorian calendar PostgreSQL uses). */
    static void date(CopyLine line, int epochDay) {
        // days_from_civil inverted (H. Hinnant), in eras of 400 years from 0000-03-01
        int z = epochDay + 719_468;
        int era = Math.floorDiv(z, 146_097);
        int doe = z - era * 146_097;
        int yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int day = doy - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        line.four(year);
        line.ascii('-');
        line.two(month);
        line.ascii('-');
        line.two(day);
    }

    /** YYYY-MM-DD HH:MM:SS[.ffffff] (trailing zeros of the fraction dropped) of microseconds from 1970 in years 1 to 9999. */
    static void timestamp(CopyLine line, long epochMicros) {
        long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
        long time = epochMicros - day * MICROS_PER_DAY;
        date(line, (int) day);
        int seconds = (int) (time / 1_000_000);
        int micros = (int) (time % 1_000_000);
        line.ascii(' ');
        line.two(seconds / 3600);
        line.ascii(':');
        line.two(seconds / 60 % 60);
        line.ascii(':');
        line.two(seconds % 60);
        if (micros != 0) {
            int digits = 6;
            while (micros % 10 == 0) {
                micros /= 10;
                digits--;
            }
            line.ascii('.');
            line.padded(micros, digits);
        }
    }

    /**
     * Where float8's shortest text (extra_float_digits above 0) has at most 15 significant digits
     * and v lies between 1e-4 and 1e15 (PostgreSQL prints it without an exponent there): the
     * number of its decimals, or -1 for any other value. It is the fewest decimals k for which an
     * integer N reads back as N / 10^k == v: N (below 10^15 < 2^53) and 10^k are exact doubles, so
     * the division rounds once, as reading the decimal does; and a decimal of at most 15 digits is
     * the only one that short between v's neighbours, so it is also the closest, as PostgreSQL's
     * Ryu chooses.
     */
    static int plainDecimals(double v) {
        double a = Math.abs(v);
        if (a == 0) return 0;
        if (!(a >= 1e-4 && a < 1e15)) return -1;
        for (int k = 0; k < POWERS_OF_TEN.length; k++) {
            double scaled = a * POWERS_OF_TEN[k];
            if (scaled >= 1e15) return -1;
            if (Math.round(scaled) / POWERS_OF_TEN[k] == a) return k;
        }
        return -1;
    }

    /** float8's text with the decimals {@link #plainDecimals} found, e.g. 123.45, 0.0005, -0. */
    static void plainFloat(CopyLine line, double v, int decimals) {
        if (Double.doubleToRawLongBits(v) < 0) line.ascii('-');
        long digits = Math.round(Math.abs(v) * POWERS_OF_TEN[decimals]);
        if (decimals == 0) {
            line.digits(digits);
            return;
        }
        long unit = 1;
        for (int i = 0; i < decimals; i++) unit *= 10;
        line.digits(digits / unit);
        line.ascii('.');
        line.padded(digits % unit, decimals);
    }
}
