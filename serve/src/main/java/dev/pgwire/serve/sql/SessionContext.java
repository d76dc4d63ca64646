package dev.pgwire.serve.sql;

import java.util.List;

/**
 * What a translation needs to know of the session it runs in: the answers of PostgreSQL's
 * session functions ({@code current_user}, {@code current_database()}, {@code current_setting}, …)
 * are constants of the statement.
 */
public interface SessionContext {
    /** The current role (current_user): the session user, or the role SET ROLE chose. */
    String user();

    /** The session user (session_user): the login role, or the one SET SESSION AUTHORIZATION chose. */
    default String sessionUser() {
        return user();
    }

    /** The role made with the data directory, owner of every object (OID 10). */
    default String bootstrapSuperuser() {
        return "postgres";
    }

    /** Whether a role of this name exists. */
    default boolean roleExists(String name) {
        return true;
    }

    /** Whether the current role is a superuser. */
    default boolean superuser() {
        return true;
    }

    /** Whether the operator let SQL reach server files and the network (see {@link EngineGuard}). */
    default boolean externalAccess() {
        return false;
    }

    /** The PostgreSQL database the session is connected to. */
    String database();

    /** The process id the client was given in BackendKeyData. */
    int backendPid();

    /** The first schema of search_path that exists, or null. */
    String currentSchema();

    /** The schemas of search_path that exist, with pg_catalog first when {@code implicit}. */
    List<String> currentSchemas(boolean implicit);

    /** A run-time parameter's value as SHOW gives it, or null when there is no such parameter. */
    String setting(String name);

    /** The text version() returns. */
    String versionText();

    /** The session's time zone as a zone id ({@code Europe/Paris}, {@code UTC}, {@code +05:30}). */
    default String timeZoneName() {
        return "UTC";
    }

    /**
     * set_config(name, value, is_local): sets a run-time parameter as SET does and returns its new
     * value as SHOW gives it.
     */
    default String setConfig(String name, String value, boolean isLocal) {
        throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.FEATURE_NOT_SUPPORTED, "set_config is not available here");
    }

    /**
     * A statement being translated names a relation TEMP or in schema pg_temp: the session may
     * have temporary objects from now on (until then its catalog reads look for none).
     */
    default void temporaryRelationNamed() {
    }

    /** The session's temporary schema (pg_temp_N) while it has temporary objects, else null. */
    default String temporarySchema() {
        return null;
    }

    /**
     * Whether the session's open transaction has changed the catalog: its catalog reads then show
     * those changes (TempCatalog), where other sessions see what is committed.
     */
    default boolean definingCatalog() {
        return false;
    }

    /**
     * The search_path serve's catalog functions are given: the session's schemas, with its
     * marker while its open transaction has changed the catalog (they answer from that catalog then).
     */
    default String catalogPath() {
        String path = String.join(",", currentSchemas(true));
        return definingCatalog() ? path + "," + dev.pgwire.serve.catalog.TempCatalog.pathMarker(backendPid()) : path;
    }

    /** The relations the session sees. */
    default CatalogView catalog() {
        return CatalogView.NONE;
    }

    /** The database's catalog as of its last change (null where there is none, as in unit tests). */
    default dev.pgwire.serve.catalog.Snapshot catalogSnapshot() {
        return null;
    }

    /**
     * The version of the database's catalog (any session's DDL moves it), or -1 where it is not
     * kept: translations are then made afresh every time.
     */
    default long catalogVersion() {
        return -1;
    }
}
