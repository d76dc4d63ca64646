package dev.pgwire.compat.catalog;

import dev.pgwire.compat.JavaTool;
import dev.pgwire.compat.ServeErrors;
import dev.pgwire.compat.Servers;
import dev.pgwire.compat.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * pgjdbc's DatabaseMetaData over the catalog schema: each method's whole result set on serve must
 * be PostgreSQL's, column for column, except for the masked columns named at {@link #MASKED}.
 */
class JdbcMetadataTest {

    /**
     * Columns whose values legitimately differ between two servers, by column label:
     * SPECIFIC_NAME of getFunctions ends in the function's OID (assigned per server);
     * CARDINALITY and PAGES of getIndexInfo are planner statistics.
     */
    static final Set<String> MASKED = Set.of("SPECIFIC_NAME", "CARDINALITY", "PAGES");

    @FunctionalInterface
    interface Call {
        Object apply(DatabaseMetaData md) throws SQLException;
    }

    @BeforeAll
    static void schema() {
        CatalogSchema.loadBoth();
    }

    static List<List<String>> rows(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData m = rs.getMetaData();
            List<List<String>> out = new ArrayList<>();
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= m.getColumnCount(); i++) header.add(m.getColumnLabel(i));
            out.add(header);
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    String v = rs.getString(i);
                    // a session's temporary schema is numbered by its backend, which differs between the servers
                    if (v != null) v = v.replaceAll("^pg_temp_[0-9]+$", "pg_temp_N");
                    row.add(MASKED.contains(m.getColumnLabel(i).toUpperCase()) ? "<masked>" : v);
                }
                out.add(row);
            }
            return out;
        }
    }

    static Object call(Target t, Call call) throws Exception {
        try (Connection c = t.connect(CatalogSchema.DATABASE)) {
            Object r = call.apply(c.getMetaData());
            return r instanceof ResultSet rs ? rows(rs) : r;
        }
    }

    static void same(String method, Call call) {
        Object want;
        try {
            want = call(Servers.postgres(), call);
        } catch (Exception e) {
            throw new AssertionError(method + " fails on PostgreSQL itself: " + e, e);
        }
        int mark = ServeErrors.mark();
        Object got;
        try {
            got = call(Servers.serve(), call);
        } catch (Exception e) {
            fail(method + " against serve: " + JavaTool.chain(e) + refused(mark), e);
            return;
        }
        if (!Objects.equals(want, got)) {
            fail(method + " against serve differs from PostgreSQL:\n  PostgreSQL: " + want + "\n  serve:      " + got + refused(mark));
        }
    }

    private static String refused(int mark) {
        List<ServeErrors.Error> errors = ServeErrors.since(mark, CatalogSchema.DATABASE);
        return errors.isEmpty() ? "" : "\n  statements serve refused:" + ServeErrors.describe(errors);
    }

    @Test
    void getTables() {
        same("getTables(public)", md -> md.getTables(null, "public", "%", null));
        same("getTables(app, TABLE)", md -> md.getTables(null, "app", "%", new String[] {"TABLE"}));
    }

    @Test
    void getColumns() {
        same("getColumns(customers)", md -> md.getColumns(null, "public", "customers", "%"));
        same("getColumns(orders)", md -> md.getColumns(null, "public", "orders", "%"));
        same("getColumns(stock_levels)", md -> md.getColumns(null, "public", "stock_levels", "%")); // columns of domains
    }

    /** Makes a temporary table on the metadata's connection (each call connects anew). */
    private static void temporaryTable(DatabaseMetaData md) throws SQLException {
        try (java.sql.Statement st = md.getConnection().createStatement()) {
            st.execute("CREATE TEMP TABLE tmp_lines (id bigserial PRIMARY KEY, sku varchar(20) NOT NULL,"
                    + " qty int DEFAULT 1, note text UNIQUE)");
            st.execute("CREATE INDEX tmp_lines_sku ON tmp_lines (sku)");
        }
    }

    /** A temporary table is listed, with its columns, key and indexes, to the session that made it. */
    @Test
    void temporaryTables() {
        same("getTables(temporary)", md -> {
            temporaryTable(md);
            return md.getTables(null, null, "tmp_lines", null);
        });
        same("getColumns(temporary)", md -> {
            temporaryTable(md);
            return md.getColumns(null, null, "tmp_lines", "%");
        });
        same("getPrimaryKeys(temporary)", md -> {
            temporaryTable(md);
            return md.getPrimaryKeys(null, null, "tmp_lines");
        });
        same("getIndexInfo(temporary)", md -> {
            temporaryTable(md);
            return md.getIndexInfo(null, null, "tmp_lines", false, false);
        });
    }

    @Test
    void getPrimaryKeys() {
        same("getPrimaryKeys(orders)", md -> md.getPrimaryKeys(null, "public", "orders"));
        same("getPrimaryKeys(app.items)", md -> md.getPrimaryKeys(null, "app", "items"));
    }

    @Test
    void getImportedKeys() {
        same("getImportedKeys(orders)", md -> md.getImportedKeys(null, "public", "orders"));
        same("getImportedKeys(app.item_refs)", md -> md.getImportedKeys(null, "app", "item_refs"));
    }

    @Test
    void getExportedKeys() {
        same("getExportedKeys(customers)", md -> md.getExportedKeys(null, "public", "customers"));
    }

    @Test
    void getIndexInfo() {
        same("getIndexInfo(orders)", md -> md.getIndexInfo(null, "public", "orders", false, true));
        same("getIndexInfo(customers, unique)", md -> md.getIndexInfo(null, "public", "customers", true, true));
    }

    @Test
    void getSchemas() {
        same("getSchemas()", DatabaseMetaData::getSchemas);
    }

    /**
     * Every database of the server is listed: both servers hold the other test classes' databases,
     * so only this database's presence and the result's shape are compared.
     */
    @Test
    void getCatalogs() {
        same("getCatalogs()", md -> {
            List<List<String>> rows = rows(md.getCatalogs());
            return List.of(rows.get(0), rows.stream().anyMatch(r -> r.get(0).equals(CatalogSchema.DATABASE)));
        });
    }

    @Test
    void getTypeInfo() {
        same("getTypeInfo()", DatabaseMetaData::getTypeInfo);
    }

    @Test
    void getFunctions() {
        same("getFunctions(public)", md -> md.getFunctions(null, "public", "%"));
    }

    @Test
    void getSQLKeywords() {
        same("getSQLKeywords()", DatabaseMetaData::getSQLKeywords);
    }

    /**
     * The minor version and the packager's suffix are masked: serve reports one PostgreSQL 15
     * release, the cluster is whichever Debian installed ("15.18 (Debian 15.18-0+deb12u1)").
     */
    @Test
    void getDatabaseProductVersion() {
        same("getDatabaseProductName/Version", md -> List.of(md.getDatabaseProductName(),
                md.getDatabaseProductVersion().replaceAll("^15\\.[0-9]+.*", "15.<minor>"), md.getDatabaseMajorVersion()));
    }
}
