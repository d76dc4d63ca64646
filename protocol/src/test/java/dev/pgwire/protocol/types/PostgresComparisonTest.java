package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every corpus value is fetched from a real PostgreSQL 15 in text and in binary format; our codecs
 * must produce the same text byte for byte, the same binary bytes, read both forms to the same
 * value, and read the input literal to the value PostgreSQL read. Literals PostgreSQL rejects must
 * be rejected with the same SQLSTATE.
 */
class PostgresComparisonTest {

    private static PgCluster cluster;
    private static RawPgSession session;
    private static final TypeRegistry TYPES = TypeRegistry.standard();

    @BeforeAll
    static void start() throws Exception {
        cluster = PgCluster.builder().auth(PgCluster.AuthMethod.TRUST).start();
        session = new RawPgSession(cluster.host(), cluster.port(), cluster.superuser());
        session.execute("SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (session != null) session.close();
        } finally {
            if (cluster != null) cluster.close();
        }
    }

    private static void settings(String zone, int extraFloatDigits) throws Exception {
        session.execute("SET TimeZone = '" + zone + "'; SET extra_float_digits = " + extraFloatDigits);
    }

    private static CodecContext ctx(String zone, int extraFloatDigits) {
        return CodecContext.DEFAULT.withTimeZone(ZoneId.of(zone)).withExtraFloatDigits(extraFloatDigits);
    }

    @Test
    void everyCorpusValueMatchesPostgresInTextAndBinary() throws Exception {
        List<String> failures = new ArrayList<>();
        int compared = 0;
        compared += compareAll(Corpus.all(), "UTC", 1, failures);
        for (int efd : new int[] {0, 3, -4, 2}) compared += compareAll(Corpus.floats(), "UTC", efd, failures);
        for (String zone : new String[] {"Asia/Kolkata", "America/New_York", "Europe/Paris", "Australia/Lord_Howe"}) {
            compared += compareAll(Corpus.zoned(), zone, 1, failures);
        }
        failures.replaceAll(PostgresComparisonTest::clip);
        assertThat(compared).isGreaterThan(400);
        assertThat(failures).as("mismatches with PostgreSQL out of %d values", compared).isEmpty();
    }

    private int compareAll(List<Corpus.Case> cases, String zone, int efd, List<String> failures) throws Exception {
        settings(zone, efd);
        CodecContext ctx = ctx(zone, efd);
        for (Corpus.Case c : cases) {
            String where = c + " [TimeZone " + zone + ", extra_float_digits " + efd + "]";
            try {
                compare(c, ctx, efd, where, failures);
            } catch (RuntimeException e) {
                failures.add(where + ": threw " + e);
            }
        }
        return cases.size();
    }

    private void compare(Corpus.Case c, CodecContext ctx, int efd, String where, List<String> failures) throws Exception {
        RawPgSession.Result r = session.fetch(c.sql());
        if (r.error() != null) {
            failures.add(where + ": PostgreSQL rejected it: " + r.error().getMessage());
            return;
        }
        int oid = c.oid();
        String pgText = new String(r.text(), StandardCharsets.UTF_8);
        Object fromBinary = TYPES.decode(oid, r.binary(), 1, ctx);
        String ourText = TYPES.encodeText(oid, fromBinary, ctx);
        if (!pgText.equals(ourText)) failures.add(where + ": text of binary value: PostgreSQL [" + pgText + "], ours [" + ourText + "]");
        byte[] ourBinary = TYPES.encode(oid, fromBinary, 1, ctx);
        if (!Arrays.equals(r.binary(), ourBinary)) {
            failures.add(where + ": binary: PostgreSQL " + hex(r.binary()) + ", ours " + hex(ourBinary));
        }
        boolean lossyText = efd <= 0 && (c.typeName().contains("float"));
        if (!lossyText) {
            Object fromText = TYPES.decode(oid, r.text(), 0, ctx);
            if (!same(fromText, fromBinary)) {
                failures.add(where + ": text [" + pgText + "] reads as " + show(fromText) + ", binary as " + show(fromBinary));
            }
        }
        Object fromLiteral = TYPES.decodeText(oid, c.literal(), ctx);
        String literalText = TYPES.encodeText(oid, fromLiteral, ctx);
        if (!pgText.equals(literalText)) {
            failures.add(where + ": literal read as [" + literalText + "], PostgreSQL read [" + pgText + "]");
        }
    }

    @Test
    void literalsPostgresRejectsAreRejectedWithTheSameSqlState() throws Exception {
        settings("UTC", 1);
        CodecContext ctx = ctx("UTC", 1);
        List<String> failures = new ArrayList<>();
        List<Corpus.Case> cases = Corpus.invalid();
        for (Corpus.Case c : cases) {
            RawPgSession.Result r = session.fetch(c.sql());
            if (r.error() == null) {
                failures.add(c + ": PostgreSQL accepted it as [" + new String(r.text(), StandardCharsets.UTF_8) + "]");
                continue;
            }
            try {
                Object v = TYPES.decodeText(c.oid(), c.literal(), ctx);
                failures.add(c + ": PostgreSQL raised " + r.error().sqlState() + " but we read " + show(v));
            } catch (PgException e) {
                if (!e.sqlState().equals(r.error().sqlState())) {
                    failures.add(c + ": PostgreSQL raised " + r.error().sqlState() + " (" + r.error().getMessage()
                            + "), we raised " + e.sqlState() + " (" + e.getMessage() + ")");
                }
            } catch (RuntimeException e) {
                failures.add(c + ": threw " + e);
            }
        }
        failures.replaceAll(PostgresComparisonTest::clip);
        assertThat(cases).hasSizeGreaterThan(80);
        assertThat(failures).as("rejections out of %d literals", cases.size()).isEmpty();
    }

    @Test
    void deepJsonParametersAreAcceptedAndRefusedAsPostgresDoes() throws Exception {
        settings("UTC", 1);
        CodecContext ctx = ctx("UTC", 1);
        List<String> failures = new ArrayList<>();
        String[][] shapes = {{"[", "]"}, {"{\"a\":", "}"}, {"[{\"a\":", "}]"}};
        int compared = 0;
        for (String[] shape : shapes) {
            for (int depth : new int[] {1_000, 5_000, 10_000, 20_000, 100_000}) {
                String json = shape[0].repeat(depth) + "1" + shape[1].repeat(depth);
                for (String type : new String[] {"json", "jsonb"}) {
                    compared++;
                    String where = type + " " + shape[0] + " x " + depth;
                    RawPgSession.Result r = session.fetch("SELECT $1::" + type, json.getBytes(StandardCharsets.UTF_8));
                    int oid = PgType.byName(type).oid();
                    try {
                        Object ours = TYPES.decodeText(oid, json, ctx);
                        if (r.error() != null) {
                            failures.add(where + ": PostgreSQL raised " + r.error().sqlState() + ", we accepted it");
                        } else if (!new String(r.text(), StandardCharsets.UTF_8).equals(ours)) {
                            failures.add(where + ": read differently");
                        }
                    } catch (PgException e) {
                        if (r.error() == null) {
                            failures.add(where + ": PostgreSQL accepted it, we raised " + e.sqlState());
                        } else if (!r.error().sqlState().equals(e.sqlState()) || !r.error().getMessage().equals(e.getMessage())) {
                            failures.add(where + ": PostgreSQL raised " + r.error().sqlState() + " " + r.error().getMessage()
                                    + ", we raised " + e.sqlState() + " " + e.getMessage());
                        }
                    }
                }
            }
        }
        assertThat(failures).as("deep json out of %d values", compared).isEmpty();
    }

    private static String clip(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "...";
    }

    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        return Objects.equals(a, b);
    }

    static String show(Object v) {
        if (v instanceof byte[] b) return hex(b);
        return String.valueOf(v);
    }

    static String hex(byte[] b) {
        if (b == null) return "null";
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x));
        return sb.toString();
    }
}
