package dev.actr.lanes.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.proto.SignalingEnvelope;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket client for signaling tests that must send what the shipped client never sends (garbage,
 * forged credentials, oversize frames) or must stop heartbeating. Records every envelope it receives, and the
 * close status when the server closes.
 */
public final class RawSignalingPeer implements AutoCloseable
{
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<SignalingEnvelope> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> open = new CompletableFuture<>();
    private final CompletableFuture<Integer> closedStatus = new CompletableFuture<>();
    private final Channel channel;

    /**
     * Connect and finish the WebSocket upgrade (or fail).
     *
     * @param uri the server's URI.
     * @throws Exception when the connection fails.
     */
    public RawSignalingPeer(final String uri) throws Exception
    {
        final URI target = URI.create(uri);
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<>()
            {
                @Override
                protected void initChannel(final Channel ch)
                {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                            .webSocketUri(target).maxFramePayloadLength(16 * 1024 * 1024).handleCloseFrames(false)
                            .build()),
                        new Recorder());
                }
            })
            .connect(target.getHost(), target.getPort()).sync().channel();
        channel.closeFuture().addListener(future ->
        {
            open.completeExceptionally(new IllegalStateException("closed before the upgrade"));
            closedStatus.complete(-1);
        });
    }

    /**
     * @return completes when the WebSocket upgrade is done.
     */
    public CompletableFuture<Void> opened()
    {
        return open;
    }

    /**
     * @return completes with the server's close status, or -1 when the TCP connection closed without one.
     */
    public CompletableFuture<Integer> closed()
    {
        return closedStatus;
    }

    /**
     * @param envelope to send.
     */
    public void send(final SignalingEnvelope envelope)
    {
        sendBytes(envelope.toByteArray());
    }

    /**
     * @param bytes to send as one binary frame.
     */
    public void sendBytes(final byte[] bytes)
    {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))).syncUninterruptibly();
    }

    /**
     * @param text to send as one text frame.
     */
    public void sendText(final String text)
    {
        channel.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    /**
     * @param timeoutMs how long to wait.
     * @return the next envelope received.
     * @throws InterruptedException when interrupted.
     */
    public SignalingEnvelope next(final long timeoutMs) throws InterruptedException
    {
        final SignalingEnvelope envelope = received.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (envelope == null)
        {
            throw new AssertionError("no envelope within " + timeoutMs + " ms");
        }
        return envelope;
    }

    /**
     * @return true while the TCP connection is open.
     */
    public boolean isOpen()
    {
        return channel.isActive();
    }

    @Override
    public void close()
    {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Recorder extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                open.complete(null);
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
            throws InvalidProtocolBufferException
        {
            if (frame instanceof BinaryWebSocketFrame)
            {
                final ByteBuf content = frame.content();
                final byte[] bytes = new byte[content.readableBytes()];
                content.getBytes(content.readerIndex(), bytes);
                received.add(SignalingEnvelope.parseFrom(bytes));
            }
            else if (frame instanceof CloseWebSocketFrame)
            {
                closedStatus.complete(((CloseWebSocketFrame)frame).statusCode());
                ctx.close();
            }
        }
    }
}
