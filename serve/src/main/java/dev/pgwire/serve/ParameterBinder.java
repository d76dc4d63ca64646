package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgArray;
import dev.pgwire.protocol.types.PgInet;
import dev.pgwire.protocol.types.PgInterval;
import dev.pgwire.protocol.types.PgNumeric;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.serve.sql.TargetCoercion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Binds parameter values, as the type registry decoded them from Bind, to a DuckDB prepared
 * statement — always as values, never spliced into the SQL. Most Java values go in as they are;
 * the few the DuckDB driver does not take, or takes wrongly, go in as text DuckDB casts to the
 * parameter's type: infinities, dates before the common era, 24:00:00, timetz, intervals, inet.
 */
final class ParameterBinder {

    private final Object[] values;
    /** DuckDB's type name per parameter where known (for array element types), else null. */
    private final String[] duckDbTypes;
    private final int[] pgTypes;

    /** A statement without parameters (one of a simple Query). */
    static final ParameterBinder NONE = new ParameterBinder(new Object[0], new int[0], new String[0]);

    ParameterBinder(Object[] values, int[] pgTypes, String[] duckDbTypes) {
        this.values = values;
        this.pgTypes = pgTypes;
        this.duckDbTypes = duckDbTypes;
    }

    /** Parameter {@code number} (1-based) as the DuckDB driver takes it, or {@link ForeignKeys#NO_VALUE} for an array or no such parameter. */
    Object value(int number) {
        if (number < 1 || number > values.length) return ForeignKeys.NO_VALUE;
        Object v = values[number - 1];
        if (v == null) return null;
        if (v instanceof PgArray) return ForeignKeys.NO_VALUE;
        return scalar(v);
    }

    /** The types whose values DuckDB's VARCHAR takes as PostgreSQL's cast to text writes them. */
    private static final java.util.Set<Integer> AS_DUCKDB_WRITES = java.util.Set.of(0, PgType.UNKNOWN.oid(), PgType.TEXT.oid(),
            PgType.VARCHAR.oid(), PgType.BPCHAR.oid(), PgType.NAME.oid(), PgType.BOOL.oid());

    /**
     * A value of a typed parameter where DuckDB takes text (a text column, {@code $1::text},
     * format's arguments): the value's text as PostgreSQL's cast to text writes it — '1 day
     * 02:00:00', '{1,2}', a timestamp in the session's DateStyle — not the value in DuckDB's input
     * notation ('0 months 1 days …', '[1, 2]'). Any other value as it is.
     */
    static Object asText(Object v, int pgType, String duckDbType, dev.pgwire.protocol.types.CodecContext ctx) {
        if (v == null || AS_DUCKDB_WRITES.contains(pgType) || duckDbType == null || !duckDbType.trim().equalsIgnoreCase("VARCHAR")) return v;
        if (v instanceof String || v instanceof byte[]) return v;
        try {
            return dev.pgwire.protocol.types.TypeRegistry.standard().encodeText(pgType, v, ctx);
        } catch (RuntimeException noCodec) {
            return v;
        }
    }

    /** Sets every parameter of {@code ps}. */
    void bind(PreparedStatement ps) throws SQLException {
        ps.clearParameters();
        for (int i = 0; i < values.length; i++) bind(ps, i + 1, values[i], i);
    }

    private void bind(PreparedStatement ps, int index, Object v, int i) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.NULL);
        } else if (v instanceof PgArray a) {
            checkDimensions(a, i);
            String element = elementType(i, a);
            checkElementsExact(a, element);
            ps.setArray(index, array(ps.getConnection(), a, element));
        } else {
            Object scalar = scalar(v);
            checkExact(scalar, i);
            checkTimestampRange(scalar, index);
            String type = duckDbTypes[i] == null ? "" : duckDbTypes[i].trim().toUpperCase(java.util.Locale.ROOT);
            boolean real = type.equals("FLOAT") || type.equals("REAL") || type.equals("FLOAT4");
            if (scalar instanceof java.math.BigDecimal d && (real || type.equals("DOUBLE") || type.equals("FLOAT8"))) {
                // a numeric for a float: its nearest value, as PostgreSQL's numeric_float8 (the driver gave NULL beyond 38 digits)
                double x = d.doubleValue();
                if (real ? Float.isInfinite((float) x) : Double.isInfinite(x)) {
                    throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow")
                            .withDetail("Parameter $" + index + " is beyond the range of type " + (real ? "real" : "double precision") + ".");
                }
                ps.setDouble(index, x);
                return;
            }
            if (scalar instanceof java.math.BigDecimal d && type.equals("VARCHAR")) {
                ps.setString(index, d.toPlainString());
                return;
            }
            if (scalar instanceof java.math.BigDecimal d && Math.max(d.precision() - d.scale(), 0) + Math.max(d.scale(), 0) > 38) {
                // DuckDB's decimals hold 38 digits: more is an error, never the NULL the driver would bind
                throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                        .withDetail("Parameter $" + index + " has more than the 38 digits DuckDB's decimals hold.");
            }
            if (scalar instanceof String s) ps.setString(index, s); else ps.setObject(index, scalar);
        }
    }

    /**
     * A value bound to a numeric without modifier (DECIMAL(38,10) here) must fit it exactly: DuckDB
     * would round it where PostgreSQL stores every digit.
     */
    private void checkExact(Object scalar, int i) {
        String type = duckDbTypes[i];
        if (type == null || !type.replace(" ", "").equalsIgnoreCase(TargetCoercion.UNCONSTRAINED_NUMERIC)) return;
        if (scalar instanceof java.math.BigDecimal d) {
            TargetCoercion.checkFits(d);
        } else if (scalar instanceof String s) {
            try {
                TargetCoercion.checkFits(new java.math.BigDecimal(s.trim()));
            } catch (NumberFormatException e) {
                // DuckDB reports text that is no number
            }
        }
    }

    /**
     * The elements of an array bound as a list of numeric without modifier (DECIMAL(38,10) here)
     * must fit it exactly, as a numeric parameter must ({@link #checkExact}): DuckDB would round them.
     */
    private static void checkElementsExact(PgArray a, String elementType) {
        if (!elementType.replace(" ", "").equalsIgnoreCase(TargetCoercion.UNCONSTRAINED_NUMERIC)) return;
        for (Object e : a.elements()) {
            if (e != null && scalar(e) instanceof java.math.BigDecimal d) TargetCoercion.checkFits(d);
        }
    }

    /**
     * DuckDB counts a timestamp's microseconds since 1970 in a long, so its range ends in 294247
     * where PostgreSQL's reaches 294276: beyond it the driver failed with "long overflow".
     */
    private static void checkTimestampRange(Object scalar, int index) {
        long seconds;
        int nanos;
        if (scalar instanceof LocalDateTime t) {
            seconds = t.toEpochSecond(java.time.ZoneOffset.UTC);
            nanos = t.getNano();
        } else if (scalar instanceof OffsetDateTime t) {
            seconds = t.toEpochSecond();
            nanos = t.getNano();
        } else {
            return;
        }
        try {
            Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1000);
        } catch (ArithmeticException e) {
            throw new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range")
                    .withDetail("Parameter $" + index + " is beyond what DuckDB's timestamps hold (years 290309 BC to 294247 AD).");
        }
    }

    /** The value as the DuckDB driver takes it. */
    static Object scalar(Object v) {
        if (v instanceof PgNumeric n) return n.isFinite() ? n.bigDecimal() : (Object) n.doubleValue();
        if (v instanceof LocalDate d) {
            if (d.equals(LocalDate.MAX)) return "infinity";
            if (d.equals(LocalDate.MIN)) return "-infinity";
            // the driver drops the era of years before 1, and moves the days the Julian calendar skipped
            // (1582-10-05 to 1582-10-14) as java.sql.Date does: those go as text
            return d.getYear() <= 0 ? bc(d) : d.isBefore(GREGORIAN) ? d.toString() : d;
        }
        if (v instanceof LocalDateTime t) {
            if (t.equals(LocalDateTime.MAX)) return "infinity";
            if (t.equals(LocalDateTime.MIN)) return "-infinity";
            return t;
        }
        if (v instanceof OffsetDateTime t) {
            if (t.toLocalDateTime().equals(LocalDateTime.MAX)) return "infinity";
            if (t.toLocalDateTime().equals(LocalDateTime.MIN)) return "-infinity";
            return t;
        }
        if (v instanceof LocalTime t) return t.equals(LocalTime.MAX) ? "24:00:00" : t;
        if (v instanceof OffsetTime t) return t.toLocalTime().format(TIME) + t.getOffset().getId().replace("Z", "+00:00");
        if (v instanceof PgInterval i) return DuckDbText.intervalInput(i);
        if (v instanceof PgInet || v instanceof Character) return v.toString();
        return v;
    }

    /** The first day of the Gregorian calendar, before which java.sql.Date counts Julian days. */
    private static final LocalDate GREGORIAN = LocalDate.of(1582, 10, 15);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private static String bc(LocalDate d) {
        return String.format("%04d-%02d-%02d (BC)", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    /**
     * An array of more dimensions than the parameter's DuckDB list type has ({{a,b},{c,d}} for a
     * text[] parameter) is refused (0A000): DuckDB would turn each inner list into a string.
     */
    private void checkDimensions(PgArray a, int i) {
        String duckDb = duckDbTypes[i];
        if (duckDb == null) return;
        int depth = 0;
        for (String t = duckDb; PgTypes.listElementType(t) != null; t = PgTypes.listElementType(t)) depth++;
        if (depth == 0 || a.ndim() <= depth) return;
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "an array of " + a.ndim() + " dimensions cannot be bound to parameter $"
                + (i + 1) + " of " + depth + (depth == 1 ? " dimension" : " dimensions"))
                .withDetail("serve keeps as many dimensions as the type the parameter takes declares.");
    }

    /** DuckDB's element type for an array parameter: from DuckDB's parameter type, else the array's element OID. */
    private String elementType(int i, PgArray a) {
        String duckDb = duckDbTypes[i];
        if (duckDb != null) {
            String element = duckDb;
            while (PgTypes.listElementType(element) != null) element = PgTypes.listElementType(element);
            if (!element.equals(duckDb)) return element;
        }
        String fromOid = ParameterTypes.duckDbType(a.elementOid());
        if (fromOid == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "arrays of type " + a.elementOid()
                    + " cannot be bound as parameters (parameter $" + (i + 1) + ", type " + pgTypes[i] + ")");
        }
        return fromOid;
    }

    /** A DuckDB list of lists for a multidimensional array, built dimension by dimension. */
    private static java.sql.Array array(Connection c, PgArray a, String elementType) throws SQLException {
        if (a.ndim() == 0) return c.createArrayOf(elementType, new Object[0]);
        Object[] elements = a.elements();
        for (int i = 0; i < elements.length; i++) if (elements[i] != null) elements[i] = scalar(elements[i]);
        return nested(c, elements, a.dimensions(), 0, elementType);
    }

    private static java.sql.Array nested(Connection c, Object[] flat, int[] dims, int dim, String elementType)
            throws SQLException {
        String type = elementType + "[]".repeat(dims.length - dim - 1);
        if (dim == dims.length - 1) return c.createArrayOf(type, flat);
        int stride = flat.length / dims[dim];
        Object[] parts = new Object[dims[dim]];
        for (int i = 0; i < dims[dim]; i++) {
            parts[i] = nested(c, Arrays.copyOfRange(flat, i * stride, (i + 1) * stride), dims, dim + 1, elementType);
        }
        return c.createArrayOf(type, parts);
    }
}
