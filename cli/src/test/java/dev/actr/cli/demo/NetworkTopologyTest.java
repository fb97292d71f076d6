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

/**
 * The websocket lane end to end: a signaling server embedded in this JVM, the client node here, the exchange node
 * in a child JVM; both register, the ids signaling assigned flow as {@link TwoProcessTopology} says, and the run
 * passes every check with the same fills as the in-process lane.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NetworkTopologyTest
{
    @TempDir
    Path dir;

    @Test
    void shouldMakeTheSameFillsOverWebSocketBetweenTwoProcessesAsInProcessAndReplayTheExchangeNodeIdentically()
        throws Exception
    {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final DemoResult result = Demo.run(new DemoContext().orders(2_000).seed(5).json(true).directory(dir)
            .lanes(List.of(DemoTopologies.IN_PROCESS, DemoTopologies.WEBSOCKET)),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(result.failures()).isEmpty();
        final LaneResult inProcess = result.lanes().get(0);
        final LaneResult websocket = result.lanes().get(1);
        assertThat(websocket.lane()).isEqualTo(DemoTopologies.WEBSOCKET);
        assertThat(websocket.fingerprint()).isEqualTo(inProcess.fingerprint());
        assertThat(websocket.fills()).isEqualTo(inProcess.fills()).isPositive();
        assertThat(websocket.failedRequests()).isZero();
        assertThat(websocket.replayIdentical()).isTrue();
        assertThat(websocket.replayInputs).isPositive();
        assertThat(websocket.tapeReceived).isEqualTo(websocket.fills());

        final JsonNode json = new ObjectMapper().readTree(printed.toString(StandardCharsets.UTF_8));
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("lanes").get(1).get("replay").get("identical").asBoolean()).isTrue();
        final Path exchangeLog = dir.resolve(DemoTopologies.WEBSOCKET).resolve("exchange-node.log");
        assertThat(Files.readString(exchangeLog)).as("the exchange process's standard error")
            .doesNotContain("SEVERE", "WARNING").doesNotContainPattern("(Exception|Error)(:|\\R)");
        assertThat(Files.isDirectory(dir.resolve(DemoTopologies.WEBSOCKET).resolve("exchange-node/journal")))
            .isTrue();
    }
}
