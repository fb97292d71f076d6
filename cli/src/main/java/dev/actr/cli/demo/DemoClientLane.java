package dev.actr.cli.demo;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.Lane;

import java.util.List;

/**
 * The client side's half of a lane in the {@link TwoProcessTopology}, for one run: the lane of the client node, the
 * client node's id on it once the node runs (assigned by the signaling service on a network lane, fixed otherwise),
 * what the exchange process must be told to join the same lane, and how to read the exchange node's id from the line
 * its {@link DemoLaneBinding} printed after {@code READY}. Closing it stops what it started for the run (an embedded
 * signaling service), after the client node and the exchange process stopped.
 */
public interface DemoClientLane extends AutoCloseable
{
    /**
     * @return the client node's lane, to add before the node launches.
     */
    Lane lane();

    /**
     * @param timeoutMs longest wait.
     * @return the client node's id on the lane, once its node runs.
     * @throws IllegalStateException when it is not known in time.
     */
    ActrId awaitLocalId(long timeoutMs);

    /**
     * @return the arguments that join the exchange process ({@link DemoExchangeNodeMain}) to this lane, besides its
     * {@code --dir} and {@code --lane}; e.g. {@code --signaling URI}.
     */
    List<String> exchangeArguments();

    /**
     * @param readyAddress what the exchange process printed after {@code READY}.
     * @return the exchange node's id on the lane.
     * @throws IllegalArgumentException when the line names none.
     */
    ActrId exchangeNodeId(String readyAddress);

    /**
     * Stop what this lane started for the run. Idempotent.
     */
    @Override
    void close();
}
