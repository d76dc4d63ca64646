package dev.pgwire.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COPY FROM STDIN and COPY TO STDOUT on serve, through pgjdbc's CopyManager. */
class CopyTest {
    @RegisterExtension
    static final InMemoryServe server = new InMemoryServe();

    static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres");
    }

    static CopyManager copy(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }

    static String copyOut(Connection c, String sql) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(c).copyOut(sql, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String query(Connection c, String sql) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) b.append(i > 1 ? "|" : "").append(rs.getString(i));
                b.append('\n');
            }
        }
        return b.toString();
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void text_format_with_NULLs_and_escapes_goes_in_and_comes_out_the_same() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_text (id int, name text, price numeric(10,2), ok boolean, d date)");
            String data = "1\tone\t1.50\tt\t2024-01-31\n"
                    + "2\t\\N\t\\N\tf\t\\N\n"
                    + "3\ttab\\there\\nnewline \\\\ back\t-0.01\ttrue\t1999-12-31\n";
            long n = copy(c).copyIn("COPY t_text FROM STDIN", new StringReader(data));
            assertThat(n).isEqualTo(3);
            assertThat(query(c, "SELECT id, name, price, ok FROM t_text ORDER BY id"))
                    .isEqualTo("1|one|1.50|t\n2|null|null|f\n3|tab\there\nnewline \\ back|-0.01|t\n");
            assertThat(copyOut(c, "COPY t_text TO STDOUT")).isEqualTo(data.replace("\ttrue\t", "\tt\t"));
        }
    }

    @Test
    void csv_with_header_quotes_and_columns() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_csv (id int, name text, note varchar(10))");
            String data = "id,name\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\n4,\"\"\n5,\"two\nlines\"\n";
            assertThat(copy(c).copyIn("COPY t_csv (id, name) FROM STDIN WITH (FORMAT csv, HEADER true)", new StringReader(data)))
                    .isEqualTo(5);
            assertThat(query(c, "SELECT id, name IS NULL, name FROM t_csv ORDER BY id"))
                    .isEqualTo("1|f|a, b\n2|f|say \"hi\"\n3|t|null\n4|f|\n5|f|two\nlines\n");
            assertThat(copyOut(c, "COPY t_csv (id, name) TO STDOUT WITH (FORMAT csv, HEADER)"))
                    .isEqualTo("id,name\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\n4,\"\"\n5,\"two\nlines\"\n");
            assertThat(copyOut(c, "COPY (SELECT id, name FROM t_csv WHERE id < 3 ORDER BY id) TO STDOUT CSV FORCE QUOTE *"))
                    .isEqualTo("\"1\",\"a, b\"\n\"2\",\"say \"\"hi\"\"\"\n");
        }
    }

    @Test
    void elements_of_varchar_n_and_char_n_arrays_hold_at_most_n_characters() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_tags (id int, tags varchar(3)[], codes char(2)[])");
            assertThatThrownBy(() -> copy(c).copyIn("COPY t_tags FROM STDIN", new StringReader("1\t{abc,abcd}\t{ab}\n")))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("22001");
                        assertThat(e.getMessage()).contains("value too long for type character varying(3)");
                    });
            assertThatThrownBy(() -> copy(c).copyIn("COPY t_tags FROM STDIN", new StringReader("1\t{abc}\t{abc}\n")))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22001"));
            // spaces beyond the length are cut, as PostgreSQL's input does
            assertThat(copy(c).copyIn("COPY t_tags FROM STDIN", new StringReader("2\t{\"ab   \",NULL}\t{\"a \"}\n"))).isEqualTo(1);
            assertThat(query(c, "SELECT id, tags FROM t_tags")).isEqualTo("2|{\"ab \",NULL}\n");
        }
    }

    @Test
    void a_bad_row_fails_the_COPY_naming_its_line_and_keeps_nothing() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_bad (id int NOT NULL, name text)");
            StringBuilder data = new StringBuilder();
            for (int i = 1; i <= 1000; i++) data.append(i == 500 ? "x" : Integer.toString(i)).append("\tname\n");
            assertThatThrownBy(() -> copy(c).copyIn("COPY t_bad FROM STDIN", new StringReader(data.toString())))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("22P02");
                        assertThat(e.getServerErrorMessage().getWhere()).isEqualTo("COPY t_bad, line 500, column id: \"x\"");
                    });
            assertThat(query(c, "SELECT count(*) FROM t_bad")).isEqualTo("0\n");
            assertThatThrownBy(() -> copy(c).copyIn("COPY t_bad FROM STDIN", new StringReader("1\ta\n\\N\tb\n")))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23502"));
            assertThatThrownBy(() -> copy(c).copyIn("COPY t_bad FROM STDIN", new StringReader("1\ta\n2\n")))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("22P04");
                        assertThat(e.getMessage()).contains("missing data for column \"name\"");
                    });
            assertThat(query(c, "SELECT count(*) FROM t_bad")).isEqualTo("0\n");
        }
    }

    @Test
    void bytes_that_are_not_UTF_8_fail_the_COPY_with_22021_and_a_real_replacement_character_goes_in() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_utf8 (id int, name text)");
            byte[] bad = "1\tok\n2\tbad \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
            for (String format : List.of("text", "csv")) {
                assertThatThrownBy(() -> copy(c).copyIn("COPY t_utf8 FROM STDIN WITH (FORMAT " + format + ", DELIMITER E'\\t')",
                        new ByteArrayInputStream(bad)))
                        .isInstanceOfSatisfying(PSQLException.class, e -> {
                            assertThat(e.getSQLState()).isEqualTo("22021");
                            assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("invalid byte sequence for encoding \"UTF8\": 0xff");
                        });
            }
            byte[] good = "1\tr\u00e9pl \ufffd ok\n".getBytes(StandardCharsets.UTF_8);
            assertThat(copy(c).copyIn("COPY t_utf8 FROM STDIN", new ByteArrayInputStream(good))).isEqualTo(1);
            assertThat(query(c, "SELECT name FROM t_utf8")).isEqualTo("r\u00e9pl \ufffd ok\n");
        }
    }

    @Test
    void a_materialized_view_takes_no_COPY_FROM_but_copies_out() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_src (id int, name text)");
            exec(c, "INSERT INTO t_src VALUES (1, 'a'), (2, 'b')");
            exec(c, "CREATE MATERIALIZED VIEW t_mv AS SELECT id, upper(name) AS name FROM t_src");
            assertThatThrownBy(() -> copy(c).copyIn("COPY t_mv FROM STDIN", new StringReader("3\tc\n")))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42809");
                        assertThat(e.getMessage()).contains("cannot copy to materialized view \"t_mv\"");
                    });
            assertThat(copyOut(c, "COPY (SELECT * FROM t_mv ORDER BY id) TO STDOUT")).isEqualTo("1\tA\n2\tB\n");
        }
    }

    @Test
    void binary_format_round_trips() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_bin (id bigint, name text, x float8, ts timestamp, n numeric(12,3))");
            exec(c, "INSERT INTO t_bin VALUES (1, 'a', 1.5, '2024-01-01 10:00:00', 12.345), (2, NULL, NULL, NULL, NULL)");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(c).copyOut("COPY t_bin TO STDOUT (FORMAT binary)", out);
            exec(c, "CREATE TABLE t_bin2 (id bigint, name text, x float8, ts timestamp, n numeric(12,3))");
            assertThat(copy(c).copyIn("COPY t_bin2 FROM STDIN (FORMAT binary)", new ByteArrayInputStream(out.toByteArray())))
                    .isEqualTo(2);
            assertThat(query(c, "SELECT * FROM t_bin2 ORDER BY id")).isEqualTo(query(c, "SELECT * FROM t_bin ORDER BY id"));
        }
    }

    @Test
    void a_COPY_inside_a_block_rolls_back_with_it() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_block (id int)");
            c.setAutoCommit(false);
            copy(c).copyIn("COPY t_block FROM STDIN", new StringReader("1\n2\n"));
            assertThat(query(c, "SELECT count(*) FROM t_block")).isEqualTo("2\n");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(query(c, "SELECT count(*) FROM t_block")).isEqualTo("0\n");
        }
    }

    @Test
    void defaults_fill_the_columns_COPY_leaves_out() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_def (id serial PRIMARY KEY, name text, n int DEFAULT 7)");
            copy(c).copyIn("COPY t_def (name) FROM STDIN", new StringReader("a\nb\n"));
            assertThat(query(c, "SELECT id, name, n FROM t_def ORDER BY id")).isEqualTo("1|a|7\n2|b|7\n");
        }
    }

    @Test
    void tables_with_types_the_appender_cannot_write_take_the_insert_path() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_iv (id int, span interval, tags text[])");
            copy(c).copyIn("COPY t_iv FROM STDIN", new StringReader("1\t1 day 02:00:00\t{a,b}\n2\t\\N\t{}\n"));
            assertThat(copyOut(c, "COPY t_iv TO STDOUT")).isEqualTo("1\t1 day 02:00:00\t{a,b}\n2\t\\N\t{}\n");
        }
    }

    @Test
    void generated_columns_are_left_out_of_COPY_and_refused_by_name() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_gen (id int, p int, g int GENERATED ALWAYS AS (p * 2) STORED)");
            exec(c, "INSERT INTO t_gen (id, p) VALUES (1, 5)");
            assertThat(copyOut(c, "COPY t_gen TO STDOUT")).isEqualTo("1\t5\n");
            assertThat(copyOut(c, "COPY t_gen TO STDOUT (FORMAT csv, HEADER)")).isEqualTo("id,p\n1,5\n");
            assertThat(copy(c).copyIn("COPY t_gen FROM STDIN", new StringReader("2\t7\n"))).isEqualTo(1);
            assertThat(copyOut(c, "COPY (SELECT * FROM t_gen ORDER BY id) TO STDOUT")).isEqualTo("1\t5\t10\n2\t7\t14\n");
            for (String sql : new String[] {"COPY t_gen (id, g) TO STDOUT", "COPY t_gen (g) FROM STDIN"}) {
                assertThatThrownBy(() -> copyOut(c, sql)).as(sql)
                        .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P10"));
            }
        }
    }

    @Test
    void COPY_FROM_with_WHERE_and_arrays_of_more_dimensions_are_refused_rather_than_loaded_otherwise() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_where (a int)");
            assertThatThrownBy(() -> copy(c).copyIn("COPY t_where FROM STDIN WHERE a > 1", new StringReader("1\n2\n3\n")))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
            assertThat(copyOut(c, "COPY t_where TO STDOUT")).isEmpty();
            exec(c, "CREATE TABLE t_dims (a text[], b text[][])");
            assertThatThrownBy(() -> copy(c).copyIn("COPY t_dims (a) FROM STDIN", new StringReader("{{a,b},{c,d}}\n")))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
            assertThat(copy(c).copyIn("COPY t_dims (b) FROM STDIN", new StringReader("{{a,b},{c,d}}\n"))).isEqualTo(1);
            assertThat(copyOut(c, "COPY t_dims TO STDOUT")).isEqualTo("\\N\t{{a,b},{c,d}}\n");
        }
    }

    @Test
    void COPY_to_or_from_a_server_file_is_refused() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_file (id int)");
            assertThatThrownBy(() -> exec(c, "COPY t_file TO '/tmp/pgwire-copy-test.csv'"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> exec(c, "COPY t_file FROM '/etc/passwd'"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void a_COPY_TO_whose_query_fails_after_its_first_rows_fails_rather_than_ending_short() throws Exception {
        // DuckDB streams the result: a value that fails to convert far into the table ends the
        // stream of chunks as if it were complete, unless the error is asked for
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_late (id bigint, v text)");
            exec(c, "INSERT INTO t_late SELECT g, CASE WHEN g < 1500000 THEN g::text ELSE 'x' END FROM generate_series(1, 2000000) g");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> copy(c).copyOut("COPY (SELECT id, v::int8 FROM t_late) TO STDOUT", out))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22P02"));
            assertThat(out.size()).as("rows sent before the failure").isGreaterThan(0);
            assertThat(query(c, "SELECT count(*) FROM t_late")).isEqualTo("2000000\n");
        }
    }

    private static String rows(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append(i).append("\tname ").append(i).append('\t').append(i * 0.25).append('\t')
                    .append(i % 7 == 0 ? "\\N" : "2024-01-01 00:00:00").append('\n');
        }
        return b.toString();
    }

    @Test
    void a_COPY_of_many_appender_chunks_keeps_every_row_once() throws Exception {
        // DuckDB inserts the appender's chunks many at a time: past several such batches, with and
        // without a staging table (a serial column left out), every row arrives once
        int n = 300_000;
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_many (id bigint NOT NULL, name text, score float8, at timestamp)");
            assertThat(copy(c).copyIn("COPY t_many FROM STDIN", new StringReader(rows(1, n)))).isEqualTo(n);
            assertThat(query(c, "SELECT count(*), count(DISTINCT id), sum(id), sum(length(name)), sum(score), count(at) FROM t_many"))
                    .isEqualTo(n + "|" + n + "|" + (long) n * (n + 1) / 2 + "|" + query(c,
                            "SELECT sum(length('name ' || g)) FROM generate_series(1, " + n + ") g").trim() + "|"
                            + query(c, "SELECT sum(g * 0.25::float8) FROM generate_series(1, " + n + ") g").trim() + "|"
                            + (n - n / 7) + "\n");
            exec(c, "CREATE TABLE t_serial (k serial, id bigint NOT NULL, name text, score float8, at timestamp)");
            assertThat(copy(c).copyIn("COPY t_serial (id, name, score, at) FROM STDIN", new StringReader(rows(1, n)))).isEqualTo(n);
            assertThat(query(c, "SELECT count(*), count(DISTINCT k), min(k), max(k), sum(id) FROM t_serial"))
                    .isEqualTo(n + "|" + n + "|1|" + n + "|" + (long) n * (n + 1) / 2 + "\n");
        }
    }

    @Test
    void a_key_violation_far_into_a_COPY_keeps_nothing_of_it() throws Exception {
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_key (id bigint PRIMARY KEY, name text, score float8, at timestamp)");
            exec(c, "INSERT INTO t_key VALUES (0, 'zero', 0, NULL)");
            // row 200 000 repeats row 1's key: DuckDB finds it when it inserts the batch holding it
            String data = rows(1, 199_999) + rows(1, 1) + rows(200_001, 250_000);
            assertThatThrownBy(() -> copy(c).copyIn("COPY t_key FROM STDIN", new StringReader(data)))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("23505"));
            assertThat(query(c, "SELECT count(*) FROM t_key")).isEqualTo("1\n");
        }
    }

    @Test
    void a_cancel_ends_a_COPY_TO_that_streams_DuckDB_chunks() throws Exception {
        try (Connection c = connect()) {
            java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
            java.io.OutputStream out = new java.io.OutputStream() {
                long bytes;

                @Override
                public void write(int b) {
                    write(new byte[]{(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes += len;
                    if (bytes > 1_000_000 && sent.compareAndSet(false, true)) {
                        // a CancelRequest on its own connection, as psql's ^C sends it
                        try {
                            c.unwrap(org.postgresql.core.BaseConnection.class).cancelQuery();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            };
            assertThatThrownBy(() -> copy(c).copyOut("COPY (SELECT g::int8, g::text FROM generate_series(1, 1000000000) g) TO STDOUT", out))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            assertThat(sent).isTrue();
            assertThat(query(c, "SELECT 1")).isEqualTo("1\n");
        }
    }

    @Test
    void constant_defaults_fill_columns_left_out_across_many_chunks() throws Exception {
        // defaults the appender writes into each chunk itself (no staging table), past several
        // chunks DuckDB receives in one batch
        int n = 150_000;
        StringBuilder data = new StringBuilder();
        for (int i = 1; i <= n; i++) data.append(i).append('\n');
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_constdef (id int, n int DEFAULT 7, s text DEFAULT 'x')");
            assertThat(copy(c).copyIn("COPY t_constdef (id) FROM STDIN", new StringReader(data.toString()))).isEqualTo(n);
            assertThat(query(c, "SELECT count(*), count(DISTINCT id), sum(n), count(*) FILTER (WHERE s = 'x') FROM t_constdef"))
                    .isEqualTo(n + "|" + n + "|" + 7L * n + "|" + n + "\n");
        }
    }

    @Test
    void COPY_TO_of_constant_and_repeated_values_writes_every_row() throws Exception {
        // DuckDB may compute a constant once for a whole chunk or share strings through a
        // dictionary: each row still gets its own value
        try (Connection c = connect()) {
            exec(c, "CREATE TABLE t_dict AS SELECT g::int8 AS id, CASE WHEN g % 3 = 0 THEN 'three' WHEN g % 3 = 1"
                    + " THEN 'a rather long repeated string' ELSE NULL END AS s FROM generate_series(1, 5000) g");
            String out = copyOut(c, "COPY (SELECT id, 'const'::text, NULL::text, 42::int8, s, upper(s) FROM t_dict ORDER BY id) TO STDOUT");
            StringBuilder expected = new StringBuilder();
            for (int g = 1; g <= 5000; g++) {
                String s = g % 3 == 0 ? "three" : g % 3 == 1 ? "a rather long repeated string" : null;
                expected.append(g).append("\tconst\t\\N\t42\t").append(s == null ? "\\N" : s).append('\t')
                        .append(s == null ? "\\N" : s.toUpperCase(java.util.Locale.ROOT)).append('\n');
            }
            assertThat(out).isEqualTo(expected.toString());
            // and straight from the table's scan, unsorted
            String scanned = copyOut(c, "COPY (SELECT id, 'const'::text, NULL::text, 42::int8, s, upper(s) FROM t_dict) TO STDOUT");
            assertThat(scanned.lines().sorted().toList()).isEqualTo(expected.toString().lines().sorted().toList());
        }
    }
}
