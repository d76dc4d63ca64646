package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * bytea input as PostgreSQL reads it — hex format ({@code \xdeadbeef}) or escape format
 * ({@code abc\000\\}) — written as a DuckDB BLOB constant that holds exactly those bytes.
 */
public final class Bytea {
    private Bytea() {}

    static String literal(String text) {
        byte[] bytes = parse(text);
        StringBuilder sb = new StringBuilder(bytes.length * 4 + 20).append("CAST('");
        for (byte b : bytes) {
            sb.append("\\x").append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
        return sb.append("' AS BLOB)").toString();
    }

    /** PostgreSQL's byteain. */
    public static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (text.startsWith("\\x")) {
            int i = 2;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                    continue;
                }
                int hi = Character.digit(c, 16);
                if (hi < 0 || c > 127) throw invalidHexDigit(c);
                if (i + 1 >= text.length()) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
                }
                char c2 = text.charAt(i + 1);
                int lo = Character.digit(c2, 16);
                if (lo < 0 || c2 > 127) throw invalidHexDigit(c2);
                out.write(hi << 4 | lo);
                i += 2;
            }
            return out.toByteArray();
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < utf8.length) {
            byte b = utf8[i];
            if (b != '\\') {
                out.write(b);
                i++;
            } else if (i + 1 < utf8.length && utf8[i + 1] == '\\') {
                out.write('\\');
                i += 2;
            } else if (i + 3 < utf8.length && isOctal(utf8[i + 1], '3') && isOctal(utf8[i + 2], '7') && isOctal(utf8[i + 3], '7')) {
                out.write(((utf8[i + 1] - '0') << 6) | ((utf8[i + 2] - '0') << 3) | (utf8[i + 3] - '0'));
                i += 4;
            } else {
                throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b, char max) {
        return b >= '0' && b <= max;
    }

    private static PgException invalidHexDigit(char c) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + c + "\"");
    }
}
