package dev.pgwire.serve.sql;

import java.util.List;

/**
 * The tables a translation may need to know: the relation a statement writes to (its columns'
 * PostgreSQL types, sequences and identity) and the relations a query reads (to type and name its
 * result columns). Resolved as the session sees them: its search_path, its temporary tables.
 */
public interface CatalogView {
    /** The relation {@code name} (in {@code schema}, or found on search_path when null), or null. */
    Relation relation(String schema, String name);

    /**
     * The views and materialized views of the database: {schema, name, the query as written (null
     * where serve did not record it), "view" or "materialized view", a view's DuckDB definition
     * (its stars written out as the columns they stood for; null for a materialized view)}.
     */
    default List<String[]> views() {
        return List.of();
    }

    /** The tables with a foreign key referencing {@code table} (for the errors of deleting referenced rows). */
    default List<Relation> referencing(String table) {
        return List.of();
    }

    /** A table or view and its columns in order. */
    record Relation(String schema, String name, boolean view, List<ColumnInfo> columns, String comment) {

        /** What serve recorded of the table's PostgreSQL definition (its constraints' names, its comment). */
        public TableMeta meta() {
            return TableMeta.read(comment);
        }

        public ColumnInfo column(String column) {
            for (ColumnInfo c : columns) if (c.name().equals(column)) return c;
            return null;
        }
    }

    /**
     * One column: its DuckDB type, its PostgreSQL type where serve recorded one when the column was
     * made (else null: the DuckDB type's usual PostgreSQL type applies), and what serve keeps of
     * PostgreSQL's definition.
     *
     * @param number   attnum: 1 for the first column
     * @param sequence the sequence a serial or identity column draws from, or null
     * @param identity "a" (ALWAYS), "d" (BY DEFAULT) or "" for a column that is not an identity
     * @param pgDefault the default as PostgreSQL shows it ({@link ColumnMeta#expressionPair}), or null
     * @param domain   the domain the column is declared with, as {schema, name}, or null (pgType is then its base type)
     * @param description the column's comment (COMMENT ON COLUMN), or null
     * @param generated whether the column is GENERATED ALWAYS AS (…) STORED (its value is computed, never given)
     */
    record ColumnInfo(String name, int number, String duckDbType, PgTypeName pgType, boolean notNull, String sequence,
                      String identity, String defaultExpr, String pgDefault, String[] domain, String description,
                      boolean generated) {

        public ColumnInfo(String name, int number, String duckDbType, PgTypeName pgType, boolean notNull, String sequence,
                          String identity, String defaultExpr, String pgDefault) {
            this(name, number, duckDbType, pgType, notNull, sequence, identity, defaultExpr, pgDefault, null, null, false);
        }

        public ColumnInfo(String name, int number, String duckDbType, PgTypeName pgType, boolean notNull, String sequence,
                          String identity, String defaultExpr, String pgDefault, String[] domain, String description) {
            this(name, number, duckDbType, pgType, notNull, sequence, identity, defaultExpr, pgDefault, domain, description, false);
        }

        /** This column, generated or not as {@code generated} says. */
        public ColumnInfo generated(boolean generated) {
            return new ColumnInfo(name, number, duckDbType, pgType, notNull, sequence, identity, defaultExpr, pgDefault, domain,
                    description, generated);
        }

        /** A column as DuckDB's catalog lists it; {@code comment} holds what serve recorded of it. */
        public static ColumnInfo of(String name, int number, String duckDbType, String comment, boolean notNull,
                                    String defaultExpr) {
            Node meta = ColumnMeta.read(comment);
            return new ColumnInfo(name, number, duckDbType, ColumnMeta.type(meta), notNull,
                    meta.has("sequence") ? meta.str("sequence") : null, meta.str("identity"), defaultExpr,
                    meta.has("default") ? meta.str("default") : null, ColumnMeta.domain(comment), ColumnMeta.description(comment));
        }

        /** Whether the column's default gives another value each time (a sequence, the clock, a random value). */
        public boolean volatileDefault() {
            if (defaultExpr == null) return false;
            String d = defaultExpr.toLowerCase(java.util.Locale.ROOT);
            return d.contains("nextval") || d.contains("now()") || d.contains("current_") || d.contains("random")
                    || d.contains("uuid") || d.contains("clock");
        }
    }

    /**
     * The domain {@code name} (in {@code schema}, or found on search_path when null), or null when
     * there is no such domain.
     */
    /**
     * The SQL function of that name (a DuckDB macro, or a table macro when it returns a set), found
     * on the search_path unless {@code schema} is given; null when there is none.
     */
    default FunctionMeta sqlFunction(String schema, String name) {
        return null;
    }

    default DomainMeta domain(String schema, String name) {
        return null;
    }

    /**
     * The composite type {@code name} (in {@code schema}, or found on search_path when null), or
     * null when there is no such composite type.
     */
    default CompositeMeta composite(String schema, String name) {
        return null;
    }

    /**
     * The schema of enum type {@code name} (a column's type keeps no schema here), or null when
     * there is none; 0A000 when several schemas have an enum of that name.
     */
    default String enumSchema(String name) {
        return null;
    }

    /** The columns declared with domain {@code schema.name}: each its schema (pg_temp for a temporary table), table and column name. */
    default List<String[]> domainColumns(String schema, String name) {
        return List.of();
    }

    /** The columns declared with composite type {@code schema.name}, as {@link #domainColumns}. */
    default List<String[]> compositeColumns(String schema, String name) {
        return List.of();
    }

    /**
     * A sequence's options as CREATE SEQUENCE sets them.
     *
     * @param start start value
     * @param increment increment
     * @param min   minimum value
     * @param max   maximum value
     */
    record SequenceOptions(long start, long increment, long min, long max, boolean cycle) {
    }

    /** The options of sequence {@code name} of a table in {@code schema} (pg_temp for a temporary table's), or null. */
    default SequenceOptions sequence(String schema, String name) {
        return null;
    }

    /**
     * An index made by CREATE INDEX on a table.
     *
     * @param keys      its keys as pg_get_indexdef shows them (column names, expressions), or null when unknown
     * @param predicate a partial index's predicate, or null
     */
    record IndexInfo(String name, boolean unique, List<String> keys, String predicate) {
    }

    /** The indexes made by CREATE INDEX on table {@code r} (not those of its constraints). */
    default List<IndexInfo> indexes(Relation r) {
        return List.of();
    }

    CatalogView NONE = (schema, name) -> null;

}
