package dev.actr.lanes.websocket;

import dev.actr.codec.frame.LaneFrameDescriptor;
import dev.actr.codec.proto.ActrId;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;

import java.net.URI;

/**
 * The Netty pipelines of the lane's accepted and dialled connections:
 * <pre>
 *   [TLS] ─ HTTP codec ─ HTTP aggregator (upgrade only) ─ WebSocket protocol ─ frame aggregator ─ lane handler
 * </pre>
 * The WebSocket decoder refuses a frame whose header declares more than the largest lane frame before reading
 * its payload; pings are answered by the protocol handler; pongs and close frames reach the lane handler.
 */
final class WebSocketLanePipelines
{
    private static final int HTTP_LIMIT = 8192;

    private WebSocketLanePipelines()
    {
    }

    static ChannelInitializer<Channel> server(final WebSocketLane lane, final SslContext ssl)
    {
        final WebSocketLaneContext ctx = lane.context();
        final int maxMessage = maxMessageLength(ctx);
        return new ChannelInitializer<>()
        {
            @Override
            protected void initChannel(final Channel channel)
            {
                final ChannelPipeline pipeline = channel.pipeline();
                if (ssl != null)
                {
                    pipeline.addLast(ssl.newHandler(channel.alloc()));
                }
                pipeline.addLast(new HttpServerCodec(4096, HTTP_LIMIT, HTTP_LIMIT));
                pipeline.addLast(new HttpObjectAggregator(HTTP_LIMIT));
                pipeline.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath(ctx.path())
                    .handshakeTimeoutMillis(ctx.handshakeTimeoutMs())
                    .handleCloseFrames(false)
                    .dropPongFrames(false)
                    .decoderConfig(decoderConfig(maxMessage))
                    .build()));
                pipeline.addLast(new WebSocketFrameAggregator(maxMessage));
                pipeline.addLast(new WebSocketLaneHandler(lane, null));
            }
        };
    }

    static ChannelInitializer<Channel> client(
        final WebSocketLane lane, final SslContext ssl, final URI uri, final int port, final ActrId expectedPeer)
    {
        final WebSocketLaneContext ctx = lane.context();
        final int maxMessage = maxMessageLength(ctx);
        return new ChannelInitializer<>()
        {
            @Override
            protected void initChannel(final Channel channel)
            {
                final ChannelPipeline pipeline = channel.pipeline();
                if (ssl != null)
                {
                    pipeline.addLast(ssl.newHandler(channel.alloc(), uri.getHost(), port));
                }
                pipeline.addLast(new HttpClientCodec(4096, HTTP_LIMIT, HTTP_LIMIT));
                pipeline.addLast(new HttpObjectAggregator(HTTP_LIMIT));
                pipeline.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                    .webSocketUri(uri)
                    .maxFramePayloadLength(maxMessage)
                    .handshakeTimeoutMillis(ctx.handshakeTimeoutMs())
                    .handleCloseFrames(false)
                    .dropPongFrames(false)
                    .allowExtensions(false)
                    .build()));
                pipeline.addLast(new WebSocketFrameAggregator(maxMessage));
                pipeline.addLast(new WebSocketLaneHandler(lane, expectedPeer));
            }
        };
    }

    private static int maxMessageLength(final WebSocketLaneContext ctx)
    {
        return ctx.maxFrameLength() + LaneFrameDescriptor.HEADER_LENGTH;
    }

    private static WebSocketDecoderConfig decoderConfig(final int maxMessage)
    {
        return WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxMessage)
            .allowExtensions(false)
            .closeOnProtocolViolation(true)
            .build();
    }
}
