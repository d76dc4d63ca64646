package dev.pgwire.server;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.PasswordMessage;
import dev.pgwire.protocol.message.SASLInitialResponse;
import dev.pgwire.protocol.message.SASLResponse;
import dev.pgwire.server.auth.AuthMethod;
import dev.pgwire.server.auth.CredentialStore;
import dev.pgwire.server.auth.Md5Password;
import dev.pgwire.server.auth.ScramClientKey;
import dev.pgwire.server.auth.ScramServer;
import dev.pgwire.server.auth.ScramVerifier;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * One connection's authentication exchange (protocol section 55.3): picks the method from the
 * rules, sends the request, checks the responses. Every failure is the same 28P01 message whether
 * the user exists or not; messages never carry the password.
 */
final class Authenticator {
    private enum Step { START, CLEARTEXT, MD5, SASL_FIRST, SASL_FINAL, DONE }

    private final ServerState server;
    private final String user;
    private final String database;
    private final SocketAddress remote;
    private final boolean tls;
    private final byte[] channelBinding;
    private final AuthMethod method;
    private CredentialStore credentials;
    private Step step = Step.START;
    private byte[] md5Salt;
    private ScramServer scram;
    private boolean succeeded;

    Authenticator(ServerState server, String user, String database, SocketAddress remote, boolean tls,
                  byte[] channelBinding) {
        this.server = server;
        this.user = user;
        this.database = database;
        this.remote = remote;
        this.tls = tls;
        this.channelBinding = channelBinding;
        this.method = server.config.auth().methodFor(user, database, remote, tls);
    }

    /** Whether the method checks a password, so that credentials must be looked up first. */
    boolean needsCredentials() {
        return method == AuthMethod.PASSWORD || method == AuthMethod.MD5 || method == AuthMethod.SCRAM_SHA_256;
    }

    /** The credentials to check against, looked up before {@link #start}. */
    void credentials(CredentialStore store) {
        this.credentials = store;
    }

    String user() { return user; }
    String database() { return database; }
    boolean succeeded() { return succeeded; }

    /** The ClientKey of a successful SCRAM login (for the frame layer's pass-through), else null. */
    ScramClientKey scramClientKey() {
        return succeeded && scram != null ? scram.clientKey().orElse(null) : null;
    }

    /**
     * The md5 hash stored for the user, after a successful login checked against the stored
     * credentials (for the frame layer's md5 pass-through), else null.
     */
    String md5Hash() {
        return succeeded && credentials != null && needsCredentials() ? credentials.md5Hash(user).orElse(null) : null;
    }

    /** The first authentication request to send. */
    BackendMessage start() {
        switch (method) {
            case TRUST -> {
                succeeded = true;
                step = Step.DONE;
                return Authentication.Ok.INSTANCE;
            }
            case REJECT -> throw new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no pg_hba.conf entry for " + describeConnection());
            case PASSWORD -> {
                step = Step.CLEARTEXT;
                return Authentication.CleartextPassword.INSTANCE;
            }
            case MD5 -> {
                // As PostgreSQL: a user whose only secret is a SCRAM verifier is asked for SCRAM.
                Optional<ScramVerifier> scramOnly = credentials.md5Hash(user).isPresent()
                        ? Optional.empty() : credentials.scramVerifier(user);
                if (scramOnly.isPresent()) return startScram(scramOnly.get());
                step = Step.MD5;
                md5Salt = new byte[4];
                server.random.nextBytes(md5Salt);
                return new Authentication.MD5Password(md5Salt.clone());
            }
            case SCRAM_SHA_256 -> {
                return startScram(credentials.scramVerifier(user).orElse(null));
            }
            default -> throw new IllegalStateException("unhandled method " + method);
        }
    }

    private BackendMessage startScram(ScramVerifier verifier) {
        step = Step.SASL_FIRST;
        scram = new ScramServer(user, verifier, channelBinding);
        return new Authentication.SASL(ScramServer.mechanisms(channelBinding != null));
    }

    /** Handles a 'p' message; returns the reply (null if none besides AuthenticationOk). */
    BackendMessage onResponse(PasswordMessage m) {
        switch (step) {
            case CLEARTEXT -> {
                String password = m.password();
                if (password.isEmpty() || !credentials.verifyPassword(user, password)) throw authFailed();
                return ok();
            }
            case MD5 -> {
                String response = m.password();
                Optional<String> stored = credentials.md5Hash(user);
                if (stored.isEmpty() || !Md5Password.verify(stored.get(), md5Salt, response)) throw authFailed();
                return ok();
            }
            case SASL_FIRST -> {
                SASLInitialResponse first = SASLInitialResponse.from(m);
                if (first.data() == null) throw PgException.protocolViolation("malformed SCRAM message: empty initial response");
                byte[] serverFirst = scram.clientFirst(first.mechanism(), first.data());
                step = Step.SASL_FINAL;
                return new Authentication.SASLContinue(serverFirst);
            }
            case SASL_FINAL -> {
                byte[] serverFinal = scram.clientFinal(SASLResponse.from(m).data());
                step = Step.DONE;
                succeeded = true;
                return new Authentication.SASLFinal(serverFinal); // AuthenticationOk follows
            }
            default -> throw PgException.protocolViolation("unexpected password message");
        }
    }

    private BackendMessage ok() {
        step = Step.DONE;
        succeeded = true;
        return Authentication.Ok.INSTANCE;
    }

    private PgException authFailed() {
        step = Step.DONE;
        return new PgException(SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
    }

    private String describeConnection() {
        String host = remote instanceof InetSocketAddress isa ? "host \"" + isa.getAddress().getHostAddress() + "\", " : "";
        return host + "user \"" + user + "\", database \"" + database + "\", " + (tls ? "SSL encryption" : "no encryption");
    }
}
