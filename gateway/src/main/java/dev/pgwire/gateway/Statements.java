package dev.pgwire.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prepared statements shared gateway-wide: a statement is identified by its text and parameter
 * types (for the protocol's Parse) or its PREPARE text (for SQL), whatever name each client gave
 * it, and is prepared on a server connection under one gateway name the first time a client
 * using it runs there. Clients' names map to these; a statement no client names any more is
 * forgotten (server connections still holding it close it when their cache evicts it).
 */
final class Statements {

    /** One statement under its gateway-wide name. */
    static final class Prepared {
        final String name;
        /** Parse: the body after the statement name (query, NUL, parameter count and types). SQL: unused. */
        final byte[] parseBody;
        /** SQL PREPARE: the parenthesised types ("" if none) and the statement; null for Parse. */
        final String sqlTypes;
        final String sqlBody;
        /** The text may create or drop session state (see {@link SqlText#mayTouchSessionState}). */
        final boolean touchesSessionState;
        final Key key;
        final AtomicInteger refs = new AtomicInteger();
        /** PostgreSQL has accepted it once: a client's Parse of it can be answered without a server. */
        volatile boolean validated;

        Prepared(String name, byte[] parseBody, String sqlTypes, String sqlBody, boolean touches, Key key) {
            this.name = name;
            this.parseBody = parseBody;
            this.sqlTypes = sqlTypes;
            this.sqlBody = sqlBody;
            this.touchesSessionState = touches;
            this.key = key;
        }

        boolean isSql() {
            return sqlBody != null;
        }

        /** The Parse frame that prepares this statement under its gateway name. */
        ByteBuf parseFrame(ByteBufAllocator alloc) {
            byte[] n = name.getBytes(StandardCharsets.US_ASCII);
            ByteBuf b = alloc.ioBuffer(6 + n.length + parseBody.length);
            b.writeByte('P').writeInt(4 + n.length + 1 + parseBody.length).writeBytes(n).writeByte(0).writeBytes(parseBody);
            return b;
        }

        /** The PREPARE statement that prepares this SQL statement under its gateway name. */
        String prepareSql() {
            return "PREPARE " + name + (sqlTypes.isEmpty() ? "" : " " + sqlTypes) + " AS " + sqlBody;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Statement identity: kind (Parse or SQL) and bytes. */
    static final class Key {
        final byte kind;
        final byte[] bytes;
        final int hash;

        Key(byte kind, byte[] bytes) {
            this.kind = kind;
            this.bytes = bytes;
            this.hash = 31 * Arrays.hashCode(bytes) + kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.kind == kind && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final ConcurrentHashMap<Key, Prepared> byKey = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    /** The shared statement for a Parse body (after the name), with one more reference. */
    Prepared intern(ByteBuf frame, int bodyStart, int bodyEnd) {
        byte[] body = new byte[bodyEnd - bodyStart];
        frame.getBytes(bodyStart, body);
        Key key = new Key((byte) 'P', body);
        Prepared p = byKey.computeIfAbsent(key, k -> new Prepared("pgw_" + counter.incrementAndGet(), body, null, null,
                SqlText.mayTouchSessionState(frame, bodyStart, bodyEnd, false), k));
        p.refs.incrementAndGet();
        return p;
    }

    /** The shared statement for a Parse body if PostgreSQL accepted it before (with one more reference), else null. */
    Prepared internValidated(ByteBuf frame, int bodyStart, int bodyEnd) {
        byte[] body = new byte[bodyEnd - bodyStart];
        frame.getBytes(bodyStart, body);
        Prepared p = byKey.get(new Key((byte) 'P', body));
        if (p == null || !p.validated) return null;
        p.refs.incrementAndGet();
        return p;
    }

    /** The shared statement for SQL {@code PREPARE x types AS body}, with one more reference. */
    Prepared internSql(String types, String body) {
        byte[] bytes = (types + "\0" + body).getBytes(StandardCharsets.UTF_8);
        Key key = new Key((byte) 'Q', bytes);
        Prepared p = byKey.computeIfAbsent(key, k -> new Prepared("pgwq_" + counter.incrementAndGet(), null, types, body,
                mentionsSessionState(body), k));
        p.refs.incrementAndGet();
        return p;
    }

    private static boolean mentionsSessionState(String body) {
        ByteBuf b = io.netty.buffer.Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8));
        return SqlText.mayTouchSessionState(b, 0, b.writerIndex(), false);
    }

    /** One reference fewer; forgotten when no client names it. */
    void release(Prepared p) {
        if (p.refs.decrementAndGet() <= 0) byKey.remove(p.key, p);
    }

    int size() {
        return byKey.size();
    }
}
