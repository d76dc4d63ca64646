package dev.pgwire.compat.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OIDs of user objects written into a replayed statement (a tool's sample parameters: the
 * table psql describes, the schema DBeaver reads) were assigned by the PostgreSQL server they were
 * captured on, and each server assigns its own. Each such OID is looked up on PostgreSQL — which
 * object it is: relation, type, function, schema, database or constraint — and replaced by the
 * OID of the same object on serve, so that serve is asked about the object PostgreSQL was.
 */
final class UserOids {
    private static final Pattern NUMBER = Pattern.compile("\\b[0-9]{5,10}\\b");

    private UserOids() {
    }

    /** {@code sql} with each user OID PostgreSQL knows replaced by serve's OID of the same object. */
    static String onServe(String sql, Connection pg, Connection serve) {
        Matcher m = NUMBER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            long n = Long.parseLong(m.group());
            String replacement = m.group();
            if (n >= CatalogQueryReplayTest.FIRST_NORMAL_OBJECT_ID && n <= 0xFFFFFFFFL && !bound(sql, m.start())) {
                String onServe = serveOid(n, pg, serve);
                if (onServe != null) replacement = onServe;
            }
            m.appendReplacement(out, replacement);
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Whether the number at {@code start} is the bound of an ordering comparison ({@code oid >=
     * 16384}: the user objects, node-postgres): a boundary between built-in and user OIDs, the same
     * on every server, not an object of PostgreSQL's to look up on serve.
     */
    private static boolean bound(String sql, int start) {
        String before = sql.substring(0, start).stripTrailing();
        return before.endsWith(">") || before.endsWith("<") || before.endsWith(">=") || before.endsWith("<=");
    }

    private static String serveOid(long oid, Connection pg, Connection serve) {
        String identity = first(pg, "SELECT 'regclass', oid::regclass::text, '' FROM pg_catalog.pg_class WHERE oid = " + oid
                + " UNION ALL SELECT 'regtype', oid::regtype::text, '' FROM pg_catalog.pg_type WHERE oid = " + oid
                + " UNION ALL SELECT 'regprocedure', oid::regprocedure::text, '' FROM pg_catalog.pg_proc WHERE oid = " + oid
                + " UNION ALL SELECT 'regnamespace', oid::regnamespace::text, '' FROM pg_catalog.pg_namespace WHERE oid = " + oid
                + " UNION ALL SELECT 'database', datname::text, '' FROM pg_catalog.pg_database WHERE oid = " + oid
                + " UNION ALL SELECT 'constraint', conrelid::regclass::text, conname::text FROM pg_catalog.pg_constraint"
                + " WHERE oid = " + oid + " AND conrelid <> 0");
        if (identity == null) return null;
        String[] parts = identity.split("\u0000", -1);
        String kind = parts[0];
        String name = literal(parts[1]);
        String lookup = switch (kind) {
            case "database" -> "SELECT oid::text, '', '' FROM pg_catalog.pg_database WHERE datname = " + name;
            case "constraint" -> "SELECT oid::text, '', '' FROM pg_catalog.pg_constraint WHERE conrelid = " + name
                    + "::regclass AND conname = " + literal(parts[2]);
            default -> "SELECT " + name + "::" + kind + "::oid::text, '', ''";
        };
        String found = first(serve, lookup);
        return found == null ? null : found.split("\u0000", -1)[0];
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** The first row's three columns joined by NUL, or null when there is no row or the lookup fails. */
    private static String first(Connection c, String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
