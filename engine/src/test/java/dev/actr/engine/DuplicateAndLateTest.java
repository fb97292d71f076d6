package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.RpcEnvelope;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.codec.FrameKind;
import dev.actr.lanes.Lane;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicates are suppressed where they can happen: requests of peers, and on a durable node every request (a
 * restart redelivers); the duplicate tests therefore run durable nodes.
 */
class DuplicateAndLateTest
{
    @TempDir
    Path dir;

    private static final int ACTOR_A = 1;

    private static UnsafeBuffer envelope(
        final String routeKey, final Direction direction, final String requestId, final long timeoutMs, final long v)
    {
        return new UnsafeBuffer(RpcEnvelope.newBuilder()
            .setRouteKey(routeKey)
            .setPayload(Int64Value.of(v).toByteString())
            .setDirection(direction)
            .setRequestId(requestId)
            .setTimeoutMs(timeoutMs)
            .build()
            .toByteArray());
    }

    private static int offer(final InvokerHarness h, final UnsafeBuffer frame)
    {
        return h.node.ingressRing().offer(FrameKind.ENVELOPE, 0, ACTOR_A, 0, frame, 0,
            frame.capacity());
    }

    @Test
    void shouldAnswerDuplicateRequestWithOriginalReplyAndRunItOnce()
    {
        final AtomicInteger runs = new AtomicInteger();
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Once", Int64Value.parser(), (c, request) -> Int64Value.of(runs.incrementAndGet() * 10L)));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final UnsafeBuffer request = envelope("t.Once", Direction.REQUEST, "9000000", 1_000, 1);
            assertThat(offer(h, request)).isEqualTo(Lane.OK);
            h.drain();
            assertThat(offer(h, request)).isEqualTo(Lane.OK);
            h.drain();

            assertThat(runs).hasValue(1);
            assertThat(h.counter(SystemCounter.DUPLICATES)).isEqualTo(1);
            assertThat(h.counter(SystemCounter.RESPONSES_UNMATCHED))
                .as("the original reply and its resend both reached the (absent) caller").isEqualTo(2);
        }
    }

    @Test
    void shouldCompleteHostCallFromOriginalReplyWhenItsRequestIsDuplicated()
    {
        final AtomicInteger runs = new AtomicInteger();
        final List<String> requestIds = new ArrayList<>();
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Once", Int64Value.parser(), (c, request) ->
            {
                requestIds.add(c.requestId());
                return Int64Value.of(runs.incrementAndGet());
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Once", Int64Value.of(1), Int64Value.parser());
            assertThat(h.await(reply).getValue()).isEqualTo(1);

            offer(h, envelope("t.Once", Direction.REQUEST, requestIds.get(0), 1_000, 1));
            h.drain();

            assertThat(runs).hasValue(1);
            assertThat(h.counter(SystemCounter.DUPLICATES)).isEqualTo(1);
        }
    }

    @Test
    void shouldDropDuplicateTell()
    {
        final AtomicInteger runs = new AtomicInteger();
        final NodeContext ctx = new NodeContext().directory(dir).actor(Ids.A, routes -> routes.handle(
            "t.Tell", Int64Value.parser(), (c, request) ->
            {
                runs.incrementAndGet();
                return null;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final UnsafeBuffer tell = envelope("t.Tell", Direction.TELL, "abc-uuid-like", 0, 1);
            offer(h, tell);
            offer(h, tell);
            h.drain();

            assertThat(runs).hasValue(1);
            assertThat(h.counter(SystemCounter.DUPLICATES)).isEqualTo(1);
        }
    }

    @Test
    void shouldRunRequestAgainOnceDedupWindowHasPassed()
    {
        final AtomicInteger runs = new AtomicInteger();
        final NodeContext ctx = new NodeContext().directory(dir).dedupWindowNs(1_000_000_000L).actor(Ids.A, routes -> routes.handle(
            "t.Once", Int64Value.parser(), (c, request) -> Int64Value.of(runs.incrementAndGet())));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final UnsafeBuffer request = envelope("t.Once", Direction.REQUEST, "77", 60_000, 1);
            offer(h, request);
            h.drain();
            h.clock.advanceMs(1_001);
            offer(h, request);
            h.drain();

            assertThat(runs).hasValue(2);
            assertThat(h.counter(SystemCounter.DUPLICATES)).isZero();
        }
    }

    @Test
    void shouldCountAndDropLateResponse()
    {
        final List<DeferredReply<Int64Value>> parked = new ArrayList<>();
        final NodeContext ctx = new NodeContext().actor(Ids.A, routes -> routes.handle(
            "t.Park", Int64Value.parser(), (c, request) ->
            {
                parked.add(c.defer());
                return null;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Park", Int64Value.of(1), Int64Value.parser(), 100);
            h.drain();
            h.clock.advanceMs(150);
            h.drainUntil(reply::isDone);
            CallPathTest.assertErrorCode(reply, dev.actr.codec.ErrorCode.TIMED_OUT);
            h.drain();

            assertThat(h.counter(SystemCounter.CALLS_TIMED_OUT) + h.counter(SystemCounter.RESPONSES))
                .as("the caller was completed once, by its timer or by the callee's TimedOut").isEqualTo(1);
            assertThat(h.counter(SystemCounter.RESPONSES_UNMATCHED)).as("the other one came late").isEqualTo(1);
            assertThat(parked.get(0).reply(Int64Value.of(2))).as("the deadline already answered").isFalse();
        }
    }

    @Test
    void shouldCountMalformedFrameAndKeepRunning()
    {
        final NodeContext ctx = new NodeContext().actor(Ids.A, routes -> routes.handle(
            "t.Echo", Int64Value.parser(), (c, request) -> request));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final UnsafeBuffer garbage = new UnsafeBuffer(new byte[] {(byte)0xFF, 0x01, 0x02});
            assertThat(offer(h, garbage)).isEqualTo(Lane.OK);
            h.drain();

            assertThat(h.counter(SystemCounter.FRAMES_MALFORMED)).isEqualTo(1);
            assertThat(h.await(h.node.host().call(Dest.workload(Ids.A), "t.Echo", Int64Value.of(3),
                Int64Value.parser())).getValue()).isEqualTo(3);
        }
    }
}
