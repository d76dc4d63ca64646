package dev.pgwire.serve;

import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.spi.Column;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Values go through DuckDB and come out in PostgreSQL 15's text format, with PostgreSQL type OIDs. */
class TypeFormattingTest extends SessionTestSupport {
    private static DuckDbSessionFactory shared;

    /** One database for the whole corpus; a fresh session (fresh settings) per case. */
    @Override
    @BeforeEach
    void openFactory() throws Exception {
        if (shared == null) shared = new DuckDbSessionFactory(ServeOptions.inMemory().withCreateDatabasesOnConnect(true));
        factory = shared;
        session = open("types");
    }

    @Override
    @AfterEach
    void closeFactory() {
        session.close();
    }

    @AfterAll
    static void closeShared() {
        if (shared != null) shared.close();
        shared = null;
    }

    @ParameterizedTest(name = "{0} -> {2} ({1})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // expression | PostgreSQL type | text
            "true|bool|t", "false|bool|f",
            "1::TINYINT|int2|1", "(-32768)::SMALLINT|int2|-32768", "2147483647|int4|2147483647",
            "9223372036854775807::BIGINT|int8|9223372036854775807",
            "255::UTINYINT|int2|255", "65535::USMALLINT|int4|65535", "4294967295::UINTEGER|int8|4294967295",
            "18446744073709551615::UBIGINT|numeric|18446744073709551615",
            "170141183460469231731687303715884105727::HUGEINT|numeric|170141183460469231731687303715884105727",
            "1.5::REAL|float4|1.5", "0.1::REAL|float4|0.1", "1.5::FLOAT|float8|1.5", "0.1::DOUBLE|float8|0.1", "1e100::DOUBLE|float8|1e+100",
            "1.2345e-05::DOUBLE|float8|1.2345e-05", "0.1::DOUBLE + 0.2::DOUBLE|float8|0.30000000000000004",
            "'Infinity'::DOUBLE|float8|Infinity", "'-Infinity'::DOUBLE|float8|-Infinity", "'NaN'::DOUBLE|float8|NaN",
            "'-inf'::REAL|float4|-Infinity", "-0.0::DOUBLE|float8|-0",
            "1.25::DECIMAL(10,3)|numeric|1.250", "-0.5::DECIMAL(4,2)|numeric|-0.50",
            "12345678901234567890.1234567890::DECIMAL(38,10)|numeric|12345678901234567890.1234567890",
            "7 / 2|int4|3",
            "'plain'|text|plain", "'héllo wörld 日本語 🎉'|text|héllo wörld 日本語 🎉", "''|text|``",
            "'abc'::BLOB|bytea|\\x616263", "'\\xAA\\x00\\xFF'::BLOB|bytea|\\xaa00ff",
            "DATE '2024-01-31'|date|2024-01-31", "make_date(-44, 3, 15)|date|0044-03-15 BC",
            "DATE '0001-01-01'|date|0001-01-01", "'infinity'::DATE|date|infinity", "'-infinity'::DATE|date|-infinity",
            "TIME '13:45:00'|time|13:45:00", "TIME '13:45:00.5'|time|13:45:00.5", "TIME '13:45:00.000100'|time|13:45:00.0001",
            "TIME '24:00:00'|time|24:00:00",
            "TIMETZ '13:45:00.25+05:30'|timetz|13:45:00.25+05:30", "TIMETZ '13:45:00-08'|timetz|13:45:00-08",
            "TIMESTAMP '2024-01-31 13:45:00.123456'|timestamp|2024-01-31 13:45:00.123456",
            "TIMESTAMP '2024-01-31 13:45:00.120'|timestamp|2024-01-31 13:45:00.12",
            "TIMESTAMP '2024-01-31 13:45:00'|timestamp|2024-01-31 13:45:00",
            "make_timestamp(-44, 3, 15, 10, 0, 0)|timestamp|0044-03-15 10:00:00 BC",
            "'infinity'::TIMESTAMP|timestamp|infinity", "'-infinity'::TIMESTAMP|timestamp|-infinity",
            "'2024-01-31 13:45:00.5'::TIMESTAMP_S|timestamp|2024-01-31 13:45:01",
            "'2024-01-31 13:45:00.25'::TIMESTAMP_MS|timestamp|2024-01-31 13:45:00.25",
            "'2024-01-31 13:45:00.123456789'::TIMESTAMP_NS|timestamp|2024-01-31 13:45:00.123457",
            "'infinity'::TIMESTAMP_NS|timestamp|infinity",
            "TIMESTAMPTZ '2024-01-31 13:45:00+00'|timestamptz|2024-01-31 13:45:00+00",
            "TIMESTAMPTZ '2024-01-31 13:45:00.75-02'|timestamptz|2024-01-31 15:45:00.75+00",
            "'infinity'::TIMESTAMPTZ|timestamptz|infinity", "'-infinity'::TIMESTAMPTZ|timestamptz|-infinity",
            "INTERVAL '1 year 2 months 3 days 4 hours 5 minutes 6 seconds'|interval|1 year 2 mons 3 days 04:05:06",
            "INTERVAL '-1 second'|interval|-00:00:01", "INTERVAL '1 day -1 second'|interval|1 day -00:00:01",
            "INTERVAL '-1 year 2 months -3 days 100 hours'|interval|-10 mons -3 days +100:00:00",
            "INTERVAL '0 seconds'|interval|00:00:00", "INTERVAL '1.5 seconds'|interval|00:00:01.5",
            "UUID '550E8400-E29B-41D4-A716-446655440000'|uuid|550e8400-e29b-41d4-a716-446655440000",
            "'{\"a\": [1, 2]}'::JSON|json|{\"a\": [1, 2]}",
            "'10101'::BIT|varbit|1", // bit is bit(1): PostgreSQL cuts the string to one bit
            "'10101'::VARBIT|varbit|10101",
            "'b'::ENUM('a', 'b')|text|b",
            "{'a': 1, 'b': 'x'}|record|(1,x)",
            "[1, 2, NULL]|_int4|{1,2,NULL}", "[]::INTEGER[]|_int4|{}", "[[1, 2], [3, 4]]|_int4|{{1,2},{3,4}}",
            "[[1, 2], NULL]|_int4|{{1,2},NULL}", "[1, 2]::INTEGER[2]|_int4|{1,2}",
            "['a b', NULL, 'NULL', '', 'q\"x', 'c,d', '{x}', 'back\\slash', 'plain']|_text|{\"a b\",NULL,\"NULL\",\"\",\"q\\\"x\",\"c,d\",\"{x}\",\"back\\\\slash\",plain}",
            "[true, false]|_bool|{t,f}", "[1.5, 0.1]::DOUBLE[]|_float8|{1.5,0.1}", "[1.5::DECIMAL(4,2)]|_numeric|{1.50}",
            "[DATE '2024-01-01', 'infinity']|_date|{2024-01-01,infinity}",
            "[TIMESTAMP '2024-01-01 10:00:00.5']|_timestamp|{\"2024-01-01 10:00:00.5\"}",
            "[TIMESTAMPTZ '2024-01-01 10:00:00+00']|_timestamptz|{\"2024-01-01 10:00:00+00\"}",
            "[INTERVAL 1 DAY, INTERVAL '-1 second']|_interval|{\"1 day\",-00:00:01}",
            "[TIME '10:00:00']|_time|{10:00:00}", "['ab'::BLOB]|_bytea|{\"\\\\x6162\"}",
            "[UUID '550E8400-E29B-41D4-A716-446655440000']|_uuid|{550e8400-e29b-41d4-a716-446655440000}",
            "[{'a': 1}]|2287|{(1)}"})
    void valuesInPostgresTextFormat(String expr, String pgType, String text) {
        RecordingSink r = run("SELECT " + expr + " AS v");
        assertThat(r.columns).hasSize(1);
        Column c = r.columns.get(0);
        assertThat(PgType.byOid(c.typeOid()) == null ? String.valueOf(c.typeOid()) : PgType.byOid(c.typeOid()).name())
                .as("type of %s", expr).isEqualTo(pgType);
        assertThat(r.value()).as("text of %s", expr).isEqualTo(text);
    }

    @Test
    void timestampsDoNotDependOnTheJvmTimeZone() {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        try {
            // 2024-03-10 02:30 does not exist in New York: clocks jumped from 02:00 to 03:00
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/New_York"));
            RecordingSink r = run("SELECT TIMESTAMP '2024-03-10 02:30:00', [TIMESTAMP '2024-03-10 02:30:00', NULL], "
                    + "DATE '2024-03-10', TIME '02:30:00', [TIMESTAMPTZ '2024-03-10 07:30:00+00']");
            assertThat(r.rows.get(0)).containsExactly("2024-03-10 02:30:00", "{\"2024-03-10 02:30:00\",NULL}", "2024-03-10",
                    "02:30:00", "{\"2024-03-10 07:30:00+00\"}");
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }

    @Test
    void decimalColumnsCarryPrecisionAndScaleAsTypeModifier() {
        RecordingSink r = run("SELECT 1.25::DECIMAL(10,3) AS d, 1::INTEGER AS i");
        assertThat(r.columns.get(0).typeModifier()).isEqualTo(((10 << 16) | 3) + 4);
        assertThat(r.columns.get(0).typeSize()).isEqualTo((short) -1);
        assertThat(r.columns.get(1).typeModifier()).isEqualTo(-1);
        assertThat(r.columns.get(1).typeSize()).isEqualTo((short) 4);
    }

    @Test
    void nullsOfEveryTypeAreSqlNull() {
        String[] types = {"BOOLEAN", "TINYINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT", "FLOAT", "DOUBLE", "DECIMAL(10,2)",
                "VARCHAR", "BLOB", "DATE", "TIME", "TIMETZ", "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMPTZ", "INTERVAL", "UUID",
                "JSON", "INTEGER[]", "BIT"};
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < types.length; i++) sql.append(i == 0 ? "" : ", ").append("NULL::").append(types[i]);
        RecordingSink r = run(sql.toString());
        assertThat(r.rows).hasSize(1);
        assertThat(r.rows.get(0)).hasSize(types.length).containsOnlyNulls();
        RecordingSink untyped = run("SELECT NULL AS n");
        assertThat(untyped.columns.get(0).typeOid()).isEqualTo(PgType.TEXT.oid());
        assertThat(untyped.rows.get(0)).containsOnlyNulls();
    }

    @Test
    void timestampTzFollowsTheSessionTimeZone() {
        run("SET TimeZone = 'Asia/Kolkata'");
        assertThat(text("TIMESTAMPTZ '2024-01-31 13:45:00+00'")).isEqualTo("2024-01-31 19:15:00+05:30");
        run("SET TIME ZONE 'America/St_Johns'");
        assertThat(text("TIMESTAMPTZ '2024-01-31 13:45:00+00'")).isEqualTo("2024-01-31 10:15:00-03:30");
        // DuckDB reads literals without an offset in the session zone too
        assertThat(text("TIMESTAMPTZ '2024-07-01 12:00:00'")).isEqualTo("2024-07-01 12:00:00-02:30");
        run("SET TimeZone = 'Europe/Paris'");
        assertThat(text("TIMESTAMPTZ '1900-01-01 00:00:00+00'")).isEqualTo("1900-01-01 00:09:21+00:09:21");
    }

    @Test
    void extraFloatDigitsBelowOneUsesFixedPrecision() {
        run("SET extra_float_digits = 0");
        assertThat(text("0.1::DOUBLE + 0.2::DOUBLE")).isEqualTo("0.3");
        assertThat(text("3.14159265::REAL")).isEqualTo("3.14159");
        run("SET extra_float_digits = 3");
        assertThat(text("0.1::DOUBLE + 0.2::DOUBLE")).isEqualTo("0.30000000000000004");
    }

    @Test
    void tableColumnsKeepTheirTypes() {
        run("CREATE TABLE typed (b BOOLEAN, s SMALLINT, i INTEGER, l BIGINT, f REAL, d DOUBLE, n NUMERIC(12,2), t TEXT, "
                + "v VARCHAR(10), y BYTEA, da DATE, ti TIME, ts TIMESTAMP, tz TIMESTAMPTZ, iv INTERVAL, u UUID, a INTEGER[])");
        run("INSERT INTO typed VALUES (true, 1, 2, 3, 1.5, 2.5, 1234.5, 'x', 'y', '\\x01'::BLOB, '2024-02-29', '23:59:59.999999', "
                + "'2024-02-29 23:59:59.999999', '2024-02-29 23:59:59+00', '1 month', gen_random_uuid(), [1])");
        RecordingSink r = run("SELECT * FROM typed");
        int[] oids = r.columns.stream().mapToInt(Column::typeOid).toArray();
        assertThat(oids).containsExactly(PgType.BOOL.oid(), PgType.INT2.oid(), PgType.INT4.oid(), PgType.INT8.oid(),
                PgType.FLOAT4.oid(), PgType.FLOAT8.oid(), PgType.NUMERIC.oid(), PgType.TEXT.oid(), PgType.VARCHAR.oid(),
                PgType.BYTEA.oid(), PgType.DATE.oid(), PgType.TIME.oid(), PgType.TIMESTAMP.oid(), PgType.TIMESTAMPTZ.oid(),
                PgType.INTERVAL.oid(), PgType.UUID.oid(), PgType.INT4_ARRAY.oid());
        assertThat(r.rows.get(0).subList(0, 15)).containsExactly("t", "1", "2", "3", "1.5", "2.5", "1234.50", "x", "y", "\\x01",
                "2024-02-29", "23:59:59.999999", "2024-02-29 23:59:59.999999", "2024-02-29 23:59:59+00", "1 mon");
        assertThat(r.rows.get(0).get(15)).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(r.rows.get(0).get(16)).isEqualTo("{1}");
    }

    @Test
    void columnLabelsComeFromDuckDbWithIdentifiersFoldedToLowerCase() {
        RecordingSink r = run("SELECT 1 AS Foo, 2 AS \"Bar\", 3 AS baz");
        assertThat(r.columnNames()).containsExactly("foo", "Bar", "baz");
        assertThat(Arrays.asList(r.rows.get(0).toArray())).containsExactly("1", "2", "3");
    }
}
