package dev.actr.engine.contract;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.lanes.inproc.InProcessLane;
import dev.actr.lanes.inproc.InProcessNetwork;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.HashMap;
import java.util.Map;

/**
 * Nodes of this JVM joined by {@link InProcessLane}s.
 */
final class InProcessLaneFixture implements LaneFixture
{
    private final InProcessNetwork network = new InProcessNetwork();
    private final Map<Integer, ActrNode> nodes = new HashMap<>();
    private final Map<Integer, InProcessLane> lanes = new HashMap<>();
    private final Map<Integer, ActrId> ids = new HashMap<>();

    @Override
    public ActrNode launch(final int index, final ActrId nodeId, final NodeContext ctx)
    {
        final InProcessLane lane = new InProcessLane(network, nodeId);
        final ActrNode node = ActrNode.launch(ctx.lane(lane));
        nodes.put(index, node);
        lanes.put(index, lane);
        ids.put(index, nodeId);
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
