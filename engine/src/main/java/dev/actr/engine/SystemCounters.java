package dev.actr.engine;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Values of the {@link SystemCounter}s. Incremented by the engine thread (ordered writes, no lock prefix),
 * read from any thread; a few counters are also incremented by publishing threads, atomically.
 */
public final class SystemCounters
{
    private final AtomicLongArray values = new AtomicLongArray(SystemCounter.values().length);

    /**
     * Increment from the engine thread (single writer).
     *
     * @param counter to increment.
     */
    public void increment(final SystemCounter counter)
    {
        final int id = counter.id();
        values.lazySet(id, values.get(id) + 1);
    }

    /**
     * Add from the engine thread (single writer).
     *
     * @param counter to add to.
     * @param delta   to add.
     */
    public void add(final SystemCounter counter, final long delta)
    {
        final int id = counter.id();
        values.lazySet(id, values.get(id) + delta);
    }

    /**
     * Increment from any thread.
     *
     * @param counter to increment.
     */
    public void incrementConcurrently(final SystemCounter counter)
    {
        values.incrementAndGet(counter.id());
    }

    /**
     * @param counter to read.
     * @return its value.
     */
    public long get(final SystemCounter counter)
    {
        return values.get(counter.id());
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (final SystemCounter counter : SystemCounter.values())
        {
            text.append(counter.label()).append('=').append(get(counter)).append(System.lineSeparator());
        }
        return text.toString();
    }
}
