package dev.actr.lanes.websocket;

import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.actr.lanes.session.AuthRejection;
import dev.actr.lanes.testing.Await;
import dev.actr.lanes.testing.RawLanePeer;
import dev.actr.lanes.testing.RecordingIngress.Event;
import dev.actr.lanes.testing.TestCredentials;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static dev.actr.lanes.websocket.LaneFixture.WAIT_MS;
import static dev.actr.lanes.websocket.WebSocketLaneTest.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peers that break the protocol or die: each case closes its own connection with a defined reason and counter,
 * and a well-behaved connection to the same lane carries on.
 */
@Timeout(30)
class WebSocketLaneMisbehaviourTest
{
    private static final int MAX_FRAME = 1024;

    private final LaneFixture fixture = new LaneFixture();
    private LaneFixture.Node bob;
    private LaneFixture.Node alice;
    private long aliceToBob;
    private long bobFromAlice;

    @BeforeEach
    void setUp() throws InterruptedException
    {
        final TestCredentials.Node bobIdentity = fixture.issuer.node("b2@5/acme:bob:1");
        bob = fixture.start(bobIdentity, fixture.context(bobIdentity).maxFrameLength(MAX_FRAME)
            .keepAliveMs(50, 400));
        alice = fixture.node("a1@5/acme:alice:1");
        alice.lane.connect(bob.id());
        aliceToBob = expect(alice.ingress, "CONNECTED").connectionId;
        bobFromAlice = expect(bob.ingress, "CONNECTED").connectionId;
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
        assertThat(bob.ingress.violations()).isEmpty();
    }

    @Test
    void shouldCloseOnlyTheConnectionThatSendsAnUnknownPayloadType() throws Exception
    {
        final RawLanePeer mallory = authenticatedPeer();
        final long malloryConnection = expect(bob.ingress, "CONNECTED").connectionId;

        mallory.sendFrame(9, "abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(mallory.closed().get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(1002);
        assertDisconnected(malloryConnection, DisconnectReason.PROTOCOL_ERROR);
        assertThat(bob.lane.counter(LaneCounter.FRAMES_MALFORMED)).isEqualTo(1);
        assertStillCarries();
    }

    @Test
    void shouldCloseOnlyTheConnectionWhoseFrameLengthIsNotItsMessage() throws Exception
    {
        final RawLanePeer mallory = authenticatedPeer();
        final long malloryConnection = expect(bob.ingress, "CONNECTED").connectionId;

        mallory.sendBinary(new byte[] {0, 0, 0, 0, 10, 'a', 'b', 'c'});

        assertThat(mallory.closed().get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(1002);
        assertDisconnected(malloryConnection, DisconnectReason.PROTOCOL_ERROR);
        assertThat(bob.lane.counter(LaneCounter.FRAMES_MALFORMED)).isEqualTo(1);
        assertStillCarries();
    }

    @Test
    void shouldCloseOnlyTheConnectionThatSendsAnOversizeFrame() throws Exception
    {
        final RawLanePeer mallory = authenticatedPeer();
        final long malloryConnection = expect(bob.ingress, "CONNECTED").connectionId;

        mallory.sendFrame(0, new byte[MAX_FRAME + 1]);

        assertThat(mallory.closed().get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(1009);
        assertDisconnected(malloryConnection, DisconnectReason.PROTOCOL_ERROR);
        assertThat(bob.lane.counter(LaneCounter.FRAMES_OVERSIZE)).isEqualTo(1);
        assertThat(bob.lane.counter(LaneCounter.FRAMES_RECEIVED)).isZero();
        assertStillCarries();
    }

    @Test
    void shouldCloseOnlyTheConnectionThatSendsText() throws Exception
    {
        final RawLanePeer mallory = authenticatedPeer();
        final long malloryConnection = expect(bob.ingress, "CONNECTED").connectionId;

        mallory.sendText("hello");

        assertThat(mallory.closed().get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(1003);
        assertDisconnected(malloryConnection, DisconnectReason.PROTOCOL_ERROR);
        assertStillCarries();
    }

    @Test
    void shouldTreatLaneFramesBeforeTheHandshakeAsAProtocolError() throws Exception
    {
        final RawLanePeer eager = fixture.track(new RawLanePeer(bob.lane.advertisedAddress(), null, null));
        eager.ready().get(WAIT_MS, TimeUnit.MILLISECONDS);

        eager.sendFrame(0, "too early".getBytes(StandardCharsets.US_ASCII));

        assertThat(eager.closed().get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(1002);
        assertThat(bob.lane.authCounters().rejected(AuthRejection.MALFORMED)).isEqualTo(1);
        assertThat(bob.lane.counter(LaneCounter.FRAMES_MALFORMED)).isEqualTo(1);
        assertThat(bob.ingress.eventsWaiting()).as("never reported connected").isZero();
        assertStillCarries();
    }

    @Test
    void shouldCloseAHandshakeThatNeverFinishes() throws Exception
    {
        final TestCredentials.Node carolIdentity = fixture.issuer.node("c3@5/acme:carol:1");
        final LaneFixture.Node carol = fixture.start(carolIdentity, fixture.context(carolIdentity)
            .handshakeTimeoutMs(200));
        final RawLanePeer silent = fixture.track(new RawLanePeer(carol.lane.advertisedAddress(), null, null));
        silent.ready().get(WAIT_MS, TimeUnit.MILLISECONDS);

        assertThat(silent.closed().get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo(1008);
        assertThat(carol.lane.authCounters().rejected(AuthRejection.TIMEOUT)).isEqualTo(1);
        assertThat(carol.ingress.eventsWaiting()).isZero();
    }

    @Test
    void shouldDetectAPeerThatStopsAnsweringPings() throws Exception
    {
        final RawLanePeer mute = authenticatedPeer();
        final long muteConnection = expect(bob.ingress, "CONNECTED").connectionId;

        mute.dropPings();

        final Event closed = expect(bob.ingress, "DISCONNECTED");
        assertThat(closed.connectionId).isEqualTo(muteConnection);
        assertThat(closed.reason).isEqualTo(DisconnectReason.KEEPALIVE_TIMEOUT);
        assertThat(bob.lane.counter(LaneCounter.KEEPALIVE_TIMEOUTS)).isEqualTo(1);
        assertStillCarries();
    }

    @Test
    void shouldReportAPeerResetMidStream() throws Exception
    {
        final RawLanePeer doomed = authenticatedPeer();
        final long doomedConnection = expect(bob.ingress, "CONNECTED").connectionId;
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[MAX_FRAME]);
        for (int i = 0; i < 50; i++)
        {
            bob.lane.send(doomedConnection, 2, payload, 0, MAX_FRAME);
        }

        doomed.abort();

        final Event closed = expect(bob.ingress, "DISCONNECTED");
        assertThat(closed.connectionId).isEqualTo(doomedConnection);
        assertThat(closed.reason).isEqualTo(DisconnectReason.NETWORK_ERROR);
        Await.until("sends refused", () -> bob.lane.send(doomedConnection, 2, payload, 0, 1) == Lane.NOT_CONNECTED);
        assertStillCarries();
    }

    private RawLanePeer authenticatedPeer() throws Exception
    {
        final TestCredentials.Node mallory = fixture.issuer.node("d4@5/acme:mallory:1");
        final RawLanePeer peer = fixture.track(
            new RawLanePeer(bob.lane.advertisedAddress(), fixture.authenticator(mallory), bob.id()));
        peer.ready().get(WAIT_MS, TimeUnit.MILLISECONDS);
        return peer;
    }

    private void assertDisconnected(final long connectionId, final int reason) throws InterruptedException
    {
        final Event closed = expect(bob.ingress, "DISCONNECTED");
        assertThat(closed.connectionId).isEqualTo(connectionId);
        assertThat(closed.reason).as(DisconnectReason.name(closed.reason)).isEqualTo(reason);
    }

    private void assertStillCarries() throws InterruptedException
    {
        final byte[] bytes = "still here".getBytes(StandardCharsets.US_ASCII);
        assertThat(alice.lane.send(aliceToBob, 0, new UnsafeBuffer(bytes), 0, bytes.length)).isEqualTo(Lane.OK);
        final dev.actr.lanes.testing.RecordingIngress.Frame frame = bob.ingress.frame(WAIT_MS);
        assertThat(frame.connectionId).isEqualTo(bobFromAlice);
        assertThat(frame.payload).isEqualTo(bytes);
        assertThat(bob.ingress.eventsWaiting()).isZero();
    }
}
