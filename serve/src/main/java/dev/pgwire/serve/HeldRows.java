package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.server.spi.RowWriter;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * The rest of a suspended portal's rows once DuckDB's result had to be let go (DuckDB runs one
 * streamed result per connection, and another statement was about to run). The first
 * {@link #MEMORY_ROWS} rows stay in memory as the values the portal read; the rest go to a
 * temporary file, so a portal left suspended over a large result holds a bounded number of rows in
 * memory however many remain.
 *
 * <p>A value in the file is its PostgreSQL text, written in the session's settings of the moment
 * with floats in their shortest exact form, and read back through the type registry into the
 * value it was, which the client's format and the session's settings at the later Execute then
 * render, as PostgreSQL renders a cursor's rows when they are fetched. Values that only have a
 * text form ({@link PgColumnType.Literal}) are kept as that text. The file is readable only by
 * its owner and deleted when the rows are closed (or as soon as it is open, where the system
 * allows).
 */
final class HeldRows implements AutoCloseable {
    /** Rows kept in memory before the rest goes to the file. */
    static final int MEMORY_ROWS = 1000;
    private static final int BUFFER = 64 * 1024;
    private static final byte NULL = 0;
    private static final byte VALUE = 1;
    private static final byte LITERAL = 2;
    /** A literal with its binary form too (a composite or enum value): the text, then the binary. */
    private static final byte LITERAL_BINARY = 3;

    private final PgColumnType[] types;
    private final ArrayDeque<Object[]> memory = new ArrayDeque<>();
    /** Settings the file's text was written in, and is read back in. */
    private CodecContext fileContext;
    private FileChannel file;
    private DataOutputStream out;
    private DataInputStream in;
    private long inFile;
    private long peakInMemory;

    HeldRows(PgColumnType[] types) {
        this.types = types;
    }

    /** Keeps a row of values as {@link PgColumnType#read} returned them; {@code ctx}: the session's settings now. */
    void add(Object[] row, CodecContext ctx) throws IOException {
        if (file == null && memory.size() < MEMORY_ROWS) {
            memory.add(row);
            peakInMemory = Math.max(peakInMemory, memory.size());
            return;
        }
        if (in != null) throw new IllegalStateException("rows are being read");
        if (file == null) open(ctx);
        for (int i = 0; i < types.length; i++) {
            Object v = row[i];
            if (v == null) {
                out.writeByte(NULL);
                continue;
            }
            Object pg = types[i].pgValue(v, fileContext);
            String text;
            if (pg instanceof PgColumnType.Literal l) {
                out.writeByte(l.binary() == null ? LITERAL : LITERAL_BINARY);
                text = l.text();
                if (l.binary() != null) {
                    out.writeInt(l.binary().length);
                    out.write(l.binary());
                }
            } else {
                out.writeByte(VALUE);
                text = PgTypes.REGISTRY.encodeText(types[i].pgType.oid(), pg, fileContext);
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        inFile++;
    }

    private void open(CodecContext ctx) throws IOException {
        fileContext = ctx.withExtraFloatDigits(Math.max(1, ctx.extraFloatDigits()));
        Path path = Files.createTempFile("pgwire-portal-", ".rows");
        try {
            file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        try {
            Files.deleteIfExists(path); // the open channel keeps the data where the system allows this
        } catch (IOException e) {
            // deleted on close instead
        }
        out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(file), BUFFER));
    }

    /** Rows held as objects in memory now. */
    int inMemory() {
        return memory.size();
    }

    /** The most rows ever held in memory at once. */
    long peakInMemory() {
        return peakInMemory;
    }

    /** Rows in the file not read yet. */
    long inFile() {
        return inFile;
    }

    boolean isEmpty() {
        return memory.isEmpty() && inFile == 0;
    }

    /** Writes the next row into {@code w} (ended by the caller); false when there are no more. */
    boolean writeNext(RowWriter w, CodecContext ctx) {
        Object[] row = memory.poll();
        if (row != null) {
            for (int i = 0; i < types.length; i++) types[i].write(w, row[i], ctx);
            return true;
        }
        if (inFile == 0) return false;
        try {
            if (in == null) {
                out.flush();
                file.position(0);
                in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(file), BUFFER));
            }
            for (int i = 0; i < types.length; i++) {
                byte tag = in.readByte();
                if (tag == NULL) {
                    w.nul();
                    continue;
                }
                byte[] binary = null;
                if (tag == LITERAL_BINARY) {
                    binary = new byte[in.readInt()];
                    in.readFully(binary);
                }
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                String text = new String(bytes, StandardCharsets.UTF_8);
                if (binary != null && w.format() != 0) {
                    w.bytes(binary);
                } else if (tag != VALUE) {
                    w.text(text);
                } else {
                    w.value(PgTypes.REGISTRY.decodeText(types[i].pgType.oid(), text, fileContext));
                }
            }
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not read a suspended portal's rows back: " + e.getMessage(), e);
        }
        inFile--;
        return true;
    }

    @Override
    public void close() {
        memory.clear();
        inFile = 0;
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // nothing is left to do with it
            }
            file = null;
            out = null;
            in = null;
        }
    }
}
