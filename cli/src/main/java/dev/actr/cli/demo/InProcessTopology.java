package dev.actr.cli.demo;

import dev.actr.engine.ActrNode;
import dev.actr.engine.HostClient;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.replay.ReplayReport;
import dev.actr.engine.replay.Replayer;
import dev.actr.lanes.inproc.InProcessLane;
import dev.actr.lanes.inproc.InProcessNetwork;
import org.agrona.CloseHelper;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo in this JVM: every actor on one durable node ({@link #oneNode()}, lane {@code local}), or the client
 * side on an in-memory node and the exchange side on a durable one, joined by the {@link InProcessLane}
 * ({@link #twoNodes()}, lane {@code in-process}).
 */
public final class InProcessTopology implements DemoTopology
{
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final boolean twoNodes;

    private InProcessTopology(final boolean twoNodes)
    {
        this.twoNodes = twoNodes;
    }

    /**
     * @return every actor on one node.
     */
    public static InProcessTopology oneNode()
    {
        return new InProcessTopology(false);
    }

    /**
     * @return two nodes of this JVM over the in-process lane.
     */
    public static InProcessTopology twoNodes()
    {
        return new InProcessTopology(true);
    }

    @Override
    public String name()
    {
        return twoNodes ? DemoTopologies.IN_PROCESS : DemoTopologies.LOCAL;
    }

    @Override
    public DemoDeployment deploy(final DemoContext ctx, final Path directory)
    {
        final Path nodeDirectory = directory.resolve(twoNodes ? "exchange-node" : "node");
        if (!twoNodes)
        {
            final DemoAddresses addresses = DemoAddresses.oneNode();
            final NodeContext node = DemoNodes.journalledNode(nodeDirectory, "actr-demo-node");
            DemoActors.clientSide(node, addresses, ctx.riskTimeoutMs());
            DemoActors.exchangeSide(node, addresses);
            return new Deployment(null, ActrNode.launch(node), addresses, nodeDirectory, false, ctx.riskTimeoutMs());
        }
        final DemoAddresses addresses = DemoAddresses.twoNodes(DemoIds.CLIENT_NODE, DemoIds.EXCHANGE_NODE);
        final InProcessNetwork network = new InProcessNetwork();
        final ActrNode exchangeNode = ActrNode.launch(DemoActors.exchangeSide(
            DemoNodes.journalledNode(nodeDirectory, "actr-demo-exchange").lane(
                new InProcessLane(network, DemoIds.EXCHANGE_NODE)), addresses));
        ActrNode clientNode = null;
        try
        {
            final InProcessLane clientLane = new InProcessLane(network, DemoIds.CLIENT_NODE);
            clientNode = ActrNode.launch(DemoActors.clientSide(
                DemoNodes.clientNode("actr-demo-client").lane(clientLane), addresses, ctx.riskTimeoutMs()));
            clientLane.connect(DemoIds.EXCHANGE_NODE);
            awaitConnected(clientNode, exchangeNode);
            return new Deployment(clientNode, exchangeNode, addresses, nodeDirectory, true, ctx.riskTimeoutMs());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(clientNode, exchangeNode);
            throw ex;
        }
    }

    static void awaitConnected(final ActrNode a, final ActrNode b)
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (a.counter(SystemCounter.PEERS_CONNECTED) < 1 || b.counter(SystemCounter.PEERS_CONNECTED) < 1)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the demo's nodes did not connect within " +
                    TimeUnit.NANOSECONDS.toSeconds(CONNECT_TIMEOUT_NS) + " s");
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
    }

    @Override
    public String toString()
    {
        return name();
    }

    /** The nodes of one lane's run. */
    private static final class Deployment implements DemoDeployment
    {
        private final ActrNode clientNode;
        private final ActrNode journalledNode;
        private final DemoAddresses addresses;
        private final Path directory;
        private final boolean exchangeSideOnly;
        private final long riskTimeoutMs;

        Deployment(
            final ActrNode clientNode,
            final ActrNode journalledNode,
            final DemoAddresses addresses,
            final Path directory,
            final boolean exchangeSideOnly,
            final long riskTimeoutMs)
        {
            this.clientNode = clientNode;
            this.journalledNode = journalledNode;
            this.addresses = addresses;
            this.directory = directory;
            this.exchangeSideOnly = exchangeSideOnly;
            this.riskTimeoutMs = riskTimeoutMs;
        }

        @Override
        public HostClient host()
        {
            return clientNode == null ? journalledNode.host() : clientNode.host();
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
            return Replayer.replay(directory.resolve("journal"),
                DemoNodes.replayOf(exchangeSideOnly, addresses, riskTimeoutMs));
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(clientNode, journalledNode);
        }
    }
}
