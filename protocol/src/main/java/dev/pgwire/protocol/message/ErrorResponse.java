package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import io.netty.buffer.ByteBuf;

import java.util.Map;

/** ErrorResponse ('E'): the error's fields keyed by field code, in wire order. */
public record ErrorResponse(Map<Character, String> fields) implements BackendMessage {

    public static ErrorResponse of(PgException e) {
        return new ErrorResponse(e.fields());
    }

    public static ErrorResponse decode(ByteBuf in) {
        return new ErrorResponse(NoticeResponse.readFields(in));
    }

    public PgException toException() {
        return new PgException(fields);
    }

    @Override
    public void encode(ByteBuf out) {
        NoticeResponse.writeFields(out, 'E', fields);
    }
}
