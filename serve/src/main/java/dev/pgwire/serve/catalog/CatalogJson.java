package dev.pgwire.serve.catalog;

import dev.pgwire.serve.catalog.CatalogDefinitions.Column;
import dev.pgwire.serve.catalog.CatalogDefinitions.Relation;
import dev.pgwire.serve.sql.ColumnMeta;

import java.util.Collection;
import java.util.List;

/** Catalog rows as JSON, the form queries read them in through {@code from_json} (see {@link TempCatalog}). */
final class CatalogJson {
    private CatalogJson() {
    }

    /** The DuckDB type {@code from_json} reads a JSON array of {@code r}'s rows as. */
    static String type(Relation r) {
        StringBuilder type = new StringBuilder("[{");
        for (int i = 0; i < r.columns().size(); i++) {
            Column c = r.columns().get(i);
            if (i > 0) type.append(',');
            type.append('"').append(c.name().replace("\"", "\\\"")).append("\":\"").append(c.duckDbType()).append('"');
        }
        return type.append("}]").toString();
    }

    /** The rows of a catalog relation. */
    static String rows(Rows rows) {
        return rows(rows.rows, rows.relation.columns());
    }

    /** {@code rows}, each an object of {@code columns}' names. */
    static String rows(List<Object[]> rows, List<Column> columns) {
        StringBuilder sb = new StringBuilder("[");
        for (Object[] row : rows) {
            if (sb.length() > 1) sb.append(',');
            sb.append('{');
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append(ColumnMeta.toJsonString(columns.get(i).name()));
                sb.append(':');
                value(sb, i < row.length ? row[i] : null);
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static void value(StringBuilder sb, Object v) {
        if (v == null) sb.append("null");
        else if (v instanceof Boolean || v instanceof Short || v instanceof Integer || v instanceof Long) sb.append(v);
        else if (v instanceof Float f && Float.isFinite(f)) sb.append(f);
        else if (v instanceof Double d && Double.isFinite(d)) sb.append(d);
        else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) sb.append(',');
                value(sb, o);
                first = false;
            }
            sb.append(']');
        } else sb.append(ColumnMeta.toJsonString(v.toString()));
    }
}
