package dev.pgwire.protocol.message;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.testing.Frames;
import dev.pgwire.protocol.testing.LeakCheck;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static dev.pgwire.protocol.testing.Buffers.bytes;
import static dev.pgwire.protocol.testing.Buffers.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

/**
 * A malformed message is a protocol violation (08P01) — never an IndexOutOfBoundsException or
 * any other exception that would reach the wire as an internal error.
 */
@ExtendWith(LeakCheck.class)
class MalformedInputTest {
    private static final int V3_0 = Wire.PROTOCOL_3_0;

    static List<Named<Executable>> frontendCases() {
        List<Named<Executable>> c = new ArrayList<>();
        for (int type : new int[] {'Z', 'A', 'x', 'R', 0, 0xff}) {
            c.add(fe("unknown type " + type, type, bytes()));
        }
        c.add(fe("Query without terminator", 'Q', s("SELECT 1")));
        c.add(fe("Query with empty body", 'Q', bytes()));
        c.add(fe("Query with bytes after the terminator", 'Q', concat(cstr("SELECT 1"), bytes('X'))));
        c.add(fe("Parse with unterminated name", 'P', s("stmt")));
        c.add(fe("Parse with unterminated query", 'P', concat(cstr("stmt"), s("SELECT 1"))));
        c.add(fe("Parse without parameter count", 'P', concat(cstr(""), cstr("SELECT 1"))));
        c.add(fe("Parse with half a parameter count", 'P', concat(cstr(""), cstr("SELECT 1"), bytes(0))));
        c.add(fe("Parse counting 2 types but holding 1", 'P', concat(cstr(""), cstr("SELECT $1"), i16(2), i32(23))));
        c.add(fe("Parse counting 65535 types but holding none", 'P', concat(cstr(""), cstr("SELECT $1"), i16(0xffff))));
        c.add(fe("Parse with a trailing byte", 'P', concat(cstr(""), cstr("SELECT 1"), i16(0), bytes(0))));
        c.add(fe("Bind with empty body", 'B', bytes()));
        c.add(fe("Bind with unterminated statement", 'B', concat(cstr(""), s("stmt"))));
        c.add(fe("Bind counting 2 formats but holding 1", 'B', concat(cstr(""), cstr(""), i16(2), i16(1))));
        c.add(fe("Bind counting 2 values but holding 1", 'B', concat(cstr(""), cstr(""), i16(0), i16(2), i32(1), s("1"))));
        c.add(fe("Bind with value length -2", 'B', concat(cstr(""), cstr(""), i16(0), i16(1), i32(-2), i16(0))));
        c.add(fe("Bind with value length 2^31-1", 'B', concat(cstr(""), cstr(""), i16(0), i16(1), i32(Integer.MAX_VALUE), i16(0))));
        c.add(fe("Bind with value length one past the end", 'B', concat(cstr(""), cstr(""), i16(0), i16(1), i32(3), s("ab"))));
        c.add(fe("Bind without result format count", 'B', concat(cstr(""), cstr(""), i16(0), i16(0))));
        c.add(fe("Bind counting 1 result format but holding none", 'B', concat(cstr(""), cstr(""), i16(0), i16(0), i16(1))));
        c.add(fe("Bind with a trailing byte", 'B', concat(cstr(""), cstr(""), i16(0), i16(0), i16(0), bytes(0))));
        c.add(fe("Bind with 2 parameter formats for 3 parameters", 'B', concat(cstr(""), cstr(""), i16(2), i16(0), i16(0),
                i16(3), i32(-1), i32(-1), i32(-1), i16(0))));
        c.add(fe("Execute without maxRows", 'E', cstr("")));
        c.add(fe("Execute with half a maxRows", 'E', concat(cstr(""), i16(0))));
        c.add(fe("Execute with a trailing byte", 'E', concat(cstr(""), i32(0), bytes(0))));
        c.add(fe("Describe with empty body", 'D', bytes()));
        c.add(fe("Describe of kind 'X'", 'D', concat(bytes('X'), cstr(""))));
        c.add(fe("Describe with unterminated name", 'D', concat(bytes('S'), s("stmt"))));
        c.add(fe("Describe with a trailing byte", 'D', concat(bytes('S'), cstr("stmt"), bytes(0))));
        c.add(fe("Close of kind 'Q'", 'C', concat(bytes('Q'), cstr(""))));
        c.add(fe("Close with empty body", 'C', bytes()));
        c.add(fe("FunctionCall with half an OID", 'F', i16(0)));
        c.add(fe("FunctionCall counting 2 arguments but holding 1", 'F', concat(i32(177), i16(0), i16(2), i32(-1), i16(0))));
        c.add(fe("FunctionCall without result format", 'F', concat(i32(177), i16(0), i16(0))));
        c.add(fe("FunctionCall with argument length -5", 'F', concat(i32(177), i16(0), i16(1), i32(-5), i16(0))));
        c.add(fe("FunctionCall with 2 argument formats for 1 argument", 'F', concat(i32(177), i16(2), i16(0), i16(0),
                i16(1), i32(-1), i16(0))));
        c.add(fe("CopyFail without terminator", 'f', s("gave up")));
        for (int type : new int[] {'S', 'H', 'X', 'c'}) {
            c.add(fe("'" + (char) type + "' with a body", type, bytes(0)));
        }
        c.add(named("password without terminator", () -> new PasswordMessage(s("secret")).password()));
        c.add(named("password with an embedded NUL", () -> new PasswordMessage(s("se\0cret\0")).password()));
        c.add(named("password of empty body", () -> new PasswordMessage(bytes()).password()));
        c.add(named("SASLInitialResponse with unterminated mechanism", () -> SASLInitialResponse.from(new PasswordMessage(s("SCRAM")))));
        c.add(named("SASLInitialResponse without data length", () -> SASLInitialResponse.from(new PasswordMessage(cstr("SCRAM")))));
        c.add(named("SASLInitialResponse with data length -2", () -> SASLInitialResponse.from(new PasswordMessage(
                concat(cstr("SCRAM"), i32(-2))))));
        c.add(named("SASLInitialResponse with data length past the end", () -> SASLInitialResponse.from(new PasswordMessage(
                concat(cstr("SCRAM"), i32(5), s("abcd"))))));
        c.add(named("SASLInitialResponse with a trailing byte", () -> SASLInitialResponse.from(new PasswordMessage(
                concat(cstr("SCRAM"), i32(1), s("ab"))))));
        return c;
    }

    static List<Named<Executable>> backendCases() {
        List<Named<Executable>> c = new ArrayList<>();
        for (int type : new int[] {'Q', 'X', 'P', 'B', 'p', 0, 0xff}) {
            c.add(be("unknown type " + type, type, bytes()));
        }
        c.add(be("Authentication with empty body", 'R', bytes()));
        for (int code : new int[] {1, 4, 6, 13, 99, -1}) {
            c.add(be("Authentication request code " + code, 'R', i32(code)));
        }
        c.add(be("AuthenticationOk with a trailing byte", 'R', concat(i32(0), bytes(0))));
        c.add(be("AuthenticationMD5Password with a 3-byte salt", 'R', concat(i32(5), bytes(1, 2, 3))));
        c.add(be("AuthenticationMD5Password with a 5-byte salt", 'R', concat(i32(5), bytes(1, 2, 3, 4, 5))));
        c.add(be("AuthenticationSASL with unterminated mechanism", 'R', concat(i32(10), s("SCRAM-SHA-256"))));
        c.add(be("AuthenticationSASL without the list terminator", 'R', concat(i32(10), cstr("SCRAM-SHA-256"))));
        c.add(be("AuthenticationSASL with a trailing byte", 'R', concat(i32(10), cstr("SCRAM-SHA-256"), bytes(0, 'x'))));
        c.add(be("BackendKeyData with empty body", 'K', bytes()));
        c.add(be("BackendKeyData without key", 'K', i32(1)));
        c.add(be("BackendKeyData with a 3-byte key", 'K', concat(i32(1), bytes(1, 2, 3))));
        c.add(be("BackendKeyData with a 257-byte key", 'K', concat(i32(1), new byte[257])));
        c.add(be("CommandComplete without terminator", 'C', s("SELECT 1")));
        c.add(be("CommandComplete with a trailing byte", 'C', concat(cstr("SELECT 1"), bytes(0))));
        for (int type : new int[] {'G', 'H', 'W'}) {
            c.add(be("CopyResponse '" + (char) type + "' with empty body", type, bytes()));
            c.add(be("CopyResponse '" + (char) type + "' with format 2", type, concat(bytes(2), i16(0))));
        }
        c.add(be("CopyResponse with format -1", 'G', concat(bytes(0xff), i16(0))));
        c.add(be("CopyResponse without column count", 'H', bytes(0)));
        c.add(be("CopyResponse counting 3 columns but holding 2", 'H', concat(bytes(0), i16(3), i16(0), i16(0))));
        c.add(be("CopyResponse with a trailing byte", 'H', concat(bytes(0), i16(0), bytes(0))));
        c.add(be("DataRow with empty body", 'D', bytes()));
        c.add(be("DataRow counting 1 value but holding none", 'D', i16(1)));
        c.add(be("DataRow with value length -2", 'D', concat(i16(1), i32(-2))));
        c.add(be("DataRow with value length past the end", 'D', concat(i16(1), i32(2), s("a"))));
        c.add(be("DataRow with value length 2^31-1", 'D', concat(i16(1), i32(Integer.MAX_VALUE))));
        c.add(be("DataRow counting 65535 values but holding none", 'D', i16(0xffff)));
        c.add(be("DataRow with a trailing byte", 'D', concat(i16(1), i32(-1), bytes(0))));
        for (int type : new int[] {'E', 'N'}) {
            String name = type == 'E' ? "ErrorResponse" : "NoticeResponse";
            c.add(be(name + " with empty body", type, bytes()));
            c.add(be(name + " without fields", type, bytes(0)));
            c.add(be(name + " with unterminated field value", type, concat(bytes('S'), s("ERROR"))));
            c.add(be(name + " without final terminator", type, concat(bytes('S'), cstr("ERROR"))));
            c.add(be(name + " with a trailing byte", type, concat(bytes('S'), cstr("ERROR"), bytes(0, 'x'))));
        }
        c.add(be("FunctionCallResponse with empty body", 'V', bytes()));
        c.add(be("FunctionCallResponse with length -2", 'V', i32(-2)));
        c.add(be("FunctionCallResponse with length past the end", 'V', concat(i32(4), bytes(1, 2, 3))));
        c.add(be("FunctionCallResponse with a trailing byte", 'V', concat(i32(-1), bytes(0))));
        c.add(be("NegotiateProtocolVersion with empty body", 'v', bytes()));
        c.add(be("NegotiateProtocolVersion with a bare minor version", 'v', concat(i32(2), i32(0))));
        c.add(be("NegotiateProtocolVersion with major version 4", 'v', concat(i32(4 << 16), i32(0))));
        c.add(be("NegotiateProtocolVersion without option count", 'v', i32(V3_0)));
        c.add(be("NegotiateProtocolVersion counting -1 options", 'v', concat(i32(V3_0), i32(-1))));
        c.add(be("NegotiateProtocolVersion counting 2^31-1 options", 'v', concat(i32(V3_0), i32(Integer.MAX_VALUE), cstr("_pq_.a"))));
        c.add(be("NegotiateProtocolVersion counting 2 options but holding 1", 'v', concat(i32(V3_0), i32(2), cstr("_pq_.a"))));
        c.add(be("NegotiateProtocolVersion with unterminated option", 'v', concat(i32(V3_0), i32(1), s("_pq_.a"))));
        c.add(be("NegotiateProtocolVersion with a trailing byte", 'v', concat(i32(V3_0), i32(0), bytes(0))));
        c.add(be("NotificationResponse with only a process id", 'A', i32(1)));
        c.add(be("NotificationResponse with unterminated channel", 'A', concat(i32(1), s("chan"))));
        c.add(be("NotificationResponse without payload", 'A', concat(i32(1), cstr("chan"))));
        c.add(be("ParameterDescription counting 2 types but holding 1", 't', concat(i16(2), i32(23))));
        c.add(be("ParameterDescription counting 65535 types but holding none", 't', i16(0xffff)));
        c.add(be("ParameterDescription with a trailing byte", 't', concat(i16(0), bytes(0))));
        c.add(be("ParameterStatus without value", 'S', cstr("TimeZone")));
        c.add(be("ParameterStatus with unterminated value", 'S', concat(cstr("TimeZone"), s("UTC"))));
        c.add(be("ReadyForQuery with empty body", 'Z', bytes()));
        c.add(be("ReadyForQuery with status 'X'", 'Z', bytes('X')));
        c.add(be("ReadyForQuery with a trailing byte", 'Z', bytes('I', 'I')));
        c.add(be("RowDescription with empty body", 'T', bytes()));
        c.add(be("RowDescription counting 1 field but holding none", 'T', i16(1)));
        c.add(be("RowDescription with a truncated field", 'T', concat(i16(1), cstr("a"), i32(0), i16(0), i32(23))));
        c.add(be("RowDescription with unterminated field name", 'T', concat(i16(1), s("abcdefghijklmnopqrstuvwxyz"))));
        c.add(be("RowDescription counting 2 fields but holding 1", 'T', concat(i16(2), field("a"))));
        c.add(be("RowDescription with a trailing byte", 'T', concat(i16(1), field("a"), bytes(0))));
        for (int type : new int[] {'1', '2', '3', 'n', 's', 'I', 'c'}) {
            c.add(be("'" + (char) type + "' with a body", type, bytes(0)));
        }
        return c;
    }

    static List<Named<Executable>> startupCases() {
        List<Named<Executable>> c = new ArrayList<>();
        c.add(st("empty packet body", bytes()));
        c.add(st("half a code", bytes(0, 3)));
        c.add(st("SSLRequest with a trailing byte", concat(i32(Wire.SSL_REQUEST_CODE), bytes(0))));
        c.add(st("GSSENCRequest with a trailing byte", concat(i32(Wire.GSSENC_REQUEST_CODE), bytes(0))));
        c.add(st("CancelRequest without key", concat(i32(Wire.CANCEL_REQUEST_CODE), i32(1))));
        c.add(st("CancelRequest with half a process id", concat(i32(Wire.CANCEL_REQUEST_CODE), i16(1))));
        c.add(st("CancelRequest with a 3-byte key", concat(i32(Wire.CANCEL_REQUEST_CODE), i32(1), bytes(1, 2, 3))));
        c.add(st("CancelRequest with a 257-byte key", concat(i32(Wire.CANCEL_REQUEST_CODE), i32(1), new byte[257])));
        c.add(st("StartupMessage without anything after the version", i32(Wire.PROTOCOL_3_0)));
        c.add(st("StartupMessage without final terminator", concat(i32(Wire.PROTOCOL_3_0), cstr("user"), cstr("u"))));
        c.add(st("StartupMessage with a name but no value", concat(i32(Wire.PROTOCOL_3_0), cstr("user"))));
        c.add(st("StartupMessage with unterminated value", concat(i32(Wire.PROTOCOL_3_0), cstr("user"), s("u"))));
        c.add(st("StartupMessage with bytes after the terminator", concat(i32(Wire.PROTOCOL_3_2), cstr("user"), cstr("u"),
                bytes(0), cstr("database"))));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"frontendCases", "backendCases", "startupCases"})
    void isAProtocolViolation(Executable decode) {
        assertThatThrownBy(decode::execute).isInstanceOfSatisfying(PgException.class, e -> {
            assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.getCause()).isNull();
        });
    }

    @Test
    void unterminatedStringIsReportedAsPostgresDoes() {
        assertThatThrownBy(() -> Frames.frontendBody('Q', s("SELECT 1"))).hasMessage("invalid string in message");
    }

    @Test
    void unknownMessageTypeIsNamedInTheError() {
        assertThatThrownBy(() -> Frames.frontendBody('Z', bytes())).hasMessage("invalid frontend message type 90");
        assertThatThrownBy(() -> Frames.backendBody('Q', bytes())).hasMessage("invalid backend message type 81");
    }

    @Test
    void unsupportedProtocolMajorVersionIsFeatureNotSupportedAsInPostgres() {
        // PostgreSQL answers "unsupported frontend protocol" with 0A000, not 08P01 (see the
        // startup-unsupported-version capture).
        for (int version : new int[] {4 << 16, 2 << 16, 1 << 16}) {
            assertThatThrownBy(() -> Frames.startupBody(concat(i32(version), cstr("user"), cstr("u"), bytes(0))))
                    .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo(SqlState.FEATURE_NOT_SUPPORTED));
        }
    }

    @Test
    void newerMinorVersionOfProtocol3IsDecodedSoTheServerCanNegotiate() {
        StartupPacket p = Frames.startupBody(concat(i32(3 << 16 | 7), cstr("user"), cstr("u"), bytes(0)));
        assertThat(p).isInstanceOfSatisfying(StartupMessage.class, m -> {
            assertThat(m.majorVersion()).isEqualTo(3);
            assertThat(m.minorVersion()).isEqualTo(7);
        });
    }

    @Test
    void bindWithOneFormatOrOnePerParameterIsFine() {
        byte[] oneForAll = concat(cstr(""), cstr(""), i16(1), i16(1), i16(2), i32(1), bytes(7), i32(1), bytes(8), i16(0));
        assertThat(((Bind) Frames.frontendBody('B', oneForAll)).parameterFormat(1)).isEqualTo((short) 1);
        byte[] each = concat(cstr(""), cstr(""), i16(2), i16(1), i16(0), i16(2), i32(1), bytes(7), i32(1), bytes(8), i16(0));
        assertThat(((Bind) Frames.frontendBody('B', each)).parameterFormat(1)).isEqualTo((short) 0);
    }

    private static Named<Executable> fe(String name, int type, byte[] body) {
        return named(name, () -> Frames.frontendBody((char) type, body));
    }

    private static Named<Executable> be(String name, int type, byte[] body) {
        return named(name, () -> Frames.backendBody((char) type, body));
    }

    private static Named<Executable> st(String name, byte[] body) {
        return named(name, () -> Frames.startupBody(body));
    }

    private static byte[] s(String text) {
        return MessageSamples.utf8(text);
    }

    private static byte[] cstr(String text) {
        return concat(s(text), bytes(0));
    }

    private static byte[] i16(int v) {
        return bytes(v >>> 8, v);
    }

    private static byte[] i32(int v) {
        return bytes(v >>> 24, v >>> 16, v >>> 8, v);
    }

    private static byte[] field(String name) {
        return concat(cstr(name), i32(0), i16(0), i32(23), i16(4), i32(-1), i16(0));
    }
}
