package dev.pgwire.serve.catalog;

/**
 * format_type(type, typmod) as PostgreSQL writes it: SQL-standard names with their modifiers
 * ({@code character varying(20)}, {@code numeric(10,2)}, {@code timestamp(3) with time zone}),
 * {@code []} for arrays, other names as pg_type has them (quoted where needed).
 */
public final class FormatTypes {
    private FormatTypes() {}

    private static final int VARHDRSZ = 4;

    /**
     * @param typname     pg_type.typname of the element type (of the type itself when not an array)
     * @param array       whether the type is the array type of {@code typname}
     * @param typmod      the modifier, -1 for none
     * @param typmodGiven whether a modifier was passed at all (format_type(t, NULL) differs for bpchar)
     * @param schema      the type's schema when it must be named (not visible), else null
     */
    public static String format(String typname, boolean array, int typmod, boolean typmodGiven, String schema) {
        boolean withTypmod = typmodGiven && typmod >= 0;
        String s = switch (typname) {
            case "bit" -> withTypmod ? "bit(" + typmod + ")" : typmodGiven ? "\"bit\"" : "bit";
            case "bool" -> "boolean";
            case "bpchar" -> withTypmod ? "character(" + (typmod - VARHDRSZ) + ")" : typmodGiven ? "bpchar" : "character";
            case "float4" -> "real";
            case "float8" -> "double precision";
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "numeric" -> withTypmod ? "numeric(" + (((typmod - VARHDRSZ) >> 16) & 0xffff) + "," + ((typmod - VARHDRSZ) & 0xffff) + ")" : "numeric";
            case "interval" -> withTypmod ? interval(typmod) : "interval";
            case "time" -> withTypmod ? "time(" + typmod + ") without time zone" : "time without time zone";
            case "timetz" -> withTypmod ? "time(" + typmod + ") with time zone" : "time with time zone";
            case "timestamp" -> withTypmod ? "timestamp(" + typmod + ") without time zone" : "timestamp without time zone";
            case "timestamptz" -> withTypmod ? "timestamp(" + typmod + ") with time zone" : "timestamp with time zone";
            case "varbit" -> withTypmod ? "bit varying(" + typmod + ")" : "bit varying";
            case "varchar" -> withTypmod ? "character varying(" + (typmod - VARHDRSZ) + ")" : "character varying";
            case "char" -> "\"char\"";
            default -> (schema == null ? "" : PgCatalogRows.quoteIdent(schema) + ".") + PgCatalogRows.quoteIdent(typname);
        };
        return array ? s + "[]" : s;
    }

    /** interval's modifier: its fields (high 16 bits) and precision (low 16 bits, 0xFFFF for none). */
    private static String interval(int typmod) {
        int precision = typmod & 0xffff;
        int range = (typmod >> 16) & 0x7fff;
        String fields = switch (range) {
            case 4 -> " year";
            case 2 -> " month";
            case 8 -> " day";
            case 1024 -> " hour";
            case 2048 -> " minute";
            case 4096 -> " second";
            case 6 -> " year to month";
            case 1032 -> " day to hour";
            case 3080 -> " day to minute";
            case 7176 -> " day to second";
            case 3072 -> " hour to minute";
            case 7168 -> " hour to second";
            case 6144 -> " minute to second";
            default -> "";
        };
        return "interval" + fields + (precision != 0xffff ? "(" + precision + ")" : "");
    }
}
