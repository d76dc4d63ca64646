package dev.pgwire.gateway;

/**
 * What a server connection owes, in order: one entry per message sent that PostgreSQL answers
 * (Parse, Bind, Describe, Execute, Close, Sync, Query), each saying whose it is — the client's
 * (forwarded) or the gateway's own (swallowed) — and local answers waiting for their turn. A
 * ring of kinds and references, no allocation per message.
 */
final class Expectations {
    static final byte PARSE = 1;
    static final byte PARSE_INJECTED = 2;
    static final byte BIND = 3;
    static final byte DESCRIBE_STATEMENT = 4;
    static final byte DESCRIBE_PORTAL = 5;
    static final byte EXECUTE = 6;
    static final byte CLOSE = 7;
    static final byte CLOSE_INJECTED = 8;
    static final byte SYNC = 9;
    static final byte SYNC_INJECTED = 10;
    static final byte QUERY = 11;
    static final byte QUERY_INJECTED = 12;
    /** An answer the gateway gives itself (a ByteBuf), written when it reaches the head. */
    static final byte LOCAL = 13;
    /** A local answer that ends with ReadyForQuery (a Query answered by the gateway). */
    static final byte LOCAL_READY = 14;

    private byte[] kinds = new byte[16];
    private Object[] refs = new Object[16];
    private int head;
    private int size;

    void add(byte kind, Object ref) {
        if (size == kinds.length) grow();
        int i = (head + size) & (kinds.length - 1);
        kinds[i] = kind;
        refs[i] = ref;
        size++;
    }

    private void grow() {
        byte[] k = new byte[kinds.length * 2];
        Object[] r = new Object[kinds.length * 2];
        for (int i = 0; i < size; i++) {
            k[i] = kinds[(head + i) & (kinds.length - 1)];
            r[i] = refs[(head + i) & (kinds.length - 1)];
        }
        kinds = k;
        refs = r;
        head = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The kind at the head, or 0 when nothing is owed. */
    byte headKind() {
        return size == 0 ? 0 : kinds[head];
    }

    Object headRef() {
        return size == 0 ? null : refs[head];
    }

    /** Removes the head, returning its reference. */
    Object pop() {
        Object r = refs[head];
        refs[head] = null;
        head = (head + 1) & (kinds.length - 1);
        size--;
        return r;
    }

    /** Whether anything owed at or after the head is of {@code kind}. */
    boolean contains(byte kind) {
        for (int i = 0; i < size; i++) {
            if (kinds[(head + i) & (kinds.length - 1)] == kind) return true;
        }
        return false;
    }

    static boolean local(byte kind) {
        return kind == LOCAL || kind == LOCAL_READY;
    }

    static boolean injected(byte kind) {
        return kind == PARSE_INJECTED || kind == CLOSE_INJECTED || kind == SYNC_INJECTED || kind == QUERY_INJECTED;
    }

    static boolean endsBatch(byte kind) {
        return kind == SYNC || kind == SYNC_INJECTED || kind == QUERY || kind == QUERY_INJECTED || kind == LOCAL_READY;
    }

    /** Releases local answers still queued (the connection is gone). */
    void clear() {
        while (size > 0) {
            Object r = pop();
            if (r instanceof io.netty.buffer.ByteBuf b) b.release();
        }
    }
}
