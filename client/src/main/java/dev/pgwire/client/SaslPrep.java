package dev.pgwire.client;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013, the stringprep profile of RFC 3454) for SCRAM passwords. PostgreSQL applies
 * it to a password when storing the verifier and uses the password unchanged when it is not a
 * valid SASLprep string; the client must make the same choice, which {@link #prepareOrKeep} does.
 */
final class SaslPrep {
    private SaslPrep() {}

    /** The prepared password, or the password as given when SASLprep rejects it (as libpq does). */
    static String prepareOrKeep(String password) {
        String p = prepare(password);
        return p == null ? password : p;
    }

    /** The prepared string, or null when it holds prohibited characters or fails the bidi rules. */
    static String prepare(String s) {
        if (isPrintableAscii(s)) return s;
        // step 1: map (RFC 4013 2.1): non-ASCII spaces to SPACE, "commonly mapped to nothing" removed
        StringBuilder mapped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isNonAsciiSpace(cp)) mapped.append(' ');
            else if (!isMappedToNothing(cp)) mapped.appendCodePoint(cp);
        }
        // step 2: normalize with form KC
        String n = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        // steps 3 and 4: prohibited output and bidirectional characters
        boolean randAL = false;
        boolean l = false;
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (isProhibited(cp)) return null;
            byte dir = Character.getDirectionality(cp);
            if (dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                randAL = true;
            } else if (dir == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                l = true;
            }
        }
        if (randAL) {
            if (l) return null;
            if (!isRandAL(n.codePointAt(0)) || !isRandAL(n.codePointBefore(n.length()))) return null;
        }
        return n;
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) return false;
        }
        return true;
    }

    private static boolean isRandAL(int cp) {
        byte dir = Character.getDirectionality(cp);
        return dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /** RFC 3454 table C.1.2. */
    static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 3454 table B.1. */
    static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 4013 section 2.3: tables C.1.2, C.2.1, C.2.2, C.3 to C.9, and unassigned code points (A.1). */
    static boolean isProhibited(int cp) {
        if (isNonAsciiSpace(cp)) return true;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return true; // C.2.1, C.2.2
        if (cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C || cp == 0x200D || cp == 0x2028
                || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFC) || (cp >= 0x1D173 && cp <= 0x1D17A)) {
            return true; // C.2.2
        }
        if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD)) {
            return true; // C.3 private use
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return true; // C.4 non-characters
        if (cp >= 0xD800 && cp <= 0xDFFF) return true; // C.5 surrogates
        if (cp >= 0xFFF9 && cp <= 0xFFFD) return true; // C.6
        if (cp >= 0x2FF0 && cp <= 0x2FFB) return true; // C.7
        if (cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)) {
            return true; // C.8
        }
        if (cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F)) return true; // C.9
        return Character.getType(cp) == Character.UNASSIGNED; // A.1, as stored strings must
    }
}
