package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A declared PostgreSQL type as pg_type and pg_attribute know it: the type's internal name
 * ({@code varchar}, {@code int4}, {@code _int4} for an array) and its type modifier encoded as
 * PostgreSQL encodes {@code atttypmod} ({@code varchar(10)} → 14, {@code numeric(10,2)} → 655366,
 * {@code timestamp(3)} → 3, none → -1).
 *
 * @param name        internal name of the element type (without the array underscore)
 * @param typmod      PostgreSQL's type modifier, -1 for none
 * @param dimensions  array dimensions declared (0 for a scalar)
 * @param builtin     whether the type is one of PostgreSQL's own (else a user's enum, domain, …)
 */
public record PgTypeName(String name, int typmod, int dimensions, boolean builtin) {

    private static final int VARHDRSZ = 4;

    /** SQL-standard and alias spellings the grammar leaves as written, mapped to internal names. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("integer", "int4"), Map.entry("int", "int4"), Map.entry("smallint", "int2"),
            Map.entry("bigint", "int8"), Map.entry("real", "float4"), Map.entry("double precision", "float8"),
            Map.entry("float", "float8"), Map.entry("boolean", "bool"), Map.entry("decimal", "numeric"),
            Map.entry("character varying", "varchar"), Map.entry("character", "bpchar"),
            Map.entry("serial", "int4"), Map.entry("serial4", "int4"), Map.entry("bigserial", "int8"),
            Map.entry("serial8", "int8"), Map.entry("smallserial", "int2"), Map.entry("serial2", "int2"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time with time zone", "timetz"),
            Map.entry("bit varying", "varbit"));

    public boolean isArray() {
        return dimensions > 0;
    }

    /** The name pg_type gives this type: {@code _int4} for an array of int4. */
    public String typname() {
        return isArray() ? "_" + name : name;
    }

    /** Reads a TypeName node of the parse tree. */
    public static PgTypeName of(Node typeName) {
        List<String> names = typeName.names("names");
        boolean builtin = TypeMapper.isBuiltin(typeName);
        String last = names.isEmpty() ? "" : names.get(names.size() - 1);
        String name = builtin ? ALIASES.getOrDefault(last.toLowerCase(Locale.ROOT), last) : last;
        int dims = typeName.has("arrayBounds") ? Math.max(1, typeName.list("arrayBounds").size()) : 0;
        return new PgTypeName(name, builtin ? typmod(name, last, TypeMapper.typmods(typeName)) : -1, dims, builtin);
    }

    /** Whether the name declares a serial column (an integer with its own sequence). */
    public static boolean isSerial(Node typeName) {
        if (!TypeMapper.isBuiltin(typeName) || typeName.has("arrayBounds")) return false;
        String last = TypeMapper.baseName(typeName).toLowerCase(Locale.ROOT);
        return last.startsWith("serial") || last.endsWith("serial") || last.equals("serial2") || last.equals("serial4")
                || last.equals("serial8");
    }

    private static int typmod(String name, String written, List<Long> mods) {
        switch (name) {
            case "varchar", "bpchar" -> {
                if (mods.isEmpty()) return -1; // the grammar gives char without a length its length 1
                long n = mods.get(0);
                if (n < 1) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                            "length for type " + name + " must be at least 1");
                }
                if (n > 10_485_760) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                            "length for type " + name + " cannot exceed 10485760");
                }
                return (int) n + VARHDRSZ;
            }
            case "numeric" -> {
                if (mods.isEmpty()) return -1;
                TypeMapper.checkNumeric(mods); // (more than DuckDB's 38 digits is refused where a column or cast is made)
                long p = mods.get(0);
                long s = mods.size() > 1 ? mods.get(1) : 0;
                return (int) ((p << 16) | s) + VARHDRSZ;
            }
            case "timestamp", "timestamptz", "time", "timetz" -> {
                if (mods.isEmpty()) return -1;
                long p = mods.get(0);
                if (p < 0) throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "TIMESTAMP(" + p + ") precision must not be negative");
                return (int) Math.min(p, 6);
            }
            case "interval" -> {
                // INTERVAL_TYPMOD(precision, range): the fields qualifier (interval hour to minute) and seconds' precision
                if (mods.isEmpty()) return -1;
                long range = mods.get(0) & 0x7FFF;
                long precision = mods.size() > 1 ? mods.get(1) : 0xFFFF;
                return (int) ((range << 16) | (precision & 0xFFFF));
            }
            case "bit", "varbit" -> {
                if (mods.isEmpty()) return name.equals("bit") ? 1 : -1;
                return mods.get(0).intValue();
            }
            default -> {
                return -1;
            }
        }
    }
}
