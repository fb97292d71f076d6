package dev.actr.cli.demo;

import java.nio.file.Path;

/**
 * Opens the client side's half of a lane for one run of the {@link TwoProcessTopology}.
 */
@FunctionalInterface
public interface ClientLaneFactory
{
    /**
     * @param directory the lane's own folder (the exchange process's node folder goes under it).
     * @return the client side's lane for the run; the topology closes it.
     * @throws RuntimeException when what the lane needs (a signaling service, say) does not start.
     */
    DemoClientLane open(Path directory);
}
