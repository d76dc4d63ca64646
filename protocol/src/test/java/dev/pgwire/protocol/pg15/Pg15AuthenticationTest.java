package dev.pgwire.protocol.pg15;

import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.PasswordMessage;
import dev.pgwire.protocol.message.SASLInitialResponse;
import dev.pgwire.protocol.message.SASLResponse;
import dev.pgwire.protocol.testing.LeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.pgwire.protocol.testing.Buffers.concat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * md5 and SCRAM-SHA-256 exchanges between psql and PostgreSQL 15. The passwords are known (see
 * the capture README), so the tests recompute what each side sent from the decoded fields.
 */
@ExtendWith(LeakCheck.class)
class Pg15AuthenticationTest {

    @Test
    void md5RequestCarriesTheSaltAndTheAnswerIsMd5OfMd5PasswordUserAndSalt() throws Exception {
        Capture c = Capture.load("psql-md5");
        Authentication.MD5Password request = (Authentication.MD5Password) c.received().get(0);
        assertThat(request.salt()).hasSize(4);

        String inner = md5Hex("md5secret".getBytes(StandardCharsets.UTF_8), "md5user".getBytes(StandardCharsets.UTF_8));
        String expected = "md5" + md5Hex(inner.getBytes(StandardCharsets.US_ASCII), request.salt());
        PasswordMessage sent = c.sent(PasswordMessage.class).get(0);
        assertThat(sent.password()).isEqualTo(expected);
        assertThat(Capture.encoded(PasswordMessage.ofPassword(expected))).isEqualTo(c.sentFrame(PasswordMessage.class, 0).bytes());
        assertThat(c.received().get(1)).isEqualTo(Authentication.Ok.INSTANCE);
    }

    @Test
    void scramExchangeDecodesToMessagesThatCheckOut() throws Exception {
        Capture c = Capture.load("psql-scram");
        List<Object> got = c.received();
        assertThat(got.get(0)).isEqualTo(new Authentication.SASL(List.of("SCRAM-SHA-256"))); // no -PLUS without TLS

        SASLInitialResponse first = SASLInitialResponse.from(c.sent(PasswordMessage.class).get(0));
        assertThat(first.mechanism()).isEqualTo("SCRAM-SHA-256");
        String clientFirst = ascii(first.data());
        assertThat(clientFirst).startsWith("n,,n=,r=");
        assertThat(Capture.encoded(first)).isEqualTo(c.sentFrame(PasswordMessage.class, 0).bytes());

        String serverFirst = ascii(((Authentication.SASLContinue) got.get(1)).data());
        Map<Character, String> sf = attributes(serverFirst);
        assertThat(sf.get('r')).startsWith(clientFirst.substring("n,,n=,r=".length()));
        assertThat(sf.get('i')).isEqualTo("4096");

        SASLResponse finalMessage = SASLResponse.from(c.sent(PasswordMessage.class).get(1));
        String clientFinal = ascii(finalMessage.data());
        assertThat(Capture.encoded(finalMessage)).isEqualTo(c.sentFrame(PasswordMessage.class, 1).bytes());
        String withoutProof = clientFinal.substring(0, clientFinal.indexOf(",p="));
        assertThat(withoutProof).isEqualTo("c=biws,r=" + sf.get('r'));

        // RFC 5802: recompute the client's proof and the server's signature from the password.
        byte[] salted = pbkdf2("scramsecret", Base64.getDecoder().decode(sf.get('s')), Integer.parseInt(sf.get('i')));
        String authMessage = clientFirst.substring(3) + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] clientSignature = hmac(MessageDigest.getInstance("SHA-256").digest(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        assertThat(attributes(clientFinal).get('p')).isEqualTo(Base64.getEncoder().encodeToString(proof));
        byte[] serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
        assertThat(got.get(2)).isEqualTo(new Authentication.SASLFinal(
                ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.US_ASCII)));
        assertThat(got.get(3)).isEqualTo(Authentication.Ok.INSTANCE);
    }

    private static String md5Hex(byte[] a, byte[] b) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(concat(a, b)));
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static Map<Character, String> attributes(String scramMessage) {
        Map<Character, String> m = new LinkedHashMap<>();
        for (String part : scramMessage.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') m.put(part.charAt(0), part.substring(2));
        }
        return m;
    }
}
