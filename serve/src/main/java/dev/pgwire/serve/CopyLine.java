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

    private void grow(int more) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
}
