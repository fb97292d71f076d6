package dev.actr.lanes.signaling;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Configuration of a {@link SignalingServer}: fields start at the documented defaults, fluent setters change them,
 * {@link #conclude()} validates once. Only {@link #directory(Path)} has no default.
 *
 * <p>By default the server is a single instance with everything in its own memory. With {@link #nats(String...)}
 * it is one instance of a cluster that shares its registry, serials, relays and signing keys over NATS JetStream
 * (docs/SIGNALING-CLUSTER.md); every instance of a cluster needs the same cluster name and heartbeat interval, and
 * a directory of its own.
 */
public final class SignalingServerContext
{
    /** Default listen address: loopback only. */
    public static final String HOST_DEFAULT = "127.0.0.1";
    /** Default port of a standalone server. 0 picks an ephemeral port ({@link SignalingServer#port()}). */
    public static final int PORT_DEFAULT = 8765;
    /** Default WebSocket path. */
    public static final String PATH_DEFAULT = "/signaling";
    /** Default heartbeat interval: a node silent for twice this is unregistered. */
    public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 15_000;
    /** Default credential lifetime: one hour. */
    public static final long CREDENTIAL_LIFETIME_MS_DEFAULT = 3_600_000;
    /** Default signing key rotation period: seven days (0 never rotates by itself). */
    public static final long KEY_ROTATION_INTERVAL_MS_DEFAULT = 7L * 24 * 3_600_000;
    /** Default largest envelope accepted, in bytes (checked before the frame is read into memory). */
    public static final int MAX_FRAME_LENGTH_DEFAULT = 64 * 1024;
    /** Default most concurrent connections. */
    public static final int MAX_CONNECTIONS_DEFAULT = 4096;
    /** Default outbound bytes queued per connection above which it stops being writable. */
    public static final int WRITE_BUFFER_HIGH_WATER_MARK_DEFAULT = 256 * 1024;
    /** Default outbound bytes per connection below which it is writable again. */
    public static final int WRITE_BUFFER_LOW_WATER_MARK_DEFAULT = 64 * 1024;
    /** Default time for the WebSocket upgrade. */
    public static final long HANDSHAKE_TIMEOUT_MS_DEFAULT = 10_000;
    /** Default most clock difference accepted on a resume proof. */
    public static final long RESUME_WINDOW_MS_DEFAULT = 60_000;
    /** Default most candidates in a discovery answer. */
    public static final int MAX_CANDIDATES_DEFAULT = 64;
    /** Default cluster name: the prefix of the cluster's NATS subjects and JetStream buckets. */
    public static final String CLUSTER_NAME_DEFAULT = "actr";
    /** Default JetStream replicas of the cluster's buckets (3 on a NATS cluster of three servers). */
    public static final int NATS_REPLICAS_DEFAULT = 1;
    /** Default time to connect to NATS. */
    public static final long NATS_TIMEOUT_MS_DEFAULT = 5_000;

    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    private String host = HOST_DEFAULT;
    private int port = PORT_DEFAULT;
    private String path = PATH_DEFAULT;
    private Path directory;
    private long heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS_DEFAULT;
    private long credentialLifetimeMs = CREDENTIAL_LIFETIME_MS_DEFAULT;
    private long keyRotationIntervalMs = KEY_ROTATION_INTERVAL_MS_DEFAULT;
    private int maxFrameLength = MAX_FRAME_LENGTH_DEFAULT;
    private int maxConnections = MAX_CONNECTIONS_DEFAULT;
    private int writeBufferHighWaterMark = WRITE_BUFFER_HIGH_WATER_MARK_DEFAULT;
    private int writeBufferLowWaterMark = WRITE_BUFFER_LOW_WATER_MARK_DEFAULT;
    private long handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS_DEFAULT;
    private long resumeWindowMs = RESUME_WINDOW_MS_DEFAULT;
    private int maxCandidates = MAX_CANDIDATES_DEFAULT;
    private int ioThreads = 1;
    private List<String> natsUrls = List.of();
    private String clusterName = CLUSTER_NAME_DEFAULT;
    private String instanceId;
    private int natsReplicas = NATS_REPLICAS_DEFAULT;
    private long natsTimeoutMs = NATS_TIMEOUT_MS_DEFAULT;
    private boolean preferEpoll = true;
    private EpochClock epochClock = SystemEpochClock.INSTANCE;
    private ThreadFactory threadFactory;
    private ErrorHandler errorHandler;
    private boolean concluded;

    /**
     * Validate and fill in derived defaults. Called by {@link SignalingServer#launch}; idempotent.
     *
     * @return this.
     */
    public SignalingServerContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (directory == null)
        {
            throw new IllegalStateException("directory is required (the signing keys live there)");
        }
        require(port >= 0 && port <= 65535, "port must be 0..65535: " + port);
        require(path.startsWith("/"), "path must start with '/': " + path);
        require(heartbeatIntervalMs > 0, "heartbeatIntervalMs must be > 0");
        require(credentialLifetimeMs >= 1000, "credentialLifetimeMs must be >= 1000 (expiry is in seconds)");
        require(keyRotationIntervalMs >= 0, "keyRotationIntervalMs must be >= 0");
        require(maxFrameLength >= 1024, "maxFrameLength must be >= 1024");
        require(maxConnections > 0, "maxConnections must be > 0");
        require(writeBufferLowWaterMark > 0 && writeBufferLowWaterMark <= writeBufferHighWaterMark,
            "need 0 < writeBufferLowWaterMark <= writeBufferHighWaterMark");
        require(ioThreads > 0, "ioThreads must be > 0");
        require(maxCandidates > 0, "maxCandidates must be > 0");
        require(natsReplicas >= 1 && natsReplicas <= 5, "natsReplicas must be 1..5");
        require(natsTimeoutMs > 0, "natsTimeoutMs must be > 0");
        for (final String url : natsUrls)
        {
            require(url.startsWith("nats://") || url.startsWith("tls://"), "NATS URLs are nats:// or tls://: " + url);
        }
        if (instanceId == null)
        {
            final byte[] random = new byte[6];
            SECURE_RANDOM.nextBytes(random);
            instanceId = HexFormat.of().formatHex(random);
        }
        require(ClusterNames.TOKEN.matcher(clusterName).matches(),
            "clusterName must match " + ClusterNames.TOKEN + ": " + clusterName);
        require(ClusterNames.TOKEN.matcher(instanceId).matches(),
            "instanceId must match " + ClusterNames.TOKEN + ": " + instanceId);
        if (threadFactory == null)
        {
            threadFactory = daemonThreads("actr-signaling-");
        }
        if (errorHandler == null)
        {
            final System.Logger logger = System.getLogger(SignalingServer.class.getName());
            errorHandler = ex -> logger.log(System.Logger.Level.WARNING, "signaling server error", ex);
        }
        concluded = true;
        return this;
    }

    static ThreadFactory daemonThreads(final String prefix)
    {
        final AtomicInteger count = new AtomicInteger();
        return runnable ->
        {
            final Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /** @param host address to listen on. @return this. */
    public SignalingServerContext host(final String host)
    {
        this.host = host;
        return this;
    }

    /** @return address to listen on. */
    public String host()
    {
        return host;
    }

    /** @param port port to listen on, 0 for an ephemeral one. @return this. */
    public SignalingServerContext port(final int port)
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
    public SignalingServerContext path(final String path)
    {
        this.path = path;
        return this;
    }

    /** @return WebSocket path. */
    public String path()
    {
        return path;
    }

    /** @param directory where the signing keys are kept. @return this. */
    public SignalingServerContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /** @return where the signing keys are kept. */
    public Path directory()
    {
        return directory;
    }

    /** @param heartbeatIntervalMs heartbeat interval told to nodes. @return this. */
    public SignalingServerContext heartbeatIntervalMs(final long heartbeatIntervalMs)
    {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        return this;
    }

    /** @return heartbeat interval told to nodes. */
    public long heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    /** @param credentialLifetimeMs how long an issued credential is valid. @return this. */
    public SignalingServerContext credentialLifetimeMs(final long credentialLifetimeMs)
    {
        this.credentialLifetimeMs = credentialLifetimeMs;
        return this;
    }

    /** @return how long an issued credential is valid. */
    public long credentialLifetimeMs()
    {
        return credentialLifetimeMs;
    }

    /** @param keyRotationIntervalMs age at which the signing key is rotated, 0 for never. @return this. */
    public SignalingServerContext keyRotationIntervalMs(final long keyRotationIntervalMs)
    {
        this.keyRotationIntervalMs = keyRotationIntervalMs;
        return this;
    }

    /** @return age at which the signing key is rotated, 0 for never. */
    public long keyRotationIntervalMs()
    {
        return keyRotationIntervalMs;
    }

    /** @param maxFrameLength largest envelope accepted, bytes. @return this. */
    public SignalingServerContext maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /** @return largest envelope accepted, bytes. */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /** @param maxConnections most concurrent connections. @return this. */
    public SignalingServerContext maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /** @return most concurrent connections. */
    public int maxConnections()
    {
        return maxConnections;
    }

    /** @param high outbound bytes per connection above which it is not writable. @return this. */
    public SignalingServerContext writeBufferHighWaterMark(final int high)
    {
        this.writeBufferHighWaterMark = high;
        return this;
    }

    /** @return outbound bytes per connection above which it is not writable. */
    public int writeBufferHighWaterMark()
    {
        return writeBufferHighWaterMark;
    }

    /** @param low outbound bytes per connection below which it is writable again. @return this. */
    public SignalingServerContext writeBufferLowWaterMark(final int low)
    {
        this.writeBufferLowWaterMark = low;
        return this;
    }

    /** @return outbound bytes per connection below which it is writable again. */
    public int writeBufferLowWaterMark()
    {
        return writeBufferLowWaterMark;
    }

    /** @param handshakeTimeoutMs time allowed for the WebSocket upgrade. @return this. */
    public SignalingServerContext handshakeTimeoutMs(final long handshakeTimeoutMs)
    {
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        return this;
    }

    /** @return time allowed for the WebSocket upgrade. */
    public long handshakeTimeoutMs()
    {
        return handshakeTimeoutMs;
    }

    /** @param resumeWindowMs most clock difference accepted on a resume proof. @return this. */
    public SignalingServerContext resumeWindowMs(final long resumeWindowMs)
    {
        this.resumeWindowMs = resumeWindowMs;
        return this;
    }

    /** @return most clock difference accepted on a resume proof. */
    public long resumeWindowMs()
    {
        return resumeWindowMs;
    }

    /** @param maxCandidates most candidates in a discovery answer. @return this. */
    public SignalingServerContext maxCandidates(final int maxCandidates)
    {
        this.maxCandidates = maxCandidates;
        return this;
    }

    /** @return most candidates in a discovery answer. */
    public int maxCandidates()
    {
        return maxCandidates;
    }

    /** @param ioThreads Netty I/O threads (one of them also owns the registry). @return this. */
    public SignalingServerContext ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    /** @return Netty I/O threads. */
    public int ioThreads()
    {
        return ioThreads;
    }

    /**
     * Make this server an instance of a cluster on NATS JetStream (default: none, a single instance).
     *
     * @param urls the NATS servers, {@code nats://host:port} (several: the client fails over between them).
     * @return this.
     */
    public SignalingServerContext nats(final String... urls)
    {
        this.natsUrls = List.of(urls);
        return this;
    }

    /** @return the NATS servers of the cluster; empty for a single instance. */
    public List<String> natsUrls()
    {
        return natsUrls;
    }

    /** @return true when this server is an instance of a cluster on NATS. */
    public boolean clustered()
    {
        return !natsUrls.isEmpty();
    }

    /** @param clusterName prefix of the cluster's subjects and buckets (default "actr"). @return this. */
    public SignalingServerContext clusterName(final String clusterName)
    {
        this.clusterName = clusterName;
        return this;
    }

    /** @return prefix of the cluster's subjects and buckets. */
    public String clusterName()
    {
        return clusterName;
    }

    /** @param instanceId this instance's id in the cluster (default: 12 random hex digits). @return this. */
    public SignalingServerContext instanceId(final String instanceId)
    {
        this.instanceId = instanceId;
        return this;
    }

    /** @return this instance's id in the cluster (set by {@link #conclude()} when not given). */
    public String instanceId()
    {
        return instanceId;
    }

    /** @param natsReplicas JetStream replicas of the buckets this instance creates (default 1). @return this. */
    public SignalingServerContext natsReplicas(final int natsReplicas)
    {
        this.natsReplicas = natsReplicas;
        return this;
    }

    /** @return JetStream replicas of the buckets this instance creates. */
    public int natsReplicas()
    {
        return natsReplicas;
    }

    /** @param natsTimeoutMs time to connect to NATS. @return this. */
    public SignalingServerContext natsTimeoutMs(final long natsTimeoutMs)
    {
        this.natsTimeoutMs = natsTimeoutMs;
        return this;
    }

    /** @return time to connect to NATS. */
    public long natsTimeoutMs()
    {
        return natsTimeoutMs;
    }

    /** @param preferEpoll use epoll where available (else NIO). @return this. */
    public SignalingServerContext preferEpoll(final boolean preferEpoll)
    {
        this.preferEpoll = preferEpoll;
        return this;
    }

    /** @return whether epoll is used where available. */
    public boolean preferEpoll()
    {
        return preferEpoll;
    }

    /** @param epochClock wall clock (credential expiry, heartbeat ages). @return this. */
    public SignalingServerContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    /** @return wall clock. */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /** @param threadFactory makes the I/O threads (default: daemon threads actr-signaling-N). @return this. */
    public SignalingServerContext threadFactory(final ThreadFactory threadFactory)
    {
        this.threadFactory = threadFactory;
        return this;
    }

    /** @return makes the I/O threads. */
    public ThreadFactory threadFactory()
    {
        return threadFactory;
    }

    /** @param errorHandler told of unexpected errors (default: System.Logger warning). @return this. */
    public SignalingServerContext errorHandler(final ErrorHandler errorHandler)
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
        return "SignalingServerContext{host=" + host + ", port=" + port + ", path=" + path +
            ", directory=" + directory + ", heartbeatIntervalMs=" + heartbeatIntervalMs +
            ", credentialLifetimeMs=" + credentialLifetimeMs + ", keyRotationIntervalMs=" + keyRotationIntervalMs +
            ", maxFrameLength=" + maxFrameLength + ", maxConnections=" + maxConnections +
            ", writeBufferWaterMarks=" + writeBufferLowWaterMark + ".." + writeBufferHighWaterMark +
            ", handshakeTimeoutMs=" + handshakeTimeoutMs + ", resumeWindowMs=" + resumeWindowMs +
            ", maxCandidates=" + maxCandidates + ", ioThreads=" + ioThreads + ", preferEpoll=" + preferEpoll +
            (natsUrls.isEmpty() ? "" : ", nats=" + natsUrls + ", clusterName=" + clusterName + ", instanceId=" +
            instanceId + ", natsReplicas=" + natsReplicas) + '}';
    }
}
