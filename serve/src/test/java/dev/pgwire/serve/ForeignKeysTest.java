package dev.pgwire.serve;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static dev.pgwire.serve.CopyTest.copy;
import static dev.pgwire.serve.CopyTest.exec;
import static dev.pgwire.serve.CopyTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Foreign keys serve enforces, on the routes the differential corpus (simple protocol, one
 * statement at a time) does not take: pgjdbc's extended protocol with RETURNING, batches
 * pipelined up to one Sync, COPY FROM STDIN, and ROLLBACK TO SAVEPOINT undoing a cascade.
 */
class ForeignKeysTest {
    @RegisterExtension
    static final InMemoryServe server = new InMemoryServe();

    static Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres");
    }

    @BeforeEach
    void tables() throws SQLException {
        try (Connection c = connect()) {
            exec(c, "DROP TABLE IF EXISTS items, orders, customers");
            exec(c, "CREATE TABLE customers (id int PRIMARY KEY, name text)");
            exec(c, "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers ON DELETE CASCADE)");
            exec(c, "CREATE TABLE items (id int PRIMARY KEY, order_id int REFERENCES orders DEFERRABLE INITIALLY DEFERRED, sku text)");
            exec(c, "INSERT INTO customers VALUES (1, 'ann'), (2, 'bob')");
            exec(c, "INSERT INTO orders VALUES (10, 1), (20, 2)");
            exec(c, "INSERT INTO items VALUES (100, 10, 'a'), (200, 20, 'b')");
        }
    }

    private static String state(SQLException e) {
        return e.getSQLState();
    }

    @Test
    void extended_protocol_insert_returning_is_checked_and_keeps_nothing() throws SQLException {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, ?) RETURNING id")) {
            ps.setInt(1, 30);
            ps.setInt(2, 99);
            assertThatThrownBy(ps::executeQuery).isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("23503"))
                    .hasMessageContaining("Key (customer_id)=(99) is not present in table \"customers\"");
            ps.setInt(2, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(30);
            }
            assertThat(query(c, "SELECT id FROM orders ORDER BY id")).isEqualTo("10\n20\n30\n");
        }
    }

    @Test
    void extended_protocol_delete_cascades_and_a_deferred_key_it_breaks_fails_at_sync() throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("DELETE FROM customers WHERE id = ?")) {
            exec(c, "DELETE FROM items WHERE id = 200");
            ps.setInt(1, 2);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertThat(query(c, "SELECT id FROM orders ORDER BY id")).isEqualTo("10\n");
            // order 10 goes with customer 1, but item 100 (deferred key, no action) still references it
            ps.setInt(1, 1);
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("23503"))
                    .hasMessageContaining("update or delete on table \"orders\"");
            assertThat(query(c, "SELECT id FROM customers ORDER BY id")).isEqualTo("1\n");
            assertThat(query(c, "SELECT id FROM orders ORDER BY id")).isEqualTo("10\n");
        }
    }

    @Test
    void a_deferred_key_waits_for_the_commit_of_a_jdbc_transaction() throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
                ps.setInt(1, 300);
                ps.setInt(2, 30);
                ps.setString(3, "c");
                ps.executeUpdate(); // order 30 does not exist yet: deferred
            }
            exec(c, "INSERT INTO orders VALUES (30, 2)");
            c.commit();
            c.setAutoCommit(true);
            assertThat(query(c, "SELECT order_id FROM items WHERE id = 300")).isEqualTo("30\n");

            c.setAutoCommit(false);
            exec(c, "INSERT INTO items VALUES (400, 40, 'd')");
            assertThatThrownBy(c::commit).isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("23503"));
            c.setAutoCommit(true);
            assertThat(query(c, "SELECT count(*) FROM items WHERE id = 400")).isEqualTo("0\n");
        }
    }

    @Test
    void a_pipelined_batch_checks_its_deferred_keys_at_sync() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            // one batch up to one Sync is one implicit transaction: an item before its order is fine
            st.addBatch("INSERT INTO items VALUES (500, 50, 'x')");
            st.addBatch("INSERT INTO orders VALUES (50, 1)");
            st.executeBatch();
            assertThat(query(c, "SELECT order_id FROM items WHERE id = 500")).isEqualTo("50\n");
            // an item whose order never comes fails the batch at its end, and nothing of it stays
            st.addBatch("INSERT INTO orders VALUES (55, 1)");
            st.addBatch("INSERT INTO items VALUES (501, 51, 'x')");
            assertThatThrownBy(st::executeBatch).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("23503"));
            assertThat(query(c, "SELECT count(*) FROM orders WHERE id = 55")).isEqualTo("0\n");
            // so is a Query of two statements, checked at its end
            st.execute("INSERT INTO items VALUES (600, 60, 'y'); INSERT INTO orders VALUES (60, 1)");
            assertThat(query(c, "SELECT count(*) FROM items WHERE id = 600")).isEqualTo("1\n");
        }
    }

    @Test
    void copy_from_stdin_is_checked_before_it_commits() throws Exception {
        try (Connection c = connect()) {
            assertThatThrownBy(() -> copy(c).copyIn("COPY orders FROM STDIN", new StringReader("40\t1\n41\t7\n")))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("23503"))
                    .hasMessageContaining("Key (customer_id)=(7)");
            assertThat(query(c, "SELECT count(*) FROM orders WHERE id IN (40, 41)")).isEqualTo("0\n");
            assertThat(copy(c).copyIn("COPY orders FROM STDIN", new StringReader("40\t1\n41\t2\n"))).isEqualTo(2);
        }
    }

    @Test
    void rollback_to_savepoint_undoes_a_cascade_and_keeps_what_came_before() throws SQLException {
        try (Connection c = connect()) {
            exec(c, "DELETE FROM items");
            exec(c, "BEGIN");
            exec(c, "INSERT INTO customers VALUES (3, 'cy')");
            exec(c, "INSERT INTO orders VALUES (30, 3)");
            exec(c, "SAVEPOINT s");
            exec(c, "DELETE FROM customers WHERE id = 1");
            assertThat(query(c, "SELECT id FROM orders ORDER BY id")).isEqualTo("20\n30\n");
            exec(c, "ROLLBACK TO SAVEPOINT s");
            assertThat(query(c, "SELECT id FROM orders ORDER BY id")).isEqualTo("10\n20\n30\n");
            exec(c, "DELETE FROM customers WHERE id = 2");
            exec(c, "SAVEPOINT t");
            exec(c, "INSERT INTO customers VALUES (4, 'dee')");
            exec(c, "ROLLBACK TO SAVEPOINT t"); // runs the earlier statements again, the cascade with them
            exec(c, "COMMIT");
            assertThat(query(c, "SELECT id FROM orders ORDER BY id")).isEqualTo("10\n30\n");
            assertThat(query(c, "SELECT id FROM customers ORDER BY id")).isEqualTo("1\n3\n");
        }
    }

    @Test
    void data_modifying_statements_in_with_cascade_and_are_checked_through_the_extended_protocol() throws SQLException {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("WITH d AS (DELETE FROM customers WHERE id = ? RETURNING id) SELECT count(*) FROM d")) {
            exec(c, "DELETE FROM items WHERE id = 200");
            ps.setInt(1, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(query(c, "SELECT id FROM orders ORDER BY id")).isEqualTo("10\n"); // order 20 went with customer 2
            // customer 1's order 10 is still referenced by item 100
            ps.setInt(1, 1);
            assertThatThrownBy(ps::executeQuery).isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("23503"))
                    .hasMessageContaining("update or delete on table \"orders\"");
            assertThat(query(c, "SELECT id FROM customers ORDER BY id")).isEqualTo("1\n");
            // an INSERT in WITH of the table the statement's own VALUES go to: its rows are checked too
            assertThatThrownBy(() -> exec(c, "WITH x AS (INSERT INTO orders VALUES (40, 99) RETURNING id) INSERT INTO orders VALUES (41, 1)"))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("23503"))
                    .hasMessageContaining("Key (customer_id)=(99) is not present in table \"customers\"");
            try (PreparedStatement insert = c.prepareStatement(
                    "WITH x AS (INSERT INTO customers VALUES (?, 'cy') RETURNING id) INSERT INTO orders SELECT ?, id FROM x RETURNING id")) {
                insert.setInt(1, 3);
                insert.setInt(2, 30);
                try (ResultSet rs = insert.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(30);
                }
            }
            assertThat(query(c, "SELECT id, customer_id FROM orders ORDER BY id")).isEqualTo("10|1\n30|3\n");
            // a DELETE with a DELETE in WITH: the count alone, as PostgreSQL, and the cascade
            try (PreparedStatement delete = c.prepareStatement(
                    "WITH gone AS (DELETE FROM items WHERE order_id = ? RETURNING id) DELETE FROM customers WHERE id = ?")) {
                delete.setInt(1, 10);
                delete.setInt(2, 1);
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
            assertThat(query(c, "SELECT id, customer_id FROM orders ORDER BY id")).isEqualTo("30|3\n");
        }
    }

    @Test
    void explain_analyze_and_create_table_as_are_checked_and_cursors_and_copy_to_refuse_changes_in_with() throws Exception {
        try (Connection c = connect()) {
            assertThatThrownBy(() -> exec(c, "EXPLAIN ANALYZE DELETE FROM orders WHERE id = 10")).isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("23503"));
            assertThatThrownBy(() -> exec(c, "CREATE TABLE gone AS WITH d AS (DELETE FROM orders WHERE id = 10 RETURNING id) SELECT id FROM d"))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("23503"));
            exec(c, "EXPLAIN DELETE FROM orders WHERE id = 10"); // runs nothing
            exec(c, "BEGIN");
            assertThatThrownBy(() -> exec(c, "DECLARE cur CURSOR FOR WITH d AS (DELETE FROM orders WHERE id = 10 RETURNING id) SELECT id FROM d"))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("0A000"))
                    .hasMessageContaining("DECLARE CURSOR must not contain data-modifying statements in WITH");
            exec(c, "ROLLBACK");
            assertThatThrownBy(() -> CopyTest.copyOut(c, "COPY (WITH d AS (DELETE FROM orders WHERE id = 10 RETURNING id) SELECT id FROM d) TO STDOUT"))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("0A000"));
            assertThatThrownBy(() -> CopyTest.copyOut(c, "COPY (INSERT INTO orders VALUES (30, 99) RETURNING id) TO STDOUT"))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(state((SQLException) e)).isEqualTo("0A000"));
            assertThat(query(c, "SELECT id FROM orders ORDER BY id")).isEqualTo("10\n20\n");
            assertThat(query(c, "SELECT count(*) FROM pg_class WHERE relname = 'gone'")).isEqualTo("0\n");
        }
    }

    @Test
    void rollback_to_savepoint_in_the_simple_protocol_runs_earlier_cascades_again_after_their_statements() throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/postgres?user=postgres&preferQueryMode=simple")) {
            exec(c, "DELETE FROM items");
            exec(c, "BEGIN");
            exec(c, "DELETE FROM customers WHERE id = 1"); // order 10 goes with it
            assertThat(query(c, "WITH d AS (DELETE FROM customers WHERE id = 2 RETURNING id) SELECT count(*) FROM d")).isEqualTo("1\n");
            exec(c, "SAVEPOINT s");
            exec(c, "INSERT INTO customers VALUES (3, 'cy')");
            exec(c, "ROLLBACK TO SAVEPOINT s"); // runs the DELETEs again, and their cascades after them
            assertThat(query(c, "SELECT id FROM customers ORDER BY id")).isEqualTo("");
            assertThat(query(c, "SELECT id FROM orders ORDER BY id")).isEqualTo("");
            exec(c, "COMMIT");
            assertThat(query(c, "SELECT count(*) FROM orders")).isEqualTo("0\n");
        }
    }
}
