package dev.actr.engine;

import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The engine's default idle strategy: after a duty cycle that did work, the thread keeps polling for a short
 * while (spinning, then yielding), so that a reply or the next request of a busy caller is taken without a
 * wake-up; then it parks, burning no CPU, until a publisher wakes it ({@link #wake()}) or a bound passes — short
 * while calls wait on the timer wheel (their deadlines must be noticed), long when nothing does. An idle node
 * therefore sleeps: it only spins right after work. Before parking the engine re-checks for work, so a wake-up is
 * never lost.
 */
public final class ParkingIdleStrategy implements IdleStrategy
{
    /** Default time spent spinning after work: 20 µs. */
    public static final long SPIN_NS_DEFAULT = TimeUnit.MICROSECONDS.toNanos(20);
    /** Default time spent yielding after the spin: 30 µs. */
    public static final long YIELD_NS_DEFAULT = TimeUnit.MICROSECONDS.toNanos(30);
    /** Default longest park while timers are pending: 1 ms (the timer wheel's resolution). */
    public static final long TIMER_PARK_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(1);
    /** Default longest park when no timer is pending: 100 ms. */
    public static final long IDLE_PARK_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(100);

    private final long spinNs;
    private final long yieldNs;
    private final long timerParkNs;
    private final long idleParkNs;
    private volatile Thread parked;
    private BooleanSupplier hasWork = () -> false;
    private BooleanSupplier timersPending = () -> true;
    private long idleSinceNs;
    private boolean idling;

    /**
     * The defaults: spin 20 µs, yield 30 µs, then park at most 1 ms while timers are pending and 100 ms otherwise.
     */
    public ParkingIdleStrategy()
    {
        this(SPIN_NS_DEFAULT, YIELD_NS_DEFAULT, TIMER_PARK_NS_DEFAULT, IDLE_PARK_NS_DEFAULT);
    }

    /**
     * @param spinNs      time spent spinning after work (0: none).
     * @param yieldNs     time spent yielding after the spin (0: none).
     * @param timerParkNs longest park while timers are pending; bounds how late a deadline is noticed.
     * @param idleParkNs  longest park when no timer is pending.
     */
    public ParkingIdleStrategy(final long spinNs, final long yieldNs, final long timerParkNs, final long idleParkNs)
    {
        this.spinNs = spinNs;
        this.yieldNs = yieldNs;
        this.timerParkNs = timerParkNs;
        this.idleParkNs = idleParkNs;
    }

    /**
     * Called by the node at launch, before the engine runs.
     *
     * @param hasWork       checked after announcing the park and before parking.
     * @param timersPending whether deadlines wait on the timer wheel (the short park bound applies).
     */
    public void attach(final BooleanSupplier hasWork, final BooleanSupplier timersPending)
    {
        this.hasWork = hasWork;
        this.timersPending = timersPending;
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
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        final long nowNs = System.nanoTime();
        if (!idling)
        {
            idling = true;
            idleSinceNs = nowNs;
        }
        final long idleNs = nowNs - idleSinceNs;
        if (idleNs < spinNs)
        {
            Thread.onSpinWait();
        }
        else if (idleNs < spinNs + yieldNs)
        {
            Thread.yield();
        }
        else
        {
            park();
        }
    }

    private void park()
    {
        parked = Thread.currentThread();
        VarHandle.fullFence();
        if (!hasWork.getAsBoolean())
        {
            LockSupport.parkNanos(this, timersPending.getAsBoolean() ? timerParkNs : idleParkNs);
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
        idling = false;
    }

    @Override
    public String alias()
    {
        return "parking";
    }
}
