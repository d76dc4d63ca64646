package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.List;
import java.util.Set;

/** What CREATE INDEX says of each key beyond the column or expression, and the keys DuckDB cannot index. */
final class IndexKeys {
    private IndexKeys() {}

    /** The operator classes PostgreSQL uses when none is named, which pg_get_indexdef leaves out. */
    private static final Set<String> DEFAULT_OPCLASSES = Set.of("int2_ops", "int4_ops", "int8_ops", "numeric_ops", "float4_ops",
            "float8_ops", "text_ops", "varchar_ops", "bpchar_ops", "bool_ops", "date_ops", "time_ops", "timetz_ops", "timestamp_ops",
            "timestamptz_ops", "interval_ops", "uuid_ops", "bytea_ops", "oid_ops", "name_ops", "char_ops", "jsonb_ops", "array_ops",
            "enum_ops", "record_ops");

    /**
     * A key's operator class (when not the default), DESC and NULLS FIRST/LAST where they differ
     * from the default order, as pg_get_indexdef writes them after the key.
     */
    static String decoration(Node elem) {
        StringBuilder sb = new StringBuilder();
        List<Node> opclass = elem.list("opclass");
        if (!opclass.isEmpty()) {
            String name = opclass.get(opclass.size() - 1).str("sval");
            if (name != null && !DEFAULT_OPCLASSES.contains(name)) sb.append(' ').append(name);
        }
        boolean desc = "SORTBY_DESC".equals(elem.str("ordering"));
        if (desc) sb.append(" DESC");
        String nulls = elem.str("nulls_ordering");
        if ("SORTBY_NULLS_FIRST".equals(nulls) && !desc) sb.append(" NULLS FIRST");
        if ("SORTBY_NULLS_LAST".equals(nulls) && desc) sb.append(" NULLS LAST");
        return sb.toString();
    }

    /**
     * pg_index.indoption of each key: 1 for DESC, 2 for NULLS FIRST (DESC alone sorts NULLs first,
     * so it is 3); null when every key is ascending with NULLs last.
     */
    static List<String> options(List<Node> elems) {
        List<String> out = new java.util.ArrayList<>();
        boolean any = false;
        for (Node e : elems) {
            boolean desc = "SORTBY_DESC".equals(e.str("ordering"));
            String nulls = e.str("nulls_ordering");
            boolean nullsFirst = "SORTBY_NULLS_FIRST".equals(nulls) || desc && !"SORTBY_NULLS_LAST".equals(nulls);
            int option = (desc ? 1 : 0) | (nullsFirst ? 2 : 0);
            any |= option != 0;
            out.add(Integer.toString(option));
        }
        return any ? out : null;
    }

    /** DuckDB indexes scalar values only: an index on an array column is refused with a clear error. */
    static void refuseArrays(List<Node> elems, CatalogView.Relation table) {
        if (table == null) return;
        for (Node e : elems) {
            if (e.node("expr") != null) continue;
            CatalogView.ColumnInfo c = table.column(e.str("name"));
            if (c == null || c.pgType() == null || !c.pgType().isArray()) continue;
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "an index on array column \"" + e.str("name") + "\" is not supported")
                    .withDetail("serve keeps data in DuckDB, whose indexes hold scalar values only.")
                    .withHint("Queries on the column work without the index.");
        }
    }
}
