package dev.pgwire.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.server.auth.ScramServer;
import dev.pgwire.server.auth.ScramVerifier;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * SCRAM-SHA-256 message parsing as the server runs it: the client-first message (gs2 header,
 * channel binding flag, user, nonce, extensions) and the client-final message (channel binding
 * data, nonce, extensions, proof). A message is accepted or refused with PostgreSQL's SQLSTATEs —
 * 08P01 for malformed messages, 28000 for channel binding failures, 0A000 for what PostgreSQL does
 * not support, 28P01 for a wrong proof — and never with another exception.
 */
class ScramServerFuzzTest {
    private static final ScramVerifier ALICE = ScramVerifier.derive("secret", new byte[16], 4096);
    private static final byte[] END_POINT = new byte[32];
    private static final Set<String> CLIENT_FIRST_ERRORS = Set.of(SqlState.PROTOCOL_VIOLATION,
            SqlState.INVALID_AUTHORIZATION_SPECIFICATION, SqlState.FEATURE_NOT_SUPPORTED);
    private static final Set<String> CLIENT_FINAL_ERRORS = Set.of(SqlState.PROTOCOL_VIOLATION,
            SqlState.INVALID_AUTHORIZATION_SPECIFICATION, SqlState.INVALID_PASSWORD);

    /**
     * The selector's bits: 1 the server offers channel binding (on TLS), 2 the client picks
     * SCRAM-SHA-256-PLUS, 4 the user exists.
     */
    private static ScramServer server(byte selector) {
        return new ScramServer("alice", (selector & 4) != 0 ? ALICE : null, (selector & 1) != 0 ? END_POINT : null);
    }

    private static String mechanism(byte selector) {
        return (selector & 2) != 0 ? ScramServer.SCRAM_SHA_256_PLUS : ScramServer.SCRAM_SHA_256;
    }

    /** Input: a selector byte, then the client-first message. */
    @FuzzTest
    void clientFirst(byte[] input) {
        if (input.length == 0) return;
        byte[] message = Arrays.copyOfRange(input, 1, input.length);
        byte[] serverFirst;
        try {
            serverFirst = server(input[0]).clientFirst(mechanism(input[0]), message);
        } catch (PgException e) {
            check(CLIENT_FIRST_ERRORS.contains(e.sqlState()), e, input);
            return;
        }
        // r=<client nonce><server nonce>,s=<salt>,i=<iterations>, in printable ASCII
        String s = new String(serverFirst, StandardCharsets.ISO_8859_1);
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int r = text.indexOf(",r=");
        String clientNonce = text.substring(r + 3).split(",", 2)[0];
        if (!s.startsWith("r=" + clientNonce) || !s.matches("r=[!-+\\--~]+,s=[A-Za-z0-9+/=]+,i=[0-9]+")) {
            throw new AssertionError("server-first [" + s + "] for " + hex(input));
        }
    }

    /**
     * Input: a selector byte, then the client-final message. The client-first before it is a
     * valid one for the selected mechanism, with the nonce {@code fyko+d2lbbFgONRv9qkxdawL}.
     */
    @FuzzTest
    void clientFinal(byte[] input) {
        if (input.length == 0) return;
        byte selector = input[0];
        ScramServer server = server(selector);
        boolean plus = mechanism(selector).equals(ScramServer.SCRAM_SHA_256_PLUS) && (selector & 1) != 0;
        String gs2 = plus ? "p=tls-server-end-point,," : "n,,";
        byte[] clientFirst = (gs2 + "n=,r=fyko+d2lbbFgONRv9qkxdawL").getBytes(StandardCharsets.ISO_8859_1);
        try {
            server.clientFirst(plus ? ScramServer.SCRAM_SHA_256_PLUS : ScramServer.SCRAM_SHA_256, clientFirst);
        } catch (PgException e) {
            throw new AssertionError("the valid client-first was refused: " + e.getMessage(), e);
        }
        byte[] message = Arrays.copyOfRange(input, 1, input.length);
        byte[] serverFinal;
        try {
            serverFinal = server.clientFinal(message);
        } catch (PgException e) {
            check(CLIENT_FINAL_ERRORS.contains(e.sqlState()), e, input);
            check(!server.isSucceeded(), e, input);
            return;
        }
        // only the right proof for the right user gets here
        String s = new String(serverFinal, StandardCharsets.ISO_8859_1);
        if (!server.isSucceeded() || (selector & 4) == 0 || !s.startsWith("v=")
                || Base64.getDecoder().decode(s.substring(2)).length != 32) {
            throw new AssertionError("server-final [" + s + "] for " + hex(input));
        }
    }

    private static void check(boolean ok, PgException e, byte[] input) {
        if (!ok) throw new AssertionError("SQLSTATE " + e.sqlState() + " (" + e.getMessage() + ") for " + hex(input), e);
    }

    static String hex(byte[] b) {
        return b.length <= 256 ? HexFormat.of().formatHex(b) : HexFormat.of().formatHex(b, 0, 256) + "...";
    }
}
