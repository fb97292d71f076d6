package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.codec.ErrorCode;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.engine.actor.Routes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Deadlines by the caller's clock, saturating timeouts, arguments checked on the caller's thread, the handler
 * watchdog, and which thread runs what (the engine for actors, never for the embedder's future stages).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GuardsTest
{
    private final CountDownLatch unblock = new CountDownLatch(1);
    private final AtomicInteger echoes = new AtomicInteger();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
    private ActrNode node;

    @AfterEach
    void close()
    {
        unblock.countDown();
        gates.forEach(CountDownLatch::countDown);
        if (node != null)
        {
            node.close();
        }
    }

    private NodeContext blockingNode()
    {
        return new NodeContext()
            .errorHandler(errors::add)
            .actor(Ids.A, routes -> routes
                .handle("t.Block", Int64Value.parser(), (c, request) ->
                {
                    awaitUninterruptibly(unblock, request.getValue());
                    return request;
                })
                .handle("t.Echo", Int64Value.parser(), (c, request) ->
                {
                    echoes.incrementAndGet();
                    return request;
                }));
    }

    @Test
    void shouldTimeOutAtTheCallersDeadlineWhileTheEngineIsStuckAndNeverRunTheExpiredRequest() throws Exception
    {
        node = ActrNode.launch(blockingNode());
        final CompletableFuture<Int64Value> blocker =
            node.host().call(Dest.workload(Ids.A), "t.Block", Int64Value.of(20_000), Int64Value.parser(), 30_000);
        await(() -> node.counter(SystemCounter.REQUESTS) == 1, "the blocking handler runs");
        final long startNs = System.nanoTime();

        assertThatThrownBy(() -> node.host().callBlocking(Dest.workload(Ids.A), "t.Echo", Int64Value.of(1),
            Int64Value.parser(), 300)).isInstanceOf(CallFailedException.class)
            .satisfies(ex -> assertThat(((CallFailedException)ex).errorCode()).isEqualTo(ErrorCode.TIMED_OUT.code()));
        final long blockingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        final CompletableFuture<Int64Value> future =
            node.host().call(Dest.workload(Ids.A), "t.Echo", Int64Value.of(2), Int64Value.parser(), 300);
        assertErrorCode(future, ErrorCode.TIMED_OUT);
        final long bothMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        assertThat(blockingMs).as("callBlocking answered at its deadline").isBetween(290L, 5_000L);
        assertThat(bothMs).as("the future failed at its deadline too, the engine still stuck").isLessThan(10_000L);
        unblock.countDown();
        assertThat(blocker.get(10, TimeUnit.SECONDS).getValue()).isEqualTo(20_000);
        await(() -> node.counter(SystemCounter.REQUESTS_EXPIRED) == 2, "both expired requests seen by the engine");
        assertThat(echoes).as("a request whose deadline passed is never run").hasValue(0);
    }

    @Test
    void shouldRunCallsWithHugeTimeouts() throws Exception
    {
        final AtomicReference<String> nested = new AtomicReference<>();
        node = ActrNode.launch(new NodeContext()
            .actor(Ids.A, routes -> routes.handle("t.Nest", Int64Value.parser(), (c, request) ->
            {
                final var deferred = c.<Int64Value>defer();
                c.call(Dest.workload(Ids.B), "t.Echo", request, Int64Value.parser(), Long.MAX_VALUE)
                    .then(new ReplyHandler<>()
                    {
                        @Override
                        public void onReply(final ActorContext ctx, final Int64Value response)
                        {
                            nested.set("ok");
                            deferred.reply(response);
                        }

                        @Override
                        public void onError(final ActorContext ctx, final int errorCode, final String message)
                        {
                            nested.set(message);
                            deferred.fail(errorCode, message);
                        }
                    });
                return null;
            }))
            .actor(Ids.B, routes -> routes.handle("t.Echo", Int64Value.parser(), (c, request) -> request)));

        assertThat(node.host().callBlocking(Dest.workload(Ids.B), "t.Echo", Int64Value.of(1), Int64Value.parser(),
            Long.MAX_VALUE).getValue()).isEqualTo(1);
        assertThat(node.host().call(Dest.workload(Ids.B), "t.Echo", Int64Value.of(2), Int64Value.parser(),
            Long.MAX_VALUE).get(10, TimeUnit.SECONDS).getValue()).isEqualTo(2);
        assertThat(node.host().callBlocking(Dest.workload(Ids.A), "t.Nest", Int64Value.of(3), Int64Value.parser(),
            7_400_000_000_000L).getValue()).isEqualTo(3);
        assertThat(nested).hasValue("ok");
    }

    @Test
    void shouldCheckArgumentsOnTheCallersThreadAndSendNothing()
    {
        node = ActrNode.launch(blockingNode());

        assertThatThrownBy(() -> node.host().call(Dest.workload(Ids.A), "t.Echo", Int64Value.of(1), null, 1_000))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("parser");
        assertThatThrownBy(() -> node.host().callBlocking(Dest.workload(Ids.A), "t.Echo", Int64Value.of(1), null,
            1_000)).isInstanceOf(NullPointerException.class).hasMessageContaining("parser");
        assertThatThrownBy(() -> node.host().call(Dest.workload(Ids.A), "t.Echo", null, Int64Value.parser(), 1_000))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> node.host().call(Dest.workload(Ids.A), "t.Echo", Int64Value.of(1),
            Int64Value.parser(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.host().call(Dest.workload(Ids.A), "", Int64Value.of(1), Int64Value.parser(),
            1_000)).isInstanceOf(IllegalArgumentException.class);

        assertThat(node.host().callBlocking(Dest.workload(Ids.A), "t.Echo", Int64Value.of(5), Int64Value.parser(),
            5_000).getValue()).isEqualTo(5);
        assertThat(node.counter(SystemCounter.REQUESTS)).as("only the valid call was sent").isEqualTo(1);
        assertThat(echoes).hasValue(1);
    }

    @Test
    void shouldReportAStalledHandlerOnceAndStayUp() throws Exception
    {
        node = ActrNode.launch(blockingNode().handlerStallNs(TimeUnit.MILLISECONDS.toNanos(100)));
        final CompletableFuture<Int64Value> blocker =
            node.host().call(Dest.workload(Ids.A), "t.Block", Int64Value.of(10_000), Int64Value.parser(), 30_000);

        await(() -> node.counter(SystemCounter.HANDLER_STALLS) == 1, "the stall reported");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(400));
        unblock.countDown();
        blocker.get(10, TimeUnit.SECONDS);

        assertThat(node.counter(SystemCounter.HANDLER_STALLS)).as("once per stall").isEqualTo(1);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isInstanceOf(HandlerStallException.class)
            .hasMessageContaining("a@1/acme:alpha:1").hasMessageContaining("t.Block");
        assertThat(errors.get(0).getStackTrace()).as("the engine thread's stack")
            .anyMatch(frame -> frame.getMethodName().contains("awaitUninterruptibly"));
        assertThat(node.host().callBlocking(Dest.workload(Ids.A), "t.Echo", Int64Value.of(1), Int64Value.parser(),
            5_000).getValue()).as("the node stays up").isEqualTo(1);
    }

    @Test
    void shouldCompleteHostFuturesOffTheEngineThread() throws Exception
    {
        final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "embedder-pool"));
        try
        {
            node = ActrNode.launch(gatedNode(new CountDownLatch(1), null));
            assertThat(completingThread(node)).as("the default host executor").startsWith("actr-host-");
            node.close();

            node = ActrNode.launch(gatedNode(new CountDownLatch(1), executor));
            assertThat(completingThread(node)).isEqualTo("embedder-pool");
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    /** A node whose handler answers once the gate opens, so that a stage is attached before the future completes. */
    private NodeContext gatedNode(final CountDownLatch gate, final ExecutorService executor)
    {
        gates.add(gate);
        final NodeContext ctx = new NodeContext().actor(Ids.A, routes -> routes.handle("t.Gated",
            Int64Value.parser(), (c, request) ->
            {
                awaitUninterruptibly(gate, 10_000);
                return request;
            }));
        return executor == null ? ctx : ctx.hostExecutor(executor);
    }

    private String completingThread(final ActrNode gatedNode) throws Exception
    {
        final CompletableFuture<String> thread = gatedNode.host().call(Dest.workload(Ids.A), "t.Gated",
            Int64Value.of(1), Int64Value.parser(), 10_000).thenApply(reply -> Thread.currentThread().getName());
        gates.get(gates.size() - 1).countDown();
        return thread.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRunLifecycleHooksOnTheEngineThread()
    {
        final List<String> threads = new CopyOnWriteArrayList<>();
        node = ActrNode.launch(new NodeContext().actor(Ids.A, new Actor()
        {
            @Override
            public void onRegister(final Routes routes)
            {
            }

            @Override
            public void onStart(final ActorContext ctx)
            {
                threads.add("start " + Thread.currentThread().getName());
            }

            @Override
            public void onReady(final ActorContext ctx)
            {
                threads.add("ready " + Thread.currentThread().getName());
            }

            @Override
            public void onStop(final ActorContext ctx)
            {
                threads.add("stop " + Thread.currentThread().getName());
            }
        }));
        node.close();
        node = null;

        assertThat(threads).containsExactly("start actr-engine", "ready actr-engine", "stop actr-engine");
    }

    @Test
    void shouldAbortTheLaunchWithTheExceptionOfAFailingOnStart()
    {
        assertThatThrownBy(() -> ActrNode.launch(new NodeContext().actor(Ids.A, new Actor()
        {
            @Override
            public void onRegister(final Routes routes)
            {
            }

            @Override
            public void onStart(final ActorContext ctx)
            {
                throw new IllegalStateException("cannot start");
            }
        }))).isInstanceOf(IllegalStateException.class).hasMessage("cannot start");
    }

    private static void awaitUninterruptibly(final CountDownLatch latch, final long maxMs)
    {
        try
        {
            latch.await(maxMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertErrorCode(final CompletableFuture<?> call, final ErrorCode code)
    {
        try
        {
            call.get(10, TimeUnit.SECONDS);
            fail("expected " + code);
        }
        catch (final ExecutionException ex)
        {
            assertThat(((CallFailedException)ex.getCause()).errorCode()).isEqualTo(code.code());
        }
        catch (final Exception ex)
        {
            throw new AssertionError("the call did not complete", ex);
        }
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
