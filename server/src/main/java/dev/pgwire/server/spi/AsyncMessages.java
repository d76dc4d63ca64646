package dev.pgwire.server.spi;

/**
 * Sends a session's client messages that answer no request of its own: NotificationResponse (a
 * NOTIFY of some session reaching a listener), ParameterStatus (a run-time parameter that
 * changed) and the FATAL error of a session another one terminated. Handed to {@link Session#attach} once, before the client is greeted; any thread may
 * call it, at any time, and it never blocks.
 *
 * <p>Messages are held while the session is inside a transaction block or a call runs, and go out
 * in the order they were given when the session is idle outside a block: at once if it is waiting
 * for the client, else just before its next ReadyForQuery with status idle — as a PostgreSQL
 * backend delivers notifications. Messages given after the session ended are dropped.
 *
 * <pre>{@code
 * public void attach(AsyncMessages client) { this.client = client; }
 * ...
 * client.notification(senderPid, "jobs", "42");   // from whichever thread committed the NOTIFY
 * }</pre>
 */
public interface AsyncMessages {

    /** A NotificationResponse: {@code channel} and {@code payload} from the session with {@code processId}. */
    void notification(int processId, String channel, String payload);

    /** A ParameterStatus report. */
    void parameterStatus(String name, String value);

    /**
     * Ends the session as PostgreSQL's pg_terminate_backend does: a running call is cancelled and
     * its end, or at once an idle session, sends FATAL 57P01 and closes the connection.
     */
    void terminate();
}
