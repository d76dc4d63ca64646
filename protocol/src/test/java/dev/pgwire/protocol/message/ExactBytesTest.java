package dev.pgwire.protocol.message;

import dev.pgwire.protocol.testing.Frames;
import dev.pgwire.protocol.testing.LeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.pgwire.protocol.message.MessageSamples.fields;
import static dev.pgwire.protocol.message.MessageSamples.key;
import static dev.pgwire.protocol.message.MessageSamples.utf8;
import static dev.pgwire.protocol.testing.Buffers.bytes;
import static dev.pgwire.protocol.testing.Buffers.concat;
import static dev.pgwire.protocol.testing.Buffers.hex;
import static dev.pgwire.protocol.testing.Buffers.written;
import static org.assertj.core.api.Assertions.assertThat;

/** Frames built by hand from the protocol's "Message Formats" section, byte for byte. */
@ExtendWith(LeakCheck.class)
class ExactBytesTest {

    @Test
    void messagesWithoutBodyAreTheTypeByteAndLengthFour() {
        assertThat(written(Sync.INSTANCE::encode)).isEqualTo(bytes('S', 0, 0, 0, 4));
        assertThat(written(Flush.INSTANCE::encode)).isEqualTo(bytes('H', 0, 0, 0, 4));
        assertThat(written(Terminate.INSTANCE::encode)).isEqualTo(bytes('X', 0, 0, 0, 4));
        assertThat(written(CopyDone.INSTANCE::encode)).isEqualTo(bytes('c', 0, 0, 0, 4));
        assertThat(written(ParseComplete.INSTANCE::encode)).isEqualTo(bytes('1', 0, 0, 0, 4));
        assertThat(written(BindComplete.INSTANCE::encode)).isEqualTo(bytes('2', 0, 0, 0, 4));
        assertThat(written(CloseComplete.INSTANCE::encode)).isEqualTo(bytes('3', 0, 0, 0, 4));
        assertThat(written(NoData.INSTANCE::encode)).isEqualTo(bytes('n', 0, 0, 0, 4));
        assertThat(written(PortalSuspended.INSTANCE::encode)).isEqualTo(bytes('s', 0, 0, 0, 4));
        assertThat(written(EmptyQueryResponse.INSTANCE::encode)).isEqualTo(bytes('I', 0, 0, 0, 4));
    }

    @Test
    void readyForQueryCarriesTheTransactionStatus() {
        assertThat(written(ReadyForQuery.IDLE::encode)).isEqualTo(bytes('Z', 0, 0, 0, 5, 'I'));
        assertThat(written(ReadyForQuery.IN_TRANSACTION::encode)).isEqualTo(bytes('Z', 0, 0, 0, 5, 'T'));
        assertThat(written(ReadyForQuery.FAILED::encode)).isEqualTo(bytes('Z', 0, 0, 0, 5, 'E'));
    }

    @Test
    void queryIsTheSqlAsACString() {
        assertThat(written(new Query("SELECT 1")::encode))
                .isEqualTo(concat(bytes('Q', 0, 0, 0, 13), utf8("SELECT 1"), bytes(0)));
        // The length counts bytes, not characters: 'ł' is two bytes in UTF-8.
        assertThat(written(new Query("ł")::encode)).isEqualTo(bytes('Q', 0, 0, 0, 7, 0xc5, 0x82, 0));
    }

    @Test
    void startupPhasePacketsHaveNoTypeByte() {
        assertThat(written(SSLRequest.INSTANCE::encode)).isEqualTo(bytes(0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f));
        assertThat(written(GSSENCRequest.INSTANCE::encode)).isEqualTo(bytes(0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "u");
        params.put("database", "d");
        assertThat(written(new StartupMessage(Wire.PROTOCOL_3_0, params)::encode)).isEqualTo(concat(
                bytes(0, 0, 0, 27, 0, 3, 0, 0), utf8("user\0u\0database\0d\0\0")));
        assertThat(written(new StartupMessage(Wire.PROTOCOL_3_2, Map.of())::encode))
                .isEqualTo(bytes(0, 0, 0, 9, 0, 3, 0, 2, 0));
    }

    @Test
    void cancelRequestCarriesAFourByteKeyIn30AndLongerKeysIn32() {
        assertThat(written(new CancelRequest(0x01020304, bytes(0xde, 0xad, 0xbe, 0xef))::encode))
                .isEqualTo(bytes(0, 0, 0, 16, 0x04, 0xd2, 0x16, 0x2e, 1, 2, 3, 4, 0xde, 0xad, 0xbe, 0xef));
        byte[] key = key(32);
        assertThat(written(new CancelRequest(7, key)::encode))
                .isEqualTo(concat(bytes(0, 0, 0, 44, 0x04, 0xd2, 0x16, 0x2e, 0, 0, 0, 7), key));
        assertThat(Frames.startup(concat(bytes(0, 0, 0, 44, 0x04, 0xd2, 0x16, 0x2e, 0, 0, 0, 7), key)))
                .isEqualTo(new CancelRequest(7, key));
    }

    @Test
    void backendKeyDataCarriesTheKeyAfterTheProcessId() {
        assertThat(written(new BackendKeyData(0x0a0b0c0d, bytes(1, 2, 3, 4))::encode))
                .isEqualTo(bytes('K', 0, 0, 0, 12, 10, 11, 12, 13, 1, 2, 3, 4));
        byte[] key = key(32);
        assertThat(written(new BackendKeyData(1, key)::encode)).isEqualTo(concat(bytes('K', 0, 0, 0, 40, 0, 0, 0, 1), key));
    }

    @Test
    void authenticationRequestsStartWithTheirCode() {
        assertThat(written(Authentication.Ok.INSTANCE::encode)).isEqualTo(bytes('R', 0, 0, 0, 8, 0, 0, 0, 0));
        assertThat(written(Authentication.CleartextPassword.INSTANCE::encode)).isEqualTo(bytes('R', 0, 0, 0, 8, 0, 0, 0, 3));
        assertThat(written(new Authentication.MD5Password(bytes(9, 8, 7, 6))::encode))
                .isEqualTo(bytes('R', 0, 0, 0, 12, 0, 0, 0, 5, 9, 8, 7, 6));
        assertThat(written(new Authentication.SASL(List.of("SCRAM-SHA-256"))::encode))
                .isEqualTo(concat(bytes('R', 0, 0, 0, 23, 0, 0, 0, 10), utf8("SCRAM-SHA-256\0\0")));
        assertThat(written(new Authentication.SASLFinal(utf8("v=x"))::encode))
                .isEqualTo(concat(bytes('R', 0, 0, 0, 11, 0, 0, 0, 12), utf8("v=x")));
    }

    @Test
    void dataRowWritesNullAsLengthMinusOneAndEmptyAsLengthZero() {
        assertThat(written(new DataRow(new byte[][] {utf8("1"), null, {}})::encode)).isEqualTo(bytes(
                'D', 0, 0, 0, 19, 0, 3,
                0, 0, 0, 1, '1',
                0xff, 0xff, 0xff, 0xff,
                0, 0, 0, 0));
    }

    @Test
    void rowDescriptionFieldIsNameThenEighteenBytesOfAttributes() {
        RowDescription.Field f = new RowDescription.Field("a", 16384, (short) 1, 23, (short) 4, -1, (short) 0);
        assertThat(written(new RowDescription(List.of(f))::encode)).isEqualTo(bytes(
                'T', 0, 0, 0, 26, 0, 1, 'a', 0,
                0, 0, 0x40, 0, 0, 1, 0, 0, 0, 23, 0, 4, 0xff, 0xff, 0xff, 0xff, 0, 0));
    }

    @Test
    void errorResponseWritesFieldsInTheirOrderAndATerminator() {
        ErrorResponse e = new ErrorResponse(fields('S', "ERROR", 'C', "42P01", 'M', "x"));
        assertThat(written(e::encode)).isEqualTo(concat(bytes('E', 0, 0, 0, 22), utf8("SERROR\0C42P01\0Mx\0\0")));
        NoticeResponse n = new NoticeResponse(fields('M', "x", 'S', "NOTICE"));
        assertThat(written(n::encode)).isEqualTo(concat(bytes('N', 0, 0, 0, 16), utf8("Mx\0SNOTICE\0\0")));
    }

    @Test
    void extendedQueryMessages() {
        assertThat(written(new Parse("", "SELECT $1", new int[] {23})::encode)).isEqualTo(concat(
                bytes('P', 0, 0, 0, 21, 0), utf8("SELECT $1\0"), bytes(0, 1, 0, 0, 0, 23)));
        assertThat(written(new Bind("p", "", new short[] {1}, new byte[][] {bytes(0, 0, 0, 5), null}, new short[0])::encode))
                .isEqualTo(bytes('B', 0, 0, 0, 27, 'p', 0, 0, 0, 1, 0, 1, 0, 2, 0, 0, 0, 4, 0, 0, 0, 5,
                        0xff, 0xff, 0xff, 0xff, 0, 0));
        assertThat(written(new Describe('P', "")::encode)).isEqualTo(bytes('D', 0, 0, 0, 6, 'P', 0));
        assertThat(written(new Execute("", 0)::encode)).isEqualTo(bytes('E', 0, 0, 0, 9, 0, 0, 0, 0, 0));
        assertThat(written(new Close('S', "s1")::encode)).isEqualTo(bytes('C', 0, 0, 0, 8, 'S', 's', '1', 0));
        assertThat(written(new ParameterDescription(new int[] {23})::encode)).isEqualTo(bytes('t', 0, 0, 0, 10, 0, 1, 0, 0, 0, 23));
    }

    @Test
    void copyResponsesShareOneLayout() {
        assertThat(written(new CopyResponse(CopyResponse.Kind.IN, 0, new short[] {0, 0})::encode))
                .isEqualTo(bytes('G', 0, 0, 0, 11, 0, 0, 2, 0, 0, 0, 0));
        assertThat(written(new CopyResponse(CopyResponse.Kind.OUT, 1, new short[] {1})::encode))
                .isEqualTo(bytes('H', 0, 0, 0, 9, 1, 0, 1, 0, 1));
        assertThat(written(new CopyResponse(CopyResponse.Kind.BOTH, 0, new short[0])::encode))
                .isEqualTo(bytes('W', 0, 0, 0, 7, 0, 0, 0));
    }

    @Test
    void negotiateProtocolVersionSendsTheWholeVersionWordAndTheUnrecognisedOptions() {
        // As PostgreSQL does (see the startup-protocol-3.2 capture): 3.0 is 00 03 00 00, not just the minor 0.
        assertThat(written(new NegotiateProtocolVersion(0, List.of("_pq_.x"))::encode))
                .isEqualTo(concat(bytes('v', 0, 0, 0, 19, 0, 3, 0, 0, 0, 0, 0, 1), utf8("_pq_.x\0")));
        assertThat(written(new NegotiateProtocolVersion(2, List.of())::encode))
                .isEqualTo(bytes('v', 0, 0, 0, 12, 0, 3, 0, 2, 0, 0, 0, 0));
    }

    @Test
    void saslInitialResponseWritesTheDataLengthOrMinusOne() {
        assertThat(written(new SASLInitialResponse("M", utf8("ab"))::encode))
                .isEqualTo(bytes('p', 0, 0, 0, 12, 'M', 0, 0, 0, 0, 2, 'a', 'b'));
        assertThat(written(new SASLInitialResponse("M", null)::encode))
                .isEqualTo(bytes('p', 0, 0, 0, 10, 'M', 0, 0xff, 0xff, 0xff, 0xff));
    }

    @Test
    void functionCallAndResponse() {
        assertThat(written(new FunctionCall(177, new short[] {1}, new byte[][] {bytes(0, 0, 0, 40)}, (short) 1)::encode))
                .isEqualTo(hex("46 00000018 000000b1 0001 0001 0001 00000004 00000028 0001"));
        assertThat(written(new FunctionCallResponse(null)::encode)).isEqualTo(bytes('V', 0, 0, 0, 8, 0xff, 0xff, 0xff, 0xff));
    }
}
