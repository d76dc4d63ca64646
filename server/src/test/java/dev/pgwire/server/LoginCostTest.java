package dev.pgwire.server;

import dev.pgwire.protocol.message.Authentication;
import dev.pgwire.protocol.message.BackendMessage;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.StartupMessage;
import dev.pgwire.protocol.message.Terminate;
import dev.pgwire.protocol.message.Wire;
import dev.pgwire.server.frame.FrameHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a login costs in system calls: the socket options accepted connections get from the
 * listener, TCP_DEFER_ACCEPT, and AuthenticationOk held back to go out with the greeting.
 */
class LoginCostTest {

    @Test
    void accepted_connections_have_keepalive_and_nodelay() throws Exception {
        LinkedBlockingQueue<Channel> channels = new LinkedBlockingQueue<>();
        CountDownLatch closed = new CountDownLatch(1);
        try (PgServer server = PgServer.builder().port(0)
                .frameHandlerFactory(s -> {
                    channels.add(s.channel());
                    return CompletableFuture.completedFuture(new FrameLayerTest.Echo(s, new AtomicInteger(), closed));
                })
                .start();
             RawConnection c = RawConnection.startup(server.port(), "me")) {
            Channel ch = channels.poll(10, TimeUnit.SECONDS);
            assertThat(ch).isNotNull();
            // read from the socket itself (getsockopt), not from a cached setting
            assertThat(ch.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
            assertThat(ch.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
            c.send(new Query("SELECT 1"));
            assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IDLE);
        }
    }

    @Test
    void tcp_defer_accept_is_set_on_the_listener_when_asked_for_and_clients_that_wait_before_speaking_still_log_in()
            throws Exception {
        assumeTrue(Epoll.isAvailable(), "TCP_DEFER_ACCEPT is a Linux option of the native transport");
        try (PgServer off = PgServer.builder().port(0).sessionFactory(new TestHandler()).start();
             PgServer on = PgServer.builder().port(0).tcpDeferAccept(Duration.ofSeconds(45))
                     .sessionFactory(new TestHandler()).start()) {
            assertThat(off.listeners().get(0).config().getOption(EpollChannelOption.TCP_DEFER_ACCEPT)).isZero();
            // the kernel keeps it as a number of SYN-ACK retransmissions and reports their total time (≥ 45 s)
            assertThat(on.listeners().get(0).config().getOption(EpollChannelOption.TCP_DEFER_ACCEPT)).isGreaterThanOrEqualTo(45);
            try (RawConnection c = new RawConnection(on.port())) {
                c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "late", "database", "db")));
                assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IDLE);
                c.send(new Query("echo x"));
                assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IDLE);
            }
        }
    }

    @Test
    void with_reuse_port_each_event_loop_listens_on_the_port_and_serves_the_connections_it_accepts() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SO_REUSEPORT listeners need the native transport");
        LinkedBlockingQueue<Channel> channels = new LinkedBlockingQueue<>();
        CountDownLatch closed = new CountDownLatch(1);
        try (PgServer server = PgServer.builder().port(0).ioThreads(3).reusePort(true)
                .frameHandlerFactory(s -> {
                    channels.add(s.channel());
                    return CompletableFuture.completedFuture(new FrameLayerTest.Echo(s, new AtomicInteger(), closed));
                })
                .start()) {
            assertThat(server.listeners()).hasSize(3);
            assertThat(server.listeners()).allMatch(l -> ((java.net.InetSocketAddress) l.localAddress()).getPort() == server.port());
            assertThat(server.listeners().stream().map(Channel::eventLoop).distinct()).hasSize(3);
            List<RawConnection> clients = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 12; i++) clients.add(RawConnection.startup(server.port(), "u" + i));
                for (int i = 0; i < 12; i++) {
                    Channel ch = channels.poll(10, TimeUnit.SECONDS);
                    assertThat(ch).isNotNull();
                    assertThat(ch.eventLoop()).isSameAs(ch.parent().eventLoop());
                    assertThat(server.listeners()).contains(ch.parent());
                }
                for (RawConnection c : clients) {
                    c.send(new Query("SELECT 1"));
                    assertThat(c.readUntilReady()).last().isEqualTo(ReadyForQuery.IDLE);
                }
            } finally {
                for (RawConnection c : clients) c.close();
            }
        }
        try (PgServer plain = PgServer.builder().port(0).ioThreads(3).sessionFactory(new TestHandler()).start()) {
            assertThat(plain.listeners()).hasSize(1);
        }
    }

    @Test
    void authentication_ok_waits_for_the_greeting_as_in_postgresql() throws Exception {
        CompletableFuture<FrameHandler> handler = new CompletableFuture<>();
        CountDownLatch closed = new CountDownLatch(1);
        LinkedBlockingQueue<dev.pgwire.server.frame.FrameSession> sessions = new LinkedBlockingQueue<>();
        try (PgServer server = PgServer.builder().port(0)
                .frameHandlerFactory(s -> {
                    sessions.add(s);
                    return handler;
                })
                .start();
             RawConnection c = new RawConnection(server.port())) {
            c.send(new StartupMessage(Wire.PROTOCOL_3_0, Map.of("user", "me", "database", "db")));
            dev.pgwire.server.frame.FrameSession s = sessions.poll(10, TimeUnit.SECONDS);
            assertThat(s).isNotNull();
            // authenticated (trust), but the handler is not ready: nothing has been sent yet
            c.socket.setSoTimeout(300);
            assertThatThrownBy(c::readByte).isInstanceOf(SocketTimeoutException.class);
            c.socket.setSoTimeout(20_000);
            handler.complete(new FrameLayerTest.Echo(s, new AtomicInteger(), closed));
            List<BackendMessage> greeting = c.readUntilReady();
            assertThat(greeting.get(0)).isEqualTo(Authentication.Ok.INSTANCE);
            assertThat(greeting).hasSize(5); // AuthenticationOk, two ParameterStatus, BackendKeyData, ReadyForQuery
            c.send(new Terminate());
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
