package dev.pgwire.protocol.fuzz;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.ErrorField;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.NoticeResponse;
import dev.pgwire.protocol.testing.Frames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What fuzzing found in the protocol module, each kept as the case it was. */
class FindingsTest {

    @Test
    void anErrorQuotingANulIsStillOneWellFormedMessage() {
        // The server's startup phase quoted a message type byte of 0 into its error text; the NUL
        // ended the field early and the client read "trailing bytes in message type 69".
        PgException e = PgException.protocolViolation("expected password response, got message type \0").withSeverity("FATAL");
        byte[] frame = Checks.written(ErrorResponse.of(e)::encode);
        BackendMessage decoded = Frames.backend(frame);
        assertThat(decoded).isInstanceOf(ErrorResponse.class);
        assertThat(((ErrorResponse) decoded).fields())
                .containsEntry(ErrorField.CODE, SqlState.PROTOCOL_VIOLATION)
                .containsEntry(ErrorField.MESSAGE, "expected password response, got message type \uFFFD");
        byte[] notice = Checks.written(NoticeResponse.of("NOTICE", "00000", "a\0b")::encode);
        assertThat(((NoticeResponse) Frames.backend(notice)).fields()).containsEntry(ErrorField.MESSAGE, "a\uFFFDb");
    }
}
