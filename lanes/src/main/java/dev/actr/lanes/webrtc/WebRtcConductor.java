package dev.actr.lanes.webrtc;

import dev.actr.codec.fragment.ReassemblyContext;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.RoleNegotiation;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.LaneIngress;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceServer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The lane's control thread: every connection transition, every relay, every timer (connect deadlines, keep-alive,
 * ICE restarts, ingress backlog retries) runs here, one task at a time. Foreign threads (the engine, webrtc-java's
 * callback thread, the relay's thread) only {@link #execute} tasks.
 *
 * <p>Who offers: the peer whose id is lower (realm, then serial, then type) makes the offer, so two nodes that
 * connect to each other at once make one connection. The other side asks it to offer with a
 * {@code RoleNegotiation} relay; a {@code RoleAssignment} from a signaling service overrides the rule. Relays from
 * peers are read by the {@link RelayAdapter}.
 */
final class WebRtcConductor
{
    private static final System.Logger LOG = System.getLogger(WebRtcLane.class.getName());

    final WebRtcLaneContext context;
    final LaneIngress ingress;
    final WebRtcLane lane;
    final PeerConnectionFactory factory;
    final WebRtcLaneCounters counters;
    final ReassemblyContext reassembly;
    private final ScheduledExecutorService executor;
    private final Map<ActrId, WebRtcConnection> byPeer = new HashMap<>();
    private final RelayAdapter relayAdapter = new RelayAdapter(this);

    WebRtcConductor(
        final WebRtcLaneContext context,
        final LaneIngress ingress,
        final WebRtcLane lane,
        final PeerConnectionFactory factory,
        final WebRtcLaneCounters counters)
    {
        this.context = context;
        this.ingress = ingress;
        this.lane = lane;
        this.factory = factory;
        this.counters = counters;
        this.reassembly = new ReassemblyContext()
            .ttlNs(context.reassemblyTtlNs())
            .maxPartialMessages(context.maxPartialMessages())
            .maxBytesHeld(context.maxReassemblyBytes())
            .maxMessageLength(context.maxMessageLength())
            .nanoClock(context.nanoClock())
            .conclude();
        final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, context.threadFactory());
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
        final long tickNs = Math.max(TimeUnit.MILLISECONDS.toNanos(5), context.keepaliveIntervalNs() / 4);
        executor.scheduleWithFixedDelay(this::tick, tickNs, tickNs, TimeUnit.NANOSECONDS);
    }

    long nanoTime()
    {
        return context.nanoClock().nanoTime();
    }

    /**
     * Run a task on the control thread; dropped once the lane closed. Any thread; never blocks.
     */
    void execute(final Runnable task)
    {
        try
        {
            executor.execute(() ->
            {
                try
                {
                    task.run();
                }
                catch (final Throwable ex)
                {
                    context.errorHandler().onError(ex);
                }
            });
        }
        catch (final RejectedExecutionException ignored)
        {
            // the lane is closed
        }
    }

    void scheduleDrain(final WebRtcConnection connection)
    {
        execute(() -> drain(connection));
    }

    private void drain(final WebRtcConnection connection)
    {
        if (!connection.inbound.drain())
        {
            try
            {
                executor.schedule(() -> execute(() -> drain(connection)), 1, TimeUnit.MILLISECONDS);
            }
            catch (final RejectedExecutionException ignored)
            {
                // the lane is closed
            }
        }
    }

    private void tick()
    {
        try
        {
            final long now = nanoTime();
            for (final WebRtcConnection connection : new ArrayList<>(byPeer.values()))
            {
                connection.onTick(now);
            }
        }
        catch (final Throwable ex)
        {
            context.errorHandler().onError(ex);
        }
    }

    // ---- requests (control thread) ----

    void connect(final ActrId peer)
    {
        if (peer.equals(context.localId()))
        {
            ingress.onConnectFailed(peer, DisconnectReason.UNREACHABLE);
            return;
        }
        final WebRtcConnection existing = byPeer.get(peer);
        if (existing != null)
        {
            existing.requested = true;
            return;
        }
        final WebRtcConnection connection = open(peer, isOfferer(peer), true);
        if (connection.negotiation.offerer())
        {
            connection.negotiation.startOffer();
        }
        else
        {
            relay(peer, ActrRelay.newBuilder().setRoleNegotiation(
                RoleNegotiation.newBuilder().setTieBreaker(context.localId().getSerialNumber())));
        }
    }

    void onRelay(final ActrRelay relay)
    {
        relayAdapter.onRelay(relay);
    }

    void disconnect(final long connectionId)
    {
        for (final WebRtcConnection connection : new ArrayList<>(byPeer.values()))
        {
            if (connection.connectionId == connectionId)
            {
                connection.close(DisconnectReason.LOCAL_CLOSE);
            }
        }
    }

    /**
     * Make a connection to a peer (in no state yet) and hold it as the peer's.
     */
    WebRtcConnection open(final ActrId peer, final boolean offerer, final boolean requested)
    {
        final WebRtcConnection connection =
            new WebRtcConnection(this, ingress.nextConnectionId(), peer, offerer, requested);
        byPeer.put(peer, connection);
        return connection;
    }

    /**
     * @return true when this node makes the offer to {@code peer}: its id is the lower one.
     */
    boolean isOfferer(final ActrId peer)
    {
        final ActrId local = context.localId();
        int order = Integer.compareUnsigned(local.getRealm().getRealmId(), peer.getRealm().getRealmId());
        if (order == 0)
        {
            order = Long.compareUnsigned(local.getSerialNumber(), peer.getSerialNumber());
        }
        if (order == 0)
        {
            order = local.getType().toString().compareTo(peer.getType().toString());
        }
        return order < 0;
    }

    // ---- from connections ----

    void onReady(final WebRtcConnection connection)
    {
        lane.add(connection);
    }

    void onClosed(final WebRtcConnection connection)
    {
        if (byPeer.get(connection.peer) == connection)
        {
            byPeer.remove(connection.peer);
        }
        lane.remove(connection);
        counters.increment(WebRtcCounter.CONNECTIONS_CLOSED);
    }

    void relay(final ActrId peer, final ActrRelay.Builder relay)
    {
        context.relayChannel().send(relay.setSource(context.localId()).setTarget(peer).build());
    }

    RTCConfiguration rtcConfiguration()
    {
        final RTCConfiguration configuration = new RTCConfiguration();
        for (final IceServer server : context.iceServers())
        {
            final RTCIceServer rtcServer = new RTCIceServer();
            rtcServer.urls.addAll(server.urls());
            rtcServer.username = server.username();
            rtcServer.password = server.credential();
            configuration.iceServers.add(rtcServer);
        }
        configuration.portAllocatorConfig = new PortAllocatorConfig(context.minPort(), context.maxPort(), 0);
        return configuration;
    }

    void dispose(final RTCDataChannel channel)
    {
        try
        {
            channel.close();
            channel.dispose();
        }
        catch (final Throwable ex)
        {
            context.errorHandler().onError(ex);
        }
    }

    void closeQuietly(final DataChannelProxy proxy)
    {
        try
        {
            proxy.close();
        }
        catch (final Throwable ex)
        {
            context.errorHandler().onError(ex);
        }
    }

    void log(final String message)
    {
        LOG.log(System.Logger.Level.INFO, message);
    }

    /**
     * Close every connection, then stop the control thread. Called from a foreign thread; waits up to the given
     * time for the control thread.
     */
    void close(final long timeoutNs)
    {
        execute(() ->
        {
            for (final WebRtcConnection connection : new ArrayList<>(byPeer.values()))
            {
                connection.close(DisconnectReason.LOCAL_CLOSE);
            }
        });
        executor.shutdown();
        try
        {
            if (!executor.awaitTermination(timeoutNs, TimeUnit.NANOSECONDS))
            {
                executor.shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return the connection to a peer, in whatever state, or null.
     */
    WebRtcConnection connectionTo(final ActrId peer)
    {
        return byPeer.get(peer);
    }
}
