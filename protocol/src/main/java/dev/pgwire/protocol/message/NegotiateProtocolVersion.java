package dev.pgwire.protocol.message;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * NegotiateProtocolVersion ('v'): the newest minor version the server supports for the requested
 * major version, and the {@code _pq_.} options it did not recognise.
 */
public record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions)
        implements BackendMessage {

    public static NegotiateProtocolVersion decode(ByteBuf in) {
        int minor = in.readInt();
        int n = in.readInt();
        Wire.checkCount(n, 1, in);
        List<String> opts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) opts.add(Wire.readCString(in));
        return new NegotiateProtocolVersion(minor, List.copyOf(opts));
    }

    @Override
    public void encode(ByteBuf out) {
        int at = Wire.beginMessage(out, 'v');
        out.writeInt(newestMinorVersion);
        out.writeInt(unrecognizedOptions.size());
        for (String o : unrecognizedOptions) Wire.writeCString(out, o);
        Wire.endMessage(out, at);
    }
}
