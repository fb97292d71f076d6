package dev.actr.cli.demo;

import dev.actr.engine.ActrNode;
import dev.actr.engine.HostClient;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.replay.ReplayReport;
import dev.actr.engine.replay.Replayer;
import org.agrona.CloseHelper;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo over a lane between two processes: the exchange side runs in a child JVM ({@link DemoExchangeNodeMain},
 * started by {@link ExchangeProcess} with the lane's name), the client side in this one, on a node whose lane comes
 * from a {@link ClientLaneFactory}. After the run the child is told to stop and its journal — in this lane's folder
 * — is replayed here with fresh actors. Lane-agnostic: a lane supplies its {@link DemoLaneBinding} (child side) and
 * its {@link DemoClientLane} (this side); the network lanes are {@link #network}.
 *
 * <p>How the ids flow (on a network lane the signaling service assigns them as the nodes register):
 * <ol>
 *   <li>the child starts at once; the client node launches here meanwhile, its gateway and subscriber made with
 *   the exchange node's id still to be learned ({@link PeerNodeId}), and once it runs its own id is known
 *   ({@link DemoClientLane#awaitLocalId});</li>
 *   <li>the child's {@code READY} line carries the exchange node's id, which the client side learns;</li>
 *   <li>the child is told the client node's id on its standard input ({@code CLIENT}), where market data will
 *   stream to, and answers {@code BOUND};</li>
 *   <li>only then does the client connect, and the host send its first request.</li>
 * </ol>
 * Every id is learned before the first request and never changes during the run, so the seed's argument
 * ({@link Demo}) holds as on the in-process lanes; the replay of the exchange node is made with the ids learned.
 */
public final class TwoProcessTopology implements DemoTopology
{
    /** Longest wait for the client node's id, once it runs. */
    static final long LOCAL_ID_TIMEOUT_MS = 30_000;
    /** Longest wait for the child's {@code READY}: a JVM start on a loaded machine, and its registration. */
    static final long READY_TIMEOUT_MS = 90_000;
    /** Longest wait for the child's {@code BOUND}. */
    static final long BIND_TIMEOUT_MS = 10_000;
    /** Longest wait for the client node to connect to the child's: above the WebRTC lane's own 15 s. */
    static final long CONNECT_TIMEOUT_MS = 30_000;

    private final String laneName;
    private final ClientLaneFactory clientLanes;
    private final long readyTimeoutMs;
    private final long connectTimeoutMs;

    /**
     * @param laneName         the lane's name: the topology's, and the child's {@code --lane}.
     * @param clientLanes      opens the client side's lane for a run.
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

    /**
     * @param lane the network lane.
     * @return the demo over that lane: a signaling server embedded here, the client node here, the exchange node in
     * a child process, both on the network.
     */
    public static TwoProcessTopology network(final DemoNetworkLane lane)
    {
        return new TwoProcessTopology(lane.laneName(), directory -> NetworkClientLane.open(lane), READY_TIMEOUT_MS,
            CONNECT_TIMEOUT_MS);
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
        final PeerNodeId clientNode = PeerNodeId.toLearn("the client node");
        final PeerNodeId exchangeNode = PeerNodeId.toLearn("the exchange node");
        final DemoAddresses addresses = DemoAddresses.twoNodes(clientNode, exchangeNode);
        final DemoClientLane lane = clientLanes.open(directory);
        ActrNode client = null;
        ExchangeProcess child = null;
        try
        {
            child = ExchangeProcess.start(nodeDirectory, laneName, lane.exchangeArguments());
            client = ActrNode.launch(DemoActors.clientSide(DemoNodes.clientNode("actr-demo-client").lane(lane.lane()),
                addresses, ctx.riskTimeoutMs()));
            clientNode.learn(lane.awaitLocalId(LOCAL_ID_TIMEOUT_MS));
            exchangeNode.learn(lane.exchangeNodeId(child.awaitReady(readyTimeoutMs)));
            child.bindClient(clientNode.id(), BIND_TIMEOUT_MS);
            lane.lane().connect(exchangeNode.id());
            awaitConnected(client);
            return new Deployment(client, child, lane, addresses, nodeDirectory, ctx.riskTimeoutMs());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(client);
            if (child != null)
            {
                child.stop(TimeUnit.SECONDS.toMillis(30));
            }
            CloseHelper.quietClose(lane);
            throw ex;
        }
    }

    private void awaitConnected(final ActrNode client)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs);
        while (client.counter(SystemCounter.PEERS_CONNECTED) < 1)
        {
            if (client.counter(SystemCounter.PEER_CONNECTS_FAILED) > 0)
            {
                throw new IllegalStateException("the client node could not connect to the exchange process over " +
                    laneName + " (the exchange process's log is beside its folder)");
            }
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
        private final DemoClientLane lane;
        private final DemoAddresses addresses;
        private final Path directory;
        private final long riskTimeoutMs;
        private int childExit = Integer.MIN_VALUE;

        Deployment(
            final ActrNode client,
            final ExchangeProcess child,
            final DemoClientLane lane,
            final DemoAddresses addresses,
            final Path directory,
            final long riskTimeoutMs)
        {
            this.client = client;
            this.child = child;
            this.lane = lane;
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
                lane.close();
            }
        }
    }
}
