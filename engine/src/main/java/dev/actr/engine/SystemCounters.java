package dev.actr.engine;

import dev.actr.engine.internal.counters.CountersFileDescriptor;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * Values of the {@link SystemCounter}s. Incremented by the engine thread (ordered writes, no lock prefix),
 * read from any thread; a few counters are also incremented by publishing threads, atomically. They are Agrona
 * counters: in the node's memory-mapped {@code counters.dat} when it has a directory, where another process
 * ({@code actr stat}) reads them live.
 */
public final class SystemCounters
{
    private final AtomicCounter[] values = new AtomicCounter[SystemCounter.values().length];

    /**
     * Internal: allocate one counter per {@link SystemCounter}, in id order, as the first counters of a fresh
     * counters manager (so that each counter's Agrona id is its {@link SystemCounter#id()}).
     *
     * @param countersManager a counters manager with nothing allocated yet.
     * @throws IllegalStateException when the manager already held counters.
     */
    public SystemCounters(final CountersManager countersManager)
    {
        for (final SystemCounter counter : SystemCounter.values())
        {
            final AtomicCounter value = countersManager.newCounter(counter.label(),
                CountersFileDescriptor.SYSTEM_COUNTER_TYPE_ID,
                key -> key.putInt(0, counter.id()));
            if (value.id() != counter.id())
            {
                throw new IllegalStateException("system counter " + counter + " got Agrona id " + value.id() +
                    ": the counters manager must be fresh");
            }
            values[counter.id()] = value;
        }
    }

    /**
     * Increment from the engine thread (single writer).
     *
     * @param counter to increment.
     */
    public void increment(final SystemCounter counter)
    {
        values[counter.id()].incrementRelease();
    }

    /**
     * Add from the engine thread (single writer).
     *
     * @param counter to add to.
     * @param delta   to add.
     */
    public void add(final SystemCounter counter, final long delta)
    {
        values[counter.id()].getAndAddRelease(delta);
    }

    /**
     * Increment from any thread.
     *
     * @param counter to increment.
     */
    public void incrementConcurrently(final SystemCounter counter)
    {
        values[counter.id()].increment();
    }

    /**
     * @param counter to read.
     * @return its value.
     */
    public long get(final SystemCounter counter)
    {
        return values[counter.id()].get();
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
