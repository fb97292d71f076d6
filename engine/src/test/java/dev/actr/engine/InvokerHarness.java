package dev.actr.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node in INVOKER mode with a manual clock: the test drives every duty cycle on its own thread, and host futures
 * complete on it too.
 */
final class InvokerHarness implements AutoCloseable
{
    final ManualClock clock = new ManualClock();
    final ActrNode node;

    InvokerHarness(final NodeContext ctx)
    {
        if (ctx.hostExecutor() == null)
        {
            ctx.hostExecutor(Runnable::run); // futures complete in the duty cycle the test drives
        }
        node = ActrNode.launch(ctx.threadingMode(ThreadingMode.INVOKER).clock(clock));
    }

    /**
     * Run duty cycles until nothing is left to do.
     */
    void drain()
    {
        for (int i = 0; i < 10_000; i++)
        {
            if (node.invoke() == 0)
            {
                return;
            }
        }
        throw new AssertionError("the engine never went idle");
    }

    void drainUntil(final BooleanSupplier condition)
    {
        for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++)
        {
            node.invoke();
        }
        assertThat(condition.getAsBoolean()).as("condition reached by driving the engine").isTrue();
    }

    <T> T await(final CompletableFuture<T> future)
    {
        drainUntil(future::isDone);
        return future.join();
    }

    long counter(final SystemCounter counter)
    {
        return node.counter(counter);
    }

    @Override
    public void close()
    {
        node.close();
    }
}
