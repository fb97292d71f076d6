package dev.actr.cli.demo;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.lanes.network.NodeNetwork;

import java.util.Objects;

/**
 * The exchange process's side of a network lane: its node joins the network through a {@link NodeNetwork} on the
 * parent's signaling service; once the node runs, the binding waits until it is registered (and, for WebRTC, its
 * WebRTC lane started) and answers with the id signaling assigned it — which is what {@code READY} then carries to
 * the parent.
 */
final class NetworkLaneBinding implements DemoLaneBinding
{
    /** Longest wait for the registration (and the WebRTC lane) once the node runs. */
    static final long READY_TIMEOUT_MS = 30_000;

    private final DemoNetworkLane kind;
    private final String signalingUri;
    private NodeNetwork network;

    /**
     * @param kind         the lane.
     * @param signalingUri the parent's signaling service.
     */
    NetworkLaneBinding(final DemoNetworkLane kind, final String signalingUri)
    {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.signalingUri = Objects.requireNonNull(signalingUri, "signalingUri");
    }

    @Override
    public String name()
    {
        return kind.laneName();
    }

    /**
     * {@inheritDoc} The id is not used: the signaling service assigns the node's.
     */
    @Override
    public void bindExchangeNode(final NodeContext node, final ActrId exchangeNodeId)
    {
        network = kind.network(signalingUri, DemoIds.EXCHANGE_NODE.getType());
        node.lane(network);
    }

    @Override
    public String address(final ActrNode node)
    {
        return ActrIds.format(kind.awaitReady(network, READY_TIMEOUT_MS));
    }
}
