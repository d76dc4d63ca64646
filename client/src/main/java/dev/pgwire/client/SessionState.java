package dev.pgwire.client;

import dev.pgwire.protocol.message.NoticeResponse;
import dev.pgwire.protocol.message.NotificationResponse;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.TypeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the client tracks about its session: the run-time parameters the server reports
 * (ParameterStatus), the transaction status of the last ReadyForQuery, the cancel key, and the
 * listeners for asynchronous messages. Written on the event loop, readable from any thread.
 */
final class SessionState {
    private static final Logger log = LoggerFactory.getLogger(PgAsyncConnection.class);

    final TypeRegistry types;
    final Map<String, String> parameters = new ConcurrentHashMap<>();
    volatile TransactionStatus transactionStatus = TransactionStatus.IDLE;
    volatile CodecContext codecContext = CodecContext.DEFAULT;
    volatile Consumer<Notification> notificationListener;
    volatile Consumer<Notice> noticeListener;
    int processId;
    byte[] secretKey;
    int protocolVersion = PgConnectOptions.PROTOCOL_3_0;

    SessionState(TypeRegistry types) {
        this.types = types;
    }

    void parameter(ParameterStatus p) {
        parameters.put(p.name(), p.value());
        switch (p.name()) {
            case "TimeZone", "DateStyle", "IntervalStyle" -> codecContext = CodecContext.fromParameters(parameters);
            default -> { }
        }
    }

    void notification(NotificationResponse n) {
        Consumer<Notification> l = notificationListener;
        if (l == null) return;
        try {
            l.accept(new Notification(n.processId(), n.channel(), n.payload()));
        } catch (RuntimeException e) {
            log.warn("notification listener failed", e);
        }
    }

    void notice(NoticeResponse n) {
        Notice notice = new Notice(n.fields());
        Consumer<Notice> l = noticeListener;
        if (l == null) {
            // libpq prints notices to stderr by default; a log line is the JVM's equivalent
            if ("WARNING".equals(notice.severity())) log.warn("{}", notice);
            else log.info("{}", notice);
            return;
        }
        try {
            l.accept(notice);
        } catch (RuntimeException e) {
            log.warn("notice listener failed", e);
        }
    }
}
