package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.Lane;
import dev.actr.lanes.LaneIngress;
import dev.onvoid.webrtc.PeerConnectionFactory;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.concurrent.TimeUnit;

/**
 * The WebRTC DataChannel lane (see the package documentation): connections to peers over webrtc-java, negotiated
 * through a {@link RelayChannel}, authenticated by a {@link PeerAuthenticator}.
 *
 * <pre>{@code
 * WebRtcLane lane = new WebRtcLane(new WebRtcLaneContext()
 *     .localId(myId).relayChannel(signalingRelay).authenticator(peerSessions));
 * lane.start(ingress);          // by the node
 * lane.connect(peerId);         // -> ingress.onConnected(connectionId, peerId, lane)
 * lane.send(connectionId, PayloadType.RPC_RELIABLE_VALUE, buffer, 0, length);   // engine thread
 * }</pre>
 *
 * <p>Threads: one control thread of its own (from the context's thread factory); webrtc-java's native threads,
 * shared by every lane of the JVM through one reference-counted {@code PeerConnectionFactory}.
 *
 * <p>Memory a closed connection leaves behind, with webrtc-java 0.14.0 (the newest on Maven Central on 2026-11-28;
 * 0.15.0 is tagged upstream but not published, and has both defects below):
 * <ul>
 *   <li>Native, 70-100 KiB per closed peer connection (measured as resident memory outside the Java heap, the code
 *   cache and metaspace: 72-98 KiB each over 100 connections, {@code WebRtcSoakTest}; 74-97 KiB over 300). Two defects of webrtc-java's JNI layer:
 *   {@code RTCPeerConnection.close()} closes the native peer connection but never drops the reference that
 *   {@code createPeerConnection} handed to Java, so the object and what it owns (SDP, transports, the SCTP
 *   association's buffers; not its sockets, which close) stay; and {@code RTCDataChannel.registerObserver} makes a
 *   native observer, with a JNI global reference to the Java observer, that {@code unregisterObserver} never frees
 *   (five per connection, one per channel). The first is fixed on webrtc-java's main branch after 0.15.0; the
 *   second is not. Nothing in Java can free either; a process that makes many connections over its life should be
 *   restarted now and then, or upgraded once a release frees them.</li>
 *   <li>Java heap: 16 bytes per channel, five per connection (a {@code DetachableChannelObserver}). The lane
 *   registers that small observer rather than the channel's adapter and detaches it on close: registered directly,
 *   the global reference kept the adapter, the connection, the lane and the node's ingress, engine and mailbox
 *   reachable for every connection ever made (hundreds of MiB per node in the engine's tests).</li>
 * </ul>
 * Threads and sockets are all released.
 */
public final class WebRtcLane implements Lane
{
    /** What {@link #connectionId} answers when no connection to the peer is ready. */
    public static final long NO_CONNECTION = -1;

    private static final long CLOSE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final WebRtcLaneContext context;
    private final WebRtcLaneCounters counters = new WebRtcLaneCounters();
    private volatile Long2ObjectHashMap<WebRtcConnection> connections = new Long2ObjectHashMap<>();
    private volatile boolean closed;
    private WebRtcConductor conductor;
    private PeerConnectionFactory factory;

    /**
     * @param context configuration; {@link WebRtcLaneContext#conclude()} is called here.
     */
    public WebRtcLane(final WebRtcLaneContext context)
    {
        this.context = context.conclude();
    }

    @Override
    public String name()
    {
        return "webrtc";
    }

    /**
     * Take the JVM's peer connection factory, start the control thread and open the relay.
     *
     * @param ingress where received frames and connection events go.
     */
    @Override
    public synchronized void start(final LaneIngress ingress)
    {
        if (conductor != null || closed)
        {
            throw new IllegalStateException("start() once, before close()");
        }
        factory = PeerConnectionFactoryHolder.acquire();
        conductor = new WebRtcConductor(context, ingress, this, factory, counters);
        context.relayChannel().open(relay -> conductor.execute(() -> conductor.onRelay(relay)));
    }

    @Override
    public void connect(final ActrId peer)
    {
        final WebRtcConductor running = conductor;
        if (running != null)
        {
            running.execute(() -> running.connect(peer));
        }
    }

    @Override
    public int send(
        final long connectionId, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (!ChannelIndex.isPayloadType(payloadType))
        {
            throw new IllegalArgumentException("no DataChannel for payload type " + payloadType);
        }
        final WebRtcConnection connection = connections.get(connectionId);
        if (connection == null)
        {
            return NOT_CONNECTED;
        }
        return connection.send(payloadType, buffer, offset, length);
    }

    @Override
    public void disconnect(final long connectionId)
    {
        final WebRtcConductor running = conductor;
        if (running != null)
        {
            running.execute(() -> running.disconnect(connectionId));
        }
    }

    /**
     * Close every connection (each reported {@code onDisconnected} with {@code LOCAL_CLOSE}), stop the control
     * thread, and release the factory (disposed with the JVM's last lane). Idempotent.
     */
    @Override
    public void close()
    {
        final WebRtcConductor running;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            running = conductor;
        }
        if (running != null)
        {
            running.close(CLOSE_TIMEOUT_NS);
            PeerConnectionFactoryHolder.release();
        }
    }

    /**
     * The connection to a peer, as it was reported to the ingress: for tools and tests that act on a peer's connection
     * ({@link #disconnect}, or {@link #send} from a thread that stands in for the engine). Any thread.
     *
     * @param peer the peer's verified id.
     * @return the id of the ready (or recovering) connection to it, or {@link #NO_CONNECTION}.
     */
    public long connectionId(final ActrId peer)
    {
        final long[] found = {NO_CONNECTION};
        connections.forEachLong((connectionId, connection) ->
        {
            if (peer.equals(connection.handshake.verifiedPeer()))
            {
                found[0] = connectionId;
            }
        });
        return found[0];
    }

    /**
     * @param counter a counter.
     * @return its value.
     */
    public long counter(final WebRtcCounter counter)
    {
        return counters.get(counter);
    }

    /**
     * @return the configuration.
     */
    public WebRtcLaneContext context()
    {
        return context;
    }

    @Override
    public String toString()
    {
        return "WebRtcLane{" + context.localId().getSerialNumber() + ", connections=" + connections.size() +
            ", counters=" + counters + '}';
    }

    // ---- connection table: copy on write (the control or callback thread), read by the engine thread ----

    synchronized void add(final WebRtcConnection connection)
    {
        final Long2ObjectHashMap<WebRtcConnection> copy = new Long2ObjectHashMap<>(connections);
        copy.put(connection.connectionId, connection);
        connections = copy;
    }

    synchronized void remove(final WebRtcConnection connection)
    {
        if (connections.get(connection.connectionId) == connection)
        {
            final Long2ObjectHashMap<WebRtcConnection> copy = new Long2ObjectHashMap<>(connections);
            copy.remove(connection.connectionId);
            connections = copy;
        }
    }

    /**
     * @param connectionId a ready connection.
     * @return it, or null.
     */
    WebRtcConnection connection(final long connectionId)
    {
        return connections.get(connectionId);
    }

    /**
     * @param peer a peer.
     * @return the connection to it in whatever state, read on the control thread (for tests).
     */
    java.util.concurrent.CompletableFuture<WebRtcConnection> connectionTo(final ActrId peer)
    {
        final java.util.concurrent.CompletableFuture<WebRtcConnection> result =
            new java.util.concurrent.CompletableFuture<>();
        conductor.execute(() -> result.complete(conductor.connectionTo(peer)));
        return result;
    }
}
