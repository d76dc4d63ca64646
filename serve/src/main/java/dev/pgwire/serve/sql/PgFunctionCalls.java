package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls of PostgreSQL functions DuckDB lacks or computes otherwise, rewritten to the functions serve
 * registers in every engine (the {@code pg_*} functions of {@code dev.pgwire.serve.functions}):
 * to_char, to_date, to_timestamp, to_number, format, the regular-expression functions with
 * PostgreSQL's expression syntax, encode/decode, initcap, to_hex, string_to_array, array_to_string,
 * width_bucket, justify_*, make_interval, concat (booleans as t/f), lpad/rpad/repeat (refused beyond
 * PostgreSQL's 1 GB as it does), num_nulls, chr. DuckDB's Java functions take no intervals, blobs or lists,
 * so those cross as text (intervals), hex (bytea) and JSON (arrays).
 */
final class PgFunctionCalls {
    private PgFunctionCalls() {}

    /** The rewritten call, or null when the call is not one of these (or the types do not tell). */
    static Node rewrite(Node f, List<SqlType> types, SessionContext session) {
        String name = Operators.lastName(f);
        List<Node> args = f.list("args");
        int n = args.size();
        SqlType first = n > 0 ? types.get(0) : null;
        String zone = SqlWriter.quoteLiteral(session.timeZoneName());
        // a date where only the timestamptz form exists: PostgreSQL casts it (midnight in the session's zone)
        if (name.equals("date_trunc") && n == 2 && isDate(types.get(1))) args.set(1, toTimestamptz(args.get(1)));
        // a time where only the interval form exists: PostgreSQL casts it (time to interval is implicit)
        if (name.equals("date_trunc") && n == 2 && types.get(1) != null && !types.get(1).isArray() && types.get(1).name().equals("time")) {
            args.set(1, Expressions.duckDb("to_microseconds(CAST((hour({0}) * 60 + minute({0})) * 60000000 + microsecond({0}) AS BIGINT))",
                    args.get(1)));
        }
        if ((name.equals("extract") || name.equals("date_part")) && n == 2 && types.get(1) != null && !types.get(1).isArray()
                && types.get(1).is(SqlType.TIMESTAMPTZ) && YEAR_FIELDS.contains(String.valueOf(Operators.stringConstant(args.get(0))).trim()
                .toLowerCase(java.util.Locale.ROOT))) {
            // the year of the session's wall clock, counted astronomically as DuckDB's timestamp counts it
            // (its timestamptz gives 44 for 44 BC, the year of the era)
            args.set(1, Expressions.duckDb("CAST({0} AS TIMESTAMP)", args.get(1)));
        }
        ArrayArguments.refuseNonArrays(name, args, types);
        ArrayArguments.untyped(name, args, types);
        if (name.equals("generate_series") && n == 3 && isDate(first)) {
            args.set(0, toTimestamptz(args.get(0)));
            if (isDate(types.get(1))) args.set(1, toTimestamptz(args.get(1)));
        }
        if (name.equals("generate_series") && n == 3 && first != null && !first.isArray() && first.isDateTime()
                && (types.get(2) == null || types.get(2).isUnknown()) && (args.get(2).is("A_Const") && args.get(2).has("sval") || args.get(2).is("ParamRef"))) {
            // the step of a series of moments is an interval (DuckDB cannot tell the series' type before parameters are bound otherwise)
            args.set(2, SqlType.INTERVAL.cast(args.get(2), args.get(2).location()));
            types.set(2, SqlType.INTERVAL);
        }
        if (name.equals("generate_series") && n == 3 && first != null && !first.isArray() && first.isDateTime()) {
            // a zero step is 22023 (generate_series_timestamp), where DuckDB's series is empty
            args.set(2, Expressions.duckDb("CASE WHEN {0} = INTERVAL '0 seconds' THEN error('[pgwire:22023] step size cannot equal zero')"
                    + " ELSE {0} END", args.get(2)));
        }
        switch (name) {
            case "date_trunc" -> {
                if (n != 2) return null;
                Node century = ZonedDateTrunc.centuryTrunc(args, types.get(1));
                return century != null ? century : ZonedDateTrunc.clockTrunc(args, types.get(1));
            }
            case "to_char" -> {
                if (n != 2 || first == null) return null;
                String t = first.name();
                if (first.isArray()) return null;
                return switch (t) {
                    // (the casts name the overload for a parameter, which DuckDB cannot choose among them)
                    case "timestamp" -> sql("pg_to_char(CAST({0} AS TIMESTAMP), {1})", args);
                    case "timestamptz" -> sql("pg_to_char(CAST({0} AS TIMESTAMPTZ), {1}, " + zone + ")", args);
                    case "date" -> sql("pg_to_char(CAST({0} AS DATE), {1}, " + zone + ")", args);
                    case "interval" -> sql("pg_to_char_interval(CAST({0} AS VARCHAR), {1})", args);
                    // a time of day as the interval since midnight, as PostgreSQL's implicit cast makes it
                    case "time" -> sql("pg_to_char_interval(CAST(to_microseconds(epoch_us(CAST({0} AS TIME))) AS VARCHAR), {1})", args);
                    case "numeric" -> sql("pg_to_char_numeric(CAST({0} AS VARCHAR), {1})", args);
                    case "int2", "int4" -> sql("pg_to_char(CAST({0} AS INTEGER), {1})", args);
                    case "int8" -> sql("pg_to_char(CAST({0} AS BIGINT), {1})", args);
                    case "float4" -> sql("pg_to_char(CAST({0} AS FLOAT), {1})", args);
                    case "float8" -> sql("pg_to_char(CAST({0} AS DOUBLE), {1})", args);
                    default -> null;
                };
            }
            case "to_date" -> {
                return n == 2 ? sql("pg_to_date({0}, {1})", args) : null;
            }
            case "to_timestamp" -> {
                return n == 2 ? sql("pg_to_timestamp({0}, {1}, " + zone + ")", args) : null;
            }
            case "to_number" -> {
                return n == 2 ? sql("CAST(pg_to_number({0}, {1}) AS DECIMAL(38,10))", args) : null;
            }
            case "format" -> {
                if (n == 0 || f.bool("func_variadic")) return null;
                ArrayArguments.asText(args, types);
                StringBuilder s = new StringBuilder("pg_format({0}");
                for (int i = 1; i < n; i++) s.append(", ").append(pgText("{" + i + "}", types.get(i)));
                return sql(s.append(')').toString(), args);
            }
            case "concat", "concat_ws" -> {
                // arguments are written by their types' output functions: a boolean is t or f, an array {…}
                if (n == 0 || f.bool("func_variadic")) return null;
                ArrayArguments.asText(args, types);
                StringBuilder s = new StringBuilder(name).append('(');
                for (int i = 0; i < n; i++) {
                    SqlType t = types.get(i);
                    s.append(i > 0 ? ", " : "").append(t != null && (t.is(SqlType.BPCHAR) || Expressions.valueText("{" + i + "}", t) != null)
                            ? pgText("{" + i + "}", t) : "{" + i + "}");
                }
                return sql(s.append(')').toString(), args);
            }
            case "lpad", "rpad" -> {
                if (n != 2 && n != 3) return null;
                // PostgreSQL refuses a result beyond 1 GB (54000) before building it (4: UTF-8's longest character)
                Long length = integerConstant(args.get(1));
                if (length != null && length * 4 > MAX_TEXT_LENGTH) throw tooLarge();
                return sql("CASE WHEN CAST({1} AS BIGINT) * 4 > " + MAX_TEXT_LENGTH + " THEN error('[pgwire:54000] " + TOO_LARGE
                        + "') WHEN CAST({1} AS BIGINT) <= 0 THEN '' "
                        + (n == 3 ? "WHEN CAST({2} AS VARCHAR) = '' THEN left(CAST({0} AS VARCHAR), CAST({1} AS INTEGER)) " : "")
                        + "ELSE " + name + "(CAST({0} AS VARCHAR), CAST({1} AS INTEGER), "
                        + (n == 2 ? "' '" : "CAST({2} AS VARCHAR)") + ") END", args);
            }
            case "repeat" -> {
                if (n != 2 || first != null && !first.isText() && !first.isUnknown()) return null;
                String text = Operators.stringConstant(args.get(0));
                Long count = integerConstant(args.get(1));
                if (text != null && count != null
                        && (long) text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length * Math.max(count, 0) > MAX_TEXT_LENGTH) {
                    throw tooLarge(); // DuckDB would fold the constant call, building the value, before any check ran
                }
                return sql("CASE WHEN CAST(strlen(CAST({0} AS VARCHAR)) AS BIGINT) * greatest(CAST({1} AS BIGINT), 0) > "
                        + MAX_TEXT_LENGTH + " THEN error('[pgwire:54000] " + TOO_LARGE + "')"
                        + " ELSE repeat(CAST({0} AS VARCHAR), CAST({1} AS BIGINT)) END", args);
            }
            case "num_nulls", "num_nonnulls" -> {
                if (n == 0 || f.bool("func_variadic")) return null;
                StringBuilder s = new StringBuilder("CAST(0");
                for (int i = 0; i < n; i++) {
                    s.append(" + CASE WHEN {").append(i).append(name.equals("num_nulls") ? "} IS NULL" : "} IS NOT NULL")
                            .append(" THEN 1 ELSE 0 END");
                }
                return sql(s.append(" AS INTEGER)").toString(), args);
            }
            case "pg_client_encoding" -> {
                return n == 0 ? sql("CAST('UTF8' AS VARCHAR)", args).set("pgType", "name") : null;
            }
            case "chr" -> {
                return n == 1 ? sql("CASE WHEN CAST({0} AS INTEGER) = 0 THEN error('[pgwire:54000] null character not permitted')"
                        + " ELSE chr(CAST({0} AS INTEGER)) END", args) : null;
            }
            case "quote_ident", "quote_literal", "quote_nullable", "initcap" -> {
                if (n != 1) return null;
                ArrayArguments.asText(args, types); // an array is quoted as its text ('{1,2}')
                // the argument cast to text: a boolean is true or false, a character(n) without its padding
                String cast = Expressions.outputText("{0}", types.get(0));
                return sql("pg_" + name + "(" + (cast != null ? cast : "CAST({0} AS VARCHAR)") + ")", args);
            }
            case "regexp_match", "regexp_split_to_array" -> {
                if (n < 2 || n > 3) return null;
                return sql("CAST(CAST(pg_" + name + "(" + placeholders(n) + ") AS JSON) AS VARCHAR[])", args);
            }
            case "regexp_matches" -> {
                if (n < 2 || n > 3) return null;
                return sql("unnest(CAST(CAST(pg_regexp_matches(" + placeholders(n) + ") AS JSON) AS VARCHAR[][]))", args);
            }
            case "regexp_split_to_table" -> {
                if (n < 2 || n > 3) return null;
                return sql("unnest(CAST(CAST(pg_regexp_split_to_array(" + placeholders(n) + ") AS JSON) AS VARCHAR[]))", args);
            }
            case "regexp_replace", "regexp_like", "regexp_count", "regexp_substr", "regexp_instr" -> {
                return sql("pg_" + name + "(" + placeholders(n) + ")", args);
            }
            case "get_byte" -> {
                return n == 2 ? sql("CAST(CASE WHEN CAST({1} AS BIGINT) < 0 OR CAST({1} AS BIGINT) >= octet_length({0}) "
                        + "THEN error('[pgwire:2202E] index ' || CAST({1} AS BIGINT) || ' out of valid range, 0..' || (octet_length({0}) - 1)) "
                        + "ELSE CAST(('0x' || substr(hex({0}), 2 * CAST({1} AS BIGINT) + 1, 2)) AS INTEGER) END AS INTEGER)", args) : null;
            }
            case "set_byte" -> {
                return n == 3 ? sql("CASE WHEN CAST({1} AS BIGINT) < 0 OR CAST({1} AS BIGINT) >= octet_length({0}) "
                        + "THEN error('[pgwire:2202E] index ' || CAST({1} AS BIGINT) || ' out of valid range, 0..' || (octet_length({0}) - 1)) "
                        + "ELSE unhex(left(hex({0}), 2 * CAST({1} AS BIGINT)) || printf('%02X', CAST({2} AS INTEGER) & 255) "
                        + "|| substr(hex({0}), 2 * CAST({1} AS BIGINT) + 3)) END", args) : null;
            }
            case "encode" -> {
                return n == 2 ? sql("pg_encode(hex({0}), {1})", args) : null;
            }
            case "decode" -> {
                return n == 2 ? sql("unhex(pg_decode({0}, {1}))", args) : null;
            }
            case "to_hex" -> {
                if (n != 1 || first == null) return null;
                return sql(first.name().equals("int8") ? "pg_to_hex(CAST({0} AS BIGINT))" : "pg_to_hex(CAST({0} AS INTEGER))", args);
            }
            case "string_to_array" -> {
                if (n < 2 || n > 3) return null;
                return sql("CAST(CAST(pg_string_to_array(" + placeholders(n) + ") AS JSON) AS VARCHAR[])", args);
            }
            case "div" -> {
                // numeric's div: exact, whatever the arguments' scale (a numeric result, as PostgreSQL types it)
                if (n != 2 || first == null || !first.isNumber() || first.isFloat()) return null;
                SqlType second = types.get(1);
                if (second == null || !second.isNumber() || second.isFloat()) return null;
                Node div = Expressions.duckDb("CAST(pgwire_numeric_div_trunc(CAST({0} AS VARCHAR), CAST({1} AS VARCHAR)) AS "
                        + TypeMapper.UNCONSTRAINED_NUMERIC + ")", args.get(0), args.get(1));
                return div;
            }
            case "string_to_table" -> {
                if (n < 2 || n > 3) return null;
                return sql("unnest(CAST(CAST(pg_string_to_array(" + placeholders(n) + ") AS JSON) AS VARCHAR[]))", args);
            }
            case "array_dims" -> {
                // [1:n] per dimension, the lengths along the first element of each level; NULL for an empty array
                if (n != 1 || first == null || !first.isArray()) return null;
                StringBuilder dims = new StringBuilder("CASE WHEN len({0}) = 0 THEN NULL ELSE ");
                String level = "{0}";
                for (int d = 0; d < first.dims(); d++) {
                    if (d > 0) dims.append(" || ");
                    dims.append("'[1:' || len(").append(level).append(") || ']'");
                    level = level + "[1]";
                }
                return sql(dims.append(" END").toString(), args);
            }
            case "parse_ident" -> {
                if (n < 1 || n > 2) return null;
                return sql("CAST(CAST(pg_parse_ident({0}, " + (n == 2 ? "{1}" : "true") + ") AS JSON) AS VARCHAR[])", args);
            }
            case "array_to_string" -> {
                if (n < 2 || n > 3) return null;
                // elements as their output functions write them: floats as float8out (1, 1e+15), not as DuckDB's JSON
                // numbers (1.0, 1000000000000000.0); numeric(p,s) with its scale (1.50); intervals, bytea, dates and
                // booleans in PostgreSQL's notation
                SqlType element = first != null && first.dims() == 1 ? first.element() : null;
                String output = element == null ? null : ArrayText.elementOutput("pg_e", element);
                if (output == null && element != null && (element.isFloat() || element.name().equals("numeric") || element.name().equals("bool"))) {
                    output = pgText("pg_e", element);
                }
                String array = output != null ? "list_transform({0}, lambda pg_e: " + output + ")" : "{0}";
                return sql("pg_array_to_string(CAST(to_json(" + array + ") AS VARCHAR), {1}" + (n == 3 ? ", {2}" : "") + ")", args);
            }
            case "width_bucket" -> {
                if (n != 4 || first == null) return null;
                if (first.isExactNumeric()) {
                    return sql("pg_width_bucket_numeric(CAST({0} AS VARCHAR), CAST({1} AS VARCHAR), CAST({2} AS VARCHAR),"
                            + " CAST({3} AS INTEGER))", args);
                }
                return sql("pg_width_bucket(CAST({0} AS DOUBLE), CAST({1} AS DOUBLE), CAST({2} AS DOUBLE), CAST({3} AS INTEGER))", args);
            }
            case "justify_days", "justify_hours", "justify_interval" -> {
                return n == 1 ? sql("CAST(pg_" + name + "(CAST({0} AS VARCHAR)) AS INTERVAL)", args) : null;
            }
            case "make_interval" -> {
                return makeInterval(args);
            }
            case "array_upper", "array_length" -> {
                int dim = n == 2 ? constantDimension(args.get(1)) : 0;
                if (n == 2 && dim > 1 && first != null && first.isArray() && !isVector(first)) {
                    // a deeper dimension: the length along the first element of each level above it (NULL beyond the array's)
                    if (dim > first.dims()) return sql("CAST(NULL AS INTEGER)", args);
                    return sql("CAST(CASE WHEN len({0}) = 0 THEN NULL ELSE len({0}" + "[1]".repeat(dim - 1) + ") END AS INTEGER)", args);
                }
                if (n == 2 && !isOne(args.get(1)) && first != null && first.dims() == 1 && !isVector(first)) {
                    // a dimension only known as the statement runs (a parameter): NULL but for dimension 1
                    return sql("CAST(CASE WHEN {1} = 1 AND len({0}) > 0 THEN len({0}) END AS INTEGER)", args);
                }
                if (n != 2 || !isOne(args.get(1))) return null;
                if (name.equals("array_upper") && isVector(first)) {
                    return sql("CAST(CASE WHEN len({0}) > 0 THEN len({0}) - 1 END AS INTEGER)", args);
                }
                return sql("CAST(CASE WHEN len({0}) > 0 THEN len({0}) END AS INTEGER)", args);
            }
            case "generate_subscripts" -> {
                if (n == 2 && !isOne(args.get(1)) && first != null && (isVector(first) || first.dims() == 1)) {
                    // a dimension given as a parameter (SQLAlchemy's index reflection): the subscripts of dimension 1 only
                    return sql(isVector(first) ? "unnest(CAST(CASE WHEN {1} = 1 THEN range(0, len({0})) ELSE [] END AS INTEGER[]))"
                            : "unnest(CAST(CASE WHEN {1} = 1 THEN range(1, len({0}) + 1) ELSE [] END AS INTEGER[]))", args);
                }
                if (n != 2 || !isOne(args.get(1))) return null;
                return sql(isVector(first) ? "unnest(CAST(range(0, len({0})) AS INTEGER[]))"
                        : "unnest(CAST(range(1, len({0}) + 1) AS INTEGER[]))", args);
            }
            case "array_lower" -> {
                // NULL for a NULL or empty array, as for a dimension it does not have
                int dim = n == 2 ? constantDimension(args.get(1)) : 0;
                if (dim > 1 && first != null && first.isArray() && !isVector(first)) {
                    return sql(dim > first.dims() ? "CAST(NULL AS INTEGER)" : "CAST(CASE WHEN len({0}) > 0 THEN 1 END AS INTEGER)", args);
                }
                if (n == 2 && !isOne(args.get(1)) && first != null && first.dims() == 1 && !isVector(first)) {
                    return sql("CAST(CASE WHEN {1} = 1 AND len({0}) > 0 THEN 1 END AS INTEGER)", args);
                }
                if (n != 2 || !isOne(args.get(1))) return null;
                if (isVector(first)) return sql("CAST(CASE WHEN len({0}) > 0 THEN 0 END AS INTEGER)", args);
                return sql("CAST(CASE WHEN len({0}) > 0 THEN 1 END AS INTEGER)", args);
            }
            case "cardinality" -> {
                if (n != 1) return null;
                return sql(first != null && first.dims() > 1 ? "CAST(len(flatten({0})) AS INTEGER)" : "CAST(len({0}) AS INTEGER)", args);
            }
            case "array_ndims" -> {
                if (n != 1 || first == null || !first.isArray()) return null;
                return sql("CASE WHEN len({0}) > 0 THEN " + first.dims() + " END", args);
            }
            case "array_cat" -> {
                return n == 2 ? ArrayArguments.cat(args.get(0), args.get(1)) : null;
            }
            case "array_remove" -> {
                return n == 2 ? sql("list_filter({0}, lambda pg_x: pg_x IS DISTINCT FROM {1})", args) : null;
            }
            case "array_replace" -> {
                return n == 3 ? sql("list_transform({0}, lambda pg_x: CASE WHEN pg_x IS NOT DISTINCT FROM {1} THEN {2} ELSE pg_x END)", args) : null;
            }
            case "array_positions" -> {
                return n == 2 ? sql("CAST(list_filter(range(1, len({0}) + 1), lambda pg_i: {0}[pg_i] IS NOT DISTINCT FROM {1}) AS INTEGER[])", args) : null;
            }
            case "array_position" -> {
                if (n == 3) {
                    // from a starting subscript: the first match at or after it
                    return sql("CAST(CASE WHEN {2} IS NULL THEN error('[pgwire:22004] initial position must not be null')"
                            + " ELSE list_position(list_slice({0}, greatest({2}, 1), len({0})), {1})"
                            + " + greatest({2}, 1) - 1 END AS INTEGER)", args);
                }
                return n == 2 ? sql("CAST(list_position({0}, {1}) AS INTEGER)", args) : null;
            }
            case "array_fill" -> {
                if (n != 2) return null;
                Node dims = args.get(1);
                if (dims.is("A_ArrayExpr") && dims.list("elements").size() > 1) {
                    // ARRAY[2, 3]: a list of 2 lists of 3, the lengths as written
                    List<Node> lengths = dims.list("elements");
                    StringBuilder fill = new StringBuilder("{0}");
                    StringBuilder nulls = new StringBuilder();
                    StringBuilder empty = new StringBuilder();
                    List<Node> parts = new ArrayList<>(List.of(args.get(0)));
                    for (int d = lengths.size() - 1; d >= 0; d--) {
                        parts.add(lengths.get(d));
                        String length = "{" + (parts.size() - 1) + "}";
                        fill = new StringBuilder("list_transform(range(CAST(" + length + " AS BIGINT)), lambda pg_i" + d + ": ")
                                .append(fill).append(')');
                        nulls.append(nulls.length() > 0 ? " OR " : "").append(length).append(" IS NULL");
                        empty.append(empty.length() > 0 ? " OR " : "").append(length).append(" = 0");
                    }
                    // a NULL length is 22004 as in PostgreSQL; a zero one makes the array empty ({}), not a list of empty lists
                    return sql("CASE WHEN " + nulls + " THEN error('[pgwire:22004] dimension values cannot be null')"
                            + " WHEN " + empty + " THEN [] ELSE " + fill + " END", parts);
                }
                // a dimension array of another length than one, known only as the statement runs: refused rather than cut to one dimension
                return sql("CASE WHEN {1} IS NULL THEN error('[pgwire:22004] dimension array or low bound array cannot be null')"
                        + " WHEN list_contains({1}, NULL) THEN error('[pgwire:22004] dimension values cannot be null') WHEN len({1}) <> 1 THEN error('[pgwire:0A000] array_fill of other than one dimension is not supported"
                        + " here unless its dimensions are written as ARRAY[…]') ELSE list_transform(range(CAST({1}[1] AS BIGINT)),"
                        + " lambda pg_i: {0}) END", args);
            }
            case "unnest" -> {
                if (n != 1 || first == null || first.dims() <= 1) return null;
                return sql("unnest(flatten({0}))", args);
            }
            case "generate_series" -> {
                Long step = n == 3 ? integerConstant(args.get(2)) : null;
                if (step != null && step == 0 && first != null && first.isInteger()) {
                    throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
                }
                // in the select list PostgreSQL returns one row per value; DuckDB's scalar form is a list
                if (!f.bool("selectList") || n < 2) return null;
                String cast = first != null && first.isInteger() && !first.name().equals("int8") ? "INTEGER" : null;
                String series = "unnest(generate_series(" + placeholders(n) + "))";
                return sql(cast == null ? series : "CAST(" + series + " AS " + cast + ")", args);
            }
            case "sha256", "sha224", "sha384", "sha512" -> {
                String digest = name.equals("sha256") ? "unhex(sha256({0}))" : "unhex(pg_" + name + "(hex({0})))";
                if (n == 1 && first != null && first.isUnknown() && Operators.stringConstant(args.get(0)) != null) {
                    // PostgreSQL's only sha256 takes bytea: an untyped literal is read as bytea
                    args.set(0, asBytea(args.get(0)));
                    return sql(digest, args);
                }
                return n == 1 && first != null && first.name().equals("bytea") ? sql(digest, args) : null;
            }
            case "timezone" -> {
                return AtTimeZone.rewrite(args, types);
            }
            case "date_bin" -> {
                if (n != 3) return null;
                String stride = Operators.stringConstant(args.get(0));
                if (stride != null && DateTimeLiterals.intervalHasMonths(stride)) {
                    throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.FEATURE_NOT_SUPPORTED,
                            "timestamps cannot be binned into intervals containing months or years");
                }
                // an untyped origin is of the value's type (DuckDB would read a string there as a time zone)
                SqlType value = types.get(1);
                boolean untypedOrigin = args.get(2).is("A_Const") && args.get(2).has("sval");
                String origin = !untypedOrigin ? "{2}" : value != null && value.is(SqlType.TIMESTAMP) ? "CAST({2} AS TIMESTAMP)"
                        : "CAST({2} AS TIMESTAMPTZ)";
                return sql("time_bucket(CAST({0} AS INTERVAL), {1}, " + origin + ")", args);
            }
            case "clock_timestamp" -> {
                return n == 0 ? Expressions.duckDb("pgwire_clock_timestamp(0)") : null;
            }
            case "split_part" -> {
                // an empty delimiter leaves the string whole (field 1 or -1); field 0 is an error
                return n == 3 ? sql("CASE WHEN CAST({2} AS BIGINT) = 0 THEN error('[pgwire:22023] field position must not be zero') "
                        + "WHEN {1} = '' THEN CASE WHEN CAST({2} AS BIGINT) IN (1, -1) THEN {0} ELSE '' END "
                        + "ELSE split_part({0}, {1}, CAST({2} AS BIGINT)) END", args) : null;
            }
            case "make_date", "make_timestamp", "make_timestamptz" -> {
                // a negative year is BC: -44 is 44 BC, DuckDB's astronomical year -43; year 0 does not exist
                if (n < 3) return null;
                Node year = args.get(0);
                args.set(0, Expressions.duckDb("CASE WHEN CAST({0} AS BIGINT) = 0 THEN error('[pgwire:22008] date field value out of range: 0-' "
                        + "|| CAST({1} AS VARCHAR) || '-' || CAST({2} AS VARCHAR)) WHEN CAST({0} AS BIGINT) < 0 THEN CAST({0} AS BIGINT) + 1 "
                        + "ELSE CAST({0} AS BIGINT) END", year, args.get(1).copy(), args.get(2).copy()));
                if (name.equals("make_timestamptz") && n == 7) {
                    // the wall-clock time read in the zone given, as AT TIME ZONE reads it (POSIX offsets count
                    // west, abbreviations are PostgreSQL's), not as DuckDB's make_timestamptz reads the name
                    String offsetZone = Operators.stringConstant(args.get(6));
                    if (offsetZone != null && offsetZone.matches("[+-]\\d.*")) {
                        // a bare offset is ISO 8601's, east of Greenwich (AT TIME ZONE reads it as POSIX's, west)
                        args.set(6, Node.of("A_Const").set("sval", Node.string("UTC" + (offsetZone.charAt(0) == '+' ? '-' : '+') + offsetZone.substring(1)))
                                .set("location", args.get(6).location()));
                    }
                    List<Node> zoned = new java.util.ArrayList<>(List.of(args.get(6),
                            Expressions.duckDb("make_timestamp({0}, {1}, {2}, {3}, {4}, {5})", args.subList(0, 6).toArray(new Node[0]))));
                    List<SqlType> zonedTypes = new java.util.ArrayList<>(java.util.Arrays.asList(types.get(6), SqlType.TIMESTAMP));
                    Node shifted = AtTimeZone.rewrite(zoned, zonedTypes);
                    return (shifted != null ? shifted : Expressions.duckDb("timezone({0}, {1})", zoned.get(0), zoned.get(1)))
                            .set("pgType", "timestamptz");
                }
                return null;
            }
            case "digest" -> {
                String algorithm = n == 2 ? Operators.stringConstant(args.get(1)) : null;
                if (algorithm == null) return null;
                String fn = switch (algorithm.toLowerCase(java.util.Locale.ROOT)) {
                    case "md5" -> "md5";
                    case "sha1" -> "sha1";
                    case "sha256" -> "sha256";
                    default -> null;
                };
                return fn == null ? null : Expressions.duckDb("unhex(" + fn + "({0}))", args.get(0));
            }
            case "convert_from", "convert_to" -> {
                // UTF8, the database's encoding, by DuckDB's encode/decode; any other through the JDK's charsets
                if (n != 2) return null;
                // convert_from takes bytea: an untyped literal is read as bytea
                if (name.equals("convert_from") && first != null && first.isUnknown() && Operators.stringConstant(args.get(0)) != null) {
                    args.set(0, asBytea(args.get(0)));
                }
                String utf8 = "lower(regexp_replace(CAST({1} AS VARCHAR), '[^A-Za-z0-9]', '', 'g')) IN ('utf8', 'unicode')";
                return Expressions.duckDb("CASE WHEN " + utf8 + " THEN " + (name.equals("convert_to") ? "encode({0})" : "decode({0})")
                        + " ELSE " + (name.equals("convert_to") ? "unhex(pg_convert_to_hex(CAST({0} AS VARCHAR), CAST({1} AS VARCHAR)))"
                        : "pg_convert_from_hex(hex({0}), CAST({1} AS VARCHAR))") + " END", args.get(0), args.get(1));
            }
            case "bit_length" -> {
                if (n != 1 || first == null) return null;
                return sql(first.name().equals("bytea") ? "CAST(octet_length({0}) * 8 AS INTEGER)" : "CAST(strlen({0}) * 8 AS INTEGER)", args);
            }
            case "substr", "substring" -> {
                SqlType second = n > 1 ? types.get(1) : null;
                // (an untyped parameter there is text, as PostgreSQL resolves an unknown argument to the string category)
                boolean pattern = second != null ? !second.isArray() && second.isText() : n == 2 && args.get(1).is("ParamRef");
                if (name.equals("substring") && n == 2 && (first == null || !first.name().equals("bytea")) && pattern) {
                    // substring(text FROM pattern): the part the POSIX regular expression matches (its first group)
                    return sql("pg_substring(CAST({0} AS VARCHAR), CAST({1} AS VARCHAR))", args);
                }
                if (first != null && !first.isArray() && (first.isText() || first.isUnknown()) && second != null && second.isInteger()
                        && (n == 2 || n == 3 && types.get(2) != null && types.get(2).isInteger())) {
                    // a start before the first character counts from there (substr('abc', -1, 3) is 'a'), where
                    // DuckDB counts a negative start from the end
                    // (a NULL start or length falls through every WHEN: NULL)
                    return sql(n == 2 ? "CASE WHEN {1} >= 1 THEN substring({0}, {1}) WHEN {1} < 1 THEN CAST({0} AS VARCHAR) END"
                            : "CASE WHEN {2} < 0 THEN error('[pgwire:22011] negative substring length not allowed')"
                            + " WHEN {1} >= 1 THEN substring({0}, {1}, {2})"
                            + " WHEN {1} + {2} - 1 >= 0 THEN substring({0}, 1, {1} + {2} - 1) WHEN {1} + {2} - 1 < 0 THEN '' END", args);
                }
                if (first == null || !first.name().equals("bytea") || n < 2) return null;
                return sql(n == 2 ? "unhex(substring(hex({0}), 2 * {1} - 1))" : "unhex(substring(hex({0}), 2 * {1} - 1, 2 * {2}))", args);
            }
            case "pg_typeof" -> {
                if (n == 1 && first == null) {
                    return Expressions.duckDb("pgwire_typeof_duckdb(typeof({0}))", args.get(0)).set("regText", true);
                }
                if (n != 1 || first.isUnknown()
                        && !(args.get(0).is("A_Const") && (args.get(0).has("sval") || args.get(0).bool("isnull")))) return null;
                // the type's OID (regtype shows its name); a type without a built-in OID as its name
                SqlType t = first.isUnknown() ? SqlType.UNKNOWN : first;
                int oid = dev.pgwire.serve.catalog.Builtins.typeOid(t.isArray() ? "_" + t.name() : t.name());
                boolean[] calls = {false};
                // a cast to a type that is not built in is evaluated too: DuckDB refuses a type that does not exist (42704)
                // (and a parameter stays in the statement: DuckDB numbers the parameters it sees)
                TreeWalker.forEachNode(args.get(0), c -> calls[0] |= c.is("FuncCall") || c.is("ParamRef")
                        || c.is("TypeCast") && c.node("typeName") != null
                        && dev.pgwire.serve.catalog.Builtins.typeOid(PgTypeName.of(c.node("typeName")).name()) == 0);
                if (calls[0]) {
                    // the argument stays evaluated: an aggregate or window call in it keeps the query's shape
                    String typeName = oid != 0 ? dev.pgwire.serve.catalog.TypeNames.regtype(oid) : null;
                    String quoted = SqlWriter.quoteLiteral(typeName != null ? typeName : FormatType.displayName(first));
                    return Expressions.duckDb("CAST(CASE WHEN ({0}) IS NULL THEN " + quoted + " ELSE " + quoted + " END AS VARCHAR)", args.get(0))
                            .set("regText", true);
                }
                if (oid != 0) return Expressions.duckDb("CAST(" + oid + " AS BIGINT)").set("regOid", (long) oid);
                return Expressions.duckDb("CAST(" + SqlWriter.quoteLiteral(FormatType.displayName(first)) + " AS VARCHAR)")
                        .set("regText", true);
            }
            default -> {
                return null;
            }
        }
    }

    /** A constant integer argument (an array dimension), or 0. */
    private static int constantDimension(Node n) {
        return n.is("A_Const") && n.has("ival") ? (int) n.node("ival").num("ival") : 0;
    }

    private static final java.util.Set<String> YEAR_FIELDS = java.util.Set.of("year", "years", "decade", "decades", "century",
            "centuries", "millennium", "millennia");

    private static boolean isDate(SqlType t) {
        return t != null && !t.isArray() && t.name().equals("date");
    }

    private static Node toTimestamptz(Node value) {
        return Expressions.duckDb("CAST({0} AS TIMESTAMPTZ)", value);
    }

    /** int2vector and oidvector: arrays whose subscripts start at 0. */
    private static boolean isVector(SqlType t) {
        return t != null && !t.isArray() && (t.name().equals("int2vector") || t.name().equals("oidvector"));
    }

    private static boolean isOne(Node n) {
        return n.is("A_Const") && n.has("ival") && n.node("ival").num("ival") == 1;
    }

    /** make_interval(years, months, weeks, days, hours, mins, secs), by position or by name. */
    private static Node makeInterval(List<Node> args) {
        String[] names = {"years", "months", "weeks", "days", "hours", "mins", "secs"};
        Node[] values = new Node[names.length];
        for (int i = 0; i < args.size(); i++) {
            Node a = args.get(i);
            if (a.is("NamedArgExpr")) {
                int at = java.util.Arrays.asList(names).indexOf(a.str("name"));
                if (at < 0) return null;
                values[at] = a.node("arg");
            } else if (i < names.length) {
                values[i] = a;
            }
        }
        StringBuilder s = new StringBuilder("CAST(pg_make_interval(");
        List<Node> used = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) s.append(", ");
            if (values[i] == null) {
                s.append(i == 6 ? "CAST(0 AS DOUBLE)" : "0");
            } else {
                s.append(i == 6 ? "CAST({" + used.size() + "} AS DOUBLE)" : "CAST({" + used.size() + "} AS INTEGER)");
                used.add(values[i]);
            }
        }
        return Expressions.duckDb(s.append(") AS INTERVAL)").toString(), used.toArray(new Node[0]));
    }

    /** A value as PostgreSQL's text output of it (booleans are t/f; other values as DuckDB writes them). */
    /** Array arguments of format and concat as PostgreSQL's array text ({1,2}, not DuckDB's [1, 2]). */
    private static String pgText(String placeholder, SqlType type) {
        String output = Expressions.valueText(placeholder, type);
        if (output != null) return output;
        if (type != null && type.is(SqlType.BPCHAR) && type.typmod() > 4) {
            // character(n) is written with its padding (serve keeps its values without it)
            return "rpad(CAST(" + placeholder + " AS VARCHAR), " + (type.typmod() - 4) + ", ' ')";
        }
        return "CAST(" + placeholder + " AS VARCHAR)";
    }

    private static String placeholders(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) s.append(", ");
            s.append('{').append(i).append('}');
        }
        return s.toString();
    }

    /** PostgreSQL's largest text value (MaxAllocSize less the header): longer results are 54000. */
    private static final long MAX_TEXT_LENGTH = (1L << 30) - 1 - 4;
    private static final String TOO_LARGE = "requested length too large";

    private static dev.pgwire.protocol.PgException tooLarge() {
        return new dev.pgwire.protocol.PgException("54000", TOO_LARGE);
    }

    /** An integer constant's value (a negative one too), or null. */
    /** {@code value}::pg_catalog.bytea. */
    private static Node asBytea(Node value) {
        return Node.of("TypeCast").set("arg", value).set("typeName", Node.of(null)
                .set("names", new java.util.ArrayList<>(List.of(Node.string("pg_catalog"), Node.string("bytea"))))
                .set("typemod", -1L)).set("location", value.location());
    }

    private static Long integerConstant(Node n) {
        if (n.is("A_Const") && n.has("ival")) return n.node("ival").num("ival");
        if (n.is("A_Expr") && n.str("kind").equals("AEXPR_OP") && n.node("lexpr") == null && n.names("name").equals(List.of("-"))) {
            Long v = integerConstant(n.node("rexpr"));
            return v == null ? null : -v;
        }
        return null;
    }

    private static Node sql(String template, List<Node> args) {
        return Expressions.duckDb(template, args.toArray(new Node[0]));
    }
}
