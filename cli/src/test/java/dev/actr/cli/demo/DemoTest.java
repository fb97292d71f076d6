package dev.actr.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whole demo runs, small: real nodes, the durable exchange node's real journal, real replays.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoTest
{
    private static final int ORDERS = 3_000;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void shouldMakeTheSameFillsOnOneNodeAndOnTwoNodesReplayIdenticallyAndPrintJsonThatParses() throws Exception
    {
        final DemoResult result = Demo.run(new DemoContext().orders(ORDERS).seed(7).json(true)
            .lanes(List.of(DemoTopologies.LOCAL, DemoTopologies.IN_PROCESS)), out);

        assertThat(result.failures()).isEmpty();
        assertThat(result.exitCode()).isZero();
        final LaneResult local = result.lanes().get(0);
        final LaneResult inProcess = result.lanes().get(1);
        assertThat(inProcess.fingerprint()).isEqualTo(local.fingerprint());
        assertThat(local.fills()).isEqualTo(inProcess.fills()).isPositive();
        assertThat(local.rejects()).as("risk refuses some of the flow").isPositive();
        assertThat(local.replayIdentical()).isTrue();
        assertThat(inProcess.replayIdentical()).isTrue();

        final JsonNode json = new ObjectMapper().readTree(printed.toString(StandardCharsets.UTF_8));
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("lanes")).hasSize(2);
        final JsonNode lane = json.get("lanes").get(1);
        assertThat(lane.get("lane").asText()).isEqualTo(DemoTopologies.IN_PROCESS);
        assertThat(lane.get("orders").asLong()).isEqualTo(ORDERS);
        assertThat(lane.get("fills").asLong()).isEqualTo(inProcess.fills());
        assertThat(lane.get("fingerprint").asText()).isEqualTo(inProcess.fingerprint());
        assertThat(lane.get("latencyUs").get("p99").asDouble()).isPositive();
        assertThat(lane.get("latencyUs").get("count").asLong()).isEqualTo(ORDERS - ORDERS / 10);
        assertThat(lane.get("replay").get("identical").asBoolean()).isTrue();
        assertThat(lane.get("tape").get("received").asLong()).isEqualTo(inProcess.fills());
    }

    @Test
    void shouldMakeTheSameFillsForTheSameSeedAndOthersForAnotherSeed()
    {
        final DemoResult first = Demo.run(quiet().seed(11), out);
        final DemoResult again = Demo.run(quiet().seed(11), out);
        final DemoResult other = Demo.run(quiet().seed(12), out);

        assertThat(first.failures()).isEmpty();
        assertThat(again.failures()).isEmpty();
        assertThat(other.failures()).isEmpty();
        assertThat(again.lanes().get(0).fingerprint()).isEqualTo(first.lanes().get(0).fingerprint());
        assertThat(other.lanes().get(0).fingerprint()).isNotEqualTo(first.lanes().get(0).fingerprint());
    }

    @Test
    void shouldRunTheOpenLoopAndPrintTheTableAndTheJournalCommandsOfKeptFolders()
    {
        final DemoResult result = Demo.run(new DemoContext().orders(2_000).ratePerSecond(2_000).progress(false)
            .lanes(List.of(DemoTopologies.IN_PROCESS)).directory(dir.resolve("runs")).keep(true), out);

        assertThat(result.failures()).isEmpty();
        final String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("open loop at 2,000/s", "in-process", "identical", "PASSED",
            "./actr journal stats " + dir.resolve("runs").resolve("in-process").resolve("exchange-node"));
        assertThat(Files.isDirectory(dir.resolve("runs/in-process/exchange-node/journal"))).isTrue();
    }

    @Test
    void shouldFailALaneWhoseFolderHoldsAnEarlierRunWithoutTouchingIt() throws Exception
    {
        final Path earlier = Files.createDirectories(dir.resolve("in-process/exchange-node"));
        Files.writeString(earlier.resolve("marker"), "earlier run");

        final DemoResult result = Demo.run(quiet().directory(dir), out);

        assertThat(result.exitCode()).isEqualTo(DemoResult.EXIT_FAILED);
        assertThat(result.failures()).singleElement().asString().contains("is not empty", "--dir");
        assertThat(Files.readString(earlier.resolve("marker"))).isEqualTo("earlier run");
    }

    @Test
    void shouldRefuseUnknownLanesAndBadOptionsWithAClearError()
    {
        assertThatThrownBy(() -> Demo.run(new DemoContext().lanes(List.of("carrier-pigeon")), out))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("unknown lane 'carrier-pigeon'")
            .hasMessageContaining(DemoTopologies.IN_PROCESS);
        assertThatThrownBy(() -> Demo.run(new DemoContext().orders(0), out))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("orders must be > 0");
        assertThatThrownBy(() -> Demo.run(new DemoContext().outstanding(0), out))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("outstanding must be > 0");
    }

    private static DemoContext quiet()
    {
        return new DemoContext().orders(ORDERS).json(true).lanes(List.of(DemoTopologies.IN_PROCESS));
    }
}
