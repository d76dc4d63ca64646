package dev.pgwire.protocol.types;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Generators of Java values for every built-in type, special values included, and helpers to compare them. */
final class Values {
    private Values() {}

    /** A value and the OID of the type it is written as. */
    record Sample(int oid, Object value) {
        @Override
        public String toString() {
            return PgType.byOid(oid).name() + " " + PostgresComparisonTest.show(value);
        }
    }

    static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Asia/Kolkata"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Chatham"), ZoneOffset.ofHoursMinutes(-9, -30));

    static Arbitrary<CodecContext> contexts() {
        return Combinators.combine(Arbitraries.of(ZONES), Arbitraries.of(1, 2, 3))
                .as((z, efd) -> CodecContext.DEFAULT.withTimeZone(z).withExtraFloatDigits(efd));
    }

    /** Strings PostgreSQL can hold: any code points but NUL and lone surrogates, with characters arrays quote. */
    static Arbitrary<String> strings() {
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((int) '{', (int) '}', (int) '"', (int) '\\', (int) ',', (int) ' ',
                        (int) '\t', (int) '\n', (int) '\r', 0x0b, (int) '\f')),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return cp.list().ofMaxSize(12).map(l -> {
            StringBuilder sb = new StringBuilder();
            l.forEach(sb::appendCodePoint);
            return sb.toString();
        }).edgeCases(c -> c.add("", "NULL", "null", " ", "\"", "\\"));
    }

    static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 1e23, 0.1, 1e15, 1e-5, 123456789012345680.0));
    }

    static Arbitrary<Float> floats() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(Float::intBitsToFloat),
                Arbitraries.of(0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
                        Float.MIN_VALUE, Float.MIN_NORMAL, 0.1f, 1e6f, 1e-5f, 16777216f));
    }

    static Arbitrary<PgNumeric> numerics() {
        Arbitrary<PgNumeric> finite = Combinators.combine(
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)),
                Arbitraries.integers().between(0, 30))
                .as((u, s) -> PgNumeric.of(new BigDecimal(u, s)));
        return Arbitraries.oneOf(finite, Arbitraries.of(PgNumeric.NaN, PgNumeric.POSITIVE_INFINITY,
                PgNumeric.NEGATIVE_INFINITY, PgNumeric.of(new BigDecimal("0.00")), PgNumeric.of(new BigDecimal("1E+30")),
                PgNumeric.of(new BigDecimal("0.0000000001")), PgNumeric.of(new BigDecimal("10000.0001"))));
    }

    static final long MIN_MICROS = DateTimeCodecs.MIN_TIMESTAMP;
    static final long END_MICROS = DateTimeCodecs.END_TIMESTAMP;

    static Arbitrary<Long> timestampMicros() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(MIN_MICROS, END_MICROS - 1),
                Arbitraries.longs().between(-5_000_000_000_000_000L, 5_000_000_000_000_000L),
                Arbitraries.of(MIN_MICROS, END_MICROS - 1, 0L, -1L, 1L));
    }

    static Arbitrary<LocalDate> dates() {
        long min = DateTimeCodecs.MIN_DATE.toEpochDay();
        long max = DateTimeCodecs.MAX_DATE.toEpochDay();
        return Arbitraries.oneOf(
                Arbitraries.longs().between(min, max).map(LocalDate::ofEpochDay),
                Arbitraries.longs().between(-800_000, 50_000).map(LocalDate::ofEpochDay),
                Arbitraries.of(LocalDate.MAX, LocalDate.MIN, DateTimeCodecs.MIN_DATE, DateTimeCodecs.MAX_DATE,
                        LocalDate.of(0, 1, 1), LocalDate.of(-43, 3, 15)));
    }

    static Arbitrary<LocalTime> times() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, DateTimeText.MICROS_PER_DAY - 1).map(m -> LocalTime.ofNanoOfDay(m * 1000)),
                Arbitraries.of(LocalTime.MAX, LocalTime.MIDNIGHT, LocalTime.NOON));
    }

    static Arbitrary<OffsetTime> timetzs() {
        return Combinators.combine(times(), Arbitraries.integers().between(-DateTimeText.MAX_OFFSET_SECONDS,
                        DateTimeText.MAX_OFFSET_SECONDS).edgeCases(c -> c.add(0)))
                .as((t, o) -> OffsetTime.of(t, ZoneOffset.ofTotalSeconds(o)));
    }

    static Arbitrary<LocalDateTime> timestamps() {
        return Arbitraries.oneOf(timestampMicros().map(DateTimeCodecs::timestamp),
                Arbitraries.of(LocalDateTime.MAX, LocalDateTime.MIN));
    }

    static Arbitrary<OffsetDateTime> timestamptzs() {
        return Arbitraries.oneOf(
                Combinators.combine(timestampMicros(), Arbitraries.integers().between(-18 * 3600, 18 * 3600))
                        .as((m, o) -> DateTimeCodecs.instant(m).atOffset(ZoneOffset.ofTotalSeconds(o))),
                Arbitraries.of(OffsetDateTime.MAX, OffsetDateTime.MIN));
    }

    static Arbitrary<PgInterval> intervals() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.longs()).as(PgInterval::new),
                Combinators.combine(Arbitraries.integers().between(-30, 30), Arbitraries.integers().between(-40, 40),
                        Arbitraries.longs().between(-200_000_000_000L, 200_000_000_000L)).as(PgInterval::new),
                Arbitraries.of(PgInterval.ZERO, new PgInterval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE),
                        new PgInterval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE), new PgInterval(0, 0, -1)));
    }

    static Arbitrary<PgInet> inets(boolean cidr) {
        Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
        Arbitrary<Integer> word = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0xFFFF)));
        Arbitrary<byte[]> v6 = word.list().ofSize(8).map(ws -> {
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[2 * i] = (byte) (ws.get(i) >> 8);
                b[2 * i + 1] = (byte) (int) ws.get(i);
            }
            return b;
        });
        return Combinators.combine(Arbitraries.oneOf(v4, v6), Arbitraries.integers().between(0, 128))
                .as((addr, bits) -> {
                    int max = addr.length * 8;
                    int mask = bits > max ? max : bits;
                    byte[] a = addr.clone();
                    if (cidr) {
                        for (int i = mask; i < max; i++) a[i / 8] &= (byte) ~(0x80 >> (i % 8));
                    }
                    return new PgInet(address(a), mask, cidr);
                });
    }

    static InetAddress address(byte[] a) {
        try {
            return a.length == 4 ? Inet4Address.getByAddress(a) : Inet6Address.getByAddress(null, a, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Small JSON documents as text, with whitespace and key order as written. */
    static Arbitrary<String> json() {
        return json(3);
    }

    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-0", "1.50", "1e3", "-2.5E-3", "12345678901234567890"),
                Arbitraries.integers().map(String::valueOf),
                strings().map(s -> {
                    StringBuilder sb = new StringBuilder();
                    JsonText.writeString(s, sb);
                    return sb.toString();
                }));
        if (depth == 0) return scalar;
        Arbitrary<String> inner = json(depth - 1);
        return Arbitraries.oneOf(
                scalar,
                inner.list().ofMaxSize(4).map(l -> "[" + String.join(" ,", l) + "]"),
                Combinators.combine(Arbitraries.of("a", "b", "aa", "é", "", "key"), inner).as((k, v) -> "\"" + k + "\": " + v)
                        .list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}"));
    }

    static Arbitrary<String> charValues() {
        return Arbitraries.integers().between(0, 255).map(TextCodecs::charOut);
    }

    static Arbitrary<String> names() {
        return strings().map(s -> TextCodecs.clipToBytes(s, TextCodecs.NAME_MAX_BYTES));
    }

    static Arbitrary<Sample> scalar(PgType t) {
        Arbitrary<?> a = switch (t.name()) {
            case "bool" -> Arbitraries.of(true, false);
            case "int2" -> Arbitraries.shorts();
            case "int4" -> Arbitraries.integers();
            case "int8" -> Arbitraries.longs();
            case "oid" -> Arbitraries.longs().between(0, 0xFFFF_FFFFL);
            case "float4" -> floats();
            case "float8" -> doubles();
            case "numeric" -> numerics();
            case "text", "varchar", "bpchar", "unknown" -> strings();
            case "name" -> names();
            case "char" -> charValues();
            case "bytea" -> Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
            case "uuid" -> Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
            case "json" -> json();
            case "jsonb" -> json().map(JsonText::canonical);
            case "date" -> dates();
            case "time" -> times();
            case "timetz" -> timetzs();
            case "timestamp" -> timestamps();
            case "timestamptz" -> timestamptzs();
            case "interval" -> intervals();
            case "inet" -> inets(false);
            case "cidr" -> inets(true);
            default -> throw new IllegalArgumentException(t.name());
        };
        return a.map(v -> new Sample(t.oid(), v));
    }

    static final List<PgType> SCALARS = List.of(PgType.BOOL, PgType.INT2, PgType.INT4, PgType.INT8, PgType.OID,
            PgType.FLOAT4, PgType.FLOAT8, PgType.NUMERIC, PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR, PgType.NAME,
            PgType.CHAR, PgType.UNKNOWN, PgType.BYTEA, PgType.UUID, PgType.JSON, PgType.JSONB, PgType.DATE, PgType.TIME,
            PgType.TIMETZ, PgType.TIMESTAMP, PgType.TIMESTAMPTZ, PgType.INTERVAL, PgType.INET, PgType.CIDR);

    static Arbitrary<Sample> scalars() {
        List<Arbitrary<Sample>> all = new ArrayList<>();
        for (PgType t : SCALARS) all.add(scalar(t));
        return Arbitraries.oneOf(all);
    }

    /** Arrays of every element type that has one: empty, 1-D and 2-D, with NULLs and other lower bounds. */
    static Arbitrary<Sample> arrays() {
        List<Arbitrary<Sample>> all = new ArrayList<>();
        for (PgType t : SCALARS) {
            if (t.arrayOid() == 0) continue;
            Arbitrary<Object> element = scalar(t).map(Sample::value).injectNull(0.2);
            Arbitrary<int[]> dims = Arbitraries.oneOf(
                    Arbitraries.integers().between(1, 5).map(n -> new int[] {n}),
                    Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3))
                            .as((a, b) -> new int[] {a, b}),
                    Arbitraries.just(new int[0]));
            Arbitrary<Integer> lower = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(1)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-5, 5)));
            all.add(dims.flatMap(d -> {
                int n = d.length == 0 ? 0 : Arrays.stream(d).reduce(1, (x, y) -> x * y);
                return Combinators.combine(element.list().ofSize(n), lower.list().ofSize(d.length))
                        .as((els, lbs) -> new Sample(t.arrayOid(), new PgArray(t.oid(), d,
                                lbs.stream().mapToInt(Integer::intValue).toArray(), els.toArray())));
            }));
        }
        return Arbitraries.oneOf(all);
    }

    /**
     * A comparable form of a value: timestamptz as its instant (a text round trip shows it in the
     * session zone), byte arrays and arrays as lists.
     */
    static Object normal(Object v) {
        if (v instanceof OffsetDateTime o) {
            if (o.toLocalDateTime().equals(LocalDateTime.MAX)) return "infinity";
            if (o.toLocalDateTime().equals(LocalDateTime.MIN)) return "-infinity";
            Instant i = o.toInstant();
            return i;
        }
        if (v instanceof byte[] b) return new BigInteger(1, b).toString(16) + "/" + b.length;
        if (v instanceof PgArray a) {
            List<Object> l = new ArrayList<>();
            l.add(a.elementOid());
            l.add(Arrays.toString(a.dimensions()));
            l.add(Arrays.toString(a.lowerBounds()));
            for (Object e : a.elements()) l.add(normal(e));
            return l;
        }
        return v;
    }
}
