package dev.actr.lanes.signaling;

import dev.actr.codec.ActrException;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.ActrToSignaling;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.CredentialRenewOk;
import dev.actr.codec.proto.GetSigningKeyRequest;
import dev.actr.codec.proto.NodeSelectionCriteria;
import dev.actr.codec.proto.PeerToSignaling;
import dev.actr.codec.proto.RegisterOk;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.codec.proto.UnregisterRequest;
import dev.actr.lanes.ReconnectBackoff;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.session.LocalIdentity;
import dev.actr.lanes.session.SigningKeyResolver;
import dev.actr.lanes.session.SigningKeyRing;
import dev.actr.lanes.transport.NettyTransport;
import dev.actr.lanes.transport.TlsContexts;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;

import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's signaling client: registers at start (binding the node's public key into its credential), keeps the
 * heartbeat, renews the credential half-way through its life, reconnects with exponential backoff and jitter and
 * registers again (asking to keep its id: a resume), discovers peers by type with an expiring cache, and carries
 * WebRTC negotiation relays both ways. It is the lanes' source of identity ({@link #localIdentity()}) and of the
 * signing keys that verify peers ({@link #keyResolver()}).
 *
 * <p>Threading: every state change happens on the client's one event loop. The public methods may be called from
 * any thread and never block: they return futures that complete on that event loop (do not block there either).
 */
public final class SignalingClient implements AutoCloseable
{
    /** {@link #sendRelay}: not registered or not connected now. */
    public static final long RELAY_NOT_CONNECTED = -1;
    /** {@link #sendRelay}: the connection's outbound buffer is full; try later. */
    public static final long RELAY_BACK_PRESSURED = -2;
    /** {@link #sendRelay}: the client is closed. */
    public static final long RELAY_CLOSED = -3;

    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final SignalingClientContext ctx;
    private final NettyTransport transport;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final EventLoop loop;
    private final SslContext ssl;
    private final ReconnectBackoff backoff;
    private final PendingRequests requests;
    private final SignalingClientWork work;
    private final ClientSigningKeys keys = new ClientSigningKeys();
    private final AtomicLong envelopeIds = new AtomicLong();
    private final AtomicLong connectAttempts = new AtomicLong();
    private final CompletableFuture<SignalingRegistration> firstRegistration = new CompletableFuture<>();
    private final byte[] nodePublicKey;
    private volatile SignalingRegistration registration;
    private volatile Channel channel;
    private volatile boolean registeredOnChannel;
    private volatile boolean closed;
    private volatile String wsAddress;
    private volatile String currentServerUri;
    private int serverIndex;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

    private SignalingClient(final SignalingClientContext ctx)
    {
        this.ctx = ctx;
        this.transport = NettyTransport.select(ctx.preferEpoll());
        this.ownsGroup = ctx.eventLoopGroup() == null;
        this.group = ownsGroup ? transport.newGroup(1, ctx.threadFactory()) : ctx.eventLoopGroup();
        this.loop = group.next();
        this.ssl = sslContext(ctx);
        this.backoff = new ReconnectBackoff(ctx.reconnectInitialDelayMs(), ctx.reconnectMaxDelayMs(), ctx.random());
        this.requests = new PendingRequests(loop, ctx.maxPendingRequests());
        this.work = new SignalingClientWork(this, ctx, loop, requests);
        this.nodePublicKey = Ed25519Keys.toRaw(ctx.nodeKeys().getPublic());
    }

    /**
     * Start connecting and registering; returns at once.
     *
     * @param ctx the configuration; concluded here.
     * @return the client; close it to unregister and stop.
     */
    public static SignalingClient launch(final SignalingClientContext ctx)
    {
        return create(ctx).start(ctx.wsAddress());
    }

    /**
     * Make a client that does not connect yet: its {@link #localIdentity()} and {@link #keyResolver()} can be
     * handed to a lane before the lane binds, and {@link #start(String)} then registers with the lane's address.
     * <pre>{@code
     * SignalingClient signaling = SignalingClient.create(signalingCtx);
     * WebSocketLane lane = new WebSocketLane(laneCtx.identity(signaling.localIdentity())
     *     .keyResolver(signaling.keyResolver()).addressResolver(signaling::wsAddress));
     * lane.start(ingress);
     * signaling.start(lane.advertisedAddress());
     * }</pre>
     *
     * @param ctx the configuration; concluded here.
     * @return the client, not connected; close it even if never started.
     */
    public static SignalingClient create(final SignalingClientContext ctx)
    {
        ctx.conclude();
        return new SignalingClient(ctx);
    }

    /**
     * Start connecting and registering; returns at once. Once only.
     *
     * @param wsAddress the WebSocket address to advertise (peers dial it), or null for none.
     * @return this.
     */
    public SignalingClient start(final String wsAddress)
    {
        if (!started.compareAndSet(false, true))
        {
            throw new IllegalStateException("the signaling client is started already");
        }
        this.wsAddress = wsAddress;
        loop.execute(this::connect);
        return this;
    }

    String advertisedWsAddress()
    {
        return wsAddress;
    }

    /**
     * @return completes with the first registration (on the client's event loop).
     */
    public CompletableFuture<SignalingRegistration> registered()
    {
        return firstRegistration;
    }

    /**
     * @return the current registration, or null before the first. After a lost connection it stays until the
     * client registers again (its credential remains valid until it expires).
     */
    public SignalingRegistration registration()
    {
        return registration;
    }

    /**
     * @return true when connected and registered on the current connection.
     */
    public boolean isRegistered()
    {
        return registeredOnChannel;
    }

    /**
     * @return the signaling server the client dials or is connected to now (one of the context's URIs).
     */
    public String currentServerUri()
    {
        final String current = currentServerUri;
        return current != null ? current : ctx.serverUri();
    }

    /**
     * @return how many times the client has dialled the server (the first time included).
     */
    public long connectAttempts()
    {
        return connectAttempts.get();
    }

    /**
     * @return this node's identity for peer sessions: the current credential and the node key it binds.
     */
    public LocalIdentity localIdentity()
    {
        final PrivateKey nodeKey = ctx.nodeKeys().getPrivate();
        return new LocalIdentity()
        {
            @Override
            public AIdCredential credential()
            {
                final SignalingRegistration current = registration;
                return current == null ? null : current.credential();
            }

            @Override
            public PrivateKey nodePrivateKey()
            {
                return nodeKey;
            }
        };
    }

    /**
     * @return the signing keys learnt from the server (registration, renewal, lookups), fetching unknown ones.
     */
    public SigningKeyResolver keyResolver()
    {
        return new SigningKeyResolver()
        {
            @Override
            public PublicKey signingKey(final int keyId, final long nowEpochSec)
            {
                return keys.ring().signingKey(keyId, nowEpochSec);
            }

            @Override
            public CompletableFuture<Void> fetchSigningKey(final int keyId)
            {
                return SignalingClient.this.fetchSigningKey(keyId).handle((key, failure) -> null);
            }
        };
    }

    /**
     * @return the signing keys known now.
     */
    public SigningKeyRing signingKeys()
    {
        return keys.ring();
    }

    /**
     * @param type the type wanted.
     * @return candidates and their addresses; from the cache when an answer for {@code type} is younger than its
     * time to live. Waits for the registration (within the request timeout) if there is none yet.
     */
    public CompletableFuture<DiscoveryResult> discover(final ActrType type)
    {
        return discover(type, null);
    }

    /**
     * @param type     the type wanted.
     * @param criteria how many and in what order, or null (asks the server; the cache is used for null only).
     * @return candidates and their addresses.
     */
    public CompletableFuture<DiscoveryResult> discover(final ActrType type, final NodeSelectionCriteria criteria)
    {
        final CompletableFuture<DiscoveryResult> result = new CompletableFuture<>();
        execute(result, () -> work.discover(type, criteria, result));
        return result;
    }

    /**
     * @param peer a peer.
     * @return its advertised WebSocket address, or null when discovery knows none (from the cache, or by
     * discovering the peer's type).
     */
    public CompletableFuture<String> wsAddress(final ActrId peer)
    {
        final CompletableFuture<String> result = new CompletableFuture<>();
        execute(result, () -> work.wsAddress(peer, result));
        return result;
    }

    /**
     * @param keyId a signing key id.
     * @return the key (also added to {@link #signingKeys()}), or null when the server knows no such key.
     */
    public CompletableFuture<PublicKey> fetchSigningKey(final int keyId)
    {
        final CompletableFuture<PublicKey> answer = new CompletableFuture<>();
        execute(answer, () -> work.request(answer, "get signing key",
            peerToServer(PeerToSignaling.newBuilder().setGetSigningKeyRequest(
                GetSigningKeyRequest.newBuilder().setKeyId(keyId))), envelope -> onSigningKey(envelope, answer)));
        final CompletableFuture<PublicKey> result = new CompletableFuture<>();
        answer.whenComplete((key, failure) ->
        {
            final Throwable cause = failure instanceof java.util.concurrent.CompletionException ?
                failure.getCause() : failure;
            if (cause instanceof SignalingException && ((SignalingException)cause).code() == SignalingErrors.NOT_FOUND)
            {
                result.complete(null);
            }
            else if (failure != null)
            {
                result.completeExceptionally(failure);
            }
            else
            {
                result.complete(key);
            }
        });
        return result;
    }

    /**
     * Renew the credential now (it is also renewed by itself half-way through its life).
     *
     * @return the registration with the new credential.
     */
    public CompletableFuture<SignalingRegistration> renewCredential()
    {
        final CompletableFuture<SignalingRegistration> result = new CompletableFuture<>();
        execute(result, () -> work.renew(result));
        return result;
    }

    /**
     * Send a relay to a peer through the server. Any thread; never blocks. The client fills in {@code source} and
     * {@code credential}; set {@code target} and the payload.
     *
     * @param relay the relay to send.
     * @return the relay's id (> 0, named again by {@link SignalingListener#onRelayRefused}), or
     * {@link #RELAY_NOT_CONNECTED}, {@link #RELAY_BACK_PRESSURED}, {@link #RELAY_CLOSED}.
     */
    public long sendRelay(final ActrRelay.Builder relay)
    {
        if (closed)
        {
            return RELAY_CLOSED;
        }
        final Channel current = channel;
        final SignalingRegistration self = registration;
        if (current == null || self == null || !registeredOnChannel)
        {
            return RELAY_NOT_CONNECTED;
        }
        if (!current.isWritable())
        {
            return RELAY_BACK_PRESSURED;
        }
        final long id = envelopeIds.incrementAndGet();
        relay.setSource(self.id()).setCredential(self.credential());
        current.writeAndFlush(SignalingEnvelopes.frame(current.alloc(),
            SignalingEnvelopes.envelope(Long.toString(id), null).setActrRelay(relay).build()), current.voidPromise());
        return id;
    }

    /**
     * Unregister (the server stops listing this node at once) and stay connected; close to stop.
     *
     * @return completes once the request is written.
     */
    public CompletableFuture<Void> unregister()
    {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        execute(result, () -> work.unregister(result));
        return result;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        final CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() ->
        {
            closed = true;
            work.close();
            final Channel current = channel;
            if (current != null && registeredOnChannel)
            {
                current.writeAndFlush(SignalingEnvelopes.frame(current.alloc(), actrToServer(
                    ActrToSignaling.newBuilder().setUnregisterRequest(UnregisterRequest.newBuilder().setReason("close")))))
                    .addListener(future -> current.close().addListener(closedFuture -> done.complete(null)));
            }
            else
            {
                if (current != null)
                {
                    current.close();
                }
                done.complete(null);
            }
            requests.failAll(SignalingException.CLOSED, "the signaling client closed");
            firstRegistration.completeExceptionally(new SignalingException(SignalingException.CLOSED, "closed"));
        });
        done.completeOnTimeout(null, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).join();
        if (ownsGroup)
        {
            NettyTransport.shutdown(group, SHUTDOWN_TIMEOUT_MS);
        }
    }

    @Override
    public String toString()
    {
        return "SignalingClient{" + currentServerUri() + ", " + registration + ", registered=" + registeredOnChannel +
            '}';
    }

    // ---- event loop only ----

    private void connect()
    {
        if (closed)
        {
            return;
        }
        connectAttempts.incrementAndGet();
        final String serverUri = ctx.serverUris().get(serverIndex);
        currentServerUri = serverUri;
        SignalingClientHandler.connect(this, ctx, serverUri, loop, transport, ssl).addListener(future ->
        {
            if (!future.isSuccess())
            {
                scheduleReconnect();
            }
        });
    }

    private void scheduleReconnect()
    {
        if (!closed)
        {
            // the next instance of a cluster, in turn: the one just lost (or not reached) may be gone
            serverIndex = (serverIndex + 1) % ctx.serverUris().size();
            loop.schedule(this::connect, backoff.nextDelayMs(), TimeUnit.MILLISECONDS);
        }
    }

    void onOpen(final Channel opened)
    {
        if (closed)
        {
            opened.close();
            return;
        }
        channel = opened;
        work.register(registration, nodePublicKey);
    }

    void onRegistered(final RegisterOk ok)
    {
        final long heartbeatMs = ok.hasSignalingHeartbeatIntervalMs() ? ok.getSignalingHeartbeatIntervalMs() :
            ok.hasSignalingHeartbeatIntervalSecs() ? ok.getSignalingHeartbeatIntervalSecs() * 1000L :
            ctx.heartbeatIntervalMs();
        keys.learnCurrent(ok.getSigningKeyId(), ok.getSigningPubkey(), ok.getCredentialExpiresAt());
        final SignalingRegistration current = new SignalingRegistration(ok.getActrId(), ok.getCredential(),
            ok.getCredentialExpiresAt(), heartbeatMs, ok.getCredential().getKeyId(), ok.getResumed());
        registration = current;
        registeredOnChannel = true;
        backoff.reset();
        work.onRegistered(current);
        ctx.listener().onRegistered(current);
        firstRegistration.complete(current);
    }

    void onRenewed(final CredentialRenewOk ok)
    {
        keys.learnCurrent(ok.getSigningKeyId(), ok.getSigningPubkey(), ok.getCredentialExpiresAt());
        final SignalingRegistration current = registration.withCredential(
            ok.getCredential(), ok.getCredentialExpiresAt(), ok.getCredential().getKeyId());
        registration = current;
        ctx.listener().onRegistered(current);
    }

    void onEnvelope(final Channel from, final SignalingEnvelope envelope)
    {
        if (from != channel)
        {
            return;
        }
        if (requests.complete(envelope))
        {
            return;
        }
        if (envelope.hasActrRelay())
        {
            ctx.listener().onRelay(envelope.getActrRelay());
        }
        else if (envelope.hasEnvelopeError())
        {
            onUnmatchedError(from, envelope);
        }
    }

    private void onUnmatchedError(final Channel from, final SignalingEnvelope envelope)
    {
        final int code = envelope.getEnvelopeError().getCode();
        final String message = envelope.getEnvelopeError().getMessage();
        long relayId = -1;
        if (envelope.hasReplyFor())
        {
            try
            {
                relayId = Long.parseLong(envelope.getReplyFor());
            }
            catch (final NumberFormatException ex)
            {
                relayId = -1;
            }
        }
        if (relayId > 0)
        {
            ctx.listener().onRelayRefused(relayId, code, message);
        }
        else if (code == SignalingErrors.EXPIRED || code == SignalingErrors.UNAUTHENTICATED)
        {
            from.close();
        }
    }

    void onProtocolError(final Channel from, final String message)
    {
        ctx.errorHandler().onError(new ActrException(ActrException.Category.WARN, "signaling: " + message));
        from.close();
    }

    void onClosed(final Channel lost)
    {
        if (lost != channel)
        {
            scheduleReconnectIfCurrentLost(lost);
            return;
        }
        channel = null;
        final boolean wasRegistered = registeredOnChannel;
        registeredOnChannel = false;
        work.onDisconnected();
        requests.failAll(SignalingException.DISCONNECTED, "the connection to the signaling server was lost");
        if (wasRegistered)
        {
            ctx.listener().onDisconnected();
        }
        scheduleReconnect();
    }

    private void scheduleReconnectIfCurrentLost(final Channel lost)
    {
        if (channel == null)
        {
            // a connection that closed before its WebSocket upgrade finished: dial again
            scheduleReconnect();
        }
    }

    void closeChannel()
    {
        final Channel current = channel;
        if (current != null)
        {
            current.close();
        }
    }

    private void onSigningKey(final SignalingEnvelope answer, final CompletableFuture<PublicKey> result)
    {
        result.complete(keys.learnLookedUp(answer.getServerToActr().getSigningKeyOk()));
    }

    private void execute(final CompletableFuture<?> result, final Runnable task)
    {
        if (closed)
        {
            result.completeExceptionally(new SignalingException(SignalingException.CLOSED, "the client is closed"));
            return;
        }
        loop.execute(task);
    }

    SignalingEnvelope peerToServer(final PeerToSignaling.Builder body)
    {
        return SignalingEnvelopes.envelope(nextEnvelopeId(), null).setPeerToServer(body).build();
    }

    SignalingEnvelope actrToServer(final ActrToSignaling.Builder body)
    {
        final SignalingRegistration self = registration;
        return SignalingEnvelopes.envelope(nextEnvelopeId(), null)
            .setActrToServer(body.setSource(self.id()).setCredential(self.credential())).build();
    }

    String nextEnvelopeId()
    {
        return Long.toString(envelopeIds.incrementAndGet());
    }

    Channel channel()
    {
        return channel;
    }

    boolean isClosed()
    {
        return closed;
    }

    PrivateKey nodePrivateKey()
    {
        return ctx.nodeKeys().getPrivate();
    }

    private static SslContext sslContext(final SignalingClientContext ctx)
    {
        for (final String serverUri : ctx.serverUris())
        {
            if ("wss".equals(URI.create(serverUri).getScheme()))
            {
                return TlsContexts.client(ctx.trustedCertificatesPem());
            }
        }
        return null;
    }
}
