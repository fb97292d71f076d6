package dev.actr.engine.internal.host;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host side's threads: the executor that completes host futures (the embedder's, or a small pool of daemon
 * threads the node owns) and one daemon timer thread that fails host calls at their deadline. Both start on first
 * use and stop with the node.
 */
public final class HostExecutors implements AutoCloseable
{
    private static final int DEFAULT_THREADS = 2;

    private final Executor supplied;
    private volatile ExecutorService owned;
    private ScheduledThreadPoolExecutor timer;
    private boolean closed;

    /**
     * @param supplied the embedder's executor, or null for the node's own.
     */
    public HostExecutors(final Executor supplied)
    {
        this.supplied = supplied;
    }

    /**
     * @return where host futures complete.
     */
    public Executor completions()
    {
        if (supplied != null)
        {
            return supplied;
        }
        final ExecutorService executor = owned;
        return executor != null ? executor : startOwned();
    }

    private synchronized Executor startOwned()
    {
        if (closed)
        {
            return Runnable::run;
        }
        if (owned == null)
        {
            owned = Executors.newFixedThreadPool(DEFAULT_THREADS, daemons("actr-host-"));
        }
        return owned;
    }

    /**
     * Run {@code task} after {@code delayNs} on the timer thread.
     *
     * @param task    to run.
     * @param delayNs delay.
     * @return its handle, to cancel it; null when the node closed.
     */
    public synchronized ScheduledFuture<?> schedule(final Runnable task, final long delayNs)
    {
        if (closed)
        {
            return null;
        }
        if (timer == null)
        {
            timer = new ScheduledThreadPoolExecutor(1, daemons("actr-host-timer-"));
            timer.setRemoveOnCancelPolicy(true);
        }
        return timer.schedule(task, delayNs, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void close()
    {
        closed = true;
        if (owned != null)
        {
            owned.shutdown();
        }
        if (timer != null)
        {
            timer.shutdownNow();
        }
    }

    private static ThreadFactory daemons(final String prefix)
    {
        final AtomicInteger count = new AtomicInteger();
        return runnable ->
        {
            final Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
