package dev.actr.lanes.websocket;

import dev.actr.lanes.Lane;
import dev.actr.lanes.testing.Await;
import dev.actr.lanes.testing.RecordingIngress.Frame;
import dev.actr.lanes.testing.TestCredentials;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static dev.actr.lanes.websocket.LaneFixture.WAIT_MS;
import static dev.actr.lanes.websocket.WebSocketLaneTest.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end flow control between two lanes: the receiver's ingress pushes back, so its connection stops reading;
 * the sender's outbound buffer fills to its high-water mark and {@code send} says BACK_PRESSURED; when the ingress
 * takes frames again, every frame sent OK arrives, in order, and sending resumes.
 */
@Timeout(60)
class WebSocketLaneFlowControlTest
{
    private static final int FRAME = 64 * 1024;
    private static final int LOW = 64 * 1024;
    private static final int HIGH = 256 * 1024;
    private static final int MAX_SENDS = 20_000;

    private final LaneFixture fixture = new LaneFixture();

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void shouldPushBackWhenThePeerStopsReadingAndLoseNothingWhenItResumes() throws Exception
    {
        final TestCredentials.Node aliceIdentity = fixture.issuer.node("a1@5/acme:alice:1");
        final LaneFixture.Node alice = fixture.start(aliceIdentity,
            fixture.context(aliceIdentity).writeBufferWaterMarks(LOW, HIGH));
        final LaneFixture.Node bob = fixture.node("b2@5/acme:bob:1");
        alice.lane.connect(bob.id());
        final long connection = expect(alice.ingress, "CONNECTED").connectionId;
        expect(bob.ingress, "CONNECTED");
        bob.ingress.backPressure(true);

        final UnsafeBuffer payload = new UnsafeBuffer(new byte[FRAME]);
        int sent = 0;
        int result = Lane.OK;
        while (sent < MAX_SENDS && (result = alice.lane.send(connection, 0, stamp(payload, sent), 0, FRAME)) == Lane.OK)
        {
            sent++;
        }

        assertThat(result).as("pushed back after %d frames", sent).isEqualTo(Lane.BACK_PRESSURED);
        // the event loop may still be draining into the kernel's socket buffer, so only the bound is exact
        assertThat(alice.lane.pendingOutboundBytes(connection)).isPositive().isLessThanOrEqualTo((long)HIGH + FRAME + 64);
        assertThat(alice.lane.counter(LaneCounter.SEND_BACK_PRESSURED)).isEqualTo(1);
        Await.until("receiver held a frame and stopped reading", () -> bob.ingress.pushedBack() > 0);
        assertThat(bob.lane.counter(LaneCounter.INGRESS_BACK_PRESSURED)).isPositive();

        bob.ingress.backPressure(false);
        for (int i = 0; i < sent; i++)
        {
            final Frame frame = bob.ingress.frame(WAIT_MS);
            assertThat(new UnsafeBuffer(frame.payload).getInt(0)).as("frame %d in order", i).isEqualTo(i);
        }
        final int total = sent;
        Await.until("writable again", () -> alice.lane.send(connection, 0, stamp(payload, total), 0, FRAME) == Lane.OK,
            Duration.ofSeconds(10));
        assertThat(new UnsafeBuffer(bob.ingress.frame(WAIT_MS).payload).getInt(0)).isEqualTo(total);
        assertThat(bob.ingress.violations()).isEmpty();
    }

    /** Many small frames arrive in one read: all are held behind the first pushed back, none lost or reordered. */
    @Test
    void shouldKeepPushedBackFramesInOrderAcrossManySmallFrames() throws Exception
    {
        final LaneFixture.Node alice = fixture.node("a1@5/acme:alice:1");
        final LaneFixture.Node bob = fixture.node("b2@5/acme:bob:1");
        alice.lane.connect(bob.id());
        final long connection = expect(alice.ingress, "CONNECTED").connectionId;
        expect(bob.ingress, "CONNECTED");
        bob.ingress.backPressure(true);

        final UnsafeBuffer payload = new UnsafeBuffer(new byte[16]);
        for (int i = 0; i < 500; i++)
        {
            assertThat(alice.lane.send(connection, 1, stamp(payload, i), 0, 16)).isEqualTo(Lane.OK);
        }
        Await.until("held", () -> bob.ingress.pushedBack() > 0);
        bob.ingress.backPressure(false);

        for (int i = 0; i < 500; i++)
        {
            assertThat(new UnsafeBuffer(bob.ingress.frame(WAIT_MS).payload).getInt(0)).isEqualTo(i);
        }
        Await.until("all counted", () -> bob.lane.counter(LaneCounter.FRAMES_RECEIVED) == 500);
    }

    private static UnsafeBuffer stamp(final UnsafeBuffer payload, final int sequence)
    {
        payload.putInt(0, sequence);
        return payload;
    }
}
