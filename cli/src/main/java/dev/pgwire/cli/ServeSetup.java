package dev.pgwire.cli;

import dev.pgwire.cli.Main.UsageError;
import dev.pgwire.serve.Roles;
import dev.pgwire.server.PgServer;
import dev.pgwire.server.auth.AuthConfig;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.AuthRule;
import dev.pgwire.server.auth.Cidr;
import dev.pgwire.server.auth.ConnectionType;
import dev.pgwire.server.auth.CredentialFile;
import dev.pgwire.server.auth.CredentialStore;
import dev.pgwire.server.auth.InMemoryCredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks {@code pgwire serve}'s options against each other, reads the files they name, and turns
 * them into a {@link PgServer.Builder}. Conflicting options are usage errors (exit 2); files that
 * cannot be used are failures (exit 1). Every message is one line that names the option or file.
 */
final class ServeSetup {
    private static final Logger log = LoggerFactory.getLogger(ServeSetup.class);

    private final ServeCommand cmd;
    private final List<CredentialStore> credentials = new ArrayList<>();
    private AuthConfig auth;

    private ServeSetup(ServeCommand cmd) {
        this.cmd = cmd;
    }

    static ServeSetup prepare(ServeCommand cmd) {
        ServeSetup setup = new ServeSetup(cmd);
        setup.checkOptions();
        setup.readFiles();
        return setup;
    }

    PgServer.Builder builder() {
        return builder(null);
    }

    /**
     * The server's settings; with {@code roles}, logins are checked against the passwords CREATE
     * and ALTER ROLE set before the files given on the command line.
     */
    PgServer.Builder builder(Roles roles) {
        List<CredentialStore> sources = new ArrayList<>();
        if (roles != null) sources.add(roles);
        sources.addAll(credentials);
        PgServer.Builder b = PgServer.builder()
                .host(cmd.listenHost())
                .port(cmd.port)
                .unixSocketDirectory(cmd.socketDir)
                .tlsRequired(cmd.tlsRequired)
                .auth(auth)
                .credentials(new Credentials(sources))
                .maxConnections(cmd.maxConnections)
                .authTimeout(cmd.authTimeout)
                .idleSessionTimeout(cmd.idleSessionTimeout == null || cmd.idleSessionTimeout.isZero()
                        ? null : cmd.idleSessionTimeout);
        if (cmd.tlsCert != null) b.tls(cmd.tlsCert, cmd.tlsKey);
        return b;
    }

    /**
     * The users the command line gives passwords for become roles if they are not yet (superusers
     * that may log in, as initdb makes its user): {@code --user} (or postgres) with
     * {@code --password-file}, and the users of {@code --credentials-file}.
     */
    void ensureRoles(Roles roles) {
        List<String> users = new ArrayList<>();
        if (cmd.passwordFile != null) users.add(cmd.user != null ? cmd.user : ServeCommand.DEFAULT_USER);
        for (CredentialStore c : credentials) {
            if (c instanceof CredentialFile f) users.addAll(f.users());
        }
        for (String user : users) {
            try {
                roles.ensureSuperuser(user);
            } catch (RuntimeException e) {
                throw new CliException("cannot create role \"" + user + "\": " + e.getMessage(), e);
            }
        }
        boolean passwordRules = auth.rules().stream().anyMatch(r -> ServeCommand.isPasswordMethod(r.method()));
        if (passwordRules && credentials.isEmpty() && !roles.hasPasswords()) {
            throw new CliException((cmd.hbaFile != null ? "--hba-file " + cmd.hbaFile : "--auth " + cmd.auth)
                    + " needs passwords, and no role of the data directory has one yet: add --password-file FILE"
                    + " (and --user NAME) or --credentials-file FILE, or set one with ALTER ROLE over a trusted connection first");
        }
    }

    private void checkOptions() {
        if (cmd.dataDir != null && cmd.inMemory) throw usage("--data-dir and --in-memory cannot be used together");
        if (cmd.tlsCert != null && cmd.tlsKey == null) throw usage("--tls-cert needs --tls-key (the certificate's private key)");
        if (cmd.tlsKey != null && cmd.tlsCert == null) throw usage("--tls-key needs --tls-cert (the certificate chain)");
        if (cmd.tlsRequired && cmd.tlsCert == null) throw usage("--tls-required needs a certificate: add --tls-cert and --tls-key");
        if (cmd.port < 0 || cmd.port > 65535) throw usage("--port must be between 0 and 65535, not " + cmd.port);
        if (cmd.maxConnections < 1) throw usage("--max-connections must be at least 1, not " + cmd.maxConnections);
        if (cmd.idleSessionTimeout != null && cmd.idleSessionTimeout.isNegative()) throw usage("--idle-session-timeout cannot be negative");
        if (cmd.authTimeout.isNegative() || cmd.authTimeout.isZero()) throw usage("--auth-timeout must be positive");
        if (cmd.host.isBlank()) throw usage("--host cannot be empty");
        if (cmd.user != null && cmd.passwordFile == null) {
            throw usage("--user names the user whose password --password-file holds; add --password-file");
        }
        boolean hasCredentials = cmd.passwordFile != null || cmd.credentialsFile != null;
        // with a data directory, passwords may also come from its roles (checked once it is open)
        if (cmd.hbaFile == null && cmd.usesPasswords() && !hasCredentials && cmd.inMemory) {
            throw usage("--auth " + cmd.auth + " needs passwords: add --password-file FILE (and --user NAME) or --credentials-file FILE");
        }
        if (!Hosts.isLoopback(cmd.listenHost()) && cmd.hbaFile == null && !cmd.usesPasswords()) {
            throw usage("refusing to listen on " + cmd.host + " without a password, as anyone who can reach it could connect:"
                    + " set --auth scram-sha-256 and --password-file FILE (or --credentials-file FILE), or listen on 127.0.0.1");
        }
    }

    private void readFiles() {
        checkReadable("--tls-cert", cmd.tlsCert);
        checkReadable("--tls-key", cmd.tlsKey);
        checkReadable("--password-file", cmd.passwordFile);
        checkReadable("--credentials-file", cmd.credentialsFile);
        checkReadable("--hba-file", cmd.hbaFile);

        if (cmd.passwordFile != null) {
            String user = cmd.user != null ? cmd.user : ServeCommand.DEFAULT_USER;
            credentials.add(new InMemoryCredentialStore().addPassword(user, readPassword(cmd.passwordFile)));
        }
        if (cmd.credentialsFile != null) {
            try {
                credentials.add(CredentialFile.load(cmd.credentialsFile));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new CliException("cannot use --credentials-file " + e.getMessage(), e);
            }
        }

        if (cmd.hbaFile != null) {
            if (cmd.auth != null) log.warn("--hba-file {} overrides --auth {}", cmd.hbaFile, cmd.auth);
            try {
                auth = AuthConfig.load(cmd.hbaFile);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new CliException("cannot use --hba-file " + e.getMessage(), e);
            }
            checkHbaRules();
        } else if (cmd.auth != null) {
            auth = AuthConfig.all(cmd.auth);
        } else {
            auth = AuthConfig.trustLoopback();
            if (!credentials.isEmpty()) {
                log.warn("passwords are not checked without --auth or --hba-file: loopback and Unix-socket"
                        + " connections are trusted, all others rejected");
            }
        }
        if (auth.rules().stream().anyMatch(r -> r.method() == AuthMethod.PASSWORD && r.type() != ConnectionType.LOCAL)
                && cmd.tlsCert == null) {
            log.warn("the password method sends passwords in cleartext, and TLS is not configured;"
                    + " prefer scram-sha-256, or add --tls-cert, --tls-key and --tls-required");
        }
    }

    /** An hba file must not trust clients from other machines, and its password rules need passwords. */
    private void checkHbaRules() {
        Optional<AuthRule> needsPassword = auth.rules().stream()
                .filter(r -> ServeCommand.isPasswordMethod(r.method())).findFirst();
        if (needsPassword.isPresent() && credentials.isEmpty() && cmd.inMemory) {
            throw usage("--hba-file rule '" + needsPassword.get() + "' needs passwords: add --password-file FILE or --credentials-file FILE");
        }
        if (!Hosts.isLoopback(cmd.listenHost())) {
            auth.rules().stream()
                    .filter(r -> r.type() != ConnectionType.LOCAL && r.method() == AuthMethod.TRUST && !loopbackOnly(r.address()))
                    .findFirst()
                    .ifPresent(r -> {
                        throw usage("refusing to listen on " + cmd.host + ": --hba-file rule '" + r
                                + "' trusts clients from other machines without a password");
                    });
        }
    }

    private static boolean loopbackOnly(Cidr cidr) {
        if (cidr == null || !cidr.network().isLoopbackAddress()) return false;
        return cidr.network() instanceof Inet4Address ? cidr.prefixLength() >= 8 : cidr.prefixLength() == 128;
    }

    /** The first line of the file, without its line ending. */
    private static String readPassword(Path file) {
        String password;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            password = r.readLine();
        } catch (IOException e) {
            throw new CliException("cannot read --password-file " + file + ": " + ServeCommand.describe(e), e);
        }
        if (password == null || password.isEmpty()) {
            throw new CliException("--password-file " + file + " is empty: its first line must be the password");
        }
        return password;
    }

    private static void checkReadable(String option, Path file) {
        if (file == null) return;
        if (!Files.exists(file)) throw new CliException("cannot read " + option + " " + file + ": no such file");
        if (Files.isDirectory(file)) throw new CliException("cannot read " + option + " " + file + ": it is a directory");
        if (!Files.isReadable(file)) throw new CliException("cannot read " + option + " " + file + ": permission denied");
    }

    private UsageError usage(String message) {
        return new UsageError(cmd.spec.commandLine(), message);
    }
}
