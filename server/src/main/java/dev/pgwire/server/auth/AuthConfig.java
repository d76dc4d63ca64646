package dev.pgwire.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Client authentication rules, checked like pg_hba.conf: the first rule whose connection type,
 * database, user and address match decides the method; when none matches the connection is
 * rejected (PostgreSQL then reports 28000 "no pg_hba.conf entry for host ...").
 *
 * <pre>{@code
 * AuthConfig config = AuthConfig.parse("""
 *         local    all  all                 trust
 *         hostssl  all  all    0.0.0.0/0    scram-sha-256
 *         host     all  all    127.0.0.1/32 md5
 *         """);
 * AuthMethod m = config.methodFor("alice", "db1", channel.remoteAddress(), tlsActive);
 * }</pre>
 * Immutable and thread-safe.
 */
public final class AuthConfig {
    private final List<AuthRule> rules;

    public AuthConfig(List<AuthRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<AuthRule> rules() {
        return rules;
    }

    /**
     * The first rule matching the connection, if any.
     *
     * @param remote the peer address: an {@link InetSocketAddress} for TCP; anything else (a
     *               unix-domain socket address, or null) counts as a local connection
     * @param tls    whether the connection is encrypted
     */
    public Optional<AuthRule> ruleFor(String user, String database, SocketAddress remote, boolean tls) {
        boolean tcp = remote instanceof InetSocketAddress;
        InetAddress address = tcp ? ((InetSocketAddress) remote).getAddress() : null;
        for (AuthRule rule : rules) {
            if (rule.matches(user, database, address, tcp, tls)) return Optional.of(rule);
        }
        return Optional.empty();
    }

    /** The method of the first matching rule, or {@link AuthMethod#REJECT} if no rule matches. */
    public AuthMethod methodFor(String user, String database, SocketAddress remote, boolean tls) {
        return ruleFor(user, database, remote, tls).map(AuthRule::method).orElse(AuthMethod.REJECT);
    }

    /**
     * Parses pg_hba.conf-style text: one rule per line, {@code #} comments, blank lines.
     *
     * @throws IllegalArgumentException naming the line number of the first bad line
     */
    public static AuthConfig parse(String hbaText) {
        return new AuthConfig(HbaParser.parse(Objects.requireNonNull(hbaText, "hbaText")));
    }

    /** Reads and parses a pg_hba.conf-style file (UTF-8). */
    public static AuthConfig load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Trust local and loopback (127.0.0.1/32, ::1/128) connections; reject everything else. */
    public static AuthConfig trustLoopback() {
        return new AuthConfig(List.of(
                AuthRule.forAll(ConnectionType.LOCAL, null, AuthMethod.TRUST),
                AuthRule.forAll(ConnectionType.HOST, Cidr.parse("127.0.0.1/32"), AuthMethod.TRUST),
                AuthRule.forAll(ConnectionType.HOST, Cidr.parse("::1/128"), AuthMethod.TRUST)));
    }

    /** Every connection, local or TCP from anywhere, uses {@code method}. */
    public static AuthConfig all(AuthMethod method) {
        return new AuthConfig(List.of(
                AuthRule.forAll(ConnectionType.LOCAL, null, method),
                AuthRule.forAll(ConnectionType.HOST, null, method)));
    }

    /** The rules as pg_hba.conf text, which {@link #parse} reads back to equal rules. */
    @Override
    public String toString() {
        return rules.stream().map(r -> r + "\n").collect(Collectors.joining());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthConfig c && c.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }
}
