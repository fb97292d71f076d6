package dev.actr.benchmarks;

import dev.actr.lanes.transport.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The floor of {@link WebSocketCallBenchmark}: a raw Netty WebSocket echo on loopback, with nothing of actr in it.
 * The pipelines are the lane's (HTTP codec, upgrade aggregator, WebSocket protocol handler with extensions off,
 * frame aggregator; the client masks its frames as the lane's does), on the same transport (epoll where it loads)
 * with one event-loop thread for the server and one for the client, as each node's lane has. The server's handler
 * writes each binary frame straight back from its event loop; the caller writes a binary frame of the payload from
 * its own thread (a task handed to the client's event loop, as the engine's sends are) and waits for the echo as
 * {@code callBlocking} waits: spins for 20 µs, yields until 50 µs, then parks until the client's event loop unparks
 * it. Every echo is compared with the payload. NOT thread safe: one calling thread.
 */
final class NettyWebSocketEcho implements AutoCloseable
{
    private static final String PATH = "/echo";
    private static final int HTTP_LIMIT = 8192;
    private static final int MAX_MESSAGE = 1024 * 1024;
    private static final long SPIN_NS = 20_000;
    private static final long YIELD_NS = 50_000;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final NettyTransport transport = NettyTransport.select(true);
    private final EventLoopGroup serverGroup;
    private final EventLoopGroup clientGroup;
    private final SpinYieldParkSignal echoes = new SpinYieldParkSignal(SPIN_NS, YIELD_NS);
    private final ByteBuf payload;
    private Channel serverChannel;
    private Channel clientChannel;
    private volatile String mismatch;
    private long sent;

    /**
     * Start the server and connect the client (the WebSocket handshake done).
     *
     * @param payloadBytes bytes of each message.
     */
    NettyWebSocketEcho(final int payloadBytes)
    {
        serverGroup = transport.newGroup(1, runnable -> daemon(runnable, "raw-ws-server"));
        clientGroup = transport.newGroup(1, runnable -> daemon(runnable, "raw-ws-client"));
        final byte[] bytes = new byte[payloadBytes];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)i;
        }
        payload = Unpooled.directBuffer(payloadBytes).writeBytes(bytes);
        try
        {
            connect();
        }
        catch (final RuntimeException | Error ex)
        {
            close();
            throw ex;
        }
    }

    private void connect()
    {
        serverChannel = new ServerBootstrap().group(serverGroup).channel(transport.serverChannelClass())
            .childHandler(new ChannelInitializer<Channel>()
            {
                @Override
                protected void initChannel(final Channel channel)
                {
                    final ChannelPipeline pipeline = channel.pipeline();
                    pipeline.addLast(new HttpServerCodec(4096, HTTP_LIMIT, HTTP_LIMIT));
                    pipeline.addLast(new HttpObjectAggregator(HTTP_LIMIT));
                    pipeline.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(PATH)
                        .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_MESSAGE)
                            .allowExtensions(false).build())
                        .build()));
                    pipeline.addLast(new WebSocketFrameAggregator(MAX_MESSAGE));
                    pipeline.addLast(new EchoHandler());
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        final int port = ((InetSocketAddress)serverChannel.localAddress()).getPort();
        final URI uri = URI.create("ws://127.0.0.1:" + port + PATH);
        final CompletableFuture<Void> handshaken = new CompletableFuture<>();
        clientChannel = new Bootstrap().group(clientGroup).channel(transport.channelClass())
            .handler(new ChannelInitializer<Channel>()
            {
                @Override
                protected void initChannel(final Channel channel)
                {
                    final ChannelPipeline pipeline = channel.pipeline();
                    pipeline.addLast(new HttpClientCodec(4096, HTTP_LIMIT, HTTP_LIMIT));
                    pipeline.addLast(new HttpObjectAggregator(HTTP_LIMIT));
                    pipeline.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(uri)
                        .maxFramePayloadLength(MAX_MESSAGE)
                        .allowExtensions(false)
                        .build()));
                    pipeline.addLast(new WebSocketFrameAggregator(MAX_MESSAGE));
                    pipeline.addLast(new CallerHandler(handshaken));
                }
            })
            .connect(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        try
        {
            handshaken.get(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("the raw WebSocket handshake did not complete", ex);
        }
    }

    /**
     * Send the payload and wait for its echo.
     *
     * @return echoes received so far.
     */
    long roundTrip()
    {
        final long expected = ++sent;
        clientChannel.writeAndFlush(new BinaryWebSocketFrame(payload.retainedDuplicate()), clientChannel.voidPromise());
        if (!echoes.await(expected, System.nanoTime() + TIMEOUT_NS))
        {
            throw new IllegalStateException("raw WebSocket: no echo of message " + expected + " within 5 s");
        }
        final String wrong = mismatch;
        if (wrong != null)
        {
            throw new IllegalStateException(wrong);
        }
        return expected;
    }

    /**
     * Close the connection, stop both event loops and release the payload.
     */
    @Override
    public void close()
    {
        if (clientChannel != null)
        {
            clientChannel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
        if (serverChannel != null)
        {
            serverChannel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
        NettyTransport.shutdown(clientGroup, SHUTDOWN_TIMEOUT_MS);
        NettyTransport.shutdown(serverGroup, SHUTDOWN_TIMEOUT_MS);
        if (payload.refCnt() > 0)
        {
            payload.release();
        }
    }

    /**
     * @return "epoll" or "nio".
     */
    String transportName()
    {
        return transport.toString();
    }

    private static Thread daemon(final Runnable runnable, final String name)
    {
        final Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Writes each binary frame back (the write releases it). */
    private static final class EchoHandler extends SimpleChannelInboundHandler<BinaryWebSocketFrame>
    {
        EchoHandler()
        {
            super(false);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final BinaryWebSocketFrame frame)
        {
            ctx.writeAndFlush(frame, ctx.voidPromise());
        }
    }

    /** Checks each echo against the payload, releases it and wakes the caller. */
    private final class CallerHandler extends SimpleChannelInboundHandler<BinaryWebSocketFrame>
    {
        private final CompletableFuture<Void> handshaken;

        CallerHandler(final CompletableFuture<Void> handshaken)
        {
            this.handshaken = handshaken;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                handshaken.complete(null);
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final BinaryWebSocketFrame frame)
        {
            if (mismatch == null && !ByteBufUtil.equals(frame.content(), payload))
            {
                mismatch = "raw WebSocket: the echo of " + frame.content().readableBytes() + " bytes differs from " +
                    "the " + payload.readableBytes() + " bytes sent";
            }
            echoes.signal();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            handshaken.completeExceptionally(cause);
            mismatch = "raw WebSocket client failed: " + cause;
            ctx.close();
        }
    }
}
