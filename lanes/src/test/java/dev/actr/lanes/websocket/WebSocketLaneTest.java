package dev.actr.lanes.websocket;

import dev.actr.codec.proto.PayloadType;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.actr.lanes.testing.Await;
import dev.actr.lanes.testing.RecordingIngress;
import dev.actr.lanes.testing.RecordingIngress.Event;
import dev.actr.lanes.testing.RecordingIngress.Frame;
import dev.actr.lanes.testing.TestCredentials;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static dev.actr.lanes.websocket.LaneFixture.WAIT_MS;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class WebSocketLaneTest
{
    private final LaneFixture fixture = new LaneFixture();

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void shouldCarryEveryPayloadTypeBothWaysOnOneConnection() throws Exception
    {
        final LaneFixture.Node alice = fixture.node("a1@5/acme:alice:1");
        final LaneFixture.Node bob = fixture.node("b2@5/acme:bob:1");

        alice.lane.connect(bob.id());
        final Event aliceSide = alice.ingress.event(WAIT_MS);
        final Event bobSide = bob.ingress.event(WAIT_MS);
        assertThat(aliceSide.kind).isEqualTo("CONNECTED");
        assertThat(aliceSide.peer).isEqualTo(bob.id());
        assertThat(bobSide.kind).isEqualTo("CONNECTED");
        assertThat(bobSide.peer).as("identity from the verified credential").isEqualTo(alice.id());

        final Random random = new Random(11);
        for (final PayloadType type : PayloadType.values())
        {
            final byte[] request = ("request " + type).getBytes(StandardCharsets.UTF_8);
            assertThat(alice.lane.send(aliceSide.connectionId, type.getNumber(), new UnsafeBuffer(request), 0,
                request.length)).isEqualTo(Lane.OK);
            final Frame received = bob.ingress.frame(WAIT_MS);
            assertThat(received.connectionId).isEqualTo(bobSide.connectionId);
            assertThat(received.payloadType).isEqualTo(type.getNumber());
            assertThat(received.payload).isEqualTo(request);

            final byte[] reply = new byte[type.getNumber() * 100_000];
            random.nextBytes(reply);
            assertThat(bob.lane.send(bobSide.connectionId, type.getNumber(), new UnsafeBuffer(reply), 0, reply.length))
                .isEqualTo(Lane.OK);
            final Frame back = alice.ingress.frame(WAIT_MS);
            assertThat(back.connectionId).isEqualTo(aliceSide.connectionId);
            assertThat(back.payloadType).isEqualTo(type.getNumber());
            assertThat(back.payload).isEqualTo(reply);
        }
        final byte[] framed = "xxhelloxx".getBytes(StandardCharsets.US_ASCII);
        alice.lane.send(aliceSide.connectionId, 0, new UnsafeBuffer(framed), 2, 5);
        assertThat(new String(bob.ingress.frame(WAIT_MS).payload, StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(alice.lane.counter(LaneCounter.FRAMES_SENT)).isEqualTo(6);
        // counted once the frame is handed to the ingress, which the test may have seen first
        Await.until("bob counted 6 frames received", () -> bob.lane.counter(LaneCounter.FRAMES_RECEIVED) == 6);
        assertThat(alice.lane.peer(aliceSide.connectionId)).isEqualTo(bob.id());
        assertThat(alice.ingress.violations()).isEmpty();
        assertThat(bob.ingress.violations()).isEmpty();
    }

    @Test
    void shouldReturnSendCodesForUnknownOversizeAndClosed() throws Exception
    {
        final LaneFixture.Node alice = fixture.start(fixture.issuer.node("a1@5/acme:alice:1"),
            fixture.context(fixture.issuer.node("a1@5/acme:alice:1")).maxFrameLength(1024));
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[2048]);

        assertThat(alice.lane.send(424242, 0, bytes, 0, 10)).isEqualTo(Lane.NOT_CONNECTED);
        assertThat(alice.lane.send(424242, 0, bytes, 0, 1025)).isEqualTo(Lane.OVERSIZE);
        alice.lane.close();
        assertThat(alice.lane.send(424242, 0, bytes, 0, 10)).isEqualTo(Lane.CLOSED);
    }

    @Test
    void shouldReportUnreachableWhenNoAddressIsKnownAndNetworkErrorWhenNothingListens() throws Exception
    {
        final LaneFixture.Node alice = fixture.node("a1@5/acme:alice:1");
        final TestCredentials.Node ghost = fixture.issuer.node("ff@5/acme:ghost:1");

        alice.lane.connect(ghost.id);
        final Event unknown = alice.ingress.event(WAIT_MS);
        assertThat(unknown.kind).isEqualTo("CONNECT_FAILED");
        assertThat(unknown.reason).isEqualTo(DisconnectReason.UNREACHABLE);

        fixture.addresses.put(ghost.id, "ws://127.0.0.1:1/actr");
        alice.lane.connect(ghost.id);
        final Event refused = alice.ingress.event(WAIT_MS);
        assertThat(refused.kind).isEqualTo("CONNECT_FAILED");
        assertThat(refused.reason).isEqualTo(DisconnectReason.NETWORK_ERROR);
        assertThat(alice.lane.counter(LaneCounter.CONNECT_FAILURES)).isEqualTo(2);
    }

    @Test
    void shouldConnectOnceWhenAskedTwice() throws Exception
    {
        final LaneFixture.Node alice = fixture.node("a1@5/acme:alice:1");
        final LaneFixture.Node bob = fixture.node("b2@5/acme:bob:1");

        alice.lane.connect(bob.id());
        alice.lane.connect(bob.id());
        assertThat(alice.ingress.event(WAIT_MS).kind).isEqualTo("CONNECTED");
        alice.lane.connect(bob.id());

        assertThat(bob.ingress.event(WAIT_MS).kind).isEqualTo("CONNECTED");
        assertThat(alice.lane.counter(LaneCounter.CONNECTIONS_DIALLED)).isEqualTo(1);
        assertThat(bob.lane.counter(LaneCounter.CONNECTIONS_ACCEPTED)).isEqualTo(1);
        assertThat(alice.ingress.eventsWaiting()).isZero();
    }

    @Test
    void shouldReportLocalAndPeerCloseOnDisconnect() throws Exception
    {
        final LaneFixture.Node alice = fixture.node("a1@5/acme:alice:1");
        final LaneFixture.Node bob = fixture.node("b2@5/acme:bob:1");
        alice.lane.connect(bob.id());
        final Event aliceSide = alice.ingress.event(WAIT_MS);
        final Event bobSide = bob.ingress.event(WAIT_MS);

        alice.lane.disconnect(aliceSide.connectionId);

        final Event aliceClosed = alice.ingress.event(WAIT_MS);
        final Event bobClosed = bob.ingress.event(WAIT_MS);
        assertThat(aliceClosed.kind).isEqualTo("DISCONNECTED");
        assertThat(aliceClosed.connectionId).isEqualTo(aliceSide.connectionId);
        assertThat(aliceClosed.reason).isEqualTo(DisconnectReason.LOCAL_CLOSE);
        assertThat(bobClosed.connectionId).isEqualTo(bobSide.connectionId);
        assertThat(bobClosed.reason).isEqualTo(DisconnectReason.PEER_CLOSE);
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[1]);
        assertThat(alice.lane.send(aliceSide.connectionId, 0, bytes, 0, 1)).isEqualTo(Lane.NOT_CONNECTED);
    }

    @Test
    void shouldRefuseAPeerWhoseCredentialThisNodeCannotVerify() throws Exception
    {
        final LaneFixture.Node alice = fixture.node("a1@5/acme:alice:1");
        final TestCredentials strangerIssuer = new TestCredentials();
        final TestCredentials.Node carolIdentity = strangerIssuer.node("c3@5/acme:carol:1");
        final LaneFixture.Node carol = fixture.start(carolIdentity, new WebSocketLaneContext()
            .identity(carolIdentity.identity()).keyResolver(strangerIssuer.ring()).epochClock(strangerIssuer.clock()));

        alice.lane.connect(carol.id());

        final Event failed = alice.ingress.event(WAIT_MS);
        assertThat(failed.kind).isEqualTo("CONNECT_FAILED");
        assertThat(failed.peer).isEqualTo(carol.id());
        assertThat(failed.reason).isEqualTo(DisconnectReason.AUTH_FAILED);
        assertThat(carol.ingress.eventsWaiting()).as("never reported connected").isZero();
        assertThat(carol.lane.authCounters().rejectedTotal() + alice.lane.authCounters().rejectedTotal()).isPositive();
    }

    @Test
    void shouldMeasureRoundTripTimeFromKeepAlivePings() throws Exception
    {
        final TestCredentials.Node aliceIdentity = fixture.issuer.node("a1@5/acme:alice:1");
        final LaneFixture.Node alice = fixture.start(aliceIdentity,
            fixture.context(aliceIdentity).keepAliveMs(20, 1_000));
        final LaneFixture.Node bob = fixture.node("b2@5/acme:bob:1");
        alice.lane.connect(bob.id());
        final long connection = alice.ingress.event(WAIT_MS).connectionId;
        assertThat(alice.lane.rttNs(connection)).isEqualTo(-1);

        dev.actr.lanes.testing.Await.until("a pong measured", () -> alice.lane.rttNs(connection) > 0);

        assertThat(alice.lane.rttNs(connection)).isLessThan(1_000_000_000L);
        assertThat(alice.lane.smoothedRttNs(connection)).isPositive();
        assertThat(alice.lane.rttNs(-5)).isEqualTo(-1);
    }

    static RecordingIngress.Event expect(final RecordingIngress ingress, final String kind) throws InterruptedException
    {
        final Event event = ingress.event(WAIT_MS);
        assertThat(event.kind).as(event.toString()).isEqualTo(kind);
        return event;
    }
}
