package dev.pgwire.serve.functions;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed numeric template pattern of to_char and to_number (PostgreSQL documentation, "Template
 * Patterns for Numeric Formatting"): the nodes of the template and the summary PostgreSQL keeps in
 * its {@code NUMDesc} (digit positions before and after the decimal point, sign placement, flags),
 * with PostgreSQL's checks of incompatible patterns.
 */
final class NumberTemplate {

    enum Key { COMMA, DEC, ZERO, NINE, B, C, D, EEEE, FM, G, L, MI, PL, PR, RN, rn, SG, SP, S, TH, th, V }

    /** A pattern or (when {@code key} is null) one literal character. */
    record Node(Key key, String text) {}

    static final int DECIMAL = 1 << 1;
    static final int LDECIMAL = 1 << 2;
    static final int ZERO = 1 << 3;
    static final int BLANK = 1 << 4;
    static final int FILLMODE = 1 << 5;
    static final int LSIGN = 1 << 6;
    static final int BRACKET = 1 << 7;
    static final int MINUS = 1 << 8;
    static final int PLUS = 1 << 9;
    static final int ROMAN = 1 << 10;
    static final int MULTI = 1 << 11;
    static final int PLUS_POST = 1 << 12;
    static final int MINUS_POST = 1 << 13;
    static final int EEEE = 1 << 14;

    static final int LSIGN_PRE = -1;
    static final int LSIGN_POST = 1;

    private static final String[][] KEYWORDS = {
            {",", "COMMA"}, {".", "DEC"}, {"0", "ZERO"}, {"9", "NINE"}, {"B", "B"}, {"C", "C"}, {"D", "D"},
            {"EEEE", "EEEE"}, {"FM", "FM"}, {"G", "G"}, {"L", "L"}, {"MI", "MI"}, {"PL", "PL"}, {"PR", "PR"},
            {"RN", "RN"}, {"SG", "SG"}, {"SP", "SP"}, {"S", "S"}, {"TH", "TH"}, {"V", "V"}, {"b", "B"}, {"c", "C"},
            {"d", "D"}, {"eeee", "EEEE"}, {"fm", "FM"}, {"g", "G"}, {"l", "L"}, {"mi", "MI"}, {"pl", "PL"},
            {"pr", "PR"}, {"rn", "rn"}, {"sg", "SG"}, {"sp", "SP"}, {"s", "S"}, {"th", "th"}, {"v", "V"}};

    private static final TemplateCache<String, NumberTemplate> CACHE = new TemplateCache<>(128);

    final List<Node> nodes;
    int pre;
    int post;
    int lsign;
    int flag;
    int preLsignNum;
    int multi;
    int zeroStart;
    int zeroEnd;

    private NumberTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** A fresh copy of the parsed template (processing modifies the summary). */
    static NumberTemplate parse(String template) {
        NumberTemplate t = CACHE.get(template, NumberTemplate::doParse);
        NumberTemplate copy = new NumberTemplate(t.nodes);
        copy.pre = t.pre;
        copy.post = t.post;
        copy.lsign = t.lsign;
        copy.flag = t.flag;
        copy.preLsignNum = t.preLsignNum;
        copy.multi = t.multi;
        copy.zeroStart = t.zeroStart;
        copy.zeroEnd = t.zeroEnd;
        return copy;
    }

    boolean is(int f) {
        return (flag & f) != 0;
    }

    private static NumberTemplate doParse(String s) {
        List<Node> nodes = new ArrayList<>();
        NumberTemplate t = new NumberTemplate(nodes);
        int i = 0;
        while (i < s.length()) {
            Key k = keyword(s, i);
            if (k != null) {
                i += keywordLength(s, i);
                t.prepare(k);
                nodes.add(new Node(k, null));
            } else if (s.charAt(i) == '"') {
                i++;
                while (i < s.length()) {
                    if (s.charAt(i) == '"') {
                        i++;
                        break;
                    }
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) i++;
                    int cp = s.codePointAt(i);
                    nodes.add(new Node(null, new String(Character.toChars(cp))));
                    i += Character.charCount(cp);
                }
            } else {
                if (s.charAt(i) == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '"') i++;
                int cp = s.codePointAt(i);
                nodes.add(new Node(null, new String(Character.toChars(cp))));
                i += Character.charCount(cp);
            }
        }
        return t;
    }

    private static Key keyword(String s, int i) {
        for (String[] k : KEYWORDS) {
            if (s.startsWith(k[0], i)) return Key.valueOf(k[1]);
        }
        return null;
    }

    private static int keywordLength(String s, int i) {
        for (String[] k : KEYWORDS) {
            if (s.startsWith(k[0], i)) return k[0].length();
        }
        return 0;
    }

    private static RuntimeException syntax(String message) {
        return Errors.error(Errors.SYNTAX_ERROR, message);
    }

    /** PostgreSQL's NUMDesc_prepare: account for one pattern. */
    private void prepare(Key k) {
        if (is(EEEE) && k != Key.EEEE) throw syntax("\"EEEE\" must be the last pattern used");
        switch (k) {
            case NINE -> {
                if (is(BRACKET)) throw syntax("\"9\" must be ahead of \"PR\"");
                if (is(MULTI)) multi++;
                else if (is(DECIMAL)) post++;
                else pre++;
            }
            case ZERO -> {
                if (is(BRACKET)) throw syntax("\"0\" must be ahead of \"PR\"");
                if (!is(ZERO) && !is(DECIMAL)) {
                    flag |= ZERO;
                    zeroStart = pre + 1;
                }
                if (!is(DECIMAL)) pre++;
                else post++;
                zeroEnd = pre + post;
            }
            case B -> {
                if (pre == 0 && post == 0 && !is(ZERO)) flag |= BLANK;
            }
            case D, DEC -> {
                if (k == Key.D) flag |= LDECIMAL;
                if (is(DECIMAL)) throw syntax("multiple decimal points");
                if (is(MULTI)) throw syntax("cannot use \"V\" and decimal point together");
                flag |= DECIMAL;
            }
            case FM -> flag |= FILLMODE;
            case S -> {
                if (is(LSIGN)) throw syntax("cannot use \"S\" twice");
                if (is(PLUS) || is(MINUS) || is(BRACKET)) {
                    throw syntax("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
                }
                if (!is(DECIMAL)) {
                    lsign = LSIGN_PRE;
                    preLsignNum = pre;
                    flag |= LSIGN;
                } else if (lsign == 0) {
                    lsign = LSIGN_POST;
                    flag |= LSIGN;
                }
            }
            case MI -> {
                if (is(LSIGN)) throw syntax("cannot use \"S\" and \"MI\" together");
                flag |= MINUS;
                if (is(DECIMAL)) flag |= MINUS_POST;
            }
            case PL -> {
                if (is(LSIGN)) throw syntax("cannot use \"S\" and \"PL\" together");
                flag |= PLUS;
                if (is(DECIMAL)) flag |= PLUS_POST;
            }
            case SG -> {
                if (is(LSIGN)) throw syntax("cannot use \"S\" and \"SG\" together");
                flag |= MINUS | PLUS;
            }
            case PR -> {
                if (is(LSIGN) || is(PLUS) || is(MINUS)) {
                    throw syntax("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
                }
                flag |= BRACKET;
            }
            case RN, rn -> flag |= ROMAN;
            case V -> {
                if (is(DECIMAL)) throw syntax("cannot use \"V\" and decimal point together");
                flag |= MULTI;
            }
            case EEEE -> {
                if (is(EEEE)) throw syntax("cannot use \"EEEE\" twice");
                if (is(BLANK) || is(FILLMODE) || is(LSIGN) || is(BRACKET) || is(MINUS) || is(PLUS) || is(ROMAN)
                        || is(MULTI)) {
                    throw Errors.error(Errors.SYNTAX_ERROR, "\"EEEE\" is incompatible with other formats",
                            "\"EEEE\" may only be used together with digit and decimal point patterns.", null);
                }
                flag |= EEEE;
            }
            default -> { }
        }
    }
}
