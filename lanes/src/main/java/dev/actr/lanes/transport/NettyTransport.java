package dev.actr.lanes.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The socket transport: epoll when asked for and its native library loads on this machine, NIO otherwise (other
 * operating systems, other architectures, a missing native jar). The choice is made once per instance and
 * {@link #toString()} names it. Thread safe (immutable).
 */
public final class NettyTransport
{
    /** System property that turns epoll off ({@code -Dactr.netty.epoll=false}), e.g. to compare transports. */
    public static final String EPOLL_PROP_NAME = "actr.netty.epoll";

    private final boolean epoll;

    private NettyTransport(final boolean epoll)
    {
        this.epoll = epoll;
    }

    /**
     * @param preferEpoll use epoll if it is available (and {@value #EPOLL_PROP_NAME} is not {@code false}).
     * @return the transport to use.
     */
    public static NettyTransport select(final boolean preferEpoll)
    {
        final boolean allowed = preferEpoll && !"false".equalsIgnoreCase(System.getProperty(EPOLL_PROP_NAME));
        return new NettyTransport(allowed && epollAvailable());
    }

    /**
     * @return true when the epoll native transport loads here.
     */
    public static boolean epollAvailable()
    {
        try
        {
            return Epoll.isAvailable();
        }
        catch (final LinkageError ex)
        {
            return false;
        }
    }

    /**
     * @return true for epoll, false for NIO.
     */
    public boolean isEpoll()
    {
        return epoll;
    }

    /**
     * @param threads       event loop threads.
     * @param threadFactory makes them.
     * @return a new event loop group of this transport; the caller shuts it down.
     */
    public EventLoopGroup newGroup(final int threads, final ThreadFactory threadFactory)
    {
        final IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, factory);
    }

    /**
     * @return the server socket channel class.
     */
    public Class<? extends ServerChannel> serverChannelClass()
    {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * @return the client socket channel class.
     */
    public Class<? extends Channel> channelClass()
    {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * Shut a group down at once (no quiet period) and wait for its threads, up to {@code timeoutMs}.
     *
     * @param group     the group.
     * @param timeoutMs how long to wait.
     */
    public static void shutdown(final EventLoopGroup group, final long timeoutMs)
    {
        group.shutdownGracefully(0, timeoutMs, TimeUnit.MILLISECONDS).awaitUninterruptibly(timeoutMs + 1000);
    }

    @Override
    public String toString()
    {
        return epoll ? "epoll" : "nio";
    }
}
