package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.Dest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulingTest
{
    private final List<String> order = new ArrayList<>();

    private NodeContext recordingNode(final int fairnessBound)
    {
        return new NodeContext().fairnessBound(fairnessBound).actor(Ids.A, routes -> routes
            .handle("t.Normal", PayloadType.RPC_RELIABLE, Int64Value.parser(), (c, request) ->
            {
                order.add("N" + request.getValue());
                return request;
            })
            .handle("t.Signal", PayloadType.RPC_SIGNAL, Int64Value.parser(), (c, request) ->
            {
                order.add("S" + request.getValue());
                return request;
            }));
    }

    @Test
    void shouldRunQueuedSignalBeforeQueuedReliable()
    {
        try (InvokerHarness h = new InvokerHarness(recordingNode(16)))
        {
            for (int i = 0; i < 3; i++)
            {
                h.node.host().tell(Dest.workload(Ids.A), "t.Normal", Int64Value.of(i));
            }
            h.node.host().tell(Dest.workload(Ids.A), "t.Signal", Int64Value.of(0));
            h.drain();

            assertThat(order).containsExactly("S0", "N0", "N1", "N2");
        }
    }

    @Test
    void shouldLetOneReliableThroughAfterFairnessBoundSignals()
    {
        try (InvokerHarness h = new InvokerHarness(recordingNode(2)))
        {
            for (int i = 0; i < 2; i++)
            {
                h.node.host().tell(Dest.workload(Ids.A), "t.Normal", Int64Value.of(i));
            }
            for (int i = 0; i < 6; i++)
            {
                h.node.host().tell(Dest.workload(Ids.A), "t.Signal", Int64Value.of(i));
            }
            h.drain();

            assertThat(order).containsExactly("S0", "S1", "N0", "S2", "S3", "N1", "S4", "S5");
        }
    }

    @Test
    void shouldAnswerTimedOutWithoutRunningRequestWhoseDeadlinePassedWhileQueued()
    {
        final AtomicInteger ran = new AtomicInteger();
        final ManualClock[] clock = new ManualClock[1];
        final NodeContext ctx = new NodeContext().actor(Ids.A, routes -> routes
            .handle("t.Slow", Int64Value.parser(), (c, request) ->
            {
                clock[0].advanceMs(100);
                return request;
            })
            .handle("t.Work", Int64Value.parser(), (c, request) ->
            {
                ran.incrementAndGet();
                return request;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            clock[0] = h.clock;
            final CompletableFuture<Int64Value> slow =
                h.node.host().call(Dest.workload(Ids.A), "t.Slow", Int64Value.of(1), Int64Value.parser(), 5_000);
            final CompletableFuture<Int64Value> work =
                h.node.host().call(Dest.workload(Ids.A), "t.Work", Int64Value.of(2), Int64Value.parser(), 50);

            assertThat(h.await(slow).getValue()).isEqualTo(1);
            h.drainUntil(work::isDone);

            CallPathTest.assertErrorCode(work, ErrorCode.TIMED_OUT);
            assertThat(ran).as("the expired request never ran").hasValue(0);
            assertThat(h.counter(SystemCounter.REQUESTS_EXPIRED)).isEqualTo(1);
        }
    }

    @Test
    void shouldRunASignalThatArrivesDuringAHandlerBeforeTheNextReliableMessage()
    {
        final ActrNode[] node = new ActrNode[1];
        final NodeContext ctx = new NodeContext().actor(Ids.A, routes -> routes
            .handle("t.Normal", PayloadType.RPC_RELIABLE, Int64Value.parser(), (c, request) ->
            {
                order.add("N" + request.getValue());
                if (request.getValue() == 0)
                {
                    // arrives on the ring while N0 runs, with N1..N9 already queued behind it
                    node[0].host().tell(Dest.workload(Ids.A), "t.Signal", Int64Value.of(0));
                }
                return request;
            })
            .handle("t.Signal", PayloadType.RPC_SIGNAL, Int64Value.parser(), (c, request) ->
            {
                order.add("S" + request.getValue());
                return request;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            node[0] = h.node;
            for (int i = 0; i < 10; i++)
            {
                h.node.host().tell(Dest.workload(Ids.A), "t.Normal", Int64Value.of(i));
            }
            h.drain();

            assertThat(order).as("the signal waits only for the handler running when it came")
                .startsWith("N0", "S0", "N1").hasSize(11);
        }
    }
}
