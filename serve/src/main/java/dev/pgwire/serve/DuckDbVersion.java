package dev.pgwire.serve;

import org.duckdb.DuckDBDriver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** The version of the DuckDB engine serve runs on, as DuckDB reports it ({@code v2.0.0}). */
final class DuckDbVersion {
    private DuckDbVersion() {}

    static final String VERSION = read();

    private static String read() {
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties())) {
            return c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "(unknown version)";
        }
    }
}
