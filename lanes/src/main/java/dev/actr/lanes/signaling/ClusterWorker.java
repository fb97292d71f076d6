package dev.actr.lanes.signaling;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one thread that makes a cluster instance's blocking JetStream calls, in the order they were asked for, with
 * a bounded queue: when it is full a task fails at once instead of queueing without end.
 */
final class ClusterWorker implements AutoCloseable
{
    /** Most tasks waiting. */
    static final int QUEUE_CAPACITY = 65_536;
    private static final long CLOSE_TIMEOUT_MS = 5_000;

    /** A blocking call. */
    interface Task
    {
        /**
         * @throws Exception when it fails.
         */
        void run() throws Exception;
    }

    private final ThreadPoolExecutor executor;
    private final Consumer<Throwable> errorHandler;

    ClusterWorker(final ThreadFactory threadFactory, final Consumer<Throwable> errorHandler)
    {
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), threadFactory);
        this.errorHandler = errorHandler;
    }

    /**
     * @param task      the call.
     * @param onFailure told when it fails or cannot be queued (after the error handler), or null.
     */
    void run(final Task task, final Consumer<Throwable> onFailure)
    {
        try
        {
            executor.execute(() ->
            {
                try
                {
                    task.run();
                }
                catch (final Exception | Error ex)
                {
                    fail(ex, onFailure);
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            fail(new IllegalStateException("the cluster worker is closed or " + QUEUE_CAPACITY +
                " calls wait already", ex), onFailure);
        }
    }

    private void fail(final Throwable failure, final Consumer<Throwable> onFailure)
    {
        errorHandler.accept(failure);
        if (onFailure != null)
        {
            onFailure.accept(failure);
        }
    }

    @Override
    public void close()
    {
        executor.shutdown();
        try
        {
            if (!executor.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                executor.shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
