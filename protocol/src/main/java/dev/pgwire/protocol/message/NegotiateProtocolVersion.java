package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * NegotiateProtocolVersion ('v'): the newest minor version the server supports for the requested
 * major version, and the {@code _pq_.} options it did not recognise. The docs call the first field
 * a minor version, but PostgreSQL sends, and libpq reads, the whole version word
 * ({@code 3 << 16 | minor}, e.g. 0x00030000 from PostgreSQL 15), so that is what goes on the wire.
 */
public record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions)
        implements BackendMessage {

    public static NegotiateProtocolVersion decode(ByteBuf in) {
        int version = in.readInt();
        if (version >>> 16 != 3) {
            throw PgException.protocolViolation("invalid protocol version " + (version >>> 16) + "." + (version & 0xFFFF)
                    + " in NegotiateProtocolVersion");
        }
        int minor = version & 0xFFFF;
        int n = in.readInt();
        Wire.checkCount(n, 1, in);
        List<String> opts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) opts.add(Wire.readCString(in));
        return new NegotiateProtocolVersion(minor, List.copyOf(opts));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'v');
        out.writeInt(3 << 16 | newestMinorVersion);
        out.writeInt(unrecognizedOptions.size());
        for (String o : unrecognizedOptions) Wire.writeCString(out, o);
        Wire.endMessage(out, at);
    }
}
