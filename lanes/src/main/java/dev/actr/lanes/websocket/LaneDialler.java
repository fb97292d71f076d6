package dev.actr.lanes.websocket;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.transport.NettyTransport;
import dev.actr.lanes.transport.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lane's outbound connections: resolves a peer's address, dials it ({@code ws://} or {@code wss://}), and
 * keeps at most one dial per peer under way. A dial's outcome reaches the ingress through the lane: connected
 * once the handshake is done, or failed with a reason. Thread safe.
 */
final class LaneDialler
{
    private final WebSocketLane lane;
    private final WebSocketLaneContext ctx;
    private final NettyTransport transport;
    private final Map<String, Boolean> dialling = new ConcurrentHashMap<>();
    private volatile SslContext clientSsl;

    LaneDialler(final WebSocketLane lane, final NettyTransport transport)
    {
        this.lane = lane;
        this.ctx = lane.context();
        this.transport = transport;
    }

    /**
     * @return false when a dial to the peer is under way already.
     */
    boolean begin(final ActrId peer, final EventLoopGroup group)
    {
        if (dialling.putIfAbsent(ActrIds.format(peer), Boolean.TRUE) != null)
        {
            return false;
        }
        ctx.addressResolver().resolve(peer).whenComplete((address, failure) ->
        {
            if (failure != null || address == null)
            {
                lane.dialFailed(peer, DisconnectReason.UNREACHABLE);
                return;
            }
            try
            {
                dial(peer, address, group);
            }
            catch (final RuntimeException ex)
            {
                ctx.errorHandler().onError(ex);
                lane.dialFailed(peer, DisconnectReason.NETWORK_ERROR);
            }
        });
        return true;
    }

    /**
     * The dial to {@code peer} ended (ready or failed).
     */
    void end(final ActrId peer)
    {
        dialling.remove(ActrIds.format(peer));
    }

    private void dial(final ActrId peer, final String address, final EventLoopGroup group)
    {
        final URI uri;
        try
        {
            uri = URI.create(address);
        }
        catch (final IllegalArgumentException ex)
        {
            lane.dialFailed(peer, DisconnectReason.UNREACHABLE);
            return;
        }
        final boolean tls = "wss".equals(uri.getScheme());
        if (!tls && !"ws".equals(uri.getScheme()) || uri.getHost() == null || lane.isClosed())
        {
            lane.dialFailed(peer, lane.isClosed() ? DisconnectReason.LOCAL_CLOSE : DisconnectReason.UNREACHABLE);
            return;
        }
        final int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        new Bootstrap()
            .group(group)
            .channel(transport.channelClass())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE, ctx.connectTimeoutMs()))
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(ctx.writeBufferLowWaterMark(), ctx.writeBufferHighWaterMark()))
            .handler(WebSocketLanePipelines.client(lane, tls ? clientSsl() : null, uri, port, peer))
            .connect(uri.getHost(), port)
            .addListener(future ->
            {
                if (!future.isSuccess())
                {
                    lane.dialFailed(peer, DisconnectReason.NETWORK_ERROR);
                }
            });
    }

    private SslContext clientSsl()
    {
        SslContext ssl = clientSsl;
        if (ssl == null)
        {
            synchronized (this)
            {
                ssl = clientSsl;
                if (ssl == null)
                {
                    ssl = TlsContexts.client(ctx.tlsTrustedCertificatesPem());
                    clientSsl = ssl;
                }
            }
        }
        return ssl;
    }
}
