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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ready connection whose network is cut ({@link NetworkCut}) recovers by ICE restarts within its budget, or is
 * reported disconnected once the budget is spent. Both peers keep-alive every 100 ms and call the peer silent after
 * 1 s; ICE restarts: 3 attempts of 1.5 s.
 */
@Tag("netns")
@Timeout(60)
class WebRtcIceRestartTest
{
    private static final long KEEPALIVE_TIMEOUT_MS = 1_000;
    private static final long RESTART_TIMEOUT_MS = 1_500;
    private static final int ATTEMPTS = 3;
    private static final int RELIABLE = PayloadType.RPC_RELIABLE_VALUE;

    private NetworkCut network;

    @BeforeEach
    void requireNetwork()
    {
        TestNetwork.assumeAvailable();
    }

    @AfterEach
    void mendNetwork()
    {
        if (network != null)
        {
            network.close();
        }
    }

    private static WebRtcLaneContext recovering(final WebRtcLaneContext ctx)
    {
        return ctx.keepaliveIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
            .keepaliveTimeoutNs(TimeUnit.MILLISECONDS.toNanos(KEEPALIVE_TIMEOUT_MS))
            .iceRestartDelayNs(TimeUnit.MILLISECONDS.toNanos(100))
            .iceRestartTimeoutNs(TimeUnit.MILLISECONDS.toNanos(RESTART_TIMEOUT_MS))
            .iceRestartAttempts(ATTEMPTS);
    }

    @Test
    void shouldRestartIceFromTheOffererFailSendsFastAndRecoverWhenTheNetworkReturns() throws Exception
    {
        try (LanePair pair = new LanePair(WebRtcIceRestartTest::recovering, WebRtcIceRestartTest::recovering).connect())
        {
            final WebRtcConnection a = pair.laneA.connection(pair.connectionA);
            final WebRtcConnection b = pair.laneB.connection(pair.connectionB);
            assertThat(send(pair.laneA, pair.connectionA, "before")).isEqualTo(Lane.OK);
            Await.until(() -> pair.ingressB.frames.size() == 1, 5_000, () -> "the first frame");

            network = NetworkCut.cut();
            assertThat(send(pair.laneA, pair.connectionA, "queued")).as("not noticed yet: queued").isEqualTo(Lane.OK);
            Await.until(() -> a.state() == WebRtcConnection.RECOVERING && b.state() == WebRtcConnection.RECOVERING,
                KEEPALIVE_TIMEOUT_MS + 5_000, () -> "both sides recovering: " + a + ", " + b);
            assertThat(send(pair.laneA, pair.connectionA, "refused")).isEqualTo(Lane.NOT_CONNECTED);
            assertThat(send(pair.laneB, pair.connectionB, "refused")).isEqualTo(Lane.NOT_CONNECTED);
            Await.until(() -> pair.laneA.counter(WebRtcCounter.ICE_RESTARTS) >= 1, 5_000, () -> "the offerer's restart");

            network.mend();
            Await.until(() -> a.state() == WebRtcConnection.READY && b.state() == WebRtcConnection.READY,
                ATTEMPTS * RESTART_TIMEOUT_MS + 5_000, () -> "both sides ready again: " + a + ", " + b +
                    ", A " + pair.laneA + ", B " + pair.laneB);
            assertThat(send(pair.laneA, pair.connectionA, "after")).isEqualTo(Lane.OK);
            assertThat(send(pair.laneB, pair.connectionB, "back")).isEqualTo(Lane.OK);
            Await.until(() -> pair.ingressB.frames.size() == 3 && pair.ingressA.frames.size() == 1, 5_000,
                () -> "the frames after the recovery");
            System.out.println("ICE restart: A " + pair.laneA + ", B " + pair.laneB);

            assertThat(texts(pair.ingressB.frames)).as("the frame queued during the outage was not lost")
                .containsExactly("before", "queued", "after");
            assertThat(texts(pair.ingressA.frames)).containsExactly("back");
            assertThat(pair.laneA.counter(WebRtcCounter.ICE_RESTARTS)).isBetween(1L, (long)ATTEMPTS);
            assertThat(pair.laneB.counter(WebRtcCounter.ICE_RESTARTS)).as("only the offerer restarts ICE").isZero();
            assertThat(pair.laneA.counter(WebRtcCounter.RECOVERIES)).isEqualTo(1);
            assertThat(pair.laneB.counter(WebRtcCounter.RECOVERIES)).isEqualTo(1);
            assertThat(pair.ingressA.events).as("the same connection throughout").isEmpty();
            assertThat(pair.ingressB.events).isEmpty();
        }
    }

    @Test
    void shouldReportDisconnectedOnBothSidesOnceTheRestartBudgetIsSpent() throws Exception
    {
        try (LanePair pair = new LanePair(WebRtcIceRestartTest::recovering, WebRtcIceRestartTest::recovering).connect())
        {
            network = NetworkCut.cut();
            final long cutNs = System.nanoTime();
            final long budgetMs = KEEPALIVE_TIMEOUT_MS + ATTEMPTS * RESTART_TIMEOUT_MS;

            final RecordingIngress.Event a = pair.ingressA.expect(RecordingIngress.DISCONNECTED, budgetMs + 10_000);
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(a.atNs - cutNs);
            final RecordingIngress.Event b = pair.ingressB.expect(RecordingIngress.DISCONNECTED, 10_000);
            System.out.println("ICE restart budget (" + budgetMs + " ms) spent: A disconnected after " + elapsedMs +
                " ms, B after " + TimeUnit.NANOSECONDS.toMillis(b.atNs - cutNs) + " ms; A " + pair.laneA + ", B " + pair.laneB);

            assertThat(a.reason).isEqualTo(DisconnectReason.NETWORK_ERROR);
            assertThat(b.reason).isEqualTo(DisconnectReason.NETWORK_ERROR);
            assertThat(pair.laneA.counter(WebRtcCounter.ICE_RESTARTS)).as("every attempt, no more").isEqualTo(ATTEMPTS);
            assertThat(elapsedMs).as("not before the budget was spent").isGreaterThanOrEqualTo(ATTEMPTS * RESTART_TIMEOUT_MS);
            assertThat(send(pair.laneA, pair.connectionA, "late")).isEqualTo(Lane.NOT_CONNECTED);
            assertThat(pair.laneA.counter(WebRtcCounter.RECOVERIES)).isZero();
        }
    }

    @Test
    void shouldCloseASilentPeerAtTheKeepaliveTimeoutWhenNoRestartIsAllowed() throws Exception
    {
        final UnaryOperator<WebRtcLaneContext> noRestart = ctx -> recovering(ctx).iceRestartAttempts(0);
        try (LanePair pair = new LanePair(noRestart, noRestart).connect())
        {
            network = NetworkCut.cut();
            final long cutNs = System.nanoTime();

            final RecordingIngress.Event a = pair.ingressA.expect(RecordingIngress.DISCONNECTED, KEEPALIVE_TIMEOUT_MS + 5_000);
            System.out.println("no ICE restart: disconnected after " + TimeUnit.NANOSECONDS.toMillis(a.atNs - cutNs) + " ms");

            assertThat(a.reason).isEqualTo(DisconnectReason.KEEPALIVE_TIMEOUT);
            assertThat(pair.ingressB.expect(RecordingIngress.DISCONNECTED, 5_000).reason)
                .isEqualTo(DisconnectReason.KEEPALIVE_TIMEOUT);
            assertThat(pair.laneA.counter(WebRtcCounter.ICE_RESTARTS)).isZero();
        }
    }

    private static int send(final WebRtcLane lane, final long connectionId, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return lane.send(connectionId, RELIABLE, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static List<String> texts(final List<RecordingIngress.Frame> frames)
    {
        return frames.stream().map(frame -> new String(frame.bytes, StandardCharsets.UTF_8)).collect(Collectors.toList());
    }
}
