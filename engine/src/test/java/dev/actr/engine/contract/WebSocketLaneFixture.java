package dev.actr.engine.contract;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.lanes.session.Ed25519Keys;
import dev.actr.lanes.session.LocalIdentity;
import dev.actr.lanes.session.SigningKeyRing;
import dev.actr.lanes.signaling.CredentialIssuer;
import dev.actr.lanes.websocket.PeerAddressResolver;
import dev.actr.lanes.websocket.WebSocketLane;
import dev.actr.lanes.websocket.WebSocketLaneContext;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes joined by real WebSocket lanes on loopback ephemeral ports, each with a credential signed by the test's
 * signing key (as a signaling server would issue) and its own node key: every connection runs the peer handshake.
 * Addresses come from a map the fixture fills as nodes launch (what discovery's ws_address_map gives a node).
 */
final class WebSocketLaneFixture implements LaneFixture
{
    private static final int KEY_ID = 1;

    private final KeyPair signingKeys = Ed25519Keys.generate();
    private final SigningKeyRing keyRing = new SigningKeyRing();
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final Map<Integer, ActrNode> nodes = new HashMap<>();
    private final Map<Integer, WebSocketLane> lanes = new HashMap<>();
    private final Map<Integer, ActrId> ids = new HashMap<>();

    WebSocketLaneFixture()
    {
        keyRing.put(KEY_ID, signingKeys.getPublic(), SigningKeyRing.FOREVER);
    }

    @Override
    public ActrNode launch(final int index, final ActrId nodeId, final NodeContext ctx)
    {
        final KeyPair nodeKeys = Ed25519Keys.generate();
        final long expiresAtSec = System.currentTimeMillis() / 1000 + 3_600;
        final WebSocketLane lane = new WebSocketLane(new WebSocketLaneContext()
            .port(0)
            .identity(LocalIdentity.of(CredentialIssuer.issue(nodeId, Ed25519Keys.toRaw(nodeKeys.getPublic()),
                expiresAtSec, KEY_ID, signingKeys.getPrivate()), nodeKeys))
            .keyResolver(keyRing)
            .addressResolver(resolver()));
        final ActrNode node = ActrNode.launch(ctx.lane(lane));
        addresses.put(ActrIds.format(nodeId), lane.advertisedAddress());
        nodes.put(index, node);
        lanes.put(index, lane);
        ids.put(index, nodeId);
        return node;
    }

    private PeerAddressResolver resolver()
    {
        return peer -> CompletableFuture.completedFuture(addresses.get(ActrIds.format(peer)));
    }

    @Override
    public void connect(final int from, final int to)
    {
        lanes.get(from).connect(ids.get(to));
    }

    @Override
    public void disconnect(final int from, final int to)
    {
        lanes.get(from).disconnectFrom(ids.get(to));
    }

    @Override
    public int sendRaw(final int from, final int to, final int payloadType, final byte[] frame)
    {
        return lanes.get(from).sendTo(ids.get(to), payloadType, new UnsafeBuffer(frame), 0, frame.length);
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(nodes.values());
    }
}
