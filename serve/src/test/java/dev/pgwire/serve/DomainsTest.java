package dev.pgwire.serve;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import static dev.pgwire.serve.CopyTest.exec;
import static dev.pgwire.serve.CopyTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Domains as PostgreSQL 15 has them: columns of a domain take its default and are refused values
 * its NOT NULL or checks refuse, with PostgreSQL's SQLSTATE, message and error fields; a cast to a
 * domain checks too and keeps the domain as its type; the catalog shows the domain. (The messages
 * and catalog answers here are PostgreSQL 15's for the same statements.)
 */
class DomainsTest {
    @RegisterExtension
    static final InMemoryServe server = new InMemoryServe();

    static Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres");
    }

    @BeforeEach
    void domains() throws SQLException {
        try (Connection c = connect()) {
            exec(c, "DROP TABLE IF EXISTS stock");
            exec(c, "DROP DOMAIN IF EXISTS positive_int");
            exec(c, "DROP DOMAIN IF EXISTS code");
            exec(c, "CREATE DOMAIN positive_int AS int CHECK (VALUE > 0)");
            exec(c, "CREATE DOMAIN code AS varchar(5) NOT NULL DEFAULT 'none' CONSTRAINT code_lower CHECK (VALUE = lower(VALUE))"
                    + " CHECK (length(VALUE) > 1)");
            exec(c, "CREATE TABLE stock (id int PRIMARY KEY, qty positive_int, c code)");
        }
    }

    private static ServerErrorMessage error(Connection c, String sql) {
        PSQLException e = catchThrowableOfType(() -> exec(c, sql), PSQLException.class);
        assertThat((Object) e).as(sql).isNotNull();
        return e.getServerErrorMessage();
    }

    @Test
    void a_column_takes_the_domain_default_and_its_checks_refuse_values_as_postgresql_does() throws SQLException {
        try (Connection c = connect()) {
            exec(c, "INSERT INTO stock (id, qty) VALUES (1, 5)");
            assertThat(query(c, "SELECT id, qty, c FROM stock")).isEqualTo("1|5|none\n");

            ServerErrorMessage e = error(c, "INSERT INTO stock VALUES (2, 0, 'ab')");
            assertThat(e.getSQLState()).isEqualTo("23514");
            assertThat(e.getMessage()).isEqualTo("value for domain positive_int violates check constraint \"positive_int_check\"");
            assertThat(e.getSchema()).isEqualTo("public");
            assertThat(e.getDatatype()).isEqualTo("positive_int");
            assertThat(e.getConstraint()).isEqualTo("positive_int_check");

            // checks are tested by name: 'A' fails both, code_check is reported
            assertThat(error(c, "INSERT INTO stock VALUES (3, 1, 'A')").getMessage())
                    .isEqualTo("value for domain code violates check constraint \"code_check\"");
            assertThat(error(c, "INSERT INTO stock VALUES (3, 1, 'AB')").getMessage())
                    .isEqualTo("value for domain code violates check constraint \"code_lower\"");

            ServerErrorMessage nulls = error(c, "INSERT INTO stock VALUES (5, 1, NULL)");
            assertThat(nulls.getSQLState()).isEqualTo("23502");
            assertThat(nulls.getMessage()).isEqualTo("domain code does not allow null values");

            assertThat(error(c, "UPDATE stock SET qty = -1").getSQLState()).isEqualTo("23514");
            assertThat(error(c, "INSERT INTO stock VALUES (6, 1, 'abcdefg')").getSQLState()).isEqualTo("22001");
            assertThat(query(c, "SELECT id, qty, c FROM stock")).isEqualTo("1|5|none\n");
        }
    }

    @Test
    void copy_from_stdin_is_checked() throws Exception {
        try (Connection c = connect()) {
            PSQLException e = catchThrowableOfType(() -> CopyTest.copy(c).copyIn("COPY stock FROM STDIN",
                    new java.io.StringReader("1\t5\tab\n2\t-5\tcd\n")), PSQLException.class);
            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("23514");
            assertThat(query(c, "SELECT count(*) FROM stock")).isEqualTo("0\n");
            CopyTest.copy(c).copyIn("COPY stock FROM STDIN", new java.io.StringReader("1\t5\tab\n"));
            assertThat(query(c, "SELECT id, qty, c FROM stock")).isEqualTo("1|5|ab\n");
        }
    }

    @Test
    void arrays_of_a_domain_are_refused_rather_than_left_unchecked() throws SQLException {
        try (Connection c = connect()) {
            assertThat(error(c, "CREATE TABLE bad (q positive_int[])").getSQLState()).isEqualTo("0A000");
            assertThat(error(c, "SELECT ARRAY[-1]::positive_int[]").getSQLState()).isEqualTo("0A000");
            assertThat(error(c, "ALTER TABLE stock ADD COLUMN q2 positive_int").getSQLState()).isEqualTo("0A000");
            assertThat(error(c, "ALTER DOMAIN positive_int ADD CHECK (VALUE < 100)").getSQLState()).isEqualTo("0A000");
        }
    }

    @Test
    void extended_protocol_parameters_are_checked() throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO stock VALUES (?, ?, ?)")) {
            ps.setInt(1, 7);
            ps.setInt(2, -7);
            ps.setString(3, "ok");
            PSQLException e = catchThrowableOfType(ps::executeUpdate, PSQLException.class);
            assertThat(e.getSQLState()).isEqualTo("23514");
            ps.setInt(2, 7);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void a_cast_to_a_domain_checks_the_value_and_keeps_the_domain_as_its_type() throws SQLException {
        try (Connection c = connect()) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT 3::positive_int, pg_typeof(3::positive_int), NULL::positive_int")) {
                // a domain's value goes out as its base type (RowDescription carries int4)
                assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.INTEGER);
                assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("positive_int");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
                assertThat(rs.getString(2)).isEqualTo("positive_int");
                assertThat(rs.getString(3)).isNull();
            }
            ServerErrorMessage e = error(c, "SELECT (-3)::positive_int");
            assertThat(e.getSQLState()).isEqualTo("23514");
            assertThat(e.getMessage()).isEqualTo("value for domain positive_int violates check constraint \"positive_int_check\"");
            assertThat(e.getConstraint()).isEqualTo("positive_int_check");
            assertThat(e.getDatatype()).isEqualTo("positive_int");
            assertThat(e.getSchema()).isEqualTo("public");
            assertThat(error(c, "SELECT NULL::code").getMessage()).isEqualTo("domain code does not allow null values");
            assertThat(query(c, "SELECT CAST('ab' AS code)")).isEqualTo("ab\n");
        }
    }

    @Test
    void drop_domain_follows_postgresql() throws SQLException {
        try (Connection c = connect()) {
            assertThat(error(c, "DROP DOMAIN nothere").getSQLState()).isEqualTo("42704");
            exec(c, "DROP DOMAIN IF EXISTS nothere");
            ServerErrorMessage e = error(c, "DROP DOMAIN positive_int");
            assertThat(e.getSQLState()).isEqualTo("2BP01");
            assertThat(e.getMessage()).isEqualTo("cannot drop type positive_int because other objects depend on it");
            exec(c, "DROP DOMAIN positive_int CASCADE");
            assertThat(query(c, "SELECT column_name FROM information_schema.columns WHERE table_name = 'stock' ORDER BY ordinal_position"))
                    .isEqualTo("id\nc\n");
        }
    }

    @Test
    void the_catalog_shows_domains_as_postgresql_does() throws SQLException {
        try (Connection c = connect()) {
            assertThat(query(c, "SELECT typname, typtype, typbasetype::regtype, typtypmod, typnotnull, typdefault FROM pg_type"
                    + " WHERE typname IN ('positive_int', 'code') ORDER BY 1"))
                    .isEqualTo("code|d|character varying|9|t|'none'::character varying\npositive_int|d|integer|-1|f|null\n");
            assertThat(query(c, "SELECT conname, contypid::regtype, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true)"
                    + " FROM pg_constraint WHERE contypid IN ('positive_int'::regtype, 'code'::regtype) ORDER BY 1"))
                    .isEqualTo("code_check|code|CHECK ((length((VALUE)::text) > 1))|CHECK (length(VALUE::text) > 1)\n"
                            + "code_lower|code|CHECK (((VALUE)::text = lower((VALUE)::text)))|CHECK (VALUE::text = lower(VALUE::text))\n"
                            + "positive_int_check|positive_int|CHECK ((VALUE > 0))|CHECK (VALUE > 0)\n");
            assertThat(query(c, "SELECT attname, atttypid::regtype, atttypmod, format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'stock'::regclass AND attnum > 0 ORDER BY attnum"))
                    .isEqualTo("id|integer|-1|integer\nqty|positive_int|-1|positive_int\nc|code|-1|code\n");
            assertThat(query(c, "SELECT domain_name, data_type, character_maximum_length, domain_default FROM information_schema.domains"
                    + " WHERE domain_schema = 'public' ORDER BY 1"))
                    .isEqualTo("code|character varying|5|'none'::character varying\npositive_int|integer|null|null\n");
            assertThat(query(c, "SELECT column_name, data_type, domain_name, udt_name FROM information_schema.columns"
                    + " WHERE table_name = 'stock' ORDER BY ordinal_position"))
                    .isEqualTo("id|integer|null|int4\nqty|integer|positive_int|int4\nc|character varying|code|varchar\n");
            assertThat(query(c, "SELECT constraint_name, domain_name FROM information_schema.domain_constraints"
                    + " WHERE domain_schema = 'public' ORDER BY 1"))
                    .isEqualTo("code_check|code\ncode_lower|code\npositive_int_check|positive_int\n");
            assertThat(query(c, "SELECT check_clause FROM information_schema.check_constraints WHERE constraint_name = 'positive_int_check'"))
                    .isEqualTo("((VALUE > 0))\n");
        }
    }
}
