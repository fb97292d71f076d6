package dev.actr.cli.demo;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The webrtc lane end to end, in the test network namespace of {@code .ci/netns} (the cli module's
 * {@code webrtc-netns} execution starts this JVM there; the exchange process, its child, shares it): the client node
 * here and the exchange node in a child JVM negotiate DataChannels through the embedded signaling server, on the
 * namespace's veth addresses, and the run passes every check with the same fills as the in-process lane.
 */
@Tag("netns")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WebRtcDemoTest
{
    @TempDir
    Path dir;

    @Test
    void shouldMakeTheSameFillsOverWebRtcBetweenTwoProcessesAsInProcessAndReplayTheExchangeNodeIdentically()
    {
        assumeTestNamespace();
        final DemoContext ctx = new DemoContext().orders(2_000).seed(5).json(true).directory(dir)
            .lanes(List.of(DemoTopologies.IN_PROCESS, DemoTopologies.WEBRTC));

        final DemoResult result = Demo.run(ctx, new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8));

        assertThat(result.failures()).isEmpty();
        assertThat(result.lanes()).extracting(LaneResult::lane)
            .containsExactly(DemoTopologies.IN_PROCESS, DemoTopologies.WEBRTC);
        final LaneResult webRtc = result.lanes().get(1);
        assertThat(webRtc.fingerprint()).isEqualTo(result.lanes().get(0).fingerprint());
        assertThat(webRtc.fills()).isPositive();
        assertThat(webRtc.replayIdentical()).isTrue();
        assertThat(webRtc.tapeReceived).isEqualTo(webRtc.fills());
    }

    /**
     * Skip (saying why) where no namespace could be made (not root) or outside the namespace execution; fail when
     * the namespace lacks its test addresses.
     */
    private static void assumeTestNamespace()
    {
        final String unavailable = System.getenv("ACTR_NETNS_UNAVAILABLE");
        Assumptions.assumeTrue(unavailable == null, () -> "WebRTC demo skipped: no test network namespace: " +
            unavailable);
        Assumptions.assumeTrue(System.getenv("ACTR_NETNS") != null, "WebRTC demo skipped: not in a test network " +
            "namespace (Maven's webrtc-netns execution runs it there, or `.ci/netns private java ...`)");
        if (!hasAddress("192.0.2.10") || !hasAddress("192.0.2.11"))
        {
            fail("ACTR_NETNS=" + System.getenv("ACTR_NETNS") + " but the namespace lacks 192.0.2.10 and 192.0.2.11");
        }
        assertThat(NetworkInterfaceProbe.SYSTEM.usableInterface()).as("the probe sees the veth pair").isPresent();
    }

    private static boolean hasAddress(final String address)
    {
        try
        {
            return NetworkInterface.getByInetAddress(InetAddress.getByName(address)) != null;
        }
        catch (final Exception ex)
        {
            return false;
        }
    }
}
