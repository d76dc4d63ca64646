package dev.pgwire.protocol.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4013 section 3 examples, and PostgreSQL's fallback to the raw password. */
class SaslPrepTest {

    @Test
    void rfc4013Examples() {
        assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX");       // SOFT HYPHEN mapped to nothing
        assertThat(SaslPrep.prepare("user")).isEqualTo("user");          // no transformation
        assertThat(SaslPrep.prepare("USER")).isEqualTo("USER");          // case preserved
        assertThat(SaslPrep.prepare("\u00AA")).isEqualTo("a");           // output is NFKC
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX");          // output is NFKC
        // RFC: "<U+0007>" is an error (prohibited), "<U+0627><U+0031>" an error (bidi);
        // PostgreSQL then uses the raw password.
        assertThat(SaslPrep.prepare("\u0007")).isEqualTo("\u0007");
        assertThat(SaslPrep.prepare("\u0627\u0031")).isEqualTo("\u0627\u0031");
    }

    @Test
    void nonAsciiSpacesBecomeSpace() {
        assertThat(SaslPrep.prepare("a\u00A0b\u3000c\u2003d")).isEqualTo("a b c d");
    }

    @Test
    void asciiIsNeverChanged() {
        assertThat(SaslPrep.prepare("p a\tss\u007F")).isEqualTo("p a\tss\u007F");
    }

    @Test
    void privateUseAndLoneSurrogatesFallBackToRaw() {
        assertThat(SaslPrep.prepare("\uE000\u00A0")).isEqualTo("\uE000\u00A0");
        assertThat(SaslPrep.prepare("\uD800\u00A0")).isEqualTo("\uD800\u00A0");
    }

    @Test
    void rightToLeftTextMustStartAndEndRightToLeft() {
        assertThat(SaslPrep.prepare("\u0627\u00A0\u0628")).isEqualTo("\u0627 \u0628");
        assertThat(SaslPrep.prepare("\u0627\u00A01")).isEqualTo("\u0627\u00A01");
    }
}
