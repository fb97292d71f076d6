package dev.actr.benchmarks;

import java.util.concurrent.locks.LockSupport;

/**
 * How the raw baselines' caller waits for an answer, made to match actr's {@code callBlocking} (the engine's
 * {@code BlockingHostCall}): it spins for the first {@code spinNs}, yields until {@code yieldNs}, then parks until
 * the answering thread unparks it or its deadline passes. So a baseline differs from actr in the path, not in how its
 * caller waits. One waiting thread, any number of signalling threads; nothing allocated.
 */
final class SpinYieldParkSignal
{
    private final long spinNs;
    private final long yieldNs;
    private volatile long signals;
    private volatile Thread parked;

    /**
     * @param spinNs  spin this long first.
     * @param yieldNs then yield until this long has passed; park after.
     */
    SpinYieldParkSignal(final long spinNs, final long yieldNs)
    {
        this.spinNs = spinNs;
        this.yieldNs = yieldNs;
    }

    /**
     * Count one answer and wake the waiter if it parked. Called by one thread at a time (an event loop).
     */
    void signal()
    {
        signals = signals + 1;
        final Thread waiter = parked;
        if (waiter != null)
        {
            LockSupport.unpark(waiter);
        }
    }

    /**
     * @param expected     the count of answers to wait for.
     * @param nanoDeadline {@code System.nanoTime()} at which to give up.
     * @return true when the count was reached, false when the deadline passed first.
     */
    boolean await(final long expected, final long nanoDeadline)
    {
        final long startNs = System.nanoTime();
        while (signals < expected)
        {
            final long now = System.nanoTime();
            if (now - nanoDeadline >= 0)
            {
                return signals >= expected;
            }
            if (now - startNs < spinNs)
            {
                Thread.onSpinWait();
            }
            else if (now - startNs < yieldNs)
            {
                Thread.yield();
            }
            else
            {
                parked = Thread.currentThread();
                if (signals < expected)
                {
                    LockSupport.parkNanos(this, nanoDeadline - now);
                }
                parked = null;
            }
        }
        return true;
    }
}
