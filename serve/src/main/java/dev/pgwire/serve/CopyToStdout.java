package dev.pgwire.serve;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.CopyOut;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * COPY … TO STDOUT: the rows of a query, as serve's statement runner streams them in PostgreSQL's
 * text output, become COPY data in PostgreSQL 15's text, csv or binary format, one CopyData
 * message per row as PostgreSQL sends them ({@code copyto.c}: CopyAttributeOutText and
 * CopyAttributeOutCSV escaping, the binary header sent with the first row and the trailer alone).
 * It is the {@link ResultSink} the runner writes to; the client's sink gets the COPY.
 *
 * <p>The runner hands over PostgreSQL's text of each value; in binary the common types in the
 * plain shape PostgreSQL prints them (integers, decimals, ISO dates and timestamps, text) are
 * turned into their binary form directly ({@link PlainNumbers}, {@link IsoDateTime}), anything
 * else goes through the type's text input and binary output as before.
 */
final class CopyToStdout implements ResultSink, RowWriter {
    private final ResultSink client;
    private final CopyOptions options;
    private final List<String> forceQuote;
    private final CodecContext ctx;
    private CopyOut out;
    private int[] oids;
    /** Per column, the binary fast path its type has. */
    private Binary[] binaryKinds;
    private boolean[] quoteColumn;
    private final CopyLine line = new CopyLine();
    private final ByteBuf binary = Unpooled.buffer(256);
    private boolean headerPending;
    private int column;
    private long rows;

    CopyToStdout(ResultSink client, CopyOptions options, CodecContext ctx) {
        this.client = client;
        this.options = options;
        this.forceQuote = options.forceQuote;
        this.ctx = ctx;
    }

    long rows() {
        return rows;
    }

    @Override
    public void describeColumns(List<Column> columns) {
        int n = columns.size();
        oids = new int[n];
        binaryKinds = new Binary[n];
        quoteColumn = new boolean[n];
        for (int i = 0; i < n; i++) {
            oids[i] = columns.get(i).typeOid();
            binaryKinds[i] = Binary.of(oids[i]);
            quoteColumn[i] = options.forceQuoteAll || forceQuote.contains(columns.get(i).name());
        }
        out = client.copyOut(options.format == CopyOptions.Format.BINARY, n);
        if (options.format == CopyOptions.Format.BINARY) {
            binary.writeBytes(CopyBinaryReader.SIGNATURE);
            binary.writeInt(0);
            binary.writeInt(0);
            headerPending = true;
        } else if (options.header != CopyOptions.Header.NONE) {
            for (int i = 0; i < n; i++) {
                if (i > 0) line.ascii((char) options.delimiter);
                if (options.format == CopyOptions.Format.CSV) csv(columns.get(i).name(), false, n == 1); else escapeText(columns.get(i).name());
            }
            line.ascii('\n');
            out.write(line.bytes(), 0, line.length());
            line.clear();
        }
    }

    /** Starts the COPY of a query that returned no columns description (a statement without rows). */
    void ensureStarted() {
        if (out == null) describeColumns(List.of());
    }

    @Override
    public RowWriter row() {
        column = 0;
        if (options.format == CopyOptions.Format.BINARY) {
            if (!headerPending) binary.clear();
            headerPending = false;
            binary.writeShort(oids.length);
        } else {
            line.clear();
        }
        return this;
    }

    @Override
    public RowWriter text(CharSequence value) {
        if (value == null) return nul();
        if (options.format == CopyOptions.Format.BINARY) {
            if (!binaryFast(binaryKinds[column], value)) {
                Object v = PgTypes.REGISTRY.decodeText(oids[column], value.toString(), ctx);
                PgTypes.REGISTRY.encode(oids[column], v, TypeRegistry.BINARY, ctx, binary);
            }
        } else {
            separator();
            if (options.format == CopyOptions.Format.CSV) csv(value, quoteColumn[column], oids.length == 1); else escapeText(value);
        }
        column++;
        return this;
    }

    @Override
    public RowWriter bytes(byte[] value) {
        return text(value == null ? null : new String(value, StandardCharsets.UTF_8));
    }

    @Override
    public RowWriter value(Object value) {
        if (value == null) return nul();
        if (options.format == CopyOptions.Format.BINARY) {
            PgTypes.REGISTRY.encode(oids[column], value, TypeRegistry.BINARY, ctx, binary);
            column++;
            return this;
        }
        return text(PgTypes.REGISTRY.encodeText(oids[column], value, ctx));
    }

    @Override
    public RowWriter nul() {
        if (options.format == CopyOptions.Format.BINARY) {
            binary.writeInt(-1);
        } else {
            separator();
            line.append(options.nullString);
        }
        column++;
        return this;
    }

    private void separator() {
        if (column > 0) line.ascii((char) options.delimiter);
    }

    @Override
    public void end() {
        if (options.format == CopyOptions.Format.BINARY) {
            out.write(binary.array(), binary.arrayOffset() + binary.readerIndex(), binary.readableBytes());
            binary.clear();
        } else {
            line.ascii('\n');
            out.write(line.bytes(), 0, line.length());
        }
        rows++;
    }

    /** The binary fast paths: by the column's type, for values in the plain shape PostgreSQL prints. */
    enum Binary {
        NONE, INT2, INT4, INT8, FLOAT8, DATE, TIMESTAMP, TEXT;

        static Binary of(int oid) {
            if (oid == PgType.INT2.oid()) return INT2;
            if (oid == PgType.INT4.oid()) return INT4;
            if (oid == PgType.INT8.oid()) return INT8;
            if (oid == PgType.FLOAT8.oid()) return FLOAT8;
            if (oid == PgType.DATE.oid()) return DATE;
            if (oid == PgType.TIMESTAMP.oid()) return TIMESTAMP;
            if (oid == PgType.TEXT.oid() || oid == PgType.VARCHAR.oid() || oid == PgType.BPCHAR.oid()) return TEXT;
            return NONE;
        }
    }

    /**
     * Writes {@code value} (PostgreSQL's text of a value of the column's type) in binary, length
     * first, when it has the plain shape; false, with nothing written, otherwise. What it writes is
     * what the type's text input followed by its binary output would.
     */
    private boolean binaryFast(Binary kind, CharSequence value) {
        ByteBuf b = binary;
        switch (kind) {
            case INT2, INT4, INT8 -> {
                long v = PlainNumbers.integer(value, kind == Binary.INT2 ? 4 : kind == Binary.INT4 ? 9 : 18);
                if (v == PlainNumbers.NOT_PLAIN) return false;
                if (kind == Binary.INT2) b.writeInt(2).writeShort((int) v);
                else if (kind == Binary.INT4) b.writeInt(4).writeInt((int) v);
                else b.writeInt(8).writeLong(v);
                return true;
            }
            case FLOAT8 -> {
                double v = PlainNumbers.decimal(value);
                if (Double.isNaN(v)) return false;
                b.writeInt(8).writeLong(Double.doubleToRawLongBits(v));
                return true;
            }
            case DATE -> {
                long day = IsoDateTime.epochDay(value);
                if (day == IsoDateTime.NOT_ISO) return false;
                b.writeInt(4).writeInt((int) (day - IsoDateTime.PG_EPOCH_DAY));
                return true;
            }
            case TIMESTAMP -> {
                long micros = IsoDateTime.epochMicros(value);
                if (micros == IsoDateTime.NOT_ISO) return false;
                b.writeInt(8).writeLong(micros - IsoDateTime.PG_EPOCH_DAY * IsoDateTime.MICROS_PER_DAY);
                return true;
            }
            case TEXT -> {
                // text's input refuses NUL: such a value takes the general path and its error
                for (int i = 0, n = value.length(); i < n; i++) if (value.charAt(i) == 0) return false;
                int at = b.writerIndex();
                b.writeInt(0);
                int len = b.writeCharSequence(value, StandardCharsets.UTF_8);
                b.setInt(at, len);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** PostgreSQL's CopyAttributeOutText: backslash escapes for control characters, backslash and the delimiter. */
    private void escapeText(CharSequence s) {
        char delimiter = (char) options.delimiter;
        int n = s.length();
        int plain = 0;
        while (plain < n) {
            char c = s.charAt(plain);
            if (c < 0x20 || c == '\\' || c == delimiter) break;
            plain++;
        }
        if (plain == n) {
            line.append(s);
            return;
        }
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (c < 0x20) {
                char e = switch (c) {
                    case '\b' -> 'b';
                    case '\f' -> 'f';
                    case '\n' -> 'n';
                    case '\r' -> 'r';
                    case '\t' -> 't';
                    case 0x0b -> 'v';
                    default -> 0;
                };
                if (e == 0 && c != delimiter) {
                    line.ascii(c);
                } else {
                    line.ascii('\\');
                    line.ascii(e == 0 ? c : e);
                }
                i++;
            } else if (c == '\\' || c == delimiter) {
                line.ascii('\\');
                line.ascii(c);
                i++;
            } else {
                i = line.utf8(s, i);
            }
        }
    }

    /** PostgreSQL's CopyAttributeOutCSV: quoted when forced, when it holds special characters or looks like NULL or the end marker. */
    private void csv(CharSequence s, boolean forceQuote, boolean singleColumn) {
        char delimiter = (char) options.delimiter;
        char quote = (char) options.quote;
        char escape = (char) options.escape;
        boolean useQuote = forceQuote || options.nullString.contentEquals(s);
        if (!useQuote) {
            if (singleColumn && "\\.".contentEquals(s)) {
                useQuote = true;
            } else {
                for (int i = 0, n = s.length(); i < n && !useQuote; i++) {
                    char c = s.charAt(i);
                    useQuote = c == delimiter || c == quote || c == '\n' || c == '\r';
                }
            }
        }
        if (!useQuote) {
            line.append(s);
            return;
        }
        line.ascii(quote);
        for (int i = 0, n = s.length(); i < n; ) {
            char c = s.charAt(i);
            if (c == quote || c == escape) line.ascii(escape);
            i = line.utf8(s, i);
        }
        line.ascii(quote);
    }

    @Override
    public void complete(String commandTag) {
        ensureStarted();
        if (options.format == CopyOptions.Format.BINARY) {
            if (!headerPending) binary.clear();
            headerPending = false;
            binary.writeShort(-1);
            out.write(binary.array(), binary.arrayOffset() + binary.readerIndex(), binary.readableBytes());
        }
        client.complete("COPY " + rows);
    }

    @Override
    public void emptyQuery() {
        complete("");
    }

    @Override
    public void notice(String severity, String sqlState, String message) {
        client.notice(severity, sqlState, message);
    }

    @Override
    public void parameterStatus(String name, String value) {
        client.parameterStatus(name, value);
    }

    @Override
    public boolean isCancelled() {
        return client.isCancelled();
    }
}
