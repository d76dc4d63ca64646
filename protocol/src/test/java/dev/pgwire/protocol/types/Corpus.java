package dev.pgwire.protocol.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Values to compare with a real PostgreSQL: each is a SQL type and an input literal. Several per
 * type, with the edge cases of the text formats (special values, BC, huge years, rounding,
 * quoting, offsets with seconds), and input forms other than PostgreSQL's own output.
 */
public final class Corpus {
    private Corpus() {}

    /** A literal of a type: {@code SELECT '<literal>'::<sqlType>}. */
    public record Case(String sqlType, String typeName, String literal) {
        String sql() {
            return "SELECT '" + literal.replace("'", "''") + "'::" + sqlType;
        }

        public int oid() {
            return PgType.byName(typeName).oid();
        }

        @Override
        public String toString() {
            return sql();
        }
    }

    private static void add(List<Case> out, String sqlType, String typeName, String... literals) {
        for (String l : literals) out.add(new Case(sqlType, typeName, l));
    }

    static final String[] FLOAT8 = {"0", "-0", "1", "-1", "0.1", "1e100", "1.2345e-05", "123456789012345678",
        "1e15", "1e14", "100000000000000", "123456789012345.6", "0.0001", "0.00001", "0.0001234", "NaN", "Infinity",
        "-Infinity", "1.7976931348623157e308", "5e-324", "2.2250738585072014e-308", "3.141592653589793",
        "0.3333333333333333", "2.5", "1e23", "9007199254740993", "4.35", "0.3", "100", "1e21", "123.456e-10",
        "-1.5e300", "  7.25  ", "inf", "-INF", "1.0000000000000002", "299792458", "6.02214076e23", "1e-7",
        "0.000123456789012345678", "144115188075855877", "1e16", "999999999999999.9", "0x1p3", "0x1.8",
        "8.41e21", "5e-310", "1.5e-323"};

    static final String[] FLOAT4 = {"0", "-0", "1", "0.1", "1e10", "3.4028235e38", "1e-45", "1.17549435e-38",
        "123456", "1234567", "999999", "1e6", "100000", "0.0001", "0.00001", "3.14159265", "NaN", "Infinity",
        "-Infinity", "16777217", "2.5", "1e-3", "0.3", "-7.5e-8", "33554430", "1.0000001", "65504"};

    static List<Case> floats() {
        List<Case> c = new ArrayList<>();
        add(c, "float8", "float8", FLOAT8);
        add(c, "float4", "float4", FLOAT4);
        add(c, "float8[]", "_float8", "{1.5,NaN,-Infinity,1e100,0.1,NULL}", "{{0.1,0.2},{-0,3e-5}}");
        add(c, "float4[]", "_float4", "{0.1,1e10,NULL,-Infinity}");
        return c;
    }

    /** Cases whose output depends on the TimeZone. */
    static List<Case> zoned() {
        List<Case> c = new ArrayList<>();
        add(c, "timestamptz", "timestamptz", "2024-01-31 13:45:00.5+01", "2024-01-31 13:45:00",
                "2024-07-01 12:00:00 America/New_York", "1850-01-01 00:00:00+00", "1900-01-01 00:00:00",
                "1883-11-18 16:59:59+00", "0044-03-15 10:00:00+00 BC", "infinity", "-infinity", "epoch",
                "2024-03-10 02:30:00", "2024-11-03 01:30:00", "2024-03-31 02:30:00", "2024-01-31T13:45:00Z",
                "2024-01-31 13:45:00 UTC", "2024-01-31 13:45:00 EST", "294276-12-31 00:00:00+00",
                "1960-06-01 00:00:00+05:30", "2000-01-01 00:00:00.000001+00", "1999-12-31 23:59:59.999999-12",
                "2262-04-11 23:47:16.854775+00", "1937-06-30 12:00:00+00", "1000-01-01 00:00:00+00",
                "4714-11-24 00:00:00+00 BC", "20240131 134500", "2024-01-31 13:45:00 Asia/Kolkata");
        add(c, "timetz", "timetz", "13:45:00+01", "13:45:00.5-08", "00:00:00+05:30", "12:00:00+05:30:15",
                "04:05:06 PST", "04:05:06+0530", "24:00:00+00", "23:59:59.999999-15:59:59", "allballs");
        add(c, "timestamptz[]", "_timestamptz", "{\"2024-01-31 13:45:00+01\",NULL,infinity}");
        return c;
    }

    public static List<Case> all() {
        List<Case> c = new ArrayList<>();
        add(c, "bool", "bool", "t", "f", "true", "FALSE", "yes", "no", "on", "off", "1", "0", " t ", "Tr");
        add(c, "int2", "int2", "0", "-32768", "32767", "  42  ", "+7", "-0");
        add(c, "int4", "int4", "0", "-2147483648", "2147483647", "  -12 ", "+5", "007");
        add(c, "int8", "int8", "0", "-9223372036854775808", "9223372036854775807", "123456789012");
        add(c, "oid", "oid", "0", "4294967295", "-1", "123", "-2147483648");
        c.addAll(floats());
        add(c, "numeric", "numeric", "0", "1.50", "-1.50", "0.000001", "1e5", "1.5e-3",
                "12345678901234567890.123456789", "NaN", "Infinity", "-Infinity", "-0.0", "0.00", "1e-20",
                "99999999", "10000", "0.0001", "123.4567", "1e100", "-1e-10", "3.14e2", "  42  ", "inf", "-inf",
                ".5", "5.", "+3", "100000000.00000001", "0.1e1");
        add(c, "text", "text", "hello", "", "a b", "ünïcødé", "quote's", "back\\slash", "tab\\there", "😀 emoji",
                "line1\nline2", "NULL", "{}");
        add(c, "varchar", "varchar", "varchar value", "");
        add(c, "bpchar", "bpchar", "abc  ", "x");
        add(c, "name", "name", "pg_class",
                "a_very_long_name_that_is_longer_than_sixty_three_bytes_for_sure_yes_it_is");
        add(c, "\"char\"", "char", "a", "", "é", "\\101", "\\351", "zz");
        add(c, "bytea", "bytea", "\\x", "\\xdeadbeef", "abc", "\\000\\001\\377", "a\\\\b", "\\x DE AD", "\\xABcd");
        add(c, "uuid", "uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}",
                "a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11",
                "00000000-0000-0000-0000-000000000000");
        add(c, "json", "json", "{\"a\":1}", " [1, 2 ,3] ", "\"str\"", "null", "{\"a\":{\"b\":[true,false,null]}}",
                "1.50", "{\"a\":1,\"a\":2}");
        add(c, "jsonb", "jsonb", "{\"b\":1,\"a\":2}", "{\"aa\":1,\"b\":2}", "{\"a\":1,\"a\":2}",
                "[1.0, 1e2, -0, 0.10, 1E-2]", "\"\\u00e9\\n\"", "{\"key\": \"val\\\"ue\"}", " {} ", "[]",
                "\"\\u0001\\t\"", "123", "{\"a\":[1,{\"c\":3,\"b\":2}]}", "\"\\ud83d\\ude00\"", "true",
                "{\"é\":1,\"z\":2,\"ab\":3}", "\"a/b\\/c\"");
        add(c, "date", "date", "2024-01-31", "0044-03-15 BC", "10000-01-01", "infinity", "-infinity", "epoch",
                "Jan 8 1999", "1999-01-08", "01/02/2024", "4714-11-24 BC", "5874897-12-31", "20240131",
                "2000-02-29", "January 8, 1999", "1999-Jan-08", "08-Jan-1999", "0001-01-01", "0001-12-31 BC",
                "2024-01-31 13:45:00", "12/31/99");
        add(c, "time", "time", "00:00", "13:45:00.5", "23:59:59.999999", "24:00:00", "04:05:06.789", "1:30 pm",
                "12:00 am", "04:05:06.1234567", "allballs", "2024-01-31 04:05:06", "04:05");
        add(c, "timestamp", "timestamp", "2024-01-31 13:45:00.5", "2024-01-31T13:45:00", "0044-03-15 10:00:00 BC",
                "294276-12-31 23:59:59.999999", "4714-11-24 00:00:00 BC", "infinity", "-infinity", "epoch",
                "2000-01-01 00:00:00.000001", "1999-12-31 23:59:59.999999", "2024-01-31 13:45:00+05",
                "Jan 8 1999 04:05:06", "10000-06-15 12:00:00", "2024-01-31", "2024-01-31 24:00:00",
                "1999-01-08 04:05:06.9999995");
        add(c, "interval", "interval", "1 year 2 mons 3 days 04:05:06.7", "-1 years -2 mons +3 days -04:05:06.7",
                "0", "00:00:00", "1 day", "-00:00:01", "@ 1 day ago", "1.5 years", "P1Y2M3DT4H5M6S", "1-2",
                "3 4:05:06", "2562047788:00:54.775807", "-2562047788:00:54.775807", "1 week", "90 minutes",
                "1.5 days", "0.5 months", "100 years", "-1 day +01:00", "1 mon -1 day", "1 decade", "2 centuries",
                "1 ms", "1 us", "1.000001 s", "1 year -1 mons", "-1 year", "2 days 1 hour ago", "PT1.5S",
                "1 mon 1 day 00:00:00.000001", "178000000 years");
        add(c, "inet", "inet", "192.168.0.1", "192.168.0.1/24", "10.1/16", "::1", "2001:db8::1/64", "::ffff:1.2.3.4",
                "::1.2.3.4", "fe80::", "1:0:0:1:0:0:0:1", "2001:db8:0:0:1:0:0:1", "0.0.0.0/0", "::/0", "1::",
                "1:2:3:4:5:6:7:8", "::ffff:0:0", "1:0:0:2:0:0:0:3", "192.168.0.1/32", "::1/128",
                "2001:DB8::ABCD", "::ffff:1.2.3.4/120");
        add(c, "cidr", "cidr", "10.0.0.0/8", "10", "192.168.1", "128.1", "224", "192.168.1.5/32", "2001:db8::/32",
                "::/0", "1.2.3.4", "::1/128", "10.1.2/24", "0.0.0.0/0", "240");
        add(c, "void", "void", "");
        add(c, "int4[]", "_int4", "{1,2,NULL}", "{{1,2},{3,4}}", "[0:1]={1,2}", "{}", "{{1,NULL},{NULL,4}}",
                "[-2:-1][3:4]={{1,2},{3,4}}", "{ 1 , 2 }", "{{{1,2},{3,4}},{{5,6},{7,8}}}", "{null}");
        add(c, "text[]", "_text", "{\"\",NULL,\"NULL\",\"null\",\"a b\",\"a,b\",\"{x}\",\"q\\\"uote\","
                + "\"back\\\\slash\",plain,\" spaced \"}", "{{a,NULL},{\"\",b}}", "{\"tab\there\"}",
                "{\"line\nbreak\",ünï}", "{a\\,b,c\\\\d}");
        add(c, "bytea[]", "_bytea", "{\"\\\\x0102\",NULL}", "{\"\\\\x\"}");
        add(c, "numeric[]", "_numeric", "{1.50,NaN,-Infinity,NULL}");
        add(c, "bool[]", "_bool", "{t,f,NULL}");
        add(c, "int2[]", "_int2", "{1,-32768}");
        add(c, "int8[]", "_int8", "{{1,2,3},{4,5,6}}");
        add(c, "oid[]", "_oid", "{0,4294967295}");
        add(c, "varchar[]", "_varchar", "{a,\"b c\"}");
        add(c, "bpchar[]", "_bpchar", "{\"a \",b}");
        add(c, "name[]", "_name", "{pg_class,\"x y\"}");
        add(c, "\"char\"[]", "_char", "{a,\"\",\"\\\\351\"}");
        add(c, "date[]", "_date", "{2024-01-31,infinity,\"0044-03-15 BC\",NULL}");
        add(c, "time[]", "_time", "{04:05:06.5,24:00:00}");
        add(c, "timetz[]", "_timetz", "{04:05:06.5+01,\"12:00:00-03:30\"}");
        add(c, "timestamp[]", "_timestamp", "{\"2024-01-31 13:45:00\",infinity,NULL}");
        add(c, "interval[]", "_interval", "{\"1 day\",\"-00:00:01\",\"1 year 2 mons\"}");
        add(c, "uuid[]", "_uuid", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}");
        add(c, "json[]", "_json", "{\"{\\\"a\\\":1}\",\"[1,2]\"}");
        add(c, "jsonb[]", "_jsonb", "{\"{\\\"b\\\":1,\\\"a\\\":2}\",null}");
        add(c, "inet[]", "_inet", "{192.168.0.1/24,::1}");
        add(c, "cidr[]", "_cidr", "{10.0.0.0/8,2001:db8::/32}");
        c.addAll(zoned());
        return c;
    }

    /** Literals PostgreSQL rejects; the SQLSTATE must match. */
    public static List<Case> invalid() {
        List<Case> c = new ArrayList<>();
        add(c, "int4", "int4", "abc", "", "2147483648", "1.5", " ", "0x10", "1 2");
        add(c, "int2", "int2", "32768", "-32769");
        add(c, "int8", "int8", "9223372036854775808", "12e3");
        add(c, "oid", "oid", "4294967296", "-2147483649", "x");
        add(c, "bool", "bool", "maybe", "o", "", "tru e");
        add(c, "float8", "float8", "abc", "1e400", "1e-400", "", "1.5x", "0x1p99999", "0x");
        add(c, "float4", "float4", "1e40", "1e-50", "abc");
        add(c, "numeric", "numeric", "abc", "1..2", "", "1e", "1e200000", "- 1", "1e-20000", "0x10");
        add(c, "uuid", "uuid", "xyz", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",
                " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-");
        add(c, "date", "date", "2024-02-30", "2024-13-01", "abc", "0000-01-01", "5874898-01-01", "4714-11-23 BC", "");
        add(c, "timestamp", "timestamp", "2024-01-01 25:00", "294277-01-01 00:00:00", "2024-01-01 12:61", "x",
                "4714-11-23 23:59:59 BC");
        add(c, "timestamptz", "timestamptz", "2024-01-01 12:00:00+16", "not a time");
        add(c, "time", "time", "25:00", "12:60", "24:00:01", "abc");
        add(c, "timetz", "timetz", "12:00+16", "12:00:00+15:60");
        add(c, "interval", "interval", "abc", "1 foo", "1 day 2 days x", "10:61", "2562047789:00:00",
                "99999999999 years");
        add(c, "inet", "inet", "300.1.1.1", "abc", "1.2.3.4/33", "1.2.3", "::1/129", "1:2:3:4:5:6:7:8:9",
                "1::2::3", " 1.2.3.4", "::1/08");
        add(c, "cidr", "cidr", "192.168.1.1/24", "10.0.0.1/8", "2001:db8::1/32");
        add(c, "bytea", "bytea", "\\xZZ", "\\x1", "a\\q", "\\4", "\\x0g");
        add(c, "json", "json", "{a:1}", "[1,", "", "01", "[1,]", "{\"a\" 1}", "'x'", "\"\\x\"", "1.");
        add(c, "jsonb", "jsonb", "{\"a\":1", "\"\\u0000\"", "nul", "[1 2]", "\"\\ud800\"");
        add(c, "int4[]", "_int4", "{1,2", "{{1},{2,3}}", "{1,abc}", "1,2", "{1}}",
                "[1:3]={1,2}", "{{1},2}", "{1,{2}}", "[2:1]={1}");
        add(c, "text[]", "_text", "{\"a}", "{a\"b\"}", "{a,,b}", "{,}");
        return c;
    }
}
