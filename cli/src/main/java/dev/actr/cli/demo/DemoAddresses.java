package dev.actr.cli.demo;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.actor.Dest;

/**
 * How the demo's two sides reach each other. The client side (gateway, risk, subscriber, and the host driving the
 * gateway) and the exchange side (exchange, market data) run on one node or on two; within a side every actor is a
 * {@code Dest.workload} of its own node, across sides a {@code Dest.peer} of the other node's id. On a network lane
 * those ids are assigned by the signaling service at run time, so a side's view may hold a {@link PeerNodeId} still
 * to be learned: its {@code Dest} is read when first needed, never before the topology learned it.
 */
public final class DemoAddresses
{
    private final PeerNodeId clientNode;
    private final PeerNodeId exchangeNode;

    private DemoAddresses(final PeerNodeId clientNode, final PeerNodeId exchangeNode)
    {
        this.clientNode = clientNode;
        this.exchangeNode = exchangeNode;
    }

    /**
     * @return both sides on one node.
     */
    public static DemoAddresses oneNode()
    {
        return new DemoAddresses(null, null);
    }

    /**
     * @param clientNode   the id the client side's node is known by on the lane.
     * @param exchangeNode the id the exchange side's node is known by on the lane.
     * @return the sides on two nodes whose ids are known.
     */
    public static DemoAddresses twoNodes(final ActrId clientNode, final ActrId exchangeNode)
    {
        return twoNodes(PeerNodeId.known("the client node", clientNode),
            PeerNodeId.known("the exchange node", exchangeNode));
    }

    /**
     * @param clientNode   the client side's node id, known or to be learned.
     * @param exchangeNode the exchange side's node id, known or to be learned.
     * @return the sides on two nodes.
     */
    public static DemoAddresses twoNodes(final PeerNodeId clientNode, final PeerNodeId exchangeNode)
    {
        return new DemoAddresses(clientNode, exchangeNode);
    }

    /**
     * @return the exchange, from the client side.
     * @throws IllegalStateException when the exchange node's id is not known yet.
     */
    public Dest exchange()
    {
        return exchangeNode == null ? Dest.workload(DemoIds.EXCHANGE) : exchangeNode.dest();
    }

    /**
     * @return market data, from the client side.
     * @throws IllegalStateException when the exchange node's id is not known yet.
     */
    public Dest marketData()
    {
        return exchangeNode == null ? Dest.workload(DemoIds.MARKET_DATA) : exchangeNode.dest();
    }

    /**
     * @return the subscriber, from the exchange side.
     * @throws IllegalStateException when the client node's id is not known yet.
     */
    public Dest subscriber()
    {
        return clientNode == null ? Dest.workload(DemoIds.SUBSCRIBER) : clientNode.dest();
    }

    @Override
    public String toString()
    {
        return clientNode == null ? "DemoAddresses{one node}" :
            "DemoAddresses{" + clientNode + ", " + exchangeNode + '}';
    }
}
