package dev.actr.cli.demo;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.replay.ReplayReport;
import dev.actr.engine.replay.Replayer;
import dev.actr.lanes.Lane;
import dev.actr.lanes.inproc.InProcessLane;
import dev.actr.lanes.inproc.InProcessNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link DemoExchangeNodeMain} as a real child process, started and stopped by {@link ExchangeProcess}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ExchangeProcessTest
{
    private static final long READY_TIMEOUT_MS = 60_000;
    private static final List<String> FIXED_EXCHANGE_NODE =
        List.of("--exchange-node", ActrIds.format(DemoIds.EXCHANGE_NODE));

    @TempDir
    Path dir;

    @Test
    void shouldRunTheExchangeSideInAChildProcessUntilToldToStopAndLeaveAJournalThatReplays()
    {
        final Path node = dir.resolve("exchange-node");
        final ExchangeProcess child = ExchangeProcess.start(node, DemoLaneBinding.NONE.name(), FIXED_EXCHANGE_NODE);

        assertThat(child.awaitReady(READY_TIMEOUT_MS)).isEqualTo("-");
        child.bindClient(DemoIds.CLIENT_NODE, 10_000);
        assertThat(child.stop(30_000)).isEqualTo(DemoExchangeNodeMain.EXIT_OK);
        assertThat(child.stoppedCleanly()).isTrue();
        final ReplayReport replay = Replayer.replay(node.resolve("journal"),
            DemoNodes.replayOf(true, DemoAddresses.twoNodes(DemoIds.CLIENT_NODE, DemoIds.EXCHANGE_NODE), 1_000));
        assertThat(replay.isIdentical()).as(replay.toString()).isTrue();
        assertThat(replay.inputs()).as("the run's start").isPositive();
    }

    @Test
    void shouldReportAChildThatCannotStartAndLeaveItsFolderAlone() throws Exception
    {
        final Path node = Files.createDirectories(dir.resolve("exchange-node"));
        Files.writeString(node.resolve("marker"), "an earlier run");

        assertThatThrownBy(() -> ExchangeProcess.start(node, DemoLaneBinding.NONE.name(), FIXED_EXCHANGE_NODE)
            .awaitReady(READY_TIMEOUT_MS))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("did not start")
            .hasMessageContaining("is not empty");
        assertThat(Files.readString(node.resolve("marker"))).isEqualTo("an earlier run");
    }

    @Test
    void shouldRefuseBadArgumentsWithUsage()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        final BufferedReader in = new BufferedReader(new StringReader(""));

        assertThat(DemoExchangeNodeMain.run(new String[]{"--lane", "none"}, (name, uri) -> DemoLaneBinding.NONE, in,
            System.out, errStream)).isEqualTo(DemoExchangeNodeMain.EXIT_USAGE);
        assertThat(DemoExchangeNodeMain.run(new String[]{"--dir", dir.toString(), "--lane", "smoke-signals"},
            DemoLaneBindings::forName, in, System.out, errStream)).isEqualTo(DemoExchangeNodeMain.EXIT_USAGE);
        assertThat(DemoExchangeNodeMain.run(new String[]{"--dir", dir.toString(), "--client-node", "nonsense"},
            (name, uri) -> DemoLaneBinding.NONE, in, System.out, errStream)).isEqualTo(DemoExchangeNodeMain.EXIT_USAGE);
        assertThat(DemoExchangeNodeMain.run(new String[]{"--dir", dir.toString(), "--lane", "websocket"},
            DemoLaneBindings::forName, in, System.out, errStream)).isEqualTo(DemoExchangeNodeMain.EXIT_USAGE);
        assertThat(DemoExchangeNodeMain.run(new String[]{"--dir", dir.toString(), "--signalling", "ws://x"},
            DemoLaneBindings::forName, in, System.out, errStream)).isEqualTo(DemoExchangeNodeMain.EXIT_USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8))
            .contains("--dir is required", "usage:", "unknown lane 'smoke-signals'", "--client-node",
                "--lane websocket needs --signaling URI", "unknown option --signalling");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldLearnTheClientNodeOnceFromStandardInputAndFailOnAnotherId()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final String client = ActrIds.format(DemoIds.CLIENT_NODE);
        final BufferedReader in = new BufferedReader(new StringReader("hello\nCLIENT " + client + "\nCLIENT " +
            client + "\nCLIENT " + ActrIds.format(DemoIds.GATEWAY) + "\n"));

        final int status = DemoExchangeNodeMain.run(new String[]{"--dir", dir.resolve("node").toString()},
            DemoLaneBindings::forName, in, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status).isEqualTo(DemoExchangeNodeMain.EXIT_FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8).split("\\R")).containsExactly("READY -", "BOUND " + client,
            "BOUND " + client, "FAILED java.lang.IllegalStateException: the client node is " + client +
            " already, not " + ActrIds.format(DemoIds.GATEWAY));
    }

    @Test
    void shouldStopTheChildWhenTheClientCannotConnectAndSayWhy() throws Exception
    {
        final TwoProcessTopology topology = new TwoProcessTopology(DemoLaneBinding.NONE.name(),
            directory -> new UnreachableClientLane(), READY_TIMEOUT_MS, 500);

        assertThatThrownBy(() -> topology.deploy(new DemoContext(), dir))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("could not connect to the exchange process over none");
        assertThat(Files.readString(dir.resolve("exchange-node.log"))).as("the child's standard error")
            .doesNotContain("Exception");
        final ReplayReport replay = Replayer.replay(dir.resolve("exchange-node/journal"),
            DemoNodes.replayOf(true, DemoAddresses.twoNodes(DemoIds.CLIENT_NODE, DemoIds.EXCHANGE_NODE), 1_000));
        assertThat(replay.isIdentical()).as("the child stopped cleanly: " + replay).isTrue();
    }

    /** The client's half of a lane of fixed ids on which nobody answers: an in-process network of its own. */
    private static final class UnreachableClientLane implements DemoClientLane
    {
        private final InProcessLane lane = new InProcessLane(new InProcessNetwork(), DemoIds.CLIENT_NODE);

        @Override
        public Lane lane()
        {
            return lane;
        }

        @Override
        public ActrId awaitLocalId(final long timeoutMs)
        {
            return DemoIds.CLIENT_NODE;
        }

        @Override
        public List<String> exchangeArguments()
        {
            return FIXED_EXCHANGE_NODE;
        }

        @Override
        public ActrId exchangeNodeId(final String readyAddress)
        {
            assertThat(readyAddress).isEqualTo("-");
            return DemoIds.EXCHANGE_NODE;
        }

        @Override
        public void close()
        {
        }
    }
}
