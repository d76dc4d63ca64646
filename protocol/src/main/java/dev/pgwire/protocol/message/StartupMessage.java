package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * StartupMessage: the requested protocol version ({@code major << 16 | minor}) and the
 * name/value parameters (user, database, options, application_name, {@code _pq_.} options…).
 */
public record StartupMessage(int protocolVersion, Map<String, String> parameters) implements StartupPacket {

    public StartupMessage {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public int majorVersion() { return protocolVersion >>> 16; }
    public int minorVersion() { return protocolVersion & 0xFFFF; }

    static StartupMessage decodeAfterVersion(int version, ByteBuf in) {
        if (version >>> 16 != 3) {
            throw new PgException("0A000", "unsupported frontend protocol " + (version >>> 16) + "." + (version & 0xFFFF)
                    + ": server supports 3.0 to 3.2");
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            String name = Wire.readCString(in);
            if (name.isEmpty()) break;
            String value = Wire.readCString(in);
            params.put(name, value);
        }
        return new StartupMessage(version, params);
    }

    @Override
    public void encode(ByteBuf out) {
        int at = out.writerIndex();
        out.writeInt(0);
        out.writeInt(protocolVersion);
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            Wire.writeCString(out, e.getKey());
            Wire.writeCString(out, e.getValue());
        }
        out.writeByte(0);
        out.setInt(at, out.writerIndex() - at);
    }

    @Override
    public String toString() {
        return "StartupMessage[version=" + majorVersion() + "." + minorVersion() + ", parameters=" + parameters + "]";
    }
}
