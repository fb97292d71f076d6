package dev.actr.cli.demo;

import dev.actr.engine.HostClient;
import dev.actr.engine.replay.ReplayReport;

import java.nio.file.Path;

/**
 * The demo's nodes, running: what the host drives, and, once closed, the replay of the journalled node.
 */
public interface DemoDeployment extends AutoCloseable
{
    /**
     * @return the host of the client side's node (the gateway is its {@code Dest.workload(DemoIds.GATEWAY)}).
     */
    HostClient host();

    /**
     * @return how the client side reaches the exchange side (and back).
     */
    DemoAddresses addresses();

    /**
     * @return the folder of the durable, journalled node: its {@code journal/} is what {@link #replay} replays.
     */
    Path journalledNodeDirectory();

    /**
     * Replay the journalled node's journal with fresh instances of its actors. Only after {@link #close()}.
     *
     * @return "identical", or the first divergence.
     */
    ReplayReport replay();

    /**
     * Stop every node and process this deployment started; the journal is complete afterwards. Idempotent.
     */
    @Override
    void close();
}
