package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.PayloadType;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real webrtc-java peers in one JVM, in the test network namespace.
 */
@Tag("netns")
@Timeout(60)
class WebRtcLaneTest
{
    @BeforeEach
    void network()
    {
        TestNetwork.assumeAvailable();
    }

    @Test
    void shouldConnectAndCarryFramesOfEveryPayloadTypeBothWays() throws Exception
    {
        try (LanePair pair = new LanePair().connect())
        {
            for (int type = 0; type < 4; type++)
            {
                assertThat(send(pair.laneA, pair.connectionA, type, "a->b " + type)).isEqualTo(Lane.OK);
                assertThat(send(pair.laneB, pair.connectionB, type, "b->a " + type)).isEqualTo(Lane.OK);
            }
            Await.until(() -> pair.ingressA.frames.size() == 4 && pair.ingressB.frames.size() == 4, 5_000,
                () -> "4 frames each way, got " + pair.ingressA.frames.size() + "/" + pair.ingressB.frames.size());
            assertThat(texts(pair.ingressB.frames)).containsExactlyInAnyOrder("0:a->b 0", "1:a->b 1", "2:a->b 2", "3:a->b 3");
            assertThat(texts(pair.ingressA.frames)).containsExactlyInAnyOrder("0:b->a 0", "1:b->a 1", "2:b->a 2", "3:b->a 3");
            assertThat(pair.ingressB.frames).allMatch(frame -> frame.connectionId == pair.connectionB);
            assertThat(pair.laneA.counter(WebRtcCounter.FRAMES_SENT)).isEqualTo(4);
            assertThat(pair.laneB.counter(WebRtcCounter.FRAMES_RECEIVED)).isEqualTo(4);
        }
    }

    @Test
    void shouldCarryOneMiBMessageThroughFragmentationByteExact() throws Exception
    {
        try (LanePair pair = new LanePair().connect())
        {
            final long seed = Long.getLong("actr.test.seed", System.nanoTime());
            System.out.println("shouldCarryOneMiBMessageThroughFragmentationByteExact seed " + seed);
            final byte[] message = new byte[1024 * 1024];
            new Random(seed).nextBytes(message);
            assertThat(pair.laneA.send(pair.connectionA, PayloadType.RPC_RELIABLE_VALUE,
                new UnsafeBuffer(message), 0, message.length)).isEqualTo(Lane.OK);
            Await.until(() -> pair.ingressB.frames.size() == 1, 10_000, () -> "the 1 MiB message");
            assertThat(pair.ingressB.frames.get(0).bytes).isEqualTo(message);
        }
    }

    @Test
    void shouldRefuseMessageAboveMaxMessageLengthAsOversize() throws Exception
    {
        try (LanePair pair = new LanePair(ctx -> ctx.maxMessageLength(100_000), ctx -> ctx).connect())
        {
            final byte[] message = new byte[100_001];
            assertThat(pair.laneA.send(pair.connectionA, PayloadType.RPC_RELIABLE_VALUE,
                new UnsafeBuffer(message), 0, message.length)).isEqualTo(Lane.OVERSIZE);
            assertThat(pair.laneA.send(pair.connectionA, PayloadType.RPC_RELIABLE_VALUE,
                new UnsafeBuffer(message), 0, 100_000)).isEqualTo(Lane.OK);
            Await.until(() -> pair.ingressB.frames.size() == 1, 10_000, () -> "the 100,000-byte message");
        }
    }

    @Test
    void shouldReportDisconnectOnBothSidesWhenOneSideDisconnects() throws Exception
    {
        try (LanePair pair = new LanePair().connect())
        {
            pair.laneA.disconnect(pair.connectionA);
            final RecordingIngress.Event a = pair.ingressA.expect(RecordingIngress.DISCONNECTED, 5_000);
            final RecordingIngress.Event b = pair.ingressB.expect(RecordingIngress.DISCONNECTED, 5_000);
            assertThat(a.connectionId).isEqualTo(pair.connectionA);
            assertThat(a.reason).isEqualTo(DisconnectReason.LOCAL_CLOSE);
            assertThat(b.connectionId).isEqualTo(pair.connectionB);
            assertThat(b.reason).isEqualTo(DisconnectReason.PEER_CLOSE);
            assertThat(send(pair.laneA, pair.connectionA, 0, "late")).isEqualTo(Lane.NOT_CONNECTED);
            assertThat(send(pair.laneB, pair.connectionB, 0, "late")).isEqualTo(Lane.NOT_CONNECTED);
        }
    }

    @Test
    void shouldAnswerNotConnectedForUnknownConnectionAndClosedAfterClose() throws Exception
    {
        final LanePair pair = new LanePair().connect();
        assertThat(send(pair.laneA, 999_999, 0, "x")).isEqualTo(Lane.NOT_CONNECTED);
        pair.close();
        assertThat(send(pair.laneA, pair.connectionA, 0, "x")).isEqualTo(Lane.CLOSED);
        assertThat(pair.ingressA.expect(RecordingIngress.DISCONNECTED, 5_000).reason)
            .isEqualTo(DisconnectReason.LOCAL_CLOSE);
    }

    @Test
    void shouldMakeOneConnectionWhenBothSidesConnectAtOnce() throws Exception
    {
        try (LanePair pair = new LanePair())
        {
            pair.laneB.connect(pair.idA);
            pair.laneA.connect(pair.idB);
            final long a = pair.ingressA.expect(RecordingIngress.CONNECTED, 10_000).connectionId;
            final long b = pair.ingressB.expect(RecordingIngress.CONNECTED, 10_000).connectionId;
            assertThat(send(pair.laneB, b, 1, "hello")).isEqualTo(Lane.OK);
            Await.until(() -> pair.ingressA.frames.size() == 1, 5_000, () -> "one frame");
            assertThat(pair.ingressA.frames.get(0).connectionId).isEqualTo(a);
            assertThat(pair.ingressA.events).isEmpty();
            assertThat(pair.ingressB.events).isEmpty();
        }
    }

    private static int send(final WebRtcLane lane, final long connectionId, final int type, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return lane.send(connectionId, type, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static List<String> texts(final List<RecordingIngress.Frame> frames)
    {
        return frames.stream()
            .map(frame -> frame.payloadType + ":" + new String(frame.bytes, StandardCharsets.UTF_8))
            .collect(Collectors.toList());
    }
}
