package dev.pgwire.serve.sql;

/**
 * The table column a result column is, where it is one: what RowDescription reports as its table
 * OID and attribute number (PostgreSQL's resorigtbl and resorigcol), as drivers read it for
 * ResultSetMetaData's table names, nullability and auto-increment.
 *
 * @param schema the relation's schema
 * @param table  the relation
 * @param number the column's attnum
 */
public record ColumnOrigin(String schema, String table, int number) {
}
