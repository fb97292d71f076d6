package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.codec.ErrorCode;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.Reply;
import dev.actr.engine.actor.ReplyHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallPathTest
{
    private static Int64Value value(final long v)
    {
        return Int64Value.of(v);
    }

    /** Relays the reply of a call into a deferred reply. */
    private static ReplyHandler<Int64Value> into(final DeferredReply<Int64Value> deferred)
    {
        return new ReplyHandler<>()
        {
            @Override
            public void onReply(final ActorContext ctx, final Int64Value response)
            {
                deferred.reply(response);
            }

            @Override
            public void onError(final ActorContext ctx, final int errorCode, final String message)
            {
                deferred.reply(value(-errorCode));
            }
        };
    }

    @Test
    void shouldAnswerHostCallToActor()
    {
        final NodeContext ctx = new NodeContext().actor(Ids.A, routes -> routes.handle(
            "t.Inc", Int64Value.parser(), (c, request) -> value(request.getValue() + 1)));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Inc", value(41), Int64Value.parser());

            assertThat(h.await(reply).getValue()).isEqualTo(42);
            assertThat(h.counter(SystemCounter.REQUESTS)).isEqualTo(1);
            assertThat(h.counter(SystemCounter.RESPONSES)).isEqualTo(1);
        }
    }

    @Test
    void shouldCallActorToActorAndContinueOnTheScheduler()
    {
        final List<String> callers = new ArrayList<>();
        final NodeContext ctx = new NodeContext()
            .actor(Ids.A, routes -> routes.handle("t.Relay", Int64Value.parser(), (c, request) ->
            {
                final DeferredReply<Int64Value> deferred = c.defer();
                c.call(Dest.workload(Ids.B), "t.Double", request, Int64Value.parser()).then(into(deferred));
                return null;
            }))
            .actor(Ids.B, routes -> routes.handle("t.Double", Int64Value.parser(), (c, request) ->
            {
                callers.add(c.caller().getType().getName());
                return value(request.getValue() * 2);
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Relay", value(21), Int64Value.parser());

            assertThat(h.await(reply).getValue()).isEqualTo(42);
            assertThat(callers).containsExactly("alpha");
        }
    }

    @Test
    void shouldNotDeadlockWhenCalleeCallsCallerBack()
    {
        final NodeContext ctx = new NodeContext()
            .actor(Ids.A, routes -> routes
                .handle("t.Start", Int64Value.parser(), (c, request) ->
                {
                    final DeferredReply<Int64Value> deferred = c.defer();
                    c.call(Dest.workload(Ids.B), "t.Ping", request, Int64Value.parser()).then(into(deferred));
                    return null;
                })
                .handle("t.Pong", Int64Value.parser(), (c, request) -> value(request.getValue() + 100)))
            .actor(Ids.B, routes -> routes.handle("t.Ping", Int64Value.parser(), (c, request) ->
            {
                final DeferredReply<Int64Value> deferred = c.defer();
                c.call(Dest.workload(Ids.A), "t.Pong", request, Int64Value.parser()).then(into(deferred));
                return null;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Start", value(1), Int64Value.parser());

            assertThat(h.await(reply).getValue()).isEqualTo(101);
        }
    }

    @Test
    void shouldSendDeferredReplyLater()
    {
        final List<DeferredReply<Int64Value>> parked = new ArrayList<>();
        final NodeContext ctx = new NodeContext().actor(Ids.A, routes -> routes
            .handle("t.Park", Int64Value.parser(), (c, request) ->
            {
                parked.add(c.defer());
                return null;
            })
            .handle("t.Release", Int64Value.parser(), (c, request) ->
            {
                parked.forEach(deferred -> deferred.reply(value(request.getValue())));
                return value(parked.size());
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> parkedReply =
                h.node.host().call(Dest.workload(Ids.A), "t.Park", value(0), Int64Value.parser());
            h.drain();
            assertThat(parkedReply).isNotDone();

            final CompletableFuture<Int64Value> release =
                h.node.host().call(Dest.workload(Ids.A), "t.Release", value(7), Int64Value.parser());

            assertThat(h.await(release).getValue()).isEqualTo(1);
            assertThat(h.await(parkedReply).getValue()).isEqualTo(7);
            assertThat(parked.get(0).reply(value(8))).as("a second reply does nothing").isFalse();
        }
    }

    @Test
    void shouldTimeOutCallWhenDeadlinePassesAndCountIt()
    {
        final AtomicInteger errors = new AtomicInteger();
        final NodeContext ctx = new NodeContext()
            .actor(Ids.A, routes -> routes.handle("t.Ask", Int64Value.parser(), (c, request) ->
            {
                final DeferredReply<Int64Value> deferred = c.defer();
                final Reply<Int64Value> call =
                    c.call(Dest.workload(Ids.B), "t.Never", request, Int64Value.parser(), 100);
                call.then(new ReplyHandler<>()
                {
                    @Override
                    public void onReply(final ActorContext ctx, final Int64Value response)
                    {
                        deferred.reply(response);
                    }

                    @Override
                    public void onError(final ActorContext ctx, final int errorCode, final String message)
                    {
                        errors.incrementAndGet();
                        deferred.reply(value(errorCode));
                    }
                });
                return null;
            }))
            .actor(Ids.B, routes -> routes.handle("t.Never", Int64Value.parser(), (c, request) ->
            {
                c.defer();
                return null;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Ask", value(1), Int64Value.parser(), 5_000);
            h.drain();
            assertThat(reply).isNotDone();

            h.clock.advanceMs(99);
            h.drain();
            assertThat(reply).as("not before the deadline").isNotDone();

            h.clock.advanceMs(10);
            assertThat(h.await(reply).getValue()).isEqualTo(ErrorCode.TIMED_OUT.code());
            h.drain();
            assertThat(errors).hasValue(1);
        }
    }

    @Test
    void shouldInheritRemainingDeadlineInNestedCalls()
    {
        final List<Long> remaining = new ArrayList<>();
        final NodeContext ctx = new NodeContext()
            .actor(Ids.A, routes -> routes.handle("t.Outer", Int64Value.parser(), (c, request) ->
            {
                final DeferredReply<Int64Value> deferred = c.defer();
                c.call(Dest.workload(Ids.B), "t.Inner", request, Int64Value.parser(), 60_000).then(into(deferred));
                return null;
            }))
            .actor(Ids.B, routes -> routes.handle("t.Inner", Int64Value.parser(), (c, request) ->
            {
                remaining.add(c.remainingNs() / 1_000_000);
                return request;
            }));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            h.await(h.node.host().call(Dest.workload(Ids.A), "t.Outer", value(1), Int64Value.parser(), 300));

            assertThat(remaining).hasSize(1);
            assertThat(remaining.get(0)).as("inner call got the outer 300 ms, not 60 s").isBetween(1L, 300L);
        }
    }

    @Test
    void shouldAnswerUnknownRoute()
    {
        final NodeContext ctx = new NodeContext().actor(Ids.A, routes -> routes.handle(
            "t.Inc", Int64Value.parser(), (c, request) -> request));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Missing", value(1), Int64Value.parser());
            h.drainUntil(reply::isDone);

            assertErrorCode(reply, ErrorCode.UNKNOWN_ROUTE);
            assertThat(h.counter(SystemCounter.UNKNOWN_ROUTES)).isEqualTo(1);
        }
    }

    @Test
    void shouldAnswerInternalWhenHandlerThrowsAndKeepServing()
    {
        final List<Throwable> seen = new ArrayList<>();
        final NodeContext ctx = new NodeContext()
            .errorHandler(error -> { })
            .actor(Ids.A, new dev.actr.engine.actor.Actor()
            {
                @Override
                public void onRegister(final dev.actr.engine.actor.Routes routes)
                {
                    routes.handle("t.Boom", Int64Value.parser(), (c, request) ->
                    {
                        if (request.getValue() == 0)
                        {
                            throw new IllegalStateException("boom");
                        }
                        return request;
                    });
                }

                @Override
                public void onError(final ActorContext ctx, final Throwable error)
                {
                    seen.add(error);
                }
            });
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> failed =
                h.node.host().call(Dest.workload(Ids.A), "t.Boom", value(0), Int64Value.parser());
            h.drainUntil(failed::isDone);

            assertErrorCode(failed, ErrorCode.INTERNAL);
            assertThat(seen).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
            assertThat(h.counter(SystemCounter.HANDLER_ERRORS)).isEqualTo(1);
            assertThat(h.await(h.node.host().call(Dest.workload(Ids.A), "t.Boom", value(5), Int64Value.parser()))
                .getValue()).isEqualTo(5);
        }
    }

    @Test
    void shouldAnswerInternalWhenHandlerReturnsNoReply()
    {
        final NodeContext ctx = new NodeContext().actor(Ids.A, routes -> routes.handle(
            "t.Null", Int64Value.parser(), (c, request) -> null));
        try (InvokerHarness h = new InvokerHarness(ctx))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.workload(Ids.A), "t.Null", value(0), Int64Value.parser());
            h.drainUntil(reply::isDone);

            assertErrorCode(reply, ErrorCode.INTERNAL);
        }
    }

    @Test
    void shouldFailCallToPeerWithoutLaneAtOnce()
    {
        try (InvokerHarness h = new InvokerHarness(new NodeContext()))
        {
            final CompletableFuture<Int64Value> reply =
                h.node.host().call(Dest.peer(Ids.B), "t.Inc", value(0), Int64Value.parser());
            h.node.invoke();

            assertThat(reply).as("failed in the first duty cycle").isCompletedExceptionally();
            assertThat(h.counter(SystemCounter.PEERS_UNREACHABLE)).isEqualTo(1);
            assertErrorCode(reply, ErrorCode.CONNECTION_NOT_READY);
        }
    }

    @Test
    void shouldAbortLaunchWhenOnStartFails()
    {
        final NodeContext ctx = new NodeContext().actor(Ids.A, new dev.actr.engine.actor.Actor()
        {
            @Override
            public void onRegister(final dev.actr.engine.actor.Routes routes)
            {
            }

            @Override
            public void onStart(final ActorContext ctx)
            {
                throw new IllegalStateException("cannot start");
            }
        });

        assertThatThrownBy(() -> ActrNode.launch(ctx.threadingMode(ThreadingMode.INVOKER)))
            .isInstanceOf(IllegalStateException.class).hasMessage("cannot start");
    }

    static void assertErrorCode(final CompletableFuture<?> reply, final ErrorCode code)
    {
        assertThatThrownBy(reply::join)
            .isInstanceOf(CompletionException.class)
            .cause().isInstanceOf(CallFailedException.class)
            .satisfies(error -> assertThat(((CallFailedException)error).errorCode()).isEqualTo(code.code()));
    }
}
