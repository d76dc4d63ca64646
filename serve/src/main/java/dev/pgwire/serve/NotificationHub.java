package dev.pgwire.serve;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LISTEN/NOTIFY among the sessions of one database, as PostgreSQL's async queue behaves for its
 * clients: a committed transaction's notifications reach every session listening on their channel
 * (the sender too), in the order they were sent, and transactions that commit one after the other
 * are delivered in that order. Delivery only queues each message with the listener's session,
 * which sends it when idle (see {@link dev.pgwire.server.spi.AsyncMessages}).
 */
final class NotificationHub {

    /** A session that may listen. */
    interface Listener {
        void deliver(int senderPid, String channel, String payload);
    }

    record Notification(String channel, String payload) {}

    private final Map<String, Set<Listener>> channels = new ConcurrentHashMap<>();

    void listen(Listener l, String channel) {
        channels.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(l);
    }

    void unlisten(Listener l, String channel) {
        Set<Listener> set = channels.get(channel);
        if (set != null) set.remove(l);
    }

    void unlistenAll(Listener l, Iterable<String> listened) {
        for (String channel : listened) unlisten(l, channel);
    }

    /** A committed transaction's notifications, in order. */
    synchronized void deliver(int senderPid, List<Notification> notifications) {
        for (Notification n : notifications) {
            Set<Listener> set = channels.get(n.channel());
            if (set == null) continue;
            for (Listener l : set) l.deliver(senderPid, n.channel(), n.payload());
        }
    }
}
