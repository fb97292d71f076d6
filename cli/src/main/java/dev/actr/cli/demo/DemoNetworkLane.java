package dev.actr.cli.demo;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.lanes.network.LanePreference;
import dev.actr.lanes.network.NodeNetwork;
import dev.actr.lanes.network.NodeNetworkContext;
import dev.actr.lanes.webrtc.WebRtcLane;
import dev.actr.lanes.webrtc.WebRtcLaneContext;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's network lanes. On both, each side's node joins the network through a {@link NodeNetwork}: it registers
 * with the signaling service, which assigns its id, and dials the other side on the one lane its
 * {@link LanePreference} allows — a WebSocket connection to the address signaling knows, or a WebRTC DataChannel
 * negotiated through signaling's relay. Either way the connection is authenticated by the peer session.
 */
public enum DemoNetworkLane
{
    /** WebSocket connections only (the node's WebSocket lane listens on loopback). */
    WEBSOCKET(DemoTopologies.WEBSOCKET, LanePreference.WEBSOCKET_ONLY),
    /** WebRTC DataChannels only; needs a non-loopback interface ({@link NetworkInterfaceProbe}). */
    WEBRTC(DemoTopologies.WEBRTC, LanePreference.WEBRTC_ONLY);

    private final String laneName;
    private final LanePreference preference;

    DemoNetworkLane(final String laneName, final LanePreference preference)
    {
        this.laneName = laneName;
        this.preference = preference;
    }

    /**
     * @param name a lane's name.
     * @return the network lane of that name, or null when it is not one.
     */
    public static DemoNetworkLane forName(final String name)
    {
        for (final DemoNetworkLane lane : values())
        {
            if (lane.laneName.equals(name))
            {
                return lane;
            }
        }
        return null;
    }

    /**
     * @return the lane's name ({@code --lanes}, {@code --lane}).
     */
    public String laneName()
    {
        return laneName;
    }

    /**
     * @param signalingUri the signaling service.
     * @param type         what the node registers as.
     * @return a node's network for this lane.
     */
    public NodeNetwork network(final String signalingUri, final ActrType type)
    {
        final NodeNetworkContext ctx = new NodeNetworkContext()
            .signalingUri(signalingUri)
            .actrType(type)
            .realmId(DemoIds.REALM)
            .preference(preference);
        if (this == WEBRTC)
        {
            ctx.webRtc(parts -> new WebRtcLane(new WebRtcLaneContext()
                .localId(parts.localId())
                .relayChannel(parts.relay())
                .authenticator(parts.authenticator())));
        }
        return new NodeNetwork(ctx);
    }

    /**
     * Wait until a started network can carry this lane: registered (its id assigned) and, for WebRTC, its WebRTC
     * lane started.
     *
     * @param network   the network, started by its node.
     * @param timeoutMs longest wait, in all.
     * @return the node's id, as the signaling service assigned it.
     * @throws IllegalStateException when it was not ready in time, or its start failed.
     */
    public ActrId awaitReady(final NodeNetwork network, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final ActrId id;
        try
        {
            id = network.registered().get(timeoutMs, TimeUnit.MILLISECONDS).id();
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("the node did not register with the signaling service within " +
                timeoutMs + " ms", ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("the node could not register with the signaling service: " +
                ex.getCause(), ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the signaling service", ex);
        }
        if (this == WEBRTC)
        {
            awaitWebRtc(network, Math.max(0, deadlineNs - System.nanoTime()));
        }
        return id;
    }

    private static void awaitWebRtc(final NodeNetwork network, final long timeoutNs)
    {
        try
        {
            network.webRtc().get(timeoutNs, TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("the WebRTC lane did not start within " +
                TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms (webrtc-java's native library needs libpulse.so.0, " +
                "Debian package libpulse0)", ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("the WebRTC lane did not start: " + ex.getCause(), ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the WebRTC lane", ex);
        }
    }

    @Override
    public String toString()
    {
        return laneName;
    }
}
