package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.ZoneAbbreviations.Tzif;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The time zones of the system's zone files (/usr/share/zoneinfo), which PostgreSQL on Debian
 * reads: pg_timezone_names lists every zone file there (posix/…, localtime, Factory…) but those
 * with leap seconds (right/…), each with the local time type the file says is in effect — its
 * abbreviation, offset and daylight-saving flag, negative daylight saving (Europe/Dublin's winter
 * GMT) included, which Java's rules do not keep. pg_timezone_abbrevs lists PostgreSQL's Default
 * abbreviation set, each zone-defined abbreviation with the meaning its zone last gave it.
 */
final class SystemZones {
    private SystemZones() {}

    /** pg_timezone_names' rows at {@code now}, or null when the system has no zone files. */
    static List<String[]> names(Instant now) {
        List<Map.Entry<String, Tzif>> zones = zones();
        if (zones == null) return null;
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, Tzif> z : zones) {
            PosixTz.Local l = at(z.getValue(), now.getEpochSecond());
            if (l == null || l.abbrev().length() > 31) continue;
            rows.add(new String[] {z.getKey(), l.abbrev(), Integer.toString(l.utoff()), Boolean.toString(l.dst())});
        }
        return rows;
    }

    /** The zone files, read once: the directory changes only when the system's tzdata is upgraded. */
    private static volatile List<Map.Entry<String, Tzif>> zones;

    private static List<Map.Entry<String, Tzif>> zones() {
        List<Map.Entry<String, Tzif>> known = zones;
        if (known != null) return known;
        if (!Files.isDirectory(ZoneAbbreviations.ZONEINFO)) return null;
        List<Map.Entry<String, Tzif>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ZoneAbbreviations.ZONEINFO, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = ZoneAbbreviations.ZONEINFO.relativize(p).toString();
                if (name.isEmpty() || !Files.isRegularFile(p) || hidden(name)) continue;
                Tzif tz = ZoneAbbreviations.read(name);
                if (tz == null || tz.leapSeconds() > 0) continue;
                out.add(Map.entry(name, tz));
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        zones = List.copyOf(out);
        return zones;
    }

    private static boolean hidden(String name) {
        for (String part : name.split("/")) if (part.startsWith(".")) return true;
        return false;
    }

    /** pg_timezone_abbrevs' rows at {@code now}: abbreviation, offset in seconds, daylight saving. */
    static List<String[]> abbreviations(Instant now) {
        List<String[]> rows = new ArrayList<>();
        for (String[] entry : DEFAULT_SET) {
            String abbrev = entry[0];
            if (!entry[1].isEmpty() && (Character.isDigit(entry[1].charAt(0)) || entry[1].charAt(0) == '-')) {
                rows.add(new String[] {abbrev, entry[1], Boolean.toString(entry[2].equals("D"))});
                continue;
            }
            Tzif tz = ZoneAbbreviations.file(entry[1]);
            if (tz == null) continue;
            PosixTz.Local l = meaning(tz, abbrev, now.getEpochSecond());
            if (l == null) l = at(tz, now.getEpochSecond());
            if (l == null) continue;
            rows.add(new String[] {abbrev, Integer.toString(l.utoff()), Boolean.toString(l.dst())});
        }
        return rows;
    }

    /** The local time type of a zone at an instant: its transitions', then its TZ string's after the last. */
    static PosixTz.Local at(Tzif tz, long t) {
        long[] tr = tz.transitions();
        if ((tr.length == 0 || t >= tr[tr.length - 1]) && tz.footer() != null && !tz.footer().isEmpty()) {
            PosixTz rule = PosixTz.parse(tz.footer());
            if (rule != null) return rule.at(t);
        }
        if (tz.utoff().length == 0) return null;
        int type = tr.length == 0 || t < tr[0] ? 0 : tz.typeOfTransition()[cutoff(tr, t) - 1];
        return new PosixTz.Local(tz.abbr()[type], tz.utoff()[type], tz.isDst()[type]);
    }

    /**
     * What an abbreviation means in a zone at an instant, as PostgreSQL interprets it: the latest
     * use of it at or before the instant, else the first after; null when the zone never uses it.
     */
    static PosixTz.Local meaning(Tzif tz, String abbrev, long t) {
        long[] tr = tz.transitions();
        PosixTz rule = tz.footer() == null || tz.footer().isEmpty() ? null : PosixTz.parse(tz.footer());
        boolean afterLast = tr.length == 0 || t >= tr[tr.length - 1];
        if (afterLast && rule != null) {
            PosixTz.Local l = ruleType(rule, abbrev);
            if (l != null) return l;
        }
        int cutoff = cutoff(tr, t);
        for (int i = cutoff - 1; i >= 0; i--) {
            int type = tz.typeOfTransition()[i];
            if (tz.abbr()[type].equals(abbrev)) return new PosixTz.Local(abbrev, tz.utoff()[type], tz.isDst()[type]);
        }
        for (int i = cutoff; i < tr.length; i++) {
            int type = tz.typeOfTransition()[i];
            if (tz.abbr()[type].equals(abbrev)) return new PosixTz.Local(abbrev, tz.utoff()[type], tz.isDst()[type]);
        }
        return !afterLast && rule != null ? ruleType(rule, abbrev) : null;
    }

    private static PosixTz.Local ruleType(PosixTz rule, String abbrev) {
        if (abbrev.equals(rule.std())) return new PosixTz.Local(abbrev, rule.stdUtoff(), false);
        if (abbrev.equals(rule.dst())) return new PosixTz.Local(abbrev, rule.dstUtoff(), true);
        return null;
    }

    /** How many transitions are at or before t. */
    private static int cutoff(long[] tr, long t) {
        int lo = 0;
        int hi = tr.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t < tr[mid]) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /** PostgreSQL 15's Default set: abbreviation, offset in seconds or zone name, "D" for daylight saving. */
    private static final List<String[]> DEFAULT_SET = readDefaultSet();

    private static List<String[]> readDefaultSet() {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = SystemZones.class.getResourceAsStream("timezone-abbreviations.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                out.add(new String[] {f[0], f[1], f.length > 2 ? f[2] : ""});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
