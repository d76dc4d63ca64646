package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.NumberTemplate.Key;
import dev.pgwire.serve.functions.NumberTemplate.Node;

import java.util.Locale;

import static dev.pgwire.serve.functions.NumberTemplate.BRACKET;
import static dev.pgwire.serve.functions.NumberTemplate.DECIMAL;
import static dev.pgwire.serve.functions.NumberTemplate.EEEE;
import static dev.pgwire.serve.functions.NumberTemplate.FILLMODE;
import static dev.pgwire.serve.functions.NumberTemplate.LSIGN;
import static dev.pgwire.serve.functions.NumberTemplate.LSIGN_POST;
import static dev.pgwire.serve.functions.NumberTemplate.LSIGN_PRE;
import static dev.pgwire.serve.functions.NumberTemplate.MINUS;
import static dev.pgwire.serve.functions.NumberTemplate.PLUS;
import static dev.pgwire.serve.functions.NumberTemplate.ROMAN;
import static dev.pgwire.serve.functions.NumberTemplate.ZERO;

/**
 * PostgreSQL's {@code NUM_processor}: lays a digit string out along a numeric template (to_char), or
 * reads a number out of text along one (to_number). The locale is C: sign {@code -}/{@code +},
 * decimal point {@code .}, group separator {@code ,}, currency symbol a space.
 *
 * <p>The layout works on a C string; where PostgreSQL copies the terminating NUL of the digit string
 * into the output (a template with more digit positions than a NaN has characters), the output ends
 * there, as it does in PostgreSQL.
 */
final class NumberProcessor {
    private static final char NUL = '\0';

    private final NumberTemplate num;
    private final String number;
    private final StringBuilder out = new StringBuilder();
    private char sign;
    private boolean signWrote;
    private int numCount;
    private boolean numIn;
    private int numCurr;
    private int outPreSpaces;
    private int numberP;
    private int lastRelevant = -1;

    private NumberProcessor(NumberTemplate num, String number) {
        this.num = num;
        this.number = number;
    }

    private char numberAt(int i) {
        return i < number.length() ? number.charAt(i) : NUL;
    }

    /** to_char: the digit string {@code number} (no sign) laid out along the template. */
    static String toChar(NumberTemplate num, String number, int outPreSpaces, char sign) {
        NumberProcessor np = new NumberProcessor(num, number);
        return np.format(outPreSpaces, sign);
    }

    private String format(int preSpaces, char signChar) {
        if (num.zeroStart != 0) num.zeroStart--;
        if (num.is(EEEE)) return number;
        if (num.is(ROMAN)) {
            num.lsign = 0;
            num.preLsignNum = 0;
            num.post = 0;
            num.pre = 0;
            preSpaces = 0;
            signChar = NUL;
            num.flag = (num.is(FILLMODE) ? FILLMODE : 0) | ROMAN;
        }
        sign = signChar;
        if (num.is(PLUS) || num.is(MINUS)) {
            signWrote = !(num.is(PLUS) && !num.is(MINUS));
        } else {
            if (sign != '-' && num.is(FILLMODE)) num.flag &= ~BRACKET;
            signWrote = sign == '+' && num.is(FILLMODE) && !num.is(LSIGN);
            if (num.lsign == LSIGN_PRE && num.pre == num.preLsignNum) num.lsign = LSIGN_POST;
        }
        numCount = num.post + num.pre - 1;
        outPreSpaces = preSpaces;
        if (num.is(FILLMODE) && num.is(DECIMAL)) {
            lastRelevant = lastRelevantDecimal(number);
            if (lastRelevant >= 0 && num.zeroEnd > outPreSpaces) {
                int lastZero = Math.min(number.length() - 1, num.zeroEnd - outPreSpaces);
                if (lastRelevant < lastZero) lastRelevant = lastZero;
            }
        }
        if (!signWrote && outPreSpaces == 0) numCount++;

        for (Node n : num.nodes) {
            if (n.key() == null) {
                out.append(n.text());
                continue;
            }
            switch (n.key()) {
                case NINE, ZERO, DEC, D -> numPart(n.key());
                case COMMA -> {
                    if (!numIn) {
                        if (!num.is(FILLMODE)) out.append(' ');
                    } else {
                        out.append(',');
                    }
                }
                case G -> {
                    if (!numIn) {
                        if (!num.is(FILLMODE)) out.append(' ');
                    } else {
                        out.append(',');
                    }
                }
                case L -> out.append(' ');
                case RN, rn -> {
                    String rest = cString(number.substring(Math.min(numberP, number.length())));
                    if (n.key() == Key.rn) rest = rest.toLowerCase(Locale.ROOT);
                    if (!num.is(FILLMODE)) out.append(" ".repeat(Math.max(0, 15 - rest.length())));
                    out.append(rest);
                }
                case th, TH -> {
                    if (num.is(ROMAN) || numberAt(0) == '#' || sign == '-' || num.is(DECIMAL)) break;
                    out.append(DateTimeToChar.ordinalSuffix(cString(number), n.key() == Key.TH));
                }
                case MI -> {
                    if (sign == '-') out.append('-');
                    else if (!num.is(FILLMODE)) out.append(' ');
                }
                case PL -> {
                    if (sign == '+') out.append('+');
                    else if (!num.is(FILLMODE)) out.append(' ');
                }
                case SG -> out.append(sign);
                default -> { }
            }
        }
        return cString(out.toString());
    }

    /** The text up to the first NUL, as C would see it. */
    private static String cString(String s) {
        int nul = s.indexOf(NUL);
        return nul < 0 ? s : s.substring(0, nul);
    }

    /** Index of the last non-zero digit after the decimal point, or of the point itself; -1 without one. */
    private static int lastRelevantDecimal(String num) {
        int p = num.indexOf('.');
        if (p < 0) return -1;
        int result = p;
        for (int i = p + 1; i < num.length(); i++) {
            if (num.charAt(i) != '0') result = i;
        }
        return result;
    }

    private boolean predecSpace() {
        return !num.is(ZERO) && numberP == 0 && numberAt(0) == '0' && num.post != 0;
    }

    private boolean lastRelevantIsPoint() {
        return lastRelevant >= 0 && numberAt(lastRelevant) == '.';
    }

    /** PostgreSQL's NUM_numpart_to_char: one digit position (or the decimal point) of the template. */
    private void numPart(Key id) {
        if (num.is(ROMAN)) return;
        numIn = false;
        if (!signWrote
                && (numCurr >= outPreSpaces || (num.is(ZERO) && num.zeroStart == numCurr))
                && (!predecSpace() || lastRelevantIsPoint())) {
            if (num.is(LSIGN)) {
                if (num.lsign == LSIGN_PRE) {
                    out.append(sign == '-' ? '-' : '+');
                    signWrote = true;
                }
            } else if (num.is(BRACKET)) {
                out.append(sign == '+' ? ' ' : '<');
                signWrote = true;
            } else if (sign == '+') {
                if (!num.is(FILLMODE)) out.append(' ');
                signWrote = true;
            } else if (sign == '-') {
                out.append('-');
                signWrote = true;
            }
        }
        if (numCurr < outPreSpaces && (num.zeroStart > numCurr || !num.is(ZERO))) {
            if (!num.is(FILLMODE)) out.append(' ');
        } else if (num.is(ZERO) && numCurr < outPreSpaces && num.zeroStart <= numCurr) {
            out.append('0');
            numIn = true;
        } else {
            if (numberAt(numberP) == '.') {
                if (!lastRelevantIsPoint() || num.is(FILLMODE)) out.append('.');
            } else {
                if (lastRelevant >= 0 && numberP > lastRelevant && id != Key.ZERO) {
                    // trailing zero dropped by FM
                } else if (predecSpace()) {
                    if (!num.is(FILLMODE)) out.append(' ');
                    else if (lastRelevantIsPoint()) out.append('0');
                } else {
                    out.append(numberAt(numberP));
                    numIn = true;
                }
            }
            if (numberP < number.length()) numberP++;
        }
        int end = numCount + (outPreSpaces != 0 ? 1 : 0) + (num.is(DECIMAL) ? 1 : 0);
        if (lastRelevant >= 0 && lastRelevant == numberP) end = numCurr;
        if (numCurr + 1 == end) {
            if (signWrote && num.is(BRACKET)) {
                out.append(sign == '+' ? ' ' : '>');
            } else if (num.is(LSIGN) && num.lsign == LSIGN_POST) {
                out.append(sign == '-' ? '-' : '+');
            }
        }
        numCurr++;
    }

    /** to_number: the number text ({@code " 123.45"}, sign first) read along the template; sets {@code num.post}. */
    static String fromChar(NumberTemplate num, String input) {
        return new NumberReader(num, input).read();
    }

    /** The reading half of NUM_processor. */
    private static final class NumberReader {
        private final NumberTemplate num;
        private final String in;
        private final StringBuilder number = new StringBuilder(" ");
        private int p;
        private boolean readDec;
        private int readPost;
        private int readPre;

        NumberReader(NumberTemplate num, String in) {
            this.num = num;
            this.in = in;
        }

        private boolean overload() { return p >= in.length(); }
        private boolean amount(int s) { return p <= in.length() - s; }
        private char at(int i) { return i < in.length() ? in.charAt(i) : NUL; }
        private static boolean digit(char c) { return c >= '0' && c <= '9'; }

        String read() {
            if (num.is(EEEE)) {
                throw Errors.error(Errors.FEATURE_NOT_SUPPORTED, "\"EEEE\" not supported for input");
            }
            if (num.is(ROMAN)) {
                throw Errors.error(Errors.FEATURE_NOT_SUPPORTED, "\"RN\" not supported for input");
            }
            for (Node n : num.nodes) {
                if (overload()) break;
                if (n.key() == null) {
                    p += Character.charCount(in.codePointAt(p));
                    continue;
                }
                boolean advance = true;
                switch (n.key()) {
                    case NINE, ZERO, DEC, D -> numPart(n.key());
                    case COMMA -> advance = !num.is(FILLMODE) && at(p) == ',';
                    case G -> {
                        if (num.is(FILLMODE) || !(amount(1) && at(p) == ',')) advance = false;
                    }
                    case L -> {
                        eatNonData(1);
                        advance = false;
                    }
                    case th, TH -> {
                        if (!(num.is(ROMAN) || number.charAt(0) == '#' || num.is(DECIMAL))) eatNonData(2);
                        advance = false;
                    }
                    case MI -> {
                        if (at(p) == '-') number.setCharAt(0, '-');
                        else { eatNonData(1); advance = false; }
                    }
                    case PL -> {
                        if (at(p) == '+') number.setCharAt(0, '+');
                        else { eatNonData(1); advance = false; }
                    }
                    case SG -> {
                        if (at(p) == '-' || at(p) == '+') number.setCharAt(0, at(p));
                        else { eatNonData(1); advance = false; }
                    }
                    default -> advance = false;
                }
                if (advance) p++;
            }
            if (number.length() > 1 && number.charAt(number.length() - 1) == '.') number.setLength(number.length() - 1);
            num.post = readPost;
            return number.toString();
        }

        private void eatNonData(int n) {
            while (n-- > 0) {
                if (overload()) break;
                if ("0123456789.,+-".indexOf(at(p)) >= 0) break;
                p += Character.charCount(in.codePointAt(p));
            }
        }

        private void numPart(Key id) {
            boolean isread = false;
            if (overload()) return;
            if (at(p) == ' ') p++;
            if (overload()) return;
            if (number.charAt(0) == ' ' && (id == Key.ZERO || id == Key.NINE) && readPre + readPost == 0) {
                if (num.is(LSIGN) && num.lsign == LSIGN_PRE) {
                    if (amount(1) && at(p) == '-') {
                        p++;
                        number.setCharAt(0, '-');
                    } else if (amount(1) && at(p) == '+') {
                        p++;
                        number.setCharAt(0, '+');
                    }
                } else {
                    if (at(p) == '-' || (num.is(BRACKET) && at(p) == '<')) {
                        number.setCharAt(0, '-');
                        p++;
                    } else if (at(p) == '+') {
                        number.setCharAt(0, '+');
                        p++;
                    }
                }
            }
            if (overload()) return;
            if (digit(at(p))) {
                if (readDec && readPost == num.post) return;
                number.append(at(p));
                if (readDec) readPost++; else readPre++;
                isread = true;
            } else if (num.is(DECIMAL) && !readDec) {
                if (amount(1) && at(p) == '.') {
                    number.append('.');
                    readDec = true;
                    isread = true;
                }
            }
            if (overload()) return;
            if (number.charAt(0) == ' ' && readPre + readPost > 0) {
                if (num.is(LSIGN) && isread && p + 1 < in.length() && !digit(at(p + 1))) {
                    int tmp = p;
                    p++;
                    if (amount(1) && at(p) == '-') number.setCharAt(0, '-');
                    else if (amount(1) && at(p) == '+') number.setCharAt(0, '+');
                    if (number.charAt(0) == ' ') p = tmp;
                } else if (!isread && !num.is(LSIGN) && (num.is(PLUS) || num.is(MINUS))) {
                    if (at(p) == '-' || at(p) == '+') number.setCharAt(0, at(p));
                }
            }
        }
    }
}
