package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Reads COPY FROM's binary format (PostgreSQL's {@code PGCOPY} file layout): the signature, flags
 * and header extension, then per tuple a field count and each field as a length (-1 for NULL) and
 * its value in the type's binary format, ended by a field count of -1. Data arrives in pieces split
 * anywhere; only the current, unfinished tuple is held between pieces. Values are decoded by the
 * type registry's binary codecs, as PostgreSQL's receive functions read them.
 */
final class CopyBinaryReader {
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    /** Receives each tuple's fields: the value's bytes at the reader index of {@code in}, or length -1. */
    interface Tuples {
        /** Starts tuple number {@code tuple} (1-based) with {@code fields} fields. */
        void begin(int fields, long tuple);

        /** Field {@code column}: {@code length} bytes (or -1 for NULL) at the reader index of {@code in}, to be consumed. */
        void field(int column, ByteBuf in, int length);

        void end();
    }

    private final ByteBuf buf = Unpooled.buffer(64 * 1024);
    private boolean headerRead;
    private boolean finished;
    private long tuples;

    long tuples() {
        return tuples;
    }

    void feed(byte[] data, Tuples out) {
        if (finished) return;
        buf.discardReadBytes();
        buf.writeBytes(data);
        if (!headerRead && !readHeader()) return;
        while (!finished && completeTuple()) {
            short n = buf.readShort();
            if (n == -1) {
                finished = true;
                break;
            }
            tuples++;
            out.begin(n, tuples);
            for (int i = 0; i < n; i++) {
                int len = buf.readInt();
                int at = buf.readerIndex();
                out.field(i, buf, len);
                buf.readerIndex(at + Math.max(0, len));
            }
            out.end();
        }
    }

    void finish() {
        if (!headerRead) throw bad("COPY file signature not recognized");
        if (!finished) throw bad("unexpected EOF in COPY data");
    }

    private boolean readHeader() {
        if (buf.readableBytes() < SIGNATURE.length + 8) return false;
        for (byte b : SIGNATURE) if (buf.readByte() != b) throw bad("COPY file signature not recognized");
        int flags = buf.readInt();
        if ((flags & (1 << 16)) != 0) throw bad("invalid COPY file header (WITH OIDS)");
        if ((flags & 0xffff0000 & ~(1 << 16)) != 0) throw bad("unrecognized critical flags in COPY file header");
        int ext = buf.readInt();
        if (ext < 0) throw bad("invalid COPY file header (missing length)");
        if (buf.readableBytes() < ext) {
            buf.readerIndex(0);
            return false;
        }
        buf.skipBytes(ext);
        headerRead = true;
        return true;
    }

    /** Whether a whole tuple (or the trailer) is buffered from the reader index. */
    private boolean completeTuple() {
        int at = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - at < 2) return false;
        short n = buf.getShort(at);
        if (n == -1) return true;
        if (n < 0) throw bad("row field count is " + n + ", expected a non-negative count");
        int p = at + 2;
        for (int i = 0; i < n; i++) {
            if (end - p < 4) return false;
            int len = buf.getInt(p);
            if (len < -1) throw bad("invalid field size");
            p += 4 + Math.max(0, len);
            if (p > end) return false;
        }
        return true;
    }

    private static PgException bad(String message) {
        return new PgException(CopyTextReader.BAD_COPY_FILE_FORMAT, message);
    }
}
