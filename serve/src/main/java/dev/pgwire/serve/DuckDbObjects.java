package dev.pgwire.serve;

import dev.pgwire.serve.sql.SkipNotices;
import dev.pgwire.serve.sql.SqlNames;

import java.util.List;
import java.util.function.Supplier;

/** Whether objects exist in a session's database, asked of DuckDB's own catalog as the session sees it. */
final class DuckDbObjects implements SkipNotices.Lookup {
    private static final String RELATIONS = "SELECT database_name, schema_name, table_name AS name FROM duckdb_tables()"
            + " UNION ALL SELECT database_name, schema_name, view_name FROM duckdb_views() WHERE NOT internal"
            + " UNION ALL SELECT database_name, schema_name, index_name FROM duckdb_indexes()"
            + " UNION ALL SELECT database_name, schema_name, sequence_name FROM duckdb_sequences()";

    private final DuckDbStatementRunner runner;
    private final Supplier<List<String>> searchPath;

    DuckDbObjects(DuckDbStatementRunner runner, Supplier<List<String>> searchPath) {
        this.runner = runner;
        this.searchPath = searchPath;
    }

    @Override
    public boolean relationExists(String schema, String name) {
        String where;
        if (schema == null) {
            where = "database_name = 'temp' OR database_name = current_database() AND schema_name IN (" + literals(searchPath.get()) + ")";
        } else if (schema.startsWith("pg_temp")) {
            where = "database_name = 'temp'";
        } else {
            where = "database_name = current_database() AND schema_name = " + SqlNames.literal(schema);
        }
        return runner.queryValue("SELECT 1 FROM (" + RELATIONS + ") WHERE name = ? AND (" + where + ") LIMIT 1", name) != null;
    }

    @Override
    public boolean schemaExists(String name) {
        return runner.queryValue("SELECT 1 FROM duckdb_schemas() WHERE database_name = current_database() AND schema_name = ?", name) != null;
    }

    @Override
    public boolean typeExists(String schema, String name) {
        String in = schema == null ? "" : " AND schema_name = " + SqlNames.literal(schema);
        return runner.queryValue("SELECT 1 FROM duckdb_types() WHERE type_name = ?" + in + " LIMIT 1", name) != null;
    }

    @Override
    public boolean indexMayExist(String schema, String name) {
        if (relationExists(schema, name)) return true;
        // constraints serve names are kept in their table's comment (TableMeta): any mention counts
        return runner.queryValue("SELECT 1 FROM duckdb_tables() WHERE contains(coalesce(comment, ''), ?) LIMIT 1",
                "\"" + name + "\"") != null;
    }

    @Override
    public String creationSchema() {
        List<String> path = searchPath.get();
        return path.isEmpty() ? null : path.get(0);
    }

    private static String literals(List<String> values) {
        if (values.isEmpty()) return "NULL";
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(SqlNames.literal(v));
        }
        return sb.toString();
    }

}
