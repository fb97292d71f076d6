package dev.actr.cli.demo;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.Lane;

/**
 * The client side's half of a lane in the two-process topology: the lane of the client node that reaches the
 * exchange process at the address its {@link DemoLaneBinding} printed after {@code READY}.
 */
@FunctionalInterface
public interface ClientLaneFactory
{
    /**
     * @param clientNode      the id the client node is to be known by on the lane.
     * @param exchangeNode    the exchange process's node id.
     * @param exchangeAddress what the exchange process printed after {@code READY}.
     * @return the client node's lane; the topology then asks it to {@code connect(exchangeNode)}.
     */
    Lane clientLane(ActrId clientNode, ActrId exchangeNode, String exchangeAddress);
}
