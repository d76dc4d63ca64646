package dev.pgwire.server.auth;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One pg_hba.conf line: connections of {@code type}, to one of {@code databases}, as one of
 * {@code users}, from {@code address}, authenticate with {@code method}.
 *
 * <pre>{@code
 * // host  db1,db2  alice  10.0.0.0/8  scram-sha-256
 * new AuthRule(ConnectionType.HOST, Set.of("db1", "db2"), Set.of("alice"),
 *         Cidr.parse("10.0.0.0/8"), AuthMethod.SCRAM_SHA_256);
 * }</pre>
 *
 * @param databases database names, matched exactly; empty matches every database ("all")
 * @param users     user names, matched exactly; empty matches every user ("all")
 * @param address   client address range; null matches any address. Ignored for LOCAL.
 */
public record AuthRule(ConnectionType type, Set<String> databases, Set<String> users, Cidr address,
                       AuthMethod method) {

    public AuthRule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        databases = databases == null ? Set.of() : Set.copyOf(databases);
        users = users == null ? Set.of() : Set.copyOf(users);
        if (type == ConnectionType.LOCAL) address = null;
    }

    /** A rule for every database and user. */
    public static AuthRule forAll(ConnectionType type, Cidr address, AuthMethod method) {
        return new AuthRule(type, Set.of(), Set.of(), address, method);
    }

    /**
     * True if this rule applies to the connection.
     *
     * @param clientAddress the TCP peer's address, or null for a non-TCP (local) connection
     */
    public boolean matches(String user, String database, InetAddress clientAddress, boolean tcp, boolean tls) {
        if (!type.matches(tcp, tls)) return false;
        if (!databases.isEmpty() && !databases.contains(database)) return false;
        if (!users.isEmpty() && !users.contains(user)) return false;
        return type == ConnectionType.LOCAL || address == null || address.contains(clientAddress);
    }

    /** The rule as a pg_hba.conf line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.hbaName()).append(' ')
                .append(names(databases)).append(' ')
                .append(names(users)).append(' ');
        if (type != ConnectionType.LOCAL) sb.append(address == null ? "all" : address.toString()).append(' ');
        return sb.append(method.hbaName()).toString();
    }

    private static String names(Set<String> names) {
        return names.isEmpty() ? "all"
                : names.stream().sorted().map(HbaParser::quoteIfNeeded).collect(Collectors.joining(","));
    }
}
