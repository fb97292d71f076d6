package dev.actr.engine.egress;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.engine.EngineClock;
import dev.actr.engine.replay.JournalRecorder;
import dev.actr.lanes.FrameSink;
import dev.actr.lanes.inproc.InProcessLane;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeProxyTest
{
    private final List<String> sent = new ArrayList<>();
    private int sinkResult = FrameSink.OK;
    private final FrameSink sink = (kind, caller, target, payloadType, buffer, offset, length) ->
    {
        final RpcEnvelopeFlyweight envelope = new RpcEnvelopeFlyweight();
        assertThat(envelope.wrap(buffer, offset, length)).isEqualTo(CodecStatus.OK);
        sent.add(caller + ">" + target + ":" + payloadType + ":" +
            envelope.buffer().getStringWithoutLengthUtf8(envelope.payloadOffset(), envelope.payloadLength()));
        return sinkResult;
    };
    private final EnvelopeProxy proxy =
        new EnvelopeProxy(new InProcessLane(sink), new EngineClock(new SystemEpochNanoClock()), JournalRecorder.NONE);
    private final UnsafeBuffer routeKey = new UnsafeBuffer("t.Route".getBytes(StandardCharsets.UTF_8));
    private final UnsafeBuffer requestId = new UnsafeBuffer("17".getBytes(StandardCharsets.UTF_8));

    private int encodeAndSend(final int responder, final String body)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(body.getBytes(StandardCharsets.UTF_8));
        final int length =
            proxy.encodeResponse(routeKey, requestId, 0, requestId.capacity(), payload, 0, payload.capacity());
        assertThat(proxy.sendEncoded(responder, 0, 1)).isEqualTo(FrameSink.OK);
        return length;
    }

    @Test
    void shouldSendAtOnceUnlessRepliesAreHeld()
    {
        encodeAndSend(1, "now");
        assertThat(sent).containsExactly("1>0:1:now");
        assertThat(proxy.heldBytes()).isZero();
    }

    @Test
    void shouldHoldRepliesAndResendsUntilReleasedThenSendThemInOrder()
    {
        proxy.holdReplies(true);
        encodeAndSend(1, "first");
        final int length = encodeAndSend(2, "second");
        final UnsafeBuffer kept = new UnsafeBuffer(new byte[length]);
        kept.putBytes(0, proxy.lastFrame(), 0, length);
        assertThat(proxy.resend(4, 0, 1, kept, length)).isEqualTo(FrameSink.OK);
        encodeAndSend(3, "third");
        assertThat(sent).as("nothing leaves before the release").isEmpty();
        assertThat(proxy.heldBytes()).isPositive();

        assertThat(proxy.releaseHeld()).isZero();
        assertThat(sent).containsExactly("1>0:1:first", "2>0:1:second", "4>0:1:second", "3>0:1:third");
        assertThat(proxy.heldBytes()).isZero();
        assertThat(proxy.releaseHeld()).as("released once").isZero();
        assertThat(sent).hasSize(4);
    }

    @Test
    void shouldCountHeldRepliesTheIngressRefusedOnRelease()
    {
        proxy.holdReplies(true);
        encodeAndSend(1, "a");
        encodeAndSend(1, "b");
        sinkResult = FrameSink.BACK_PRESSURED;

        assertThat(proxy.releaseHeld()).isEqualTo(2);
        assertThat(proxy.heldBytes()).isZero();
    }
}
