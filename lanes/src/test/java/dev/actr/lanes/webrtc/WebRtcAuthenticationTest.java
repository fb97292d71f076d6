package dev.actr.lanes.webrtc;

import dev.actr.codec.fragment.FragmentDescriptor;
import dev.actr.codec.fragment.FragmentHeaderFlyweight;
import dev.actr.codec.proto.PayloadType;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authentication hook: nothing is reported or sendable before both sides verified each other; a frame before
 * that is a protocol error; a failed verification closes with AUTH_FAILED.
 */
@Tag("netns")
@Timeout(60)
class WebRtcAuthenticationTest
{
    @BeforeEach
    void network()
    {
        TestNetwork.assumeAvailable();
    }

    @Test
    void shouldReportConnectedOnlyAfterBothSidesVerified() throws Exception
    {
        final TestAuthenticators.Gated gateB = new TestAuthenticators.Gated();
        try (LanePair pair = new LanePair(ctx -> ctx, ctx -> ctx.authenticator(gateB)))
        {
            pair.laneA.connect(pair.idB);
            gateB.begun().get(10, TimeUnit.SECONDS);
            final WebRtcConnection a = pair.laneA.connectionTo(pair.idB).get(5, TimeUnit.SECONDS);
            Await.until(() -> a.state() == WebRtcConnection.VERIFIED, 5_000, () -> "A verified B");
            assertThat(pair.ingressA.events.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(a.send(0, new UnsafeBuffer(new byte[1]), 0, 1)).isEqualTo(Lane.NOT_CONNECTED);
            gateB.release();
            assertThat(pair.ingressA.expect(RecordingIngress.CONNECTED, 5_000).peer).isEqualTo(pair.idB);
            assertThat(pair.ingressB.expect(RecordingIngress.CONNECTED, 5_000).peer).isEqualTo(pair.idA);
        }
    }

    @Test
    void shouldCloseWithProtocolErrorOnFrameBeforeThePeerWasVerified() throws Exception
    {
        final TestAuthenticators.Gated gateB = new TestAuthenticators.Gated();
        try (LanePair pair = new LanePair(ctx -> ctx, ctx -> ctx.authenticator(gateB)))
        {
            pair.laneA.connect(pair.idB);
            gateB.begun().get(10, TimeUnit.SECONDS);
            final WebRtcConnection a = pair.laneA.connectionTo(pair.idB).get(5, TimeUnit.SECONDS);
            final UnsafeBuffer fragment = new UnsafeBuffer(new byte[FragmentDescriptor.HEADER_LENGTH + 4]);
            FragmentHeaderFlyweight.encode(fragment, 0, 1, 0, 1);
            assertThat(a.channels.proxy(PayloadType.RPC_RELIABLE_VALUE).sendRaw(fragment, 0, fragment.capacity()))
                .isEqualTo(Lane.OK);
            final RecordingIngress.Event failed = pair.ingressA.expect(RecordingIngress.CONNECT_FAILED, 5_000);
            assertThat(failed.peer).isEqualTo(pair.idB);
            Await.until(() -> pair.laneB.counter(WebRtcCounter.PROTOCOL_ERRORS) == 1, 5_000, () -> "B's protocol error");
            assertThat(pair.ingressB.frames).isEmpty();
            assertThat(pair.ingressB.events).isEmpty();
        }
    }

    @Test
    void shouldCloseWithAuthFailedWhenThePeerCannotBeVerified() throws Exception
    {
        final TestAuthenticators.Gated gateB = new TestAuthenticators.Gated();
        try (LanePair pair = new LanePair(ctx -> ctx, ctx -> ctx.authenticator(gateB)))
        {
            pair.laneB.connect(pair.idA); // B asks A (the offerer by rule) to offer
            gateB.begun().get(10, TimeUnit.SECONDS);
            gateB.reject();
            assertThat(pair.ingressB.expect(RecordingIngress.CONNECT_FAILED, 5_000).reason)
                .isEqualTo(DisconnectReason.AUTH_FAILED);
            assertThat(pair.ingressA.events.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
