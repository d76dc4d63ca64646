package dev.pgwire.serve.functions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * encode(bytea, format) and decode(text, format) for PostgreSQL 15's formats hex, base64 (lines of 76
 * characters) and escape. Bytes cross into and out of DuckDB as hex text: DuckDB's {@code hex(blob)}
 * and {@code unhex(text)} (Java functions take no BLOB values).
 */
final class Encode {
    private Encode() {}

    private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private static String format(String name) {
        String f = name.toLowerCase(Locale.ROOT);
        if (!f.equals("hex") && !f.equals("base64") && !f.equals("escape")) {
            throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + name + "\"");
        }
        return f;
    }

    static String encode(byte[] data, String formatName) {
        switch (format(formatName)) {
            case "hex":
                return HexFormat.of().formatHex(data);
            case "base64": {
                StringBuilder out = new StringBuilder();
                int lineEnd = 76;
                int buf = 0;
                int pos = 2;
                for (byte b : data) {
                    buf |= (b & 0xFF) << (pos << 3);
                    pos--;
                    if (pos < 0) {
                        out.append(BASE64[(buf >> 18) & 0x3f]).append(BASE64[(buf >> 12) & 0x3f])
                                .append(BASE64[(buf >> 6) & 0x3f]).append(BASE64[buf & 0x3f]);
                        pos = 2;
                        buf = 0;
                    }
                    if (out.length() >= lineEnd) {
                        out.append('\n');
                        lineEnd = out.length() + 76;
                    }
                }
                if (pos != 2) {
                    out.append(BASE64[(buf >> 18) & 0x3f]).append(BASE64[(buf >> 12) & 0x3f]);
                    out.append(pos == 0 ? BASE64[(buf >> 6) & 0x3f] : '=');
                    out.append('=');
                }
                return out.toString();
            }
            default: {
                StringBuilder out = new StringBuilder();
                for (byte b : data) {
                    int c = b & 0xFF;
                    if (c == 0 || c >= 0x80) {
                        out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                                .append((char) ('0' + (c & 7)));
                    } else if (c == '\\') {
                        out.append("\\\\");
                    } else {
                        out.append((char) c);
                    }
                }
                return out.toString();
            }
        }
    }

    /** The digest of {@code data} by a JDK algorithm every Java runtime has (SHA-224, SHA-384, SHA-512). */
    static byte[] digest(String algorithm, byte[] data) {
        try {
            return java.security.MessageDigest.getInstance(algorithm).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] decode(String text, String formatName) {
        String f = format(formatName);
        byte[] src = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length);
        switch (f) {
            case "hex" -> {
                int i = 0;
                while (i < src.length) {
                    byte c = src[i];
                    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                        i++;
                        continue;
                    }
                    int v1 = hexDigit(text, src, i) << 4;
                    i++;
                    if (i >= src.length) {
                        throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
                    }
                    int v2 = hexDigit(text, src, i);
                    i++;
                    out.write(v1 | v2);
                }
            }
            case "base64" -> {
                int buf = 0;
                int pos = 0;
                int end = 0;
                for (int i = 0; i < src.length; i++) {
                    int c = src[i] & 0xFF;
                    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
                    int b;
                    if (c == '=') {
                        if (end == 0) {
                            if (pos == 2) end = 1;
                            else if (pos == 3) end = 2;
                            else throw Errors.error(Errors.INVALID_PARAMETER_VALUE,
                                    "unexpected \"=\" while decoding base64 sequence");
                        }
                        b = 0;
                    } else {
                        b = c > 0 && c < 127 ? base64Value(c) : -1;
                        if (b < 0) {
                            throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "invalid symbol \"" + charAt(src, i)
                                    + "\" found while decoding base64 sequence");
                        }
                    }
                    buf = (buf << 6) + b;
                    pos++;
                    if (pos == 4) {
                        out.write((buf >> 16) & 255);
                        if (end == 0 || end > 1) out.write((buf >> 8) & 255);
                        if (end == 0 || end > 2) out.write(buf & 255);
                        buf = 0;
                        pos = 0;
                    }
                }
                if (pos != 0) {
                    throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "invalid base64 end sequence", null,
                            "Input data is missing padding, is truncated, or is otherwise corrupted.");
                }
            }
            default -> {
                int i = 0;
                while (i < src.length) {
                    if (src[i] != '\\') {
                        out.write(src[i++]);
                    } else if (i + 3 < src.length && src[i + 1] >= '0' && src[i + 1] <= '3'
                            && src[i + 2] >= '0' && src[i + 2] <= '7' && src[i + 3] >= '0' && src[i + 3] <= '7') {
                        out.write(((src[i + 1] - '0') << 6) | ((src[i + 2] - '0') << 3) | (src[i + 3] - '0'));
                        i += 4;
                    } else if (i + 1 < src.length && src[i + 1] == '\\') {
                        out.write('\\');
                        i += 2;
                    } else {
                        throw Errors.error(Errors.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static int hexDigit(String text, byte[] src, int i) {
        int c = src[i] & 0xFF;
        int v = c < 128 ? Character.digit(c, 16) : -1;
        if (v < 0) throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + charAt(src, i) + "\"");
        return v;
    }

    private static int base64Value(int c) {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    }

    /** The (possibly multibyte) character of UTF-8 text starting at byte {@code i}. */
    private static String charAt(byte[] src, int i) {
        int c = src[i] & 0xFF;
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        return new String(src, i, Math.min(len, src.length - i), StandardCharsets.UTF_8);
    }
}
