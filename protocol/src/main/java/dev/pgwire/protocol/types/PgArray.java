package dev.pgwire.protocol.types;

import java.util.Arrays;
import java.util.List;

/**
 * A value of a PostgreSQL array type: element type, the length and lower bound of each dimension,
 * and the elements in row-major order, null for NULL. An empty array has no dimensions.
 * Elements are the Java values of the element type's codec (Integer for int4, byte[] for bytea, ...).
 *
 * <pre>{@code
 * PgArray a = PgArray.of(PgType.INT4.oid(), 1, 2, null);          // {1,2,NULL}
 * PgArray m = new PgArray(PgType.INT4.oid(), new int[] {2, 2}, new int[] {1, 1},
 *         new Object[] {1, 2, 3, 4});                              // {{1,2},{3,4}}
 * }</pre>
 */
public record PgArray(int elementOid, int[] dimensions, int[] lowerBounds, Object[] elements) {

    /** PostgreSQL's MAXDIM. */
    public static final int MAX_DIMENSIONS = 6;

    public PgArray {
        if (dimensions.length != lowerBounds.length) {
            throw new IllegalArgumentException("dimensions and lowerBounds differ in length");
        }
        if (dimensions.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("more than " + MAX_DIMENSIONS + " dimensions");
        }
        long n = dimensions.length == 0 ? 0 : 1;
        for (int d : dimensions) {
            if (d < 1) throw new IllegalArgumentException("dimension length " + d + " < 1; use no dimensions for an empty array");
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("array too large");
        }
        for (int i = 0; i < dimensions.length; i++) {
            if ((long) lowerBounds[i] + dimensions[i] - 1 > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("upper bound of dimension " + (i + 1) + " overflows int");
            }
        }
        if (elements.length != n) {
            throw new IllegalArgumentException("dimensions hold " + n + " elements, got " + elements.length);
        }
        dimensions = dimensions.clone();
        lowerBounds = lowerBounds.clone();
        elements = elements.clone();
    }

    /** A one-dimensional array with lower bound 1 (empty if there are no elements). */
    public static PgArray of(int elementOid, Object... elements) {
        if (elements.length == 0) return empty(elementOid);
        return new PgArray(elementOid, new int[] {elements.length}, new int[] {1}, elements);
    }

    public static PgArray of(int elementOid, List<?> elements) {
        return of(elementOid, elements.toArray());
    }

    public static PgArray empty(int elementOid) {
        return new PgArray(elementOid, new int[0], new int[0], new Object[0]);
    }

    public int ndim() {
        return dimensions.length;
    }

    public int size() {
        return elements.length;
    }

    public boolean hasNulls() {
        for (Object e : elements) if (e == null) return true;
        return false;
    }

    @Override
    public int[] dimensions() {
        return dimensions.clone();
    }

    @Override
    public int[] lowerBounds() {
        return lowerBounds.clone();
    }

    @Override
    public Object[] elements() {
        return elements.clone();
    }

    /** Element at a flat (row-major) index, without copying. */
    public Object element(int index) {
        return elements[index];
    }

    int dimension(int i) {
        return dimensions[i];
    }

    int lowerBound(int i) {
        return lowerBounds[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgArray a && elementOid == a.elementOid && Arrays.equals(dimensions, a.dimensions)
                && Arrays.equals(lowerBounds, a.lowerBounds) && Arrays.deepEquals(elements, a.elements);
    }

    @Override
    public int hashCode() {
        return (elementOid * 31 + Arrays.hashCode(dimensions)) * 31 + Arrays.deepHashCode(elements);
    }

    @Override
    public String toString() {
        return "PgArray[elementOid=" + elementOid + ", dimensions=" + Arrays.toString(dimensions)
                + ", lowerBounds=" + Arrays.toString(lowerBounds) + ", elements=" + Arrays.deepToString(elements) + "]";
    }
}
