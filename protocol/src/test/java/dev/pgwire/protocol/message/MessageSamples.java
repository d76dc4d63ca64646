package dev.pgwire.protocol.message;

import dev.pgwire.protocol.types.PgType;
import org.junit.jupiter.api.Named;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Named.named;

/**
 * At least one instance of every message, with the edge cases the wire format allows: empty
 * strings and lists, NULL and empty values, non-ASCII text, 3.2's long cancel keys.
 */
public final class MessageSamples {
    private MessageSamples() {}

    public static List<Named<FrontendMessage>> frontend() {
        return List.of(
                named("Bind with names, mixed formats, NULL and empty values",
                        new Bind("portal", "stmt", new short[] {0, 1, 0, 1},
                                new byte[][] {utf8("42"), {0, 0, 0, 7}, null, {}}, new short[] {1})),
                named("Bind unnamed without parameters", new Bind("", "", new short[0], new byte[0][], new short[0])),
                named("Bind with one format for all", new Bind("", "s", new short[] {1},
                        new byte[][] {{1}, {2}}, new short[] {0, 1})),
                named("Close statement", new Close('S', "stmt")),
                named("Close unnamed portal", new Close('P', "")),
                named("CopyData", new CopyData(utf8("1\tone\n"))),
                named("CopyData empty", new CopyData(new byte[0])),
                named("CopyDone", CopyDone.INSTANCE),
                named("CopyFail", new CopyFail("client gave up")),
                named("Describe statement", new Describe('S', "stmt")),
                named("Describe unnamed portal", new Describe('P', "")),
                named("Execute unlimited", new Execute("", 0)),
                named("Execute maxRows 100", new Execute("portal", 100)),
                named("Flush", Flush.INSTANCE),
                named("FunctionCall binary with NULL", new FunctionCall(177, new short[] {1},
                        new byte[][] {{0, 0, 0, 40}, null}, (short) 1)),
                named("FunctionCall no arguments", new FunctionCall(2, new short[0], new byte[0][], (short) 0)),
                named("PasswordMessage cleartext", PasswordMessage.ofPassword("s3cret ✓")),
                named("PasswordMessage md5", PasswordMessage.ofPassword("md5630f6e5b8d0f574d03618e17860bb46b")),
                named("SASLInitialResponse", new SASLInitialResponse("SCRAM-SHA-256", utf8("n,,n=,r=abcdef"))),
                named("SASLInitialResponse without data", new SASLInitialResponse("SCRAM-SHA-256", null)),
                named("SASLResponse", new SASLResponse(utf8("c=biws,r=abcdef,p=xyz="))),
                named("GSSResponse", new GSSResponse(new byte[] {0x60, (byte) 0x82, 0, 1, (byte) 0xff})),
                named("Parse with parameter types", new Parse("stmt", "SELECT $1::int + $2, $3",
                        new int[] {PgType.INT4.oid(), 0, 0xFFFF_FFFF})),
                named("Parse unnamed empty", new Parse("", "", new int[0])),
                named("Query", new Query("SELECT 1")),
                named("Query empty", new Query("")),
                named("Query non-ASCII", new Query("SELECT 'żółw 🐢'")),
                named("Sync", Sync.INSTANCE),
                named("Terminate", Terminate.INSTANCE));
    }

    public static List<Named<BackendMessage>> backend() {
        return List.of(
                named("AuthenticationOk", Authentication.Ok.INSTANCE),
                named("AuthenticationKerberosV5", new Authentication.KerberosV5()),
                named("AuthenticationCleartextPassword", Authentication.CleartextPassword.INSTANCE),
                named("AuthenticationMD5Password", new Authentication.MD5Password(new byte[] {1, (byte) 0x82, 0, 127})),
                named("AuthenticationGSS", new Authentication.GSS()),
                named("AuthenticationGSSContinue", new Authentication.GSSContinue(new byte[] {5, 4, 3})),
                named("AuthenticationGSSContinue empty", new Authentication.GSSContinue(new byte[0])),
                named("AuthenticationSSPI", new Authentication.SSPI()),
                named("AuthenticationSASL", new Authentication.SASL(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"))),
                named("AuthenticationSASL no mechanisms", new Authentication.SASL(List.of())),
                named("AuthenticationSASLContinue", new Authentication.SASLContinue(utf8("r=abc,s=c2FsdA==,i=4096"))),
                named("AuthenticationSASLFinal", new Authentication.SASLFinal(utf8("v=c2lnbmF0dXJl"))),
                named("BackendKeyData 3.0 (4-byte key)", new BackendKeyData(12345, new byte[] {1, 2, 3, 4})),
                named("BackendKeyData 3.2 (32-byte key)", new BackendKeyData(-7, key(32))),
                named("BackendKeyData 3.2 (256-byte key)", new BackendKeyData(Integer.MAX_VALUE, key(256))),
                named("BindComplete", BindComplete.INSTANCE),
                named("CloseComplete", CloseComplete.INSTANCE),
                named("CommandComplete", new CommandComplete("INSERT 0 1")),
                named("CommandComplete empty tag", new CommandComplete("")),
                named("CopyData", new CopyData(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0})),
                named("CopyDone", CopyDone.INSTANCE),
                named("CopyInResponse text", new CopyResponse(CopyResponse.Kind.IN, 0, new short[] {0, 0})),
                named("CopyOutResponse binary", new CopyResponse(CopyResponse.Kind.OUT, 1, new short[] {1, 1, 1})),
                named("CopyBothResponse", new CopyResponse(CopyResponse.Kind.BOTH, 0, new short[0])),
                named("DataRow with NULLs and empty values", new DataRow(new byte[][] {utf8("1"), null, {}, {0, (byte) 0xff}, null})),
                named("DataRow without columns", new DataRow(new byte[0][])),
                named("EmptyQueryResponse", EmptyQueryResponse.INSTANCE),
                named("ErrorResponse, fields in unusual order", new ErrorResponse(fields(
                        'M', "relation \"t\" does not exist", 'S', "ERROR", 'C', "42P01", 'P', "15", 'V', "ERROR",
                        'F', "parse_relation.c", 'L', "1392", 'R', "parserOpenTable"))),
                named("ErrorResponse with every field", new ErrorResponse(fields(
                        'S', "FEHLER", 'V', "ERROR", 'C', "23505", 'M', "doppelter Schlüsselwert ✗", 'D', "Key (id)=(1)",
                        'H', "hint", 'P', "1", 'p', "2", 'q', "SELECT internal", 'W', "PL/pgSQL function f() line 3",
                        's', "public", 't', "u", 'c', "id", 'd', "dom", 'n', "u_pkey", 'F', "nbtinsert.c", 'L', "666",
                        'R', "_bt_check_unique"))),
                named("FunctionCallResponse", new FunctionCallResponse(new byte[] {0, 0, 0, 42})),
                named("FunctionCallResponse NULL", new FunctionCallResponse(null)),
                named("FunctionCallResponse empty", new FunctionCallResponse(new byte[0])),
                named("NegotiateProtocolVersion", new NegotiateProtocolVersion(0, List.of())),
                named("NegotiateProtocolVersion with options", new NegotiateProtocolVersion(2, List.of("_pq_.a", "_pq_.b"))),
                named("NoData", NoData.INSTANCE),
                named("NoticeResponse", NoticeResponse.of("NOTICE", "00000", "hello 42")),
                named("NoticeResponse, fields in unusual order", new NoticeResponse(fields(
                        'H', "some hint", 'S', "WARNING", 'D', "some detail", 'M', "careful", 'C', "01000"))),
                named("NotificationResponse", new NotificationResponse(4242, "chan", "the payload")),
                named("NotificationResponse empty payload", new NotificationResponse(-1, "", "")),
                named("ParameterDescription", new ParameterDescription(new int[] {23, 25, 0, 0xFFFF_FFFF})),
                named("ParameterDescription empty", new ParameterDescription(new int[0])),
                named("ParameterStatus", new ParameterStatus("server_version", "15.18 (Debian 15.18-0+deb12u1)")),
                named("ParameterStatus empty value", new ParameterStatus("application_name", "")),
                named("ParseComplete", ParseComplete.INSTANCE),
                named("PortalSuspended", PortalSuspended.INSTANCE),
                named("ReadyForQuery idle", ReadyForQuery.IDLE),
                named("ReadyForQuery in transaction", ReadyForQuery.IN_TRANSACTION),
                named("ReadyForQuery failed", ReadyForQuery.FAILED),
                named("RowDescription", new RowDescription(List.of(
                        new RowDescription.Field("one", 0, (short) 0, 23, (short) 4, -1, (short) 0),
                        new RowDescription.Field("naïve", 16384, (short) 2, 1043, (short) -1, 36, (short) 1),
                        new RowDescription.Field("", PgType.TEXT.oid(), (short) -1)))),
                named("RowDescription without columns", new RowDescription(List.of())));
    }

    public static List<Named<StartupPacket>> startup() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "alice");
        params.put("database", "shop");
        params.put("application_name", "psql");
        params.put("options", "-c search_path=a,b");
        return List.of(
                named("StartupMessage 3.0", new StartupMessage(Wire.PROTOCOL_3_0, params)),
                named("StartupMessage 3.2 with _pq_ option", new StartupMessage(Wire.PROTOCOL_3_2,
                        Map.of("user", "bob", "_pq_.test", "on"))),
                named("StartupMessage without parameters", new StartupMessage(Wire.PROTOCOL_3_0, Map.of())),
                named("SSLRequest", SSLRequest.INSTANCE),
                named("GSSENCRequest", GSSENCRequest.INSTANCE),
                named("CancelRequest 3.0 (4-byte key)", new CancelRequest(4242, new byte[] {9, 8, 7, 6})),
                named("CancelRequest 3.2 (32-byte key)", new CancelRequest(-1, key(32))),
                named("CancelRequest 3.2 (256-byte key)", new CancelRequest(1, key(256))));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] key(int length) {
        byte[] k = new byte[length];
        IntStream.range(0, length).forEach(i -> k[i] = (byte) (i * 37 + 11));
        return k;
    }

    /** An ordered field map: code, value, code, value, … */
    static Map<Character, String> fields(Object... codesAndValues) {
        Map<Character, String> f = new LinkedHashMap<>();
        for (int i = 0; i < codesAndValues.length; i += 2) f.put((Character) codesAndValues[i], (String) codesAndValues[i + 1]);
        return f;
    }
}
