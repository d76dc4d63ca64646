package dev.pgwire.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

import static dev.pgwire.serve.CopyTest.exec;
import static dev.pgwire.serve.CopyTest.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ALTER TABLE's column changes that migration tools write, through pgjdbc (extended protocol) and
 * the simple protocol: ADD COLUMN IF NOT EXISTS of a column there already changes nothing and says
 * so.
 */
class ColumnChangesTest {
    @RegisterExtension
    static final InMemoryServe server = new InMemoryServe();

    static Connection connect(String mode) throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/postgres?user=postgres&preferQueryMode=" + mode);
    }

    @Test
    void add_column_if_not_exists_of_a_column_there_keeps_it_and_gives_the_notice() throws SQLException {
        for (String mode : new String[] {"simple", "extended"}) {
            try (Connection c = connect(mode); Statement st = c.createStatement()) {
                exec(c, "DROP TABLE IF EXISTS invoices");
                exec(c, "CREATE TABLE invoices (no int, currency char(3) DEFAULT 'EUR')");
                st.execute("ALTER TABLE invoices ADD COLUMN IF NOT EXISTS currency text, ADD COLUMN IF NOT EXISTS note text");
                SQLWarning w = st.getWarnings();
                assertThat((Object) w).as(mode).isNotNull();
                assertThat(w.getMessage()).isEqualTo("column \"currency\" of relation \"invoices\" already exists, skipping");
                assertThat(w.getSQLState()).isEqualTo("42701");
                assertThat((Object) w.getNextWarning()).isNull();
                exec(c, "INSERT INTO invoices (no, currency) VALUES (1, 'ab')");
                assertThat(query(c, "SELECT currency || '|', octet_length(currency), pg_typeof(currency), note FROM invoices"))
                        .isEqualTo("ab||3|character|null\n"); // char(3) to text loses its padding, as in PostgreSQL
                assertThat(query(c, "SELECT column_name, data_type, column_default FROM information_schema.columns"
                        + " WHERE table_name = 'invoices' ORDER BY ordinal_position"))
                        .isEqualTo("no|integer|null\ncurrency|character|'EUR'::bpchar\nnote|text|null\n");
            }
        }
    }
}
