package dev.pgwire.protocol.fuzz;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.util.HexFormat;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the fuzz targets check. A decoder given any input either succeeds or refuses it with a
 * PgException whose SQLSTATE the target allows; anything else it throws propagates and is a
 * finding, and so is a violated check.
 */
final class Checks {
    private Checks() {}

    /** The decoded value, or null when the decoder refused the input with an allowed SQLSTATE. */
    static <T> T decodedOrRefused(Supplier<T> decode, Predicate<String> allowed, byte[] input) {
        try {
            return decode.get();
        } catch (PgException e) {
            if (!allowed.test(e.sqlState())) {
                throw new AssertionError("SQLSTATE " + e.sqlState() + " (" + e.getMessage() + ") for " + hex(input), e);
            }
            return null;
        }
    }

    static Predicate<String> only(String... states) {
        return Set.of(states)::contains;
    }

    static void check(boolean ok, Supplier<String> what) {
        if (!ok) throw new AssertionError(what.get());
    }

    /** What {@code writer} writes into a fresh buffer. */
    static byte[] written(Consumer<ByteBuf> writer) {
        ByteBuf out = Unpooled.buffer();
        try {
            writer.accept(out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** The big-endian int32 at {@code at}. */
    static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** At most the first 256 bytes, in hex, for messages. */
    static String hex(byte[] b) {
        if (b.length <= 256) return HexFormat.of().formatHex(b);
        return HexFormat.of().formatHex(b, 0, 256) + "... (" + b.length + " bytes)";
    }
}
