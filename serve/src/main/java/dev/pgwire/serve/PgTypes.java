package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgNumeric;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;
import dev.pgwire.serve.PgColumnType.Converter;
import dev.pgwire.serve.PgColumnType.Reader;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/**
 * Maps DuckDB column types (as {@code ResultSetMetaData.getColumnTypeName} spells them) to
 * PostgreSQL types, and DuckDB's values to the Java values of the shared type registry, which
 * writes PostgreSQL's text and binary forms. Integers widen to the next PostgreSQL integer that
 * holds every value (TINYINT → int2, UINTEGER → int8, UBIGINT/HUGEINT → numeric); STRUCT values
 * (composite types, row constructors) travel as text in PostgreSQL's record notation
 * ({@link RecordText}); MAP and UNION, which PostgreSQL lacks, as text in DuckDB's own notation.
 */
final class PgTypes {
    private PgTypes() {}

    /** The codecs serve writes values with; the same built-in set the server uses. */
    static final TypeRegistry REGISTRY = TypeRegistry.standard();

    // array types PgType does not name
    private static final PgType TIMETZ_ARRAY = new PgType(1270, "_timetz", (short) -1, 0);
    private static final PgType VARBIT_ARRAY = new PgType(1563, "_varbit", (short) -1, 0);
    private static final PgType RECORD_ARRAY = new PgType(PgType.RECORD.arrayOid(), "_record", (short) -1, 0);


    /** The mapping for a DuckDB type name such as {@code DECIMAL(10,3)} or {@code INTEGER[]}. */
    static PgColumnType forDuckDbType(String duckDbType) {
        String t = duckDbType.trim();
        String upper = t.toUpperCase(Locale.ROOT);
        String element = listElementType(t);
        if (element != null) return listOf(t, element);
        if (upper.startsWith("DECIMAL(") || upper.startsWith("NUMERIC(")) return decimal(t);
        if (upper.startsWith("ENUM")) return textual(t, PgType.TEXT);
        if (upper.startsWith("STRUCT(") || upper.startsWith("TUPLE(")) return RecordText.of(t);
        if (upper.startsWith("MAP") || upper.startsWith("UNION")) return textual(t, PgType.TEXT);
        switch (upper) {
            case "BOOLEAN":
                return new PgColumnType(t, PgType.BOOL, -1, DuckDbValues.objectReader(), (v, c) -> v);
            case "TINYINT":
            case "UTINYINT":
            case "SMALLINT":
                return integral(t, PgType.INT2);
            case "USMALLINT":
            case "INTEGER":
                return integral(t, PgType.INT4);
            case "UINTEGER":
            case "BIGINT":
                return integral(t, PgType.INT8);
            case "UBIGINT":
            case "HUGEINT":
            case "UHUGEINT":
            case "BIGNUM":
            case "VARINT":
                return new PgColumnType(t, PgType.NUMERIC, -1, DuckDbValues.objectReader(),
                        (v, c) -> PgNumeric.of(v instanceof BigDecimal d ? d : new BigDecimal(v.toString())));
            case "FLOAT":
                return new PgColumnType(t, PgType.FLOAT4, -1, DuckDbValues.objectReader(), (v, c) -> ((Number) v).floatValue());
            case "DOUBLE":
                return new PgColumnType(t, PgType.FLOAT8, -1, DuckDbValues.objectReader(), (v, c) -> ((Number) v).doubleValue());
            case "VARCHAR":
                return textual(t, PgType.TEXT);
            case "JSON":
                return textual(t, PgType.JSON);
            case "BIT":
                return textual(t, PgType.VARBIT);
            case "BLOB":
                return new PgColumnType(t, PgType.BYTEA, -1, (rs, i) -> rs.getBytes(i), (v, c) -> DuckDbValues.bytes(v));
            case "UUID":
                return new PgColumnType(t, PgType.UUID, -1, DuckDbValues.objectReader(),
                        (v, c) -> v instanceof UUID ? v : UUID.fromString(v.toString()));
            case "DATE":
                return new PgColumnType(t, PgType.DATE, -1, DuckDbValues.objectReader(), (v, c) -> DuckDbValues.date((LocalDate) v));
            case "TIME":
                return new PgColumnType(t, PgType.TIME, -1, DuckDbValues::readTime, (v, c) -> DuckDbValues.time(v));
            case "TIME WITH TIME ZONE":
                return new PgColumnType(t, PgType.TIMETZ, -1, DuckDbValues.objectReader(), (v, c) -> v);
            case "TIMESTAMP":
                return new PgColumnType(t, PgType.TIMESTAMP, -1, DuckDbValues::readMicros, (v, c) -> DuckDbValues.timestamp(v));
            case "TIMESTAMP_S":
            case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
                return new PgColumnType(t, PgType.TIMESTAMP, -1, DuckDbValues::readLocalDateTime, (v, c) -> DuckDbValues.timestamp(v));
            case "TIMESTAMP WITH TIME ZONE":
                return new PgColumnType(t, PgType.TIMESTAMPTZ, -1, DuckDbValues::readMicros, (v, c) -> DuckDbValues.timestampTz(v));
            case "INTERVAL":
                return new PgColumnType(t, PgType.INTERVAL, -1, (rs, i) -> rs.getString(i),
                        (v, c) -> DuckDbText.interval(v.toString()));
            default:
                // "NULL" (an untyped NULL literal), VARIANT, GEOMETRY and whatever comes next
                return textual(t, PgType.TEXT);
        }
    }

    /**
     * The column as PostgreSQL reports it when the translation knows its PostgreSQL type and
     * DuckDB's type says less: text that is varchar, char(n) (padded to its length) or name, json
     * that is jsonb, numeric without a modifier (shown at its own scale), and numeric results
     * DuckDB handed over as their exact text.
     */
    /** Types of catalog columns the registry has no constant for. */
    private static final java.util.Map<String, PgType> OTHER_TYPES = java.util.Map.of(
            "pg_node_tree", new PgType(194, "pg_node_tree", (short) -1, 0), "aclitem", PgType.ACLITEM,
            "pg_lsn", new PgType(3220, "pg_lsn", (short) 8, 3221), "anyarray", PgType.ANYARRAY,
            "pg_ndistinct", new PgType(3361, "pg_ndistinct", (short) -1, 0),
            "pg_dependencies", new PgType(3402, "pg_dependencies", (short) -1, 0),
            "pg_mcv_list", new PgType(5017, "pg_mcv_list", (short) -1, 0));

    /** Arrays of catalog types, announced with PostgreSQL's array OID. */
    private static final java.util.Map<String, PgType> CATALOG_ARRAYS = java.util.Map.of(
            "oid", new PgType(1028, "_oid", (short) -1, 0), "name", new PgType(1003, "_name", (short) -1, 0),
            "char", new PgType(1002, "_char", (short) -1, 0), "aclitem", new PgType(1034, "_aclitem", (short) -1, 0),
            "regtype", new PgType(2211, "_regtype", (short) -1, 0));

    private static boolean integral(int oid) {
        return oid == PgType.INT2.oid() || oid == PgType.INT4.oid() || oid == PgType.INT8.oid() || oid == PgType.OID.oid();
    }

    /** int2vector and oidvector print as their numbers separated by spaces. */
    private static String vector(Object v) {
        StringBuilder sb = new StringBuilder();
        for (Object o : DuckDbValues.toObjectArray(v)) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(o);
        }
        return sb.toString();
    }

    /**
     * A result column of DuckDB type {@code duckDbType} as PostgreSQL describes it, where the
     * translation knows its PostgreSQL type as {@code hint} (or null): {@link #withHint} for
     * built-in types; a STRUCT is a composite type of the user's ({@code users} gives its OID and
     * attribute types) or {@code record}; an ENUM is the user's enum type (its OID; binary is the
     * label's text, as enum_send writes it).
     */
    static PgColumnType resultColumn(String duckDbType, dev.pgwire.serve.sql.SqlType hint, UserTypes users) {
        String upper = duckDbType.trim().toUpperCase(Locale.ROOT);
        String element = listElementType(duckDbType.trim());
        String upperElement = element == null ? "" : element.toUpperCase(Locale.ROOT);
        if (element == null && (upper.startsWith("STRUCT(") || upper.startsWith("TUPLE("))) {
            UserTypes.Composite c = hint != null && !hint.isArray() ? users.composite(hint.name()) : null;
            return c != null ? RecordText.typed(duckDbType, c.type(), c.attributeTypes()) : RecordText.typed(duckDbType, PgType.RECORD, null);
        }
        if (upperElement.startsWith("STRUCT(") || upperElement.startsWith("TUPLE(")) {
            UserTypes.Composite c = hint != null && hint.dims() == 1 ? users.composite(hint.name()) : null;
            if (c != null && c.type().arrayOid() != 0) {
                return RecordText.array(duckDbType, new PgType(c.type().arrayOid(), "_" + c.type().name(), (short) -1, 0),
                        RecordText.typed(element, c.type(), c.attributeTypes()));
            }
            if (hint == null) return RecordText.array(duckDbType, RECORD_ARRAY, RecordText.typed(element, PgType.RECORD, null));
        }
        PgColumnType base = withHint(forDuckDbType(duckDbType), hint);
        if (hint == null || !upper.startsWith("ENUM")) return base;
        PgType enumType = users.enumType(hint.name());
        if (enumType == null) return base;
        if (!hint.isArray()) {
            return new PgColumnType(duckDbType, enumType, -1, base::read, (v, c) -> {
                String label = base.text(v, c);
                return new PgColumnType.Literal(label, label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
        }
        if (base.pgType.oid() != PgType.TEXT_ARRAY.oid() || enumType.arrayOid() == 0) return base;
        // an array of labels: text[]'s text, and text[]'s binary with the enum as element type
        // (enum_send writes a label as text does)
        return new PgColumnType(duckDbType, new PgType(enumType.arrayOid(), "_" + enumType.name(), (short) -1, 0), -1, base::read,
                (v, c) -> {
                    Object pg = base.pgValue(v, c);
                    if (!(pg instanceof dev.pgwire.protocol.types.PgArray a)) return pg;
                    byte[] binary = REGISTRY.encode(PgType.TEXT_ARRAY.oid(), a, dev.pgwire.protocol.types.TypeRegistry.BINARY, c);
                    java.nio.ByteBuffer.wrap(binary).putInt(8, enumType.oid());
                    return new PgColumnType.Literal(REGISTRY.encodeText(PgType.TEXT_ARRAY.oid(), a, c), binary);
                });
    }

    /**
     * A varchar[] column (DuckDB's VARCHAR[]) announced as PostgreSQL's varchar[] (1015): text[]'s
     * text, and text[]'s binary with varchar as the element type (varcharsend writes as textsend).
     */
    private static PgColumnType varcharArray(PgColumnType base) {
        return new PgColumnType(base.duckDbType, PgType.VARCHAR_ARRAY, -1, base::read, (v, c) -> {
            Object pg = base.pgValue(v, c);
            if (!(pg instanceof dev.pgwire.protocol.types.PgArray a)) return pg;
            byte[] binary = REGISTRY.encode(PgType.TEXT_ARRAY.oid(), a, dev.pgwire.protocol.types.TypeRegistry.BINARY, c);
            java.nio.ByteBuffer.wrap(binary).putInt(8, PgType.VARCHAR.oid());
            return new PgColumnType.Literal(REGISTRY.encodeText(PgType.TEXT_ARRAY.oid(), a, c), binary);
        });
    }

    static PgColumnType withHint(PgColumnType base, dev.pgwire.serve.sql.SqlType hint) {
        if (hint != null && hint.isArray()) {
            if (hint.is(dev.pgwire.serve.sql.SqlType.JSONB.arrayOf()) && base.pgType.oid() == PgType.JSON_ARRAY.oid()) return jsonbArray(base);
            if (hint.name().equals("numeric") && hint.typmod() == -1 && base.pgType.oid() == PgType.NUMERIC.arrayType().oid()
                    && base.duckDbType.replace(" ", "").toUpperCase(Locale.ROOT).startsWith("DECIMAL(38,")) {
                // elements of numeric[] without a modifier show the digits they have, as a numeric does
                return new PgColumnType(base.duckDbType, base.pgType, -1, base::read, (v, c) -> minimalScaleElements(base.pgValue(v, c)));
            }
            if (hint.name().equals("varchar") && hint.dims() == 1 && base.pgType.oid() == PgType.TEXT_ARRAY.oid()) return varcharArray(base);
            PgType array = CATALOG_ARRAYS.get(hint.name());
            if (base.pgType.oid() == PgType.TEXT.oid() && hint.dims() == 1) return arrayText(base, hint);
            if (array == null || !base.pgType.name().startsWith("_")) return base;
            // the elements print as the element type does; the array is announced as PostgreSQL's
            return new PgColumnType(base.duckDbType, array, -1, base::read,
                    (v, c) -> new PgColumnType.Literal(base.text(v, c)));
        }
        if (hint == null && base.pgType.oid() == PgType.NUMERIC.oid() && unconstrainedNumeric(base)) {
            // where the statement's type is not known (a user function's result): numeric as a column without modifier shows it
            return minimalScaleNumeric(base);
        }
        if (hint == null) return base;
        int oid = base.pgType.oid();
        boolean text = oid == PgType.TEXT.oid();
        switch (hint.name()) {
            case "varchar":
                return text ? relabel(base, PgType.VARCHAR, hint.typmod()) : base;
            case "name":
                return text ? relabel(base, PgType.NAME, -1) : base;
            case "void":
                return text ? relabel(base, PgType.VOID, -1) : base;
            case "int2":
            case "int4":
            case "int8":
                return narrowed(base, hint.name());
            case "bpchar":
                if (!text) return base;
                int length = hint.typmod() - 4;
                return new PgColumnType(base.duckDbType, PgType.BPCHAR, hint.typmod(), base::read,
                        (v, c) -> length > 0 ? padded(v.toString(), length) : v.toString());
            case "json":
                return text ? relabel(base, PgType.JSON, -1) : base;
            case "record":
                return text ? relabel(base, PgType.RECORD, -1) : base;
            case "jsonb":
                // DuckDB keeps JSON as written; jsonb is PostgreSQL's normal form (sorted keys, one of each, spaced)
                return text || oid == PgType.JSON.oid()
                        ? new PgColumnType(base.duckDbType, PgType.JSONB, -1, base::read,
                                (v, c) -> REGISTRY.decodeText(PgType.JSONB.oid(), v.toString(), c))
                        : base;
            case "numeric":
                if (text) {
                    // PostgreSQL's text of a numeric, ±Infinity included (EXTRACT of an infinite moment)
                    return new PgColumnType(base.duckDbType, PgType.NUMERIC, -1, base::read,
                            (v, c) -> PgNumeric.parse(v.toString()));
                }
                if (oid == PgType.NUMERIC.oid() && hint.typmod() == -1 && base.typeModifier != -1) {
                    return unconstrainedNumeric(base) ? minimalScaleNumeric(base)
                            : new PgColumnType(base.duckDbType, PgType.NUMERIC, -1, base::read, base::pgValue);
                }
                return base;
            case "oid":
                return integral(oid) ? new PgColumnType(base.duckDbType, PgType.OID, -1, base::read,
                        (v, c) -> ((Number) v).longValue()) : base;
            case "xid":
            case "cid":
                return integral(oid) ? new PgColumnType(base.duckDbType, hint.name().equals("xid") ? PgType.XID : PgType.CID, -1,
                        base::read, (v, c) -> new PgColumnType.Literal(v.toString())) : base;
            case "char":
                return text ? relabel(base, PgType.CHAR, -1) : base;
            case "int2vector":
            case "oidvector":
                return new PgColumnType(base.duckDbType, hint.name().equals("int2vector") ? PgType.INT2VECTOR : PgType.OIDVECTOR, -1,
                        base::read, (v, c) -> new PgColumnType.Literal(vector(v)));
            case "pg_node_tree":
            case "aclitem":
            case "pg_lsn":
            case "anyarray":
            case "pg_ndistinct":
            case "pg_dependencies":
            case "pg_mcv_list":
                PgType other = OTHER_TYPES.get(hint.name());
                return text ? new PgColumnType(base.duckDbType, other, -1, base::read, (v, c) -> new PgColumnType.Literal(v.toString()))
                        : base;
            case "regtype":
            case "regclass":
            case "regproc":
            case "regnamespace":
            case "regprocedure":
            case "regrole":
                PgType reg = switch (hint.name()) {
                    case "regtype" -> PgType.REGTYPE;
                    case "regclass" -> PgType.REGCLASS;
                    case "regproc" -> PgType.REGPROC;
                    case "regprocedure" -> PgType.REGPROCEDURE;
                    case "regrole" -> PgType.REGROLE;
                    default -> PgType.REGNAMESPACE;
                };
                return text ? new PgColumnType(base.duckDbType, reg, -1, base::read, (v, c) -> new PgColumnType.Literal(v.toString()))
                        : base;
            default:
                return base;
        }
    }

    /**
     * An array the translation wrote as PostgreSQL's text (one counted from 0, as an oidvector cast
     * to an array: {@code [0:1]={26,23}}): announced as its array type, read back from that text.
     */
    private static PgColumnType arrayText(PgColumnType base, dev.pgwire.serve.sql.SqlType hint) {
        PgType array = CATALOG_ARRAYS.get(hint.name());
        if (array == null) {
            PgType element = PgType.byName(hint.name());
            array = element == null ? null : element.arrayType();
        }
        if (array == null) return base;
        PgType announced = array;
        boolean codec = REGISTRY.codec(announced.oid()) != null;
        return new PgColumnType(base.duckDbType, announced, -1, base::read, (v, c) -> {
            String text = base.text(v, c);
            return codec ? REGISTRY.decodeText(announced.oid(), text, c) : new PgColumnType.Literal(text);
        });
    }

    /** A DuckDB JSON[] that is a jsonb[]: its elements in jsonb's normal form. */
    private static PgColumnType jsonbArray(PgColumnType base) {
        return new PgColumnType(base.duckDbType, PgType.JSONB_ARRAY, -1, base::read, (v, c) -> {
            Object value = base.pgValue(v, c);
            if (!(value instanceof dev.pgwire.protocol.types.PgArray a)) return value;
            Object[] elements = new Object[a.elements().length];
            for (int i = 0; i < elements.length; i++) {
                Object e = a.elements()[i];
                elements[i] = e == null ? null : REGISTRY.decodeText(PgType.JSONB.oid(), e.toString(), c);
            }
            return new dev.pgwire.protocol.types.PgArray(PgType.JSONB.oid(), a.dimensions(), a.lowerBounds(), elements);
        });
    }

    /** PostgreSQL's type of a DuckDB column type (for columns serve did not define itself). */
    static dev.pgwire.serve.sql.PgTypeName pgTypeName(String duckDbType) {
        PgColumnType t = forDuckDbType(duckDbType);
        String name = t.pgType.name();
        boolean array = name.startsWith("_") && listElementType(duckDbType.trim()) != null;
        return new dev.pgwire.serve.sql.PgTypeName(array ? name.substring(1) : name, t.typeModifier, array ? 1 : 0, true);
    }

    /**
     * An integer PostgreSQL types narrower than DuckDB computed it (generate_series over int4,
     * date - date, ntile, sum(int4) over a window): the value converted, 22003 if it does not fit.
     */
    private static PgColumnType narrowed(PgColumnType base, String hint) {
        String duck = base.duckDbType.trim().toUpperCase(java.util.Locale.ROOT);
        boolean wider = switch (hint) {
            case "int2" -> duck.equals("INTEGER") || duck.equals("BIGINT") || duck.equals("HUGEINT");
            case "int4" -> duck.equals("BIGINT") || duck.equals("HUGEINT");
            default -> duck.equals("HUGEINT");
        };
        if (!wider) return base;
        PgType type = hint.equals("int2") ? PgType.INT2 : hint.equals("int4") ? PgType.INT4 : PgType.INT8;
        long min = hint.equals("int2") ? Short.MIN_VALUE : hint.equals("int4") ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = hint.equals("int2") ? Short.MAX_VALUE : hint.equals("int4") ? Integer.MAX_VALUE : Long.MAX_VALUE;
        String label = hint.equals("int2") ? "smallint" : hint.equals("int8") ? "bigint" : "integer";
        return new PgColumnType(base.duckDbType, type, -1, base::read, (v, c) -> {
            long l;
            try {
                l = v instanceof Long || v instanceof Integer || v instanceof Short ? ((Number) v).longValue()
                        : new BigDecimal(v.toString()).longValueExact(); // HUGEINT beyond bigint throws
            } catch (ArithmeticException beyondBigint) {
                throw outOfRange(label);
            }
            if (l < min || l > max) throw outOfRange(label);
            return hint.equals("int2") ? (Object) (short) l : hint.equals("int4") ? (Object) (int) l : (Object) l;
        });
    }

    private static dev.pgwire.protocol.PgException outOfRange(String label) {
        return new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.NUMERIC_VALUE_OUT_OF_RANGE, label + " out of range");
    }

    private static PgColumnType relabel(PgColumnType base, PgType type, int typmod) {
        return new PgColumnType(base.duckDbType, type, typmod, base::read, base::pgValue);
    }

    private static String padded(String s, int length) {
        int n = s.codePointCount(0, s.length());
        return n >= length ? s : s + " ".repeat(length - n);
    }

    /** The elements of a numeric array at their own scale (see {@link #minimalScale}). */
    private static Object minimalScaleElements(Object value) {
        if (!(value instanceof dev.pgwire.protocol.types.PgArray a)) return value;
        Object[] elements = a.elements().clone();
        for (int i = 0; i < elements.length; i++) {
            if (elements[i] instanceof PgNumeric n && n.isFinite()) elements[i] = PgNumeric.of(minimalScale(n.bigDecimal()));
        }
        return new dev.pgwire.protocol.types.PgArray(a.elementOid(), a.dimensions(), a.lowerBounds(), elements);
    }

    /** A numeric without declared scale shows the digits it has: DuckDB's fixed scale adds zeros. */
    /** Whether a DECIMAL column is serve's storage of numeric without a modifier (DECIMAL(38, s), s at least serve's scale). */
    private static boolean unconstrainedNumeric(PgColumnType base) {
        return base.typeModifier != -1 && base.duckDbType.replace(" ", "").toUpperCase(Locale.ROOT).startsWith("DECIMAL(38,")
                && ((base.typeModifier - 4) & 0xffff) >= dev.pgwire.serve.sql.SqlType.UNCONSTRAINED_SCALE;
    }

    /** numeric without modifier, showing the digits each value has rather than the stored scale. */
    private static PgColumnType minimalScaleNumeric(PgColumnType base) {
        return new PgColumnType(base.duckDbType, PgType.NUMERIC, -1, base::read,
                (v, c) -> PgNumeric.of(minimalScale(v instanceof BigDecimal d ? d : new BigDecimal(v.toString()))));
    }

    static BigDecimal minimalScale(BigDecimal d) {
        if (d.signum() == 0) return BigDecimal.ZERO;
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The element type of a DuckDB list or fixed-size array type name, or null. */
    static String listElementType(String duckDbType) {
        if (!duckDbType.endsWith("]")) return null;
        int open = duckDbType.lastIndexOf('[');
        if (open <= 0) return null;
        String size = duckDbType.substring(open + 1, duckDbType.length() - 1);
        if (!size.chars().allMatch(Character::isDigit)) return null;
        return duckDbType.substring(0, open);
    }

    // ---------------------------------------------------------------- families

    private static PgColumnType integral(String duckDbType, PgType pgType) {
        return new PgColumnType(duckDbType, pgType, -1, DuckDbValues.objectReader(), (v, c) -> v);
    }

    /** Columns whose DuckDB text already is the PostgreSQL text (or the best available). */
    private static PgColumnType textual(String duckDbType, PgType pgType) {
        return new PgColumnType(duckDbType, pgType, -1, (rs, i) -> rs.getString(i), (v, c) -> v.toString());
    }

    private static PgColumnType decimal(String duckDbType) {
        int typmod = -1;
        int open = duckDbType.indexOf('(');
        int close = duckDbType.indexOf(')');
        String[] ps = duckDbType.substring(open + 1, close).split(",");
        if (ps.length == 2) {
            int precision = Integer.parseInt(ps[0].trim());
            int scale = Integer.parseInt(ps[1].trim());
            typmod = ((precision << 16) | scale) + 4; // VARHDRSZ, as numeric's typmod
        }
        return new PgColumnType(duckDbType, PgType.NUMERIC, typmod, (rs, i) -> rs.getBigDecimal(i),
                (v, c) -> PgNumeric.of(v instanceof BigDecimal d ? d : new BigDecimal(v.toString())));
    }

    /**
     * A DuckDB list becomes a PostgreSQL array of the element's type; lists of lists stay one
     * array type, as PostgreSQL arrays are multidimensional. Lists of types without a PostgreSQL
     * array (structs, maps) travel as text.
     */
    private static PgColumnType listOf(String duckDbType, String elementType) {
        String inner = elementType;
        while (listElementType(inner) != null) inner = listElementType(inner);
        PgColumnType leaf = forDuckDbType(inner);
        PgType arrayType = arrayTypeOf(leaf.pgType);
        String upperInner = inner.toUpperCase(Locale.ROOT);
        if (arrayType == null || upperInner.startsWith("MAP") || upperInner.startsWith("UNION")) {
            return textual(duckDbType, PgType.TEXT);
        }
        PgColumnType element = forDuckDbType(elementType);
        boolean nested = listElementType(elementType) != null;
        boolean hasCodec = REGISTRY.codec(arrayType.oid()) != null;
        Converter converter = (v, c) -> DuckDbText.array(DuckDbValues.toObjectArray(v), element, nested, leaf.pgType, hasCodec, c);
        String upperElement = elementType.toUpperCase(Locale.ROOT);
        Reader reader = upperElement.equals("TIMESTAMP") || upperElement.equals("TIMESTAMP WITH TIME ZONE")
                ? DuckDbValues::readMicrosArray : DuckDbValues::readArray;
        return new PgColumnType(duckDbType, arrayType, leaf.typeModifier, reader, converter);
    }

    private static PgType arrayTypeOf(PgType element) {
        if (element.oid() == PgType.TIMETZ.oid()) return TIMETZ_ARRAY;
        if (element.oid() == PgType.VARBIT.oid()) return VARBIT_ARRAY;
        return element.arrayType();
    }
}
