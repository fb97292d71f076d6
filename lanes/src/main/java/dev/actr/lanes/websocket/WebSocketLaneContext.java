package dev.actr.lanes.websocket;

import dev.actr.lanes.session.LocalIdentity;
import dev.actr.lanes.session.SigningKeyResolver;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Configuration of a {@link WebSocketLane}. Required: {@link #identity(LocalIdentity)} (this node's credential and
 * node key), {@link #keyResolver(SigningKeyResolver)} (signing keys to verify peers with) and, to dial peers,
 * {@link #addressResolver(PeerAddressResolver)}. With a signaling client: {@code identity(client.localIdentity())},
 * {@code keyResolver(client.keyResolver())}, {@code addressResolver(client::wsAddress)}, and register with
 * {@code wsAddress(lane.advertisedAddress())}.
 */
public final class WebSocketLaneContext
{
    /** Default listen address: loopback only. */
    public static final String HOST_DEFAULT = "127.0.0.1";
    /** Default WebSocket path. */
    public static final String PATH_DEFAULT = "/actr";
    /** Default largest frame payload (the encoded envelope or chunk), bytes: 4 MiB. */
    public static final int MAX_FRAME_LENGTH_DEFAULT = 4 * 1024 * 1024;
    /** Default outbound bytes per connection above which {@code send} returns BACK_PRESSURED. */
    public static final int WRITE_BUFFER_HIGH_WATER_MARK_DEFAULT = 1024 * 1024;
    /** Default outbound bytes per connection below which it is writable again. */
    public static final int WRITE_BUFFER_LOW_WATER_MARK_DEFAULT = 512 * 1024;
    /** Default keep-alive ping interval. */
    public static final long KEEPALIVE_INTERVAL_MS_DEFAULT = 5_000;
    /** Default silence after which a connection is closed as dead. */
    public static final long KEEPALIVE_TIMEOUT_MS_DEFAULT = 10_000;
    /** Default time for the WebSocket upgrade plus the peer session handshake. */
    public static final long HANDSHAKE_TIMEOUT_MS_DEFAULT = 5_000;
    /** Default TCP connect timeout. */
    public static final long CONNECT_TIMEOUT_MS_DEFAULT = 5_000;
    /** Default first delay before a frame the ingress pushed back is offered again. */
    public static final long INGRESS_RETRY_INITIAL_NS_DEFAULT = 50_000;
    /** Default largest delay between offers of a pushed-back frame. */
    public static final long INGRESS_RETRY_MAX_NS_DEFAULT = 5_000_000;

    private String host = HOST_DEFAULT;
    private int port;
    private String path = PATH_DEFAULT;
    private String advertisedAddress;
    private int maxFrameLength = MAX_FRAME_LENGTH_DEFAULT;
    private int writeBufferHighWaterMark = WRITE_BUFFER_HIGH_WATER_MARK_DEFAULT;
    private int writeBufferLowWaterMark = WRITE_BUFFER_LOW_WATER_MARK_DEFAULT;
    private long keepAliveIntervalMs = KEEPALIVE_INTERVAL_MS_DEFAULT;
    private long keepAliveTimeoutMs = KEEPALIVE_TIMEOUT_MS_DEFAULT;
    private long handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS_DEFAULT;
    private long connectTimeoutMs = CONNECT_TIMEOUT_MS_DEFAULT;
    private long ingressRetryInitialNs = INGRESS_RETRY_INITIAL_NS_DEFAULT;
    private long ingressRetryMaxNs = INGRESS_RETRY_MAX_NS_DEFAULT;
    private Path tlsCertificateChainPem;
    private Path tlsPrivateKeyPem;
    private Path tlsTrustedCertificatesPem;
    private LocalIdentity identity;
    private SigningKeyResolver keyResolver;
    private PeerAddressResolver addressResolver = peer -> java.util.concurrent.CompletableFuture.completedFuture(null);
    private int ioThreads = 1;
    private boolean preferEpoll = true;
    private EpochClock epochClock = SystemEpochClock.INSTANCE;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private SecureRandom random;
    private ThreadFactory threadFactory;
    private ErrorHandler errorHandler;
    private boolean concluded;

    /**
     * Validate and fill in defaults.
     *
     * @return this.
     */
    public WebSocketLaneContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        Objects.requireNonNull(identity, "identity is required (this node's credential and node key)");
        Objects.requireNonNull(keyResolver, "keyResolver is required (signing keys to verify peers with)");
        require(port >= 0 && port <= 65535, "port must be 0..65535: " + port);
        require(path.startsWith("/"), "path must start with '/': " + path);
        require(maxFrameLength > 0 && maxFrameLength <= Integer.MAX_VALUE - 16, "maxFrameLength out of range");
        require(writeBufferLowWaterMark > 0 && writeBufferLowWaterMark <= writeBufferHighWaterMark,
            "need 0 < writeBufferLowWaterMark <= writeBufferHighWaterMark");
        require(keepAliveIntervalMs > 0 && keepAliveTimeoutMs > keepAliveIntervalMs,
            "need 0 < keepAliveIntervalMs < keepAliveTimeoutMs");
        require(handshakeTimeoutMs > 0 && connectTimeoutMs > 0, "timeouts must be > 0");
        require(ingressRetryInitialNs > 0 && ingressRetryMaxNs >= ingressRetryInitialNs,
            "need 0 < ingressRetryInitialNs <= ingressRetryMaxNs");
        require((tlsCertificateChainPem == null) == (tlsPrivateKeyPem == null),
            "TLS needs both a certificate chain and a private key");
        require(ioThreads > 0, "ioThreads must be > 0");
        if (random == null)
        {
            random = new SecureRandom();
        }
        if (threadFactory == null)
        {
            final AtomicInteger count = new AtomicInteger();
            threadFactory = runnable ->
            {
                final Thread thread = new Thread(runnable, "actr-websocket-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
        if (errorHandler == null)
        {
            final System.Logger logger = System.getLogger(WebSocketLane.class.getName());
            errorHandler = ex -> logger.log(System.Logger.Level.WARNING, "websocket lane error", ex);
        }
        concluded = true;
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /** @param host address to listen on. @return this. */
    public WebSocketLaneContext host(final String host)
    {
        this.host = host;
        return this;
    }

    /** @return address to listen on. */
    public String host()
    {
        return host;
    }

    /** @param port port to listen on; 0 (the default) picks an ephemeral one. @return this. */
    public WebSocketLaneContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /** @return port to listen on. */
    public int port()
    {
        return port;
    }

    /** @param path WebSocket path. @return this. */
    public WebSocketLaneContext path(final String path)
    {
        this.path = path;
        return this;
    }

    /** @return WebSocket path. */
    public String path()
    {
        return path;
    }

    /**
     * @param advertisedAddress the address peers dial (behind NAT or a proxy, or when listening on 0.0.0.0); null
     *                          (the default) advertises {@code ws[s]://host:boundPort/path}.
     * @return this.
     */
    public WebSocketLaneContext advertisedAddress(final String advertisedAddress)
    {
        this.advertisedAddress = advertisedAddress;
        return this;
    }

    /** @return the configured advertised address, or null. */
    public String advertisedAddress()
    {
        return advertisedAddress;
    }

    /** @param maxFrameLength largest frame payload sent or accepted, bytes. @return this. */
    public WebSocketLaneContext maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /** @return largest frame payload. */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * @param low  outbound bytes per connection below which it is writable again.
     * @param high outbound bytes above which {@code send} returns BACK_PRESSURED.
     * @return this.
     */
    public WebSocketLaneContext writeBufferWaterMarks(final int low, final int high)
    {
        this.writeBufferLowWaterMark = low;
        this.writeBufferHighWaterMark = high;
        return this;
    }

    /** @return outbound low-water mark. */
    public int writeBufferLowWaterMark()
    {
        return writeBufferLowWaterMark;
    }

    /** @return outbound high-water mark. */
    public int writeBufferHighWaterMark()
    {
        return writeBufferHighWaterMark;
    }

    /** @param intervalMs ping interval. @param timeoutMs silence that closes a connection. @return this. */
    public WebSocketLaneContext keepAliveMs(final long intervalMs, final long timeoutMs)
    {
        this.keepAliveIntervalMs = intervalMs;
        this.keepAliveTimeoutMs = timeoutMs;
        return this;
    }

    /** @return ping interval. */
    public long keepAliveIntervalMs()
    {
        return keepAliveIntervalMs;
    }

    /** @return silence that closes a connection. */
    public long keepAliveTimeoutMs()
    {
        return keepAliveTimeoutMs;
    }

    /** @param handshakeTimeoutMs time for the upgrade plus the peer session handshake. @return this. */
    public WebSocketLaneContext handshakeTimeoutMs(final long handshakeTimeoutMs)
    {
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        return this;
    }

    /** @return time for the upgrade plus the peer session handshake. */
    public long handshakeTimeoutMs()
    {
        return handshakeTimeoutMs;
    }

    /** @param connectTimeoutMs TCP connect timeout. @return this. */
    public WebSocketLaneContext connectTimeoutMs(final long connectTimeoutMs)
    {
        this.connectTimeoutMs = connectTimeoutMs;
        return this;
    }

    /** @return TCP connect timeout. */
    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /**
     * @param initialNs first delay before a pushed-back frame is offered again.
     * @param maxNs     largest delay (the delay doubles up to it).
     * @return this.
     */
    public WebSocketLaneContext ingressRetryNs(final long initialNs, final long maxNs)
    {
        this.ingressRetryInitialNs = initialNs;
        this.ingressRetryMaxNs = maxNs;
        return this;
    }

    /** @return first retry delay. */
    public long ingressRetryInitialNs()
    {
        return ingressRetryInitialNs;
    }

    /** @return largest retry delay. */
    public long ingressRetryMaxNs()
    {
        return ingressRetryMaxNs;
    }

    /**
     * Serve {@code wss://}: a PEM certificate chain and its PEM (PKCS#8) private key.
     *
     * @param certificateChainPem the chain.
     * @param privateKeyPem       the key.
     * @return this.
     */
    public WebSocketLaneContext tls(final Path certificateChainPem, final Path privateKeyPem)
    {
        this.tlsCertificateChainPem = certificateChainPem;
        this.tlsPrivateKeyPem = privateKeyPem;
        return this;
    }

    /** @return the served certificate chain, or null (plain ws). */
    public Path tlsCertificateChainPem()
    {
        return tlsCertificateChainPem;
    }

    /** @return the served private key, or null. */
    public Path tlsPrivateKeyPem()
    {
        return tlsPrivateKeyPem;
    }

    /** @param pem certificates trusted when dialling wss:// peers; null for the JDK's trust store. @return this. */
    public WebSocketLaneContext tlsTrustedCertificatesPem(final Path pem)
    {
        this.tlsTrustedCertificatesPem = pem;
        return this;
    }

    /** @return certificates trusted when dialling wss:// peers, or null. */
    public Path tlsTrustedCertificatesPem()
    {
        return tlsTrustedCertificatesPem;
    }

    /** @param identity this node's credential and node key. @return this. */
    public WebSocketLaneContext identity(final LocalIdentity identity)
    {
        this.identity = identity;
        return this;
    }

    /** @return this node's identity. */
    public LocalIdentity identity()
    {
        return identity;
    }

    /** @param keyResolver signing keys that verify peers' credentials. @return this. */
    public WebSocketLaneContext keyResolver(final SigningKeyResolver keyResolver)
    {
        this.keyResolver = keyResolver;
        return this;
    }

    /** @return signing keys that verify peers' credentials. */
    public SigningKeyResolver keyResolver()
    {
        return keyResolver;
    }

    /** @param addressResolver finds peers' addresses for {@code connect}. @return this. */
    public WebSocketLaneContext addressResolver(final PeerAddressResolver addressResolver)
    {
        this.addressResolver = Objects.requireNonNull(addressResolver, "addressResolver");
        return this;
    }

    /** @return finds peers' addresses. */
    public PeerAddressResolver addressResolver()
    {
        return addressResolver;
    }

    /** @param ioThreads Netty I/O threads (server and dialled connections share them). @return this. */
    public WebSocketLaneContext ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    /** @return Netty I/O threads. */
    public int ioThreads()
    {
        return ioThreads;
    }

    /** @param preferEpoll use epoll where available. @return this. */
    public WebSocketLaneContext preferEpoll(final boolean preferEpoll)
    {
        this.preferEpoll = preferEpoll;
        return this;
    }

    /** @return whether epoll is used where available. */
    public boolean preferEpoll()
    {
        return preferEpoll;
    }

    /** @param epochClock wall clock (credential expiry). @return this. */
    public WebSocketLaneContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    /** @return wall clock. */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /** @param nanoClock monotonic clock (RTT, keep-alive). @return this. */
    public WebSocketLaneContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /** @return monotonic clock. */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    /** @param random nonce source. @return this. */
    public WebSocketLaneContext random(final SecureRandom random)
    {
        this.random = random;
        return this;
    }

    /** @return nonce source. */
    public SecureRandom random()
    {
        return random;
    }

    /** @param threadFactory makes the I/O threads. @return this. */
    public WebSocketLaneContext threadFactory(final ThreadFactory threadFactory)
    {
        this.threadFactory = threadFactory;
        return this;
    }

    /** @return makes the I/O threads. */
    public ThreadFactory threadFactory()
    {
        return threadFactory;
    }

    /** @param errorHandler told of unexpected errors. @return this. */
    public WebSocketLaneContext errorHandler(final ErrorHandler errorHandler)
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
        return "WebSocketLaneContext{host=" + host + ", port=" + port + ", path=" + path + ", advertisedAddress=" +
            advertisedAddress + ", maxFrameLength=" + maxFrameLength + ", writeBufferWaterMarks=" +
            writeBufferLowWaterMark + ".." + writeBufferHighWaterMark + ", keepAliveMs=" + keepAliveIntervalMs + "/" +
            keepAliveTimeoutMs + ", handshakeTimeoutMs=" + handshakeTimeoutMs + ", connectTimeoutMs=" +
            connectTimeoutMs + ", ingressRetryNs=" + ingressRetryInitialNs + ".." + ingressRetryMaxNs + ", tls=" +
            (tlsCertificateChainPem != null) + ", ioThreads=" + ioThreads + ", preferEpoll=" + preferEpoll + '}';
    }
}
