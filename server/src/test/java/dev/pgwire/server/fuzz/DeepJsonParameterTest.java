package dev.pgwire.server.fuzz;

import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.PgServer;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A json or jsonb parameter nested 10 000 deep binds as it does on PostgreSQL 15, and one nested
 * past PostgreSQL's stack depth limit is refused with its 54001, not an internal error: the
 * handler's thread stack has nothing to do with it.
 */
class DeepJsonParameterTest {

    private static PgServer server;

    /** {@code SELECT ?}: decodes its parameter with the type registry and returns its length. */
    static final class DecodingSession implements Session {
        @Override
        public void execute(String sql, ResultSink sink) {
            sink.complete("SELECT 0");
        }

        @Override
        public PreparedStatement prepare(String sql, int[] declared) {
            List<Column> columns = List.of(Column.of("length", PgType.INT4));
            int[] types = declared.length > 0 ? declared.clone() : new int[] {PgType.TEXT.oid()};
            return new PreparedStatement() {
                @Override
                public int[] parameterTypes() {
                    return types.clone();
                }

                @Override
                public List<Column> columns() {
                    return columns;
                }

                @Override
                public Portal bind(Parameters parameters) {
                    String value = (String) parameters.value(0);
                    return new Portal() {
                        @Override
                        public List<Column> columns() {
                            return columns;
                        }

                        @Override
                        public boolean execute(int maxRows, ResultSink sink) {
                            sink.row().text(Integer.toString(value.length())).end();
                            sink.complete("SELECT 1");
                            return false;
                        }
                    };
                }
            };
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = PgServer.builder().host("127.0.0.1").port(0).sessionFactory(info -> new DecodingSession()).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static int bind(String type, String json) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/db?user=me");
             var ps = c.prepareStatement("SELECT ?")) {
            PGobject value = new PGobject();
            value.setType(type);
            value.setValue(json);
            ps.setObject(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void jsonAndJsonbNestedTenThousandDeepBind() throws Exception {
        String arrays = "[".repeat(10_000) + "]".repeat(10_000);
        String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertThat(bind("json", arrays)).isEqualTo(20_000);
        assertThat(bind("jsonb", arrays)).isEqualTo(20_000);
        assertThat(bind("json", objects)).isEqualTo(objects.length());
        assertThat(bind("jsonb", objects)).isEqualTo(objects.length() + 10_000);  // jsonb writes ": "
    }

    @Test
    void nestingPastPostgresesStackLimitIs54001() {
        for (String type : new String[] {"json", "jsonb"}) {
            String tooDeep = "[".repeat(20_000) + "]".repeat(20_000);
            assertThatThrownBy(() -> bind(type, tooDeep))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo(SqlState.STATEMENT_TOO_COMPLEX);
                        assertThat(e.getMessage()).contains("stack depth limit exceeded");
                    });
        }
    }
}
