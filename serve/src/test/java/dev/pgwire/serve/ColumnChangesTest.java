package dev.pgwire.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

import static dev.pgwire.serve.CopyTest.exec;
import static dev.pgwire.serve.CopyTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ALTER TABLE's column changes that migration tools write, through pgjdbc (extended protocol) and
 * the simple protocol: ADD COLUMN IF NOT EXISTS of a column there already changes nothing and says
 * so; an array column's default given as text ({@code DEFAULT '{}'}) is the array it stands for, in
 * CREATE TABLE, ADD COLUMN and SET DEFAULT, and the catalog shows it as PostgreSQL 15 does.
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

    @Test
    void alter_table_if_exists_of_no_table_changes_nothing_and_gives_the_notice() throws SQLException {
        for (String mode : new String[] {"simple", "extended"}) {
            try (Connection c = connect(mode); Statement st = c.createStatement()) {
                for (String sql : new String[] {"ALTER TABLE IF EXISTS no_such_table ADD COLUMN x int",
                        "ALTER TABLE IF EXISTS no_such_table RENAME COLUMN a TO b", "ALTER VIEW IF EXISTS no_such_view RENAME TO w"}) {
                    st.execute(sql);
                    SQLWarning w = st.getWarnings();
                    assertThat((Object) w).as(mode + ": " + sql).isNotNull();
                    assertThat(w.getMessage()).endsWith(" does not exist, skipping").startsWith("relation \"no_such_");
                    assertThat(w.getSQLState()).isEqualTo("00000");
                    st.clearWarnings();
                }
                exec(c, "DROP TABLE IF EXISTS present");
                exec(c, "CREATE TABLE present (a int)");
                st.execute("ALTER TABLE IF EXISTS present ADD COLUMN b int");
                assertThat((Object) st.getWarnings()).as(mode).isNull(); // a table that is there: no notice
                assertThat(query(c, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'present'")).isEqualTo("2\n");
            }
        }
    }

    @Test
    void untyped_array_defaults_are_arrays_of_the_column_type_and_the_catalog_shows_them_as_postgresql() throws SQLException {
        try (Connection c = connect("extended")) {
            exec(c, "DROP TABLE IF EXISTS labels");
            exec(c, "CREATE TABLE labels (id int, names varchar(50)[] NOT NULL DEFAULT '{}', grid text[][] DEFAULT '{{a,b},{c,\"d e\"}}')");
            exec(c, "INSERT INTO labels DEFAULT VALUES");
            assertThat(query(c, "SELECT names, grid FROM labels")).isEqualTo("{}|{{a,b},{c,\"d e\"}}\n");
            exec(c, "COMMENT ON COLUMN labels.names IS 'shown names'");
            exec(c, "ALTER TABLE labels ALTER COLUMN names SET DEFAULT '{x,\"y z\"}', ADD COLUMN codes numeric(5,2)[] DEFAULT '{1.5,NULL}'");
            exec(c, "INSERT INTO labels (id) VALUES (1)");
            assertThat(query(c, "SELECT names, codes FROM labels WHERE id = 1")).isEqualTo("{x,\"y z\"}|{1.50,NULL}\n");
            assertThat(query(c, "SELECT column_name, column_default FROM information_schema.columns"
                    + " WHERE table_name = 'labels' ORDER BY ordinal_position"))
                    .isEqualTo("id|null\nnames|'{x,\"y z\"}'::character varying[]\ngrid|'{{a,b},{c,\"d e\"}}'::text[]\n"
                            + "codes|'{1.5,NULL}'::numeric[]\n");
            assertThat(query(c, "SELECT col_description('labels'::regclass, 2)")).isEqualTo("shown names\n");
            // a varchar(50)[] column is varchar[] (1015) as in PostgreSQL, in text and in binary
            for (String mode : new String[] {"simple", "extended&prepareThreshold=-1"}) {
                try (Connection b = connect(mode); Statement st = b.createStatement();
                     java.sql.ResultSet rs = st.executeQuery("SELECT names FROM labels WHERE id = 1")) {
                    assertThat(rs.getMetaData().getColumnTypeName(1)).as(mode).isEqualTo("_varchar");
                    assertThat(rs.next()).isTrue();
                    assertThat((Object[]) rs.getArray(1).getArray()).as(mode).containsExactly("x", "y z");
                }
            }
            exec(c, "ALTER TABLE labels ALTER COLUMN codes DROP DEFAULT");
            assertThat(query(c, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'labels'::regclass AND adnum = 4"))
                    .isEmpty();
            exec(c, "INSERT INTO labels (id) VALUES (2)");
            assertThat(query(c, "SELECT codes FROM labels WHERE id = 2")).isEqualTo("null\n");
            assertThatThrownBy(() -> exec(c, "CREATE TABLE bad_default (a int[] DEFAULT 'abc')")).isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"))
                    .hasMessageContaining("malformed array literal: \"abc\"");
        }
    }

    @Test
    void a_rename_carries_the_views_reading_it_along_or_fails_before_changing_anything() throws SQLException {
        for (String mode : new String[] {"simple", "extended"}) {
            try (Connection c = connect(mode)) {
                exec(c, "DROP MATERIALIZED VIEW IF EXISTS rn_totals");
                exec(c, "DROP VIEW IF EXISTS rn_big");
                exec(c, "DROP TABLE IF EXISTS rn_orders");
                exec(c, "DROP TABLE IF EXISTS rn_sales");
                exec(c, "CREATE TABLE rn_orders (id int, qty int)");
                exec(c, "INSERT INTO rn_orders VALUES (1, 5), (2, 50)");
                exec(c, "CREATE VIEW rn_big AS SELECT * FROM rn_orders WHERE qty > 10");
                exec(c, "ALTER TABLE rn_orders RENAME COLUMN qty TO quantity");
                exec(c, "ALTER TABLE rn_orders RENAME TO rn_sales");
                assertThat(query(c, "SELECT * FROM rn_big")).as(mode).isEqualTo("2|50\n");
                assertThat(query(c, "SELECT pg_get_viewdef('rn_big'::regclass, true)"))
                        .isEqualTo(" SELECT rn_sales.id,\n    rn_sales.quantity AS qty\n   FROM rn_sales\n  WHERE rn_sales.quantity > 10;\n");
                // a materialized view keeps DuckDB's SQL of its query: the rename is refused before anything changed
                exec(c, "CREATE MATERIALIZED VIEW rn_totals AS SELECT sum(quantity) AS total FROM rn_sales");
                assertThatThrownBy(() -> exec(c, "ALTER TABLE rn_sales RENAME COLUMN quantity TO q"))
                        .isInstanceOfSatisfying(PSQLException.class, e -> {
                            assertThat(e.getSQLState()).isEqualTo("0A000");
                            assertThat(e.getMessage()).contains("cannot rename column \"quantity\" of relation \"rn_sales\": materialized view \"rn_totals\" reads it");
                        });
                assertThat(query(c, "SELECT quantity FROM rn_sales ORDER BY 1")).isEqualTo("5\n50\n");
                assertThat(query(c, "SELECT * FROM rn_big")).isEqualTo("2|50\n");
            }
        }
    }

    @Test
    void enum_values_added_and_renamed_reach_every_column_of_the_type_or_the_alter_is_refused() throws SQLException {
        for (String mode : new String[] {"simple", "extended"}) {
            try (Connection c = connect(mode)) {
                exec(c, "DROP TABLE IF EXISTS en_t");
                exec(c, "DROP TYPE IF EXISTS en_e");
                exec(c, "CREATE TYPE en_e AS ENUM ('a', 'b')");
                exec(c, "CREATE TABLE en_t (id int, e en_e CHECK (e <> 'b'))");
                exec(c, "CREATE TEMPORARY TABLE en_tmp (e en_e, es en_e[])");
                exec(c, "INSERT INTO en_tmp VALUES ('a', '{a}')");
                exec(c, "ALTER TYPE en_e ADD VALUE 'c%d' BEFORE 'b'");
                exec(c, "INSERT INTO en_tmp VALUES ('c%d', '{c%d}')");
                exec(c, "ALTER TYPE en_e RENAME VALUE 'a' TO 'A'");
                assertThat(query(c, "SELECT e, es FROM en_tmp ORDER BY e")).as(mode).isEqualTo("A|{A}\nc%d|{c%d}\n");
                // the check names the label: it would keep the old text where PostgreSQL's follows the label
                assertThatThrownBy(() -> exec(c, "ALTER TYPE en_e RENAME VALUE 'b' TO 'B'"))
                        .isInstanceOfSatisfying(PSQLException.class, e -> {
                            assertThat(e.getSQLState()).isEqualTo("0A000");
                            assertThat(e.getMessage()).contains("a check or index of table \"en_t\" names the label 'b'");
                        });
                assertThat(query(c, "SELECT enum_range(NULL::en_e)::text")).isEqualTo("{A,c%d,b}\n");
                exec(c, "DROP TABLE en_tmp");
            }
        }
    }

    @Test
    void what_serve_cannot_enforce_is_refused_rather_than_ignored() throws SQLException {
        try (Connection c = connect("extended")) {
            exec(c, "DROP TABLE IF EXISTS unenforced");
            exec(c, "CREATE TABLE unenforced (id int, b text)");
            // DuckDB's unique indexes let NULL keys repeat
            assertThatThrownBy(() -> exec(c, "CREATE UNIQUE INDEX unenforced_b ON unenforced (b) NULLS NOT DISTINCT"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
            // no policies: every role would still see every row
            assertThatThrownBy(() -> exec(c, "ALTER TABLE unenforced ENABLE ROW LEVEL SECURITY"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
            exec(c, "ALTER TABLE unenforced DISABLE ROW LEVEL SECURITY");
            assertThat(query(c, "SELECT count(*) FROM pg_indexes WHERE tablename = 'unenforced'")).isEqualTo("0\n");
        }
    }

    @Test
    void a_unique_index_is_renamed_in_a_transaction_of_its_own_or_before_rows_change() throws SQLException {
        try (Connection c = connect("extended")) {
            exec(c, "DROP TABLE IF EXISTS ix_u");
            exec(c, "CREATE TABLE ix_u (id int, u int)");
            exec(c, "CREATE UNIQUE INDEX ix_u_u ON ix_u (u)");
            exec(c, "INSERT INTO ix_u VALUES (1, 1), (2, 2)");
            c.setAutoCommit(false);
            exec(c, "ALTER INDEX ix_u_u RENAME TO ix_u_unique"); // nothing changed yet: made again under its new name
            exec(c, "UPDATE ix_u SET id = id + 10");
            // DuckDB would check the index made again against the changed rows at COMMIT and fail it
            assertThatThrownBy(() -> exec(c, "ALTER INDEX ix_u_unique RENAME TO ix_u_u2"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
            c.rollback();
            c.setAutoCommit(true);
            assertThat(query(c, "SELECT indexname FROM pg_indexes WHERE tablename = 'ix_u'")).isEqualTo("ix_u_u\n");
            assertThatThrownBy(() -> exec(c, "INSERT INTO ix_u VALUES (3, 1)"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
    }
}
