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
        b.strict("convert_to(text, name)", "pg_convert_to_hex", VARCHAR, a -> Encodings.to(s(a[0]), s(a[1])), VARCHAR, VARCHAR);
        b.strict("convert_from(bytea, name)", "pg_convert_from_hex", VARCHAR, a -> Encodings.from(s(a[0]), s(a[1])), VARCHAR, VARCHAR);
        b.strict("similar_to_escape(text, text)", "pg_similar_to_escape", VARCHAR,
                a -> dev.pgwire.serve.sql.SimilarTo.similarToEscape(s(a[0]), s(a[1])), VARCHAR, VARCHAR);
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
        b.strict("bytea input (text::bytea)", "pg_bytea_in", VARCHAR,
                a -> HexFormat.of().formatHex(dev.pgwire.serve.sql.Bytea.parse(s(a[0]))), VARCHAR);
        b.strict("decode(text, text)", "pg_decode", VARCHAR,
                a -> HexFormat.of().formatHex(Encode.decode(s(a[0]), s(a[1]))), VARCHAR, VARCHAR);
        for (String sha : List.of("sha224", "sha384", "sha512")) {
            // bytea crosses as hex both ways; DuckDB has sha256 of its own, not these
            String algorithm = "SHA-" + sha.substring(3);
            b.strict(sha + "(bytea)", "pg_" + sha, VARCHAR, a -> HexFormat.of().formatHex(Encode.digest(algorithm, HexFormat.of().parseHex(s(a[0])))),
                    VARCHAR);
        }
        b.strict("initcap(text)", "pg_initcap", VARCHAR, a -> Strings.initcap(s(a[0])), VARCHAR);
        b.strict("to_hex(integer)", "pg_to_hex", VARCHAR, a -> Strings.toHex(i(a[0])), INTEGER);
        b.strict("to_hex(bigint)", "pg_to_hex", VARCHAR, a -> Strings.toHex((Long) a[0]), BIGINT);
        b.lenient("string_to_array(text, text)", "pg_string_to_array", VARCHAR,
                a -> json(Strings.stringToArray(s(a[0]), s(a[1]), null)), VARCHAR, VARCHAR);
        b.lenient("string_to_array(text, text, text)", "pg_string_to_array", VARCHAR,
                a -> json(Strings.stringToArray(s(a[0]), s(a[1]), s(a[2]))), VARCHAR, VARCHAR, VARCHAR);
        b.strict("parse_ident(text, boolean)", "pg_parse_ident", VARCHAR,
                a -> json(Strings.parseIdent(s(a[0]), (Boolean) a[1])), VARCHAR, BOOLEAN);
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
        b.strict("interval(interval, integer)", "pg_interval_fields", VARCHAR, a -> {
            PgInterval v = PgInterval.parse(s(a[0]));
            long[] r = dev.pgwire.serve.sql.DateTimeLiterals.restricted(v.months(), v.days(), v.micros(), i(a[1]));
            return new PgInterval((int) r[0], (int) r[1], r[2]).toDuckDbText();
        }, VARCHAR, INTEGER);
        b.strict("interval * double precision", "pg_interval_mul", VARCHAR,
                a -> Intervals.multiply(PgInterval.parse(s(a[0])), (Double) a[1]).toDuckDbText(), VARCHAR, DOUBLE);
        b.strict("make_interval(integer, integer, integer, integer, integer, integer, double precision)",
                "pg_make_interval", VARCHAR,
                a -> Intervals.makeInterval(i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5]), (Double) a[6]).toDuckDbText(),
                INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE);

        json(b);
        return List.copyOf(b.list);
    }

    private static JsonbValue jsonb(Object o) { return Jsonb.parse((String) o); }
    private static String out(JsonbValue v) { return v == null ? null : Jsonb.out(v); }
    private static String text(JsonbValue v) { return v == null ? null : Jsonb.asText(v); }
    private static String[] strings(Object[] a) { return Arrays.copyOf(a, a.length, String[].class); }

    /**
     * json and jsonb: values cross as JSON text (VARCHAR) both ways, jsonb results in PostgreSQL's
     * normal form; text[] arguments as JSON arrays; set-returning functions as one JSON text of rows.
     */
    private static void json(Builder b) {
        // jsonb output and operators
        b.strict("jsonb_out(jsonb)", "pg_jsonb_out", VARCHAR, a -> out(jsonb(a[0])), VARCHAR);
        b.strict("jsonb #>> '{}'", "pg_jsonb_text", VARCHAR, a -> text(jsonb(a[0])), VARCHAR);
        b.strict("json_in(cstring)", "pg_json_in", VARCHAR, a -> {
            JsonParser.validate(s(a[0]));
            return s(a[0]);
        }, VARCHAR);
        b.strict("jsonb || jsonb", "pg_jsonb_concat", VARCHAR,
                a -> out(JsonbOperators.concat(jsonb(a[0]), jsonb(a[1]))), VARCHAR, VARCHAR);
        b.strict("jsonb - text", "pg_jsonb_delete", VARCHAR,
                a -> out(JsonbOperators.delete(jsonb(a[0]), s(a[1]))), VARCHAR, VARCHAR);
        b.strict("jsonb - integer", "pg_jsonb_delete", VARCHAR,
                a -> out(JsonbOperators.deleteIndex(jsonb(a[0]), i(a[1]))), VARCHAR, INTEGER);
        b.strict("jsonb - text[]", "pg_jsonb_delete_array", VARCHAR,
                a -> out(JsonbOperators.deleteArray(jsonb(a[0]), s(a[1]))), VARCHAR, VARCHAR);
        b.strict("jsonb #- text[]", "pg_jsonb_delete_path", VARCHAR,
                a -> out(JsonbPaths.deletePath(jsonb(a[0]), s(a[1]))), VARCHAR, VARCHAR);
        b.strict("jsonb @> jsonb", "pg_jsonb_contains", BOOLEAN,
                a -> JsonbOperators.contains(jsonb(a[0]), jsonb(a[1])), VARCHAR, VARCHAR);
        b.strict("jsonb <@ jsonb", "pg_jsonb_contained", BOOLEAN, a -> {
            JsonbValue left = jsonb(a[0]);
            return JsonbOperators.contains(jsonb(a[1]), left);
        }, VARCHAR, VARCHAR);
        b.strict("jsonb ? text", "pg_jsonb_exists", BOOLEAN,
                a -> JsonbOperators.exists(jsonb(a[0]), s(a[1])), VARCHAR, VARCHAR);
        b.strict("jsonb ?| text[]", "pg_jsonb_exists_any", BOOLEAN,
                a -> JsonbOperators.existsAny(jsonb(a[0]), s(a[1])), VARCHAR, VARCHAR);
        b.strict("jsonb ?& text[]", "pg_jsonb_exists_all", BOOLEAN,
                a -> JsonbOperators.existsAll(jsonb(a[0]), s(a[1])), VARCHAR, VARCHAR);
        b.strict("jsonb_cmp(jsonb, jsonb)", "pg_jsonb_cmp", INTEGER, a -> {
            JsonbValue left = jsonb(a[0]);
            return JsonbOperators.compare(left, jsonb(a[1]));
        }, VARCHAR, VARCHAR);
        b.strict("ORDER BY jsonb", "pg_jsonb_sort_key", VARCHAR, a -> JsonbSortKey.of(jsonb(a[0])), VARCHAR);

        // extraction
        b.strict("jsonb -> text", "pg_jsonb_object_field", VARCHAR,
                a -> out(JsonbPaths.objectField(jsonb(a[0]), s(a[1]))), VARCHAR, VARCHAR);
        b.strict("jsonb ->> text", "pg_jsonb_object_field_text", VARCHAR,
                a -> text(JsonbPaths.objectField(jsonb(a[0]), s(a[1]))), VARCHAR, VARCHAR);
        b.strict("jsonb -> integer", "pg_jsonb_array_element", VARCHAR,
                a -> out(JsonbPaths.arrayElement(jsonb(a[0]), i(a[1]))), VARCHAR, INTEGER);
        b.strict("jsonb ->> integer", "pg_jsonb_array_element_text", VARCHAR,
                a -> text(JsonbPaths.arrayElement(jsonb(a[0]), i(a[1]))), VARCHAR, INTEGER);
        b.strict("jsonb #> text[]", "pg_jsonb_extract_path", VARCHAR,
                a -> out(JsonbPaths.extractPath(jsonb(a[0]), JsonbPaths.textArray(s(a[1])))), VARCHAR, VARCHAR);
        b.strict("jsonb #>> text[]", "pg_jsonb_extract_path_text", VARCHAR,
                a -> text(JsonbPaths.extractPath(jsonb(a[0]), JsonbPaths.textArray(s(a[1])))), VARCHAR, VARCHAR);
        b.strict("json -> text", "pg_json_object_field", VARCHAR,
                a -> JsonGet.objectField(s(a[0]), s(a[1]), false), VARCHAR, VARCHAR);
        b.strict("json ->> text", "pg_json_object_field_text", VARCHAR,
                a -> JsonGet.objectField(s(a[0]), s(a[1]), true), VARCHAR, VARCHAR);
        b.strict("json -> integer", "pg_json_array_element", VARCHAR,
                a -> JsonGet.arrayElement(s(a[0]), i(a[1]), false), VARCHAR, INTEGER);
        b.strict("json ->> integer", "pg_json_array_element_text", VARCHAR,
                a -> JsonGet.arrayElement(s(a[0]), i(a[1]), true), VARCHAR, INTEGER);
        b.strict("json #> text[]", "pg_json_extract_path", VARCHAR,
                a -> JsonGet.extractPath(s(a[0]), s(a[1]), false), VARCHAR, VARCHAR);
        b.strict("json #>> text[]", "pg_json_extract_path_text", VARCHAR,
                a -> JsonGet.extractPath(s(a[0]), s(a[1]), true), VARCHAR, VARCHAR);

        // modification
        b.strict("jsonb_set(jsonb, text[], jsonb)", "pg_jsonb_set", VARCHAR,
                a -> out(JsonbPaths.set(jsonb(a[0]), s(a[1]), jsonb(a[2]), true)), VARCHAR, VARCHAR, VARCHAR);
        b.strict("jsonb_set(jsonb, text[], jsonb, boolean)", "pg_jsonb_set", VARCHAR,
                a -> out(JsonbPaths.set(jsonb(a[0]), s(a[1]), jsonb(a[2]), (Boolean) a[3])),
                VARCHAR, VARCHAR, VARCHAR, BOOLEAN);
        b.lenient("jsonb_set_lax(jsonb, text[], jsonb)", "pg_jsonb_set_lax", VARCHAR,
                a -> setLax(a[0], a[1], a[2], true, "use_json_null"), VARCHAR, VARCHAR, VARCHAR);
        b.lenient("jsonb_set_lax(jsonb, text[], jsonb, boolean)", "pg_jsonb_set_lax", VARCHAR,
                a -> setLax(a[0], a[1], a[2], (Boolean) a[3], "use_json_null"), VARCHAR, VARCHAR, VARCHAR, BOOLEAN);
        b.lenient("jsonb_set_lax(jsonb, text[], jsonb, boolean, text)", "pg_jsonb_set_lax", VARCHAR,
                a -> setLax(a[0], a[1], a[2], (Boolean) a[3], s(a[4])), VARCHAR, VARCHAR, VARCHAR, BOOLEAN, VARCHAR);
        b.strict("jsonb_insert(jsonb, text[], jsonb)", "pg_jsonb_insert", VARCHAR,
                a -> out(JsonbPaths.insert(jsonb(a[0]), s(a[1]), jsonb(a[2]), false)), VARCHAR, VARCHAR, VARCHAR);
        b.strict("jsonb_insert(jsonb, text[], jsonb, boolean)", "pg_jsonb_insert", VARCHAR,
                a -> out(JsonbPaths.insert(jsonb(a[0]), s(a[1]), jsonb(a[2]), (Boolean) a[3])),
                VARCHAR, VARCHAR, VARCHAR, BOOLEAN);
        b.strict("jsonb_strip_nulls(jsonb)", "pg_jsonb_strip_nulls", VARCHAR,
                a -> out(JsonbFunctions.stripNulls(jsonb(a[0]))), VARCHAR);
        b.strict("json_strip_nulls(json)", "pg_json_strip_nulls", VARCHAR, a -> JsonFunctions.stripNulls(s(a[0])), VARCHAR);
        b.strict("jsonb_pretty(jsonb)", "pg_jsonb_pretty", VARCHAR, a -> Jsonb.pretty(jsonb(a[0])), VARCHAR);
        b.strict("json_object(text[])", "pg_json_object", VARCHAR, a -> JsonObjects.object(s(a[0])), VARCHAR);
        b.strict("json_object(text[], text[])", "pg_json_object", VARCHAR, a -> JsonObjects.object(s(a[0]), s(a[1])), VARCHAR, VARCHAR);
        b.strict("jsonb_object(text[])", "pg_jsonb_object", VARCHAR, a -> out(jsonb(JsonObjects.object(s(a[0])))), VARCHAR);
        b.strict("jsonb_object(text[], text[])", "pg_jsonb_object", VARCHAR,
                a -> out(jsonb(JsonObjects.object(s(a[0]), s(a[1])))), VARCHAR, VARCHAR);

        // inspection and construction
        b.strict("jsonb_typeof(jsonb)", "pg_jsonb_typeof", VARCHAR, a -> Jsonb.typeName(jsonb(a[0])), VARCHAR);
        b.strict("json_typeof(json)", "pg_json_typeof", VARCHAR, a -> JsonFunctions.typeOf(s(a[0])), VARCHAR);
        b.strict("jsonb_array_length(jsonb)", "pg_jsonb_array_length", INTEGER,
                a -> JsonbFunctions.arrayLength(jsonb(a[0])), VARCHAR);
        b.strict("json_array_length(json)", "pg_json_array_length", INTEGER,
                a -> JsonFunctions.arrayLength(s(a[0])), VARCHAR);
        b.varargs("jsonb_build_object(VARIADIC \"any\")", "pg_jsonb_build_object", VARCHAR,
                a -> out(JsonbFunctions.buildObject(strings(a))), VARCHAR);
        b.varargs("json_build_object(VARIADIC \"any\")", "pg_json_build_object", VARCHAR,
                a -> JsonBuild.buildObject(strings(a)), VARCHAR);
        b.varargs("jsonb_build_array(VARIADIC \"any\")", "pg_jsonb_build_array", VARCHAR,
                a -> out(JsonbFunctions.buildArray(strings(a))), VARCHAR);
        b.varargs("json_build_array(VARIADIC \"any\")", "pg_json_build_array", VARCHAR,
                a -> JsonBuild.buildArray(strings(a)), VARCHAR);

        // set-returning functions, as one JSON text of rows
        b.strict("json_object_keys(json)", "pg_json_object_keys", VARCHAR, a -> JsonFunctions.objectKeys(s(a[0])), VARCHAR);
        b.strict("jsonb_object_keys(jsonb)", "pg_jsonb_object_keys", VARCHAR,
                a -> JsonbFunctions.objectKeys(jsonb(a[0])), VARCHAR);
        b.strict("json_each(json)", "pg_json_each", VARCHAR, a -> JsonFunctions.each(s(a[0]), false), VARCHAR);
        b.strict("json_each_text(json)", "pg_json_each_text", VARCHAR, a -> JsonFunctions.each(s(a[0]), true), VARCHAR);
        b.strict("jsonb_each(jsonb)", "pg_jsonb_each", VARCHAR, a -> JsonbFunctions.each(jsonb(a[0]), false), VARCHAR);
        b.strict("jsonb_each_text(jsonb)", "pg_jsonb_each_text", VARCHAR,
                a -> JsonbFunctions.each(jsonb(a[0]), true), VARCHAR);
        b.strict("json_array_elements(json)", "pg_json_array_elements", VARCHAR,
                a -> JsonFunctions.arrayElements(s(a[0]), false), VARCHAR);
        b.strict("json_array_elements_text(json)", "pg_json_array_elements_text", VARCHAR,
                a -> JsonFunctions.arrayElements(s(a[0]), true), VARCHAR);
        b.strict("jsonb_array_elements(jsonb)", "pg_jsonb_array_elements", VARCHAR,
                a -> JsonbFunctions.arrayElements(jsonb(a[0]), false), VARCHAR);
        b.strict("jsonb_array_elements_text(jsonb)", "pg_jsonb_array_elements_text", VARCHAR,
                a -> JsonbFunctions.arrayElements(jsonb(a[0]), true), VARCHAR);

        // the text of json aggregates, and of floating-point numbers, dates and timestamps in json
        b.strict("json_agg(anyelement)", "pg_json_agg_format", VARCHAR, a -> JsonBuild.aggFormat(s(a[0]), false), VARCHAR);
        b.strict("json_agg(record or array)", "pg_json_agg_format", VARCHAR,
                a -> JsonBuild.aggFormat(s(a[0]), (Boolean) a[1]), VARCHAR, BOOLEAN);
        b.strict("json_object_agg(\"any\", \"any\")", "pg_json_object_agg_format", VARCHAR,
                a -> JsonBuild.objectAggFormat(s(a[0])), VARCHAR);
        b.strict("float8out(double precision)", "pg_float8_text", VARCHAR, a -> FloatOutput.float8((Double) a[0]), DOUBLE);
        b.strict("float4out(real)", "pg_float4_text", VARCHAR, a -> FloatOutput.float4((Float) a[0]), FLOAT);
        b.strict("to_json(double precision)", "pg_to_json_float8", VARCHAR, a -> JsonScalars.float8((Double) a[0]), DOUBLE);
        b.strict("to_json(real)", "pg_to_json_float4", VARCHAR, a -> JsonScalars.float4((Float) a[0]), FLOAT);
        b.strict("record_in(cstring, oid, integer)", "pg_record_in", VARCHAR, a -> RecordInput.toDuckDb(s(a[0]), i(a[1])),
                VARCHAR, INTEGER);
        b.strict("array_in(cstring, oid, integer)", "pg_array_in_text", VARCHAR,
                a -> TextArrays.fromArrayText(s(a[0]), i(a[1])), VARCHAR, INTEGER);
        b.strict("timezone(text, …)'s zone as a fixed offset", "pg_zone_offset", INTEGER, a -> ZoneArguments.offset(s(a[0])), VARCHAR);
        b.strict("timezone(text, …)'s zone as a name", "pg_zone_name", VARCHAR, a -> ZoneArguments.name(s(a[0])), VARCHAR);
        b.strict("to_json(date)", "pg_to_json_date", VARCHAR, a -> JsonScalars.date(s(a[0])), VARCHAR);
        b.strict("to_json(timestamp)", "pg_to_json_timestamp", VARCHAR, a -> JsonScalars.timestamp(s(a[0])), VARCHAR);
        b.strict("to_json(timestamptz)", "pg_to_json_timestamptz", VARCHAR,
                a -> JsonScalars.timestamptz((Instant) a[0], Zones.of(s(a[1]))), TIMESTAMPTZ, VARCHAR);
    }

    /** jsonb_set_lax, whose arguments may be NULL. */
    private static String setLax(Object in, Object path, Object value, Boolean create, String treatment) {
        return out(JsonbPaths.setLax(in == null ? null : jsonb(in), (String) path, value == null ? null : jsonb(value),
                create, treatment));
    }

    private static String json(List<String> items) {
        return items == null ? null : TextArrays.toJson(items);
    }
}
