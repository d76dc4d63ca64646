package dev.pgwire.serve;

import java.util.Map;

/**
 * The run-time parameters a serve session reports to clients.
 *
 * <p>The server sends these in ParameterStatus messages after authentication, before the first
 * ReadyForQuery; they are the values the {@link DuckDbSession} opened for the same startup
 * parameters works with, and later changes arrive through {@code ResultSink.parameterStatus}.
 *
 * <pre>{@code
 * Map<String, String> startup = Map.of("user", "alice", "application_name", "psql", "TimeZone", "Europe/Berlin");
 * ServeParameters.initial(startup).forEach((name, value) -> out.add(new ParameterStatus(name, value)));
 * // server_version=15.0, server_encoding=UTF8, client_encoding=UTF8, DateStyle=ISO, MDY, TimeZone=Europe/Berlin, …
 * }</pre>
 */
public final class ServeParameters {
    private ServeParameters() {}

    /** The PostgreSQL version serve speaks for; drivers pick features by it. */
    public static final String SERVER_VERSION = "15.0";

    /**
     * What version() answers: PostgreSQL's form, which drivers and tools parse for the version
     * number, naming serve and its DuckDB engine.
     */
    public static String versionText() {
        return "PostgreSQL " + SERVER_VERSION + " (pgwire serve on DuckDB " + DuckDbVersion.VERSION + ") on "
                + System.getProperty("os.arch") + "-" + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT)
                + ", 64-bit";
    }

    /** {@link #SERVER_VERSION} as server_version_num. */
    public static final String SERVER_VERSION_NUM = "150000";

    /**
     * The ParameterStatus set to send at startup, in PostgreSQL's order: application_name,
     * client_encoding, DateStyle, default_transaction_read_only, in_hot_standby, integer_datetimes,
     * IntervalStyle, is_superuser, server_encoding, server_version, session_authorization,
     * standard_conforming_strings, TimeZone.
     *
     * @param startupParams the StartupMessage parameters (including "user"); GUCs among them (and in
     *                      "options" as {@code -c name=value}) override the defaults
     * @throws dev.pgwire.protocol.PgException when a startup parameter has an unacceptable value
     *         (such as client_encoding=LATIN1); PostgreSQL refuses the connection then
     */
    public static Map<String, String> initial(Map<String, String> startupParams) {
        String user = startupParams == null ? null : startupParams.get("user");
        return new SessionParameters(user, startupParams).startupReport();
    }
}
