package dev.pgwire.serve.functions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Time zone abbreviations as PostgreSQL prints them ({@code TZ} in to_char): the abbreviations of the
 * IANA time zone database ({@code EST}, {@code CEST}, {@code +04}), read from the system's compiled
 * zone files (TZif, RFC 8536) that PostgreSQL itself uses on Debian. Offsets still come from Java's
 * own rules; the file only names them. Without a zone file, Java's short zone name is used.
 */
final class ZoneAbbreviations {
    private ZoneAbbreviations() {}

    static final Path ZONEINFO = Path.of("/usr/share/zoneinfo");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_+\\-]+(/[A-Za-z0-9_+\\-]+)*");
    private static final TemplateCache<String, Tzif> FILES = new TemplateCache<>(64);
    /** EST, MST and HST, which Java knows only as fixed offsets, by offset ("-05:00" to "EST"). */
    private static final Map<String, String> FIXED_OFFSET_ZONES = ZoneId.SHORT_IDS.entrySet().stream()
            .filter(e -> e.getValue().startsWith("-") || e.getValue().startsWith("+"))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    private static final Tzif NONE = new Tzif(new long[0], new int[0], new int[0], new boolean[0], new String[0], null, null, 0, null);

    /** The abbreviation in effect in {@code zone} at {@code instant}. */
    static String at(ZoneId zone, Instant instant) {
        int offset = zone.getRules().getOffset(instant).getTotalSeconds();
        boolean dst = zone.getRules().isDaylightSavings(instant);
        String file = zone instanceof ZoneOffset ? FIXED_OFFSET_ZONES.get(zone.getId()) : zone.getId();
        Tzif tz = file == null ? NONE : FILES.get(file, ZoneAbbreviations::load);
        String name = tz.abbreviation(instant.getEpochSecond(), offset, dst);
        if (name != null) return name;
        return DateTimeFormatter.ofPattern("zzz", Locale.ROOT).format(instant.atZone(zone));
    }

    /** The system's zone file {@code id} (relative to /usr/share/zoneinfo), or null when there is none or it is no TZif file. */
    static Tzif file(String id) {
        Tzif tz = FILES.get(id, ZoneAbbreviations::load);
        return tz == NONE ? null : tz;
    }

    /** The system's zone file {@code id} read now (not cached), or null. */
    static Tzif read(String id) {
        Tzif tz = load(id);
        return tz == NONE ? null : tz;
    }

    private static Tzif load(String id) {
        if (!SAFE_NAME.matcher(id).matches()) return NONE;
        try {
            return Tzif.parse(ByteBuffer.wrap(Files.readAllBytes(ZONEINFO.resolve(id))));
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** The parts of a TZif file that name local time types; footer is its POSIX TZ string (or null). */
    record Tzif(long[] transitions, int[] typeOfTransition, int[] utoff, boolean[] isDst, String[] abbr,
                String footerStd, String footerDst, int leapSeconds, String footer) {

        String abbreviation(long epochSecond, int offset, boolean dst) {
            if (utoff.length == 0) return null;
            int type;
            if (transitions.length == 0 || epochSecond < transitions[0]) {
                type = 0;
            } else if (epochSecond >= transitions[transitions.length - 1] && footerStd != null) {
                return dst && footerDst != null ? footerDst : footerStd;
            } else {
                int lo = 0;
                int hi = transitions.length - 1;
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    if (transitions[mid] <= epochSecond) lo = mid; else hi = mid - 1;
                }
                type = typeOfTransition[lo];
            }
            if (utoff[type] == offset) return abbr[type];
            // Java's rules and the system file disagree here; name the offset by any type that has it
            for (int i = utoff.length - 1; i >= 0; i--) {
                if (utoff[i] == offset && isDst[i] == dst) return abbr[i];
            }
            return null;
        }

        static Tzif parse(ByteBuffer b) {
            Header h = Header.read(b);
            if (h.version >= '2') {
                // skip the 32-bit body, use the 64-bit one that follows
                b.position(b.position() + h.timecnt * 5 + h.typecnt * 6 + h.charcnt + h.leapcnt * 8 + h.isstdcnt + h.isutcnt);
                h = Header.read(b);
            }
            boolean wide = h.version >= '2';
            long[] transitions = new long[h.timecnt];
            for (int i = 0; i < h.timecnt; i++) transitions[i] = wide ? b.getLong() : b.getInt();
            int[] types = new int[h.timecnt];
            for (int i = 0; i < h.timecnt; i++) types[i] = Byte.toUnsignedInt(b.get());
            int[] utoff = new int[h.typecnt];
            boolean[] isDst = new boolean[h.typecnt];
            int[] abbrIndex = new int[h.typecnt];
            for (int i = 0; i < h.typecnt; i++) {
                utoff[i] = b.getInt();
                isDst[i] = b.get() != 0;
                abbrIndex[i] = Byte.toUnsignedInt(b.get());
            }
            byte[] chars = new byte[h.charcnt];
            b.get(chars);
            String[] abbr = new String[h.typecnt];
            for (int i = 0; i < h.typecnt; i++) {
                int end = abbrIndex[i];
                while (end < chars.length && chars[end] != 0) end++;
                abbr[i] = new String(chars, abbrIndex[i], end - abbrIndex[i], StandardCharsets.US_ASCII);
            }
            String std = null;
            String dst = null;
            String tzString = null;
            if (wide) {
                b.position(b.position() + h.leapcnt * 12 + h.isstdcnt + h.isutcnt);
                if (b.remaining() > 1 && b.get() == '\n') {
                    StringBuilder footer = new StringBuilder();
                    while (b.hasRemaining()) {
                        byte c = b.get();
                        if (c == '\n') break;
                        footer.append((char) c);
                    }
                    tzString = footer.toString();
                    String[] names = posixNames(tzString);
                    std = names[0];
                    dst = names[1];
                }
            }
            return new Tzif(transitions, types, utoff, isDst, abbr, std, dst, h.leapcnt, tzString);
        }

        /** The standard and daylight names of a POSIX TZ string such as {@code EST5EDT,M3.2.0,M11.1.0}. */
        private static String[] posixNames(String tz) {
            String[] out = new String[2];
            int[] pos = {0};
            out[0] = posixName(tz, pos);
            while (pos[0] < tz.length() && "+-0123456789:".indexOf(tz.charAt(pos[0])) >= 0) pos[0]++;
            if (pos[0] < tz.length() && tz.charAt(pos[0]) != ',') out[1] = posixName(tz, pos);
            return out;
        }

        /** A POSIX TZ string's zone name at {@code pos} (plain letters, or {@code <…>} quoted), moving pos past it. */
        static String posixName(String tz, int[] pos) {
            int i = pos[0];
            if (i >= tz.length()) return null;
            if (tz.charAt(i) == '<') {
                int end = tz.indexOf('>', i);
                if (end < 0) return null;
                pos[0] = end + 1;
                return tz.substring(i + 1, end);
            }
            int start = i;
            while (i < tz.length() && Character.isLetter(tz.charAt(i))) i++;
            pos[0] = i;
            return i > start ? tz.substring(start, i) : null;
        }
    }

    private record Header(char version, int isutcnt, int isstdcnt, int leapcnt, int timecnt, int typecnt, int charcnt) {
        static Header read(ByteBuffer b) {
            if (b.get() != 'T' || b.get() != 'Z' || b.get() != 'i' || b.get() != 'f') {
                throw new IllegalArgumentException("not a TZif file");
            }
            char version = (char) b.get();
            b.position(b.position() + 15);
            return new Header(version == 0 ? '1' : version, b.getInt(), b.getInt(), b.getInt(), b.getInt(),
                    b.getInt(), b.getInt());
        }
    }
}
