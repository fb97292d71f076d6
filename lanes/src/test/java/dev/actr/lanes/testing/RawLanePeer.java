package dev.actr.lanes.testing;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.session.PeerAuthenticator;
import dev.actr.lanes.session.PeerSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket peer of the lane for tests that must misbehave: it runs the shipped {@link PeerSession}
 * handshake (or skips it), then sends whatever bytes the test asks for, can stop answering pings, stop reading,
 * or reset the connection. Records the binary messages it receives and the close status it is sent.
 */
public final class RawLanePeer implements AutoCloseable
{
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Integer> closedStatus = new CompletableFuture<>();
    private final PeerSession session;
    private final Channel channel;

    /**
     * @param uri           the lane's address.
     * @param authenticator makes the handshake's initiator session; null to skip the handshake (ready at upgrade).
     * @param expectedPeer  the peer dialled (checked by the session), or null.
     * @throws InterruptedException when interrupted while connecting.
     */
    public RawLanePeer(final String uri, final PeerAuthenticator authenticator, final ActrId expectedPeer)
        throws InterruptedException
    {
        final URI target = URI.create(uri);
        this.session = authenticator == null ? null : authenticator.initiator(expectedPeer);
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<>()
            {
                @Override
                protected void initChannel(final Channel ch)
                {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                            .webSocketUri(target).maxFramePayloadLength(64 * 1024 * 1024).handleCloseFrames(false)
                            .build()),
                        new Driver());
                }
            })
            .connect(target.getHost(), target.getPort()).sync().channel();
        channel.closeFuture().addListener(future ->
        {
            ready.completeExceptionally(new IllegalStateException("closed before ready"));
            closedStatus.complete(-1);
        });
    }

    /**
     * @return completes when the handshake is done (or the upgrade, without one).
     */
    public CompletableFuture<Void> ready()
    {
        return ready;
    }

    /**
     * @return completes with the close status the lane sent, or -1 when the connection ended without one.
     */
    public CompletableFuture<Integer> closed()
    {
        return closedStatus;
    }

    /**
     * @param bytes one binary message.
     */
    public void sendBinary(final byte[] bytes)
    {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))).syncUninterruptibly();
    }

    /**
     * @param payloadType a payload type byte (any value, for malformed tests).
     * @param payload     the payload.
     */
    public void sendFrame(final int payloadType, final byte[] payload)
    {
        final ByteBuf frame = Unpooled.buffer(5 + payload.length);
        frame.writeByte(payloadType).writeInt(payload.length).writeBytes(payload);
        channel.writeAndFlush(new BinaryWebSocketFrame(frame)).syncUninterruptibly();
    }

    /**
     * @param text one text message.
     */
    public void sendText(final String text)
    {
        channel.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    /**
     * Stop answering pings from now on.
     */
    public void dropPings()
    {
        channel.eventLoop().submit(() ->
        {
            final ChannelHandlerContext decoder = channel.pipeline().context(WebSocketFrameDecoder.class);
            channel.pipeline().addAfter(decoder.name(), "drop-pings", new PingDropper());
        }).syncUninterruptibly();
    }

    /**
     * Reset the connection (SO_LINGER 0: the peer sees a reset, as when a process dies with unread data).
     */
    public void abort()
    {
        channel.eventLoop().submit(() ->
        {
            // no close frame: the protocol handler would send one on close
            channel.pipeline().remove(WebSocketClientProtocolHandler.class);
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        }).syncUninterruptibly();
        channel.closeFuture().syncUninterruptibly();
    }

    /**
     * @param timeoutMs how long to wait.
     * @return the next binary message received after the handshake.
     * @throws InterruptedException when interrupted.
     */
    public byte[] next(final long timeoutMs) throws InterruptedException
    {
        final byte[] bytes = received.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (bytes == null)
        {
            throw new AssertionError("no message within " + timeoutMs + " ms");
        }
        return bytes;
    }

    @Override
    public void close()
    {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class PingDropper extends ChannelInboundHandlerAdapter
    {
        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (msg instanceof PingWebSocketFrame)
            {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class Driver extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                if (session == null)
                {
                    ready.complete(null);
                }
                else
                {
                    session.start();
                    ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(session.takeOutput())));
                }
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            if (frame instanceof CloseWebSocketFrame)
            {
                closedStatus.complete(((CloseWebSocketFrame)frame).statusCode());
                ctx.close();
                return;
            }
            if (!(frame instanceof BinaryWebSocketFrame))
            {
                return;
            }
            final byte[] bytes = new byte[frame.content().readableBytes()];
            frame.content().getBytes(frame.content().readerIndex(), bytes);
            if (session != null && !ready.isDone())
            {
                final int result = session.onMessage(bytes);
                final byte[] output = session.takeOutput();
                if (output != null)
                {
                    ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(output)));
                }
                if (result == PeerSession.READY)
                {
                    ready.complete(null);
                }
                else if (result != PeerSession.CONTINUE)
                {
                    ready.completeExceptionally(new IllegalStateException("handshake failed: " +
                        session.rejection() + " " + session.rejectionMessage()));
                }
                return;
            }
            received.add(bytes);
        }
    }
}
