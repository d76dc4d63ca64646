package dev.pgwire.serve.functions;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed datetime template pattern of to_char, to_date and to_timestamp (PostgreSQL documentation,
 * "Template Patterns for Date/Time Formatting"): a list of {@link Node}s, each a template pattern with
 * its modifiers, a literal character, a separator or a space.
 *
 * <p>Parsing follows PostgreSQL exactly, quirks included: patterns are matched case-sensitively and
 * the first pattern of the table (in PostgreSQL's order) that is a prefix of the remaining text wins,
 * so {@code MONth} is {@code MON} with an ordinal suffix; a prefix modifier ({@code FM}, {@code TM})
 * is consumed even when no pattern follows it; double quotes delimit literal text in which a
 * backslash quotes the next character; outside quotes a backslash is special only before a double
 * quote.
 */
final class DateTemplate {
    private DateTemplate() {}

    /** Which calendar a field of to_date belongs to; mixing Gregorian and ISO week fields is an error. */
    enum Mode { NONE, GREGORIAN, ISOWEEK }

    /** The template patterns, named after PostgreSQL's {@code DCH_*} identifiers. */
    enum Field {
        A_D, A_M, AD, AM, B_C, BC, CC, DAY, DDD, DD, DY, Day, Dy, D, FF1, FF2, FF3, FF4, FF5, FF6, FX, HH24, HH12,
        HH, IDDD, ID, IW, IYYY, IYY, IY, I, J, MI, MM, MONTH, MON, MS, Month, Mon, OF, P_M, PM, Q, RM, SSSS, SS,
        TZH, TZM, TZ, US, WW, W, Y_YYY, YYYY, YYY, YY, Y, a_d, a_m, ad, am, b_c, bc, day, dy, month, mon, p_m, pm,
        rm, tz
    }

    /** A template pattern as written ({@code name}), what it stands for and how to_date reads it. */
    record Keyword(String name, Field field, boolean isDigit, Mode mode) {}

    static final int FM = 0x01;
    static final int TH_UPPER = 0x02;
    static final int TH_LOWER = 0x04;
    static final int SP = 0x08;
    static final int TM = 0x10;

    enum NodeType { ACTION, CHAR, SEPARATOR, SPACE }

    /** One element of a template: a pattern with its modifier bits, or literal text (one character). */
    record Node(NodeType type, Keyword key, int suffix, String text) {
        boolean fm() { return (suffix & FM) != 0; }
        boolean th() { return (suffix & (TH_UPPER | TH_LOWER)) != 0; }
        boolean tm() { return (suffix & TM) != 0; }
    }

    /** The patterns in PostgreSQL's search order: for a given first letter, longer forms come first. */
    private static final List<Keyword> KEYWORDS = List.of(
            kw("A.D.", Field.A_D, false, Mode.NONE), kw("A.M.", Field.A_M, false, Mode.NONE),
            kw("AD", Field.AD, false, Mode.NONE), kw("AM", Field.AM, false, Mode.NONE),
            kw("B.C.", Field.B_C, false, Mode.NONE), kw("BC", Field.BC, false, Mode.NONE),
            kw("CC", Field.CC, true, Mode.NONE),
            kw("DAY", Field.DAY, false, Mode.NONE), kw("DDD", Field.DDD, true, Mode.GREGORIAN),
            kw("DD", Field.DD, true, Mode.GREGORIAN), kw("DY", Field.DY, false, Mode.NONE),
            kw("Day", Field.Day, false, Mode.NONE), kw("Dy", Field.Dy, false, Mode.NONE),
            kw("D", Field.D, true, Mode.GREGORIAN),
            kw("FF1", Field.FF1, true, Mode.NONE), kw("FF2", Field.FF2, true, Mode.NONE),
            kw("FF3", Field.FF3, true, Mode.NONE), kw("FF4", Field.FF4, true, Mode.NONE),
            kw("FF5", Field.FF5, true, Mode.NONE), kw("FF6", Field.FF6, true, Mode.NONE),
            kw("FX", Field.FX, false, Mode.NONE),
            kw("HH24", Field.HH24, true, Mode.NONE), kw("HH12", Field.HH12, true, Mode.NONE),
            kw("HH", Field.HH, true, Mode.NONE),
            kw("IDDD", Field.IDDD, true, Mode.ISOWEEK), kw("ID", Field.ID, true, Mode.ISOWEEK),
            kw("IW", Field.IW, true, Mode.ISOWEEK), kw("IYYY", Field.IYYY, true, Mode.ISOWEEK),
            kw("IYY", Field.IYY, true, Mode.ISOWEEK), kw("IY", Field.IY, true, Mode.ISOWEEK),
            kw("I", Field.I, true, Mode.ISOWEEK),
            kw("J", Field.J, true, Mode.NONE),
            kw("MI", Field.MI, true, Mode.NONE), kw("MM", Field.MM, true, Mode.GREGORIAN),
            kw("MONTH", Field.MONTH, false, Mode.GREGORIAN), kw("MON", Field.MON, false, Mode.GREGORIAN),
            kw("MS", Field.MS, true, Mode.NONE), kw("Month", Field.Month, false, Mode.GREGORIAN),
            kw("Mon", Field.Mon, false, Mode.GREGORIAN),
            kw("OF", Field.OF, false, Mode.NONE),
            kw("P.M.", Field.P_M, false, Mode.NONE), kw("PM", Field.PM, false, Mode.NONE),
            kw("Q", Field.Q, true, Mode.NONE),
            kw("RM", Field.RM, false, Mode.GREGORIAN),
            kw("SSSSS", Field.SSSS, true, Mode.NONE), kw("SSSS", Field.SSSS, true, Mode.NONE),
            kw("SS", Field.SS, true, Mode.NONE),
            kw("TZH", Field.TZH, false, Mode.NONE), kw("TZM", Field.TZM, true, Mode.NONE),
            kw("TZ", Field.TZ, false, Mode.NONE),
            kw("US", Field.US, true, Mode.NONE),
            kw("WW", Field.WW, true, Mode.GREGORIAN), kw("W", Field.W, true, Mode.GREGORIAN),
            kw("Y,YYY", Field.Y_YYY, true, Mode.GREGORIAN), kw("YYYY", Field.YYYY, true, Mode.GREGORIAN),
            kw("YYY", Field.YYY, true, Mode.GREGORIAN), kw("YY", Field.YY, true, Mode.GREGORIAN),
            kw("Y", Field.Y, true, Mode.GREGORIAN),
            kw("a.d.", Field.a_d, false, Mode.NONE), kw("a.m.", Field.a_m, false, Mode.NONE),
            kw("ad", Field.ad, false, Mode.NONE), kw("am", Field.am, false, Mode.NONE),
            kw("b.c.", Field.b_c, false, Mode.NONE), kw("bc", Field.bc, false, Mode.NONE),
            kw("cc", Field.CC, true, Mode.NONE),
            kw("day", Field.day, false, Mode.NONE), kw("ddd", Field.DDD, true, Mode.GREGORIAN),
            kw("dd", Field.DD, true, Mode.GREGORIAN), kw("dy", Field.dy, false, Mode.NONE),
            kw("d", Field.D, true, Mode.GREGORIAN),
            kw("ff1", Field.FF1, true, Mode.NONE), kw("ff2", Field.FF2, true, Mode.NONE),
            kw("ff3", Field.FF3, true, Mode.NONE), kw("ff4", Field.FF4, true, Mode.NONE),
            kw("ff5", Field.FF5, true, Mode.NONE), kw("ff6", Field.FF6, true, Mode.NONE),
            kw("fx", Field.FX, false, Mode.NONE),
            kw("hh24", Field.HH24, true, Mode.NONE), kw("hh12", Field.HH12, true, Mode.NONE),
            kw("hh", Field.HH, true, Mode.NONE),
            kw("iddd", Field.IDDD, true, Mode.ISOWEEK), kw("id", Field.ID, true, Mode.ISOWEEK),
            kw("iw", Field.IW, true, Mode.ISOWEEK), kw("iyyy", Field.IYYY, true, Mode.ISOWEEK),
            kw("iyy", Field.IYY, true, Mode.ISOWEEK), kw("iy", Field.IY, true, Mode.ISOWEEK),
            kw("i", Field.I, true, Mode.ISOWEEK),
            kw("j", Field.J, true, Mode.NONE),
            kw("mi", Field.MI, true, Mode.NONE), kw("mm", Field.MM, true, Mode.GREGORIAN),
            kw("month", Field.month, false, Mode.GREGORIAN), kw("mon", Field.mon, false, Mode.GREGORIAN),
            kw("ms", Field.MS, true, Mode.NONE),
            kw("of", Field.OF, false, Mode.NONE),
            kw("p.m.", Field.p_m, false, Mode.NONE), kw("pm", Field.pm, false, Mode.NONE),
            kw("q", Field.Q, true, Mode.NONE),
            kw("rm", Field.rm, false, Mode.GREGORIAN),
            kw("sssss", Field.SSSS, true, Mode.NONE), kw("ssss", Field.SSSS, true, Mode.NONE),
            kw("ss", Field.SS, true, Mode.NONE),
            kw("tzh", Field.TZH, false, Mode.NONE), kw("tzm", Field.TZM, true, Mode.NONE),
            kw("tz", Field.tz, false, Mode.NONE),
            kw("us", Field.US, true, Mode.NONE),
            kw("ww", Field.WW, true, Mode.GREGORIAN), kw("w", Field.W, true, Mode.GREGORIAN),
            kw("y,yyy", Field.Y_YYY, true, Mode.GREGORIAN), kw("yyyy", Field.YYYY, true, Mode.GREGORIAN),
            kw("yyy", Field.YYY, true, Mode.GREGORIAN), kw("yy", Field.YY, true, Mode.GREGORIAN),
            kw("y", Field.Y, true, Mode.GREGORIAN));

    private static final String[] PREFIXES = {"FM", "fm", "TM", "tm"};
    private static final TemplateCache<String, List<Node>> CACHE = new TemplateCache<>(128);

    private static Keyword kw(String name, Field field, boolean isDigit, Mode mode) {
        return new Keyword(name, field, isDigit, mode);
    }

    /** The nodes of {@code template}; parsing never fails. */
    static List<Node> parse(String template) {
        return CACHE.get(template, DateTemplate::doParse);
    }

    private static List<Node> doParse(String s) {
        List<Node> nodes = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int suffix = 0;
            String prefix = startsWithAny(s, i, PREFIXES);
            if (prefix != null) {
                suffix |= prefix.charAt(0) == 'F' || prefix.charAt(0) == 'f' ? FM : TM;
                i += 2;
            }
            Keyword k = i < n ? keyword(s, i) : null;
            if (k != null) {
                i += k.name().length();
                if (i < n) {
                    if (s.startsWith("TH", i)) { suffix |= TH_UPPER; i += 2; }
                    else if (s.startsWith("th", i)) { suffix |= TH_LOWER; i += 2; }
                    else if (s.startsWith("SP", i)) { suffix |= SP; i += 2; }
                }
                nodes.add(new Node(NodeType.ACTION, k, suffix, null));
            } else if (i < n) {
                if (s.charAt(i) == '"') {
                    i++;
                    while (i < n) {
                        if (s.charAt(i) == '"') {
                            i++;
                            break;
                        }
                        if (s.charAt(i) == '\\' && i + 1 < n) i++;
                        int cp = s.codePointAt(i);
                        nodes.add(new Node(NodeType.CHAR, null, 0, new String(Character.toChars(cp))));
                        i += Character.charCount(cp);
                    }
                } else {
                    if (s.charAt(i) == '\\' && i + 1 < n && s.charAt(i + 1) == '"') i++;
                    int cp = s.codePointAt(i);
                    NodeType type = isSeparator(cp) ? NodeType.SEPARATOR : isSpace(cp) ? NodeType.SPACE : NodeType.CHAR;
                    nodes.add(new Node(type, null, 0, new String(Character.toChars(cp))));
                    i += Character.charCount(cp);
                }
            }
        }
        return List.copyOf(nodes);
    }

    private static String startsWithAny(String s, int i, String[] options) {
        for (String o : options) {
            if (s.startsWith(o, i)) return o;
        }
        return null;
    }

    private static Keyword keyword(String s, int i) {
        char c = s.charAt(i);
        if (c <= ' ' || c >= '~') return null;
        for (Keyword k : KEYWORDS) {
            if (k.name().charAt(0) == c && s.startsWith(k.name(), i)) return k;
        }
        return null;
    }

    /** An ASCII printable character that is neither a letter nor a digit. */
    static boolean isSeparator(int c) {
        return c > 0x20 && c < 0x7F && !Character.isLetterOrDigit(c);
    }

    /** C's isspace in the C locale. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
