package dev.pgwire.protocol.types;

import io.netty.buffer.ByteBuf;

/**
 * Converts values of one PostgreSQL type between a Java representation and the two wire formats:
 * text (format code 0, what the type's output function prints) and binary (format code 1, what
 * its send function writes). Values are never null here: NULL is handled by the caller (the
 * {@link TypeRegistry} writes length -1).
 *
 * <p>Errors in input are {@link dev.pgwire.protocol.PgException}s with the SQLSTATE PostgreSQL
 * uses: 22P02 for malformed text, 22P03 for malformed binary, 22003/22008 for out-of-range values.
 *
 * <pre>{@code
 * PgCodec<Integer> int4 = (PgCodec<Integer>) TypeRegistry.standard().codec(23);
 * String text = int4.encodeText(42, CodecContext.DEFAULT);   // "42"
 * }</pre>
 *
 * @param <T> the Java type of values
 */
public interface PgCodec<T> {

    /** The PostgreSQL type this codec is for. */
    PgType type();

    /** The class of values this codec reads and writes. */
    Class<T> javaType();

    /** The value as PostgreSQL's output function prints it. */
    String encodeText(T value, CodecContext ctx);

    /** Reads the text form; accepts at least everything {@link #encodeText} writes. */
    T decodeText(String text, CodecContext ctx);

    /** Writes the binary form (no length prefix) to {@code out}. */
    void encodeBinary(T value, ByteBuf out, CodecContext ctx);

    /**
     * Reads a binary value of exactly {@code length} bytes from the reader index of {@code in},
     * consuming them.
     */
    T decodeBinary(ByteBuf in, int length, CodecContext ctx);
}
