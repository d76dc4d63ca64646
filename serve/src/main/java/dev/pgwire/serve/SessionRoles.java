package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

/**
 * Who a session is: the authenticated user, the session user (SET SESSION AUTHORIZATION) and the
 * current role (SET ROLE), kept in the session's parameters {@code session_authorization} and
 * {@code role} so that ROLLBACK and SET LOCAL treat them as PostgreSQL does; {@code is_superuser}
 * follows the current role.
 */
final class SessionRoles {
    private final Roles roles;
    private final SessionParameters params;
    private final String authenticatedUser;
    /** As PostgreSQL: whether the login role was a superuser when the session began. */
    private final boolean authenticatedSuperuser;

    SessionRoles(Roles roles, SessionParameters params, String authenticatedUser) {
        this.roles = roles;
        this.params = params;
        this.authenticatedUser = authenticatedUser;
        this.authenticatedSuperuser = roles.isSuperuser(authenticatedUser);
        params.setInternal("is_superuser", authenticatedSuperuser ? "on" : "off", false);
    }

    Roles roles() {
        return roles;
    }

    /** How the session reads date and time input (VALID UNTIL). */
    dev.pgwire.protocol.types.CodecContext codecContext() {
        return params.codecContext();
    }

    /** The role the session logged in as (the role pg_stat_activity and pg_terminate_backend see). */
    String loginRole() {
        return authenticatedUser;
    }

    String sessionUser() {
        return params.get("session_authorization");
    }

    /** current_user: the role SET ROLE chose, else the session user. */
    String currentUser() {
        String role = params.get("role");
        return role == null || role.equals("none") ? sessionUser() : role;
    }

    /** Whether the current role is a superuser now. */
    boolean isSuperuser() {
        return roles.isSuperuser(currentUser());
    }

    /** SET [LOCAL] ROLE name | NONE; null or "none" returns to the session user. */
    void setRole(String name, boolean local) {
        if (name == null || name.equals("none")) {
            params.setInternal("role", "none", local);
        } else {
            if (!roles.exists(name)) throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "role \"" + name + "\" does not exist");
            if (!roles.isMember(sessionUser(), name)) {
                throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set role \"" + name + "\"");
            }
            params.setInternal("role", name, local);
        }
        superuserChanged(local);
    }

    /** SET [LOCAL] SESSION AUTHORIZATION name | DEFAULT (null): only a superuser's session may become another. */
    void setSessionAuthorization(String name, boolean local) {
        String target = name == null ? authenticatedUser : name;
        if (!roles.exists(target)) throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "role \"" + target + "\" does not exist");
        if (!authenticatedSuperuser && !target.equals(authenticatedUser)) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to set session authorization");
        }
        params.setInternal("session_authorization", target, local);
        params.setInternal("role", "none", local);
        superuserChanged(local);
    }

    private void superuserChanged(boolean local) {
        params.setInternal("is_superuser", isSuperuser() ? "on" : "off", local);
    }

    /** The current role must be a superuser or have CREATEROLE (PostgreSQL 15's rule for managing roles). */
    boolean canManageRoles() {
        return isSuperuser() || roles.find(currentUser()).map(Roles.Role::createRole).orElse(false);
    }

    boolean canCreateDatabases() {
        return isSuperuser() || roles.find(currentUser()).map(Roles.Role::createDb).orElse(false);
    }
}
