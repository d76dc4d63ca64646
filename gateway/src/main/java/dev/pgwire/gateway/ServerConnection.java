package dev.pgwire.gateway;

import dev.pgwire.client.PgRawConnection;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.gateway.Statements.Prepared;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pooled connection to PostgreSQL. Reads the server's byte stream, finds frame boundaries by
 * their headers, and passes runs of frames to the linked client as retained slices of the socket
 * buffer — DataRow and CopyData are never decoded or copied, and a large one is passed on as it
 * arrives. It looks into the few frames that change what the gateway must know (ReadyForQuery,
 * ParameterStatus, ErrorResponse, the completions that match {@link Expectations}) and swallows
 * the answers to what the gateway sent itself.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** A Parse of the unnamed statement (the client's, or the gateway's again), sent in batch {@code batch}. */
    record UnnamedParse(long batch) {}

    /** Something the gateway sent itself as a Query; told of its rows, error and end. */
    @FunctionalInterface
    interface Injected {
        default void row(ByteBuf frame, int start) {}

        default void error(PgException e) {}

        /** Its ReadyForQuery arrived; the connection may be handed on from here. */
        void done(ServerConnection s);
    }

    /** A client's Parse of a named statement: undone if it fails. */
    record ParseUndo(ClientSession client, String clientName, Prepared statement) {}

    /** A Parse the gateway sent to prepare a statement here, in batch {@code batch}. */
    record Injection(Prepared statement, long batch) {}

    final long id = IDS.incrementAndGet();
    final Pool pool;
    final PgRawConnection raw;
    final Channel channel;
    final long createdNanos = System.nanoTime();
    volatile long idleSinceNanos = System.nanoTime();
    /** Run-time parameters as the server last reported them. */
    final Map<String, String> params;
    /** The parameters the server reported at startup, before any client changed them. */
    final Map<String, String> initialParams;
    /** The settings this session has been brought to. */
    Settings settings = Settings.EMPTY;
    /**
     * Gateway statements prepared here, least recently used first: each {@link #CONFIRMED}, or
     * the number of the batch whose injected Parse of it is still unanswered (if that batch
     * fails, later batches cannot count on it).
     */
    final LinkedHashMap<Prepared, Long> prepared = new LinkedHashMap<>(16, 0.75f, true);
    static final Long CONFIRMED = -1L;
    /** Statements whose eviction Close was skipped with its failed batch: still on the server, to be closed. */
    final ArrayList<Prepared> strays = new ArrayList<>();
    /** Batches sent: each Sync or Query ends one. */
    long batches;
    final Expectations expect = new Expectations();
    volatile ClientSession client;
    volatile byte status = 'I';
    volatile boolean closed;
    /** The FATAL error the server sent before closing, if any. */
    private PgException fatal;
    /** The client whose unnamed statement the server now holds, and which one of its. */
    ClientSession unnamedBy;
    long unnamedStamp;
    /**
     * The batch whose Parse of the unnamed statement is still unanswered, or -1 once answered: if
     * that batch fails, the Parse is skipped and the server keeps whatever unnamed statement it
     * had — perhaps another client's — so later batches must not count on it.
     */
    long unnamedBatch = -1;
    int cancelsInFlight;
    Runnable afterCancels;
    /** Set while the pool owns this connection (idle); the connection's event loop only. */
    boolean idle;
    /** CommandComplete tags are read (a client's SET inside a transaction block waits for COMMIT). */
    boolean watchTags;
    /** The session must be reset before another client gets it (its client was pinned, or in session mode). */
    boolean needsReset;
    /** The departed client had sent messages after its last Sync. */
    boolean inClientBatch;

    private ByteBuf cumulation;
    /** Bytes of the frame now passing through still to come, and whether they are forwarded. */
    private int passThrough;
    private boolean passForward;
    /** The run of frames to forward from the buffer being read. */
    private ByteBuf runBuf;
    private int runStart = -1;
    private int runEnd;

    ServerConnection(Pool pool, PgRawConnection raw) {
        this.pool = pool;
        this.raw = raw;
        this.channel = raw.channel();
        this.initialParams = raw.parameters();
        this.params = new ConcurrentHashMap<>(initialParams);
    }

    EventLoop loop() {
        return channel.eventLoop();
    }

    boolean usable() {
        return !closed && channel.isActive();
    }

    /** Writes a frame the gateway built or forwards; {@code kind} (0 for none) is what it owes. */
    void send(ByteBuf frame, byte kind, Object ref) {
        channel.write(frame, channel.voidPromise());
        if (kind != 0) {
            expect.add(kind, ref);
            if (Expectations.endsBatch(kind)) batches++;
        }
    }

    /** Sends a Query of the gateway's own; its answers go to {@code hook}, not to any client. */
    void inject(String sql, Injected hook) {
        send(Frames.query(channel.alloc(), sql), Expectations.QUERY_INJECTED, hook);
    }

    /** Queues an answer the gateway gives itself, written in its turn among the server's answers. */
    void local(ByteBuf answer) {
        local(answer, false);
    }

    /** As {@link #local(ByteBuf)}; {@code ready} when the answer ends with ReadyForQuery. */
    void local(ByteBuf answer, boolean ready) {
        expect.add(ready ? Expectations.LOCAL_READY : Expectations.LOCAL, answer);
        if (Expectations.local(expect.headKind())) emitLocals();
    }

    // ---- reading ---------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        ByteBuf buf;
        if (cumulation != null) {
            buf = ctx.alloc().ioBuffer(cumulation.readableBytes() + in.readableBytes());
            buf.writeBytes(cumulation).writeBytes(in);
            cumulation.release();
            in.release();
            cumulation = null;
        } else {
            buf = in;
        }
        runBuf = buf;
        try {
            process(buf);
        } catch (RuntimeException e) {
            log.error("server connection {}: failed reading the server's answer", id, e);
            channel.close();
        } finally {
            flushRun();
            runBuf = null;
            if (buf.isReadable() && !closed) {
                cumulation = buf;
            } else {
                buf.release();
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ClientSession c = client;
        if (c != null) c.flushToClient();
    }

    private void process(ByteBuf buf) {
        if (passThrough > 0) {
            int n = Math.min(passThrough, buf.readableBytes());
            if (passForward) extendRun(buf.readerIndex(), n);
            buf.skipBytes(n);
            passThrough -= n;
            if (passThrough > 0) return;
        }
        while (buf.readableBytes() >= 5) {
            int start = buf.readerIndex();
            byte type = buf.getByte(start);
            int size = buf.getInt(start + 1) + 1;
            if (type == 'D' || type == 'd') {
                byte k = expect.headKind();
                boolean hooked = k == Expectations.QUERY_INJECTED;
                boolean forward = !hooked && client != null;
                if (buf.readableBytes() < size) {
                    if (hooked) return; // the hook reads whole rows (they are small)
                    passThrough = size - buf.readableBytes();
                    passForward = forward;
                    if (forward) extendRun(start, buf.readableBytes());
                    buf.skipBytes(buf.readableBytes());
                    return;
                }
                if (forward) {
                    extendRun(start, size);
                } else if (hooked && expect.headRef() instanceof Injected h) {
                    h.row(buf, start);
                }
                buf.skipBytes(size);
                continue;
            }
            if (buf.readableBytes() < size) return;
            boolean forward = control(type, buf, start) && client != null;
            if (forward) extendRun(start, size); else flushRun();
            buf.readerIndex(start + size);
            if (Expectations.local(expect.headKind())) emitLocals();
            if (type == 'Z') {
                flushRun();
                ClientSession c = client;
                if (c != null) c.flushToClient(); // the connection may be handed on right after
                afterReady();
            }
            if (closed) return;
        }
    }

    private Object readyRef;
    private byte readyKind;

    /** Reacts to one non-row frame; returns whether the linked client gets it. */
    private boolean control(byte type, ByteBuf buf, int start) {
        byte k = expect.headKind();
        if (log.isTraceEnabled()) log.trace("server {} answers '{}', owing {} (head {})", id, (char) type, expect.size(), k);
        switch (type) {
            case 'Z' -> {
                status = buf.getByte(start + 5);
                while (!expect.isEmpty() && !Expectations.endsBatch(expect.headKind())) undo(expect.headKind(), expect.pop());
                readyKind = expect.headKind();
                readyRef = expect.isEmpty() ? null : expect.pop();
                return readyKind == Expectations.SYNC || readyKind == Expectations.QUERY;
            }
            case 'E' -> {
                String severity = Frames.severity(buf, start);
                if ("FATAL".equals(severity) || "PANIC".equals(severity)) {
                    fatal = Frames.decodeError(buf, start);
                    return false; // the server closes next; the client is told then
                }
                if (k == Expectations.QUERY_INJECTED) {
                    Object ref = expect.headRef();
                    PgException e = Frames.decodeError(buf, start);
                    if (ref instanceof Injected h) {
                        h.error(e);
                    } else if (ref instanceof Prepared p) {
                        // A PREPARE made for a client's EXECUTE failed (in a failed transaction block,
                        // say): the statement is not on this connection; the EXECUTE behind it fails too.
                        prepared.remove(p);
                    } else {
                        log.warn("server connection {}: the gateway's own statement failed: {}", id, e.getMessage());
                    }
                    return false;
                }
                if (k == Expectations.QUERY) {
                    ClientSession c = client;
                    if (c != null) c.errorInQuery();
                    return true;
                }
                // Extended protocol: the server skips to Sync; so do we. The implicit transaction
                // (and any SET in it) is gone.
                ClientSession c = client;
                if (c != null && !Expectations.injected(k)) c.errorInQuery();
                while (!expect.isEmpty() && !Expectations.endsBatch(expect.headKind())) undo(expect.headKind(), expect.pop());
                return expect.headKind() != Expectations.SYNC_INJECTED;
            }
            case '1' -> {
                if (k != Expectations.PARSE && k != Expectations.PARSE_INJECTED) return unexpected(type, k);
                Object ref = expect.pop();
                if (ref instanceof UnnamedParse u) {
                    if (u.batch() == unnamedBatch) unnamedBatch = -1;
                } else if (ref instanceof ParseUndo u) {
                    u.statement().validated = true;
                } else if (ref instanceof Injection i) {
                    i.statement().validated = true;
                    // unless a later batch prepares it again (whose answer then decides)
                    Long batch = prepared.get(i.statement());
                    if (batch != null && batch == i.batch()) prepared.put(i.statement(), CONFIRMED);
                }
                return k == Expectations.PARSE;
            }
            case '2' -> {
                if (k != Expectations.BIND) return unexpected(type, k);
                expect.pop();
                return true;
            }
            case '3' -> {
                if (k != Expectations.CLOSE && k != Expectations.CLOSE_INJECTED) return unexpected(type, k);
                expect.pop();
                return k == Expectations.CLOSE;
            }
            case 'n' -> {
                if (k != Expectations.DESCRIBE_STATEMENT && k != Expectations.DESCRIBE_PORTAL) return unexpected(type, k);
                expect.pop();
                return true;
            }
            case 'T' -> {
                if (k == Expectations.DESCRIBE_STATEMENT || k == Expectations.DESCRIBE_PORTAL) {
                    expect.pop();
                    return true;
                }
                return k != Expectations.QUERY_INJECTED;
            }
            case 'C', 'I' -> {
                if (k == Expectations.EXECUTE) {
                    expect.pop();
                } else if (k == Expectations.QUERY_INJECTED) {
                    return false;
                }
                if (type == 'C' && watchTags) {
                    ClientSession c = client;
                    if (c != null) c.commandTag(tag(buf, start));
                }
                return true;
            }
            case 's' -> {
                if (k != Expectations.EXECUTE) return unexpected(type, k);
                expect.pop();
                return true;
            }
            case 'S' -> {
                int nameEnd = Frames.cstringEnd(buf, start + 5, Frames.end(buf, start));
                int valueEnd = Frames.cstringEnd(buf, nameEnd + 1, Frames.end(buf, start));
                String name = Frames.string(buf, start + 5, nameEnd);
                String value = Frames.string(buf, nameEnd + 1, valueEnd);
                params.put(name, value);
                ClientSession c = client;
                return c != null && c.parameterStatus(name, value, Expectations.injected(k));
            }
            case 'N' -> {
                return !Expectations.injected(k);
            }
            default -> {
                // 't', 'G', 'H', 'W', 'c', 'A', 'V' and anything else: the client's
                return !Expectations.injected(k);
            }
        }
    }

    private static String tag(ByteBuf buf, int start) {
        int end = Frames.cstringEnd(buf, start + 5, Frames.end(buf, start));
        return end < 0 ? "" : buf.toString(start + 5, end - start - 5, StandardCharsets.UTF_8);
    }

    private boolean unexpected(byte type, byte kind) {
        log.warn("server connection {}: unexpected message '{}' while expecting kind {}; closing it", id, (char) type, kind);
        channel.close();
        return false;
    }

    /** An entry dropped without its answer (its batch failed): take back what it assumed. */
    private void undo(byte kind, Object ref) {
        if (Expectations.local(kind)) {
            ((ByteBuf) ref).release();
        } else if (kind == Expectations.PARSE || kind == Expectations.PARSE_INJECTED) {
            if (ref instanceof UnnamedParse u) {
                if (u.batch() == unnamedBatch) unnamedBy = null;
            } else if (ref instanceof ParseUndo u) {
                prepared.remove(u.statement());
                u.client().parseFailed(u);
            } else if (ref instanceof Injection i) {
                Long batch = prepared.get(i.statement());
                if (batch != null && batch == i.batch()) prepared.remove(i.statement());
            }
        } else if (kind == Expectations.CLOSE_INJECTED && ref instanceof Prepared p) {
            strays.add(p); // it may still be here: closed when next a statement is prepared, unless in use by then
        }
    }

    private void afterReady() {
        byte kind = readyKind;
        Object ref = readyRef;
        readyRef = null;
        if (kind == Expectations.QUERY_INJECTED && ref instanceof Injected h) {
            h.done(this);
            return;
        }
        ClientSession c = client;
        if (c != null) c.serverReady(this, kind == Expectations.SYNC || kind == Expectations.QUERY);
        else if (expect.isEmpty() && !closed) pool.orphanReady(this);
    }

    /** Writes queued local answers that have reached the head. */
    void emitLocals() {
        while (Expectations.local(expect.headKind())) {
            boolean ready = expect.headKind() == Expectations.LOCAL_READY;
            ByteBuf b = (ByteBuf) expect.pop();
            flushRun();
            ClientSession c = client;
            if (c == null) {
                b.release();
                continue;
            }
            c.channel().write(b, c.channel().voidPromise());
            if (ready) {
                // The answer to a whole Query: the client may wait for it, and the connection may now go back.
                c.flushToClient();
                if (expect.isEmpty()) c.serverReady(this, true);
            }
        }
    }

    private void extendRun(int start, int length) {
        if (runStart >= 0 && runEnd == start) {
            runEnd += length;
        } else {
            flushRun();
            runStart = start;
            runEnd = start + length;
        }
    }

    private void flushRun() {
        if (runStart < 0) return;
        ClientSession c = client;
        if (c != null && runBuf != null) {
            c.channel().write(runBuf.retainedSlice(runStart, runEnd - runStart), c.channel().voidPromise());
            c.countOut(runEnd - runStart);
        }
        runStart = -1;
    }

    // ---- flow and life cycle ---------------------------------------------------------------

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ClientSession c = client;
        if (c != null) c.serverWritability(channel.isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (closed) return;
        closed = true;
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        boolean owedReady = expect.contains(Expectations.SYNC) || expect.contains(Expectations.QUERY);
        expect.clear();
        ClientSession c = client;
        client = null;
        pool.discard(this);
        if (c != null) {
            PgException why = fatal != null ? fatal
                    : new PgException(SqlState.CONNECTION_FAILURE, "server connection lost");
            c.serverLost(this, why, owedReady);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("server connection {} failed: {}", id, cause.toString());
        ctx.close();
    }

    /** Cancels what runs on the server now; the connection is not handed on before that is done. */
    void cancel() {
        if (expect.isEmpty() || closed) return;
        cancelsInFlight++;
        raw.cancel().whenComplete((v, e) -> channel.eventLoop().execute(() -> {
            if (--cancelsInFlight == 0 && afterCancels != null) {
                Runnable r = afterCancels;
                afterCancels = null;
                r.run();
            }
        }));
    }

    /**
     * Moves the channel to another event loop (it must be idle: nothing owed, no client); runs
     * {@code then} there, or {@code failed} if the channel could not move (it is closed and discarded).
     */
    void moveTo(EventLoop target, Runnable then, Runnable failed) {
        if (channel.eventLoop() == target) {
            then.run();
            return;
        }
        log.debug("server connection {} moves from {} to {}", id, channel.eventLoop(), target);
        channel.deregister().addListener(f -> {
            if (!f.isSuccess()) {
                channel.close();
                pool.discard(this);
                failed.run();
                return;
            }
            target.register(channel).addListener(g -> {
                if (g.isSuccess()) {
                    then.run();
                } else {
                    log.debug("server connection {} could not move event loops: {}", id, g.cause().toString());
                    channel.close();
                    pool.discard(this);
                    failed.run();
                }
            });
        });
    }

    void close() {
        if (channel.isActive()) {
            ByteBuf x = channel.alloc().ioBuffer(5).writeByte('X').writeInt(4);
            channel.writeAndFlush(x).addListener(f -> channel.close());
        } else {
            channel.close();
        }
    }

    /** Releases a frame that goes nowhere. */
    static void drop(Object frame) {
        ReferenceCountUtil.release(frame);
    }

    String state() {
        if (client != null) return "active";
        if (idle) return "idle";
        return "used";
    }
}
