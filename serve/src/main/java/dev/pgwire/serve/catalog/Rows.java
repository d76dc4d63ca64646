package dev.pgwire.serve.catalog;

import dev.pgwire.serve.catalog.CatalogDefinitions.Column;
import dev.pgwire.serve.catalog.CatalogDefinitions.Relation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one catalog relation, as the Java values its DuckDB table stores (Long for the OID
 * types, Short, Integer, Float, Double, Boolean, String, List for arrays). A new row starts with
 * the value PostgreSQL's catalogs hold when nothing is said: false, 0, or NULL for the columns
 * that may be NULL.
 */
final class Rows {
    final Relation relation;
    final List<Object[]> rows = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    Rows(Relation relation) {
        this.relation = relation;
        for (int i = 0; i < relation.columns().size(); i++) index.put(relation.columns().get(i).name(), i);
    }

    static boolean sameRow(Object[] a, Object[] b) {
        return a == b || java.util.Arrays.equals(a, b);
    }

    static boolean sameRows(List<Object[]> a, List<Object[]> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!sameRow(a.get(i), b.get(i))) return false;
        return true;
    }

    /** A new row with the defaults, added. */
    Row add() {
        Object[] values = new Object[relation.columns().size()];
        for (int i = 0; i < values.length; i++) values[i] = defaultValue(relation.columns().get(i));
        rows.add(values);
        return new Row(values);
    }

    /** A row read from PostgreSQL's COPY text. */
    void addText(String[] fields) {
        Object[] values = new Object[relation.columns().size()];
        for (int i = 0; i < values.length && i < fields.length; i++) {
            values[i] = fields[i] == null ? null : Values.fromText(relation.columns().get(i).duckDbType(), fields[i]);
        }
        rows.add(values);
    }

    int column(String name) {
        Integer i = index.get(name);
        if (i == null) throw new IllegalArgumentException(relation.name() + " has no column " + name);
        return i;
    }

    private static Object defaultValue(Column c) {
        if (!c.notNull()) return null;
        return switch (c.duckDbType()) {
            case "BOOLEAN" -> Boolean.FALSE;
            case "SMALLINT" -> (short) 0;
            case "INTEGER" -> 0;
            case "BIGINT" -> 0L;
            case "REAL" -> 0f;
            case "DOUBLE" -> 0d;
            case "VARCHAR" -> "";
            default -> c.duckDbType().endsWith("[]") ? List.of() : null;
        };
    }

    /** One row being filled. */
    final class Row {
        final Object[] values;

        Row(Object[] values) {
            this.values = values;
        }

        /** Sets a column; numbers are converted to the column's storage type. */
        Row set(String name, Object value) {
            int i = column(name);
            values[i] = Values.coerce(relation.columns().get(i).duckDbType(), value);
            return this;
        }
    }
}
