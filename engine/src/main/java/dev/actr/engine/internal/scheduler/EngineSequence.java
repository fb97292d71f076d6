package dev.actr.engine.internal.scheduler;

import dev.actr.engine.internal.CorrelationIdDescriptor;

/**
 * The engine thread's correlation ids (calls, tells and deferred-reply timers of actors), from a sequence of its
 * own so that a replay of the same inputs hands out the same ids (see {@link CorrelationIdDescriptor}).
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class EngineSequence
{
    private long sequence;

    /**
     * @return the next engine correlation id.
     */
    long next()
    {
        return CorrelationIdDescriptor.engineId(++sequence);
    }

    /**
     * Start after {@code base}: a durable node starts each run at a base of its own; a replay sets the base its
     * recording started from.
     *
     * @param base from {@link CorrelationIdDescriptor#baseOf(long)}.
     */
    public void base(final long base)
    {
        sequence = base;
    }
}
