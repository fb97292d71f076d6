package dev.actr.lanes.webrtc;

import dev.actr.codec.fragment.FragmentDescriptor;
import dev.actr.codec.proto.ActrId;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Configuration of a {@link WebRtcLane}: fluent setters start from the documented defaults; {@link #conclude()}
 * validates once (the lane calls it).
 *
 * <p>Bounds and why: the outbound watermarks keep each channel's {@code bufferedAmount} far below the ~16 MiB at
 * which libwebrtc closes a channel; a message is refused whole ({@code BACK_PRESSURED}) unless all its fragments
 * fit under the high mark, so at most one message rises above it, and {@link #conclude()} checks that the high
 * mark plus the largest message stays under {@link #MAX_BUFFERED_BYTES}.
 *
 * <p>A silent peer — dead, or unreachable for a while; the lane cannot tell — is judged by two settings. After
 * {@link #keepaliveTimeoutNs(long)} without a message the connection recovers: sends fail with {@code NOT_CONNECTED} and
 * ICE is restarted, up to {@link #iceRestartAttempts(int)} times, {@link #iceRestartTimeoutNs(long)} each; it is reported
 * disconnected ({@code NETWORK_ERROR}) once they are spent. With no attempts allowed it is reported disconnected
 * ({@code KEEPALIVE_TIMEOUT}) at the keep-alive timeout. So a dead peer is reported after
 * {@code keepaliveTimeoutNs + iceRestartAttempts * iceRestartTimeoutNs} (20 s by default): choose between reporting a
 * dead peer fast (its pending calls fail then) and riding out network outages.
 */
public final class WebRtcLaneContext
{
    /** Largest {@code bufferedAmount} a channel may reach (libwebrtc closes a channel near 16 MiB). */
    public static final long MAX_BUFFERED_BYTES = 12L * 1024 * 1024;
    /** Default high watermark of a channel's {@code bufferedAmount}: 1 MiB. */
    public static final long HIGH_WATERMARK_BYTES_DEFAULT = 1024 * 1024;
    /** Default low watermark (sending resumes below it): 256 KiB. */
    public static final long LOW_WATERMARK_BYTES_DEFAULT = 256 * 1024;
    /** Default largest message (encoded envelope or chunk): 8 MiB. */
    public static final int MAX_MESSAGE_LENGTH_DEFAULT = 8 * 1024 * 1024;
    /** Default retransmits of a {@code STREAM_LATENCY_FIRST} message: 3 (as actr). */
    public static final int LATENCY_FIRST_MAX_RETRANSMITS_DEFAULT = 3;
    /**
     * Default time a partial message waits for its missing fragments: 10 s. Keep it well above SCTP's retransmission
     * delay: a burst that overflows the receiver's UDP buffer loses its tail, which SCTP resends only at its
     * retransmission timeout (~400 ms measured on a veth pair, seconds on lossy paths); a partial message evicted
     * before that never completes.
     */
    public static final long REASSEMBLY_TTL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(10);
    /** Default partial messages held per channel: 256. */
    public static final int MAX_PARTIAL_MESSAGES_DEFAULT = 256;
    /** Default bytes held by partial messages per channel: 20 MiB (two largest messages and some). */
    public static final long MAX_REASSEMBLY_BYTES_DEFAULT = 20L * 1024 * 1024;
    /** Default bytes of received frames held per connection while the ingress pushes back: 8 MiB. */
    public static final long MAX_INGRESS_BACKLOG_BYTES_DEFAULT = 8L * 1024 * 1024;
    /** Default time from {@link WebRtcLane#connect} (or an offer) to a ready connection: 15 s. */
    public static final long CONNECT_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(15);
    /** Default keep-alive ping interval: 1 s. */
    public static final long KEEPALIVE_INTERVAL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);
    /** Default silence after which a ready connection recovers (or closes, with no ICE restart allowed): 5 s. */
    public static final long KEEPALIVE_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(5);
    /** Default ICE restarts tried before a broken or silent connection is given up: 3. */
    public static final int ICE_RESTART_ATTEMPTS_DEFAULT = 3;
    /** Default time an ICE restart gets to reconnect: 5 s. */
    public static final long ICE_RESTART_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(5);
    /** Default wait in ICE state disconnected (it may recover by itself) before an ICE restart: 1 s. */
    public static final long ICE_RESTART_DELAY_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);

    private ActrId localId;
    private RelayChannel relayChannel;
    private PeerAuthenticator authenticator;
    private List<IceServer> iceServers = List.of();
    private int minPort;
    private int maxPort;
    private long highWatermarkBytes = HIGH_WATERMARK_BYTES_DEFAULT;
    private long lowWatermarkBytes = LOW_WATERMARK_BYTES_DEFAULT;
    private int maxMessageLength = MAX_MESSAGE_LENGTH_DEFAULT;
    private int latencyFirstMaxRetransmits = LATENCY_FIRST_MAX_RETRANSMITS_DEFAULT;
    private long reassemblyTtlNs = REASSEMBLY_TTL_NS_DEFAULT;
    private int maxPartialMessages = MAX_PARTIAL_MESSAGES_DEFAULT;
    private long maxReassemblyBytes = MAX_REASSEMBLY_BYTES_DEFAULT;
    private long maxIngressBacklogBytes = MAX_INGRESS_BACKLOG_BYTES_DEFAULT;
    private long connectTimeoutNs = CONNECT_TIMEOUT_NS_DEFAULT;
    private long keepaliveIntervalNs = KEEPALIVE_INTERVAL_NS_DEFAULT;
    private long keepaliveTimeoutNs = KEEPALIVE_TIMEOUT_NS_DEFAULT;
    private int iceRestartAttempts = ICE_RESTART_ATTEMPTS_DEFAULT;
    private long iceRestartTimeoutNs = ICE_RESTART_TIMEOUT_NS_DEFAULT;
    private long iceRestartDelayNs = ICE_RESTART_DELAY_NS_DEFAULT;
    private ThreadFactory threadFactory = runnable -> new Thread(runnable, "actr-webrtc-control");
    private ErrorHandler errorHandler = Throwable::printStackTrace;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;

    /** @param localId this node's id (the relay's source; decides who offers). @return this. */
    public WebRtcLaneContext localId(final ActrId localId)
    {
        this.localId = localId;
        return this;
    }

    /** @return this node's id. */
    public ActrId localId()
    {
        return localId;
    }

    /** @param relayChannel the signaling relay (required). @return this. */
    public WebRtcLaneContext relayChannel(final RelayChannel relayChannel)
    {
        this.relayChannel = relayChannel;
        return this;
    }

    /** @return the signaling relay. */
    public RelayChannel relayChannel()
    {
        return relayChannel;
    }

    /** @param authenticator decides when a connection is ready (required). @return this. */
    public WebRtcLaneContext authenticator(final PeerAuthenticator authenticator)
    {
        this.authenticator = authenticator;
        return this;
    }

    /** @return the peer authenticator. */
    public PeerAuthenticator authenticator()
    {
        return authenticator;
    }

    /** @param iceServers STUN/TURN servers; default none (host candidates only). @return this. */
    public WebRtcLaneContext iceServers(final List<IceServer> iceServers)
    {
        this.iceServers = List.copyOf(iceServers);
        return this;
    }

    /** @return the STUN/TURN servers. */
    public List<IceServer> iceServers()
    {
        return iceServers;
    }

    /**
     * @param minPort lowest local UDP port for ICE, 0 for any (default).
     * @param maxPort highest local UDP port for ICE, 0 for any (default).
     * @return this.
     */
    public WebRtcLaneContext portRange(final int minPort, final int maxPort)
    {
        this.minPort = minPort;
        this.maxPort = maxPort;
        return this;
    }

    /** @return lowest local UDP port, 0 for any. */
    public int minPort()
    {
        return minPort;
    }

    /** @return highest local UDP port, 0 for any. */
    public int maxPort()
    {
        return maxPort;
    }

    /** @param highWatermarkBytes a channel above this is {@code BACK_PRESSURED}. @return this. */
    public WebRtcLaneContext highWatermarkBytes(final long highWatermarkBytes)
    {
        this.highWatermarkBytes = highWatermarkBytes;
        return this;
    }

    /** @return the high watermark of a channel's {@code bufferedAmount}. */
    public long highWatermarkBytes()
    {
        return highWatermarkBytes;
    }

    /** @param lowWatermarkBytes a pushed-back channel takes messages again at or below this. @return this. */
    public WebRtcLaneContext lowWatermarkBytes(final long lowWatermarkBytes)
    {
        this.lowWatermarkBytes = lowWatermarkBytes;
        return this;
    }

    /** @return the low watermark. */
    public long lowWatermarkBytes()
    {
        return lowWatermarkBytes;
    }

    /** @param maxMessageLength largest message sent or reassembled; larger sends are {@code OVERSIZE}. @return this. */
    public WebRtcLaneContext maxMessageLength(final int maxMessageLength)
    {
        this.maxMessageLength = maxMessageLength;
        return this;
    }

    /** @return the largest message. */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /** @param latencyFirstMaxRetransmits retransmits of a latency-first message, 0 to 65535. @return this. */
    public WebRtcLaneContext latencyFirstMaxRetransmits(final int latencyFirstMaxRetransmits)
    {
        this.latencyFirstMaxRetransmits = latencyFirstMaxRetransmits;
        return this;
    }

    /** @return retransmits of a latency-first message. */
    public int latencyFirstMaxRetransmits()
    {
        return latencyFirstMaxRetransmits;
    }

    /** @param reassemblyTtlNs time a partial message waits for its fragments. @return this. */
    public WebRtcLaneContext reassemblyTtlNs(final long reassemblyTtlNs)
    {
        this.reassemblyTtlNs = reassemblyTtlNs;
        return this;
    }

    /** @return time a partial message waits for its fragments. */
    public long reassemblyTtlNs()
    {
        return reassemblyTtlNs;
    }

    /** @param maxPartialMessages partial messages held per channel. @return this. */
    public WebRtcLaneContext maxPartialMessages(final int maxPartialMessages)
    {
        this.maxPartialMessages = maxPartialMessages;
        return this;
    }

    /** @return partial messages held per channel. */
    public int maxPartialMessages()
    {
        return maxPartialMessages;
    }

    /** @param maxReassemblyBytes bytes held by partial messages per channel. @return this. */
    public WebRtcLaneContext maxReassemblyBytes(final long maxReassemblyBytes)
    {
        this.maxReassemblyBytes = maxReassemblyBytes;
        return this;
    }

    /** @return bytes held by partial messages per channel. */
    public long maxReassemblyBytes()
    {
        return maxReassemblyBytes;
    }

    /**
     * @param maxIngressBacklogBytes received bytes held per connection while the ingress pushes back; beyond it a
     *                               latency-first frame is dropped and a reliable one closes the connection.
     * @return this.
     */
    public WebRtcLaneContext maxIngressBacklogBytes(final long maxIngressBacklogBytes)
    {
        this.maxIngressBacklogBytes = maxIngressBacklogBytes;
        return this;
    }

    /** @return received bytes held per connection while the ingress pushes back. */
    public long maxIngressBacklogBytes()
    {
        return maxIngressBacklogBytes;
    }

    /** @param connectTimeoutNs time to a ready connection. @return this. */
    public WebRtcLaneContext connectTimeoutNs(final long connectTimeoutNs)
    {
        this.connectTimeoutNs = connectTimeoutNs;
        return this;
    }

    /** @return time to a ready connection. */
    public long connectTimeoutNs()
    {
        return connectTimeoutNs;
    }

    /** @param keepaliveIntervalNs keep-alive ping interval. @return this. */
    public WebRtcLaneContext keepaliveIntervalNs(final long keepaliveIntervalNs)
    {
        this.keepaliveIntervalNs = keepaliveIntervalNs;
        return this;
    }

    /** @return keep-alive ping interval. */
    public long keepaliveIntervalNs()
    {
        return keepaliveIntervalNs;
    }

    /**
     * @param keepaliveTimeoutNs silence after which a ready connection recovers by ICE restarts, or closes when
     *                           {@link #iceRestartAttempts(int)} is 0.
     * @return this.
     */
    public WebRtcLaneContext keepaliveTimeoutNs(final long keepaliveTimeoutNs)
    {
        this.keepaliveTimeoutNs = keepaliveTimeoutNs;
        return this;
    }

    /** @return silence after which a ready connection recovers, or closes. */
    public long keepaliveTimeoutNs()
    {
        return keepaliveTimeoutNs;
    }

    /**
     * @param iceRestartAttempts ICE restarts tried before giving a connection up; 0: a silent peer is reported gone
     *                           at the keep-alive timeout.
     * @return this.
     */
    public WebRtcLaneContext iceRestartAttempts(final int iceRestartAttempts)
    {
        this.iceRestartAttempts = iceRestartAttempts;
        return this;
    }

    /** @return ICE restarts tried before giving a connection up. */
    public int iceRestartAttempts()
    {
        return iceRestartAttempts;
    }

    /** @param iceRestartTimeoutNs time one ICE restart gets. @return this. */
    public WebRtcLaneContext iceRestartTimeoutNs(final long iceRestartTimeoutNs)
    {
        this.iceRestartTimeoutNs = iceRestartTimeoutNs;
        return this;
    }

    /** @return time one ICE restart gets. */
    public long iceRestartTimeoutNs()
    {
        return iceRestartTimeoutNs;
    }

    /** @param iceRestartDelayNs wait in ICE state disconnected before restarting. @return this. */
    public WebRtcLaneContext iceRestartDelayNs(final long iceRestartDelayNs)
    {
        this.iceRestartDelayNs = iceRestartDelayNs;
        return this;
    }

    /** @return wait in ICE state disconnected before restarting. */
    public long iceRestartDelayNs()
    {
        return iceRestartDelayNs;
    }

    /** @param threadFactory makes the lane's one control thread. @return this. */
    public WebRtcLaneContext threadFactory(final ThreadFactory threadFactory)
    {
        this.threadFactory = threadFactory;
        return this;
    }

    /** @return makes the lane's control thread. */
    public ThreadFactory threadFactory()
    {
        return threadFactory;
    }

    /** @param errorHandler told of errors the lane survives (default: print the stack trace). @return this. */
    public WebRtcLaneContext errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    /** @return told of errors the lane survives. */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /** @param nanoClock clock of deadlines, keep-alive and reassembly TTLs. @return this. */
    public WebRtcLaneContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /** @return clock of deadlines, keep-alive and reassembly TTLs. */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    /**
     * Validate the configuration.
     *
     * @return this.
     * @throws IllegalStateException naming the first invalid setting.
     */
    public WebRtcLaneContext conclude()
    {
        require(localId != null, "localId must be set");
        require(relayChannel != null, "relayChannel must be set");
        require(authenticator != null, "authenticator must be set");
        require(minPort >= 0 && maxPort >= 0 && minPort <= 65535 && maxPort <= 65535 &&
            (maxPort == 0 || minPort <= maxPort), "port range must be within 0..65535 and min <= max");
        require(lowWatermarkBytes >= 0 && lowWatermarkBytes < highWatermarkBytes,
            "watermarks must satisfy 0 <= low < high");
        require(maxMessageLength > 0, "maxMessageLength must be > 0");
        final long fragments = ((long)maxMessageLength + FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH - 1) /
            FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH;
        final long wireBytes = maxMessageLength + fragments * FragmentDescriptor.HEADER_LENGTH;
        require(highWatermarkBytes + wireBytes <= MAX_BUFFERED_BYTES,
            "highWatermarkBytes + the largest message on the wire must be <= " + MAX_BUFFERED_BYTES);
        require(latencyFirstMaxRetransmits >= 0 && latencyFirstMaxRetransmits <= 65535,
            "latencyFirstMaxRetransmits must be within 0..65535");
        require(maxReassemblyBytes >= (fragments + 1) * FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH,
            "maxReassemblyBytes must hold the largest message (a 65,527-byte slot per fragment, and one more)");
        require(reassemblyTtlNs > 0 && maxPartialMessages > 0, "reassembly TTL and partial messages must be > 0");
        require(maxIngressBacklogBytes >= maxMessageLength, "maxIngressBacklogBytes must hold the largest message");
        require(connectTimeoutNs > 0 && keepaliveIntervalNs > 0 && keepaliveTimeoutNs > keepaliveIntervalNs,
            "timeouts must be > 0 and keepaliveTimeoutNs > keepaliveIntervalNs");
        require(iceRestartAttempts >= 0 && iceRestartTimeoutNs > 0 && iceRestartDelayNs >= 0,
            "ICE restart settings must be >= 0 (timeout > 0)");
        require(threadFactory != null && errorHandler != null && nanoClock != null,
            "threadFactory, errorHandler and nanoClock must be set");
        return this;
    }

    private void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalStateException(message + ": " + this);
        }
    }

    @Override
    public String toString()
    {
        return "WebRtcLaneContext{localId=" + (localId == null ? null : localId.getSerialNumber()) +
            ", iceServers=" + iceServers + ", ports=" + minPort + ".." + maxPort +
            ", highWatermarkBytes=" + highWatermarkBytes + ", lowWatermarkBytes=" + lowWatermarkBytes +
            ", maxMessageLength=" + maxMessageLength + ", latencyFirstMaxRetransmits=" + latencyFirstMaxRetransmits +
            ", reassemblyTtlNs=" + reassemblyTtlNs + ", maxPartialMessages=" + maxPartialMessages +
            ", maxReassemblyBytes=" + maxReassemblyBytes + ", maxIngressBacklogBytes=" + maxIngressBacklogBytes +
            ", connectTimeoutNs=" + connectTimeoutNs + ", keepaliveIntervalNs=" + keepaliveIntervalNs +
            ", keepaliveTimeoutNs=" + keepaliveTimeoutNs + ", iceRestartAttempts=" + iceRestartAttempts +
            ", iceRestartTimeoutNs=" + iceRestartTimeoutNs + ", iceRestartDelayNs=" + iceRestartDelayNs + '}';
    }
}
