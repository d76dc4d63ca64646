package dev.pgwire.serve.functions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the json functions are used from DuckDB: rows out of set-returning functions, sorting, overloads, NULLs. */
class JsonRegistrationTest {
    private Connection duck;

    @BeforeEach
    void open() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        PgFunctions.register(duck);
    }

    @AfterEach
    void close() throws SQLException {
        duck.close();
    }

    private List<String> rows(String sql) throws SQLException {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) row.append(" | ");
                    row.append(rs.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }

    @Test
    void eachUnnestsIntoKeyAndValueColumns() throws SQLException {
        assertThat(rows("SELECT key, value FROM (SELECT unnest(CAST(CAST(pg_json_each_text("
                + "'{\"b\": [1,  2], \"a\": \"x\", \"c\": null}') AS JSON) AS STRUCT(key VARCHAR, value VARCHAR)[]), "
                + "recursive := true))"))
                .containsExactly("b | [1,  2]", "a | x", "c | null");
        assertThat(rows("SELECT key, value FROM (SELECT unnest(CAST(CAST(pg_jsonb_each("
                + "'{\"b\": [1,  2], \"a\": \"x\", \"c\": null}') AS JSON) AS STRUCT(key VARCHAR, value VARCHAR)[]), "
                + "recursive := true))"))
                .containsExactly("a | \"x\"", "b | [1, 2]", "c | null");
    }

    @Test
    void elementsAndKeysUnnestIntoRows() throws SQLException {
        assertThat(rows("SELECT unnest(CAST(CAST(pg_jsonb_array_elements_text('[1, \"x\", null, {\"a\": 1}]') AS JSON) "
                + "AS VARCHAR[]))")).containsExactly("1", "x", "null", "{\"a\": 1}");
        assertThat(rows("SELECT unnest(CAST(CAST(pg_json_object_keys('{\"b\": 1, \"a\": 2, \"b\": 3}') AS JSON) "
                + "AS VARCHAR[]))")).containsExactly("b", "a", "b");
    }

    @Test
    void theSortKeyOrdersAndGroupsAsJsonbDoes() throws SQLException {
        String values = "VALUES ('null'), ('\"a\"'), ('1'), ('1.0'), ('true'), ('[]'), ('[1]'), ('[1,2]'), ('{}'), "
                + "('{\"a\":1}'), ('2'), ('\"b\"'), ('false'), ('[\"a\"]'), ('{\"b\":1,\"a\":2}')";
        // PostgreSQL 15: SELECT string_agg(x::text, ' ' ORDER BY x) over the same jsonb values
        assertThat(String.join(" ", rows("SELECT pg_jsonb_out(x) FROM (" + values + ") t(x) "
                + "ORDER BY pg_jsonb_sort_key(x), x")))
                .isEqualTo("[] null \"a\" \"b\" 1 1.0 2 false true [\"a\"] [1] [1, 2] {} {\"a\": 1} {\"a\": 2, \"b\": 1}");
        assertThat(rows("SELECT count(DISTINCT pg_jsonb_sort_key(x)) FROM (VALUES ('1'), ('1.0'), ('1.00'), "
                + "('{\"a\":1,\"b\":2}'), ('{\"b\":2,\"a\":1.0}')) t(x)")).containsExactly("2");
    }

    @Test
    void overloadsFollowTheArgumentTypes() throws SQLException {
        assertThat(rows("SELECT pg_jsonb_delete('[\"1\", 1, 2]', 1), pg_jsonb_delete('[\"1\", 1, 2]', '1'), "
                + "pg_jsonb_set('{\"a\": 1}', '[\"b\"]', '2'), pg_jsonb_set('{\"a\": 1}', '[\"b\"]', '2', false)"))
                .containsExactly("[\"1\", 2] | [1, 2] | {\"a\": 1, \"b\": 2} | {\"a\": 1}");
        assertThat(rows("SELECT pg_json_agg_format('[{\"a\":1},{\"a\":2}]'), pg_json_agg_format('[{\"a\":1},{\"a\":2}]', true)"))
                .containsExactly("[{\"a\":1}, {\"a\":2}] | [{\"a\":1}, \n {\"a\":2}]");
    }

    @Test
    void buildFunctionsTakeNullValuesButNotNullKeys() throws SQLException {
        assertThat(rows("SELECT pg_json_build_object('a', NULL), pg_jsonb_build_array(NULL, '1'), pg_json_build_array()"))
                .containsExactly("{\"a\" : null} | [null, 1] | []");
        assertThatThrownBy(() -> rows("SELECT pg_jsonb_build_object(NULL, '1')"))
                .hasMessageContaining("[pgwire:22023] argument 1: key must not be null");
    }

    @Test
    void strictFunctionsAnswerNullForNull() throws SQLException {
        assertThat(rows("SELECT pg_jsonb_object_field(NULL, 'a'), pg_json_extract_path('{\"a\":1}', NULL), "
                + "pg_jsonb_set('{}', '[\"a\"]', NULL), pg_jsonb_set_lax('{\"a\":1}', '[\"a\"]', NULL)"))
                .containsExactly("null | null | null | {\"a\": null}");
    }

    @Test
    void tooDeepForPostgreSqlsStackIsItsStackDepthError() throws SQLException {
        String deep = "repeat('[', 10000) || repeat(']', 10000)";
        String lessDeep = "repeat('[', 1000) || repeat(']', 1000)";
        assertThat(rows("SELECT length(pg_jsonb_out(" + deep + ")), pg_jsonb_contains(" + lessDeep + ", " + lessDeep + ")"))
                .containsExactly("20000 | true");
        // containment recurses: at 10 000 deep it succeeds or, where the thread's stack is smaller, is 54001
        try {
            assertThat(rows("SELECT pg_jsonb_contains(" + deep + ", " + deep + ")")).containsExactly("true");
        } catch (SQLException e) {
            assertThat(e.getMessage()).contains("[pgwire:54001] stack depth limit exceeded");
        }
        String tooDeep = "repeat('[', 200000) || repeat(']', 200000)";
        assertThatThrownBy(() -> rows("SELECT pg_jsonb_out(" + tooDeep + ")"))
                .hasMessageContaining("[pgwire:54001] stack depth limit exceeded");
        assertThatThrownBy(() -> rows("SELECT pg_json_in(repeat('{\"a\":', 100000) || '1' || repeat('}', 100000))"))
                .hasMessageContaining("[pgwire:54001] stack depth limit exceeded");
    }

    @Test
    void manyRowsAcrossDuckDbsThreadsGetTheirOwnResults() throws SQLException {
        assertThat(rows("SELECT count(DISTINCT pg_jsonb_set('{\"a\": {\"b\": 0}}', '[\"a\", \"b\"]', CAST(i AS VARCHAR))), "
                + "sum(CAST(pg_json_object_field_text('{\"n\": ' || i || '}', 'n') AS BIGINT)) FROM range(20000) t(i)"))
                .containsExactly("20000 | 199990000");
    }
}
