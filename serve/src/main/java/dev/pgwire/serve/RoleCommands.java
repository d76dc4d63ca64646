package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.server.auth.ScramVerifier;
import dev.pgwire.server.spi.ResultSink;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CREATE ROLE and CREATE USER, ALTER ROLE (attributes, PASSWORD, VALID UNTIL, RENAME TO), DROP
 * ROLE, and GRANT / REVOKE of role memberships, with PostgreSQL 15's permission rules and
 * messages. Passwords become SCRAM-SHA-256 verifiers before they are kept (a verifier given as the
 * password is kept as it is); md5 hashes are refused. GRANT and REVOKE of privileges on objects
 * are refused: serve does not check object privileges (docs/SERVE.md).
 *
 * <p>Roles are the server's, not a database's: a change is immediate and permanent, so these
 * commands run outside transaction blocks only.
 */
final class RoleCommands {
    private final SessionRoles session;
    private final Roles roles;

    RoleCommands(SessionRoles session) {
        this.session = session;
        this.roles = session.roles();
    }

    void run(Translation t, ResultSink sink, boolean inTransactionBlock) {
        Node stmt = t.tree();
        switch (stmt.type()) {
            case "CreateRoleStmt" -> {
                outsideBlock("CREATE ROLE", inTransactionBlock);
                create(t, stmt, sink);
                sink.complete("CREATE ROLE");
            }
            case "AlterRoleStmt" -> {
                outsideBlock("ALTER ROLE", inTransactionBlock);
                alter(t, stmt, sink);
                sink.complete("ALTER ROLE");
            }
            case "RenameStmt" -> {
                outsideBlock("ALTER ROLE", inTransactionBlock);
                rename(stmt.str("subname"), stmt.str("newname"));
                sink.complete("ALTER ROLE");
            }
            case "DropRoleStmt" -> {
                outsideBlock("DROP ROLE", inTransactionBlock);
                drop(stmt, sink);
                sink.complete("DROP ROLE");
            }
            case "GrantRoleStmt" -> {
                boolean grant = stmt.bool("is_grant");
                outsideBlock(grant ? "GRANT" : "REVOKE", inTransactionBlock);
                membership(stmt, grant, sink);
                sink.complete(grant ? "GRANT ROLE" : "REVOKE ROLE");
            }
            case "AlterRoleSetStmt" -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER ROLE … SET is not supported")
                    .withDetail("serve keeps no per-role settings; set parameters in the session or in the connection's options.");
            default -> {
                String what = stmt.bool("is_grant") ? "GRANT" : "REVOKE";
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, what + " on objects is not supported")
                        .withDetail("serve does not keep privileges on tables, schemas or other objects: every role may use every"
                                + " object of the databases it connects to.")
                        .withHint("GRANT and REVOKE of role memberships (GRANT role TO role) are supported.");
            }
        }
    }

    private static void outsideBlock(String command, boolean inTransactionBlock) {
        if (inTransactionBlock) {
            throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, command + " cannot run inside a transaction block")
                    .withDetail("serve keeps roles outside the databases' transactions, so a role change cannot be rolled back.");
        }
    }

    // ---------------------------------------------------------------- CREATE ROLE

    /** The options of CREATE or ALTER ROLE, each at most once. */
    private final class Options {
        final Map<String, Node> byName = new HashMap<>();

        Options(Translation t, List<Node> options, ResultSink sink) {
            for (Node o : options) {
                String name = o.str("defname");
                if (name.equals("sysid")) {
                    sink.notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION, "SYSID can no longer be specified");
                    continue;
                }
                if (byName.put(name, o) != null) {
                    PgException e = new PgException(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
                    Integer position = t.sourcePositionOfByte(o.location());
                    if (position != null) e.withPosition(position);
                    throw e;
                }
            }
        }

        boolean has(String name) {
            return byName.containsKey(name);
        }

        boolean flag(String name, boolean otherwise) {
            Node o = byName.get(name);
            return o == null ? otherwise : o.node("arg").bool("boolval");
        }

        Node arg(String name) {
            Node o = byName.get(name);
            return o == null ? null : o.node("arg");
        }

        List<String> roleNames(String name) {
            List<String> out = new ArrayList<>();
            Node arg = arg(name);
            if (arg != null) for (Node spec : arg.list("items")) out.add(roleName(spec));
            return out;
        }
    }

    private void create(Translation t, Node stmt, ResultSink sink) {
        String name = stmt.str("role");
        Options o = new Options(t, stmt.list("options"), sink);
        boolean superuser = o.flag("superuser", false);
        boolean replication = o.flag("isreplication", false);
        boolean bypassRls = o.flag("bypassrls", false);
        if (superuser && !session.isSuperuser()) throw denied("must be superuser to create superusers");
        if (replication && !session.isSuperuser()) throw denied("must be superuser to create replication users");
        if (bypassRls && !session.isSuperuser()) throw denied("must be superuser to create bypassrls users");
        if (!session.canManageRoles()) throw denied("permission denied to create role");
        Roles.checkName(name);
        if (roles.exists(name)) throw new PgException(SqlState.DUPLICATE_OBJECT, "role \"" + name + "\" already exists");
        int limit = connectionLimit(o);
        OffsetDateTime validUntil = validUntil(o);
        String password = password(o, sink);
        List<String> inRoles = o.roleNames("addroleto");
        List<String> members = o.roleNames("rolemembers");
        List<String> admins = o.roleNames("adminmembers");
        for (String r : inRoles) checkCanGrant(requireRole(r));
        for (String m : members) requireRole(m);
        for (String m : admins) requireRole(m);
        boolean login = o.flag("canlogin", stmt.str("stmt_type").equals("ROLESTMT_USER"));
        roles.create(new Roles.Role(0, name, superuser, o.flag("inherit", true), o.flag("createrole", false), o.flag("createdb", false),
                login, replication, bypassRls, limit, password, validUntil));
        String grantor = session.currentUser();
        for (String r : inRoles) roles.grant(r, name, grantor, false);
        for (String m : members) roles.grant(name, m, grantor, false);
        for (String m : admins) roles.grant(name, m, grantor, true);
    }

    private static int connectionLimit(Options o) {
        Node arg = o.arg("connectionlimit");
        if (arg == null) return -1;
        long limit = arg.num("ival");
        if (limit < -1) throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + limit);
        return (int) limit;
    }

    private OffsetDateTime validUntil(Options o) {
        Node arg = o.arg("validUntil");
        if (arg == null) return null;
        return (OffsetDateTime) TypeRegistry.standard().decodeText(PgType.TIMESTAMPTZ.oid(), arg.str("sval"), session.codecContext());
    }

    /**
     * The SCRAM-SHA-256 verifier to keep for PASSWORD '...': the verifier itself when one is given
     * (as psql's \password sends), else one derived from the password; null for PASSWORD NULL
     * and, with PostgreSQL's notice, for an empty password.
     */
    private static String password(Options o, ResultSink sink) {
        if (!o.has("password")) return null;
        Node arg = o.arg("password");
        if (arg == null) return null;
        String given = arg.str("sval");
        if (given.isEmpty()) {
            sink.notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION, "empty string is not a valid password, clearing password");
            return null;
        }
        if (given.startsWith(ScramVerifier.PREFIX)) {
            try {
                return ScramVerifier.parse(given).encode();
            } catch (IllegalArgumentException e) {
                // as PostgreSQL: text that is not a valid verifier is a password
            }
        }
        if (given.matches("md5[0-9a-f]{32}")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "md5 password hashes are not supported")
                    .withDetail("serve keeps SCRAM-SHA-256 verifiers only.")
                    .withHint("Give the password itself, or a SCRAM-SHA-256 verifier (psql's \\password sends one).");
        }
        return ScramVerifier.derive(given).encode();
    }

    // ---------------------------------------------------------------- ALTER ROLE

    private void alter(Translation t, Node stmt, ResultSink sink) {
        String name = roleName(stmt.node("role"));
        Roles.Role r = requireRole(name);
        Options o = new Options(t, stmt.list("options"), sink);
        boolean su = session.isSuperuser();
        if (r.superuser() || o.has("superuser")) {
            if (!su) throw denied("must be superuser to alter superuser roles or change superuser attribute");
        } else if (r.replication() || o.has("isreplication")) {
            if (!su) throw denied("must be superuser to alter replication roles or change replication attribute");
        } else if (o.has("bypassrls")) {
            if (!su) throw denied("must be superuser to change bypassrls attribute");
        } else if (!session.canManageRoles()) {
            boolean ownPasswordOnly = name.equals(session.currentUser()) && o.byName.keySet().stream().allMatch(k -> k.equals("password"));
            if (!ownPasswordOnly) throw denied("permission denied");
        }
        int limit = o.has("connectionlimit") ? connectionLimit(o) : r.connectionLimit();
        OffsetDateTime validUntil = o.has("validUntil") ? validUntil(o) : r.validUntil();
        String password = o.has("password") ? password(o, sink) : r.password();
        roles.replace(new Roles.Role(r.oid(), r.name(), o.flag("superuser", r.superuser()), o.flag("inherit", r.inherit()),
                o.flag("createrole", r.createRole()), o.flag("createdb", r.createDb()), o.flag("canlogin", r.login()),
                o.flag("isreplication", r.replication()), o.flag("bypassrls", r.bypassRls()), limit, password, validUntil));
    }

    private void rename(String from, String to) {
        Roles.Role r = requireRole(from);
        if (from.equals(session.sessionUser())) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "session user cannot be renamed");
        if (from.equals(session.currentUser())) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "current user cannot be renamed");
        if (Roles.isPredefined(from)) {
            throw new PgException("42939", "role name \"" + from + "\" is reserved")
                    .withDetail("Role names starting with \"pg_\" are reserved.");
        }
        Roles.checkName(to);
        if (roles.exists(to)) throw new PgException(SqlState.DUPLICATE_OBJECT, "role \"" + to + "\" already exists");
        if (r.superuser()) {
            if (!session.isSuperuser()) throw denied("must be superuser to rename superusers");
        } else if (!session.canManageRoles()) {
            throw denied("permission denied to rename role");
        }
        roles.rename(from, to);
    }

    // ---------------------------------------------------------------- DROP ROLE

    private void drop(Node stmt, ResultSink sink) {
        if (!session.canManageRoles()) throw denied("permission denied to drop role");
        for (Node spec : stmt.list("roles")) {
            if (!spec.str("roletype").equals("ROLESPEC_CSTRING")) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "cannot use special role specifier in DROP ROLE");
            }
            String name = spec.str("rolename");
            if (!roles.exists(name)) {
                if (stmt.bool("missing_ok")) {
                    sink.notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION, "role \"" + name + "\" does not exist, skipping");
                    continue;
                }
                throw Roles.missing(name);
            }
            if (name.equals(session.currentUser())) throw new PgException("55006", "current user cannot be dropped");
            if (name.equals(session.sessionUser())) throw new PgException("55006", "session user cannot be dropped");
            if (roles.isSuperuser(name) && !session.isSuperuser()) throw denied("must be superuser to drop superusers");
            if (Roles.isPredefined(name) || name.equals(roles.bootstrap())) {
                throw new PgException("2BP01", "cannot drop role " + name + " because it is required by the database system");
            }
            roles.drop(name);
        }
    }

    // ---------------------------------------------------------------- GRANT / REVOKE role

    private void membership(Node stmt, boolean grant, ResultSink sink) {
        String grantor = session.currentUser();
        Node by = stmt.node("grantor");
        if (by != null) {
            grantor = roleName(by);
            requireRole(grantor);
            if (!grantor.equals(session.currentUser()) && !session.isSuperuser()) throw denied("must be superuser to set grantor");
        }
        boolean admin = stmt.bool("admin_opt");
        List<String> members = new ArrayList<>();
        for (Node spec : stmt.list("grantee_roles")) members.add(requireRole(roleName(spec)).name());
        for (Node priv : stmt.list("granted_roles")) {
            if (priv.has("cols") && !priv.list("cols").isEmpty()) {
                throw new PgException("0LP01", "column names cannot be included in GRANT/REVOKE ROLE");
            }
            String role = priv.str("priv_name");
            requireRole(role);
            checkCanGrant(roles.find(role).orElseThrow());
            if (role.equals("pg_database_owner")) {
                throw new PgException("0LP01", "role \"pg_database_owner\" cannot have explicit members");
            }
            for (String member : members) {
                if (grant) {
                    if (member.equals(role) || roles.isMemberIgnoringSuperuser(role, member)) {
                        throw new PgException("0LP01", "role \"" + role + "\" is a member of role \"" + member + "\"");
                    }
                    if (!roles.grant(role, member, grantor, admin)) {
                        sink.notice("NOTICE", SqlState.SUCCESSFUL_COMPLETION,
                                "role \"" + member + "\" is already a member of role \"" + role + "\"");
                    }
                } else if (!roles.revoke(role, member, admin)) {
                    sink.notice("WARNING", "01000", "role \"" + member + "\" is not a member of role \"" + role + "\"");
                }
            }
        }
    }

    /** PostgreSQL 15: a superuser role's members only by superusers; others need CREATEROLE or ADMIN OPTION. */
    private void checkCanGrant(Roles.Role role) {
        if (role.superuser()) {
            if (!session.isSuperuser()) throw denied("must be superuser to alter superusers");
        } else if (!session.canManageRoles() && !roles.hasAdminOption(session.currentUser(), role.name())) {
            throw denied("must have admin option on role \"" + role.name() + "\"");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The name a RoleSpec stands for: CURRENT_USER, CURRENT_ROLE, SESSION_USER or a name. */
    private String roleName(Node spec) {
        return switch (spec.str("roletype")) {
            case "ROLESPEC_CURRENT_USER", "ROLESPEC_CURRENT_ROLE" -> session.currentUser();
            case "ROLESPEC_SESSION_USER" -> session.sessionUser();
            case "ROLESPEC_PUBLIC" -> throw Roles.missing("public");
            default -> spec.str("rolename");
        };
    }

    private Roles.Role requireRole(String name) {
        return roles.find(name).orElseThrow(() -> Roles.missing(name));
    }

    private static PgException denied(String message) {
        return new PgException(SqlState.INSUFFICIENT_PRIVILEGE, message);
    }
}
