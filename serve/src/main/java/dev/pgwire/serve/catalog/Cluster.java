package dev.pgwire.serve.catalog;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the catalog shows of the whole server rather than one database: the databases and the
 * roles (pg_database, pg_authid, pg_roles, pg_user, pg_shadow, pg_auth_members).
 *
 * @param databases   the databases that exist
 * @param roles       the roles, the bootstrap superuser (OID 10) first
 * @param memberships who is a member of which role (GRANT role TO role)
 */
public record Cluster(List<String> databases, List<Role> roles, List<Membership> memberships) {

    /** PostgreSQL's OID of the role made by initdb. */
    public static final int BOOTSTRAP_SUPERUSER = 10;

    public Cluster {
        databases = List.copyOf(databases);
        roles = List.copyOf(roles);
        memberships = List.copyOf(memberships);
    }

    /**
     * A role as pg_authid describes it.
     *
     * @param password   the SCRAM-SHA-256 verifier ({@code SCRAM-SHA-256$...}), or null
     * @param validUntil when the password stops being accepted, or null for never
     *                   ({@link OffsetDateTime#MAX} is {@code infinity})
     */
    public record Role(int oid, String name, boolean superuser, boolean inherit, boolean createRole, boolean createDb,
                       boolean login, boolean replication, boolean bypassRls, int connectionLimit, String password,
                       OffsetDateTime validUntil) {
    }

    /** A row of pg_auth_members: {@code member} is a member of {@code role}, granted by {@code grantor}. */
    public record Membership(int role, int member, int grantor, boolean adminOption) {
    }

    /** The OID of a role of this cluster, or 0. */
    public int roleOid(String name) {
        for (Role r : roles) if (r.name().equals(name)) return r.oid();
        for (Object[] p : PREDEFINED) if (p[1].equals(name)) return (Integer) p[0];
        return 0;
    }

    /** The OID a new role named {@code name} gets: stable for the name, never one in use. */
    public static int newRoleOid(String name, java.util.Set<Integer> taken) {
        int oid = Oids.hash("role:" + name);
        while (taken.contains(oid) || oid < 16384) oid = Oids.hash("role:" + name + ":" + oid);
        return oid;
    }

    /** The OID of a database: postgres has PostgreSQL's (5), others their own. */
    public static int databaseOid(String name) {
        return name.equals("postgres") ? 5 : Oids.hash("db:" + name);
    }

    /** PostgreSQL's predefined roles (listed in pg_roles; \du hides them). */
    public static final List<Object[]> PREDEFINED = List.of(
            new Object[] {6171, "pg_database_owner"}, new Object[] {6181, "pg_read_all_data"},
            new Object[] {6182, "pg_write_all_data"}, new Object[] {3373, "pg_monitor"},
            new Object[] {3374, "pg_read_all_settings"}, new Object[] {3375, "pg_read_all_stats"},
            new Object[] {3377, "pg_stat_scan_tables"}, new Object[] {4569, "pg_read_server_files"},
            new Object[] {4570, "pg_write_server_files"}, new Object[] {4571, "pg_execute_server_program"},
            new Object[] {4200, "pg_signal_backend"}, new Object[] {4544, "pg_checkpoint"});

    /** Memberships among the predefined roles (pg_monitor holds three others), as initdb makes them. */
    static final List<int[]> PREDEFINED_MEMBERSHIPS = List.of(new int[] {3374, 3373}, new int[] {3375, 3373}, new int[] {3377, 3373});
}
