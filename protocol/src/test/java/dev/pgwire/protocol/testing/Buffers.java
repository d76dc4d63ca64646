package dev.pgwire.protocol.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Buffer helpers for tests. Everything is allocated from Netty's default (pooled) allocator, whose
 * buffers the leak detector tracks, and released before the helper returns.
 */
public final class Buffers {
    private Buffers() {}

    public static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    /** The bytes {@code writer} writes into a fresh buffer. */
    public static byte[] written(Consumer<ByteBuf> writer) {
        ByteBuf out = ALLOC.directBuffer();
        try {
            writer.accept(out);
            byte[] b = new byte[out.readableBytes()];
            out.getBytes(out.readerIndex(), b);
            return b;
        } finally {
            out.release();
        }
    }

    /** Applies {@code fn} to a direct buffer holding {@code bytes}, then releases the buffer. */
    public static <T> T with(byte[] bytes, Function<ByteBuf, T> fn) {
        ByteBuf in = ALLOC.directBuffer(Math.max(bytes.length, 1));
        try {
            in.writeBytes(bytes);
            return fn.apply(in);
        } finally {
            in.release();
        }
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes given as ints, for readable hand-built frames: {@code bytes('Z', 0, 0, 0, 5, 'I')}. */
    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    /** The concatenation of the given arrays. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
