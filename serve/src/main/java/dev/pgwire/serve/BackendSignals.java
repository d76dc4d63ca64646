package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

/**
 * pg_cancel_backend and pg_terminate_backend: one session of the server cancelling another's
 * running statement or ending it, with PostgreSQL's rule of who may (pg_signal_backend in
 * signalfuncs.c): a superuser anyone; anyone else the sessions of roles whose privileges it has,
 * or any non-superuser session as a member of pg_signal_backend.
 */
final class BackendSignals {
    private BackendSignals() {}

    /** Signals {@code target} (null: no such session, false as PostgreSQL answers with a warning). */
    static boolean signal(DuckDbSession caller, DuckDbSession target, boolean terminate) {
        if (target == null) return false;
        Roles roles = caller.sessionRoles().roles();
        String user = caller.sessionRoles().currentUser();
        String targetRole = target.sessionRoles().loginRole();
        boolean superuser = roles.isSuperuser(user);
        if (roles.isSuperuser(targetRole) && !superuser) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, terminate
                    ? "must be a superuser to terminate superuser process" : "must be a superuser to cancel superuser query");
        }
        if (!superuser && !privilegesOf(roles, user, targetRole) && !privilegesOf(roles, user, "pg_signal_backend")) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be a member of the role whose "
                    + (terminate ? "process is being terminated" : "query is being canceled") + " or member of pg_signal_backend");
        }
        if (terminate) target.terminate(); else target.cancel();
        return true;
    }

    private static boolean privilegesOf(Roles roles, String member, String role) {
        return roles.exists(role) && roles.hasRole(member, role, "USAGE");
    }
}
