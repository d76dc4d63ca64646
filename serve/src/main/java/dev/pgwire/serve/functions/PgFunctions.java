package dev.pgwire.serve.functions;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL 15 functions whose meaning DuckDB lacks or computes differently, implemented as
 * PostgreSQL computes them, errors included, and registered in DuckDB as scalar functions whose names
 * start with {@code pg_}, so they never collide with DuckDB's own.
 *
 * <pre>{@code
 * Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
 * PgFunctions.register(duckdb);   // visible to every connection of this database
 * // SELECT pg_to_char(TIMESTAMP '2024-02-29 13:05:00', 'FMDay, DDth Month YYYY HH12:MI AM')
 * //   → 'Thursday, 29th February  2024 01:05 PM'
 * PgFunctions.toChar(LocalDateTime.parse("2024-02-29T13:05"), "Dy DD Mon YYYY");  // "Thu 29 Feb 2024"
 * }</pre>
 *
 * <h2>Registered functions</h2>
 * DuckDB's Java functions take and return neither INTERVAL, BLOB nor LIST values, so those cross as
 * text: an interval as its text ({@code CAST(i AS VARCHAR)} in, {@code CAST(r AS INTERVAL)} out, see
 * {@link PgInterval}); a bytea as hex ({@code hex(b)} in, {@code unhex(r)} out); a text[] as a JSON
 * array ({@code to_json(list)} in, {@code CAST(CAST(r AS JSON) AS VARCHAR[])} out, a list of such
 * arrays for regexp_matches, to be unnested); a numeric as its text when exactness matters. The
 * session time zone is an extra last argument (an IANA name such as {@code 'Europe/Paris'}).
 * Functions marked strict return NULL when any argument is NULL.
 * <table>
 * <caption>PostgreSQL function, DuckDB function, DuckDB signature</caption>
 * <tr><td>to_char(timestamp, text)</td><td>pg_to_char</td><td>(TIMESTAMP, VARCHAR) → VARCHAR</td></tr>
 * <tr><td>to_char(timestamptz, text)</td><td>pg_to_char</td><td>(TIMESTAMPTZ, VARCHAR, VARCHAR zone) → VARCHAR</td></tr>
 * <tr><td>to_char(date, text) (PostgreSQL formats it as a timestamptz)</td><td>pg_to_char</td><td>(DATE, VARCHAR, VARCHAR zone) → VARCHAR</td></tr>
 * <tr><td>to_char(interval, text)</td><td>pg_to_char_interval</td><td>(VARCHAR interval, VARCHAR) → VARCHAR</td></tr>
 * <tr><td>to_char(integer|bigint|real|double precision, text)</td><td>pg_to_char</td><td>(INTEGER|BIGINT|FLOAT|DOUBLE, VARCHAR) → VARCHAR</td></tr>
 * <tr><td>to_char(numeric, text), for DECIMAL values below 10^20 with at most 18 decimals</td><td>pg_to_char</td><td>(DECIMAL(38,18), VARCHAR) → VARCHAR</td></tr>
 * <tr><td>to_char(numeric, text), exact, NaN and Infinity allowed</td><td>pg_to_char_numeric</td><td>(VARCHAR numeric, VARCHAR) → VARCHAR</td></tr>
 * <tr><td>to_date(text, text)</td><td>pg_to_date</td><td>(VARCHAR, VARCHAR) → DATE</td></tr>
 * <tr><td>to_timestamp(text, text)</td><td>pg_to_timestamp</td><td>(VARCHAR, VARCHAR, VARCHAR zone) → TIMESTAMPTZ</td></tr>
 * <tr><td>to_number(text, text)</td><td>pg_to_number</td><td>(VARCHAR, VARCHAR) → VARCHAR numeric</td></tr>
 * <tr><td>format(text [, VARIADIC "any"]), not strict</td><td>pg_format</td><td>(VARCHAR [, VARCHAR...]) → VARCHAR; each argument as its PostgreSQL text output</td></tr>
 * <tr><td>quote_ident(text), quote_literal(text)</td><td>pg_quote_ident, pg_quote_literal</td><td>(VARCHAR) → VARCHAR</td></tr>
 * <tr><td>quote_nullable(text), not strict</td><td>pg_quote_nullable</td><td>(VARCHAR) → VARCHAR</td></tr>
 * <tr><td>regexp_match(text, text [, text])</td><td>pg_regexp_match</td><td>(VARCHAR, VARCHAR [, VARCHAR]) → VARCHAR text[]</td></tr>
 * <tr><td>regexp_matches(text, text [, text])</td><td>pg_regexp_matches</td><td>(VARCHAR, VARCHAR [, VARCHAR]) → VARCHAR list of text[]</td></tr>
 * <tr><td>regexp_replace(text, text, text [, text])</td><td>pg_regexp_replace</td><td>(VARCHAR, VARCHAR, VARCHAR [, VARCHAR]) → VARCHAR</td></tr>
 * <tr><td>regexp_replace(text, text, text, integer [, integer [, text]])</td><td>pg_regexp_replace</td><td>(VARCHAR, VARCHAR, VARCHAR, INTEGER [, INTEGER [, VARCHAR]]) → VARCHAR</td></tr>
 * <tr><td>regexp_split_to_array(text, text [, text])</td><td>pg_regexp_split_to_array</td><td>(VARCHAR, VARCHAR [, VARCHAR]) → VARCHAR text[]</td></tr>
 * <tr><td>substring(text FROM text)</td><td>pg_substring</td><td>(VARCHAR, VARCHAR) → VARCHAR</td></tr>
 * <tr><td>regexp_like(text, text [, text])</td><td>pg_regexp_like</td><td>(VARCHAR, VARCHAR [, VARCHAR]) → BOOLEAN</td></tr>
 * <tr><td>regexp_count(text, text [, integer [, text]])</td><td>pg_regexp_count</td><td>(VARCHAR, VARCHAR [, INTEGER [, VARCHAR]]) → INTEGER</td></tr>
 * <tr><td>regexp_substr(text, text [, integer [, integer [, text [, integer]]]])</td><td>pg_regexp_substr</td><td>same order → VARCHAR</td></tr>
 * <tr><td>regexp_instr(text, text [, integer [, integer [, integer [, text [, integer]]]]])</td><td>pg_regexp_instr</td><td>same order → INTEGER</td></tr>
 * <tr><td>encode(bytea, text)</td><td>pg_encode</td><td>(VARCHAR hex, VARCHAR) → VARCHAR</td></tr>
 * <tr><td>decode(text, text)</td><td>pg_decode</td><td>(VARCHAR, VARCHAR) → VARCHAR hex</td></tr>
 * <tr><td>initcap(text)</td><td>pg_initcap</td><td>(VARCHAR) → VARCHAR</td></tr>
 * <tr><td>to_hex(integer|bigint)</td><td>pg_to_hex</td><td>(INTEGER|BIGINT) → VARCHAR</td></tr>
 * <tr><td>string_to_array(text, text [, text]), not strict</td><td>pg_string_to_array</td><td>(VARCHAR, VARCHAR [, VARCHAR]) → VARCHAR text[]</td></tr>
 * <tr><td>array_to_string(anyarray, text [, text])</td><td>pg_array_to_string</td><td>(VARCHAR json, VARCHAR [, VARCHAR]) → VARCHAR</td></tr>
 * <tr><td>width_bucket(double precision, double precision, double precision, integer)</td><td>pg_width_bucket</td><td>(DOUBLE, DOUBLE, DOUBLE, INTEGER) → INTEGER</td></tr>
 * <tr><td>width_bucket(numeric, numeric, numeric, integer)</td><td>pg_width_bucket_numeric</td><td>(VARCHAR, VARCHAR, VARCHAR, INTEGER) → INTEGER</td></tr>
 * <tr><td>justify_days|justify_hours|justify_interval(interval)</td><td>pg_justify_days, pg_justify_hours, pg_justify_interval</td><td>(VARCHAR interval) → VARCHAR interval</td></tr>
 * <tr><td>make_interval(years, months, weeks, days, hours, mins, secs)</td><td>pg_make_interval</td><td>(INTEGER ×6, DOUBLE) → VARCHAR interval; the translator supplies 0 for omitted arguments</td></tr>
 * </table>
 *
 * <h2>json and jsonb</h2>
 * json and jsonb values cross as their JSON text (VARCHAR) both ways: a json argument is the text as
 * written, a jsonb argument any JSON text (it is read as jsonb_in reads it), a jsonb result is
 * PostgreSQL's normal form ({@code {"a": 1, "b": [1, 2]}}: keys unique and ordered, numbers as numeric
 * prints them). A text[] argument is a JSON array ({@code CAST(to_json(list) AS VARCHAR)}); the values
 * of the build functions are JSON texts ({@code to_json(value)}, NULL for SQL NULL) and their keys
 * text. Set-returning functions return one JSON text of their rows: a set of text as a JSON array of
 * strings, unnested by {@code unnest(CAST(CAST(r AS JSON) AS VARCHAR[]))}; a set of (key, value) as a
 * JSON array of {@code {"key": k, "value": v}} objects whose value is the column's text or null,
 * unnested into the two columns by {@code unnest(CAST(CAST(r AS JSON) AS STRUCT(key VARCHAR, value
 * VARCHAR)[]), recursive := true)}. All are strict unless marked.
 * <table>
 * <caption>PostgreSQL operator or function, DuckDB function, DuckDB signature</caption>
 * <tr><td>jsonb output (a jsonb DuckDB computed)</td><td>pg_jsonb_out</td><td>(VARCHAR) → VARCHAR jsonb</td></tr>
 * <tr><td>json input (a text read as json: checked, kept as written)</td><td>pg_json_in</td><td>(VARCHAR) → VARCHAR json</td></tr>
 * <tr><td>jsonb #>> '{}' (a string unquoted, null as NULL)</td><td>pg_jsonb_text</td><td>(VARCHAR) → VARCHAR</td></tr>
 * <tr><td>jsonb || jsonb</td><td>pg_jsonb_concat</td><td>(VARCHAR, VARCHAR) → VARCHAR jsonb</td></tr>
 * <tr><td>jsonb - text, jsonb - integer</td><td>pg_jsonb_delete</td><td>(VARCHAR, VARCHAR|INTEGER) → VARCHAR jsonb</td></tr>
 * <tr><td>jsonb - text[]</td><td>pg_jsonb_delete_array</td><td>(VARCHAR, VARCHAR text[]) → VARCHAR jsonb</td></tr>
 * <tr><td>jsonb #- text[]</td><td>pg_jsonb_delete_path</td><td>(VARCHAR, VARCHAR text[]) → VARCHAR jsonb</td></tr>
 * <tr><td>jsonb @> jsonb, jsonb <@ jsonb</td><td>pg_jsonb_contains, pg_jsonb_contained</td><td>(VARCHAR, VARCHAR) → BOOLEAN</td></tr>
 * <tr><td>jsonb ? text</td><td>pg_jsonb_exists</td><td>(VARCHAR, VARCHAR) → BOOLEAN</td></tr>
 * <tr><td>jsonb ?| text[], jsonb ?& text[]</td><td>pg_jsonb_exists_any, pg_jsonb_exists_all</td><td>(VARCHAR, VARCHAR text[]) → BOOLEAN</td></tr>
 * <tr><td>jsonb = &lt;&gt; &lt; &lt;= &gt; &gt;= jsonb, ORDER BY jsonb (jsonb_cmp)</td><td>pg_jsonb_cmp</td><td>(VARCHAR, VARCHAR) → INTEGER -1, 0 or 1</td></tr>
 * <tr><td>ORDER BY, GROUP BY, DISTINCT of jsonb: a key in jsonb's order, equal for equal values</td><td>pg_jsonb_sort_key</td><td>(VARCHAR) → VARCHAR compared bytewise</td></tr>
 * <tr><td>jsonb -> text, jsonb ->> text</td><td>pg_jsonb_object_field, pg_jsonb_object_field_text</td><td>(VARCHAR, VARCHAR) → VARCHAR</td></tr>
 * <tr><td>jsonb -> integer, jsonb ->> integer</td><td>pg_jsonb_array_element, pg_jsonb_array_element_text</td><td>(VARCHAR, INTEGER) → VARCHAR</td></tr>
 * <tr><td>jsonb #> text[], jsonb #>> text[]</td><td>pg_jsonb_extract_path, pg_jsonb_extract_path_text</td><td>(VARCHAR, VARCHAR text[]) → VARCHAR</td></tr>
 * <tr><td>json -> text, json ->> text</td><td>pg_json_object_field, pg_json_object_field_text</td><td>(VARCHAR, VARCHAR) → VARCHAR</td></tr>
 * <tr><td>json -> integer, json ->> integer</td><td>pg_json_array_element, pg_json_array_element_text</td><td>(VARCHAR, INTEGER) → VARCHAR</td></tr>
 * <tr><td>json #> text[], json #>> text[]</td><td>pg_json_extract_path, pg_json_extract_path_text</td><td>(VARCHAR, VARCHAR text[]) → VARCHAR</td></tr>
 * <tr><td>jsonb_set(jsonb, text[], jsonb [, boolean])</td><td>pg_jsonb_set</td><td>(VARCHAR, VARCHAR, VARCHAR [, BOOLEAN]) → VARCHAR jsonb</td></tr>
 * <tr><td>jsonb_set_lax(jsonb, text[], jsonb [, boolean [, text]]), not strict</td><td>pg_jsonb_set_lax</td><td>(VARCHAR, VARCHAR, VARCHAR [, BOOLEAN [, VARCHAR]]) → VARCHAR jsonb</td></tr>
 * <tr><td>jsonb_insert(jsonb, text[], jsonb [, boolean])</td><td>pg_jsonb_insert</td><td>(VARCHAR, VARCHAR, VARCHAR [, BOOLEAN]) → VARCHAR jsonb</td></tr>
 * <tr><td>jsonb_strip_nulls(jsonb), json_strip_nulls(json)</td><td>pg_jsonb_strip_nulls, pg_json_strip_nulls</td><td>(VARCHAR) → VARCHAR</td></tr>
 * <tr><td>json_object(text[] [, text[]]), jsonb_object(…) (text arrays as JSON arrays)</td><td>pg_json_object, pg_jsonb_object</td><td>(VARCHAR [, VARCHAR]) → VARCHAR</td></tr>
 * <tr><td>jsonb_pretty(jsonb)</td><td>pg_jsonb_pretty</td><td>(VARCHAR) → VARCHAR</td></tr>
 * <tr><td>jsonb_typeof(jsonb), json_typeof(json)</td><td>pg_jsonb_typeof, pg_json_typeof</td><td>(VARCHAR) → VARCHAR</td></tr>
 * <tr><td>jsonb_array_length(jsonb), json_array_length(json)</td><td>pg_jsonb_array_length, pg_json_array_length</td><td>(VARCHAR) → INTEGER</td></tr>
 * <tr><td>jsonb_build_object(VARIADIC "any"), json_build_object(VARIADIC "any"), not strict</td><td>pg_jsonb_build_object, pg_json_build_object</td><td>(VARCHAR...) → VARCHAR; keys as text, values as JSON text</td></tr>
 * <tr><td>jsonb_build_array(VARIADIC "any"), json_build_array(VARIADIC "any"), not strict</td><td>pg_jsonb_build_array, pg_json_build_array</td><td>(VARCHAR...) → VARCHAR; values as JSON text</td></tr>
 * <tr><td>json_object_keys(json), jsonb_object_keys(jsonb)</td><td>pg_json_object_keys, pg_jsonb_object_keys</td><td>(VARCHAR) → VARCHAR set of text</td></tr>
 * <tr><td>json_each(json), json_each_text(json), jsonb_each(jsonb), jsonb_each_text(jsonb)</td><td>pg_json_each, pg_json_each_text, pg_jsonb_each, pg_jsonb_each_text</td><td>(VARCHAR) → VARCHAR set of (key, value)</td></tr>
 * <tr><td>json_array_elements(json), json_array_elements_text(json), jsonb_array_elements(jsonb), jsonb_array_elements_text(jsonb)</td><td>pg_json_array_elements, pg_json_array_elements_text, pg_jsonb_array_elements, pg_jsonb_array_elements_text</td><td>(VARCHAR) → VARCHAR set of text</td></tr>
 * <tr><td>json_agg(x): its text from the JSON array of the values (no values: NULL)</td><td>pg_json_agg_format</td><td>(VARCHAR [, BOOLEAN x is a row or an array]) → VARCHAR</td></tr>
 * <tr><td>json_object_agg(k, v): its text from the JSON object of the pairs (no pairs: NULL)</td><td>pg_json_object_agg_format</td><td>(VARCHAR) → VARCHAR</td></tr>
 * <tr><td>to_json(double precision), to_json(real), also as values of the build functions; to_jsonb(x) is
 * pg_jsonb_out of to_json's text (a float's {@code 1e+20} becomes {@code 100000000000000000000})</td><td>pg_to_json_float8, pg_to_json_float4</td><td>(DOUBLE|FLOAT) → VARCHAR JSON number, or string for NaN and infinities</td></tr>
 * <tr><td>float8out, float4out (a float cast to text, or joined to text)</td><td>pg_float8_text, pg_float4_text</td><td>(DOUBLE|FLOAT) → VARCHAR as PostgreSQL writes it (1, 1e+15, -0, NaN, Infinity)</td></tr>
 * <tr><td>to_json(date), to_json(timestamp)</td><td>pg_to_json_date, pg_to_json_timestamp</td><td>(VARCHAR DuckDB's text of the value) → VARCHAR JSON string</td></tr>
 * <tr><td>to_json(timestamptz)</td><td>pg_to_json_timestamptz</td><td>(TIMESTAMPTZ, VARCHAR zone) → VARCHAR JSON string</td></tr>
 * </table>
 *
 * <h2>Errors</h2>
 * A function fails with PostgreSQL's SQLSTATE and message; inside DuckDB the error reads
 * {@code Invalid Input Error: [pgwire:22007] invalid value "x" for "YYYY"} (see
 * {@link PgFunctionError}, whose {@code decode} gives the PostgreSQL error back).
 *
 * <h2>Locale and differences</h2>
 * As in a PostgreSQL database created with locale C: English names, {@code .} and {@code ,} in
 * numbers, ASCII-only case folding and character classes. The few places where the results can
 * differ from PostgreSQL's are listed in the {@linkplain dev.pgwire.serve.functions package
 * documentation}.
 */
public final class PgFunctions {
    private PgFunctions() {}

    /**
     * Registers every function on the database of {@code duckdb}. Functions belong to the database
     * instance, so this is done once per database; registering again does nothing.
     *
     * @throws IllegalStateException when DuckDB refuses a registration (wrapping its SQLException)
     */
    public static void register(Connection duckdb) {
        try {
            Set<String> present = new HashSet<>();
            try (PreparedStatement st = duckdb.prepareStatement(
                    "SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'scalar'");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) present.add(rs.getString(1));
            }
            for (Registrations.Registration r : Registrations.all()) {
                if (present.contains(r.signature().name())) continue;
                Udf.register(duckdb, r.signature(), r.body());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register PostgreSQL functions: " + e.getMessage(), e);
        }
    }

    /** The registered signatures, as {@code pg_to_char(TIMESTAMP, VARCHAR) -> VARCHAR}. */
    public static List<String> signatures() {
        return Registrations.all().stream().map(r -> r.signature().toString()).toList();
    }

    // ---- the functions themselves ----

    /** to_char(timestamp, text); null for an empty template. */
    public static String toChar(LocalDateTime timestamp, String template) {
        return DateTimeToChar.format(timestamp, template);
    }

    /** to_char(timestamptz, text) with session time zone {@code zone}. */
    public static String toChar(Instant timestamp, String template, ZoneId zone) {
        return DateTimeToChar.format(timestamp, zone, template);
    }

    /** to_char(date, text): the date as a timestamptz at midnight in {@code zone}. */
    public static String toChar(LocalDate date, String template, ZoneId zone) {
        return DateTimeToChar.format(date, zone, template);
    }

    public static String toChar(PgInterval interval, String template) {
        return DateTimeToChar.format(interval, template);
    }

    public static String toChar(int value, String template) {
        return NumberToChar.int4(value, template);
    }

    public static String toChar(long value, String template) {
        return NumberToChar.int8(value, template);
    }

    public static String toChar(float value, String template) {
        return NumberToChar.float4(value, template);
    }

    public static String toChar(double value, String template) {
        return NumberToChar.float8(value, template);
    }

    public static String toChar(BigDecimal value, String template) {
        return NumberToChar.numeric(new NumberToChar.Numeric(value, null), template);
    }

    /** to_char(numeric, text) of a numeric given as text, {@code NaN} and {@code Infinity} included. */
    public static String toCharNumeric(String numeric, String template) {
        return NumberToChar.numeric(NumberToChar.Numeric.parse(numeric), template);
    }

    public static LocalDate toDate(String text, String template) {
        return DateTimeFromChar.toDate(text, template);
    }

    /** to_timestamp(text, text); fields without a zone are local time in {@code zone}. */
    public static Instant toTimestamp(String text, String template, ZoneId zone) {
        return DateTimeFromChar.toTimestamp(text, template, zone);
    }

    /** to_number(text, text) as numeric text; null for an empty template. */
    public static String toNumber(String text, String template) {
        return NumberToChar.toNumber(text, template);
    }

    /** format(fmt, args...), each argument given as its PostgreSQL text output (null for NULL). */
    public static String format(String fmt, String... args) {
        return Format.format(fmt, args);
    }

    public static String quoteIdent(String s) {
        return Format.quoteIdent(s);
    }

    public static String quoteLiteral(String s) {
        return Format.quoteLiteral(s);
    }

    public static String quoteNullable(String s) {
        return Format.quoteNullable(s);
    }

    /** regexp_match; {@code flags} may be null; null when nothing matches. */
    public static List<String> regexpMatch(String s, String pattern, String flags) {
        return Regexp.match(s, pattern, flags);
    }

    public static List<List<String>> regexpMatches(String s, String pattern, String flags) {
        return Regexp.matches(s, pattern, flags);
    }

    public static String regexpReplace(String s, String pattern, String replacement, String flags) {
        return Regexp.replace(s, pattern, replacement, flags);
    }

    /** regexp_replace with start position and match number ({@code n} null: from the g flag; 0: all). */
    public static String regexpReplace(String s, String pattern, String replacement, int start, Integer n, String flags) {
        return Regexp.replace(s, pattern, replacement, start, n, flags);
    }

    public static List<String> regexpSplitToArray(String s, String pattern, String flags) {
        return Regexp.splitToArray(s, pattern, flags);
    }

    /** substring(s FROM pattern). */
    public static String substring(String s, String pattern) {
        return Regexp.substring(s, pattern);
    }

    public static String encode(byte[] data, String format) {
        return Encode.encode(data, format);
    }

    public static byte[] decode(String text, String format) {
        return Encode.decode(text, format);
    }

    public static String initcap(String s) {
        return Strings.initcap(s);
    }

    public static String toHex(int v) {
        return Strings.toHex(v);
    }

    public static String toHex(long v) {
        return Strings.toHex(v);
    }

    public static List<String> stringToArray(String s, String delimiter, String nullString) {
        return Strings.stringToArray(s, delimiter, nullString);
    }

    public static String arrayToString(List<String> items, String delimiter, String nullString) {
        return Strings.arrayToString(items, delimiter, nullString);
    }

    public static int widthBucket(double operand, double low, double high, int count) {
        return WidthBucket.float8(operand, low, high, count);
    }

    /** width_bucket(numeric, ...) on numeric text. */
    public static int widthBucketNumeric(String operand, String low, String high, int count) {
        return WidthBucket.numeric(operand, low, high, count);
    }

    public static PgInterval justifyDays(PgInterval i) {
        return Intervals.justifyDays(i);
    }

    public static PgInterval justifyHours(PgInterval i) {
        return Intervals.justifyHours(i);
    }

    public static PgInterval justifyInterval(PgInterval i) {
        return Intervals.justifyInterval(i);
    }

    public static PgInterval makeInterval(int years, int months, int weeks, int days, int hours, int mins, double secs) {
        return Intervals.makeInterval(years, months, weeks, days, hours, mins, secs);
    }
}
