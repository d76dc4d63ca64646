package dev.pgwire.serve.catalog;

import java.util.List;

/**
 * What the catalog shows of the whole server rather than one database: the databases and the
 * roles (pg_database, pg_authid, pg_roles, pg_user).
 *
 * @param databases the databases that exist
 * @param roles     the roles, the bootstrap superuser first
 */
public record Cluster(List<String> databases, List<Role> roles) {

    /** PostgreSQL's OID of the role made by initdb. */
    public static final int BOOTSTRAP_SUPERUSER = 10;

    /** A role as pg_authid describes it. */
    public record Role(String name, boolean superuser, boolean createRole, boolean createDb, boolean login,
                       boolean replication, boolean bypassRls, int connectionLimit, boolean hasPassword) {
    }

    /** The OID of a role of this cluster (the first is the bootstrap superuser, 10). */
    public int roleOid(String name) {
        if (!roles.isEmpty() && roles.get(0).name().equals(name)) return BOOTSTRAP_SUPERUSER;
        return Oids.hash("role:" + name);
    }

    /** The OID of a database: postgres has PostgreSQL's (5), others their own. */
    public static int databaseOid(String name) {
        return name.equals("postgres") ? 5 : Oids.hash("db:" + name);
    }

    /** PostgreSQL's predefined roles (listed in pg_roles; \du hides them). */
    static final List<Object[]> PREDEFINED = List.of(
            new Object[] {6171, "pg_database_owner"}, new Object[] {6181, "pg_read_all_data"},
            new Object[] {6182, "pg_write_all_data"}, new Object[] {3373, "pg_monitor"},
            new Object[] {3374, "pg_read_all_settings"}, new Object[] {3375, "pg_read_all_stats"},
            new Object[] {3377, "pg_stat_scan_tables"}, new Object[] {4569, "pg_read_server_files"},
            new Object[] {4570, "pg_write_server_files"}, new Object[] {4571, "pg_execute_server_program"},
            new Object[] {4200, "pg_signal_backend"}, new Object[] {4544, "pg_checkpoint"});
}
