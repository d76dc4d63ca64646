package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns a value the handler wrote as text into the binary format a client asked for, for the
 * types whose binary form follows directly from the text.
 */
final class BinaryFallback {
    private BinaryFallback() {}

    static byte[] fromText(int oid, String text) {
        try {
            return switch (oid) {
                case 16 -> new byte[] {(byte) (text.equals("t") || text.equals("true") ? 1 : 0)};
                case 21 -> ByteBuffer.allocate(2).putShort(Short.parseShort(text)).array();
                case 23 -> ByteBuffer.allocate(4).putInt(Integer.parseInt(text)).array();
                case 26 -> ByteBuffer.allocate(4).putInt((int) Long.parseLong(text)).array();
                case 20 -> ByteBuffer.allocate(8).putLong(Long.parseLong(text)).array();
                case 700 -> ByteBuffer.allocate(4).putFloat(Float.parseFloat(text)).array();
                case 701 -> ByteBuffer.allocate(8).putDouble(Double.parseDouble(text)).array();
                case 25, 1043, 1042, 19, 705, 114 -> text.getBytes(StandardCharsets.UTF_8);
                default -> {
                    PgType t = PgType.byOid(oid);
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "binary result format is not supported for type "
                            + (t == null ? Integer.toString(oid) : t.name()));
                }
            };
        } catch (NumberFormatException e) {
            throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid value \"" + text + "\" for binary output");
        }
    }
}
