/**
 * Client authentication, as pure logic without I/O: which method a connection must use
 * ({@link dev.pgwire.server.auth.AuthConfig}, pg_hba.conf rules), where credentials come from
 * ({@link dev.pgwire.server.auth.CredentialStore}) and the exchanges themselves
 * ({@link dev.pgwire.server.auth.ScramServer}, {@link dev.pgwire.server.auth.Md5Password}).
 *
 * <p>How a startup handler uses it (protocol section 53.2.2, "Start-up"):
 * <pre>{@code
 * switch (config.methodFor(user, database, remoteAddress, tls)) {
 *     case TRUST -> ok();
 *     case REJECT -> fail(28000, "no pg_hba.conf entry for host ...");
 *     case PASSWORD -> store.verifyPassword(user, cleartext) ? ok() : fail(28P01, ...);
 *     case MD5 -> // with a SCRAM verifier but no md5 hash, run SCRAM instead (as PostgreSQL);
 *                 // for an unknown user, still send the salt and fail after the response
 *                 Md5Password.verify(store.md5Hash(user).orElseThrow(), salt, response) ? ok() : fail(28P01, ...);
 *     case SCRAM_SHA_256 -> new ScramServer(user, store.scramVerifier(user).orElse(null), endPoint) ...
 * }
 * }</pre>
 * Every authentication failure for a password is reported as 28P01
 * {@code password authentication failed for user "..."}, whether or not the user exists.
 */
package dev.pgwire.server.auth;
