package dev.actr.lanes.websocket;

import dev.actr.codec.id.ActrIds;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.actr.lanes.testing.Await;
import dev.actr.lanes.testing.RecordingIngress.Event;
import dev.actr.lanes.testing.TestCredentials;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.actr.lanes.websocket.LaneFixture.WAIT_MS;
import static dev.actr.lanes.websocket.WebSocketLaneTest.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer process killed (SIGKILL) while it streams frames to this node: the lane reports the connection
 * disconnected, delivers no frame after that, and refuses sends on it.
 */
@Timeout(120)
class WebSocketLaneKillTest
{
    @TempDir
    Path dir;

    private final LaneFixture fixture = new LaneFixture();
    private Process child;

    @AfterEach
    void tearDown() throws InterruptedException
    {
        if (child != null)
        {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        fixture.close();
    }

    @Test
    void shouldReportAPeerKilledMidStreamAsDisconnected() throws Exception
    {
        // a fresh JVM on a busy machine can take seconds over its first handshake
        final TestCredentials.Node parentIdentity = fixture.issuer.node("a1@5/acme:parent:1");
        final LaneFixture.Node parent = fixture.start(parentIdentity,
            fixture.context(parentIdentity).handshakeTimeoutMs(30_000));
        final TestCredentials.Node peer = fixture.issuer.node("b2@5/acme:child:1");
        Files.write(dir.resolve("credential.bin"), peer.credential.toByteArray());
        Files.write(dir.resolve("node.pkcs8"), peer.keys.getPrivate().getEncoded());
        Files.write(dir.resolve("node.x509"), peer.keys.getPublic().getEncoded());
        Files.write(dir.resolve("signing.x509"), fixture.issuer.signingKeys().getPublic().getEncoded());

        child = startChild(ActrIds.format(parent.id()), parent.lane.advertisedAddress());
        final BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8));
        final String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY"))
        {
            child.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("child did not connect; its stderr:\n" + Files.readString(dir.resolve("child.err")));
        }
        final Event connected = parent.ingress.event(30_000);
        assertThat(connected.kind).as(connected.toString()).isEqualTo("CONNECTED");
        assertThat(connected.peer).isEqualTo(peer.id);
        for (int i = 0; i < 100; i++)
        {
            final dev.actr.lanes.testing.RecordingIngress.Frame frame;
            try
            {
                frame = parent.ingress.frame(WAIT_MS);
            }
            catch (final AssertionError ex)
            {
                throw new AssertionError("frame " + i + ": " + ex.getMessage() + "; child's stderr:\n" +
                    Files.readString(dir.resolve("child.err")) + "\nlane: malformed=" +
                    parent.lane.counter(LaneCounter.FRAMES_MALFORMED) + " received=" +
                    parent.lane.counter(LaneCounter.FRAMES_RECEIVED) + " events=" + parent.ingress.eventsWaiting(), ex);
            }
            assertThat(new UnsafeBuffer(frame.payload).getInt(0)).isEqualTo(i);
        }

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        final Event closed = expect(parent.ingress, "DISCONNECTED");
        assertThat(closed.connectionId).isEqualTo(connected.connectionId);
        assertThat(closed.reason).as(DisconnectReason.name(closed.reason))
            .isIn(DisconnectReason.NETWORK_ERROR, DisconnectReason.PEER_CLOSE);
        final UnsafeBuffer one = new UnsafeBuffer(new byte[1]);
        Await.until("sends refused", () -> parent.lane.send(connected.connectionId, 0, one, 0, 1) == Lane.NOT_CONNECTED);
        assertThat(parent.ingress.violations()).as("no frame after the disconnect").isEmpty();
        assertThat(parent.lane.connectionCount()).isZero();
    }

    private Process startChild(final String parentId, final String parentAddress) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // the actr JVM flags (Agrona needs jdk.internal.misc), as Surefire gave them to this JVM
            if (flag.startsWith("--add-exports=") || flag.startsWith("--add-opens=") ||
                flag.startsWith("--enable-native-access=") || flag.startsWith("--sun-misc-unsafe-memory-access="))
            {
                command.add(flag);
            }
        }
        command.add("-Xmx128m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LaneChildMain.class.getName());
        command.add(dir.toString());
        command.add(parentId);
        command.add(parentAddress);
        command.add(Integer.toString(TestCredentials.KEY_ID));
        command.add(Long.toString(fixture.issuer.clock().time()));
        return new ProcessBuilder(command)
            .redirectError(dir.resolve("child.err").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    }
}
