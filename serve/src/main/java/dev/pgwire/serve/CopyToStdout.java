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
import java.util.Arrays;
import java.util.List;

/**
 * COPY … TO STDOUT: the rows of a query, as serve's statement runner streams them in PostgreSQL's
 * text output, become COPY data in PostgreSQL 15's text, csv or binary format, one CopyData
 * message per row as PostgreSQL sends them ({@code copyto.c}: CopyAttributeOutText and
 * CopyAttributeOutCSV escaping, the binary header sent with the first row and the trailer alone).
 * It is the {@link ResultSink} the runner writes to; the client's sink gets the COPY.
 *
 * <p>Values arrive as the type registry's Java values ({@link #value}); binary writes their
 * binary form, text and csv their text output — integers, dates and timestamps of the common
 * range rendered here without intermediate strings ({@link PlainText}), the rest by the registry.
 * Values that only have a text form arrive as text ({@link #text}).
 */
final class CopyToStdout implements ResultSink, RowWriter {
    private final ResultSink client;
    private final CopyOptions options;
    private final List<String> forceQuote;
    /** The NULL string in UTF-8, which a csv value equal to it is quoted to differ from. */
    private final byte[] nullBytes;
    private final CodecContext ctx;
    private CopyOut out;
    private int[] oids;
    /** Per column, the typed values it renders without the type registry ({@link PlainText}). */
    private PlainText.Kind[] plainKinds;
    private final PlainText plain = new PlainText();
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
        this.nullBytes = options.nullString == null ? new byte[0] : options.nullString.getBytes(StandardCharsets.UTF_8);
        this.ctx = ctx;
    }

    long rows() {
        return rows;
    }

    @Override
    public void describeColumns(List<Column> columns) {
        int n = columns.size();
        oids = new int[n];
        plainKinds = new PlainText.Kind[n];
        quoteColumn = new boolean[n];
        for (int i = 0; i < n; i++) {
            oids[i] = columns.get(i).typeOid();
            plainKinds[i] = PlainText.Kind.of(oids[i]);
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
            Object v = PgTypes.REGISTRY.decodeText(oids[column], value.toString(), ctx);
            PgTypes.REGISTRY.encode(oids[column], v, TypeRegistry.BINARY, ctx, binary);
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
        CharSequence text = plain.render(plainKinds[column], value);
        return text(text != null ? text : PgTypes.REGISTRY.encodeText(oids[column], value, ctx));
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

    // ------------------------------------------------ the vector path ({@link CopyVectors})

    CopyOptions options() {
        return options;
    }

    boolean binary() {
        return options.format == CopyOptions.Format.BINARY;
    }

    /**
     * Text and csv: the line to which the caller appends a value's text that needs neither escapes
     * nor quotes under these options ({@link CopyVectors#plainTextIsSafe}): after the separator
     * and, for a column of FORCE_QUOTE, the opening quote. {@link #plainDone} ends the value.
     */
    CopyLine plainField() {
        separator();
        if (quoteColumn[column]) line.ascii((char) options.quote);
        return line;
    }

    void plainDone() {
        if (quoteColumn[column]) line.ascii((char) options.quote);
        column++;
    }

    /** Binary: the row's buffer, to which the caller writes a value's length and bytes; {@link #binaryDone} ends it. */
    ByteBuf binaryField() {
        return binary;
    }

    void binaryDone() {
        column++;
    }

    /**
     * A value's text as its UTF-8 bytes: escaped or quoted as {@link #text} would; in binary, as
     * they are for text and varchar (whose binary form they are), through {@link #text} otherwise.
     */
    @Override
    public RowWriter utf8(byte[] b, int offset, int length) {
        if (options.format == CopyOptions.Format.BINARY
                && oids[column] != PgType.TEXT.oid() && oids[column] != PgType.VARCHAR.oid()) {
            return text(new String(b, offset, length, StandardCharsets.UTF_8));
        }
        if (options.format == CopyOptions.Format.BINARY) {
            binary.writeInt(length);
            binary.writeBytes(b, offset, length);
        } else {
            separator();
            if (options.format == CopyOptions.Format.CSV) {
                csv(b, offset, length, quoteColumn[column], oids.length == 1);
            } else {
                escapeText(b, offset, length);
            }
        }
        column++;
        return this;
    }

    /** {@link #escapeText(CharSequence)} over UTF-8 bytes: the delimiter is ASCII, so no byte of a longer character is special. */
    private void escapeText(byte[] b, int offset, int length) {
        int delimiter = options.delimiter;
        int end = offset + length;
        int plain = offset;
        while (plain < end) {
            int c = b[plain];
            if (c >= 0 && (c < 0x20 || c == '\\' || c == delimiter)) break;
            plain++;
        }
        line.raw(b, offset, plain - offset);
        if (plain == end) return;
        line.reserve(2 * (end - plain));
        for (int i = plain; i < end; i++) {
            int c = b[i];
            if (c >= 0 && c < 0x20) {
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
                    line.ascii((char) c);
                } else {
                    line.ascii('\\');
                    line.ascii(e == 0 ? (char) c : e);
                }
            } else if (c == '\\' || c == delimiter) {
                line.ascii('\\');
                line.ascii((char) c);
            } else {
                line.raw(b, i, 1);
            }
        }
    }

    /** {@link #csv(CharSequence, boolean, boolean)} over UTF-8 bytes. */
    private void csv(byte[] b, int offset, int length, boolean forceQuote, boolean singleColumn) {
        int delimiter = options.delimiter;
        int quote = options.quote;
        int escape = options.escape;
        int end = offset + length;
        boolean useQuote = forceQuote || Arrays.equals(b, offset, end, nullBytes, 0, nullBytes.length);
        if (!useQuote) {
            if (singleColumn && length == 2 && b[offset] == '\\' && b[offset + 1] == '.') {
                useQuote = true;
            } else {
                for (int i = offset; i < end && !useQuote; i++) {
                    int c = b[i];
                    useQuote = c == delimiter || c == quote || c == '\n' || c == '\r';
                }
            }
        }
        if (!useQuote) {
            line.raw(b, offset, length);
            return;
        }
        line.reserve(2 * length + 2);
        line.ascii((char) quote);
        for (int i = offset; i < end; i++) {
            int c = b[i];
            if (c == quote || c == escape) line.ascii((char) escape);
            line.raw(b, i, 1);
        }
        line.ascii((char) quote);
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
