package dev.pgwire.serve.sql;

/**
 * pg_relation_size, pg_table_size and pg_total_relation_size of a table: an estimate, as DuckDB
 * keeps no size per table (a database file's blocks are shared by all its tables). The estimate
 * is what the table's rows take in DuckDB's vectors — DuckDB's estimated row count times the fixed
 * width of each column's values (a string or other variable-length value counted by its 16-byte
 * header, not its text) — rounded up to whole 8 kB pages as PostgreSQL counts them: 0 for an
 * empty table, at least 8192 for a table with rows. A view, an index or a sequence is 0, and so
 * are the indexes of a table (pg_indexes_size): DuckDB does not report their size.
 */
final class RelationSize {
    private RelationSize() {}

    /** The width in bytes of one value of a DuckDB column type in a vector. */
    private static final String WIDTH = "CASE WHEN pgwire_col.data_type IN ('BOOLEAN', 'TINYINT', 'UTINYINT') THEN 1"
            + " WHEN pgwire_col.data_type IN ('SMALLINT', 'USMALLINT') THEN 2"
            + " WHEN pgwire_col.data_type IN ('INTEGER', 'UINTEGER', 'FLOAT', 'DATE') THEN 4"
            + " WHEN pgwire_col.data_type IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'TIME', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE',"
            + " 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS', 'TIME WITH TIME ZONE') THEN 8"
            + " WHEN pgwire_col.data_type LIKE 'DECIMAL(%' THEN CASE WHEN CAST(split_part(split_part(pgwire_col.data_type, '(', 2), ',', 1)"
            + " AS INTEGER) <= 18 THEN 8 ELSE 16 END"
            + " ELSE 16 END";

    /**
     * The size of the relation whose OID is the SQL {@code oid}, as a DuckDB scalar subquery.
     *
     * @param oid DuckDB SQL giving the relation's OID (a placeholder of the call's argument)
     */
    static String of(String oid) {
        return "(SELECT CAST(coalesce(ceil(max(pgwire_t.estimated_size) * sum(" + WIDTH + ") / 8192.0) * 8192, 0) AS BIGINT)"
                + " FROM pgwire_catalog.pg.pg_class AS pgwire_c"
                + " JOIN pgwire_catalog.pg.pg_namespace AS pgwire_n ON pgwire_n.oid = pgwire_c.relnamespace"
                + " JOIN duckdb_tables() AS pgwire_t ON pgwire_t.database_name = current_database()"
                + " AND pgwire_t.schema_name = pgwire_n.nspname AND pgwire_t.table_name = pgwire_c.relname"
                + " JOIN duckdb_columns() AS pgwire_col ON pgwire_col.database_name = current_database()"
                + " AND pgwire_col.schema_name = pgwire_n.nspname AND pgwire_col.table_name = pgwire_c.relname"
                + " WHERE pgwire_c.oid = " + oid + " AND pgwire_c.relkind IN ('r', 'm'))";
    }
}
