package dev.actr.lanes.websocket;

import dev.actr.codec.ActrException;
import dev.actr.codec.frame.LaneFrameDescriptor;
import dev.actr.codec.frame.LaneFrameEncoder;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.PayloadType;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.actr.lanes.LaneIngress;
import dev.actr.lanes.session.AuthRejectionCounters;
import dev.actr.lanes.session.CredentialVerifier;
import dev.actr.lanes.session.PeerAuthenticator;
import dev.actr.lanes.transport.ByteBufViews;
import dev.actr.lanes.transport.NettyTransport;
import dev.actr.lanes.transport.TlsContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.ssl.SslContext;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket lane (see the package comment). Construct it with its context; the node calls {@link #start} with
 * its ingress (binding the server), then {@link #connect} to dial peers by id and {@link #send} from the engine
 * thread. Frames are {@code [payload_type u8][length u32 BE][payload]}, one per binary message, every payload type
 * on one connection; a connection is reported connected only after the peer session handshake, with the peer's
 * verified id. A malformed or oversize frame closes its own connection ({@link DisconnectReason#PROTOCOL_ERROR},
 * counted); others are unaffected. {@link #send} returns {@link #BACK_PRESSURED} while the connection's outbound
 * buffer is above its high-water mark, so it never grows past that mark plus one frame.
 */
public final class WebSocketLane implements Lane
{
    /** The lane's name, also bound into every handshake signature. */
    public static final String NAME = "websocket";

    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final WebSocketLaneContext ctx;
    private final NettyTransport transport;
    private final LaneCounters counters = new LaneCounters();
    private final AuthRejectionCounters authCounters = new AuthRejectionCounters();
    private final PeerAuthenticator authenticator;
    private final Set<WebSocketLaneHandler> handlers = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> readyByPeer = new ConcurrentHashMap<>();
    private final LaneDialler dialler;
    private final ByteBufViews sendViews = new ByteBufViews();
    private final Object connectionsLock = new Object();
    private volatile Long2ObjectHashMap<WebSocketLaneHandler> connections = new Long2ObjectHashMap<>();
    private volatile LaneIngress ingress;
    private volatile boolean closed;
    private EventLoopGroup group;
    private Channel serverChannel;
    private SslContext serverSsl;
    private String advertisedAddress;

    /**
     * @param ctx the configuration; concluded here.
     */
    public WebSocketLane(final WebSocketLaneContext ctx)
    {
        this.ctx = ctx.conclude();
        this.transport = NettyTransport.select(ctx.preferEpoll());
        this.dialler = new LaneDialler(this, transport);
        this.authenticator = new PeerAuthenticator(NAME, ctx.identity(), new CredentialVerifier(ctx.keyResolver()),
            ctx.epochClock(), ctx.random(), authCounters);
    }

    @Override
    public String name()
    {
        return NAME;
    }

    /**
     * Bind the server and start the I/O threads.
     *
     * @param ingress where received frames and connection events go.
     * @throws ActrException (fatal) when the address cannot be bound or the TLS files cannot be read.
     */
    @Override
    public synchronized void start(final LaneIngress ingress)
    {
        if (this.ingress != null)
        {
            throw new IllegalStateException("the lane is started already");
        }
        this.ingress = ingress;
        serverSsl = ctx.tlsCertificateChainPem() == null ? null :
            TlsContexts.server(ctx.tlsCertificateChainPem(), ctx.tlsPrivateKeyPem());
        group = transport.newGroup(ctx.ioThreads(), ctx.threadFactory());
        try
        {
            serverChannel = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .childHandler(WebSocketLanePipelines.server(this, serverSsl))
                .bind(ctx.host(), ctx.port()).syncUninterruptibly().channel();
        }
        catch (final Exception ex)
        {
            NettyTransport.shutdown(group, SHUTDOWN_TIMEOUT_MS);
            throw new ActrException(ActrException.Category.FATAL,
                "websocket lane cannot listen on " + ctx.host() + ":" + ctx.port() + ": " + ex.getMessage(), ex);
        }
        final String host = ctx.host().contains(":") ? "[" + ctx.host() + "]" : ctx.host();
        advertisedAddress = ctx.advertisedAddress() != null ? ctx.advertisedAddress() :
            (serverSsl == null ? "ws://" : "wss://") + host + ":" + port() + ctx.path();
    }

    /**
     * Dial a peer: its address comes from the address resolver; the outcome reaches the ingress as
     * {@code onConnected} or {@code onConnectFailed} ({@link DisconnectReason#UNREACHABLE} when no address is known,
     * {@link DisconnectReason#NETWORK_ERROR}, {@link DisconnectReason#AUTH_FAILED},
     * {@link DisconnectReason#PROTOCOL_ERROR}). Does nothing while a dial to the peer is under way or a ready
     * connection with it (either direction) exists. Any thread.
     *
     * @param peer the peer's id.
     */
    @Override
    public void connect(final ActrId peer)
    {
        final LaneIngress target = ingress;
        if (target == null)
        {
            throw new IllegalStateException("start the lane first");
        }
        if (closed)
        {
            target.onConnectFailed(peer, DisconnectReason.LOCAL_CLOSE);
            return;
        }
        if (readyByPeer.containsKey(ActrIds.format(peer)) || !dialler.begin(peer, group))
        {
            return;
        }
        counters.increment(LaneCounter.CONNECTIONS_DIALLED);
    }

    /**
     * Frame and send; engine thread only. Never blocks.
     */
    @Override
    public int send(
        final long connectionId, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (length > ctx.maxFrameLength())
        {
            return OVERSIZE;
        }
        final PayloadType type = PayloadType.forNumber(payloadType);
        if (type == null)
        {
            throw new IllegalArgumentException("unknown payload type " + payloadType);
        }
        final WebSocketLaneHandler handler = connections.get(connectionId);
        if (handler == null)
        {
            return NOT_CONNECTED;
        }
        final Channel channel = handler.channel();
        if (!channel.isActive())
        {
            return NOT_CONNECTED;
        }
        if (!channel.isWritable())
        {
            counters.increment(LaneCounter.SEND_BACK_PRESSURED);
            return BACK_PRESSURED;
        }
        final int frameLength = LaneFrameDescriptor.HEADER_LENGTH + length;
        final ByteBuf frame = channel.alloc().directBuffer(frameLength, frameLength);
        final MutableDirectBuffer view = sendViews.wrapForWrite(frame, 0, frameLength);
        if (view != null)
        {
            LaneFrameEncoder.encode(view, 0, type, buffer, offset, length);
            frame.writerIndex(frameLength);
        }
        else
        {
            frame.writeByte(payloadType).writeInt(length);
            for (int i = 0; i < length; i++)
            {
                frame.writeByte(buffer.getByte(offset + i));
            }
        }
        channel.writeAndFlush(new BinaryWebSocketFrame(frame), channel.voidPromise());
        counters.increment(LaneCounter.FRAMES_SENT);
        counters.add(LaneCounter.BYTES_SENT, length);
        return OK;
    }

    /**
     * Put a frame, whatever it holds, on the ready connection to a peer (tests use it for forged responses and
     * retried requests). Engine thread or a test thread.
     *
     * @param peer        the peer.
     * @param payloadType PayloadType number.
     * @param buffer      holding the frame.
     * @param offset      of the frame.
     * @param length      of the frame.
     * @return a {@link Lane} result code.
     */
    public int sendTo(
        final ActrId peer, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        final Long connectionId = readyByPeer.get(ActrIds.format(peer));
        return connectionId == null ? NOT_CONNECTED : send(connectionId, payloadType, buffer, offset, length);
    }

    /**
     * Close the ready connection to a peer, if any (both sides see it disconnected).
     *
     * @param peer the peer.
     */
    public void disconnectFrom(final ActrId peer)
    {
        final Long connectionId = readyByPeer.get(ActrIds.format(peer));
        if (connectionId != null)
        {
            disconnect(connectionId);
        }
    }

    @Override
    public void disconnect(final long connectionId)
    {
        final WebSocketLaneHandler handler = connections.get(connectionId);
        if (handler != null)
        {
            handler.closeFromLane(DisconnectReason.LOCAL_CLOSE);
        }
    }

    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        if (group == null)
        {
            return;
        }
        if (serverChannel != null)
        {
            serverChannel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
        for (final WebSocketLaneHandler handler : handlers)
        {
            handler.closeFromLane(DisconnectReason.LOCAL_CLOSE);
        }
        for (final WebSocketLaneHandler handler : handlers)
        {
            handler.channel().closeFuture().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
        NettyTransport.shutdown(group, SHUTDOWN_TIMEOUT_MS);
    }

    /**
     * @return the address peers dial, to register with signaling ({@code ws[s]://host:port/path} unless
     * configured); null before {@link #start}.
     */
    public String advertisedAddress()
    {
        return advertisedAddress;
    }

    /**
     * @return the bound port; -1 before {@link #start}.
     */
    public int port()
    {
        return serverChannel == null ? -1 : ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * @param connectionId a ready connection.
     * @return the last keep-alive round trip in nanoseconds, -1 before the first pong or for an unknown connection.
     */
    public long rttNs(final long connectionId)
    {
        final WebSocketLaneHandler handler = connections.get(connectionId);
        return handler == null ? -1 : handler.lastRttNs();
    }

    /**
     * @param connectionId a ready connection.
     * @return the smoothed round trip (7/8 old + 1/8 new, as TCP), -1 before the first pong.
     */
    public long smoothedRttNs(final long connectionId)
    {
        final WebSocketLaneHandler handler = connections.get(connectionId);
        return handler == null ? -1 : handler.smoothedRttNs();
    }

    /**
     * @param connectionId a ready connection.
     * @return bytes queued to it and not yet written to the socket (bounded by the high-water mark plus one frame),
     * or -1 for an unknown connection.
     */
    public long pendingOutboundBytes(final long connectionId)
    {
        final WebSocketLaneHandler handler = connections.get(connectionId);
        if (handler == null || handler.channel().unsafe().outboundBuffer() == null)
        {
            return -1;
        }
        return handler.channel().unsafe().outboundBuffer().totalPendingWriteBytes();
    }

    /**
     * @param connectionId a ready connection.
     * @return the peer's verified id, or null.
     */
    public ActrId peer(final long connectionId)
    {
        final WebSocketLaneHandler handler = connections.get(connectionId);
        return handler == null ? null : handler.peer();
    }

    /**
     * @return ready connections now.
     */
    public int connectionCount()
    {
        return connections.size();
    }

    /**
     * @param counter what to read.
     * @return its value.
     */
    public long counter(final LaneCounter counter)
    {
        return counters.get(counter);
    }

    /**
     * @return handshakes accepted and refused, by reason.
     */
    public AuthRejectionCounters authCounters()
    {
        return authCounters;
    }

    /**
     * @return the configuration.
     */
    public WebSocketLaneContext context()
    {
        return ctx;
    }

    @Override
    public String toString()
    {
        return "WebSocketLane{" + advertisedAddress + ", transport=" + transport + ", connections=" +
            connections.size() + '}';
    }

    // ---- from the handlers, on their event loops ----

    void track(final WebSocketLaneHandler handler, final Channel channel)
    {
        handlers.add(handler);
        channel.closeFuture().addListener(future -> handlers.remove(handler));
        if (handler.expectedPeer() == null)
        {
            counters.increment(LaneCounter.CONNECTIONS_ACCEPTED);
        }
        if (closed)
        {
            handler.closeFromLane(DisconnectReason.LOCAL_CLOSE);
        }
    }

    void onReady(final WebSocketLaneHandler handler)
    {
        synchronized (connectionsLock)
        {
            final Long2ObjectHashMap<WebSocketLaneHandler> next = new Long2ObjectHashMap<>(connections);
            next.put(handler.connectionId(), handler);
            connections = next;
        }
        final String key = ActrIds.format(handler.peer());
        readyByPeer.put(key, handler.connectionId());
        if (handler.expectedPeer() != null)
        {
            dialler.end(handler.expectedPeer());
        }
        counters.increment(LaneCounter.CONNECTIONS_READY);
        ingress.onConnected(handler.connectionId(), handler.peer(), this);
    }

    void onInactive(final WebSocketLaneHandler handler, final int reason)
    {
        handlers.remove(handler);
        final long connectionId = handler.connectionId();
        if (connectionId != -1)
        {
            synchronized (connectionsLock)
            {
                final Long2ObjectHashMap<WebSocketLaneHandler> next = new Long2ObjectHashMap<>(connections);
                next.remove(connectionId);
                connections = next;
            }
            readyByPeer.remove(ActrIds.format(handler.peer()), connectionId);
            ingress.onDisconnected(connectionId, reason);
        }
        else if (handler.expectedPeer() != null)
        {
            dialFailed(handler.expectedPeer(), reason);
        }
    }

    void dialFailed(final ActrId peer, final int reason)
    {
        dialler.end(peer);
        counters.increment(LaneCounter.CONNECT_FAILURES);
        ingress.onConnectFailed(peer, reason);
    }

    LaneIngress ingress()
    {
        return ingress;
    }

    PeerAuthenticator authenticator()
    {
        return authenticator;
    }

    LaneCounters counters()
    {
        return counters;
    }

    boolean isClosed()
    {
        return closed;
    }

    private WriteBufferWaterMark waterMark()
    {
        return new WriteBufferWaterMark(ctx.writeBufferLowWaterMark(), ctx.writeBufferHighWaterMark());
    }
}
