package dev.pgwire.serve;

import java.util.Arrays;

/**
 * One line of COPY TO's text or csv output, built as UTF-8 bytes (ASCII byte by byte, a lone
 * surrogate, which no DuckDB string holds, as {@code ?}) so that the line reaches its CopyData
 * message as one copy of bytes.
 */
final class CopyLine {
    private byte[] bytes = new byte[256];
    private int length;

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    /** An ASCII character. */
    void ascii(char c) {
        if (length == bytes.length) grow(1);
        bytes[length++] = (byte) c;
    }

    /** All of {@code s}. */
    void append(CharSequence s) {
        int n = s.length();
        if (length + n > bytes.length) grow(n);
        byte[] b = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                length = at;
                for (; i < n; i = utf8(s, i)) { }
                return;
            }
            b[at++] = (byte) c;
        }
        length = at;
    }

    /** The character at {@code i} of {@code s} (with its low surrogate, if any) in UTF-8; the index after it. */
    int utf8(CharSequence s, int i) {
        if (length + 4 > bytes.length) grow(4);
        char c = s.charAt(i);
        byte[] b = bytes;
        if (c < 0x80) {
            b[length++] = (byte) c;
        } else if (c < 0x800) {
            b[length++] = (byte) (0xc0 | (c >> 6));
            b[length++] = (byte) (0x80 | (c & 0x3f));
        } else if (!Character.isSurrogate(c)) {
            b[length++] = (byte) (0xe0 | (c >> 12));
            b[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
            b[length++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(++i));
            b[length++] = (byte) (0xf0 | (cp >> 18));
            b[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            b[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            b[length++] = (byte) (0x80 | (cp & 0x3f));
        } else {
            b[length++] = '?';
        }
        return i + 1;
    }

    /** {@code n} bytes of {@code src} from {@code offset}, as they are. */
    void raw(byte[] src, int offset, int n) {
        if (length + n > bytes.length) grow(n);
        System.arraycopy(src, offset, bytes, length, n);
        length += n;
    }

    /** The decimal digits of {@code v}, with a minus sign when negative (Long.toString's text). */
    void digits(long v) {
        if (length + 20 > bytes.length) grow(20);
        byte[] b = bytes;
        if (v < 0) {
            b[length++] = '-';
            if (v == Long.MIN_VALUE) {
                // no positive counterpart: its last digit first
                digits(-(v / 10));
                b = bytes;
                b[length++] = '8';
                return;
            }
            v = -v;
        }
        int n = 1;
        for (long t = v; t >= 10; t /= 10) n++;
        int end = length + n;
        for (int i = end - 1; i >= length; i--, v /= 10) b[i] = (byte) ('0' + v % 10);
        length = end;
    }

    /** {@code v} (0 to 99) as two digits. */
    void two(int v) {
        if (length + 2 > bytes.length) grow(2);
        bytes[length++] = (byte) ('0' + v / 10);
        bytes[length++] = (byte) ('0' + v % 10);
    }

    /** {@code v} (0 to 9999) as four digits. */
    void four(int v) {
        if (length + 4 > bytes.length) grow(4);
        bytes[length++] = (byte) ('0' + v / 1000);
        bytes[length++] = (byte) ('0' + v / 100 % 10);
        bytes[length++] = (byte) ('0' + v / 10 % 10);
        bytes[length++] = (byte) ('0' + v % 10);
    }

    /** Makes room for {@code n} more bytes. */
    void reserve(int n) {
        if (length + n > bytes.length) grow(n);
    }

    private void grow(int more) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
}
