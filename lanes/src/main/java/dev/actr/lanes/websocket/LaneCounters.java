package dev.actr.lanes.websocket;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The {@link LaneCounter}s of one lane. Thread safe.
 */
final class LaneCounters
{
    private final AtomicLongArray values = new AtomicLongArray(LaneCounter.values().length);

    void increment(final LaneCounter counter)
    {
        values.getAndIncrement(counter.ordinal());
    }

    void add(final LaneCounter counter, final long delta)
    {
        values.getAndAdd(counter.ordinal(), delta);
    }

    long get(final LaneCounter counter)
    {
        return values.get(counter.ordinal());
    }
}
