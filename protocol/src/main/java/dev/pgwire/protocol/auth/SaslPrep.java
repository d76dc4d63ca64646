package dev.pgwire.protocol.auth;

import dev.pgwire.protocol.auth.StringPrepTables.RangeSet;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013) for SCRAM passwords, with PostgreSQL's leniency: a password that SASLprep
 * rejects (prohibited or unassigned code points, bad bidirectional text, empty result) is used
 * as it is rather than refused, so any password a client can type still works. Passwords that
 * are pure ASCII skip the processing altogether.
 */
public final class SaslPrep {
    private SaslPrep() {}

    /** RFC 3454 C.1.2: non-ASCII space characters, mapped to SPACE (RFC 4013 section 2.1). */
    private static final RangeSet NON_ASCII_SPACE = RangeSet.of(
            0x00A0, 0x00A0, 0x1680, 0x1680, 0x2000, 0x200B, 0x202F, 0x202F, 0x205F, 0x205F,
            0x3000, 0x3000);

    /** RFC 3454 B.1: "commonly mapped to nothing", removed (RFC 4013 section 2.1). */
    private static final RangeSet MAPPED_TO_NOTHING = RangeSet.of(
            0x00AD, 0x00AD, 0x034F, 0x034F, 0x1806, 0x1806, 0x180B, 0x180D, 0x200B, 0x200D,
            0x2060, 0x2060, 0xFE00, 0xFE0F, 0xFEFF, 0xFEFF);

    /** RFC 4013 section 2.3: tables C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9. */
    private static final RangeSet PROHIBITED = RangeSet.of(
            0x0000, 0x001F, // C.2.1
            0x007F, 0x009F, // C.2.1, C.2.2
            0x00A0, 0x00A0, // C.1.2
            0x0340, 0x0341, // C.8
            0x06DD, 0x06DD, 0x070F, 0x070F, // C.2.2
            0x1680, 0x1680, // C.1.2
            0x180E, 0x180E, // C.2.2
            0x2000, 0x200F, // C.1.2, C.2.2, C.8
            0x2028, 0x202F, // C.2.2, C.8, C.1.2
            0x205F, 0x2063, // C.1.2, C.2.2
            0x206A, 0x206F, // C.2.2, C.8
            0x2FF0, 0x2FFB, // C.7
            0x3000, 0x3000, // C.1.2
            0xD800, 0xF8FF, // C.5 surrogates, C.3 private use
            0xFDD0, 0xFDEF, // C.4
            0xFEFF, 0xFEFF, // C.2.2
            0xFFF9, 0xFFFF, // C.2.2, C.6, C.4
            0x1D173, 0x1D17A, // C.2.2
            0x1FFFE, 0x1FFFF, 0x2FFFE, 0x2FFFF, 0x3FFFE, 0x3FFFF, 0x4FFFE, 0x4FFFF, // C.4
            0x5FFFE, 0x5FFFF, 0x6FFFE, 0x6FFFF, 0x7FFFE, 0x7FFFF, 0x8FFFE, 0x8FFFF,
            0x9FFFE, 0x9FFFF, 0xAFFFE, 0xAFFFF, 0xBFFFE, 0xBFFFF, 0xCFFFE, 0xCFFFF,
            0xDFFFE, 0xDFFFF,
            0xE0001, 0xE0001, 0xE0020, 0xE007F, // C.9
            0xEFFFE, 0xEFFFF, // C.4
            0xF0000, 0x10FFFF); // C.3 (planes 15 and 16), C.4

    /**
     * The password as SCRAM hashes it: SASLprep'd when SASLprep accepts it, otherwise unchanged
     * (as PostgreSQL does).
     */
    public static String prepare(String password) {
        if (isAscii(password)) return password;
        StringBuilder mapped = new StringBuilder(password.length());
        for (int i = 0; i < password.length(); ) {
            int cp = password.codePointAt(i);
            i += Character.charCount(cp);
            // Unassigned code points are judged on the input: NFKC could map a code point
            // that Unicode 3.2 did not know onto known ones.
            if (StringPrepTables.UNASSIGNED.contains(cp)) return password;
            if (NON_ASCII_SPACE.contains(cp)) {
                mapped.append(' ');
            } else if (!MAPPED_TO_NOTHING.contains(cp)) {
                mapped.appendCodePoint(cp);
            }
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        if (normalized.isEmpty()) return password;

        boolean randAL = false;
        boolean l = false;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (PROHIBITED.contains(cp) || StringPrepTables.UNASSIGNED.contains(cp)) return password;
            randAL |= StringPrepTables.RAND_AL_CAT.contains(cp);
            l |= StringPrepTables.L_CAT.contains(cp);
        }
        // RFC 3454 section 6: text with right-to-left characters must not contain left-to-right
        // ones and must begin and end with a right-to-left character.
        if (randAL) {
            int first = normalized.codePointAt(0);
            int last = normalized.codePointBefore(normalized.length());
            if (l || !StringPrepTables.RAND_AL_CAT.contains(first)
                    || !StringPrepTables.RAND_AL_CAT.contains(last)) {
                return password;
            }
        }
        return normalized;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }
}
