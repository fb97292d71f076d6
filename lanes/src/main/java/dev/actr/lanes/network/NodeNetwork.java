package dev.actr.lanes.network;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.ActrType;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.actr.lanes.LaneIngress;
import dev.actr.lanes.PeerDiscovery;
import dev.actr.lanes.session.AuthRejectionCounters;
import dev.actr.lanes.session.CredentialVerifier;
import dev.actr.lanes.session.PeerAuthenticator;
import dev.actr.lanes.signaling.DiscoveryResult;
import dev.actr.lanes.signaling.SignalingClient;
import dev.actr.lanes.signaling.SignalingListener;
import dev.actr.lanes.signaling.SignalingRegistration;
import dev.actr.lanes.websocket.WebSocketLane;
import dev.actr.lanes.webrtc.RelayChannel;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemEpochClock;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A node's way onto the network, as one {@link Lane} to add to the node: it registers with the signaling service
 * (which assigns the node's id and signs its credential), runs a WebSocket lane (and a WebRTC lane when configured,
 * started once the node has its id), dials peers on the lane the {@link LanePreference} picks — WebSocket when
 * discovery knows the peer's address, WebRTC otherwise — and finds peers by type ({@link PeerDiscovery}). Every
 * connection, on either lane, is authenticated by the same peer session. Add it with {@code NodeContext.lane(net)};
 * the node uses it for discovery and for connecting on demand.
 */
public final class NodeNetwork implements Lane, PeerDiscovery
{
    private static final long UNREGISTER_WAIT_MS = 1_000;

    /** What a WebRTC lane of the network is built from. */
    public static final class WebRtcParts
    {
        private final ActrId localId;
        private final RelayChannel relay;
        private final dev.actr.lanes.webrtc.PeerAuthenticator authenticator;

        WebRtcParts(final ActrId localId, final RelayChannel relay,
            final dev.actr.lanes.webrtc.PeerAuthenticator authenticator)
        {
            this.localId = localId;
            this.relay = relay;
            this.authenticator = authenticator;
        }

        /**
         * @return the node's id, as the signaling service assigned it.
         */
        public ActrId localId()
        {
            return localId;
        }

        /**
         * @return SDP and ICE relayed through the signaling service.
         */
        public RelayChannel relay()
        {
            return relay;
        }

        /**
         * @return the peer session's handshake for the lane's connections.
         */
        public dev.actr.lanes.webrtc.PeerAuthenticator authenticator()
        {
            return authenticator;
        }
    }

    private final NodeNetworkContext ctx;
    private final SignalingRelayChannel relay = new SignalingRelayChannel();
    private final ConcurrentHashMap<Long, Lane> laneByConnection = new ConcurrentHashMap<>();
    private final AuthRejectionCounters webRtcAuthCounters = new AuthRejectionCounters();
    private final CompletableFuture<Lane> webRtcStarted = new CompletableFuture<>();
    private SignalingClient signaling;
    private WebSocketLane webSocket;
    private volatile Lane webRtc;
    private volatile LaneIngress ingress;
    private volatile boolean closed;

    /**
     * @param ctx the configuration; concluded here.
     */
    public NodeNetwork(final NodeNetworkContext ctx)
    {
        this.ctx = ctx.conclude();
    }

    @Override
    public String name()
    {
        return "network";
    }

    @Override
    public synchronized void start(final LaneIngress nodeIngress)
    {
        ingress = new TrackingIngress(nodeIngress);
        signaling = SignalingClient.create(ctx.signalingFor(new Listener()));
        relay.signaling(signaling);
        webSocket = new WebSocketLane(ctx.webSocket().identity(signaling.localIdentity())
            .keyResolver(signaling.keyResolver()).addressResolver(signaling::wsAddress));
        try
        {
            webSocket.start(ingress);
            signaling.start(webSocket.advertisedAddress());
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(webSocket, signaling);
            throw ex;
        }
    }

    /**
     * @return completes with the node's first registration (its id and credential).
     */
    public CompletableFuture<SignalingRegistration> registered()
    {
        return signaling.registered();
    }

    /**
     * @return the node's id as the signaling service assigned it, or null before the first registration.
     */
    public ActrId localId()
    {
        final SignalingRegistration registration = signaling == null ? null : signaling.registration();
        return registration == null ? null : registration.id();
    }

    /**
     * @return the node's signaling client.
     */
    public SignalingClient signaling()
    {
        return signaling;
    }

    /**
     * @return the WebSocket lane.
     */
    public WebSocketLane webSocket()
    {
        return webSocket;
    }

    /**
     * @return completes with the WebRTC lane once started (after the first registration), when there is one.
     */
    public CompletableFuture<Lane> webRtc()
    {
        return webRtcStarted;
    }

    @Override
    public void connect(final ActrId peer)
    {
        switch (ctx.preference())
        {
            case WEBSOCKET_ONLY:
                webSocket.connect(peer);
                break;
            case WEBRTC_ONLY:
                connectWebRtc(peer);
                break;
            case WEBRTC_FIRST:
                if (webRtc != null)
                {
                    webRtc.connect(peer);
                }
                else
                {
                    webSocket.connect(peer);
                }
                break;
            default:
                signaling.wsAddress(peer).whenComplete((address, error) ->
                {
                    if (address != null)
                    {
                        webSocket.connect(peer);
                    }
                    else
                    {
                        connectWebRtc(peer);
                    }
                });
                break;
        }
    }

    private void connectWebRtc(final ActrId peer)
    {
        final Lane lane = webRtc;
        if (lane != null)
        {
            lane.connect(peer);
        }
        else if (ingress != null)
        {
            ingress.onConnectFailed(peer, DisconnectReason.UNREACHABLE);
        }
    }

    @Override
    public int send(
        final long connectionId, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        final Lane lane = laneByConnection.get(connectionId);
        return lane == null ? (closed ? CLOSED : NOT_CONNECTED) : lane.send(connectionId, payloadType, buffer,
            offset, length);
    }

    @Override
    public void disconnect(final long connectionId)
    {
        final Lane lane = laneByConnection.get(connectionId);
        if (lane != null)
        {
            lane.disconnect(connectionId);
        }
    }

    @Override
    public CompletableFuture<List<ActrId>> discover(final ActrType type)
    {
        return signaling.discover(type).thenApply(DiscoveryResult::candidates);
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
        if (signaling != null && signaling.isRegistered())
        {
            try
            {
                signaling.unregister().get(UNREGISTER_WAIT_MS, TimeUnit.MILLISECONDS);
            }
            catch (final Exception ignored)
            {
                // the server expires the node when its heartbeat stops
            }
        }
        CloseHelper.closeAll(webRtc, webSocket, signaling);
    }

    private synchronized void startWebRtc(final SignalingRegistration registration)
    {
        if (closed || webRtc != null || ctx.webRtc() == null)
        {
            return;
        }
        final PeerAuthenticator authenticator = new PeerAuthenticator("webrtc", signaling.localIdentity(),
            new CredentialVerifier(signaling.keyResolver()), SystemEpochClock.INSTANCE, new SecureRandom(),
            webRtcAuthCounters);
        final Function<WebRtcParts, Lane> factory = ctx.webRtc();
        final Lane lane = factory.apply(new WebRtcParts(registration.id(), relay,
            new SessionHandshakes(authenticator, signaling.keyResolver())));
        lane.start(ingress);
        webRtc = lane;
        webRtcStarted.complete(lane);
    }

    /** Hears the signaling client: the first registration starts the WebRTC lane; relays go to it. */
    private final class Listener implements SignalingListener
    {
        @Override
        public void onRegistered(final SignalingRegistration registration)
        {
            startWebRtc(registration);
        }

        @Override
        public void onRelay(final ActrRelay actrRelay)
        {
            relay.onRelay(actrRelay);
        }
    }

    /** The node's ingress, noting which lane carries each connection. */
    private final class TrackingIngress implements LaneIngress
    {
        private final LaneIngress delegate;

        TrackingIngress(final LaneIngress delegate)
        {
            this.delegate = delegate;
        }

        @Override
        public long nextConnectionId()
        {
            return delegate.nextConnectionId();
        }

        @Override
        public int onFrame(final long connectionId, final int payloadType, final DirectBuffer buffer,
            final int offset, final int length)
        {
            return delegate.onFrame(connectionId, payloadType, buffer, offset, length);
        }

        @Override
        public void onConnected(final long connectionId, final ActrId peer, final Lane lane)
        {
            laneByConnection.put(connectionId, lane);
            delegate.onConnected(connectionId, peer, lane);
        }

        @Override
        public void onDisconnected(final long connectionId, final int reason)
        {
            laneByConnection.remove(connectionId);
            delegate.onDisconnected(connectionId, reason);
        }

        @Override
        public void onConnectFailed(final ActrId peer, final int reason)
        {
            delegate.onConnectFailed(peer, reason);
        }
    }
}
