package dev.pgwire.serve.functions;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * A POSIX TZ string, the rule a TZif file's footer gives for the times after its last transition
 * ({@code EST5EDT,M3.2.0,M11.1.0}, {@code IST-1GMT0,M10.5.0,M3.5.0/1}): which local time type is in
 * effect at an instant. Offsets in the string count west of UTC; {@code utoff} here counts east.
 */
record PosixTz(String std, int stdUtoff, String dst, int dstUtoff, String startRule, String endRule) {

    /** The local time type at an instant. */
    record Local(String abbrev, int utoff, boolean dst) {
    }

    /** The TZ string parsed, or null when it has a form this does not read. */
    static PosixTz parse(String tz) {
        try {
            int[] pos = {0};
            String std = name(tz, pos);
            if (std == null) return null;
            int stdUtoff = -offset(tz, pos);
            if (pos[0] >= tz.length()) return new PosixTz(std, stdUtoff, null, 0, null, null);
            String dst = name(tz, pos);
            if (dst == null) return null;
            int dstUtoff = stdUtoff + 3600;
            if (pos[0] < tz.length() && tz.charAt(pos[0]) != ',') dstUtoff = -offset(tz, pos);
            if (pos[0] >= tz.length() || tz.charAt(pos[0]) != ',') return null; // a DST without rules (POSIX's default): not read
            String[] rules = tz.substring(pos[0] + 1).split(",");
            if (rules.length != 2) return null;
            return new PosixTz(std, stdUtoff, dst, dstUtoff, rules[0], rules[1]);
        } catch (RuntimeException e) {
            return null;
        }
    }

    Local at(long epochSecond) {
        if (dst == null) return new Local(std, stdUtoff, false);
        int year = LocalDate.ofEpochDay(Math.floorDiv(epochSecond + stdUtoff, 86400)).getYear();
        long start = transition(startRule, year, stdUtoff);
        long end = transition(endRule, year, dstUtoff);
        boolean inDst = start < end ? epochSecond >= start && epochSecond < end : !(epochSecond >= end && epochSecond < start);
        return inDst ? new Local(dst, dstUtoff, true) : new Local(std, stdUtoff, false);
    }

    /** The instant a rule (Mm.w.d, Jn or n, with an optional /time of local time) falls on in a year. */
    private static long transition(String rule, int year, int utoffBefore) {
        int slash = rule.indexOf('/');
        String date = slash < 0 ? rule : rule.substring(0, slash);
        long time = slash < 0 ? 7200 : signedTime(rule.substring(slash + 1));
        LocalDate day;
        if (date.startsWith("M")) {
            String[] p = date.substring(1).split("\\.");
            int month = Integer.parseInt(p[0]);
            int week = Integer.parseInt(p[1]);
            java.time.DayOfWeek dow = java.time.DayOfWeek.of(Integer.parseInt(p[2]) == 0 ? 7 : Integer.parseInt(p[2]));
            LocalDate first = LocalDate.of(year, month, 1).with(TemporalAdjusters.firstInMonth(dow));
            day = week == 5 ? LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(dow)) : first.plusWeeks(week - 1);
        } else if (date.startsWith("J")) {
            int n = Integer.parseInt(date.substring(1)); // 1..365, February 29 never counted
            day = LocalDate.of(year, 1, 1).plusDays(n - 1);
            if (day.isLeapYear() && n >= 60) day = day.plusDays(1);
        } else {
            day = LocalDate.of(year, 1, 1).plusDays(Integer.parseInt(date));
        }
        return day.toEpochDay() * 86400 + time - utoffBefore;
    }

    /** A zone name of at least three letters (POSIX's rule), or one of any length quoted in {@code <…>}. */
    private static String name(String tz, int[] pos) {
        boolean quoted = pos[0] < tz.length() && tz.charAt(pos[0]) == '<';
        String name = ZoneAbbreviations.Tzif.posixName(tz, pos);
        return name != null && (quoted || name.length() >= 3) ? name : null;
    }

    /** [+-]hh[:mm[:ss]] at pos, in seconds. */
    private static int offset(String tz, int[] pos) {
        int i = pos[0];
        while (i < tz.length() && "+-0123456789:".indexOf(tz.charAt(i)) >= 0) i++;
        int seconds = (int) signedTime(tz.substring(pos[0], i));
        pos[0] = i;
        return seconds;
    }

    private static long signedTime(String s) {
        int sign = 1;
        if (s.startsWith("-")) {
            sign = -1;
            s = s.substring(1);
        } else if (s.startsWith("+")) {
            s = s.substring(1);
        }
        String[] p = s.split(":");
        long seconds = Long.parseLong(p[0]) * 3600;
        if (p.length > 1) seconds += Long.parseLong(p[1]) * 60;
        if (p.length > 2) seconds += Long.parseLong(p[2]);
        return sign * seconds;
    }
}
