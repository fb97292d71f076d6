package dev.actr.lanes.network;

import dev.actr.codec.proto.ActrType;
import dev.actr.lanes.Lane;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.signaling.SignalingClientContext;
import dev.actr.lanes.signaling.SignalingListener;
import dev.actr.lanes.websocket.WebSocketLaneContext;

import java.security.KeyPair;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configuration of a {@link NodeNetwork}: where the signaling service is and what the node registers as, its
 * WebSocket lane, an optional WebRTC lane and the lane preference. {@link #conclude()} validates once.
 */
public final class NodeNetworkContext
{
    private List<String> signalingUris = List.of();
    private ActrType actrType;
    private int realmId;
    private KeyPair nodeKeys;
    private WebSocketLaneContext webSocket = new WebSocketLaneContext().port(0);
    private SignalingClientContext signaling = new SignalingClientContext();
    private Function<NodeNetwork.WebRtcParts, Lane> webRtc;
    private LanePreference preference = LanePreference.WEBSOCKET_FIRST;
    private boolean concluded;

    /**
     * @param signalingUri the signaling service, e.g. {@code ws://127.0.0.1:8765/signaling}; required.
     * @return this.
     */
    public NodeNetworkContext signalingUri(final String signalingUri)
    {
        this.signalingUris = signalingUri == null ? List.of() : List.of(signalingUri);
        return this;
    }

    /**
     * @param signalingUris the instances of a signaling cluster: the node registers with the first and fails over
     *                      to the next, in turn, keeping its id ({@link SignalingClientContext#serverUris(String...)}).
     * @return this.
     */
    public NodeNetworkContext signalingUris(final String... signalingUris)
    {
        this.signalingUris = List.of(signalingUris);
        return this;
    }

    /**
     * @return the (first) signaling service, or null.
     */
    public String signalingUri()
    {
        return signalingUris.isEmpty() ? null : signalingUris.get(0);
    }

    /**
     * @return every signaling instance, in the order they are tried.
     */
    public List<String> signalingUris()
    {
        return signalingUris;
    }

    /**
     * @param actrType what the node registers as (peers discover it by this type); required.
     * @return this.
     */
    public NodeNetworkContext actrType(final ActrType actrType)
    {
        this.actrType = actrType;
        return this;
    }

    /**
     * @return what the node registers as.
     */
    public ActrType actrType()
    {
        return actrType;
    }

    /**
     * @param realmId the realm the node registers in (default 0).
     * @return this.
     */
    public NodeNetworkContext realmId(final int realmId)
    {
        this.realmId = realmId;
        return this;
    }

    /**
     * @return the realm.
     */
    public int realmId()
    {
        return realmId;
    }

    /**
     * @param nodeKeys the node's Ed25519 key pair, bound into its credential (default: a fresh pair per launch).
     * @return this.
     */
    public NodeNetworkContext nodeKeys(final KeyPair nodeKeys)
    {
        this.nodeKeys = nodeKeys;
        return this;
    }

    /**
     * @return the node's key pair.
     */
    public KeyPair nodeKeys()
    {
        return nodeKeys;
    }

    /**
     * @param webSocket the WebSocket lane's configuration (default: loopback, an ephemeral port); its identity,
     *                  key resolver and address resolver are set from the signaling client.
     * @return this.
     */
    public NodeNetworkContext webSocket(final WebSocketLaneContext webSocket)
    {
        this.webSocket = webSocket;
        return this;
    }

    /**
     * @return the WebSocket lane's configuration.
     */
    public WebSocketLaneContext webSocket()
    {
        return webSocket;
    }

    /**
     * @param signaling tunables of the signaling client (timeouts, heartbeat, backoff, cache); its server, type,
     *                  realm, keys and listener are set from this context.
     * @return this.
     */
    public NodeNetworkContext signaling(final SignalingClientContext signaling)
    {
        this.signaling = signaling;
        return this;
    }

    /**
     * @return tunables of the signaling client.
     */
    public SignalingClientContext signaling()
    {
        return signaling;
    }

    /**
     * @param webRtc makes the node's WebRTC lane from the network's parts (its relay through signaling and the
     *               node's identity), or null for none (default).
     * @return this.
     */
    public NodeNetworkContext webRtc(final Function<NodeNetwork.WebRtcParts, Lane> webRtc)
    {
        this.webRtc = webRtc;
        return this;
    }

    /**
     * @return makes the node's WebRTC lane, or null.
     */
    public Function<NodeNetwork.WebRtcParts, Lane> webRtc()
    {
        return webRtc;
    }

    /**
     * @param preference which lane a peer is dialled on (default {@link LanePreference#WEBSOCKET_FIRST}).
     * @return this.
     */
    public NodeNetworkContext preference(final LanePreference preference)
    {
        this.preference = preference;
        return this;
    }

    /**
     * @return which lane a peer is dialled on.
     */
    public LanePreference preference()
    {
        return preference;
    }

    /**
     * Validate and fill the defaults.
     *
     * @return this.
     * @throws IllegalStateException naming the first invalid setting.
     */
    public NodeNetworkContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (signalingUris.isEmpty() || signalingUris.get(0).isEmpty())
        {
            throw new IllegalStateException("signalingUri must be set");
        }
        Objects.requireNonNull(actrType, "actrType must be set");
        Objects.requireNonNull(webSocket, "webSocket must be set");
        Objects.requireNonNull(signaling, "signaling must be set");
        Objects.requireNonNull(preference, "preference must be set");
        if ((preference == LanePreference.WEBRTC_ONLY || preference == LanePreference.WEBRTC_FIRST) && webRtc == null)
        {
            throw new IllegalStateException(preference + " needs a WebRTC lane (webRtc)");
        }
        if (nodeKeys == null)
        {
            nodeKeys = Ed25519Keys.generate();
        }
        concluded = true;
        return this;
    }

    SignalingClientContext signalingFor(final SignalingListener listener)
    {
        return signaling.serverUris(signalingUris).actrType(actrType).realmId(realmId).nodeKeys(nodeKeys)
            .listener(listener);
    }

    @Override
    public String toString()
    {
        return "NodeNetworkContext{signalingUris=" + signalingUris + ", actrType=" + actrType.getManufacturer() + ':' +
            actrType.getName() + ", realmId=" + realmId + ", webRtc=" + (webRtc != null) + ", preference=" +
            preference + '}';
    }
}
