package dev.pgwire.serve.sql;

import java.util.Map;

/** Type names as PostgreSQL's format_type() and pg_typeof() show them ({@code integer}, {@code character varying}). */
final class FormatType {
    private FormatType() {}

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("int2", "smallint"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
            Map.entry("float4", "real"), Map.entry("float8", "double precision"), Map.entry("bool", "boolean"),
            Map.entry("varchar", "character varying"), Map.entry("bpchar", "character"),
            Map.entry("timestamp", "timestamp without time zone"), Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("time", "time without time zone"), Map.entry("timetz", "time with time zone"),
            Map.entry("varbit", "bit varying"), Map.entry("char", "\"char\""));

    /** The display name of a type, without its modifier ({@code integer[]} for an array of int4). */
    static String displayName(SqlType t) {
        String base = NAMES.getOrDefault(t.name(), t.name());
        return t.isArray() ? base + "[]" : base;
    }
}
