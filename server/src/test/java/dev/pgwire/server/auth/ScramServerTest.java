package dev.pgwire.server.auth;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScramServerTest {
    private static final String SCRAM = ScramServer.SCRAM_SHA_256;
    private static final String PLUS = ScramServer.SCRAM_SHA_256_PLUS;
    private static final ScramVerifier ALICE = ScramVerifier.derive("secret", ScramVerifier.newSalt(), 4096);
    private static final byte[] END_POINT = HexFormat.of().parseHex(TestCertificates.RSA_SHA256_END_POINT);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // --- RFC 7677 section 3 ---------------------------------------------------------------

    @Test
    void reproducesTheRfc7677Exchange() {
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        ScramVerifier pencil = ScramVerifier.derive("pencil", salt, 4096);
        ScramServer server = new ScramServer("user", pencil, null, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

        byte[] serverFirst = server.clientFirst(SCRAM, bytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        assertThat(text(serverFirst)).isEqualTo(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");

        byte[] serverFinal = server.clientFinal(bytes("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(text(serverFinal)).isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        assertThat(server.isSucceeded()).isTrue();
    }

    @Test
    void testClientComputesTheRfc7677ProofAndAcceptsTheServerSignature() {
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        ScramTestClient client = new ScramTestClient("user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        ScramServer server = new ScramServer("user", ScramVerifier.derive("pencil", salt, 4096), null,
                () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        byte[] clientFinal = client.clientFinal(server.clientFirst(SCRAM, client.clientFirst()));
        assertThat(text(clientFinal)).endsWith(",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        assertThat(client.serverFinalValid(server.clientFinal(clientFinal))).isTrue();
    }

    @Test
    void aSuccessfulExchangeYieldsTheClientKeyOfThePassword() {
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        ScramVerifier pencil = ScramVerifier.derive("pencil", salt, 4096);
        ScramServer server = new ScramServer("user", pencil, null, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        server.clientFirst(SCRAM, bytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        assertThat(server.clientKey()).isEmpty();
        server.clientFinal(bytes("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        byte[] expected = ScramCrypto.hmac(ScramCrypto.saltedPassword("pencil", salt, 4096), ScramCrypto.CLIENT_KEY);
        ScramClientKey key = server.clientKey().orElseThrow();
        assertThat(key.clientKey()).isEqualTo(expected);
        assertThat(key.verifier()).isEqualTo(pencil);
        assertThat(key.toString()).doesNotContain(Base64.getEncoder().encodeToString(expected));
    }

    @Test
    void aFailedExchangeYieldsNoClientKey() {
        ScramServer server = new ScramServer("alice", ALICE, null);
        ScramTestClient wrong = new ScramTestClient("alice", "wrong", "abc");
        assertThatThrownBy(() -> server.clientFinal(wrong.clientFinal(server.clientFirst(SCRAM, wrong.clientFirst()))))
                .isInstanceOf(PgException.class);
        assertThat(server.clientKey()).isEmpty();
    }

    // --- full exchanges ---------------------------------------------------------------------

    @Test
    void exchangeWithoutChannelBindingSucceedsWithTheRightPassword() {
        ScramServer server = new ScramServer("alice", ALICE, null);
        ScramTestClient client = new ScramTestClient("alice", "secret", "clientnonce123");
        byte[] serverFirst = server.clientFirst(SCRAM, client.clientFirst());
        assertThat(text(serverFirst)).matches("r=clientnonce123[A-Za-z0-9+/]{24},s=[A-Za-z0-9+/=]+,i=4096");
        assertThat(client.serverFinalValid(server.clientFinal(client.clientFinal(serverFirst)))).isTrue();
        assertThat(server.channelBindingUsed()).isFalse();
    }

    @Test
    void exchangeWithTlsServerEndPointChannelBindingSucceeds() {
        byte[] serverSide = ScramServer.tlsServerEndPoint(TestCertificates.load(TestCertificates.RSA_SHA256));
        ScramServer server = new ScramServer("alice", ALICE, serverSide);
        ScramTestClient client = ScramTestClient.withChannelBinding("alice", "secret", END_POINT);
        byte[] serverFinal = server.clientFinal(client.clientFinal(server.clientFirst(PLUS, client.clientFirst())));
        assertThat(client.serverFinalValid(serverFinal)).isTrue();
        assertThat(server.channelBindingUsed()).isTrue();
        // the proof covers the binding, but the ClientKey behind it is the password's all the same
        assertThat(ScramCrypto.sha256(server.clientKey().orElseThrow().clientKey())).isEqualTo(ALICE.storedKey());
    }

    @Test
    void plainScramStillWorksOverTlsWhenTheClientDoesNotSupportChannelBinding() {
        ScramServer server = new ScramServer("alice", ALICE, END_POINT);
        ScramTestClient client = new ScramTestClient("alice", "secret", "abc");
        assertThat(client.serverFinalValid(server.clientFinal(client.clientFinal(server.clientFirst(SCRAM, client.clientFirst())))))
                .isTrue();
    }

    @Test
    void clientYFlagIsAcceptedWhenPlusWasNotOffered() {
        ScramServer server = new ScramServer("alice", ALICE, null);
        ScramTestClient client = new ScramTestClient("alice", "secret", "abc", "y,,", null);
        assertThat(client.serverFinalValid(server.clientFinal(client.clientFinal(server.clientFirst(SCRAM, client.clientFirst())))))
                .isTrue();
    }

    @Test
    void userNameInClientFirstIsIgnoredInFavourOfTheStartupUser() {
        ScramServer server = new ScramServer("alice", ALICE, null);
        ScramTestClient client = new ScramTestClient("", "secret", "abc");
        assertThat(client.serverFinalValid(server.clientFinal(client.clientFinal(server.clientFirst(SCRAM, client.clientFirst())))))
                .isTrue();
    }

    @Test
    void extensionsAreIgnoredButCoveredByTheProof() {
        String bare = "n=alice,r=abc,x=ext";
        String withoutProof = "c=biws,r=abcSERVER,y=more";
        ScramServer server = new ScramServer("alice", ALICE, null, () -> "SERVER");
        String serverFirst = text(server.clientFirst(SCRAM, bytes("n,," + bare)));
        String proof = proofOver(bare, serverFirst, withoutProof, "secret");
        assertThat(text(server.clientFinal(bytes(withoutProof + ",p=" + proof)))).startsWith("v=");

        // A proof over an AuthMessage without the extension does not pass.
        ScramServer other = new ScramServer("alice", ALICE, null, () -> "SERVER");
        other.clientFirst(SCRAM, bytes("n,," + bare));
        String proofWithoutExtension = proofOver("n=alice,r=abc", serverFirst, withoutProof, "secret");
        assertFailedFor(() -> other.clientFinal(bytes(withoutProof + ",p=" + proofWithoutExtension)), "alice");
    }

    /** A proof computed from scratch for an arbitrary client-first-message-bare. */
    private static String proofOver(String bare, String serverFirst, String withoutProof, String password) {
        byte[] salted = ScramTestClient.pbkdf2(password, ALICE.salt(), 4096);
        byte[] clientKey = ScramTestClient.hmac(salted, bytes("Client Key"));
        byte[] signature = ScramTestClient.hmac(ScramTestClient.sha256(clientKey),
                bytes(bare + "," + serverFirst + "," + withoutProof));
        byte[] proof = new byte[32];
        for (int i = 0; i < 32; i++) proof[i] = (byte) (clientKey[i] ^ signature[i]);
        return Base64.getEncoder().encodeToString(proof);
    }

    // --- failures: 28P01, the same for wrong password and unknown user ----------------------

    @Test
    void wrongPasswordAndUnknownUserFailIdentically() {
        ScramServer known = new ScramServer("alice", ALICE, null);
        ScramTestClient wrong = new ScramTestClient("alice", "wrong", "abc");
        PgException e1 = catchThrowableOfType(PgException.class,
                () -> known.clientFinal(wrong.clientFinal(known.clientFirst(SCRAM, wrong.clientFirst()))));

        ScramServer unknown = new ScramServer("alice", null, null);
        ScramTestClient guess = new ScramTestClient("alice", "secret", "abc");
        PgException e2 = catchThrowableOfType(PgException.class,
                () -> unknown.clientFinal(guess.clientFinal(unknown.clientFirst(SCRAM, guess.clientFirst()))));

        assertThat(e1.sqlState()).isEqualTo("28P01");
        assertThat(e1.getMessage()).isEqualTo("password authentication failed for user \"alice\"");
        assertThat(e2.fields()).isEqualTo(e1.fields());
    }

    @Test
    void unknownUserGetsAStableSaltAndTheDefaultIterationCount() {
        String first1 = text(new ScramServer("nobody", null, null, () -> "S").clientFirst(SCRAM, bytes("n,,n=,r=abc")));
        String first2 = text(new ScramServer("nobody", null, null, () -> "S").clientFirst(SCRAM, bytes("n,,n=,r=abc")));
        String other = text(new ScramServer("someone", null, null, () -> "S").clientFirst(SCRAM, bytes("n,,n=,r=abc")));
        assertThat(first1).isEqualTo(first2).endsWith(",i=4096").isNotEqualTo(other);
        assertThat(first1).matches("r=abcS,s=[A-Za-z0-9+/]{22}==,i=4096"); // 16 salt bytes
    }

    @Test
    void aNonceThatDoesNotMatchTheServerFirstFails() {
        ScramServer server = new ScramServer("alice", ALICE, null, () -> "SERVER");
        server.clientFirst(SCRAM, bytes("n,,n=alice,r=abc"));
        String serverFirst = "r=abcSERVER,s=" + Base64.getEncoder().encodeToString(ALICE.salt()) + ",i=4096";
        String withoutProof = "c=biws,r=abcOTHER";
        String proof = proofOver("n=alice,r=abc", serverFirst, withoutProof, "secret");
        assertFailedFor(() -> server.clientFinal(bytes(withoutProof + ",p=" + proof)), "alice");
    }

    private static void assertFailedFor(Runnable r, String user) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(PgException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("28P01");
            assertThat(e.getMessage()).isEqualTo("password authentication failed for user \"" + user + "\"");
        });
    }

    // --- mechanisms and channel binding negotiation ----------------------------------------

    @Test
    void mechanismsOfferPlusOnlyOverTls() {
        assertThat(ScramServer.mechanisms(true)).containsExactly("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256");
        assertThat(ScramServer.mechanisms(false)).containsExactly("SCRAM-SHA-256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-1", "scram-sha-256", "PLAIN", ""})
    void anUnknownMechanismIsAProtocolViolation(String mechanism) {
        assertSqlState(() -> new ScramServer("alice", ALICE, END_POINT).clientFirst(mechanism, bytes("n,,n=,r=abc")),
                "08P01", "client selected an invalid SASL authentication mechanism");
    }

    @Test
    void plusWithoutTlsIsAnInvalidMechanism() {
        assertSqlState(() -> new ScramServer("alice", ALICE, null).clientFirst(PLUS, bytes("p=tls-server-end-point,,n=,r=abc")),
                "08P01", "client selected an invalid SASL authentication mechanism");
    }

    @Test
    void yFlagWhilePlusWasOfferedIsADowngradeAttack() {
        PgException e = assertSqlState(() -> new ScramServer("alice", ALICE, END_POINT).clientFirst(SCRAM, bytes("y,,n=,r=abc")),
                "28000", "SCRAM channel binding negotiation error");
        assertThat(e.detail()).contains("thinks the server does not");
    }

    @Test
    void channelBindingDataWithoutTlsIsAProtocolViolation() {
        assertSqlState(() -> new ScramServer("alice", ALICE, null).clientFirst(SCRAM, bytes("p=tls-server-end-point,,n=,r=abc")),
                "08P01", "malformed SCRAM message");
    }

    @Test
    void plusSelectedWithoutChannelBindingDataIsMalformed() {
        assertSqlState(() -> new ScramServer("alice", ALICE, END_POINT).clientFirst(PLUS, bytes("n,,n=,r=abc")),
                "08P01", "malformed SCRAM message");
    }

    @Test
    void onlyTlsServerEndPointIsSupported() {
        assertSqlState(() -> new ScramServer("alice", ALICE, END_POINT).clientFirst(PLUS, bytes("p=tls-unique,,n=,r=abc")),
                "08P01", "unsupported SCRAM channel-binding type \"tls-unique\"");
    }

    @Test
    void channelBindingDataOfAnotherCertificateFails() {
        ScramServer server = new ScramServer("alice", ALICE, END_POINT);
        byte[] otherCert = HexFormat.of().parseHex(TestCertificates.EC_SHA1_END_POINT);
        ScramTestClient client = ScramTestClient.withChannelBinding("alice", "secret", otherCert);
        byte[] serverFirst = server.clientFirst(PLUS, client.clientFirst());
        assertSqlState(() -> server.clientFinal(client.clientFinal(serverFirst)), "28000", "SCRAM channel binding check failed");
    }

    @Test
    void clientFinalMustRepeatTheGs2HeaderWithoutChannelBinding() {
        ScramServer server = new ScramServer("alice", ALICE, null, () -> "S");
        server.clientFirst(SCRAM, bytes("n,,n=,r=abc"));
        // "eSws" is base64("y,,") while the client sent "n,,".
        assertSqlState(() -> server.clientFinal(bytes("c=eSws,r=abcS,p=" + "A".repeat(43) + "=")),
                "08P01", "unexpected SCRAM channel-binding attribute in client-final-message");
    }

    @Test
    void authorizationIdentityIsNotSupported() {
        assertSqlState(() -> new ScramServer("alice", ALICE, null).clientFirst(SCRAM, bytes("n,a=bob,n=,r=abc")),
                "0A000", "client uses authorization identity, but it is not supported");
    }

    @Test
    void mandatoryExtensionsAreNotSupported() {
        assertSqlState(() -> new ScramServer("alice", ALICE, null).clientFirst(SCRAM, bytes("n,,m=ext,n=,r=abc")),
                "0A000", "client requires an unsupported SCRAM extension");
    }

    // --- malformed messages: 08P01 ----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "",                       // empty
            "n",                      // no comma after the flag
            "x,,n=,r=abc",            // unknown channel-binding flag
            "n,,r=abc",               // user name missing
            "n,,n=alice",             // nonce missing
            "n,,n=alice,r=",          // empty nonce
            "n,,n=alice,r=a\u007Fb",   // non-printable nonce
            "n,,n=alice,x=abc",       // nonce attribute expected
            "n,,n=alice,r=abc,",      // trailing comma
            "n,,n=alice,r=abc,1=x",   // extension names are letters
            "n,,n=alice,r:abc",       // '=' missing
            "n,,n=alice,r=a\u0000bc", // embedded NUL
    })
    void malformedClientFirstIsAProtocolViolation(String message) {
        assertSqlState(() -> new ScramServer("alice", ALICE, null).clientFirst(SCRAM, bytes(message)),
                "08P01", "malformed SCRAM message");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                  // empty
            "r=abcS,c=biws,p=AAAA",              // attributes out of order
            "c=biws",                            // nonce missing
            "c=biws,r=abcS",                     // proof missing
            "c=biws,r=abcS,x=1",                 // still no proof
            "c=!!!,r=abcS,p=AAAA",               // channel binding not base64
            "c=biws,r=abcS,p=AAAA",              // proof too short
            "c=biws,r=abcS,p=not-base64",        // proof not base64
            "c=biws,r=abcS,p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=,x=1", // garbage after proof
            "c=biws,r=abcS,p",                   // '=' missing
    })
    void malformedClientFinalIsAProtocolViolation(String message) {
        ScramServer server = new ScramServer("alice", ALICE, null, () -> "S");
        server.clientFirst(SCRAM, bytes("n,,n=,r=abc"));
        assertSqlState(() -> server.clientFinal(bytes(message)), "08P01", "malformed SCRAM message");
    }

    @Test
    void malformedMessagesCarryADetail() {
        PgException e = assertSqlState(() -> new ScramServer("alice", ALICE, null).clientFirst(SCRAM, bytes("x,,n=,r=a")),
                "08P01", "malformed SCRAM message");
        assertThat(e.detail()).isEqualTo("Unexpected channel-binding flag \"x\".");
    }

    @Test
    void messagesOutOfOrderAreRejected() {
        ScramServer server = new ScramServer("alice", ALICE, null);
        assertThatThrownBy(() -> server.clientFinal(bytes("c=biws,r=x,p=x"))).isInstanceOf(IllegalStateException.class);
        ScramServer failed = new ScramServer("alice", ALICE, null);
        assertThatThrownBy(() -> failed.clientFirst(SCRAM, bytes("bad"))).isInstanceOf(PgException.class);
        assertThatThrownBy(() -> failed.clientFirst(SCRAM, bytes("n,,n=,r=abc"))).isInstanceOf(IllegalStateException.class);
    }

    private static PgException assertSqlState(Runnable r, String sqlState, String message) {
        PgException e = catchThrowableOfType(PgException.class, r::run);
        assertThat(e).as("expected a PgException").isNotNull();
        assertThat(e.sqlState()).isEqualTo(sqlState);
        assertThat(e.getMessage()).isEqualTo(message);
        return e;
    }
}
