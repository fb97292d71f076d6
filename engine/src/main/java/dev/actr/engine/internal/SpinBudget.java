package dev.actr.engine.internal;

/**
 * How long a waiting thread spins, then yields, before it parks — adapted to how long its waits turn out to last.
 * A wait that ended within the longest spin-then-yield would have been caught by spinning: the budget grows by a
 * sixteenth of the longest (so from nothing to the longest in {@value #STEPS} such waits). A wait that outlasted it
 * was spun for nothing: the budget drops to a quarter. So a thread whose next piece of work comes back within
 * microseconds (a caller in a tight loop on the same machine) keeps spinning and avoids wake-ups, even with the
 * odd long wait among them (one in ten keeps about three quarters of the budget), while one whose waits often last
 * tens of microseconds or more (round trips over the network, sparse traffic, an idle node) soon parks at once and
 * leaves the cores to the threads doing the work: on a small machine a spinning waiter slows down the very thread
 * it waits for.
 *
 * <p>NOT thread safe: one per waiting thread.
 */
public final class SpinBudget
{
    /** Waits caught by spinning that take the budget from nothing to the longest. */
    public static final int STEPS = 16;

    private final long maxSpinNs;
    private final long maxYieldNs;
    private final long maxWaitNs;
    private final long spinStepNs;
    private final long yieldStepNs;
    private long spinNs;
    private long yieldNs;

    /**
     * Starts at the longest budget.
     *
     * @param maxSpinNs  longest spin (0: never spin).
     * @param maxYieldNs longest yield after the spin (0: never yield).
     */
    public SpinBudget(final long maxSpinNs, final long maxYieldNs)
    {
        if (maxSpinNs < 0 || maxYieldNs < 0)
        {
            throw new IllegalArgumentException("spin and yield must be >= 0: " + maxSpinNs + ", " + maxYieldNs);
        }
        this.maxSpinNs = maxSpinNs;
        this.maxYieldNs = maxYieldNs;
        this.maxWaitNs = maxSpinNs + maxYieldNs;
        this.spinStepNs = step(maxSpinNs);
        this.yieldStepNs = step(maxYieldNs);
        this.spinNs = maxSpinNs;
        this.yieldNs = maxYieldNs;
    }

    /**
     * @return how long to spin now.
     */
    public long spinNs()
    {
        return spinNs;
    }

    /**
     * @return how long to yield after the spin now.
     */
    public long yieldNs()
    {
        return yieldNs;
    }

    /**
     * Adapt to a wait that just ended.
     *
     * @param waitedNs how long the wait lasted, from its start to the work it waited for.
     */
    public void onWaitEnded(final long waitedNs)
    {
        if (waitedNs <= maxWaitNs)
        {
            spinNs = Math.min(maxSpinNs, spinNs + spinStepNs);
            yieldNs = Math.min(maxYieldNs, yieldNs + yieldStepNs);
        }
        else
        {
            spinNs >>= 2;
            yieldNs >>= 2;
        }
    }

    private static long step(final long maxNs)
    {
        return maxNs == 0 ? 0 : Math.max(1, maxNs / STEPS);
    }
}
