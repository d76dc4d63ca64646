package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL type names as DuckDB types, for columns and for casts. Where DuckDB's type would hold
 * less than PostgreSQL's, the mapping keeps values exact or refuses: {@code numeric} without a
 * precision is DECIMAL(38, {@value #NUMERIC_SCALE}) (a value with more digits than that is an
 * error, never rounded), {@code numeric(p, s)} is DECIMAL(p, s) up to DuckDB's 38 digits.
 */
final class TypeMapper {
    private final CatalogView catalog;

    TypeMapper() {
        this(CatalogView.NONE);
    }

    /** A mapper that knows the session's user types (composite types, whose casts from text serve reads itself). */
    TypeMapper(CatalogView catalog) {
        this.catalog = catalog;
    }

    CatalogView catalog() {
        return catalog;
    }

    /** Whether a (lower-case) type name is one of PostgreSQL's built-in types this mapper knows. */
    static boolean knownBuiltin(String lower) {
        return SIMPLE.containsKey(lower) || lower.equals("numeric") || lower.equals("decimal");
    }
    /** Fraction digits kept by {@code numeric} declared without precision. */
    static final int NUMERIC_SCALE = 10;
    static final String UNCONSTRAINED_NUMERIC = "DECIMAL(38," + NUMERIC_SCALE + ")";

    /** PostgreSQL's name (after pg_catalog. is dropped) → DuckDB's, for types that map one to one. */
    private static final Map<String, String> SIMPLE = Map.ofEntries(
            Map.entry("bool", "BOOLEAN"), Map.entry("boolean", "BOOLEAN"),
            Map.entry("int2", "SMALLINT"), Map.entry("smallint", "SMALLINT"),
            Map.entry("int4", "INTEGER"), Map.entry("int", "INTEGER"), Map.entry("integer", "INTEGER"),
            Map.entry("int8", "BIGINT"), Map.entry("bigint", "BIGINT"),
            Map.entry("float4", "REAL"), Map.entry("real", "REAL"),
            Map.entry("float8", "DOUBLE"), Map.entry("double precision", "DOUBLE"), Map.entry("float", "DOUBLE"),
            Map.entry("text", "VARCHAR"), Map.entry("varchar", "VARCHAR"), Map.entry("character varying", "VARCHAR"),
            Map.entry("bpchar", "VARCHAR"), Map.entry("char", "VARCHAR"), Map.entry("character", "VARCHAR"),
            Map.entry("name", "VARCHAR"),
            Map.entry("bytea", "BLOB"),
            Map.entry("date", "DATE"), Map.entry("time", "TIME"), Map.entry("timetz", "TIMETZ"),
            Map.entry("timestamp", "TIMESTAMP"), Map.entry("timestamptz", "TIMESTAMPTZ"),
            Map.entry("interval", "INTERVAL"), Map.entry("uuid", "UUID"),
            Map.entry("json", "JSON"), Map.entry("jsonb", "JSON"),
            Map.entry("bit", "BIT"), Map.entry("varbit", "BIT"), Map.entry("bit varying", "BIT"),
            Map.entry("oid", "UINTEGER"), Map.entry("xid", "UINTEGER"), Map.entry("cid", "UINTEGER"),
            Map.entry("regclass", "UINTEGER"), Map.entry("regtype", "UINTEGER"), Map.entry("regproc", "UINTEGER"),
            Map.entry("regprocedure", "UINTEGER"), Map.entry("regnamespace", "UINTEGER"), Map.entry("regrole", "UINTEGER"),
            Map.entry("regoper", "UINTEGER"), Map.entry("regoperator", "UINTEGER"),
            Map.entry("unknown", "VARCHAR"));

    /** The resolved name of a TypeName: its last name, lower-cased, without pg_catalog. */
    static String baseName(Node typeName) {
        List<String> names = typeName.names("names");
        String last = names.isEmpty() ? "" : names.get(names.size() - 1);
        return last;
    }

    /** Whether the name is a built-in one (unqualified or in pg_catalog). */
    static boolean isBuiltin(Node typeName) {
        List<String> names = typeName.names("names");
        return names.size() == 1 || (names.size() == 2 && names.get(0).equals("pg_catalog"));
    }

    static boolean isArray(Node typeName) {
        return typeName.has("arrayBounds");
    }

    static List<Long> typmods(Node typeName) {
        List<Long> out = new java.util.ArrayList<>();
        for (Node m : typeName.list("typmods")) {
            if (m.is("A_Const")) {
                out.add(m.has("ival") ? m.node("ival").num("ival") : 0L);
            } else {
                throw new PgException(SqlState.SYNTAX_ERROR, "type modifiers must be simple constants or identifiers");
            }
        }
        return out;
    }

    /** The DuckDB type of a column or cast target declared as {@code typeName}. */
    String duckDbType(Node typeName) {
        String element = elementType(typeName);
        if (!isArray(typeName)) return element;
        int dims = Math.max(1, typeName.list("arrayBounds").size());
        return element + "[]".repeat(dims);
    }

    /**
     * The DuckDB type a cast to {@code typeName} makes: as {@link #duckDbType}, but a numeric of
     * more than 38 digits ({@code ::numeric(1000, 15)}, as Django's Round and Mod of a float write)
     * is DECIMAL(38, s) — a value beyond its 38 digits fails the cast (22003), none is rounded.
     */
    String castType(Node typeName) {
        if (!isArray(typeName) && isBuiltin(typeName) && baseName(typeName).toLowerCase(Locale.ROOT).equals("numeric")) {
            List<Long> mods = typmods(typeName);
            long scale = mods.size() > 1 ? mods.get(1) : 0;
            if (!mods.isEmpty() && mods.get(0) > Literals.MAX_PRECISION && mods.get(0) <= 1000 && scale >= 0 && scale < Literals.MAX_PRECISION) {
                return "DECIMAL(" + Literals.MAX_PRECISION + "," + scale + ")";
            }
        }
        return duckDbType(typeName);
    }

    /** The DuckDB type of the element (or the type itself when not an array). */
    String elementType(Node typeName) {
        String base = baseName(typeName);
        if (!isBuiltin(typeName)) return qualifiedName(typeName);
        String lower = base.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "numeric", "decimal" -> {
                return numeric(typmods(typeName));
            }
            case "serial", "serial4", "bigserial", "serial8", "smallserial", "serial2" ->
                    throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + lower + "\" does not exist");
            case "inet", "cidr", "macaddr", "macaddr8", "money", "xml", "tsvector", "tsquery", "point", "line", "lseg",
                 "box", "path", "polygon", "circle", "int4range", "int8range", "numrange", "tsrange", "tstzrange",
                 "daterange", "pg_lsn", "txid_snapshot", "pg_snapshot" ->
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "type " + lower + " is not supported")
                            .withDetail("serve stores data in DuckDB, which has no equivalent of this type.");
            default -> {
                String simple = SIMPLE.get(lower);
                return simple != null ? simple : qualifiedName(typeName);
            }
        }
    }

    static String numeric(List<Long> mods) {
        if (mods.isEmpty()) return UNCONSTRAINED_NUMERIC;
        checkNumeric(mods);
        long precision = mods.get(0);
        long scale = mods.size() > 1 ? mods.get(1) : 0;
        if (precision > Literals.MAX_PRECISION) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "NUMERIC precision " + precision + " is not supported")
                    .withDetail("Numbers are held exactly in at most " + Literals.MAX_PRECISION + " digits.");
        }
        return "DECIMAL(" + precision + "," + scale + ")";
    }

    /** numeric's modifiers as PostgreSQL checks them: a precision of 1 to 1000, a scale of 0 to the precision (22023 else). */
    static void checkNumeric(List<Long> mods) {
        if (mods.isEmpty()) return;
        long precision = mods.get(0);
        long scale = mods.size() > 1 ? mods.get(1) : 0;
        if (precision < 1 || precision > 1000) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC precision " + precision + " must be between 1 and 1000");
        }
        if (scale < 0 || scale > precision) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "NUMERIC scale " + scale + " must be between 0 and precision " + precision);
        }
    }

    /** A type PostgreSQL does not have built in: a user's type, or DuckDB's own, with its modifiers as written. */
    private static String qualifiedName(Node typeName) {
        List<String> names = typeName.names("names");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i == 0 && names.size() > 1 && names.get(0).equals("pg_catalog")) continue;
            if (sb.length() > 0) sb.append('.');
            sb.append(SqlWriter.quoteIdent(names.get(i)));
        }
        List<Node> mods = typeName.list("typmods");
        if (!mods.isEmpty()) {
            sb.append('(');
            for (int i = 0; i < mods.size(); i++) {
                if (i > 0) sb.append(", ");
                Node m = mods.get(i);
                String text = Operators.stringConstant(m);
                if (text != null) sb.append(SqlWriter.quoteLiteral(text));
                else if (m.is("A_Const") && m.has("ival")) sb.append(m.node("ival").num("ival"));
                else if (m.is("ColumnRef")) sb.append(String.join(".", m.names("fields")));
                else throw new Emitter.Untranslatable("type modifier");
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
