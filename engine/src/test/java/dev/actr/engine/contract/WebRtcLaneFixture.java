package dev.actr.engine.contract;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.webrtc.InMemoryRelayNetwork;
import dev.actr.engine.webrtc.TrustingAuthenticator;
import dev.actr.lanes.webrtc.WebRtcLane;
import dev.actr.lanes.webrtc.WebRtcLaneContext;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.fail;

/**
 * Nodes of this JVM joined by {@link WebRtcLane}s (real webrtc-java peers, in the test network namespace), their
 * offers, answers and ICE candidates carried by an {@link InMemoryRelayNetwork}, each peer believed on its claimed
 * id ({@link TrustingAuthenticator}).
 */
final class WebRtcLaneFixture implements LaneFixture
{
    private final InMemoryRelayNetwork relay = new InMemoryRelayNetwork();
    private final Map<Integer, ActrNode> nodes = new HashMap<>();
    private final Map<Integer, WebRtcLane> lanes = new HashMap<>();
    private final Map<Integer, ActrId> ids = new HashMap<>();

    @Override
    public ActrNode launch(final int index, final ActrId nodeId, final NodeContext ctx)
    {
        final WebRtcLane lane = new WebRtcLane(new WebRtcLaneContext()
            .localId(nodeId)
            .relayChannel(relay.channel(nodeId))
            .authenticator(TrustingAuthenticator.INSTANCE));
        lanes.put(index, lane);
        ids.put(index, nodeId);
        final ActrNode node = ActrNode.launch(ctx.lane(lane));
        nodes.put(index, node);
        return node;
    }

    @Override
    public void connect(final int from, final int to)
    {
        lanes.get(from).connect(ids.get(to));
    }

    @Override
    public void disconnect(final int from, final int to)
    {
        lanes.get(from).disconnect(connectionId(from, to));
    }

    @Override
    public int sendRaw(final int from, final int to, final int payloadType, final byte[] frame)
    {
        return lanes.get(from).send(connectionId(from, to), payloadType, new UnsafeBuffer(frame), 0, frame.length);
    }

    private long connectionId(final int from, final int to)
    {
        final long connectionId = lanes.get(from).connectionId(ids.get(to));
        if (connectionId == WebRtcLane.NO_CONNECTION)
        {
            fail("node " + from + " has no connection to node " + to);
        }
        return connectionId;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(nodes.values());
    }
}
