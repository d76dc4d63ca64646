package dev.pgwire.protocol.testing;

import dev.pgwire.protocol.FrameReader;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.BackendMessages;
import dev.pgwire.protocol.message.FrontendMessage;
import dev.pgwire.protocol.message.FrontendMessages;
import dev.pgwire.protocol.message.GSSResponse;
import dev.pgwire.protocol.message.PasswordMessage;
import dev.pgwire.protocol.message.SASLInitialResponse;
import dev.pgwire.protocol.message.SASLResponse;
import dev.pgwire.protocol.message.StartupPacket;
import dev.pgwire.protocol.message.Wire;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** Decoding whole frames the way a connection does: FrameReader finds the size, the body is decoded. */
public final class Frames {
    private Frames() {}

    /** Decodes one complete typed frame sent by a client; fails if the frame is not exactly one message. */
    public static FrontendMessage frontend(byte[] frame) {
        return Buffers.with(frame, in -> FrontendMessages.decode(in.getByte(0), typedBody(in, frame.length)));
    }

    /** Decodes one complete typed frame sent by a server. */
    public static BackendMessage backend(byte[] frame) {
        return Buffers.with(frame, in -> BackendMessages.decode(in.getByte(0), typedBody(in, frame.length)));
    }

    /** Decodes one complete untyped startup-phase packet. */
    public static StartupPacket startup(byte[] packet) {
        return Buffers.with(packet, in -> {
            int size = FrameReader.startupFrameSize(in, Wire.MAX_STARTUP_PACKET_LENGTH);
            if (size != packet.length) throw new AssertionError("startup packet size " + size + ", expected " + packet.length);
            in.skipBytes(4);
            return StartupPacket.decode(in.readSlice(size - 4));
        });
    }

    private static ByteBuf typedBody(ByteBuf in, int expectedSize) {
        int size = FrameReader.typedFrameSize(in, Wire.MAX_MESSAGE_LENGTH);
        if (size != expectedSize) throw new AssertionError("frame size " + size + ", expected " + expectedSize);
        return in.slice(5, size - 5);
    }

    /** Decodes a frontend body given apart from its header. */
    public static FrontendMessage frontendBody(char type, byte[] body) {
        return Buffers.with(body, in -> FrontendMessages.decode((byte) type, in));
    }

    /** Decodes a backend body given apart from its header. */
    public static BackendMessage backendBody(char type, byte[] body) {
        return Buffers.with(body, in -> BackendMessages.decode((byte) type, in));
    }

    /** Decodes a startup packet body (the bytes after the length word). */
    public static StartupPacket startupBody(byte[] body) {
        return Buffers.with(body, StartupPacket::decode);
    }

    /**
     * A 'p' message decodes as PasswordMessage because only the authentication exchange knows what
     * it carries; this reads it the way the exchange that sent {@code like} would.
     */
    public static FrontendMessage interpretLike(FrontendMessage like, FrontendMessage decoded) {
        if (decoded instanceof PasswordMessage p) {
            if (like instanceof SASLInitialResponse) return SASLInitialResponse.from(p);
            if (like instanceof SASLResponse) return SASLResponse.from(p);
            if (like instanceof GSSResponse) return GSSResponse.from(p);
        }
        return decoded;
    }

    /** What {@link FrameReader#typedFrameSize} says about a buffer holding {@code bytes}. */
    public static int typedSize(byte[] bytes, int maxLength) {
        return Buffers.<Integer>with(bytes, in -> FrameReader.typedFrameSize(in, maxLength));
    }

    /** What {@link FrameReader#startupFrameSize} says about a buffer holding {@code bytes}. */
    public static int startupSize(byte[] bytes, int maxLength) {
        return Buffers.<Integer>with(bytes, in -> FrameReader.startupFrameSize(in, maxLength));
    }

    /** The big-endian int32 at {@code at}. */
    public static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** The bytes after the header of a typed frame. */
    public static byte[] typedBodyOf(byte[] frame) {
        return Arrays.copyOfRange(frame, 5, frame.length);
    }
}
