package dev.pgwire.server;

import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Process id → session, for CancelRequest. Secrets are compared in constant time. */
final class CancelRegistry {
    private final Map<Integer, LiveSession> byPid = new ConcurrentHashMap<>();

    void register(int pid, LiveSession s) {
        byPid.put(pid, s);
    }

    void unregister(int pid, LiveSession s) {
        byPid.remove(pid, s);
    }

    /** Cancels the matching session's running call, if any. Unknown ids and wrong keys do nothing. */
    boolean cancel(int pid, byte[] secret) {
        LiveSession s = byPid.get(pid);
        if (s == null) return false;
        if (!MessageDigest.isEqual(s.secretKey(), secret)) return false;
        return s.cancelRunningCall();
    }
}
