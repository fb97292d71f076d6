package dev.actr.engine.contract;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;

/**
 * How the lane contract suite drives one kind of network lane: it launches nodes joined by that lane, connects
 * and disconnects them, and puts raw frames on a connection. Each lane's test supplies one.
 */
public interface LaneFixture extends AutoCloseable
{
    /**
     * Launch a node with a lane of this kind added to its context.
     *
     * @param index  the node's number in the test (0, 1, 2...).
     * @param nodeId the id the node is known by on the network.
     * @param ctx    its configuration (actors set); the fixture adds the lane.
     * @return the running node.
     */
    ActrNode launch(int index, ActrId nodeId, NodeContext ctx);

    /**
     * Have node {@code from} connect to node {@code to}; returns once the lane reported the connection on
     * {@code from}'s side (the suite waits for both engines to see it).
     *
     * @param from the dialling node.
     * @param to   the node dialled.
     */
    void connect(int from, int to);

    /**
     * Drop the connection between two nodes, as the network would: both sides see it disconnected.
     *
     * @param from one node.
     * @param to   the other.
     */
    void disconnect(int from, int to);

    /**
     * Put a frame, whatever it holds, on the connection from one node to another.
     *
     * @param from        the sending node.
     * @param to          the receiving node.
     * @param payloadType PayloadType number.
     * @param frame       the encoded envelope or chunk.
     * @return the lane's result code.
     */
    int sendRaw(int from, int to, int payloadType, byte[] frame);

    /**
     * Close every node and lane.
     */
    @Override
    void close();
}
