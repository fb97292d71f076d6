package dev.actr.lanes.signaling;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.lanes.transport.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.net.URI;

/**
 * The client's end of its connection to the server, on the client's event loop: dials, upgrades to WebSocket,
 * decodes each binary frame into a {@code SignalingEnvelope} and gives it to the {@link SignalingClient}; tells it
 * when the connection is open and when it is lost.
 */
final class SignalingClientHandler extends ChannelInboundHandlerAdapter
{
    private static final int OUTBOUND_HIGH_WATER_MARK = 256 * 1024;
    private static final int OUTBOUND_LOW_WATER_MARK = 64 * 1024;

    private final SignalingClient client;

    private SignalingClientHandler(final SignalingClient client)
    {
        this.client = client;
    }

    static ChannelFuture connect(
        final SignalingClient client,
        final SignalingClientContext ctx,
        final String serverUri,
        final EventLoop loop,
        final NettyTransport transport,
        final SslContext tls)
    {
        final URI uri = URI.create(serverUri);
        final SslContext ssl = "wss".equals(uri.getScheme()) ? tls : null;
        final int port = uri.getPort() > 0 ? uri.getPort() : ("wss".equals(uri.getScheme()) ? 443 : 80);
        return new Bootstrap()
            .group(loop)
            .channel(transport.channelClass())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE, ctx.connectTimeoutMs()))
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(OUTBOUND_LOW_WATER_MARK, OUTBOUND_HIGH_WATER_MARK))
            .handler(new ChannelInitializer<>()
            {
                @Override
                protected void initChannel(final Channel channel)
                {
                    final ChannelPipeline pipeline = channel.pipeline();
                    if (ssl != null)
                    {
                        pipeline.addLast(ssl.newHandler(channel.alloc(), uri.getHost(), port));
                    }
                    pipeline.addLast(new HttpClientCodec(4096, 8192, 8192));
                    pipeline.addLast(new HttpObjectAggregator(8192));
                    pipeline.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(uri)
                        .maxFramePayloadLength(ctx.maxFrameLength())
                        .handshakeTimeoutMillis(ctx.connectTimeoutMs())
                        .build()));
                    pipeline.addLast(new WebSocketFrameAggregator(ctx.maxFrameLength()));
                    pipeline.addLast(new SignalingClientHandler(client));
                }
            })
            .connect(uri.getHost(), port);
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
        {
            client.onOpen(ctx.channel());
        }
        else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
        {
            ctx.close();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        try
        {
            if (msg instanceof BinaryWebSocketFrame)
            {
                final SignalingEnvelope envelope;
                try
                {
                    envelope = SignalingEnvelopes.decode(((BinaryWebSocketFrame)msg).content());
                }
                catch (final InvalidProtocolBufferException ex)
                {
                    client.onProtocolError(ctx.channel(), "server sent an envelope that does not decode: " + ex);
                    return;
                }
                client.onEnvelope(ctx.channel(), envelope);
            }
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        client.onClosed(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (!(cause instanceof IOException))
        {
            client.onProtocolError(ctx.channel(), cause.toString());
        }
        ctx.close();
    }
}
