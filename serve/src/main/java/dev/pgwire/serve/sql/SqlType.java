package dev.pgwire.serve.sql;

import java.util.List;

import java.util.Locale;
import java.util.Set;

/**
 * A PostgreSQL type as the translation infers it for an expression: pg_type's name of the element
 * type, the type modifier, and array dimensions. {@code unknown} is the type of an untyped
 * string constant, which takes its type from where it is used, as in PostgreSQL.
 */
public record SqlType(String name, int typmod, int dims) {

    public static final SqlType UNKNOWN = of("unknown");
    public static final SqlType BOOL = of("bool");
    public static final SqlType INT2 = of("int2");
    public static final SqlType INT4 = of("int4");
    public static final SqlType INT8 = of("int8");
    public static final SqlType NUMERIC = of("numeric");
    public static final SqlType FLOAT4 = of("float4");
    public static final SqlType FLOAT8 = of("float8");
    public static final SqlType TEXT = of("text");
    public static final SqlType VARCHAR = of("varchar");
    public static final SqlType BPCHAR = of("bpchar");
    public static final SqlType NAME = of("name");
    public static final SqlType BYTEA = of("bytea");
    public static final SqlType DATE = of("date");
    public static final SqlType TIME = of("time");
    public static final SqlType TIMETZ = of("timetz");
    public static final SqlType TIMESTAMP = of("timestamp");
    public static final SqlType TIMESTAMPTZ = of("timestamptz");
    public static final SqlType INTERVAL = of("interval");
    public static final SqlType UUID = of("uuid");
    public static final SqlType JSON = of("json");
    public static final SqlType JSONB = of("jsonb");
    public static final SqlType OID = of("oid");
    public static final SqlType REGTYPE = of("regtype");
    public static final SqlType REGCLASS = of("regclass");
    public static final SqlType RECORD = of("record");
    public static final SqlType BIT = of("bit");
    public static final SqlType VARBIT = of("varbit");

    /** DECIMAL(38, s) with s at least this is serve's storage of numeric without a modifier. */
    public static final int UNCONSTRAINED_SCALE = TypeMapper.NUMERIC_SCALE;

    private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8");
    private static final Set<String> TEXTS = Set.of("text", "varchar", "bpchar", "name", "unknown", "char");

    public static SqlType of(String name) {
        return new SqlType(name, -1, 0);
    }

    static SqlType of(PgTypeName t) {
        return t == null ? null : new SqlType(t.name(), t.typmod(), t.dimensions());
    }

    public boolean isArray() {
        return dims > 0;
    }

    public SqlType element() {
        return new SqlType(name, typmod, 0);
    }

    public SqlType arrayOf() {
        return new SqlType(name, typmod, Math.max(dims, 0) + 1);
    }

    public SqlType withoutTypmod() {
        return new SqlType(name, -1, dims);
    }

    public boolean is(SqlType other) {
        return other != null && name.equals(other.name) && dims == other.dims;
    }

    public boolean isInteger() {
        return dims == 0 && INTEGERS.contains(name);
    }

    public boolean isExactNumeric() {
        return dims == 0 && (INTEGERS.contains(name) || name.equals("numeric"));
    }

    public boolean isFloat() {
        return dims == 0 && (name.equals("float4") || name.equals("float8"));
    }

    public boolean isNumber() {
        return isExactNumeric() || isFloat();
    }

    public boolean isText() {
        return dims == 0 && TEXTS.contains(name);
    }

    public boolean isUnknown() {
        return dims == 0 && name.equals("unknown");
    }

    public boolean isJson() {
        return dims == 0 && (name.equals("json") || name.equals("jsonb"));
    }

    public boolean isDateTime() {
        return dims == 0 && (name.equals("date") || name.startsWith("timestamp") || name.startsWith("time"));
    }

    /** This built-in type as a parse tree's type name ({@code pg_catalog.numeric(12,2)[]}), for a cast the rewrites add. */
    Node typeName() {
        List<Node> names = new java.util.ArrayList<>(List.of(Node.string("pg_catalog"), Node.string(name)));
        Node typeName = Node.of("TypeName").set("names", names).set("typemod", -1L).set("location", -1L);
        int[] ps = element().numericPrecisionAndScale();
        if (ps != null) {
            typeName.set("typmods", new java.util.ArrayList<>(List.of(Node.of("A_Const").set("ival", Node.of("Integer").set("ival", (long) ps[0])),
                    Node.of("A_Const").set("ival", Node.of("Integer").set("ival", (long) ps[1])))));
        }
        if (isArray()) {
            List<Node> bounds = new java.util.ArrayList<>();
            for (int i = 0; i < dims; i++) bounds.add(Node.of("Integer").set("ival", -1L));
            typeName.set("arrayBounds", bounds);
        }
        return typeName;
    }

    /** {@code value} cast to this built-in type, as a parse tree's cast (rewritten and written like one the client wrote). */
    Node cast(Node value, long location) {
        return Node.of("TypeCast").set("arg", value).set("typeName", typeName()).set("location", location);
    }

    /** This type as a declared type name (for the types of the built-in names). */
    public PgTypeName asTypeName() {
        return new PgTypeName(name, typmod, dims, true);
    }

    /** The PostgreSQL type of a DuckDB type, as DuckDB's result metadata spells it. */
    public static SqlType ofDuckDb(String duckDbType) {
        String t = duckDbType.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            SqlType element = ofDuckDb(t.substring(0, t.length() - 2));
            return element == null ? null : element.arrayOf();
        }
        if (t.startsWith("DECIMAL(") || t.startsWith("NUMERIC(")) {
            String[] ps = t.substring(t.indexOf('(') + 1, t.indexOf(')')).split(",");
            int p = Integer.parseInt(ps[0].trim());
            int s = ps.length > 1 ? Integer.parseInt(ps[1].trim()) : 0;
            if (p == Literals.MAX_PRECISION && s >= TypeMapper.NUMERIC_SCALE) return NUMERIC;
            return new SqlType("numeric", ((p << 16) | s) + 4, 0);
        }
        return switch (t) {
            case "BOOLEAN" -> BOOL;
            case "TINYINT", "SMALLINT", "UTINYINT" -> INT2;
            case "INTEGER", "USMALLINT" -> INT4;
            case "BIGINT", "UINTEGER" -> INT8;
            case "HUGEINT", "UBIGINT", "UHUGEINT" -> NUMERIC;
            case "FLOAT", "REAL" -> FLOAT4;
            case "DOUBLE" -> FLOAT8;
            case "VARCHAR" -> TEXT;
            case "BLOB" -> BYTEA;
            case "DATE" -> DATE;
            case "TIME" -> TIME;
            case "TIME WITH TIME ZONE" -> TIMETZ;
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> TIMESTAMPTZ;
            case "INTERVAL" -> INTERVAL;
            case "UUID" -> UUID;
            case "JSON" -> JSON;
            case "BIT" -> VARBIT;
            default -> null;
        };
    }

    /** The common type of two branches (CASE, COALESCE, UNION), as far as these rules need it. */
    static SqlType common(SqlType a, SqlType b) {
        if (a == null || b == null) return null;
        if (a.isUnknown()) return b;
        if (b.isUnknown()) return a;
        if (a.equals(b)) return a;
        if (a.is(b)) return a.withoutTypmod();
        if (a.isNumber() && b.isNumber()) return numericPromotion(a, b);
        if (a.isText() && b.isText()) return TEXT;
        return null;
    }

    /** numeric(p,s)'s precision and scale, with 0 ≤ s ≤ p ≤ 38 (DuckDB's DECIMAL(p,s)); null for anything else. */
    int[] numericPrecisionAndScale() {
        if (dims != 0 || !name.equals("numeric") || typmod < 4) return null;
        int p = ((typmod - 4) >> 16) & 0xffff;
        int s = (typmod - 4) & 0xffff;
        return p < 1 || p > 38 || s > p ? null : new int[] {p, s};
    }

    /**
     * The common type of two values of an anycompatible function (lag's value and default, say), as
     * select_common_type picks it: numbers go to the later of smallint, integer, bigint, numeric,
     * real, double precision that both convert to implicitly (real with numeric is real).
     */
    static SqlType anycompatible(SqlType a, SqlType b) {
        if (a == null || b == null || a.isArray() || b.isArray() || !a.isNumber() || !b.isNumber()) return common(a, b);
        if (a.is(b)) return a.typmod() == b.typmod() ? a : a.withoutTypmod();
        for (SqlType t : List.of(FLOAT8, FLOAT4, NUMERIC, INT8, INT4)) if (a.is(t) || b.is(t)) return t;
        return INT2;
    }

    /** The type of arithmetic between two numbers: the wider of the two, as PostgreSQL's operators choose. */
    static SqlType numericPromotion(SqlType a, SqlType b) {
        if (a.name.equals("float8") || b.name.equals("float8")) return FLOAT8;
        if (a.name.equals("float4") || b.name.equals("float4")) return a.isFloat() && b.isFloat() ? FLOAT4 : FLOAT8;
        if (a.name.equals("numeric") || b.name.equals("numeric")) return NUMERIC;
        if (a.name.equals("int8") || b.name.equals("int8")) return INT8;
        if (a.name.equals("int4") || b.name.equals("int4")) return INT4;
        return INT2;
    }
}
