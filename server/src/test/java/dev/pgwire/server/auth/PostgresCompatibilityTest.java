package dev.pgwire.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Fixtures captured from a real PostgreSQL 15.18 server: {@code ALTER/CREATE ROLE ... PASSWORD}
 * with password_encryption set to scram-sha-256 or md5, then
 * {@code SELECT rolpassword FROM pg_authid}.
 */
class PostgresCompatibilityTest {
    /** CREATE ROLE alice LOGIN PASSWORD 'secret' (scram-sha-256). */
    static final String ALICE_SCRAM = "SCRAM-SHA-256$4096:wrWq8jVnfpb0TqlTZFaDQA==$S7Slix++1duFjvx5rMWS6B8pHJRUm8CB3++TXdXLksE="
            + ":SQp3LJQD7s+kGvpVpjODFxLJpxW+HAj/V+GpkXkD3v4=";
    /** CREATE ROLE bob LOGIN PASSWORD 'secret' (md5). */
    static final String BOB_MD5 = "md521f3163f8f86fa10bdefbfbd502a8f06";

    @Test
    void clientProofFromTheRightPasswordAuthenticatesAgainstAPostgresVerifier() {
        ScramVerifier verifier = ScramVerifier.parse(ALICE_SCRAM);
        ScramServer server = new ScramServer("alice", verifier, null);
        ScramTestClient client = new ScramTestClient("alice", "secret", "7rN3hXq2");
        byte[] serverFinal = server.clientFinal(client.clientFinal(server.clientFirst("SCRAM-SHA-256", client.clientFirst())));
        assertThat(client.serverFinalValid(serverFinal)).isTrue();
    }

    @Test
    void deriveWithPostgresSaltAndIterationsGivesPostgresVerifier() {
        ScramVerifier pg = ScramVerifier.parse(ALICE_SCRAM);
        assertThat(ScramVerifier.derive("secret", pg.salt(), pg.iterations())).isEqualTo(pg);
        assertThat(ScramVerifier.derive("secret", pg.salt(), pg.iterations()).encode()).isEqualTo(ALICE_SCRAM);
        assertThat(pg.matches("secret")).isTrue();
        assertThat(pg.matches("Secret")).isFalse();
    }

    @Test
    void md5HashEqualsPostgresRolpassword() {
        assertThat(Md5Password.hash("bob", "secret")).isEqualTo(BOB_MD5);
    }

    /**
     * SASLprep as PostgreSQL applies it: PostgreSQL hashed the SASLprep'd form of each password,
     * or the raw password when SASLprep rejects it.
     */
    static Stream<Arguments> saslPrepFixtures() {
        return Stream.of(
                arguments("NFKC and mapping: U+2168, soft hyphen, x, no-break space, y -> \"IXx y\"",
                        "\u2168\u00ADx\u00A0y",
                        "SCRAM-SHA-256$4096:AyRcA/9DsrOvtahMe90Vwg==$b85TZTsEYIalcoIwMcpDssAhHl2LRzmepOcC4ktIWL4="
                                + ":TzKFNuL9mISXhkGREJ3ajQRttayeDqdyIack5PxykpY="),
                arguments("prohibited control character: raw password",
                        "a\u0007b\u00A0c",
                        "SCRAM-SHA-256$4096:VszTs9ed8MpaQ1/9qR3s3w==$iZePyCN2GPy/o09se2Gfp69r3CZ8UplnCKREt3kQcy8="
                                + ":t0JoiL9fibDzWXjbAqx03VGUtqLQ0QtjPDxNFDEtt+A="),
                arguments("unassigned in Unicode 3.2 (U+0221): raw password",
                        "a\u0221b",
                        "SCRAM-SHA-256$4096:fjEtyAXCT8E88wzKkGTK4g==$zNDG5kni7/V0hYquOzEmg8Wj/XZfSJGdB65iqxIQWmA="
                                + ":L/5V0lakaOSubhIRR3mVFsLCieohddrCRrKDw1jYEDI="),
                arguments("emoji, unassigned in Unicode 3.2: raw password",
                        "\uD83D\uDE00\u00A0x",
                        "SCRAM-SHA-256$4096:qcrlZdtdFBnmXpzxri/Ocw==$VzAIUGW7n3JeiuAMJCCsOcvGUCnT1zsQkJ8yhhMeW2o="
                                + ":lWVvYsqNkhcpXdZeaiS3D4tAEfE6LqIO2v608nUrJ/E="),
                arguments("U+1F100, unassigned in Unicode 3.2 although NFKC maps it: raw password",
                        "\uD83C\uDD00\u00A0",
                        "SCRAM-SHA-256$4096:4RBeMVQ9NELwyCjg1zfdCA==$80utSyhYlZKYZ9FNj3l6+QyOVxQppOV/7VfoArOC1jM="
                                + ":weYCgGoQieygp61FRpsP6MZnH6g09tMrATj1oXaWSu4="),
                arguments("mapped to nothing, empty result: raw password",
                        "\u00AD",
                        "SCRAM-SHA-256$4096:eunEVp0PXVy4bYutKoNUaw==$tORq7DtKB3NRGtcUVSGAmZcM9C6A/p+QvZ+ugH/PM9Q="
                                + ":6CLPNbcyzkrhSCyZjWsbJM6YdJNZMaxKM5VlfCqak88="),
                arguments("right-to-left mixed with left-to-right: raw password",
                        "\u05D0a\u00A0",
                        "SCRAM-SHA-256$4096:rUw/6eO9a8E4VyPjUDO/Ag==$E1FLHTfPmFg/cmeitWUnSG7AZ/JLntkEgl6oTGBYqBI="
                                + ":wZGxfX6cotxMqCBMB3Q/YKoewmtdmudPHDbNfO01XCg="),
                arguments("right-to-left only: prepared",
                        "\u05D0\u00A0\u05D1",
                        "SCRAM-SHA-256$4096:d+4h82vhvBsoYNTxdIk6Dg==$DzV4aBkL3PI70HHTv7IryIKVNqgr8t/OYJppG25/9Q4="
                                + ":ADjH6sXngirK2iWYTJG2DSTk7wOgSGZJkPT3nEPTpuQ="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("saslPrepFixtures")
    void saslPrepMatchesPostgres(String description, String password, String rolpassword) {
        ScramVerifier pg = ScramVerifier.parse(rolpassword);
        assertThat(ScramVerifier.derive(password, pg.salt(), pg.iterations())).isEqualTo(pg);
    }
}
