package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.server.spi.AsyncMessages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One session's LISTEN, UNLISTEN and NOTIFY, with PostgreSQL's transaction rules: inside a
 * transaction block they take effect when it commits — listening starts or stops then, and the
 * notifications go out then, once each (a block that sends the same channel and payload twice
 * sends it once), in order — and a rollback drops them. Outside a block each statement is its own
 * transaction. The session's notifications reach its client through the server's
 * {@link AsyncMessages}.
 */
final class SessionNotifications implements NotificationHub.Listener {
    /** PostgreSQL's NAMEDATALEN - 1 and the largest payload it accepts. */
    private static final int MAX_CHANNEL = 63;
    private static final int MAX_PAYLOAD = 7999;

    private final int processId;
    private volatile AsyncMessages client;
    private NotificationHub hub;
    private final Set<String> listening = new LinkedHashSet<>();
    /** LISTEN (+channel), UNLISTEN (-channel) and UNLISTEN * ("*") waiting for the block's commit. */
    private final List<String> pendingActions = new ArrayList<>();
    private final LinkedHashSet<NotificationHub.Notification> pending = new LinkedHashSet<>();

    SessionNotifications(int processId) {
        this.processId = processId;
    }

    void attach(AsyncMessages client) {
        this.client = client;
    }

    void hub(NotificationHub hub) {
        this.hub = hub;
    }

    @Override
    public void deliver(int senderPid, String channel, String payload) {
        AsyncMessages c = client;
        if (c != null) c.notification(senderPid, channel, payload);
    }

    void listen(String channel, boolean inBlock) {
        checkChannel(channel);
        act("+" + channel, inBlock);
    }

    /** UNLISTEN channel, or every channel for null (UNLISTEN *). */
    void unlisten(String channel, boolean inBlock) {
        act(channel == null ? "*" : "-" + channel, inBlock);
    }

    void notify(String channel, String payload, boolean inBlock) {
        checkChannel(channel);
        String p = payload == null ? "" : payload;
        if (p.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "payload string too long");
        }
        pending.add(new NotificationHub.Notification(channel, p));
        if (!inBlock) transactionEnded(true);
    }

    private static void checkChannel(String channel) {
        if (channel == null || channel.isEmpty()) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "channel name cannot be empty");
        }
        if (channel.getBytes(StandardCharsets.UTF_8).length > MAX_CHANNEL) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "channel name too long");
        }
    }

    private void act(String action, boolean inBlock) {
        pendingActions.add(action);
        if (!inBlock) applyActions();
    }

    /** The transaction ended: on commit, what it asked for happens now; on rollback, nothing of it. */
    void transactionEnded(boolean commit) {
        if (commit) {
            applyActions();
            if (!pending.isEmpty() && hub != null) hub.deliver(processId, new ArrayList<>(pending));
        }
        pendingActions.clear();
        pending.clear();
    }

    private void applyActions() {
        for (String a : pendingActions) {
            if (a.equals("*")) {
                if (hub != null) hub.unlistenAll(this, listening);
                listening.clear();
            } else if (a.charAt(0) == '+') {
                String channel = a.substring(1);
                if (listening.add(channel) && hub != null) hub.listen(this, channel);
            } else {
                String channel = a.substring(1);
                if (listening.remove(channel) && hub != null) hub.unlisten(this, channel);
            }
        }
        pendingActions.clear();
    }

    /** The channels this session listens on (pg_listening_channels). */
    List<String> channels() {
        return List.copyOf(listening);
    }

    /** The session ended (or DISCARD ALL): it listens no more. */
    void unlistenAll() {
        if (hub != null) hub.unlistenAll(this, listening);
        listening.clear();
        pendingActions.clear();
    }

    /** pg_notify ran inside a statement outside a transaction block: its notifications go at the statement's end. */
    private volatile boolean notifiedByEngine;

    /** pg_notify run by DuckDB: held until the statement's transaction commits, dropped if it rolls back. */
    void notifyFromEngine(String channel, String payload) {
        synchronized (this) {
            notify(channel, payload, true);
            notifiedByEngine = true;
        }
    }

    /** A statement outside a transaction block ended: what pg_notify held goes out if it succeeded. */
    void engineStatementEnded(boolean succeeded) {
        if (!notifiedByEngine) return;
        notifiedByEngine = false;
        transactionEnded(succeeded);
    }
}
