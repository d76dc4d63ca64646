package dev.pgwire.compat.values;

import dev.pgwire.compat.Target;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The silent-value cases through pgjdbc. Steps without parameters go through a plain Statement
 * (pgjdbc still uses the extended protocol); parameters are bound with setBigDecimal, setBytes,
 * setString, setInt or setBoolean. Binary steps use a second connection with
 * {@code prepareThreshold=-1}, which makes pgjdbc ask for binary results from the first execution.
 */
final class JdbcSilentValues {
    private JdbcSilentValues() {
    }

    static List<List<SilentValueCases.Outcome>> run(Target target, String database, List<SilentValueCases.Case> cases)
            throws SQLException {
        Properties binaryProps = target.jdbcProperties();
        binaryProps.setProperty("prepareThreshold", "-1");
        List<List<SilentValueCases.Outcome>> out = new ArrayList<>();
        try (Connection text = target.connect(database);
             Connection binary = java.sql.DriverManager.getConnection(target.jdbcUrl(database), binaryProps)) {
            for (SilentValueCases.Case c : cases) {
                List<SilentValueCases.Outcome> outcomes = new ArrayList<>();
                for (SilentValueCases.Step step : c.steps()) {
                    // A transaction opened by a text step belongs to the text connection: keep to it.
                    boolean useBinary = step.binary() && !inBlock(outcomes, c);
                    outcomes.add(runStep(useBinary ? binary : text, step));
                }
                out.add(outcomes);
            }
        }
        return out;
    }

    private static boolean inBlock(List<SilentValueCases.Outcome> done, SilentValueCases.Case c) {
        int open = 0;
        for (int i = 0; i < done.size(); i++) {
            String sql = c.steps().get(i).sql().toUpperCase();
            if (sql.startsWith("BEGIN")) open++;
            if (sql.startsWith("COMMIT") || sql.startsWith("ROLLBACK")) open = 0;
        }
        return open > 0;
    }

    private static SilentValueCases.Outcome runStep(Connection conn, SilentValueCases.Step step) {
        String sql = step.sql().replaceAll("\\$[0-9]+", "?");
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            for (Map<String, Object> p : step.params()) bind(ps, i++, p);
            if (!ps.execute()) return new SilentValueCases.Outcome(true, List.of(), List.of(), null, null);
            try (ResultSet rs = ps.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                List<List<String>> columns = new ArrayList<>();
                for (int c = 1; c <= md.getColumnCount(); c++) columns.add(List.of(md.getColumnLabel(c), md.getColumnTypeName(c)));
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) row.add(canon(rs, c, md.getColumnTypeName(c)));
                    rows.add(row);
                }
                return new SilentValueCases.Outcome(true, columns, rows, null, null);
            }
        } catch (SQLException e) {
            return SilentValueCases.Outcome.error(e.getSQLState(), e.getMessage());
        } catch (RuntimeException e) {
            return SilentValueCases.Outcome.error(null, "driver: " + e);
        }
    }

    private static void bind(PreparedStatement ps, int index, Map<String, Object> p) throws SQLException {
        String value = String.valueOf(p.get("value"));
        switch ((String) p.get("type")) {
            case "numeric" -> ps.setBigDecimal(index, new BigDecimal(value));
            case "bytea" -> ps.setBytes(index, HexFormat.of().parseHex(value));
            case "int" -> ps.setInt(index, Integer.parseInt(value));
            case "bool" -> ps.setBoolean(index, Boolean.parseBoolean(value));
            default -> ps.setString(index, value);
        }
    }

    /** The value as pgjdbc decodes it for its type, written in PostgreSQL's text form. */
    private static String canon(ResultSet rs, int column, String type) throws SQLException {
        switch (type) {
            case "numeric" -> {
                BigDecimal d = rs.getBigDecimal(column);
                return d == null ? null : d.toPlainString();
            }
            case "bytea" -> {
                byte[] b = rs.getBytes(column);
                return b == null ? null : "\\x" + HexFormat.of().formatHex(b);
            }
            case "bool" -> {
                boolean v = rs.getBoolean(column);
                return rs.wasNull() ? null : v ? "t" : "f";
            }
            case "int2", "int4", "int8" -> {
                long v = rs.getLong(column);
                return rs.wasNull() ? null : Long.toString(v);
            }
            case "float8" -> {
                double v = rs.getDouble(column);
                return rs.wasNull() ? null : Double.toString(v);
            }
            default -> {
                return rs.getString(column);
            }
        }
    }
}
