package dev.actr.cli.demo;

import dev.actr.engine.ActrNode;
import dev.actr.engine.HostClient;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.replay.ReplayReport;
import dev.actr.engine.replay.Replayer;
import dev.actr.lanes.Lane;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo over a network lane between two processes: the exchange side runs in a child JVM
 * ({@link DemoExchangeNodeMain}, started by {@link ExchangeProcess} with the lane's name), the client side in this
 * one, on a node whose lane comes from a {@link ClientLaneFactory}. After the run the child is told to stop and
 * its journal — in this lane's folder — is replayed here with fresh actors. Lane-agnostic: a WebSocket or WebRTC
 * lane supplies its {@link DemoLaneBinding} (child side) and its {@link ClientLaneFactory} (this side).
 */
public final class TwoProcessTopology implements DemoTopology
{
    private final String laneName;
    private final ClientLaneFactory clientLanes;
    private final long readyTimeoutMs;
    private final long connectTimeoutMs;

    /**
     * @param laneName         the lane's name: the topology's, and the child's {@code --lane}.
     * @param clientLanes      makes the client node's lane.
     * @param readyTimeoutMs   longest wait for the child's {@code READY}.
     * @param connectTimeoutMs longest wait for the client node to connect to the child's.
     */
    public TwoProcessTopology(
        final String laneName, final ClientLaneFactory clientLanes, final long readyTimeoutMs,
        final long connectTimeoutMs)
    {
        this.laneName = laneName;
        this.clientLanes = clientLanes;
        this.readyTimeoutMs = readyTimeoutMs;
        this.connectTimeoutMs = connectTimeoutMs;
    }

    @Override
    public String name()
    {
        return laneName;
    }

    @Override
    public DemoDeployment deploy(final DemoContext ctx, final Path directory)
    {
        final Path nodeDirectory = directory.resolve("exchange-node");
        final DemoAddresses addresses = DemoAddresses.twoNodes(DemoIds.CLIENT_NODE, DemoIds.EXCHANGE_NODE);
        final ExchangeProcess child = ExchangeProcess.start(nodeDirectory, laneName, DemoIds.CLIENT_NODE,
            DemoIds.EXCHANGE_NODE, readyTimeoutMs);
        ActrNode client = null;
        try
        {
            final Lane lane = clientLanes.clientLane(DemoIds.CLIENT_NODE, DemoIds.EXCHANGE_NODE, child.address());
            client = ActrNode.launch(DemoActors.clientSide(DemoNodes.clientNode("actr-demo-client").lane(lane),
                addresses, ctx.riskTimeoutMs()));
            lane.connect(DemoIds.EXCHANGE_NODE);
            awaitConnected(client);
            return new Deployment(client, child, addresses, nodeDirectory, ctx.riskTimeoutMs());
        }
        catch (final RuntimeException ex)
        {
            if (client != null)
            {
                client.close();
            }
            child.stop(TimeUnit.SECONDS.toMillis(30));
            throw ex;
        }
    }

    private void awaitConnected(final ActrNode client)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs);
        while (client.counter(SystemCounter.PEERS_CONNECTED) < 1)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the client node did not connect to the exchange process over " +
                    laneName + " within " + connectTimeoutMs + " ms");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Override
    public String toString()
    {
        return name();
    }

    /** The client node here, the exchange side in the child. */
    private static final class Deployment implements DemoDeployment
    {
        private final ActrNode client;
        private final ExchangeProcess child;
        private final DemoAddresses addresses;
        private final Path directory;
        private final long riskTimeoutMs;
        private int childExit = Integer.MIN_VALUE;

        Deployment(
            final ActrNode client,
            final ExchangeProcess child,
            final DemoAddresses addresses,
            final Path directory,
            final long riskTimeoutMs)
        {
            this.client = client;
            this.child = child;
            this.addresses = addresses;
            this.directory = directory;
            this.riskTimeoutMs = riskTimeoutMs;
        }

        @Override
        public HostClient host()
        {
            return client.host();
        }

        @Override
        public DemoAddresses addresses()
        {
            return addresses;
        }

        @Override
        public Path journalledNodeDirectory()
        {
            return directory;
        }

        @Override
        public ReplayReport replay()
        {
            if (childExit != DemoExchangeNodeMain.EXIT_OK)
            {
                throw new IllegalStateException("the exchange process did not stop cleanly (exit " + childExit +
                    "); its journal may be incomplete");
            }
            return Replayer.replay(directory.resolve("journal"), DemoNodes.replayOf(true, addresses, riskTimeoutMs));
        }

        @Override
        public void close()
        {
            if (childExit != Integer.MIN_VALUE)
            {
                return;
            }
            try
            {
                client.close();
            }
            finally
            {
                childExit = child.stop(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }
}
