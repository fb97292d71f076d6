package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.codec.ErrorCode;
import dev.actr.engine.actor.Dest;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostApiTest
{
    private static NodeContext echoNode(final AtomicLong told)
    {
        return new NodeContext().actor(Ids.A, routes -> routes
            .handle("t.Echo", Int64Value.parser(), (c, request) -> request)
            .handle("t.Fail", Int64Value.parser(), (c, request) ->
            {
                c.fail(42, "refused " + request.getValue());
                return null;
            })
            .handle("t.Tell", Int64Value.parser(), (c, request) ->
            {
                told.addAndGet(request.getValue());
                return null;
            }));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCallBlockingFromHostThreadInDedicatedMode()
    {
        final AtomicLong told = new AtomicLong();
        try (ActrNode node = ActrNode.launch(echoNode(told).threadingMode(ThreadingMode.DEDICATED)))
        {
            assertThat(node.host().callBlocking(Dest.workload(Ids.A), "t.Echo", Int64Value.of(5),
                Int64Value.parser(), 10_000).getValue()).isEqualTo(5);
            assertThatThrownBy(() -> node.host().callBlocking(Dest.workload(Ids.A), "t.Fail", Int64Value.of(6),
                Int64Value.parser(), 10_000))
                .isInstanceOf(CallFailedException.class)
                .hasMessageContaining("refused 6")
                .satisfies(error -> assertThat(((CallFailedException)error).errorCode()).isEqualTo(42));
        }
    }

    @Test
    void shouldFailWithHandlerErrorCode()
    {
        try (InvokerHarness h = new InvokerHarness(echoNode(new AtomicLong())))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Fail", Int64Value.of(1), Int64Value.parser());
            h.drainUntil(reply::isDone);

            assertThatThrownBy(reply::join).hasCauseInstanceOf(CallFailedException.class)
                .hasMessageContaining("refused 1");
        }
    }

    @Test
    void shouldDeliverTellsWithoutReply()
    {
        final AtomicLong told = new AtomicLong();
        try (InvokerHarness h = new InvokerHarness(echoNode(told)))
        {
            assertThat(h.node.host().tell(Dest.workload(Ids.A), "t.Tell", Int64Value.of(3))).isEqualTo(SendResult.OK);
            assertThat(h.node.host().tell(Dest.workload(Ids.A), "t.Tell", Int64Value.of(4))).isEqualTo(SendResult.OK);
            h.drain();

            assertThat(told).hasValue(7);
            assertThat(h.counter(SystemCounter.TELLS)).isEqualTo(2);
            assertThat(h.counter(SystemCounter.REPLIES_SENT)).isZero();
        }
    }

    @Test
    void shouldRejectTellToUnknownActor()
    {
        try (InvokerHarness h = new InvokerHarness(echoNode(new AtomicLong())))
        {
            assertThat(h.node.host().tell(Dest.workload(Ids.B), "t.Tell", Int64Value.of(3))).isEqualTo(SendResult.UNREACHABLE);
        }
    }

    @Test
    void shouldRecordLatencyPerRoute()
    {
        try (InvokerHarness h = new InvokerHarness(echoNode(new AtomicLong())))
        {
            for (int i = 0; i < 3; i++)
            {
                h.await(h.node.host().call(Dest.workload(Ids.A), "t.Echo", Int64Value.of(i), Int64Value.parser()));
            }
            final Histogram first = h.node.latencyNs("t.Echo");
            h.await(h.node.host().call(Dest.workload(Ids.A), "t.Echo", Int64Value.of(9), Int64Value.parser()));

            assertThat(first.getTotalCount()).isEqualTo(3);
            assertThat(h.node.latencyNs("t.Echo").getTotalCount()).as("cumulative").isEqualTo(4);
            assertThat(h.node.latencyNs("t.Fail").getTotalCount()).isZero();
            assertThatThrownBy(() -> h.node.latencyNs("t.None")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldAnswerUnavailableWhenMailboxIsFull()
    {
        final NodeContext ctx = echoNode(new AtomicLong())
            .mailboxSupplier(() -> new dev.actr.journal.mailbox.InMemoryMailbox(1, 1 << 20));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> first =
                h.node.host().call(Dest.workload(Ids.A), "t.Echo", Int64Value.of(1), Int64Value.parser());
            final CompletableFuture<Int64Value> second =
                h.node.host().call(Dest.workload(Ids.A), "t.Echo", Int64Value.of(2), Int64Value.parser());
            h.drainUntil(() -> first.isDone() && second.isDone());

            assertThat(first.join().getValue()).isEqualTo(1);
            CallPathTest.assertErrorCode(second, ErrorCode.UNAVAILABLE);
            assertThat(h.counter(SystemCounter.MAILBOX_FULL)).isEqualTo(1);
        }
    }

    @Test
    void shouldRejectInvalidContext()
    {
        assertThatThrownBy(() -> new NodeContext().ringSize(1000).conclude())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("ringSize");
        assertThatThrownBy(() -> new NodeContext().actor(Ids.A, r -> { }).actor(Ids.A, r -> { }).conclude())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("distinct");
    }
}
