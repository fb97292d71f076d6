package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.ServiceSpec;
import dev.actr.lanes.ReconnectBackoff;
import dev.actr.lanes.session.Ed25519Keys;
import io.netty.channel.EventLoopGroup;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadFactory;

/**
 * Configuration of a {@link SignalingClient}. Required: {@link #serverUri(String)} (or several instances of a
 * signaling cluster with {@link #serverUris(String...)}), {@link #actrType(ActrType)}, {@link #realmId(int)}.
 * Everything else has a documented default.
 */
public final class SignalingClientContext
{
    /** Default time to open the connection and finish the WebSocket upgrade. */
    public static final long CONNECT_TIMEOUT_MS_DEFAULT = 5_000;
    /** Default time a request (register, discover, renew, key lookup) waits for its answer. */
    public static final long REQUEST_TIMEOUT_MS_DEFAULT = 10_000;
    /** Default heartbeat interval until the server names its own. */
    public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 15_000;
    /** Default lifetime of a cached discovery answer. */
    public static final long DISCOVERY_CACHE_TTL_MS_DEFAULT = 10_000;
    /** Default most cached discovery answers (and, times 16, cached peer addresses). */
    public static final int DISCOVERY_CACHE_CAPACITY_DEFAULT = 256;
    /** Default largest envelope accepted, bytes. */
    public static final int MAX_FRAME_LENGTH_DEFAULT = 64 * 1024;
    /** Default most requests waiting at once (in flight or for the registration). */
    public static final int MAX_PENDING_REQUESTS_DEFAULT = 1024;

    private List<String> serverUris = List.of();
    private ActrType actrType;
    private Integer realmId;
    private String wsAddress;
    private ServiceSpec serviceSpec;
    private KeyPair nodeKeys;
    private SignalingListener listener = new SignalingListener()
    {
    };
    private long connectTimeoutMs = CONNECT_TIMEOUT_MS_DEFAULT;
    private long requestTimeoutMs = REQUEST_TIMEOUT_MS_DEFAULT;
    private long heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS_DEFAULT;
    private long reconnectInitialDelayMs = ReconnectBackoff.INITIAL_DELAY_MS_DEFAULT;
    private long reconnectMaxDelayMs = ReconnectBackoff.MAX_DELAY_MS_DEFAULT;
    private long discoveryCacheTtlMs = DISCOVERY_CACHE_TTL_MS_DEFAULT;
    private int discoveryCacheCapacity = DISCOVERY_CACHE_CAPACITY_DEFAULT;
    private int maxFrameLength = MAX_FRAME_LENGTH_DEFAULT;
    private int maxPendingRequests = MAX_PENDING_REQUESTS_DEFAULT;
    private Path trustedCertificatesPem;
    private boolean preferEpoll = true;
    private EventLoopGroup eventLoopGroup;
    private Random random;
    private EpochClock epochClock = SystemEpochClock.INSTANCE;
    private ThreadFactory threadFactory;
    private ErrorHandler errorHandler;
    private boolean concluded;

    /**
     * Validate and fill in defaults (a fresh node key pair, a random jitter source, threads, error handler).
     *
     * @return this.
     */
    public SignalingClientContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (serverUris.isEmpty())
        {
            throw new NullPointerException("serverUri is required");
        }
        Objects.requireNonNull(actrType, "actrType is required");
        Objects.requireNonNull(realmId, "realmId is required");
        for (final String serverUri : serverUris)
        {
            final String scheme = URI.create(serverUri).getScheme();
            if (!"ws".equals(scheme) && !"wss".equals(scheme))
            {
                throw new IllegalArgumentException("serverUri must be ws:// or wss://: " + serverUri);
            }
        }
        if (connectTimeoutMs <= 0 || requestTimeoutMs <= 0 || heartbeatIntervalMs <= 0 || discoveryCacheTtlMs < 0 ||
            discoveryCacheCapacity <= 0 || maxFrameLength < 1024 || maxPendingRequests <= 0)
        {
            throw new IllegalArgumentException("timeouts and capacities must be positive: " + this);
        }
        new ReconnectBackoff(reconnectInitialDelayMs, reconnectMaxDelayMs, new Random(0));
        if (nodeKeys == null)
        {
            nodeKeys = Ed25519Keys.generate();
        }
        if (random == null)
        {
            random = new Random();
        }
        if (threadFactory == null)
        {
            threadFactory = SignalingServerContext.daemonThreads("actr-signaling-client-");
        }
        if (errorHandler == null)
        {
            final System.Logger logger = System.getLogger(SignalingClient.class.getName());
            errorHandler = ex -> logger.log(System.Logger.Level.WARNING, "signaling client error", ex);
        }
        concluded = true;
        return this;
    }

    /** @param serverUri {@code ws://host:port/signaling} or {@code wss://...}. @return this. */
    public SignalingClientContext serverUri(final String serverUri)
    {
        this.serverUris = serverUri == null ? List.of() : List.of(serverUri);
        return this;
    }

    /**
     * The instances of a signaling cluster: the client registers with the first, and when its connection is lost
     * (or cannot be made) dials the next one, in turn, after the reconnect backoff; it keeps its id on the next
     * instance (a resume) while its credential is valid.
     *
     * @param serverUris {@code ws://...} or {@code wss://...} URIs, at least one.
     * @return this.
     */
    public SignalingClientContext serverUris(final String... serverUris)
    {
        this.serverUris = List.of(serverUris);
        return this;
    }

    /** @param serverUris see {@link #serverUris(String...)}. @return this. */
    public SignalingClientContext serverUris(final List<String> serverUris)
    {
        this.serverUris = List.copyOf(serverUris);
        return this;
    }

    /** @return the first server URI, or null when none is set. */
    public String serverUri()
    {
        return serverUris.isEmpty() ? null : serverUris.get(0);
    }

    /** @return every server URI, in the order they are tried. */
    public List<String> serverUris()
    {
        return serverUris;
    }

    /** @param actrType the type this node registers as. @return this. */
    public SignalingClientContext actrType(final ActrType actrType)
    {
        this.actrType = actrType;
        return this;
    }

    /** @return the type this node registers as. */
    public ActrType actrType()
    {
        return actrType;
    }

    /** @param realmId the realm (unsigned 32-bit). @return this. */
    public SignalingClientContext realmId(final int realmId)
    {
        this.realmId = realmId;
        return this;
    }

    /** @return the realm. */
    public int realmId()
    {
        return realmId;
    }

    /** @param wsAddress the WebSocket address peers dial (the lane's advertised address), or null. @return this. */
    public SignalingClientContext wsAddress(final String wsAddress)
    {
        this.wsAddress = wsAddress;
        return this;
    }

    /** @return the advertised WebSocket address, or null. */
    public String wsAddress()
    {
        return wsAddress;
    }

    /** @param serviceSpec what the node serves, or null. @return this. */
    public SignalingClientContext serviceSpec(final ServiceSpec serviceSpec)
    {
        this.serviceSpec = serviceSpec;
        return this;
    }

    /** @return what the node serves, or null. */
    public ServiceSpec serviceSpec()
    {
        return serviceSpec;
    }

    /** @param nodeKeys the node's Ed25519 key pair (default: generated). @return this. */
    public SignalingClientContext nodeKeys(final KeyPair nodeKeys)
    {
        this.nodeKeys = nodeKeys;
        return this;
    }

    /** @return the node's key pair. */
    public KeyPair nodeKeys()
    {
        return nodeKeys;
    }

    /** @param listener told of registrations and incoming relays, on the client's I/O thread. @return this. */
    public SignalingClientContext listener(final SignalingListener listener)
    {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** @return the listener. */
    public SignalingListener listener()
    {
        return listener;
    }

    /** @param connectTimeoutMs time to connect and upgrade. @return this. */
    public SignalingClientContext connectTimeoutMs(final long connectTimeoutMs)
    {
        this.connectTimeoutMs = connectTimeoutMs;
        return this;
    }

    /** @return time to connect and upgrade. */
    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /** @param requestTimeoutMs time a request waits for its answer. @return this. */
    public SignalingClientContext requestTimeoutMs(final long requestTimeoutMs)
    {
        this.requestTimeoutMs = requestTimeoutMs;
        return this;
    }

    /** @return time a request waits for its answer. */
    public long requestTimeoutMs()
    {
        return requestTimeoutMs;
    }

    /** @param heartbeatIntervalMs heartbeat interval until the server names one. @return this. */
    public SignalingClientContext heartbeatIntervalMs(final long heartbeatIntervalMs)
    {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        return this;
    }

    /** @return heartbeat interval until the server names one. */
    public long heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /** @param initialMs first reconnect delay (default 1 s). @param maxMs largest (default 60 s). @return this. */
    public SignalingClientContext reconnectDelaysMs(final long initialMs, final long maxMs)
    {
        this.reconnectInitialDelayMs = initialMs;
        this.reconnectMaxDelayMs = maxMs;
        return this;
    }

    /** @return first reconnect delay. */
    public long reconnectInitialDelayMs()
    {
        return reconnectInitialDelayMs;
    }

    /** @return largest reconnect delay. */
    public long reconnectMaxDelayMs()
    {
        return reconnectMaxDelayMs;
    }

    /** @param ttlMs lifetime of a cached discovery answer with candidates (0: no caching). @return this. */
    public SignalingClientContext discoveryCacheTtlMs(final long ttlMs)
    {
        this.discoveryCacheTtlMs = ttlMs;
        return this;
    }

    /** @return lifetime of a cached discovery answer. */
    public long discoveryCacheTtlMs()
    {
        return discoveryCacheTtlMs;
    }

    /** @param capacity most cached discovery answers. @return this. */
    public SignalingClientContext discoveryCacheCapacity(final int capacity)
    {
        this.discoveryCacheCapacity = capacity;
        return this;
    }

    /** @return most cached discovery answers. */
    public int discoveryCacheCapacity()
    {
        return discoveryCacheCapacity;
    }

    /** @param maxFrameLength largest envelope accepted. @return this. */
    public SignalingClientContext maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /** @return largest envelope accepted. */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /** @param maxPendingRequests most requests waiting at once. @return this. */
    public SignalingClientContext maxPendingRequests(final int maxPendingRequests)
    {
        this.maxPendingRequests = maxPendingRequests;
        return this;
    }

    /** @return most requests waiting at once. */
    public int maxPendingRequests()
    {
        return maxPendingRequests;
    }

    /** @param pem certificates (PEM) trusted for a wss:// server, or null for the JDK's. @return this. */
    public SignalingClientContext trustedCertificatesPem(final Path pem)
    {
        this.trustedCertificatesPem = pem;
        return this;
    }

    /** @return certificates trusted for a wss:// server, or null. */
    public Path trustedCertificatesPem()
    {
        return trustedCertificatesPem;
    }

    /** @param preferEpoll use epoll where available. @return this. */
    public SignalingClientContext preferEpoll(final boolean preferEpoll)
    {
        this.preferEpoll = preferEpoll;
        return this;
    }

    /** @return whether epoll is used where available. */
    public boolean preferEpoll()
    {
        return preferEpoll;
    }

    /** @param group an event loop group to share (not shut down by the client), or null for its own. @return this. */
    public SignalingClientContext eventLoopGroup(final EventLoopGroup group)
    {
        this.eventLoopGroup = group;
        return this;
    }

    /** @return the shared event loop group, or null. */
    public EventLoopGroup eventLoopGroup()
    {
        return eventLoopGroup;
    }

    /** @param random jitter source (seed it in tests). @return this. */
    public SignalingClientContext random(final Random random)
    {
        this.random = random;
        return this;
    }

    /** @return jitter source. */
    public Random random()
    {
        return random;
    }

    /** @param epochClock wall clock (credential expiry, resume proof). @return this. */
    public SignalingClientContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    /** @return wall clock. */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /** @param threadFactory makes the client's I/O thread. @return this. */
    public SignalingClientContext threadFactory(final ThreadFactory threadFactory)
    {
        this.threadFactory = threadFactory;
        return this;
    }

    /** @return makes the client's I/O thread. */
    public ThreadFactory threadFactory()
    {
        return threadFactory;
    }

    /** @param errorHandler told of unexpected errors. @return this. */
    public SignalingClientContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /** @return told of unexpected errors. */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    @Override
    public String toString()
    {
        return "SignalingClientContext{serverUris=" + serverUris + ", actrType=" +
            (actrType == null ? null : dev.actr.codec.id.ActrIds.format(actrType)) + ", realmId=" + realmId +
            ", wsAddress=" + wsAddress + ", connectTimeoutMs=" + connectTimeoutMs + ", requestTimeoutMs=" +
            requestTimeoutMs + ", heartbeatIntervalMs=" + heartbeatIntervalMs + ", reconnectDelaysMs=" +
            reconnectInitialDelayMs + ".." + reconnectMaxDelayMs + ", discoveryCacheTtlMs=" + discoveryCacheTtlMs +
            ", discoveryCacheCapacity=" + discoveryCacheCapacity + ", maxFrameLength=" + maxFrameLength +
            ", maxPendingRequests=" + maxPendingRequests + ", preferEpoll=" + preferEpoll + '}';
    }
}
