package dev.pgwire.server.fuzz;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What fuzzing found in the startup phase, each input kept as a named case and run through the
 * fuzz target's checks (every reply decodes, errors are FATAL with a startup SQLSTATE, ...).
 */
class StartupFindingsTest {
    private final StartupHandlerFuzzTest target = new StartupHandlerFuzzTest();

    @Test
    void aMessageOfTypeZeroDuringScramIsAWellFormedFatalError() {
        // StartupMessage 3.2 for alice (SCRAM), then a frame with type byte 0 in 5-byte pieces: the
        // error text quoted the type as a character, and its NUL broke the ErrorResponse
        byte[] input = Base64.getDecoder().decode(
                "+QAAAB0AAwACdXNlcgBhbGljZQBfqXFfLngAAQAAAAAAADYAAwAAdXNlcgBhbGljZQBkYXRhYmFzZQBhYmQAcHBsaWNhdGlvbl9uYQAANTEygAAAACBuFTEsQQBBQT0A");
        assertThatCode(() -> target.startupPhase(input)).doesNotThrowAnyException();
        input[0] = 0;  // without TLS and in one piece
        assertThatCode(() -> target.startupPhase(input)).doesNotThrowAnyException();
    }
}
