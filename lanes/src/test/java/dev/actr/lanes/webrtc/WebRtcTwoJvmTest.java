package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.PayloadType;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer in a child JVM (same test namespace, relay over its stdin/stdout): frames cross processes, and a peer
 * killed with SIGKILL is reported disconnected within a second (keep-alive 100 ms, timeout 500 ms, no ICE restart).
 */
@Tag("netns")
@Timeout(60)
class WebRtcTwoJvmTest
{
    private Process child;

    @BeforeEach
    void network()
    {
        TestNetwork.assumeAvailable();
    }

    @AfterEach
    void killChild() throws InterruptedException
    {
        if (child != null)
        {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldCarryFramesToChildJvmAndReportItsDeathWithinOneSecond() throws Exception
    {
        child = startChild();
        final RecordingIngress ingress = new RecordingIngress();
        try (WebRtcLane lane = new WebRtcLane(new WebRtcLaneContext()
            .localId(InMemoryRelay.id(1))
            .relayChannel(new StreamRelay(child.getInputStream(), child.getOutputStream(), "parent-relay"))
            .authenticator(TestAuthenticators.TRUSTING)
            .keepaliveIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
            .keepaliveTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))
            .iceRestartAttempts(0))) // a silent peer is gone at once, not after an ICE restart budget
        {
            lane.start(ingress);
            lane.connect(InMemoryRelay.id(2));
            final long connection = ingress.expect(RecordingIngress.CONNECTED, 30_000).connectionId;
            for (int type = 0; type < 4; type++)
            {
                final byte[] bytes = ("to the child " + type).getBytes(StandardCharsets.UTF_8);
                assertThat(lane.send(connection, type, new UnsafeBuffer(bytes), 0, bytes.length)).isEqualTo(Lane.OK);
            }
            final byte[] big = new byte[300_000];
            big[299_999] = 7;
            assertThat(lane.send(connection, PayloadType.STREAM_RELIABLE_VALUE, new UnsafeBuffer(big), 0, big.length))
                .isEqualTo(Lane.OK);
            Await.until(() -> ingress.frames.size() == 5, 10_000, () -> "5 echoed frames");
            assertThat(ingress.frames.stream().filter(frame -> frame.bytes.length == big.length).findFirst().get().bytes)
                .isEqualTo(big);

            child.destroyForcibly(); // SIGKILL: no close notice, no SCTP shutdown
            final long killedNs = System.nanoTime();
            final RecordingIngress.Event event = ingress.expect(RecordingIngress.DISCONNECTED, 5_000);
            final long detectedMs = TimeUnit.NANOSECONDS.toMillis(event.atNs - killedNs);
            System.out.println("child JVM killed: onDisconnected " + DisconnectReason.name(event.reason) + " after " +
                detectedMs + " ms");
            assertThat(event.connectionId).isEqualTo(connection);
            assertThat(event.reason).isIn(DisconnectReason.KEEPALIVE_TIMEOUT, DisconnectReason.PEER_CLOSE,
                DisconnectReason.NETWORK_ERROR);
            assertThat(detectedMs).isLessThan(1_000);
            assertThat(lane.send(connection, 0, new UnsafeBuffer(big), 0, 1)).isEqualTo(Lane.NOT_CONNECTED);
        }
    }

    private static Process startChild() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native-access") ||
                arg.startsWith("--sun-misc-unsafe-memory-access") || arg.startsWith("-Dchronicle."))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WebRtcChildPeer.class.getName());
        command.add("2");
        command.add("100");
        command.add("500");
        return new ProcessBuilder(command)
            .redirectError(new File(System.getProperty("java.io.tmpdir"), "webrtc-child-peer.err"))
            .start();
    }
}
