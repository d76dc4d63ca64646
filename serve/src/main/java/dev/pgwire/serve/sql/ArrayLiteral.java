package dev.pgwire.serve.sql;

import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgArray;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;

import java.util.Arrays;
import java.util.List;

/**
 * PostgreSQL array literals ({@code '{1,2}'}, {@code '{{a,"b c"},{NULL,d}}'}) read by
 * PostgreSQL's array input rules (the type registry's), written as DuckDB lists whose elements are
 * cast from their text, as PostgreSQL reads each element with the element type's input function.
 */
final class ArrayLiteral {
    private ArrayLiteral() {}

    private static final TypeRegistry REGISTRY = TypeRegistry.standard();

    static PgArray parse(String text) {
        PgArray a = (PgArray) REGISTRY.decodeText(PgType.TEXT_ARRAY.oid(), text, CodecContext.DEFAULT);
        for (int lower : a.lowerBounds()) {
            if (lower != 1) {
                // DuckDB's lists start at 1: '[0:1]={7,8}' would have its subscripts moved
                throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.FEATURE_NOT_SUPPORTED,
                        "array lower bounds other than 1 are not supported: \"" + text + "\"");
            }
        }
        return a;
    }

    /** The number of dimensions of an array literal's text, or 0 when it is not one. */
    static int dimensions(String text) {
        try {
            return parse(text).ndim();
        } catch (RuntimeException e) {
            return 0; // not an array literal: the cast reports it
        }
    }

    /** The elements of a one-dimensional literal (null for NULL elements), or null if it has more dimensions. */
    static List<String> parseOneDimension(String text) {
        PgArray a = parse(text);
        if (a.ndim() > 1) return null;
        return Arrays.asList(Arrays.copyOf(a.elements(), a.elements().length, String[].class));
    }

    /** Writes the literal as a DuckDB list of {@code elementType}. */
    static void write(Emitter em, String text, String elementType, String pgElementName) {
        PgArray a = parse(text);
        SqlWriter w = em.w;
        int dims = Math.max(a.ndim(), 1);
        w.append("CAST(");
        if (a.ndim() == 0) {
            w.append("[]");
        } else {
            int[] index = {0};
            nested(w, a, 0, index, pgElementName);
        }
        w.append(" AS ").append(elementType).append("[]".repeat(dims)).append(')');
    }

    private static void nested(SqlWriter w, PgArray a, int dim, int[] index, String pgElementName) {
        w.append('[');
        int n = a.dimensions()[dim];
        for (int i = 0; i < n; i++) {
            if (i > 0) w.append(", ");
            if (dim + 1 < a.ndim()) {
                nested(w, a, dim + 1, index, pgElementName);
            } else {
                Object e = a.elements()[index[0]++];
                if (e == null) {
                    w.append("NULL");
                } else if (pgElementName.equals("bytea")) {
                    w.append(Bytea.literal((String) e));
                } else if (pgElementName.equals("bool") || pgElementName.equals("boolean")) {
                    w.append(Booleans.parse((String) e) ? "true" : "false");
                } else if (NumberInput.integerElement((String) e, pgElementName) != null) {
                    // '{1.5}'::int[] is 22P02, as int4in reads it (DuckDB's cast would round it)
                    w.literal(NumberInput.integerElement((String) e, pgElementName));
                } else {
                    w.literal((String) e);
                }
            }
        }
        w.append(']');
    }
}
