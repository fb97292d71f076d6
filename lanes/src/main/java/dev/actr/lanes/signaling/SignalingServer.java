package dev.actr.lanes.signaling;

import dev.actr.codec.ActrException;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.lanes.transport.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The signaling server: WebSocket on Netty (epoll where available, NIO otherwise), {@code SignalingEnvelope} in
 * binary frames. Connections are decoded on the I/O threads; all registry state (registrations, serials, signing
 * keys) lives on one registry thread, one of the I/O event loops, so it has a single writer and no locks.
 * Bounded: frame size (checked from the frame header, before the payload is read), connection count, each
 * connection's outbound buffer (water marks; a reader that stops is not queued for), idle time.
 *
 * <pre>{@code
 * try (SignalingServer server = SignalingServer.launch(new SignalingServerContext()
 *         .directory(Path.of("/var/lib/actr/signaling")).port(0)))
 * {
 *     String uri = server.uri();           // ws://127.0.0.1:<port>/signaling
 * }
 * }</pre>
 */
public final class SignalingServer implements AutoCloseable
{
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final SignalingServerContext ctx;
    private final Counters counters = new Counters();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final EventLoopGroup group;
    private final EventLoop registryThread;
    private final ChannelGroup channels;
    private final SignalingService service;
    private final NettyTransport transport;
    private final String instanceId;
    private volatile int registeredCount;
    private volatile int serviceRegisteredCount;
    private volatile int currentKeyId;
    private Channel serverChannel;
    private boolean closed;

    private SignalingServer(final SignalingServerContext ctx, final SigningKeyStore keys, final ClusterStore cluster)
    {
        this.ctx = ctx;
        this.transport = NettyTransport.select(ctx.preferEpoll());
        this.group = transport.newGroup(ctx.ioThreads(), ctx.threadFactory());
        this.registryThread = group.next();
        this.channels = new DefaultChannelGroup(registryThread);
        final ResumeGuard resumeGuard = new ResumeGuard(ctx.resumeWindowMs());
        SignalingBackplane backplane = null;
        try
        {
            if (cluster == null)
            {
                backplane = new LocalBackplane(resumeGuard, ctx.epochClock());
            }
            else
            {
                final NatsBackplane nats = new NatsBackplane(ctx, cluster, keys, resumeGuard, registryThread, counters);
                backplane = nats;
                nats.adoptKeys();
            }
            this.service = new SignalingService(ctx, keys, counters, resumeGuard, backplane);
        }
        catch (final RuntimeException | Error ex)
        {
            if (backplane != null)
            {
                backplane.close();
            }
            NettyTransport.shutdown(group, SHUTDOWN_TIMEOUT_MS);
            throw ex;
        }
        this.instanceId = backplane.instanceId();
        this.currentKeyId = keys.currentKeyId();
    }

    /**
     * Open (or create) the signing keys in the context's directory, join the cluster when the context names NATS
     * servers, and start listening.
     *
     * @param ctx the configuration; concluded here.
     * @return the running server; close it to stop.
     * @throws ActrException (fatal) when the keys cannot be read or written, NATS cannot be reached or its buckets
     *                       set up, or the port cannot be bound.
     */
    public static SignalingServer launch(final SignalingServerContext ctx)
    {
        ctx.conclude();
        final ClusterStore cluster = ctx.clustered() ? ClusterStore.connect(ctx, new io.nats.client.Options.Builder()
            .errorListener(new NatsErrors(ctx.errorHandler()))) : null;
        final SigningKeyStore keys;
        try
        {
            keys = SigningKeyStore.open(ctx.directory(), ctx.credentialLifetimeMs() / 1000,
                ctx.epochClock().time() / 1000, cluster == null ? SigningKeyStore.LOCAL_IDS : localMax ->
                {
                    try
                    {
                        return cluster.nextKeyId(localMax);
                    }
                    catch (final io.nats.client.JetStreamApiException ex)
                    {
                        throw new IOException("no signing key id from the cluster: " + ex.getMessage(), ex);
                    }
                });
        }
        catch (final IOException ex)
        {
            if (cluster != null)
            {
                cluster.close();
            }
            throw new ActrException(ActrException.Category.FATAL,
                "signaling keys in " + ctx.directory() + " cannot be read or written: " + ex.getMessage(), ex);
        }
        SignalingServer server = null;
        try
        {
            server = new SignalingServer(ctx, keys, cluster);
            server.bind();
        }
        catch (final RuntimeException | Error ex)
        {
            if (server != null)
            {
                server.close();
            }
            else if (cluster != null)
            {
                cluster.close();
            }
            throw ex;
        }
        return server;
    }

    private void bind()
    {
        final long sweepMs = Math.max(10, Math.min(1000, ctx.heartbeatIntervalMs() / 4));
        registryThread.scheduleAtFixedRate(this::sweep, sweepMs, sweepMs, TimeUnit.MILLISECONDS);
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannelClass())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(ctx.writeBufferLowWaterMark(), ctx.writeBufferHighWaterMark()))
            .childHandler(new ChannelInitializer<>()
            {
                @Override
                protected void initChannel(final Channel channel)
                {
                    channels.add(channel);
                    initPipeline(channel.pipeline());
                }
            });
        try
        {
            serverChannel = bootstrap.bind(ctx.host(), ctx.port()).syncUninterruptibly().channel();
        }
        catch (final Exception ex)
        {
            throw new ActrException(ActrException.Category.FATAL,
                "signaling cannot listen on " + ctx.host() + ":" + ctx.port() + ": " + ex.getMessage(), ex);
        }
    }

    private void initPipeline(final ChannelPipeline pipeline)
    {
        final long idleMs = 2 * ctx.heartbeatIntervalMs() + ctx.handshakeTimeoutMs();
        pipeline.addLast(new IdleStateHandler(idleMs, 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast(new HttpServerCodec(4096, 8192, 8192));
        pipeline.addLast(new HttpObjectAggregator(8192));
        pipeline.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(ctx.path())
            .maxFramePayloadLength(ctx.maxFrameLength())
            .handshakeTimeoutMillis(ctx.handshakeTimeoutMs())
            .allowExtensions(false)
            .build()));
        pipeline.addLast(new WebSocketFrameAggregator(ctx.maxFrameLength()));
        pipeline.addLast(new SignalingServerHandler(this, service, registryThread));
    }

    /**
     * @return the port listened on (the ephemeral one chosen when the context said 0).
     */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * @return {@code ws://<host>:<port><path>}.
     */
    public String uri()
    {
        final String host = ctx.host().contains(":") ? "[" + ctx.host() + "]" : ctx.host();
        return "ws://" + host + ":" + port() + ctx.path();
    }

    /**
     * @return nodes registered now (as of the registry thread's last change).
     */
    public int registeredCount()
    {
        return registeredCount;
    }

    /**
     * @return nodes the whole service lists now: this instance's and, in a cluster, the other instances' (as this
     * instance's copy of the registry bucket had them at the last sweep, every heartbeat interval / 4).
     */
    public int serviceRegisteredCount()
    {
        return serviceRegisteredCount;
    }

    /**
     * @return this instance's id in its cluster, or {@code "local"} for a single instance.
     */
    public String instanceId()
    {
        return instanceId;
    }

    /**
     * @return the id of the key that signs new credentials.
     */
    public int currentSigningKeyId()
    {
        return currentKeyId;
    }

    /**
     * Rotate the signing key now (the old one verifies for one more credential lifetime).
     *
     * @return completes with the new key id, on the registry thread.
     */
    public CompletableFuture<Integer> rotateSigningKey()
    {
        final CompletableFuture<Integer> result = new CompletableFuture<>();
        registryThread.execute(() -> service.rotateKey((keyId, failure) ->
        {
            currentKeyId = service.keys().currentKeyId();
            if (failure != null)
            {
                result.completeExceptionally(failure);
            }
            else
            {
                result.complete(keyId);
            }
        }));
        return result;
    }

    /**
     * @param counter what to read.
     * @return its value.
     */
    public long counter(final SignalingCounter counter)
    {
        return counters.get(counter);
    }

    /**
     * @return the configuration.
     */
    public SignalingServerContext context()
    {
        return ctx;
    }

    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (serverChannel != null)
        {
            serverChannel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
        channels.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        if (!registryThread.isShuttingDown())
        {
            // after the connections' close events: the backplane's last writes (unregistrations) go out first
            registryThread.submit(() -> null).awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
        service.close();
        NettyTransport.shutdown(group, SHUTDOWN_TIMEOUT_MS);
    }

    @Override
    public String toString()
    {
        return "SignalingServer{" + (serverChannel == null ? "unbound" : uri()) + ", transport=" + transport + '}';
    }

    void onEnvelope(final ServerConnection connection, final SignalingEnvelope envelope)
    {
        try
        {
            service.onEnvelope(connection, envelope);
        }
        catch (final RuntimeException ex)
        {
            ctx.errorHandler().onError(ex);
            service.error(connection, envelope, SignalingErrors.INTERNAL, "server error: " + ex);
        }
        registeredCount = service.registeredCount();
    }

    /** Both counts; the service's walks the cluster directory, so only the sweep does it. */
    private void updateCounts()
    {
        registeredCount = service.registeredCount();
        serviceRegisteredCount = service.serviceRegisteredCount();
    }

    private void sweep()
    {
        try
        {
            service.sweep();
            currentKeyId = service.keys().currentKeyId();
        }
        catch (final IOException | RuntimeException ex)
        {
            ctx.errorHandler().onError(ex);
        }
        updateCounts();
    }

    boolean tryOpenConnection()
    {
        if (openConnections.incrementAndGet() > ctx.maxConnections())
        {
            openConnections.decrementAndGet();
            return false;
        }
        return true;
    }

    void closeConnection()
    {
        openConnections.decrementAndGet();
    }

    void onClosed(final ServerConnection connection)
    {
        service.onClosed(connection);
        registeredCount = service.registeredCount();
    }

    Counters counters()
    {
        return counters;
    }

    /** The counters of one server. Thread safe. */
    static final class Counters
    {
        private final AtomicLongArray values = new AtomicLongArray(SignalingCounter.values().length);

        void increment(final SignalingCounter counter)
        {
            values.incrementAndGet(counter.ordinal());
        }

        long get(final SignalingCounter counter)
        {
            return values.get(counter.ordinal());
        }
    }
}
