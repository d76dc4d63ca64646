package dev.pgwire.compat;

import dev.pgwire.testkit.PgCluster;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One side of a comparison: serve or PostgreSQL 15, reached over TCP on 127.0.0.1 with the same
 * user and password, so every tool is configured alike for both and only the port differs.
 */
public record Target(String name, String host, int port, String user, String password) {

    public boolean isServe() {
        return name.equals(Servers.SERVE);
    }

    /** {@code jdbc:postgresql://host:port/db}; user and password go in {@link #jdbcProperties()}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Properties jdbcProperties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        return p;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), jdbcProperties());
    }

    /** A libpq key/value conninfo (psql, psycopg, psycopg2). */
    public String conninfo(String database) {
        return "host=" + host + " port=" + port + " dbname=" + PgCluster.conninfoValue(database)
                + " user=" + PgCluster.conninfoValue(user) + " password=" + PgCluster.conninfoValue(password)
                + " sslmode=disable";
    }

    /** A {@code postgresql://} URI (asyncpg, node drivers, SQLAlchemy after the scheme is changed). */
    public String uri(String database) {
        return "postgresql://" + enc(user) + ":" + enc(password) + "@" + host + ":" + port + "/" + enc(database)
                + "?sslmode=disable";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return name;
    }
}
