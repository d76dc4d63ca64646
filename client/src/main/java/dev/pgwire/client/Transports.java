package dev.pgwire.client;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Event loops and channel types: native epoll where available (TCP and Unix sockets), NIO otherwise. */
final class Transports {
    private Transports() {}

    private static final class Shared {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.max(1, Runtime.getRuntime().availableProcessors()), daemonThreads(),
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** The event loops shared by connections opened without a group of their own; daemon threads. */
    static EventLoopGroup sharedGroup() {
        return Shared.GROUP;
    }

    static Class<? extends Channel> channelType(EventLoopGroup group, PgConnectOptions.Host host) {
        boolean epoll = isEpoll(group);
        if (host.isUnixSocket()) return epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class;
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static SocketAddress address(EventLoopGroup group, PgConnectOptions.Host host) {
        if (host.isUnixSocket()) {
            return isEpoll(group) ? new DomainSocketAddress(host.socketFile().toFile())
                    : UnixDomainSocketAddress.of(host.socketFile());
        }
        // unresolved: the name is looked up on connect, so an unknown host fails that attempt only
        return InetSocketAddress.createUnresolved(host.hostaddr() != null ? host.hostaddr() : host.host(), host.port());
    }

    private static boolean isEpoll(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io ? io.isIoType(EpollIoHandler.class)
                : group.next().getClass().getName().contains("Epoll");
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "pgwire-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
