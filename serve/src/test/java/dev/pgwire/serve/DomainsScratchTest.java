package dev.pgwire.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

class DomainsScratchTest {
    @RegisterExtension
    static final InMemoryServe server = new InMemoryServe();

    @Test
    void print() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres")) {
            for (String sql : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/tmp/scratch/q.sql"))) {
                if (sql.isBlank()) continue;
                System.out.println("> " + sql);
                try (Statement st = c.createStatement()) {
                    if (st.execute(sql)) {
                        ResultSet rs = st.getResultSet();
                        int n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            StringBuilder b = new StringBuilder();
                            for (int i = 1; i <= n; i++) b.append(i > 1 ? " | " : "").append(rs.getString(i));
                            System.out.println(b);
                        }
                    }
                } catch (SQLException e) {
                    System.out.println("ERR " + e.getSQLState() + " " + e.getMessage());
                }
            }
        }
    }
}
