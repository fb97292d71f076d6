package dev.actr.engine.internal;

import dev.actr.engine.HandlerStallException;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import org.agrona.ErrorHandler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Reports a handler that runs too long on the engine thread: the engine marks the start and end of every actor
 * callback with an ordered write of a sequence (odd while a callback runs) and no clock read; a thread of the
 * watchdog samples the sequence a few times per bound and, when the same callback has been running for the bound,
 * tells the error handler once (a {@link HandlerStallException} with the actor, the route and the engine thread's
 * stack) and counts {@link SystemCounter#HANDLER_STALLS}. The node stays up. Resolution: a quarter of the bound.
 */
public final class HandlerWatchdog implements AutoCloseable
{
    private static final VarHandle SEQUENCE;

    static
    {
        try
        {
            SEQUENCE = MethodHandles.lookup().findVarHandle(HandlerWatchdog.class, "sequence", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final long stallNs;
    private final long periodNs;
    private final ErrorHandler errorHandler;
    private final SystemCounters counters;
    private final IntFunction<String> actorName;
    private final IntFunction<String> routeName;
    private final Thread thread;
    private volatile boolean running = true;
    @SuppressWarnings("unused") // written and read through SEQUENCE
    private long sequence;
    private int actorIndex;
    private int routeIndex;
    private Thread engineThread;

    /**
     * @param stallNs      how long a callback may run before it is reported, > 0.
     * @param errorHandler told of each stall.
     * @param counters     counts stalls.
     * @param actorName    names an actor index (read-only after launch).
     * @param routeName    names a route index, -1 for a callback that is no route's.
     */
    public HandlerWatchdog(
        final long stallNs,
        final ErrorHandler errorHandler,
        final SystemCounters counters,
        final IntFunction<String> actorName,
        final IntFunction<String> routeName)
    {
        this.stallNs = stallNs;
        this.periodNs = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(stallNs / 4, TimeUnit.SECONDS.toNanos(1)));
        this.errorHandler = errorHandler;
        this.counters = counters;
        this.actorName = actorName;
        this.routeName = routeName;
        this.thread = new Thread(this::watch, "actr-watchdog");
        this.thread.setDaemon(true);
    }

    /**
     * Start watching.
     */
    public void start()
    {
        thread.start();
    }

    /**
     * An actor callback starts on the engine thread.
     *
     * @param actorIndex the actor.
     * @param routeIndex its route, or -1.
     */
    public void begin(final int actorIndex, final int routeIndex)
    {
        this.actorIndex = actorIndex;
        this.routeIndex = routeIndex;
        this.engineThread = Thread.currentThread();
        SEQUENCE.setRelease(this, (long)SEQUENCE.get(this) + 1);
    }

    /**
     * The callback ended.
     */
    public void end()
    {
        final long current = (long)SEQUENCE.get(this);
        if ((current & 1) == 1)
        {
            SEQUENCE.setRelease(this, current + 1);
        }
    }

    private void watch()
    {
        long seen = 0;
        long seenSinceNs = 0;
        long reported = 0;
        while (running)
        {
            LockSupport.parkNanos(this, periodNs);
            final long current = (long)SEQUENCE.getAcquire(this);
            final long nowNs = System.nanoTime();
            if ((current & 1) == 0 || current != seen)
            {
                seen = current;
                seenSinceNs = nowNs;
            }
            else if (current != reported && nowNs - seenSinceNs >= stallNs)
            {
                reported = current;
                report(nowNs - seenSinceNs);
            }
        }
    }

    private void report(final long runningNs)
    {
        counters.incrementConcurrently(SystemCounter.HANDLER_STALLS);
        final Thread engine = engineThread;
        final HandlerStallException stall = new HandlerStallException("handler of actor " + actorName.apply(actorIndex) +
            (routeIndex >= 0 ? " on route " + routeName.apply(routeIndex) : "") + " has run for over " +
            TimeUnit.NANOSECONDS.toMillis(runningNs) + " ms on the engine thread; every other actor waits");
        if (engine != null)
        {
            stall.setStackTrace(engine.getStackTrace());
        }
        try
        {
            errorHandler.onError(stall);
        }
        catch (final RuntimeException ignored)
        {
            // the error handler's own failure must not stop the watchdog
        }
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
    }
}
