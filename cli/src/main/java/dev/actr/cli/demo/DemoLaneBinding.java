package dev.actr.cli.demo;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;

/**
 * How one lane joins the demo's exchange-side node, in whatever process it runs ({@link DemoExchangeNodeMain}):
 * the lane is added before the node launches, and once it runs, the binding tells what the client side needs to
 * reach it (printed after {@code READY}). A WebSocket binding, for instance, adds a listening lane and answers with
 * its address; a WebRTC one registers with signaling and answers with the node's id.
 */
public interface DemoLaneBinding
{
    /**
     * @return the lane's name ({@code --lane}).
     */
    String name();

    /**
     * Add the lane(s) to the exchange side's node, before it launches.
     *
     * @param node           the exchange side's node.
     * @param exchangeNodeId the id the node is to be known by on the lane.
     */
    void bindExchangeNode(NodeContext node, ActrId exchangeNodeId);

    /**
     * @param node the exchange side's node, running.
     * @return what the client side needs to reach it, one line without white space (e.g. {@code ws://127.0.0.1:4711}),
     * or {@code -} when there is nothing to say.
     */
    String address(ActrNode node);

    /** No lane: the node runs, durable and journalled, and nobody can reach it (the process plumbing alone). */
    DemoLaneBinding NONE = new DemoLaneBinding()
    {
        @Override
        public String name()
        {
            return "none";
        }

        @Override
        public void bindExchangeNode(final NodeContext node, final ActrId exchangeNodeId)
        {
        }

        @Override
        public String address(final ActrNode node)
        {
            return "-";
        }
    };
}
