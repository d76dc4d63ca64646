package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COPY's fast paths read exactly what PostgreSQL's general input functions read, and refuse (for
 * the general path to decide) everything else: ISO dates and timestamps, plain integers and
 * decimals — on random values in the shape PostgreSQL prints and on the edge inputs around it; and
 * COPY TO's rendering of integers, dates and timestamps is the type registry's.
 */
class CopyFastPathTest {
    private static final TypeRegistry REGISTRY = PgTypes.REGISTRY;
    private static final CodecContext CTX = CodecContext.DEFAULT;
    private static final CodecContext DMY = CodecContext.DEFAULT.withDateStyle("ISO, DMY");

    /** What the general path gives: the value, or the exception it raises. */
    private static Object general(PgType type, String text, CodecContext ctx) {
        try {
            return REGISTRY.decodeText(type.oid(), text, ctx);
        } catch (PgException e) {
            return e;
        }
    }

    private static long epochMicros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }

    private static void assertTimestampAgrees(String text) {
        long fast = IsoDateTime.epochMicros(text);
        if (fast == IsoDateTime.NOT_ISO) return;
        for (CodecContext ctx : List.of(CTX, DMY)) {
            Object g = general(PgType.TIMESTAMP, text, ctx);
            assertThat(g).as(text).isInstanceOf(LocalDateTime.class);
            assertThat(fast).as(text).isEqualTo(epochMicros((LocalDateTime) g));
        }
    }

    private static void assertDateAgrees(String text) {
        long fast = IsoDateTime.epochDay(text);
        if (fast == IsoDateTime.NOT_ISO) return;
        Object g = general(PgType.DATE, text, CTX);
        assertThat(g).as(text).isInstanceOf(LocalDate.class);
        assertThat(fast).as(text).isEqualTo(((LocalDate) g).toEpochDay());
    }

    @Test
    void ISO_timestamps_as_PostgreSQL_prints_them_read_the_same_as_the_general_input() {
        Random r = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long day = LocalDate.of(1, 1, 1).toEpochDay() + (long) (r.nextDouble() * (LocalDate.of(9999, 12, 31).toEpochDay()
                    - LocalDate.of(1, 1, 1).toEpochDay() + 1));
            long micros = day * IsoDateTime.MICROS_PER_DAY + (long) (r.nextDouble() * IsoDateTime.MICROS_PER_DAY);
            // the micros of half of them cut to whole seconds or milliseconds, as in most data
            if (i % 4 == 1) micros -= Math.floorMod(micros, 1_000_000L);
            if (i % 4 == 2) micros -= Math.floorMod(micros, 1000L);
            LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            String text = REGISTRY.encodeText(PgType.TIMESTAMP.oid(), t, CTX);
            assertThat(IsoDateTime.epochMicros(text)).as(text).isEqualTo(micros);
            assertTimestampAgrees(text);
            assertTimestampAgrees(text.replace(' ', 'T'));
            String date = text.substring(0, 10);
            assertThat(IsoDateTime.epochDay(date)).as(date).isEqualTo(day);
            assertDateAgrees(date);
        }
    }

    @Test
    void unusual_timestamps_are_left_to_the_general_input() {
        List<String> refused = List.of("infinity", "-infinity", "epoch", "now", "today", "",
                "2024-01-01 00:00:00 BC", "0044-03-15 12:00:00 BC", "0000-01-01 00:00:00", "10000-01-01 00:00:00",
                "2024-02-30 00:00:00", "2023-02-29 12:00:00", "1900-02-29 00:00:00", "2024-04-31 00:00:00",
                "2024-13-01 00:00:00", "2024-00-10 00:00:00", "2024-01-00 00:00:00",
                "2024-01-01 24:00:00", "2024-01-01 23:59:60", "2024-01-01 23:60:00", "2024-01-01 00:00:00.",
                "2024-01-01 00:00:00.1234567", "2024-01-01 00:00:00.9999995", " 2024-01-01 00:00:00", "2024-01-01 00:00:00 ",
                "2024-01-01 00:00:00+02", "2024-01-01 00:00:00Z", "2024-01-01 00:00:00 UTC", "2024-01-01t00:00:00",
                "2024-01-01  00:00:00", "2024-1-01 00:00:00", "24-01-01 00:00:00", "2024/01/01 00:00:00",
                "2024-01-01 0:00:00", "2024-01-01 00:00", "2024-01-01 00:00:0x", "2024-01-01 00:00:00,5",
                "+2024-01-01 00:00:00", "2024-01-01 00:00:00.-1", "2024-01-01 00:00:00.12a", "01-02-2024 00:00:00");
        for (String s : refused) {
            assertThat(IsoDateTime.epochMicros(s)).as(s).isEqualTo(IsoDateTime.NOT_ISO);
        }
        List<String> accepted = List.of("2024-01-01 00:00:00", "2024-01-01T00:00:00", "2024-02-29 23:59:59.999999",
                "2000-02-29 00:00:00.5", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999", "1970-01-01 00:00:00.000001",
                "1969-12-31 23:59:59.9", "1582-10-10 00:00:00", "2024-01-01 00:00:00.000000", "2024-01-01 00:00:00.12");
        for (String s : accepted) {
            assertThat(IsoDateTime.epochMicros(s)).as(s).isNotEqualTo(IsoDateTime.NOT_ISO);
            assertTimestampAgrees(s);
        }
    }

    @Test
    void unusual_dates_are_left_to_the_general_input() {
        List<String> refused = List.of("infinity", "-infinity", "epoch", "0000-01-01", "2024-02-30", "2023-02-29",
                "2024-1-1", " 2024-01-01", "2024-01-01 ", "01/02/2024", "01-02-2024", "2024-01-01 BC", "20240101",
                "10000-01-01", "2024-01-01 00:00:00", "2024-00-01", "2024-01-32");
        for (String s : refused) {
            assertThat(IsoDateTime.epochDay(s)).as(s).isEqualTo(IsoDateTime.NOT_ISO);
        }
        for (String s : List.of("2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "1970-01-01", "1969-12-31", "1582-10-04")) {
            assertThat(IsoDateTime.epochDay(s)).as(s).isNotEqualTo(IsoDateTime.NOT_ISO);
            assertDateAgrees(s);
        }
    }

    @Test
    void plain_integers_read_as_the_general_input_reads_them() {
        Random r = new Random(7);
        List<String> inputs = new ArrayList<>(List.of("0", "-0", "007", "-007", "1", "-1", "32767", "-32768", "9999",
                "-9999", "2147483647", "-2147483648", "999999999", "-999999999", "999999999999999999",
                "-999999999999999999", "9223372036854775807", "-9223372036854775808", "", "-", "+1", " 1", "1 ", "1.0",
                "1e3", "0x10", "1_000", "--1", "1-", "١٢٣"));
        for (int i = 0; i < 100_000; i++) inputs.add(Long.toString(r.nextLong() >> r.nextInt(64)));
        for (String s : inputs) {
            for (PgType type : List.of(PgType.INT2, PgType.INT4, PgType.INT8)) {
                int max = type == PgType.INT2 ? 4 : type == PgType.INT4 ? 9 : 18;
                long fast = PlainNumbers.integer(s, max);
                if (fast == PlainNumbers.NOT_PLAIN) continue;
                Object g = general(type, s, CTX);
                assertThat(g).as(type + " " + s).isInstanceOf(Number.class);
                assertThat(fast).as(type + " " + s).isEqualTo(((Number) g).longValue());
            }
        }
        for (String s : List.of("", "-", "+1", " 1", "1 ", "1.0", "1e3", "0x10", "--1", "1-", "١٢٣", "10000")) {
            assertThat(PlainNumbers.integer(s, 4)).as(s).isEqualTo(PlainNumbers.NOT_PLAIN);
        }
        assertThat(PlainNumbers.integer("9999999999999999999", 18)).isEqualTo(PlainNumbers.NOT_PLAIN);
    }

    @Test
    void plain_decimals_read_as_float8_input_reads_them() {
        Random r = new Random(11);
        List<String> inputs = new ArrayList<>(List.of("0", "-0", "0.0", "-0.0", "1", "-1", "0.25", "-12.5", "1.",
                ".5", "-.5", "1.2.3", "1e10", "1E-5", "NaN", "Infinity", "-Infinity", "inf", " 1.5", "1.5 ", "+1.5",
                "123456789012345678901234", "1234567890123456789012345", "0.00000000000000000000001",
                "179769313486231570000000", "0.1", "0.3", "1.7976931348623157", "4.9", "00001.5000", "--1", "1-"));
        for (int i = 0; i < 100_000; i++) {
            double d = switch (i % 3) {
                case 0 -> r.nextDouble() * Math.pow(10, r.nextInt(30) - 10);
                case 1 -> -r.nextInt(1_000_000) * 0.25;
                default -> Double.longBitsToDouble(r.nextLong());
            };
            inputs.add(REGISTRY.encodeText(PgType.FLOAT8.oid(), d, CTX));
            inputs.add(REGISTRY.encodeText(PgType.FLOAT8.oid(), d, CTX.withExtraFloatDigits(0)));
            // decimals of 1 to 17 random digits with the point anywhere (15 and fewer take the exact division)
            StringBuilder digits = new StringBuilder(r.nextBoolean() ? "-" : "");
            int count = 1 + r.nextInt(17);
            int point = r.nextInt(count);
            for (int k = 0; k < count; k++) {
                if (k == point && k > 0) digits.append('.');
                digits.append((char) ('0' + r.nextInt(10)));
            }
            inputs.add(digits.toString());
        }
        int fastCount = 0;
        for (String s : inputs) {
            double fast = PlainNumbers.decimal(s);
            if (Double.isNaN(fast)) continue;
            fastCount++;
            Object g = general(PgType.FLOAT8, s, CTX);
            assertThat(g).as(s).isInstanceOf(Double.class);
            assertThat(Double.doubleToRawLongBits(fast)).as(s).isEqualTo(Double.doubleToRawLongBits((Double) g));
        }
        assertThat(fastCount).isGreaterThan(100_000);
        for (String s : List.of("0", "-0", "0.0", "1.", ".5", "1e10", "NaN", "Infinity", " 1.5", "+1.5", "1.2.3",
                "1234567890123456789012345", "0.00000000000000000000001", "")) {
            assertThat(PlainNumbers.decimal(s)).as(s).isNaN();
        }
    }

    @Test
    void binary_timestamps_of_years_1_to_9999_are_the_microseconds_the_general_path_gives() {
        Random r = new Random(5);
        List<Long> inputs = new ArrayList<>(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, 1L,
                -63_082_281_600_000_000L, -63_082_281_600_000_001L, 252_455_615_999_999_999L, 252_455_616_000_000_000L,
                -211_813_488_000_000_000L, 9_223_371_331_199_999_999L));
        for (int i = 0; i < 100_000; i++) inputs.add((long) ((r.nextDouble() * 2 - 1) * 400_000_000_000_000_000L));
        int fastCount = 0;
        for (long pg : inputs) {
            long fast = CopyColumn.epochMicros(pg);
            Object g;
            try {
                g = REGISTRY.decode(PgType.TIMESTAMP.oid(), io.netty.buffer.Unpooled.copyLong(pg), 8, TypeRegistry.BINARY, CTX);
            } catch (PgException e) {
                g = e;
            }
            if (fast == IsoDateTime.NOT_ISO) {
                continue;
            }
            fastCount++;
            assertThat(g).as("%d", pg).isInstanceOf(LocalDateTime.class);
            LocalDateTime t = (LocalDateTime) g;
            assertThat(t.getYear()).isBetween(1, 9999);
            assertThat(fast).as("%d", pg).isEqualTo(epochMicros(t));
        }
        assertThat(fastCount).isGreaterThan(10_000);
        assertThat(CopyColumn.epochMicros(Long.MAX_VALUE)).isEqualTo(IsoDateTime.NOT_ISO);
        assertThat(CopyColumn.epochMicros(Long.MIN_VALUE)).isEqualTo(IsoDateTime.NOT_ISO);
        assertThat(CopyColumn.epochMicros(-63_082_281_600_000_001L)).isEqualTo(IsoDateTime.NOT_ISO);
        assertThat(CopyColumn.epochMicros(252_455_616_000_000_000L)).isEqualTo(IsoDateTime.NOT_ISO);
    }

    @Test
    void integers_dates_and_timestamps_render_as_the_registry_renders_them() {
        Random r = new Random(3);
        PlainText plain = new PlainText();
        List<Object[]> cases = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            long micros = (long) ((r.nextDouble() * 1.2 - 0.1) * LocalDate.of(10000, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC))
                    * 1_000_000L + r.nextInt(1_000_000);
            if (i % 3 == 0) micros -= Math.floorMod(micros, 1_000_000L);
            if (i % 3 == 1) micros -= Math.floorMod(micros, 1000L);
            LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            cases.add(new Object[] {PgType.TIMESTAMP, t});
            cases.add(new Object[] {PgType.DATE, t.toLocalDate()});
            cases.add(new Object[] {PgType.INT8, r.nextLong() >> r.nextInt(64)});
            cases.add(new Object[] {PgType.INT4, r.nextInt() >> r.nextInt(32)});
            cases.add(new Object[] {PgType.INT2, (short) r.nextInt()});
        }
        cases.addAll(List.of(new Object[] {PgType.TIMESTAMP, LocalDateTime.MAX}, new Object[] {PgType.TIMESTAMP, LocalDateTime.MIN},
                new Object[] {PgType.TIMESTAMP, LocalDateTime.of(-43, 3, 15, 12, 0)}, new Object[] {PgType.TIMESTAMP, LocalDateTime.of(0, 1, 1, 0, 0)},
                new Object[] {PgType.TIMESTAMP, LocalDateTime.of(10000, 1, 1, 0, 0)}, new Object[] {PgType.TIMESTAMP, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_500)},
                new Object[] {PgType.TIMESTAMP, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 999_999_999)},
                new Object[] {PgType.TIMESTAMP, LocalDateTime.of(1, 1, 1, 0, 0, 0, 100_000)},
                new Object[] {PgType.DATE, LocalDate.MAX}, new Object[] {PgType.DATE, LocalDate.MIN}, new Object[] {PgType.DATE, LocalDate.of(0, 12, 31)},
                new Object[] {PgType.INT8, Long.MIN_VALUE}, new Object[] {PgType.INT8, 7}, new Object[] {PgType.INT4, 70_000L},
                new Object[] {PgType.INT2, 70_000}, new Object[] {PgType.INT2, 5}, new Object[] {PgType.INT4, Integer.MIN_VALUE}));
        int rendered = 0;
        for (Object[] c : cases) {
            PgType type = (PgType) c[0];
            CharSequence fast = plain.render(PlainText.Kind.of(type.oid()), c[1]);
            Object general;
            try {
                general = REGISTRY.encodeText(type.oid(), c[1], CTX);
            } catch (PgException e) {
                general = e;
            }
            if (fast == null) continue;
            rendered++;
            assertThat(fast.toString()).as(type + " " + c[1]).isEqualTo(general);
        }
        assertThat(rendered).isGreaterThan(900_000);
        assertThat(plain.render(PlainText.Kind.TIMESTAMP, LocalDateTime.MAX)).isNull();
        assertThat(plain.render(PlainText.Kind.TIMESTAMP, LocalDateTime.of(0, 1, 1, 0, 0))).isNull();
        assertThat(plain.render(PlainText.Kind.TIMESTAMP, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_500))).isNull();
        assertThat(plain.render(PlainText.Kind.DATE, LocalDate.of(10000, 1, 1))).isNull();
        assertThat(plain.render(PlainText.Kind.INT2, 70_000)).isNull();
        assertThat(plain.render(PlainText.Kind.INT4, 70_000L)).isNull();
    }

    @Test
    void binary_text_is_taken_as_it_is_exactly_when_it_is_UTF8_without_NUL() throws Exception {
        Random r = new Random(29);
        java.nio.charset.CharsetDecoder strict = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        int valid = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[r.nextInt(8)];
            for (int k = 0; k < b.length; k++) {
                // mostly the bytes UTF-8 is made of, so that valid and nearly valid sequences are common
                int kind = r.nextInt(6);
                b[k] = (byte) (kind == 0 ? r.nextInt(0x80) : kind == 1 ? 0x80 + r.nextInt(0x40)
                        : kind == 2 ? 0xc0 + r.nextInt(0x20) : kind == 3 ? 0xe0 + r.nextInt(0x10)
                        : kind == 4 ? 0xf0 + r.nextInt(0x10) : r.nextInt(0x100));
            }
            String decoded;
            try {
                decoded = strict.reset().decode(java.nio.ByteBuffer.wrap(b)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                decoded = null;
            }
            boolean takes = decoded != null && decoded.indexOf('\0') < 0;
            int n = CopyColumn.utf8Characters(b);
            assertThat(n >= 0).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(takes);
            if (takes) {
                valid++;
                assertThat(n).isEqualTo(decoded.codePointCount(0, decoded.length()));
            } else {
                assertThat(CopyColumn.invalidUtf8(b).getMessage()).startsWith("invalid byte sequence for encoding \"UTF8\": 0x");
            }
        }
        assertThat(valid).isGreaterThan(10_000);
    }
}
