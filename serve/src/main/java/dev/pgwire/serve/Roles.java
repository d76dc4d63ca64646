package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.catalog.Cluster;
import dev.pgwire.server.auth.CredentialStore;
import dev.pgwire.server.auth.ScramVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of a serve instance (PostgreSQL's pg_authid and pg_auth_members) and the passwords
 * logins are checked against. With a data directory they live in its {@value #FILE_NAME} (mode
 * 0600, replaced atomically on every change): one line per role with its attributes and its
 * SCRAM-SHA-256 verifier — never a password — and one per membership. A fresh data directory,
 * like a database in memory, has one role: the bootstrap superuser {@code postgres}, without a
 * password.
 *
 * <p>As a {@link CredentialStore} it yields a role's verifier while the role may log in and its
 * VALID UNTIL has not passed; it never holds md5 hashes.
 *
 * <pre>{@code
 * Roles roles = factory.roles();
 * roles.ensureSuperuser("admin");                 // what initdb -U admin makes, if missing
 * PgServer.builder().credentials(roles)...        // logins use the verifiers CREATE/ALTER ROLE stored
 * }</pre>
 * Thread-safe.
 */
public final class Roles implements CredentialStore {
    private static final Logger log = LoggerFactory.getLogger(Roles.class);

    /** The file in the data directory that holds the roles. */
    public static final String FILE_NAME = "roles.conf";
    /** The role a fresh data directory has, as initdb makes it. */
    public static final String BOOTSTRAP = "postgres";

    /** One role; immutable, replaced on change. */
    record Role(int oid, String name, boolean superuser, boolean inherit, boolean createRole, boolean createDb, boolean login,
                boolean replication, boolean bypassRls, int connectionLimit, String password, OffsetDateTime validUntil) {

        Cluster.Role asCatalogRole() {
            return new Cluster.Role(oid, name, superuser, inherit, createRole, createDb, login, replication, bypassRls,
                    connectionLimit, password, validUntil);
        }

        Role renamed(String newName) {
            return new Role(oid, newName, superuser, inherit, createRole, createDb, login, replication, bypassRls, connectionLimit,
                    password, validUntil);
        }
    }

    /** {@code member} is a member of {@code role}. */
    record Membership(String role, String member, String grantor, boolean admin) {
    }

    private final Path file;
    private final Runnable onChange;
    /** By name, the bootstrap superuser first. */
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private final List<Membership> memberships = new ArrayList<>();

    /**
     * The roles of {@code dataDir} (null: in memory), read from its file or, when there is none, the
     * bootstrap superuser alone (written out at once).
     */
    Roles(Path dataDir, Runnable onChange) {
        this.file = dataDir == null ? null : dataDir.resolve(FILE_NAME);
        this.onChange = onChange;
        if (file != null && Files.exists(file)) {
            load();
        } else {
            roles.put(BOOTSTRAP, new Role(Cluster.BOOTSTRAP_SUPERUSER, BOOTSTRAP, true, true, true, true, true, true, true, -1,
                    null, null));
            save();
        }
    }

    // ---------------------------------------------------------------- reading

    /** A role of the store, or one of PostgreSQL's predefined roles (pg_monitor, …: no login, no attributes). */
    synchronized Optional<Role> find(String name) {
        if (name == null) return Optional.empty();
        Role r = roles.get(name);
        if (r != null) return Optional.of(r);
        for (Object[] p : Cluster.PREDEFINED) {
            if (p[1].equals(name)) return Optional.of(new Role((Integer) p[0], name, false, true, false, false, false, false, false, -1, null, null));
        }
        return Optional.empty();
    }

    synchronized boolean exists(String name) {
        return find(name).isPresent();
    }

    static boolean isPredefined(String name) {
        for (Object[] p : Cluster.PREDEFINED) if (p[1].equals(name)) return true;
        return false;
    }

    /** The bootstrap superuser's name (OID 10). */
    synchronized String bootstrap() {
        return roles.keySet().iterator().next();
    }

    synchronized boolean isSuperuser(String name) {
        Role r = roles.get(name);
        return r != null && r.superuser();
    }

    /**
     * Whether {@code member} has the rights of {@code role} through memberships (inheritance is
     * not followed through NOINHERIT roles for privileges, but SET ROLE may use any path), or is
     * the role itself, or a superuser.
     */
    synchronized boolean isMember(String member, String role) {
        if (member.equals(role) || isSuperuser(member)) return true;
        return isMemberIgnoringSuperuser(member, role);
    }

    /** Whether {@code member} reaches {@code role} through memberships (superusers count for nothing here). */
    synchronized boolean isMemberIgnoringSuperuser(String member, String role) {
        if (member.equals(role)) return true;
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(member));
        while (!todo.isEmpty()) {
            String m = todo.pop();
            if (!seen.add(m)) continue;
            for (Membership x : memberships) {
                if (!x.member().equals(m)) continue;
                if (x.role().equals(role)) return true;
                todo.push(x.role());
            }
        }
        return false;
    }

    /** Whether {@code who} holds {@code role} WITH ADMIN OPTION (directly or through a role it is a member of). */
    synchronized boolean hasAdminOption(String who, String role) {
        for (Membership x : memberships) {
            if (x.role().equals(role) && x.admin() && isMember(who, x.member())) return true;
        }
        return false;
    }

    /** The roles and memberships as the catalog shows them. */
    synchronized Cluster.Role[] catalogRoles() {
        return roles.values().stream().map(Role::asCatalogRole).toArray(Cluster.Role[]::new);
    }

    synchronized List<Cluster.Membership> catalogMemberships() {
        List<Cluster.Membership> out = new ArrayList<>();
        for (Membership m : memberships) {
            out.add(new Cluster.Membership(oid(m.role()), oid(m.member()), oid(m.grantor()), m.admin()));
        }
        return out;
    }

    private int oid(String name) {
        return find(name).map(Role::oid).orElse(0);
    }

    synchronized List<Membership> memberships() {
        return List.copyOf(memberships);
    }

    /**
     * pg_has_role(member, role, privilege) in an engine: MEMBER (any membership; superusers have
     * all), USAGE (the role's privileges reach the member through INHERIT roles), either WITH
     * ADMIN OPTION / WITH GRANT OPTION; errors as PostgreSQL's for unknown roles and privileges.
     */
    void registerFunctions(java.sql.Connection c) throws java.sql.SQLException {
        dev.pgwire.serve.functions.Udf.Type text = dev.pgwire.serve.functions.Udf.Type.VARCHAR;
        dev.pgwire.serve.functions.Udf.register(c, new dev.pgwire.serve.functions.Udf.Signature("pgwire_has_role",
                        List.of(text, text, text), null, dev.pgwire.serve.functions.Udf.Type.BOOLEAN, true),
                args -> hasRole((String) args[0], (String) args[1], (String) args[2]));
    }

    synchronized boolean hasRole(String member, String role, String privilege) {
        if (!exists(member)) throw missing(member);
        if (!exists(role)) throw missing(role);
        boolean any = false;
        boolean admin = false;
        boolean usage = false;
        for (String item : privilege.split(",")) {
            String p = item.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
            switch (p) {
                case "member" -> any = true;
                case "usage" -> usage = true;
                case "member with admin option", "member with grant option", "usage with admin option", "usage with grant option" ->
                        admin = true;
                default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \"" + item.trim() + "\"");
            }
        }
        if (any && isMember(member, role)) return true;
        if (usage && hasPrivilegesOf(member, role)) return true;
        return admin && (isSuperuser(member) || hasAdminOption(member, role));
    }

    /** Whether {@code member} has the privileges of {@code role}: itself, a superuser, or memberships through INHERIT roles. */
    private boolean hasPrivilegesOf(String member, String role) {
        if (member.equals(role) || isSuperuser(member)) return true;
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(member));
        while (!todo.isEmpty()) {
            String m = todo.pop();
            if (!seen.add(m)) continue;
            if (!find(m).map(Role::inherit).orElse(false)) continue;
            for (Membership x : memberships) {
                if (!x.member().equals(m)) continue;
                if (x.role().equals(role)) return true;
                todo.push(x.role());
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- CredentialStore

    @Override
    public synchronized Optional<ScramVerifier> scramVerifier(String user) {
        Role r = user == null ? null : roles.get(user);
        if (r == null || r.password() == null) return Optional.empty();
        if (r.validUntil() != null && !r.validUntil().equals(OffsetDateTime.MAX) && r.validUntil().isBefore(OffsetDateTime.now())) {
            return Optional.empty(); // as PostgreSQL: an expired password fails like a wrong one
        }
        return Optional.of(ScramVerifier.parse(r.password()));
    }

    /** Roles keep SCRAM-SHA-256 verifiers only. */
    @Override
    public Optional<String> md5Hash(String user) {
        return Optional.empty();
    }

    @Override
    public boolean hasUser(String user) {
        return scramVerifier(user).isPresent();
    }

    // ---------------------------------------------------------------- changing

    /**
     * Makes {@code name} a superuser that can log in, unless a role of that name exists: what
     * {@code initdb -U name} makes, for the user an operator names at startup. Returns whether
     * the role was created.
     */
    public synchronized boolean ensureSuperuser(String name) {
        if (roles.containsKey(name)) return false;
        checkName(name);
        put(new Role(newOid(name), name, true, true, true, true, true, true, true, -1, null, null));
        log.info("created superuser role \"{}\"", name);
        return true;
    }

    /** Whether any role has a password (a SCRAM verifier) to log in with. */
    public synchronized boolean hasPasswords() {
        return roles.values().stream().anyMatch(r -> r.password() != null && r.login());
    }

    /** The names of the roles, the bootstrap superuser first. */
    public synchronized List<String> names() {
        return List.copyOf(roles.keySet());
    }

    synchronized void create(Role r) {
        if (roles.containsKey(r.name())) throw new PgException(SqlState.DUPLICATE_OBJECT, "role \"" + r.name() + "\" already exists");
        put(new Role(newOid(r.name()), r.name(), r.superuser(), r.inherit(), r.createRole(), r.createDb(), r.login(), r.replication(),
                r.bypassRls(), r.connectionLimit(), r.password(), r.validUntil()));
    }

    synchronized void replace(Role r) {
        if (!roles.containsKey(r.name())) throw missing(r.name());
        roles.put(r.name(), r);
        changed();
    }

    synchronized void rename(String from, String to) {
        Role r = roles.get(from);
        if (r == null) throw missing(from);
        if (roles.containsKey(to)) throw new PgException(SqlState.DUPLICATE_OBJECT, "role \"" + to + "\" already exists");
        Map<String, Role> copy = new LinkedHashMap<>();
        for (Role x : roles.values()) copy.put(x.name().equals(from) ? to : x.name(), x.name().equals(from) ? r.renamed(to) : x);
        roles.clear();
        roles.putAll(copy);
        memberships.replaceAll(m -> new Membership(m.role().equals(from) ? to : m.role(), m.member().equals(from) ? to : m.member(),
                m.grantor().equals(from) ? to : m.grantor(), m.admin()));
        changed();
    }

    synchronized void drop(String name) {
        if (roles.remove(name) == null) throw missing(name);
        // as PostgreSQL: the role's memberships go with it; grants it made are attributed to the bootstrap superuser
        memberships.removeIf(m -> m.role().equals(name) || m.member().equals(name));
        String boot = bootstrap();
        memberships.replaceAll(m -> m.grantor().equals(name) ? new Membership(m.role(), m.member(), boot, m.admin()) : m);
        changed();
    }

    /** GRANT role TO member: false when the membership existed (and its admin option is not newly given). */
    synchronized boolean grant(String role, String member, String grantor, boolean admin) {
        for (int i = 0; i < memberships.size(); i++) {
            Membership m = memberships.get(i);
            if (m.role().equals(role) && m.member().equals(member)) {
                if (admin && !m.admin()) {
                    memberships.set(i, new Membership(role, member, grantor, true));
                    changed();
                    return true;
                }
                return false;
            }
        }
        memberships.add(new Membership(role, member, grantor, admin));
        changed();
        return true;
    }

    /** REVOKE [ADMIN OPTION FOR] role FROM member: false when there was no such membership. */
    synchronized boolean revoke(String role, String member, boolean adminOptionOnly) {
        for (int i = 0; i < memberships.size(); i++) {
            Membership m = memberships.get(i);
            if (m.role().equals(role) && m.member().equals(member)) {
                if (adminOptionOnly) memberships.set(i, new Membership(role, member, m.grantor(), false));
                else memberships.remove(i);
                changed();
                return true;
            }
        }
        return false;
    }

    static PgException missing(String name) {
        return new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
    }

    /** Names PostgreSQL reserves: those starting with pg_ (42939). */
    static void checkName(String name) {
        if (name.startsWith("pg_")) {
            throw new PgException("42939", "role name \"" + name + "\" is reserved")
                    .withDetail("Role names starting with \"pg_\" are reserved.");
        }
        if (name.isEmpty() || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid role name \"" + name + "\"");
        }
    }

    private int newOid(String name) {
        Set<Integer> taken = new HashSet<>();
        for (Role r : roles.values()) taken.add(r.oid());
        return Cluster.newRoleOid(name, taken);
    }

    private void put(Role r) {
        roles.put(r.name(), r);
        changed();
    }

    private void changed() {
        save();
        if (onChange != null) onChange.run();
    }

    // ---------------------------------------------------------------- the file

    /*
     * Format, one entry per line, fields separated by tabs, names and values percent-escaped:
     *   role <oid> <name> <flags> <connection limit> <valid until|-> <SCRAM verifier|->
     *   member <role> <member> <grantor> <admin t|f>
     * flags: S superuser, I inherit, R createrole, D createdb, L login, P replication, B bypassrls.
     */

    private void load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            try {
                if (f[0].equals("role") && f.length == 7) {
                    String flags = f[3];
                    String password = f[6].equals("-") ? null : unescape(f[6]);
                    if (password != null) ScramVerifier.parse(password);
                    Role r = new Role(Integer.parseInt(f[1]), unescape(f[2]), flags.contains("S"), flags.contains("I"),
                            flags.contains("R"), flags.contains("D"), flags.contains("L"), flags.contains("P"), flags.contains("B"),
                            Integer.parseInt(f[4]), password, f[5].equals("-") ? null : parseTime(f[5]));
                    roles.put(r.name(), r);
                } else if (f[0].equals("member") && f.length == 5) {
                    memberships.add(new Membership(unescape(f[1]), unescape(f[2]), unescape(f[3]), f[4].equals("t")));
                } else {
                    throw new IllegalArgumentException("unrecognised entry");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ": line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (roles.isEmpty()) throw new IllegalArgumentException(file + ": no roles (the first line must be the bootstrap superuser)");
    }

    private void save() {
        if (file == null) return;
        StringBuilder sb = new StringBuilder("# the roles of this data directory, written by pgwire serve: SCRAM-SHA-256 verifiers, never passwords\n");
        for (Role r : roles.values()) {
            String flags = (r.superuser() ? "S" : "") + (r.inherit() ? "I" : "") + (r.createRole() ? "R" : "") + (r.createDb() ? "D" : "")
                    + (r.login() ? "L" : "") + (r.replication() ? "P" : "") + (r.bypassRls() ? "B" : "");
            sb.append("role\t").append(r.oid()).append('\t').append(escape(r.name())).append('\t').append(flags.isEmpty() ? "-" : flags)
                    .append('\t').append(r.connectionLimit()).append('\t').append(r.validUntil() == null ? "-" : formatTime(r.validUntil()))
                    .append('\t').append(r.password() == null ? "-" : escape(r.password())).append('\n');
        }
        for (Membership m : memberships) {
            sb.append("member\t").append(escape(m.role())).append('\t').append(escape(m.member())).append('\t')
                    .append(escape(m.grantor())).append('\t').append(m.admin() ? "t" : "f").append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
            tmp = posix
                    ? Files.createTempFile(dir, "." + FILE_NAME, ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "." + FILE_NAME, ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new PgException(SqlState.IO_ERROR, "could not write file \"" + file + "\": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
        }
    }

    private static String formatTime(OffsetDateTime t) {
        if (t.equals(OffsetDateTime.MAX)) return "infinity";
        if (t.equals(OffsetDateTime.MIN)) return "-infinity";
        return t.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }

    private static OffsetDateTime parseTime(String s) {
        return switch (s) {
            case "infinity" -> OffsetDateTime.MAX;
            case "-infinity" -> OffsetDateTime.MIN;
            default -> OffsetDateTime.parse(s);
        };
    }

    /** Percent-escapes '%' and control characters (tabs and line ends among them); the rest stays as it is. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' || c < 0x20 || c == 0x7f) out.append('%').append(String.format("%02X", (int) c));
            else out.append(c);
        }
        return out.toString();
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) throw new IllegalArgumentException("bad escape in \"" + s + "\"");
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
