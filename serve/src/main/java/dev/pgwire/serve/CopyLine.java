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

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++, p *= 10) POWERS_OF_TEN[i] = p;
    }

    /** The decimal digits of {@code v}, with a minus sign when negative (Long.toString's text). */
    void digits(long v) {
        if (length + 20 > bytes.length) grow(20);
        byte[] b = bytes;
        if (v < 0) {
            b[length++] = '-';
            if (v == Long.MIN_VALUE) {
                // no positive counterpart: its last digit after the others
                digits(-(v / 10));
                bytes[length++] = '8';
                return;
            }
            v = -v;
        }
        int n = 1;
        while (n < 19 && v >= POWERS_OF_TEN[n]) n++;
        int end = length + n;
        int i = end;
        // two digits per division, in int arithmetic once the value fits
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            b[--i] = (byte) ('0' + r % 10);
            b[--i] = (byte) ('0' + r / 10);
            v = q;
        }
        int w = (int) v;
        while (w >= 100) {
            int q = w / 100;
            int r = w - q * 100;
            b[--i] = (byte) ('0' + r % 10);
            b[--i] = (byte) ('0' + r / 10);
            w = q;
        }
        if (w >= 10) {
            b[--i] = (byte) ('0' + w % 10);
            b[--i] = (byte) ('0' + w / 10);
        } else {
            b[--i] = (byte) ('0' + w);
        }
        length = end;
    }

    /** {@code v} (not negative) as exactly {@code width} digits, with leading zeros. */
    void padded(long v, int width) {
        if (length + width > bytes.length) grow(width);
        for (int i = length + width - 1; i >= length; i--, v /= 10) bytes[i] = (byte) ('0' + v % 10);
        length += width;
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
