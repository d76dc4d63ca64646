package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads COPY FROM's text and csv formats as PostgreSQL 15 does ({@code copyfromparse.c}), from
 * data that arrives in pieces split anywhere: lines end with LF or CR LF; in text format a
 * backslash escapes the next byte (even a newline) and {@code \b \f \n \r \t \v}, octal
 * {@code \NNN} and hex {@code \xHH} are decoded, the NULL string is matched before decoding; in
 * csv a quoted field may hold delimiters and newlines, the escape character doubles the quote,
 * and only an unquoted field equal to the NULL string is NULL (FORCE_NOT_NULL and FORCE_NULL
 * change that per column). A line {@code \.} ends the data. Only the current, unfinished line is
 * held between pieces.
 */
final class CopyTextReader {
    /** PostgreSQL's bad_copy_file_format. */
    static final String BAD_COPY_FILE_FORMAT = "22P04";

    /** Receives each record: its fields (null for SQL NULL) and the number of its last line. */
    interface Records {
        void record(String[] fields, int count, long line, RawLine raw);
    }

    /** The record's bytes, for error messages that quote it (PostgreSQL's CONTEXT). */
    interface RawLine {
        String text();
    }

    private final boolean csv;
    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private final byte[] nullBytes;
    /** Per column: FORCE_NOT_NULL (never NULL) and FORCE_NULL (quoted NULL string is NULL too). */
    private final boolean[] forceNotNull;
    private final boolean[] forceNull;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private byte[] buf = new byte[64 * 1024];
    private int start;
    private int end;
    /** How far the search for the end of the current record has got, and its state there. */
    private int scan;
    private boolean inQuote;
    private long line;
    private boolean finished;
    private String[] fields = new String[16];
    /** The bytes of the record being handed out, for its error messages. */
    private int rawStart;
    private int rawEnd;
    private final RawLine raw = () -> new String(buf, rawStart, rawEnd - rawStart, StandardCharsets.UTF_8);
    private byte[] scratch = new byte[256];

    CopyTextReader(CopyOptions o, boolean[] forceNotNull, boolean[] forceNull) {
        this.csv = o.format == CopyOptions.Format.CSV;
        this.delimiter = o.delimiter;
        this.quote = o.quote;
        this.escape = o.escape;
        this.nullBytes = o.nullString.getBytes(StandardCharsets.UTF_8);
        this.forceNotNull = forceNotNull;
        this.forceNull = forceNull;
    }

    /** The line the next record starts on, less one: the lines read so far. */
    long line() {
        return line;
    }

    /** Whether the end-of-data line {@code \.} has been read (what follows it is ignored). */
    boolean finished() {
        return finished;
    }

    /** Takes the next piece of data; calls {@code out} for every record it completes. */
    void feed(byte[] data, Records out) {
        if (finished) return;
        append(data);
        records(out, false);
    }

    /** The data is complete: a last line without a newline is a record too. */
    void finish(Records out) {
        if (finished) return;
        records(out, true);
        if (start < end) {
            if (csv && inQuote) throw new PgException(BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
            int s = start;
            start = end;
            record(s, end, out, line + 1);
        }
        finished = true;
    }

    private void append(byte[] data) {
        if (end + data.length > buf.length) {
            int live = end - start;
            if (start > 0 && live + data.length <= buf.length) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] bigger = new byte[Math.max(buf.length * 2, live + data.length)];
                System.arraycopy(buf, start, bigger, 0, live);
                buf = bigger;
            }
            scan -= start;
            start = 0;
            end = live;
        }
        System.arraycopy(data, 0, buf, end, data.length);
        end += data.length;
    }

    private void records(Records out, boolean last) {
        if (scan < start) scan = start;
        byte[] b = buf;
        int i = scan;
        while (i < end && !finished) {
            byte c = b[i];
            if (csv) {
                if (inQuote) {
                    if (c == escape && escape != quote && i + 1 < end && (b[i + 1] == quote || b[i + 1] == escape)) {
                        i += 2;
                        continue;
                    }
                    if (c == escape && escape != quote && i + 1 >= end && !last) break; // need the next byte
                    if (c == quote) inQuote = false;
                    if (c == '\n') line++;
                    i++;
                    continue;
                }
                if (c == quote) {
                    inQuote = true;
                    i++;
                    continue;
                }
            } else if (c == '\\') {
                if (i + 1 >= end) {
                    if (last) i++;
                    break; // the escaped byte is in the next piece
                }
                if (b[i + 1] == '\n') line++;
                i += 2;
                continue;
            }
            if (c == '\n') {
                int recordEnd = i > start && b[i - 1] == '\r' ? i - 1 : i;
                line++;
                int s = start;
                start = i + 1;
                record(s, recordEnd, out, line);
                i = start;
                continue;
            }
            i++;
        }
        scan = i;
    }

    private void record(int s, int e, Records out, long lineNo) {
        if (e - s == 2 && buf[s] == '\\' && buf[s + 1] == '.') {
            finished = true;
            return;
        }
        int n = csv ? splitCsv(s, e) : splitText(s, e);
        rawStart = s;
        rawEnd = e;
        out.record(fields, n, lineNo, raw);
    }

    private int splitText(int s, int e) {
        byte[] b = buf;
        int n = 0;
        int i = s;
        while (true) {
            int fieldStart = i;
            boolean escaped = false;
            while (i < e && b[i] != delimiter) {
                if (b[i] == '\\') {
                    escaped = true;
                    i = Math.min(e, i + 2);
                } else {
                    i++;
                }
            }
            put(n++, isNull(fieldStart, i) ? null : escaped ? unescape(fieldStart, i) : string(b, fieldStart, i - fieldStart));
            if (i >= e) return n;
            i++; // the delimiter
        }
    }

    private boolean isNull(int s, int e) {
        int len = e - s;
        if (len != nullBytes.length) return false;
        for (int k = 0; k < len; k++) if (buf[s + k] != nullBytes[k]) return false;
        return true;
    }

    private String unescape(int s, int e) {
        byte[] b = buf;
        byte[] out = scratch.length >= e - s ? scratch : (scratch = new byte[e - s]);
        int o = 0;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c != '\\' || i + 1 >= e) {
                out[o++] = c;
                continue;
            }
            byte x = b[++i];
            switch (x) {
                case 'b' -> out[o++] = '\b';
                case 'f' -> out[o++] = '\f';
                case 'n' -> out[o++] = '\n';
                case 'r' -> out[o++] = '\r';
                case 't' -> out[o++] = '\t';
                case 'v' -> out[o++] = 0x0b;
                case 'x' -> {
                    int v = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < e && Character.digit(b[i + 1], 16) >= 0) {
                        v = v * 16 + Character.digit(b[++i], 16);
                        digits++;
                    }
                    out[o++] = digits == 0 ? (byte) 'x' : (byte) v;
                }
                default -> {
                    if (x >= '0' && x <= '7') {
                        int v = x - '0';
                        for (int k = 0; k < 2 && i + 1 < e && b[i + 1] >= '0' && b[i + 1] <= '7'; k++) v = v * 8 + (b[++i] - '0');
                        out[o++] = (byte) v;
                    } else {
                        out[o++] = x;
                    }
                }
            }
        }
        for (int k = 0; k < o; k++) if (out[k] == 0) throw invalidByte(new byte[] {0});
        return string(out, 0, o);
    }

    private int splitCsv(int s, int e) {
        byte[] b = buf;
        int n = 0;
        int i = s;
        while (true) {
            int fieldStart = i;
            boolean quoted = false;
            boolean simple = true;
            int o = 0;
            byte[] out = scratch.length >= e - s ? scratch : (scratch = new byte[e - s]);
            while (i < e) {
                byte c = b[i];
                if (c == delimiter) break;
                if (c == quote) {
                    quoted = true;
                    simple = false;
                    i++;
                    while (true) {
                        if (i >= e) throw new PgException(BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
                        byte q = b[i];
                        if (q == escape && i + 1 < e && (b[i + 1] == quote || b[i + 1] == escape) && (escape != quote || b[i + 1] == quote)) {
                            out[o++] = b[i + 1];
                            i += 2;
                            continue;
                        }
                        if (q == quote) {
                            i++;
                            break;
                        }
                        out[o++] = q;
                        i++;
                    }
                    continue;
                }
                out[o++] = c;
                i++;
            }
            int column = n;
            String value;
            if (!quoted && isNull(fieldStart, i) && !flag(forceNotNull, column)) {
                value = null;
            } else if (simple) {
                value = string(b, fieldStart, i - fieldStart);
            } else {
                value = string(out, 0, o);
                if (quoted && flag(forceNull, column) && value.equals(new String(nullBytes, StandardCharsets.UTF_8))) value = null;
            }
            put(n++, value);
            if (i >= e) return n;
            i++;
        }
    }

    private static boolean flag(boolean[] flags, int column) {
        return flags != null && column < flags.length && flags[column];
    }

    private void put(int i, String v) {
        if (i == fields.length) fields = Arrays.copyOf(fields, fields.length * 2);
        fields[i] = v;
    }

    /** UTF-8 text, refused with PostgreSQL's 22021 when it is not valid UTF-8. */
    private String string(byte[] b, int off, int len) {
        // the JDK's decoder (vectorised for ASCII) marks what is not UTF-8 with U+FFFD; only then,
        // or for a real U+FFFD, the strict decoder decides
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') < 0) return s;
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(b, off, len));
            return chars.toString();
        } catch (CharacterCodingException e) {
            int k = off;
            while (k < off + len && b[k] >= 0) k++;
            throw invalidByte(Arrays.copyOfRange(b, k, Math.min(off + len, k + 2)));
        }
    }

    private static PgException invalidByte(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte x : bytes) {
            if (hex.length() > 0) hex.append(' ');
            hex.append(String.format("0x%02x", x & 0xff));
        }
        return new PgException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": " + hex);
    }
}
