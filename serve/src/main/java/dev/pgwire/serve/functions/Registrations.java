package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.Udf.Body;
import dev.pgwire.serve.functions.Udf.Signature;
import dev.pgwire.serve.functions.Udf.Type;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static dev.pgwire.serve.functions.Udf.Type.BIGINT;
import static dev.pgwire.serve.functions.Udf.Type.BOOLEAN;
import static dev.pgwire.serve.functions.Udf.Type.DATE;
import static dev.pgwire.serve.functions.Udf.Type.DECIMAL;
import static dev.pgwire.serve.functions.Udf.Type.DOUBLE;
import static dev.pgwire.serve.functions.Udf.Type.FLOAT;
import static dev.pgwire.serve.functions.Udf.Type.INTEGER;
import static dev.pgwire.serve.functions.Udf.Type.TIMESTAMP;
import static dev.pgwire.serve.functions.Udf.Type.TIMESTAMPTZ;
import static dev.pgwire.serve.functions.Udf.Type.VARCHAR;

/** Every DuckDB function {@link PgFunctions#register} creates, with the PostgreSQL function it stands for. */
final class Registrations {
    private Registrations() {}

    /** One registered signature. */
    record Registration(String postgres, Signature signature, Body body) {}

    private static final List<Registration> ALL = build();

    static List<Registration> all() {
        return ALL;
    }

    private static final class Builder {
        final List<Registration> list = new ArrayList<>();

        void strict(String postgres, String name, Type result, Body body, Type... params) {
            list.add(new Registration(postgres, new Signature(name, List.of(params), null, result, true), body));
        }

        void lenient(String postgres, String name, Type result, Body body, Type... params) {
            list.add(new Registration(postgres, new Signature(name, List.of(params), null, result, false), body));
        }

        void varargs(String postgres, String name, Type result, Body body, Type varargs, Type... params) {
            list.add(new Registration(postgres, new Signature(name, List.of(params), varargs, result, false), body));
        }
    }

    private static String s(Object o) { return (String) o; }
    private static int i(Object o) { return (Integer) o; }

    private static List<Registration> build() {
        Builder b = new Builder();

        // to_char and its inverses
        b.strict("to_char(timestamp, text)", "pg_to_char", VARCHAR,
                a -> DateTimeToChar.format((LocalDateTime) a[0], s(a[1])), TIMESTAMP, VARCHAR);
        b.strict("to_char(timestamptz, text)", "pg_to_char", VARCHAR,
                a -> DateTimeToChar.format((Instant) a[0], Zones.of(s(a[2])), s(a[1])), TIMESTAMPTZ, VARCHAR, VARCHAR);
        b.strict("to_char(date, text)", "pg_to_char", VARCHAR,
                a -> DateTimeToChar.format((LocalDate) a[0], Zones.of(s(a[2])), s(a[1])), DATE, VARCHAR, VARCHAR);
        b.strict("to_char(interval, text)", "pg_to_char_interval", VARCHAR,
                a -> DateTimeToChar.format(PgInterval.parse(s(a[0])), s(a[1])), VARCHAR, VARCHAR);
        b.strict("to_char(integer, text)", "pg_to_char", VARCHAR, a -> NumberToChar.int4(i(a[0]), s(a[1])), INTEGER, VARCHAR);
        b.strict("to_char(bigint, text)", "pg_to_char", VARCHAR, a -> NumberToChar.int8((Long) a[0], s(a[1])), BIGINT, VARCHAR);
        b.strict("to_char(real, text)", "pg_to_char", VARCHAR, a -> NumberToChar.float4((Float) a[0], s(a[1])), FLOAT, VARCHAR);
        b.strict("to_char(double precision, text)", "pg_to_char", VARCHAR,
                a -> NumberToChar.float8((Double) a[0], s(a[1])), DOUBLE, VARCHAR);
        b.strict("to_char(numeric, text)", "pg_to_char", VARCHAR,
                a -> NumberToChar.numeric(new NumberToChar.Numeric((BigDecimal) a[0], null), s(a[1])), DECIMAL, VARCHAR);
        b.strict("to_char(numeric, text)", "pg_to_char_numeric", VARCHAR,
                a -> NumberToChar.numeric(NumberToChar.Numeric.parse(s(a[0])), s(a[1])), VARCHAR, VARCHAR);
        b.strict("to_date(text, text)", "pg_to_date", DATE, a -> DateTimeFromChar.toDate(s(a[0]), s(a[1])), VARCHAR, VARCHAR);
        b.strict("to_timestamp(text, text)", "pg_to_timestamp", TIMESTAMPTZ,
                a -> DateTimeFromChar.toTimestamp(s(a[0]), s(a[1]), Zones.of(s(a[2]))), VARCHAR, VARCHAR, VARCHAR);
        b.strict("to_number(text, text)", "pg_to_number", VARCHAR,
                a -> NumberToChar.toNumber(s(a[0]), s(a[1])), VARCHAR, VARCHAR);

        // format and quoting
        b.varargs("format(text, VARIADIC \"any\")", "pg_format", VARCHAR,
                a -> Format.format(s(a[0]), Arrays.copyOfRange(a, 1, a.length, String[].class)), VARCHAR, VARCHAR);
        b.strict("quote_ident(text)", "pg_quote_ident", VARCHAR, a -> Format.quoteIdent(s(a[0])), VARCHAR);
        b.strict("quote_literal(text)", "pg_quote_literal", VARCHAR, a -> Format.quoteLiteral(s(a[0])), VARCHAR);
        b.lenient("quote_nullable(text)", "pg_quote_nullable", VARCHAR, a -> Format.quoteNullable(s(a[0])), VARCHAR);

        // regular expressions
        b.strict("regexp_match(text, text)", "pg_regexp_match", VARCHAR,
                a -> json(Regexp.match(s(a[0]), s(a[1]), null)), VARCHAR, VARCHAR);
        b.strict("regexp_match(text, text, text)", "pg_regexp_match", VARCHAR,
                a -> json(Regexp.match(s(a[0]), s(a[1]), s(a[2]))), VARCHAR, VARCHAR, VARCHAR);
        b.strict("regexp_matches(text, text)", "pg_regexp_matches", VARCHAR,
                a -> TextArrays.toJsonNested(Regexp.matches(s(a[0]), s(a[1]), null)), VARCHAR, VARCHAR);
        b.strict("regexp_matches(text, text, text)", "pg_regexp_matches", VARCHAR,
                a -> TextArrays.toJsonNested(Regexp.matches(s(a[0]), s(a[1]), s(a[2]))), VARCHAR, VARCHAR, VARCHAR);
        b.strict("regexp_replace(text, text, text)", "pg_regexp_replace", VARCHAR,
                a -> Regexp.replace(s(a[0]), s(a[1]), s(a[2]), null), VARCHAR, VARCHAR, VARCHAR);
        b.strict("regexp_replace(text, text, text, text)", "pg_regexp_replace", VARCHAR,
                a -> Regexp.replace(s(a[0]), s(a[1]), s(a[2]), s(a[3])), VARCHAR, VARCHAR, VARCHAR, VARCHAR);
        b.strict("regexp_replace(text, text, text, integer)", "pg_regexp_replace", VARCHAR,
                a -> Regexp.replace(s(a[0]), s(a[1]), s(a[2]), i(a[3]), null, null), VARCHAR, VARCHAR, VARCHAR, INTEGER);
        b.strict("regexp_replace(text, text, text, integer, integer)", "pg_regexp_replace", VARCHAR,
                a -> Regexp.replace(s(a[0]), s(a[1]), s(a[2]), i(a[3]), i(a[4]), null),
                VARCHAR, VARCHAR, VARCHAR, INTEGER, INTEGER);
        b.strict("regexp_replace(text, text, text, integer, integer, text)", "pg_regexp_replace", VARCHAR,
                a -> Regexp.replace(s(a[0]), s(a[1]), s(a[2]), i(a[3]), i(a[4]), s(a[5])),
                VARCHAR, VARCHAR, VARCHAR, INTEGER, INTEGER, VARCHAR);
        b.strict("regexp_split_to_array(text, text)", "pg_regexp_split_to_array", VARCHAR,
                a -> json(Regexp.splitToArray(s(a[0]), s(a[1]), null)), VARCHAR, VARCHAR);
        b.strict("regexp_split_to_array(text, text, text)", "pg_regexp_split_to_array", VARCHAR,
                a -> json(Regexp.splitToArray(s(a[0]), s(a[1]), s(a[2]))), VARCHAR, VARCHAR, VARCHAR);
        b.strict("substring(text, text)", "pg_substring", VARCHAR, a -> Regexp.substring(s(a[0]), s(a[1])), VARCHAR, VARCHAR);
        b.strict("regexp_like(text, text)", "pg_regexp_like", BOOLEAN,
                a -> Regexp.like(s(a[0]), s(a[1]), null), VARCHAR, VARCHAR);
        b.strict("regexp_like(text, text, text)", "pg_regexp_like", BOOLEAN,
                a -> Regexp.like(s(a[0]), s(a[1]), s(a[2])), VARCHAR, VARCHAR, VARCHAR);
        b.strict("regexp_count(text, text)", "pg_regexp_count", INTEGER,
                a -> Regexp.count(s(a[0]), s(a[1]), 1, null), VARCHAR, VARCHAR);
        b.strict("regexp_count(text, text, integer)", "pg_regexp_count", INTEGER,
                a -> Regexp.count(s(a[0]), s(a[1]), i(a[2]), null), VARCHAR, VARCHAR, INTEGER);
        b.strict("regexp_count(text, text, integer, text)", "pg_regexp_count", INTEGER,
                a -> Regexp.count(s(a[0]), s(a[1]), i(a[2]), s(a[3])), VARCHAR, VARCHAR, INTEGER, VARCHAR);
        b.strict("regexp_substr(text, text)", "pg_regexp_substr", VARCHAR,
                a -> Regexp.substr(s(a[0]), s(a[1]), 1, 1, null, 0), VARCHAR, VARCHAR);
        b.strict("regexp_substr(text, text, integer)", "pg_regexp_substr", VARCHAR,
                a -> Regexp.substr(s(a[0]), s(a[1]), i(a[2]), 1, null, 0), VARCHAR, VARCHAR, INTEGER);
        b.strict("regexp_substr(text, text, integer, integer)", "pg_regexp_substr", VARCHAR,
                a -> Regexp.substr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), null, 0), VARCHAR, VARCHAR, INTEGER, INTEGER);
        b.strict("regexp_substr(text, text, integer, integer, text)", "pg_regexp_substr", VARCHAR,
                a -> Regexp.substr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), s(a[4]), 0),
                VARCHAR, VARCHAR, INTEGER, INTEGER, VARCHAR);
        b.strict("regexp_substr(text, text, integer, integer, text, integer)", "pg_regexp_substr", VARCHAR,
                a -> Regexp.substr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), s(a[4]), i(a[5])),
                VARCHAR, VARCHAR, INTEGER, INTEGER, VARCHAR, INTEGER);
        b.strict("regexp_instr(text, text)", "pg_regexp_instr", INTEGER,
                a -> Regexp.instr(s(a[0]), s(a[1]), 1, 1, 0, null, 0), VARCHAR, VARCHAR);
        b.strict("regexp_instr(text, text, integer)", "pg_regexp_instr", INTEGER,
                a -> Regexp.instr(s(a[0]), s(a[1]), i(a[2]), 1, 0, null, 0), VARCHAR, VARCHAR, INTEGER);
        b.strict("regexp_instr(text, text, integer, integer)", "pg_regexp_instr", INTEGER,
                a -> Regexp.instr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), 0, null, 0), VARCHAR, VARCHAR, INTEGER, INTEGER);
        b.strict("regexp_instr(text, text, integer, integer, integer)", "pg_regexp_instr", INTEGER,
                a -> Regexp.instr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), i(a[4]), null, 0),
                VARCHAR, VARCHAR, INTEGER, INTEGER, INTEGER);
        b.strict("regexp_instr(text, text, integer, integer, integer, text)", "pg_regexp_instr", INTEGER,
                a -> Regexp.instr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), i(a[4]), s(a[5]), 0),
                VARCHAR, VARCHAR, INTEGER, INTEGER, INTEGER, VARCHAR);
        b.strict("regexp_instr(text, text, integer, integer, integer, text, integer)", "pg_regexp_instr", INTEGER,
                a -> Regexp.instr(s(a[0]), s(a[1]), i(a[2]), i(a[3]), i(a[4]), s(a[5]), i(a[6])),
                VARCHAR, VARCHAR, INTEGER, INTEGER, INTEGER, VARCHAR, INTEGER);

        // bytea, strings, arrays
        b.strict("encode(bytea, text)", "pg_encode", VARCHAR,
                a -> Encode.encode(HexFormat.of().parseHex(s(a[0])), s(a[1])), VARCHAR, VARCHAR);
        b.strict("decode(text, text)", "pg_decode", VARCHAR,
                a -> HexFormat.of().formatHex(Encode.decode(s(a[0]), s(a[1]))), VARCHAR, VARCHAR);
        b.strict("initcap(text)", "pg_initcap", VARCHAR, a -> Strings.initcap(s(a[0])), VARCHAR);
        b.strict("to_hex(integer)", "pg_to_hex", VARCHAR, a -> Strings.toHex(i(a[0])), INTEGER);
        b.strict("to_hex(bigint)", "pg_to_hex", VARCHAR, a -> Strings.toHex((Long) a[0]), BIGINT);
        b.lenient("string_to_array(text, text)", "pg_string_to_array", VARCHAR,
                a -> json(Strings.stringToArray(s(a[0]), s(a[1]), null)), VARCHAR, VARCHAR);
        b.lenient("string_to_array(text, text, text)", "pg_string_to_array", VARCHAR,
                a -> json(Strings.stringToArray(s(a[0]), s(a[1]), s(a[2]))), VARCHAR, VARCHAR, VARCHAR);
        b.strict("array_to_string(anyarray, text)", "pg_array_to_string", VARCHAR,
                a -> Strings.arrayToString(TextArrays.fromJson(s(a[0])), s(a[1]), null), VARCHAR, VARCHAR);
        b.lenient("array_to_string(anyarray, text, text)", "pg_array_to_string", VARCHAR,
                a -> a[0] == null || a[1] == null ? null
                        : Strings.arrayToString(TextArrays.fromJson(s(a[0])), s(a[1]), s(a[2])), VARCHAR, VARCHAR, VARCHAR);

        // numbers and intervals
        b.strict("width_bucket(double precision, double precision, double precision, integer)", "pg_width_bucket",
                INTEGER, a -> WidthBucket.float8((Double) a[0], (Double) a[1], (Double) a[2], i(a[3])),
                DOUBLE, DOUBLE, DOUBLE, INTEGER);
        b.strict("width_bucket(numeric, numeric, numeric, integer)", "pg_width_bucket_numeric", INTEGER,
                a -> WidthBucket.numeric(s(a[0]), s(a[1]), s(a[2]), i(a[3])), VARCHAR, VARCHAR, VARCHAR, INTEGER);
        b.strict("justify_days(interval)", "pg_justify_days", VARCHAR,
                a -> Intervals.justifyDays(PgInterval.parse(s(a[0]))).toDuckDbText(), VARCHAR);
        b.strict("justify_hours(interval)", "pg_justify_hours", VARCHAR,
                a -> Intervals.justifyHours(PgInterval.parse(s(a[0]))).toDuckDbText(), VARCHAR);
        b.strict("justify_interval(interval)", "pg_justify_interval", VARCHAR,
                a -> Intervals.justifyInterval(PgInterval.parse(s(a[0]))).toDuckDbText(), VARCHAR);
        b.strict("make_interval(integer, integer, integer, integer, integer, integer, double precision)",
                "pg_make_interval", VARCHAR,
                a -> Intervals.makeInterval(i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5]), (Double) a[6]).toDuckDbText(),
                INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE);
        return List.copyOf(b.list);
    }

    private static String json(List<String> items) {
        return items == null ? null : TextArrays.toJson(items);
    }
}
