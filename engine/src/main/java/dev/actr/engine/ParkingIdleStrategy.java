package dev.actr.engine;

import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The engine's default idle strategy: when a duty cycle found no work the thread parks (burning no CPU) until
 * a publisher wakes it or {@code maxParkNs} passes, whichever is first. Publishers call {@link #wake()} after
 * every publish; it costs a volatile read unless the engine is parked. Before parking the engine re-checks
 * for work, so a wake-up is never lost.
 */
public final class ParkingIdleStrategy implements IdleStrategy
{
    private final long maxParkNs;
    private volatile Thread parked;
    private BooleanSupplier hasWork = () -> false;

    /**
     * @param maxParkNs longest park; bounds how late a timer can fire on an idle engine.
     */
    public ParkingIdleStrategy(final long maxParkNs)
    {
        this.maxParkNs = maxParkNs;
    }

    /**
     * @param hasWork checked after announcing the park and before parking.
     */
    void hasWork(final BooleanSupplier hasWork)
    {
        this.hasWork = hasWork;
    }

    /**
     * Wake the engine thread if it is parked. Any thread.
     */
    public void wake()
    {
        // The publish before this is only a release store: keep the read of parked from moving above it, or
        // a consumer that checked for work just before the publish could be left parked (Dekker's handshake).
        VarHandle.fullFence();
        final Thread thread = parked;
        if (thread != null)
        {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount <= 0)
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        parked = Thread.currentThread();
        VarHandle.fullFence();
        if (!hasWork.getAsBoolean())
        {
            LockSupport.parkNanos(this, maxParkNs);
        }
        else
        {
            // Work announced but not takeable yet (a publisher between claim and publish, or a stage ahead of
            // this one not done): let that thread run rather than spin over it on a small machine.
            Thread.yield();
        }
        parked = null;
    }

    @Override
    public void reset()
    {
    }

    @Override
    public String alias()
    {
        return "parking";
    }
}
