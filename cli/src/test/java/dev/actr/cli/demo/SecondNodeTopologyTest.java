package dev.actr.cli.demo;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.HostClient;
import dev.actr.engine.NodeContext;
import dev.actr.engine.replay.ReplayReport;
import dev.actr.engine.replay.Replayer;
import dev.actr.lanes.inproc.InProcessLane;
import dev.actr.lanes.inproc.InProcessNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of a two-process topology, in one JVM: the exchange side is served by
 * {@link DemoExchangeNodeMain#serve} (what the child process runs) on a thread of its own, told to stop through its
 * standard input, and joined to the client node by a {@link DemoLaneBinding} — here the in-process lane's. A whole
 * demo run over it must pass every check and make the same fills as the in-process lane.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecondNodeTopologyTest
{
    @Test
    void shouldPassEveryCheckWithTheExchangeSideServedByTheSecondProcessEntryPoint()
    {
        final DemoResult result = Demo.run(new DemoContext().orders(2_000).seed(5).json(true)
            .lanes(List.of(DemoTopologies.IN_PROCESS)).topology(new ServedTopology()),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(result.failures()).isEmpty();
        assertThat(result.lanes()).hasSize(2);
        assertThat(result.lanes().get(1).lane()).isEqualTo("served");
        assertThat(result.lanes().get(1).fingerprint()).isEqualTo(result.lanes().get(0).fingerprint());
        assertThat(result.lanes().get(1).replayIdentical()).isTrue();
    }

    /** The in-process lane as a binding: what a WebSocket or WebRTC binding does over a network. */
    private static final class InProcessBinding implements DemoLaneBinding
    {
        private final InProcessNetwork network;

        InProcessBinding(final InProcessNetwork network)
        {
            this.network = network;
        }

        @Override
        public String name()
        {
            return "in-process";
        }

        @Override
        public void bindExchangeNode(final NodeContext node, final ActrId exchangeNodeId)
        {
            node.lane(new InProcessLane(network, exchangeNodeId));
        }

        @Override
        public String address(final ActrNode node)
        {
            return "-";
        }
    }

    /** Serves the exchange side through the entry point, as a second process would. */
    private static final class ServedTopology implements DemoTopology
    {
        @Override
        public String name()
        {
            return "served";
        }

        @Override
        public DemoDeployment deploy(final DemoContext ctx, final Path directory)
        {
            final InProcessNetwork network = new InProcessNetwork();
            final Path nodeDirectory = directory.resolve("exchange-node");
            final PipedWriter stdin = new PipedWriter();
            final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            final CompletableFuture<Integer> exit;
            try
            {
                final BufferedReader in = new BufferedReader(new PipedReader(stdin));
                final PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
                exit = CompletableFuture.supplyAsync(() -> DemoExchangeNodeMain.serve(nodeDirectory,
                    new InProcessBinding(network), PeerNodeId.known("the client node", DemoIds.CLIENT_NODE),
                    DemoIds.EXCHANGE_NODE, in, out));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!stdout.toString(StandardCharsets.UTF_8).startsWith("READY") && System.nanoTime() < deadlineNs)
            {
                assertThat(exit).isNotDone();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            final DemoAddresses addresses = DemoAddresses.twoNodes(DemoIds.CLIENT_NODE, DemoIds.EXCHANGE_NODE);
            final InProcessLane lane = new InProcessLane(network, DemoIds.CLIENT_NODE);
            final ActrNode client = ActrNode.launch(DemoActors.clientSide(
                DemoNodes.clientNode("actr-demo-client").lane(lane), addresses, ctx.riskTimeoutMs()));
            lane.connect(DemoIds.EXCHANGE_NODE);
            return new DemoDeployment()
            {
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
                    return nodeDirectory;
                }

                @Override
                public ReplayReport replay()
                {
                    return Replayer.replay(nodeDirectory.resolve("journal"),
                        DemoNodes.replayOf(true, addresses, ctx.riskTimeoutMs()));
                }

                @Override
                public void close()
                {
                    client.close();
                    try
                    {
                        stdin.write("STOP\n");
                        stdin.flush();
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                    assertThat(exit.join()).isEqualTo(DemoExchangeNodeMain.EXIT_OK);
                    assertThat(stdout.toString(StandardCharsets.UTF_8)).endsWith("STOPPED" + System.lineSeparator());
                }
            };
        }
    }
}
