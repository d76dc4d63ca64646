package dev.pgwire.serve;

import dev.pgwire.protocol.types.CodecContext;
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
 */
final class CopyToStdout implements ResultSink, RowWriter {
    private final ResultSink client;
    private final CopyOptions options;
    private final List<String> forceQuote;
    private final CodecContext ctx;
    private CopyOut out;
    private int[] oids;
    private boolean[] quoteColumn;
    private final StringBuilder line = new StringBuilder(256);
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
        quoteColumn = new boolean[n];
        for (int i = 0; i < n; i++) {
            oids[i] = columns.get(i).typeOid();
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
                if (i > 0) line.append((char) options.delimiter);
                if (options.format == CopyOptions.Format.CSV) csv(columns.get(i).name(), false, n == 1); else escapeText(columns.get(i).name());
            }
            line.append('\n');
            out.write(line);
            line.setLength(0);
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
            line.setLength(0);
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
        if (column > 0) line.append((char) options.delimiter);
    }

    @Override
    public void end() {
        if (options.format == CopyOptions.Format.BINARY) {
            out.write(binary.array(), binary.arrayOffset() + binary.readerIndex(), binary.readableBytes());
            binary.clear();
        } else {
            line.append('\n');
            out.write(line);
        }
        rows++;
    }

    /** PostgreSQL's CopyAttributeOutText: backslash escapes for control characters, backslash and the delimiter. */
    private void escapeText(CharSequence s) {
        char delimiter = (char) options.delimiter;
        for (int i = 0, n = s.length(); i < n; i++) {
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
                    line.append(c);
                    continue;
                }
                line.append('\\').append(e == 0 ? c : e);
            } else if (c == '\\' || c == delimiter) {
                line.append('\\').append(c);
            } else {
                line.append(c);
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
        line.append(quote);
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == quote || c == escape) line.append(escape);
            line.append(c);
        }
        line.append(quote);
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
