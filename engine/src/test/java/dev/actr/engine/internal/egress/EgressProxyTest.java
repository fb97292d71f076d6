package dev.actr.engine.internal.egress;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.ingress.IngressEvent;
import dev.actr.engine.internal.ingress.LocalFrames;
import dev.actr.engine.internal.peer.Peer;
import dev.actr.engine.internal.peer.PeerTable;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.lanes.Lane;
import dev.actr.lanes.LaneIngress;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EgressProxyTest
{
    private static final ActrId PEER = ActrIds.parse("9@1/acme:peer:1");

    private final List<String> sent = new ArrayList<>();
    private final LocalFrames local = new LocalFrames(4, 256, 1 << 20, Throwable::printStackTrace);
    private final PeerTable peers = new PeerTable(8);
    private final RecordingLane lane = new RecordingLane();
    private final EgressProxy proxy =
        new EgressProxy(local, peers, new EngineClock(new SystemEpochNanoClock()), JournalRecorder.NONE, true);
    private final UnsafeBuffer routeKey = new UnsafeBuffer("t.Route".getBytes(StandardCharsets.UTF_8));
    private final UnsafeBuffer requestId = new UnsafeBuffer("17".getBytes(StandardCharsets.UTF_8));

    private int encodeAndReply(final int responder, final int target, final String body)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(body.getBytes(StandardCharsets.UTF_8));
        final int length = proxy.writer().encodeResponse(routeKey, 0, routeKey.capacity(), requestId, 0, requestId.capacity(),
            payload, 0, payload.capacity());
        assertThat(proxy.reply(responder, target, 1, proxy.writer().frame(), length)).isEqualTo(Lane.OK);
        return length;
    }

    private void drainLocal()
    {
        local.poll(this::record, 100);
    }

    private void record(final IngressEvent event)
    {
        sent.add(event.sourceIndex() + ">" + event.targetIndex() + ":" + event.payloadType() + ":" +
            text(event.buffer(), 0, event.length()));
    }

    private static String text(final DirectBuffer buffer, final int offset, final int length)
    {
        final RpcEnvelopeFlyweight envelope = new RpcEnvelopeFlyweight();
        assertThat(envelope.wrap(buffer, offset, length)).isEqualTo(CodecStatus.OK);
        return envelope.buffer().getStringWithoutLengthUtf8(envelope.payloadOffset(), envelope.payloadLength());
    }

    @Test
    void shouldSendAtOnceUnlessRepliesAreHeld()
    {
        encodeAndReply(1, 0, "now");
        drainLocal();
        assertThat(sent).containsExactly("1>0:1:now");
        assertThat(proxy.heldBytes()).isZero();
    }

    @Test
    void shouldHoldRepliesUntilReleasedThenSendThemInOrder()
    {
        proxy.holdReplies(true);
        encodeAndReply(1, 0, "first");
        final int length = encodeAndReply(2, 0, "second");
        final UnsafeBuffer kept = new UnsafeBuffer(new byte[length]);
        kept.putBytes(0, proxy.writer().frame(), 0, length);
        assertThat(proxy.reply(4, 0, 1, kept, length)).isEqualTo(Lane.OK);
        encodeAndReply(3, 0, "third");
        drainLocal();
        assertThat(sent).as("nothing leaves before the release").isEmpty();
        assertThat(proxy.heldBytes()).isPositive();

        assertThat(proxy.releaseHeld()).isZero();
        drainLocal();
        assertThat(sent).containsExactly("1>0:1:first", "2>0:1:second", "4>0:1:second", "3>0:1:third");
        assertThat(proxy.heldBytes()).isZero();
        assertThat(proxy.releaseHeld()).as("released once").isZero();
    }

    @Test
    void shouldCountHeldRepliesTheLocalQueueRefusedOnRelease()
    {
        proxy.holdReplies(true);
        for (int i = 0; i < 6; i++)
        {
            encodeAndReply(1, 0, "r" + i);
        }

        assertThat(proxy.releaseHeld()).as("the local queue holds 4").isEqualTo(2);
        assertThat(proxy.heldBytes()).isZero();
    }

    @Test
    void shouldSendToAPeerOnItsCurrentConnection()
    {
        final Peer peer = peers.onConnected(77, PEER, lane);
        encodeAndReply(1, peer.index(), "remote");

        assertThat(lane.frames).containsExactly("77:1:remote");
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldAnswerNotConnectedForAPeerWithoutConnection()
    {
        final Peer peer = peers.onConnected(77, PEER, lane);
        peers.onDisconnected(77);
        final int length = proxy.writer().encodeResponse(routeKey, 0, routeKey.capacity(), requestId, 0, requestId.capacity(),
            routeKey, 0, 1);

        assertThat(proxy.reply(1, peer.index(), 1, proxy.writer().frame(), length)).isEqualTo(Lane.NOT_CONNECTED);
        assertThat(LaneResults.errorCodeOf(Lane.NOT_CONNECTED)).isEqualTo(10011);
    }

    /** A lane that records what it is given (a collaborator of egress, not a lane we ship). */
    private static final class RecordingLane implements Lane
    {
        final List<String> frames = new ArrayList<>();

        @Override
        public String name()
        {
            return "recording";
        }

        @Override
        public void start(final LaneIngress ingress)
        {
        }

        @Override
        public void connect(final ActrId peer)
        {
        }

        @Override
        public int send(final long connectionId, final int payloadType, final DirectBuffer buffer, final int offset,
            final int length)
        {
            frames.add(connectionId + ":" + payloadType + ":" + text(buffer, offset, length));
            return OK;
        }

        @Override
        public void disconnect(final long connectionId)
        {
        }

        @Override
        public void close()
        {
        }
    }
}
